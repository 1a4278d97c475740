//! The layer rule, checked: the library crate has no GUI dependency, and
//! the panels (`ui`), the view state (`view`) and the command table
//! (`command`) never reach into the app, so there is no circle between the
//! window and its panels.

use std::path::Path;

fn rust_files(folder: &Path, found: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(folder).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, found);
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            found.push(path);
        }
    }
}

#[test]
fn panels_view_state_and_commands_do_not_use_the_app() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    for folder in ["ui", "view", "command"] {
        rust_files(&root.join(folder), &mut files);
    }
    assert!(files.len() > 15, "{files:?}");
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        for (number, line) in text.lines().enumerate() {
            assert!(
                !line.contains("crate::app") && !line.contains("ClaimmarkApp"),
                "{}:{}: a panel must not use the app: {line}",
                file.display(),
                number + 1
            );
        }
    }
}

#[test]
fn the_library_crate_has_no_gui_dependency() {
    let manifest = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("crates/claimmark-core/Cargo.toml"),
    )
    .unwrap();
    for gui in ["egui", "eframe", "rfd"] {
        assert!(
            !manifest
                .lines()
                .any(|line| line.trim_start().starts_with(gui)),
            "claimmark-core depends on {gui}"
        );
    }
}
