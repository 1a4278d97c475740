//! The progress of background work, shown over the window (which keeps
//! drawing, and takes no other input until the work is done or
//! cancelled).

use egui::{Id, ProgressBar};

/// `job`: its title and (done, total).
pub fn job_progress_ui(
    ctx: &egui::Context,
    job: Option<(&str, (u64, u64))>,
    out: &mut crate::command::Commands,
) {
    let Some((title, (done, total))) = job else {
        return;
    };
    egui::Modal::new(Id::unique("job_progress")).show(ctx, |ui| {
        ui.set_min_width(360.0);
        ui.heading(format!("{title}…"));
        let fraction = if total == 0 {
            0.0
        } else {
            done as f32 / total as f32
        };
        ui.add(ProgressBar::new(fraction).show_percentage());
        ui.label(format!("{done} of {total}"));
        let cancel = crate::command::UiCommand::CancelJob;
        if ui
            .button(cancel.label())
            .on_hover_text(cancel.tooltip())
            .clicked()
        {
            out.push(cancel);
        }
    });
    ctx.request_repaint_after(std::time::Duration::from_millis(100));
}
