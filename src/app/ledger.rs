//! The claims ledger in the window: kept up to date while a window shows
//! it, exported as the command line does, and its quotes opened.

use claimmark_core::ledger::LedgerFormat;
use claimmark_core::model::{ClaimId, DocId};

use super::ClaimmarkApp;
use crate::view::LedgerCache;

impl ClaimmarkApp {
    /// Builds the ledger when a window first needs it, then re-reads the
    /// documents each edit changed; dropped when no window shows it.
    pub(super) fn refresh_ledger(&mut self) {
        let wanted = self.ledger_window.open || self.entities_window.open;
        if !wanted {
            self.ledger = None;
            self.ledger_changes.everything();
            return;
        }
        let revision = self.session.history().revision();
        let project = self.session.project();
        if let Some(cache) = &mut self.ledger {
            cache.refresh(project, revision, &mut self.ledger_changes);
        } else {
            self.ledger = Some(LedgerCache::build(project, revision));
            self.ledger_changes = crate::view::LedgerChanges::default();
        }
    }

    /// Another project is open: its ledger is read afresh.
    pub(super) fn forget_ledger(&mut self) {
        self.ledger = None;
        self.ledger_changes.everything();
        self.ledger_window.forget_project();
    }

    /// Opens the document at the claim, selects it and scrolls its quote
    /// into view.
    pub(super) fn go_to_claim(&mut self, doc: &DocId, claim: ClaimId) {
        self.go_to_document(doc);
        let project = self.session.project();
        let Some(index) = project.document_index(doc) else {
            return;
        };
        if project.documents[index].claim(claim).is_none() {
            self.set_error_status(format!("Claim {claim} of {doc} is gone."));
            return;
        }
        let quote = claimmark_core::ledger::quote(
            project,
            &claimmark_core::ledger::ClaimRef {
                doc: index,
                doc_id: doc.clone(),
                claim,
            },
        );
        self.view.claim = Some(claim);
        self.view.span = None;
        self.view.selection = None;
        self.view.scroll_to = quote.map(|q| q.range);
    }

    /// Writes the ledger to `path` (never onto the project file).
    pub(super) fn export_ledger_to(&mut self, path: &std::path::Path, format: LedgerFormat) {
        let project = self.session.project();
        let ledger = claimmark_core::ledger::Ledger::build(
            project,
            claimmark_core::ledger::LedgerOptions::default(),
        );
        let report = ledger.report(project);
        let inputs: Vec<&std::path::Path> = self.session.path().into_iter().collect();
        let written = claimmark_core::storage::paths::refuse_own_input(path, &inputs)
            .map_err(|e| e.to_string())
            .and_then(|()| {
                claimmark_core::ledger::write_file(project, &report, format, path)
                    .map_err(|e| e.to_string())
            });
        match written {
            Ok(()) => self.set_status(format!(
                "Wrote the claims ledger to {}: {} facts, {} problems.",
                path.display(),
                report.facts.len(),
                report.problems.len()
            )),
            Err(error) => self.show_error("Could not export the ledger", &error),
        }
    }
}
