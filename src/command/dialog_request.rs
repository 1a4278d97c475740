//! A file dialog the window asks for; the app opens it (behind
//! `app::dialogs`, the one module that calls rfd).

/// What to ask the user for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DialogRequest {
    OpenProject,
    SaveProjectAs {
        suggested_name: String,
    },
    AddArticles,
    /// A project or claims file to compare the current one with.
    CompareWith,
    ImportClaims,
    /// Other tools' annotation files (brat, Label Studio, doccano, Prodigy,
    /// `INCEpTION`).
    ImportAnnotations,
    ExportClaims {
        suggested_name: String,
        choice: super::ExportChoice,
    },
    /// A folder for gold fixtures.
    ExportFixtures {
        choice: super::ExportChoice,
    },
    /// A folder for a dataset in `format` (`claimmark dataset`).
    ExportDataset {
        format: claimmark_core::dataset::Format,
    },
    /// A file for the claims ledger (`claimmark ledger --json/--csv`).
    ExportLedger {
        format: claimmark_core::ledger::LedgerFormat,
        suggested_name: String,
    },
}

impl DialogRequest {
    /// The kind of file it asks for: the last folder is remembered per kind.
    pub fn kind(&self) -> &'static str {
        match self {
            Self::OpenProject | Self::SaveProjectAs { .. } => "project",
            Self::AddArticles => "articles",
            Self::CompareWith => "compare",
            Self::ImportClaims | Self::ExportClaims { .. } => "claims",
            Self::ImportAnnotations => "annotations",
            Self::ExportFixtures { .. } => "fixtures",
            Self::ExportDataset { .. } => "dataset",
            Self::ExportLedger { .. } => "ledger",
        }
    }

    /// The extensions its files have (empty: any), for completing a typed path.
    pub fn extensions(&self) -> &'static [&'static str] {
        match self {
            Self::OpenProject | Self::SaveProjectAs { .. } => &["ron"],
            Self::AddArticles => &["txt"],
            Self::CompareWith => &["ron", "jsonl"],
            Self::ImportClaims | Self::ExportClaims { .. } => &["jsonl"],
            Self::ImportAnnotations => &["ann", "txt", "json", "jsonl", "tsv", "xmi"],
            Self::ExportFixtures { .. } | Self::ExportDataset { .. } => &[],
            Self::ExportLedger { format, .. } => match format {
                claimmark_core::ledger::LedgerFormat::Json => &["json"],
                claimmark_core::ledger::LedgerFormat::Csv => &["csv"],
            },
        }
    }

    pub fn title(&self) -> &'static str {
        match self {
            Self::OpenProject => "Open project",
            Self::SaveProjectAs { .. } => "Save project as",
            Self::AddArticles => "Add articles",
            Self::CompareWith => "Compare with",
            Self::ImportClaims => "Import claims",
            Self::ImportAnnotations => "Import annotations",
            Self::ExportClaims { .. } => "Export claims",
            Self::ExportFixtures { .. } => "Folder for gold fixtures",
            Self::ExportDataset { .. } => "Folder for the dataset",
            Self::ExportLedger { .. } => "Export the claims ledger",
        }
    }
}
