//! What the documents list shows of each document's review (proposals
//! reviewed, orphans), counted once per project revision rather than
//! every frame: a project of 1,000 documents made it a fifth of a frame.

use claimmark_core::Project;

/// One document's review figures.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DocumentSummary {
    pub reviewed: usize,
    /// Everything a machine proposed, reviewed or not.
    pub proposed: usize,
    /// Arguments not re-attached on import.
    pub orphans: usize,
}

/// The figures of every document, in project order.
#[derive(Debug, Default)]
pub struct DocumentSummaries {
    counted_at: Option<u64>,
    rows: Vec<DocumentSummary>,
}

impl DocumentSummaries {
    pub fn refresh(&mut self, project: &Project, revision: u64) {
        if self.counted_at == Some(revision) && self.rows.len() == project.documents.len() {
            return;
        }
        self.rows = project
            .documents
            .iter()
            .map(|doc| {
                let (reviewed, proposed) = claimmark_core::review::progress(doc);
                DocumentSummary {
                    reviewed,
                    proposed,
                    orphans: doc.claims().iter().map(|c| c.orphans.len()).sum(),
                }
            })
            .collect();
        self.counted_at = Some(revision);
    }

    /// Forgets the figures, as when another project is opened.
    pub fn reset(&mut self) {
        self.counted_at = None;
        self.rows.clear();
    }

    /// The figures of the `index`th document.
    pub fn get(&self, index: usize) -> DocumentSummary {
        self.rows.get(index).copied().unwrap_or_default()
    }
}
