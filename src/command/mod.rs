//! What the user can ask the window to do. Panels, menus, the keyboard,
//! dialogs and modals push [`Command`]s; only the app's execute step
//! carries them out. A command is a fixed [`UiCommand`] (label, shortcut,
//! menu place, enabled, from one table) or an [`Action`] carrying data.

mod action;
mod dialog_request;
mod ui_command;

pub use action::{Action, ExportChoice, OrphanFix};
pub use dialog_request::DialogRequest;
pub use ui_command::{CommandState, Menu, UiCommand, is_typing_key, shortcut_table};

#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    Ui(UiCommand),
    Action(Action),
}

impl From<UiCommand> for Command {
    fn from(command: UiCommand) -> Self {
        Self::Ui(command)
    }
}

impl From<Action> for Command {
    fn from(action: Action) -> Self {
        Self::Action(action)
    }
}

/// The commands a frame asked for, in order.
#[derive(Debug, Default)]
pub struct Commands(Vec<Command>);

impl Commands {
    pub fn push(&mut self, command: impl Into<Command>) {
        self.0.push(command.into());
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn extend(&mut self, more: Self) {
        self.0.extend(more.0);
    }

    /// Takes every command out, leaving none.
    pub fn take(&mut self) -> Vec<Command> {
        std::mem::take(&mut self.0)
    }
}
