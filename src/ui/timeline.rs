//! Timelines drawn with `egui_plot`: x the date, y a number (with its range
//! as an error bar) or a row per event kind. A date known only to the
//! month or year is drawn as a bar across that month or year, never as a
//! made-up day; hovering shows the quote, clicking returns the claim.

use egui::{Color32, Pos2, Stroke, Ui};
use egui_plot::{Legend, Plot, PlotPoint, PlotPoints, Points};

use claimmark_core::ledger::ClaimRef;
use claimmark_core::ledger::timeline::UNIX_EPOCH_JULIAN_DAY;
use claimmark_core::model::Project;

/// One thing on a timeline.
#[derive(Debug, Clone)]
pub struct Mark {
    /// The days the date covers (Julian day numbers).
    pub first_day: i32,
    pub last_day: i32,
    pub y: f64,
    /// The range of `y` the text allows; `None` above: no upper bound.
    pub low: f64,
    pub high: Option<f64>,
    /// Index into the series names.
    pub series: usize,
    pub claim: ClaimRef,
    /// One line for the tooltip: "1,184 · as of 2025-09-18".
    pub label: String,
}

const COLORS: [Color32; 8] = [
    Color32::from_rgb(0x4e, 0x79, 0xa7),
    Color32::from_rgb(0xf2, 0x8e, 0x2b),
    Color32::from_rgb(0xe1, 0x57, 0x59),
    Color32::from_rgb(0x59, 0xa1, 0x4f),
    Color32::from_rgb(0xb0, 0x7a, 0xa1),
    Color32::from_rgb(0x76, 0xb7, 0xb2),
    Color32::from_rgb(0xed, 0xc9, 0x48),
    Color32::from_rgb(0x9c, 0x75, 0x5f),
];

fn color(series: usize) -> Color32 {
    COLORS[series % COLORS.len()]
}

/// Days since 1970, the plot's x.
fn x_of(julian_day: i32) -> f64 {
    f64::from(julian_day - UNIX_EPOCH_JULIAN_DAY)
}

/// "2025-09-18" for a plot x.
fn date_of(x: f64) -> String {
    #[allow(clippy::cast_possible_truncation)] // plot days are far inside i32
    let julian = x.round() as i32 + UNIX_EPOCH_JULIAN_DAY;
    time::Date::from_julian_day(julian)
        .map(claimmark_core::model::format_day)
        .unwrap_or_default()
}

/// How the y axis reads: numbers, or one row per name.
pub enum YAxis<'a> {
    Numbers,
    Rows(&'a [String]),
}

/// Draws the marks; returns the claim of a mark the analyst clicked.
pub fn timeline_ui(
    ui: &mut Ui,
    id: &str,
    project: &Project,
    marks: &[Mark],
    series: &[String],
    y_axis: &YAxis<'_>,
) -> Option<ClaimRef> {
    let mut plot = Plot::new(id)
        .height(ui.available_height().clamp(180.0, 420.0))
        .legend(Legend::default())
        .x_axis_formatter(|mark, _| date_of(mark.value))
        .label_formatter(|_| None);
    if let YAxis::Rows(rows) = y_axis {
        let rows: Vec<String> = rows.to_vec();
        plot = plot.y_axis_formatter(move |mark, _| {
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            let row = mark.value.round() as usize;
            if (mark.value - mark.value.round()).abs() < 1e-6 {
                rows.get(row).cloned().unwrap_or_default()
            } else {
                String::new()
            }
        });
    }
    let response = plot.show(ui, |plot_ui| {
        for (index, name) in series.iter().enumerate() {
            // Only dates known to the day get a point; others, a bar.
            let points: Vec<[f64; 2]> = marks
                .iter()
                .filter(|m| m.series == index && m.first_day == m.last_day)
                .map(|m| [x_of(m.first_day), m.y])
                .collect();
            plot_ui.points(
                Points::new(name.as_str(), PlotPoints::from(points))
                    .color(color(index))
                    .radius(4.0)
                    .filled(true),
            );
        }
    });
    let transform = response.transform;
    let clip = response.response.rect;
    let painter = ui.painter().with_clip_rect(clip);
    let screen = |x: f64, y: f64| transform.position_from_point(&PlotPoint::new(x, y));
    let mut nearest: Option<(f32, &Mark)> = None;
    let hover = response.response.hover_pos();
    for mark in marks {
        let stroke = Stroke::new(3.0, color(mark.series));
        let start = screen(x_of(mark.first_day), mark.y);
        let end = screen(x_of(mark.last_day + 1), mark.y);
        if mark.first_day != mark.last_day {
            painter.line_segment([start, end], stroke);
        }
        let middle = Pos2::new(f32::midpoint(start.x, end.x), start.y);
        let x = if mark.first_day == mark.last_day {
            start.x
        } else {
            middle.x
        };
        let thin = Stroke::new(1.5, color(mark.series));
        let low = screen(0.0, mark.low).y;
        let top = mark.high.map_or(clip.top(), |high| screen(0.0, high).y);
        if (low - top).abs() > 1.0 {
            painter.line_segment([Pos2::new(x, low), Pos2::new(x, top)], thin);
            painter.line_segment([Pos2::new(x - 4.0, low), Pos2::new(x + 4.0, low)], thin);
            if mark.high.is_some() {
                painter.line_segment([Pos2::new(x - 4.0, top), Pos2::new(x + 4.0, top)], thin);
            }
        }
        if let Some(pointer) = hover {
            let dx = if pointer.x < start.x.min(end.x) - 0.0 {
                start.x - pointer.x
            } else if pointer.x > end.x.max(start.x) && mark.first_day != mark.last_day {
                pointer.x - end.x
            } else if mark.first_day == mark.last_day {
                (pointer.x - start.x).abs()
            } else {
                0.0
            };
            let distance = dx.hypot(pointer.y - start.y);
            if distance < 10.0 && nearest.is_none_or(|(d, _)| distance < d) {
                nearest = Some((distance, mark));
            }
        }
    }
    let hovered = nearest.map(|(_, mark)| mark);
    if let Some(mark) = hovered {
        mark_tooltip(&response.response, project, mark);
    }
    if response.response.clicked() {
        return hovered.map(|mark| mark.claim.clone());
    }
    None
}

/// The mark's label, document, date and quote, at the pointer.
fn mark_tooltip(response: &egui::Response, project: &Project, mark: &Mark) {
    let quote = claimmark_core::ledger::quote(project, &mark.claim);
    response.clone().on_hover_ui_at_pointer(|ui| {
        ui.set_max_width(420.0);
        ui.strong(&mark.label);
        ui.label(format!(
            "{}{}",
            mark.claim.doc_id,
            quote
                .as_ref()
                .and_then(|q| q.published)
                .map(|d| format!(", published {}", claimmark_core::model::format_day(d)))
                .unwrap_or_default()
        ));
        if let Some(quote) = &quote {
            ui.label(format!("“{}”", shorten(&quote.text, 300)));
        }
        ui.weak("Click to open it in the article.");
    });
}

/// At most `chars` characters, with "…" where it was cut.
pub fn shorten(text: &str, chars: usize) -> String {
    if text.chars().count() <= chars {
        return text.to_owned();
    }
    let mut cut: String = text.chars().take(chars).collect();
    cut.push('…');
    cut
}
