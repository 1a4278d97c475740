//! The claims ledger as the window shows it: built once, then re-read one
//! document at a time as the analyst edits.

use std::collections::BTreeSet;

use claimmark_core::ledger::timeline::{self, CountPoint};
use claimmark_core::ledger::{Ledger, LedgerOptions, Report};
use claimmark_core::model::{DocId, Project};

/// The ledger of the project at `revision`, read out for the panels.
pub struct LedgerCache {
    pub ledger: Ledger,
    pub report: Report,
    pub points: Vec<CountPoint>,
    pub revision: u64,
}

impl LedgerCache {
    pub fn build(project: &Project, revision: u64) -> Self {
        let ledger = Ledger::build(project, LedgerOptions::default());
        Self::read_out(project, ledger, revision)
    }

    fn read_out(project: &Project, ledger: Ledger, revision: u64) -> Self {
        Self {
            report: ledger.report(project),
            points: timeline::count_points(project, &ledger),
            ledger,
            revision,
        }
    }

    /// Brings the ledger to `revision`: the documents `changes` names are
    /// read again; anything else (or changes nobody recorded) reads the
    /// whole project.
    pub fn refresh(&mut self, project: &Project, revision: u64, changes: &mut LedgerChanges) {
        if revision == self.revision && !changes.everything {
            changes.clear();
            return;
        }
        let ledger = std::mem::take(&mut self.ledger);
        let ledger = match (changes.recorded && !changes.everything, ledger) {
            (true, mut ledger) => {
                for doc in &changes.documents {
                    ledger.update(project, doc);
                }
                ledger
            }
            (false, _) => Ledger::build(project, LedgerOptions::default()),
        };
        changes.clear();
        *self = Self::read_out(project, ledger, revision);
    }
}

/// What changed since the ledger was last read.
#[derive(Debug, Default)]
pub struct LedgerChanges {
    recorded: bool,
    everything: bool,
    documents: BTreeSet<DocId>,
}

impl LedgerChanges {
    /// An edit (or undo, redo) changed these documents; `None`: the
    /// project as a whole.
    pub fn record(&mut self, documents: Option<Vec<DocId>>) {
        self.recorded = true;
        match documents {
            Some(documents) => self.documents.extend(documents),
            None => self.everything = true,
        }
    }

    /// Another project was opened, or it was replaced from disk.
    pub fn everything(&mut self) {
        self.recorded = true;
        self.everything = true;
    }

    fn clear(&mut self) {
        *self = Self::default();
    }
}
