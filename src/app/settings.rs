//! The user's settings: recent projects and the analyst's name.
//! Kept in the platform's config folder as RON; tests keep them in memory.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use claimmark_core::storage::atomic;

/// How many recent projects the File menu lists.
const RECENT_LIMIT: usize = 10;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    pub recent_projects: Vec<PathBuf>,
    /// The analyst's name, recorded as reviewer in provenance.
    pub analyst: String,
    /// `Some(true)` dark, `Some(false)` light, `None` the system's.
    pub dark_mode: Option<bool>,
    /// The analyst's own extractor command, run when the project names
    /// none.
    pub extractor_command: Vec<String>,
    /// Extractor commands named by projects that the analyst has seen and
    /// allowed, each for one project file: asked again when either changes.
    pub allowed_extractors: Vec<AllowedExtractor>,
    /// Where the analyst was in each project's review queue.
    pub queue_positions: Vec<QueuePosition>,
    /// The window's size when it was last closed, in points.
    pub window_size: Option<[u16; 2]>,
    /// The folder last used for each kind of file (`DialogRequest::kind`).
    pub last_folders: std::collections::BTreeMap<String, PathBuf>,
}

/// How many projects' queue positions are kept.
const QUEUE_POSITIONS_LIMIT: usize = 50;

/// The review queue's row in one project, kept between runs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueuePosition {
    pub project: PathBuf,
    /// The row: its document and proposal (`c5` a claim, `s3` a span).
    pub doc: String,
    pub proposal: String,
    /// Its place among the rows shown, for when it is gone (decided).
    pub index: usize,
    /// Whether the queue was open.
    pub open: bool,
}

/// A project's extractor command the analyst allowed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AllowedExtractor {
    pub project: PathBuf,
    pub command: Vec<String>,
}

impl Settings {
    /// Puts a project first in the recent list.
    pub fn remember(&mut self, path: &Path) {
        let path = path.canonicalize().unwrap_or_else(|_| path.to_owned());
        self.recent_projects.retain(|p| p != &path);
        self.recent_projects.insert(0, path);
        self.recent_projects.truncate(RECENT_LIMIT);
    }

    /// Whether the analyst allowed this command for this project.
    pub fn allows(&self, project: &Path, command: &[String]) -> bool {
        let project = project
            .canonicalize()
            .unwrap_or_else(|_| project.to_owned());
        self.allowed_extractors
            .iter()
            .any(|allowed| allowed.project == project && allowed.command == command)
    }

    /// Allows a project's command from now on (replacing what the project
    /// was allowed before).
    pub fn allow(&mut self, project: &Path, command: &[String]) {
        let project = project
            .canonicalize()
            .unwrap_or_else(|_| project.to_owned());
        self.allowed_extractors
            .retain(|allowed| allowed.project != project);
        self.allowed_extractors.push(AllowedExtractor {
            project,
            command: command.to_vec(),
        });
    }

    /// The queue position kept for a project.
    pub fn queue_position(&self, project: &Path) -> Option<&QueuePosition> {
        let project = project
            .canonicalize()
            .unwrap_or_else(|_| project.to_owned());
        self.queue_positions.iter().find(|p| p.project == project)
    }

    /// Keeps a project's queue position (most recent first).
    pub fn set_queue_position(&mut self, mut position: QueuePosition) {
        position.project = position
            .project
            .canonicalize()
            .unwrap_or_else(|_| position.project.clone());
        self.queue_positions
            .retain(|p| p.project != position.project);
        self.queue_positions.insert(0, position);
        self.queue_positions.truncate(QUEUE_POSITIONS_LIMIT);
    }

    pub fn forget(&mut self, path: &Path) {
        self.recent_projects.retain(|p| p != path);
    }
}

/// Where settings live on this machine, if the platform says.
pub fn default_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "claimmark")
        .map(|dirs| dirs.config_dir().join("settings.ron"))
}

/// Folder for recovery copies of untitled projects.
pub fn default_data_folder() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "claimmark").map(|dirs| dirs.data_dir().to_owned())
}

/// Reads settings; a missing or unreadable file gives the defaults (and a
/// log line), never an error that stops the app.
pub fn load(path: &Path) -> Settings {
    let read = claimmark_core::storage::input::read_limited(
        path,
        claimmark_core::storage::input::MAX_SMALL_FILE_BYTES,
        "settings files",
    )
    .and_then(|bytes| String::from_utf8(bytes).map_err(std::io::Error::other));
    match read {
        Ok(text) => ron::from_str(&text).unwrap_or_else(|error| {
            tracing::warn!("ignoring unreadable settings {}: {error}", path.display());
            Settings::default()
        }),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Settings::default(),
        Err(error) => {
            tracing::warn!("could not read settings {}: {error}", path.display());
            Settings::default()
        }
    }
}

pub fn save(path: &Path, settings: &Settings) -> std::io::Result<()> {
    if let Some(folder) = path.parent() {
        std::fs::create_dir_all(folder)?;
    }
    let text = ron::ser::to_string_pretty(settings, ron::ser::PrettyConfig::new())
        .map_err(std::io::Error::other)?;
    atomic::write_atomic(path, text.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recent_projects_are_most_recent_first_and_unique() {
        let mut settings = Settings::default();
        for name in ["/a.ron", "/b.ron", "/a.ron"] {
            settings.remember(Path::new(name));
        }
        assert_eq!(
            settings.recent_projects,
            vec![PathBuf::from("/a.ron"), PathBuf::from("/b.ron")]
        );
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("deep/settings.ron");
        save(&path, &settings).unwrap();
        assert_eq!(load(&path), settings);
        std::fs::write(&path, "garbage(").unwrap();
        assert_eq!(load(&path), Settings::default());
    }

    #[test]
    fn the_window_size_and_theme_survive_a_save() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("settings.ron");
        let settings = Settings {
            window_size: Some([1400, 900]),
            dark_mode: Some(false),
            ..Settings::default()
        };
        save(&path, &settings).unwrap();
        assert_eq!(load(&path), settings);
    }

    #[test]
    fn an_allowed_extractor_is_asked_about_again_when_its_command_or_project_changes() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a.ron"), dir.path().join("b.ron"));
        std::fs::write(&a, "").unwrap();
        let command = vec!["python3".to_owned(), "extract.py".to_owned()];
        let mut settings = Settings::default();
        assert!(!settings.allows(&a, &command));
        settings.allow(&a, &command);
        assert!(settings.allows(&a, &command));
        assert!(!settings.allows(&b, &command), "another project");
        assert!(
            !settings.allows(&a, &["python3".to_owned(), "other.py".to_owned()]),
            "another command"
        );
        // Allowing a new command for a project replaces the old one.
        settings.allow(&a, &["sh".to_owned()]);
        assert!(!settings.allows(&a, &command));
        assert_eq!(settings.allowed_extractors.len(), 1);
        let path = dir.path().join("settings.ron");
        save(&path, &settings).unwrap();
        assert_eq!(load(&path), settings);
    }
}
