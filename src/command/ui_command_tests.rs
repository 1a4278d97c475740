//! The command table's own rules: unique shortcuts, labels, menus.

use super::*;

#[test]
fn shortcuts_are_unique() {
    let mut seen = Vec::new();
    for (shortcut, command) in shortcut_table() {
        assert!(
            !seen.contains(shortcut),
            "{} reuses a shortcut",
            command.label()
        );
        seen.push(*shortcut);
    }
    assert!(seen.len() > 30);
}

#[test]
fn labels_that_ask_for_more_end_in_an_ellipsis() {
    for command in UiCommand::ALL {
        let asks_for_more = matches!(
            command,
            UiCommand::OpenProject
                | UiCommand::SaveProjectAs
                | UiCommand::AddArticles
                | UiCommand::EditSchema
                | UiCommand::Find
                | UiCommand::PickClaimType
                | UiCommand::PickRole
                | UiCommand::EditPreferences
                | UiCommand::ShowEntities
                | UiCommand::ShowLedger
                | UiCommand::ShowCalibration
                | UiCommand::OpenCompare
                | UiCommand::ImportClaims
                | UiCommand::ImportAnnotations
                | UiCommand::ExportClaims
                | UiCommand::ExportDataset
                | UiCommand::AcceptAllShown
                | UiCommand::RejectAllShown
                | UiCommand::CommandPalette
        );
        assert_eq!(
            command.label().ends_with('…'),
            asks_for_more,
            "{}",
            command.label()
        );
    }
}

#[test]
fn the_file_menu_is_in_the_usual_order() {
    let file: Vec<&str> = UiCommand::ALL
        .iter()
        .filter(|c| c.menu() == Some(Menu::File))
        .map(|c| c.label())
        .collect();
    assert_eq!(
        file,
        [
            "New project",
            "Open project…",
            "Save",
            "Save as…",
            "Add articles…",
            "Import claims…",
            "Import annotations…",
            "Export claims…",
            "Export dataset…",
            "Compare with…",
            "Quit"
        ]
    );
}

#[test]
fn all_lists_every_command_once() {
    for (i, command) in UiCommand::ALL.iter().enumerate() {
        assert!(
            !UiCommand::ALL[i + 1..].contains(command),
            "{command:?} twice"
        );
    }
}

#[test]
fn a_command_that_needs_a_proposal_says_so() {
    let state = CommandState::default();
    assert!(UiCommand::AcceptProposal.disabled_reason(&state).is_some());
    let state = CommandState {
        has_proposal: true,
        ..state
    };
    assert_eq!(UiCommand::AcceptProposal.disabled_reason(&state), None);
}
