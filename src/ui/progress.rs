//! The progress of background work, shown over the window (which keeps
//! drawing, and takes no other input until the work is done).

use egui::{Id, ProgressBar};

use crate::app::jobs::Job;

pub fn job_progress_ui(ctx: &egui::Context, job: Option<&Job>) {
    let Some(job) = job else { return };
    let (done, total) = job.progress();
    egui::Modal::new(Id::unique("job_progress")).show(ctx, |ui| {
        ui.set_min_width(360.0);
        ui.heading(format!("{}…", job.title));
        let fraction = if total == 0 {
            0.0
        } else {
            done as f32 / total as f32
        };
        ui.add(ProgressBar::new(fraction).show_percentage());
        ui.label(format!("{done} of {total}"));
    });
    ctx.request_repaint_after(std::time::Duration::from_millis(100));
}
