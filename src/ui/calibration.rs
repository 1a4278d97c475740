//! The calibration window: for one extractor and claim type, the share of
//! its reviewed claims that were kept, by confidence bucket, beside the
//! diagonal a perfectly calibrated extractor would follow, with the counts.

use egui::{Grid, RichText, Ui};
use egui_plot::{Bar, BarChart, Legend, Line, Plot, PlotPoints};

use claimmark_core::review::calibration::{self, BUCKETS, Calibration};

/// Draws the window's contents; returns whether it stays open.
pub fn calibration_ui(ui: &mut Ui, found: &[Calibration], selected: &mut usize) -> bool {
    ui.heading("Calibration");
    if found.is_empty() {
        ui.label(
            "No reviewed claims with an extractor's confidence yet: review some proposals \
             (Q opens the queue; J, A, X) and look again.",
        );
        return !ui.button("Close").clicked();
    }
    *selected = (*selected).min(found.len() - 1);
    egui::ComboBox::from_label("Extractor and claim type")
        .selected_text(found[*selected].title())
        .show_ui(ui, |ui| {
            for (index, one) in found.iter().enumerate() {
                let text = format!("{} ({} reviewed)", one.title(), one.reviewed());
                ui.selectable_value(selected, index, text);
            }
        });
    let shown = &found[*selected];
    ui.label(
        RichText::new(
            "Bars: the share kept (accepted or corrected) in each confidence bucket. \
             A well-calibrated extractor's bars follow the diagonal.",
        )
        .small(),
    );
    plot_ui(ui, shown);
    counts_ui(ui, shown);
    ui.add_space(8.0);
    !ui.button("Close").clicked()
}

fn plot_ui(ui: &mut Ui, shown: &Calibration) {
    let bars: Vec<Bar> = shown
        .buckets
        .iter()
        .enumerate()
        .filter_map(|(index, bucket)| {
            let rate = bucket.rate()?;
            let (from, to) = calibration::bounds(index);
            Some(
                Bar::new(f64::midpoint(from, to), rate)
                    .width(0.09)
                    .name(format!(
                        "{}: {} of {} kept",
                        calibration::bucket_label(index),
                        bucket.kept,
                        bucket.reviewed
                    )),
            )
        })
        .collect();
    let accent = ui.visuals().selection.bg_fill;
    Plot::new("calibration_plot")
        .height(240.0)
        .default_x_bounds(0.0, 1.0)
        .default_y_bounds(0.0, 1.0)
        .allow_zoom(false)
        .allow_drag(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .x_axis_label("confidence")
        .y_axis_label("kept")
        .legend(Legend::default())
        .show(ui, |plot| {
            plot.bar_chart(BarChart::new("kept share", bars).color(accent));
            plot.line(Line::new(
                "perfectly calibrated",
                PlotPoints::from(vec![[0.0, 0.0], [1.0, 1.0]]),
            ));
        });
}

/// The numbers behind the bars, every bucket with a review.
fn counts_ui(ui: &mut Ui, shown: &Calibration) {
    Grid::new("calibration_counts")
        .striped(true)
        .num_columns(4)
        .show(ui, |ui| {
            for heading in ["Confidence", "Reviewed", "Kept", "Kept share"] {
                ui.label(RichText::new(heading).strong());
            }
            ui.end_row();
            for index in 0..BUCKETS {
                let bucket = shown.buckets[index];
                let Some(rate) = bucket.rate() else {
                    continue;
                };
                ui.label(calibration::bucket_label(index));
                ui.label(bucket.reviewed.to_string());
                ui.label(bucket.kept.to_string());
                ui.label(format!("{:.0} %", rate * 100.0));
                ui.end_row();
            }
        });
}
