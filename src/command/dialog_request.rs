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
    ExportClaims {
        suggested_name: String,
        choice: super::ExportChoice,
    },
    /// A folder for gold fixtures.
    ExportFixtures {
        choice: super::ExportChoice,
    },
}

impl DialogRequest {
    pub fn title(&self) -> &'static str {
        match self {
            Self::OpenProject => "Open project",
            Self::SaveProjectAs { .. } => "Save project as",
            Self::AddArticles => "Add articles",
            Self::CompareWith => "Compare with",
            Self::ImportClaims => "Import claims",
            Self::ExportClaims { .. } => "Export claims",
            Self::ExportFixtures { .. } => "Folder for gold fixtures",
        }
    }
}
