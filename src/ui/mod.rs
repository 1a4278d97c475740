//! The window's panels. Each reads state and emits commands; none changes
//! the project itself.

pub mod article;
pub mod calibration;
pub mod central;
pub mod claim_sentence;
pub mod compare;
pub mod conflicts;
pub mod documents;
pub mod draft;
pub mod entities;
pub mod export_dataset;
pub mod form;
pub mod format;
pub mod history;
pub mod import_preview;
pub mod ledger;
pub mod menu;
pub mod modals;
pub mod orphans;
pub mod palette;
pub mod pickers;
pub mod preferences;
pub mod progress;
pub mod queue;
pub mod schema_editor;
pub mod status_bar;
pub mod text_buffers;
pub mod theme;
pub mod timeline;
pub mod value_editor;

/// A floating tool window of `size` at first, closable, kept below the
/// menu bar so it never covers the menus.
pub fn tool_window<'open>(
    ctx: &egui::Context,
    title: &'static str,
    open: &'open mut bool,
    size: [f32; 2],
) -> egui::Window<'open> {
    let mut area = ctx.content_rect();
    area.min.y += 32.0;
    egui::Window::new(title)
        .open(open)
        .constrain_to(area)
        .default_size(size)
}
