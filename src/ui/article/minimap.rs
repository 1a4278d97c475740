//! Where the spans and proposals are along the whole document: a strip
//! beside the scroll bar with a tick per pixel row that holds spans (the
//! proposals' colour wins), the part in view outlined. Clicking or dragging
//! on it scrolls there. On a 1 MB article the scroll bar's thumb is small;
//! the strip says where the work is.

use egui::{Rect, Stroke, StrokeKind, pos2};

use super::{ParagraphLayout, SpanIndex};
use claimmark_core::model::ReviewStatus;

/// The strip's width in points.
pub(super) const WIDTH: f32 = 8.0;

/// What a pixel row of the strip holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Mark {
    None,
    Kept,
    Proposed,
}

/// The marks per pixel row, for one span index and layout height.
#[derive(Default)]
pub(super) struct Minimap {
    key: Option<(u64, u32, u32)>,
    rows: Vec<Mark>,
}

impl Minimap {
    /// Recomputes the rows when the spans, the strip's height or the
    /// layout's height changed (not every frame: 20,000 spans).
    fn refresh(&mut self, spans: &SpanIndex, layout: &ParagraphLayout, height: f32) {
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // pixels
        let key = (
            spans.revision,
            height.max(1.0) as u32,
            layout.total_height().max(1.0) as u32,
        );
        if self.key == Some(key) {
            return;
        }
        self.key = Some(key);
        let rows = key.1 as usize;
        self.rows = vec![Mark::None; rows];
        let total = layout.total_height().max(1.0);
        for entry in &spans.entries {
            let mark = match entry.status {
                ReviewStatus::Proposed => Mark::Proposed,
                ReviewStatus::Accepted | ReviewStatus::Corrected => Mark::Kept,
                ReviewStatus::Rejected => continue,
            };
            let paragraph = layout.paragraph_of(entry.range.start());
            let y = layout.tops.get(paragraph).copied().unwrap_or(0.0) / total;
            #[allow(
                clippy::cast_possible_truncation,
                clippy::cast_sign_loss,
                clippy::cast_precision_loss
            )]
            let row = ((y * rows as f32) as usize).min(rows.saturating_sub(1));
            if let Some(slot) = self.rows.get_mut(row) {
                *slot = (*slot).max(mark);
            }
        }
    }

    /// Paints the strip in `rect`; `view` is the fraction of the document
    /// in view (top, bottom). Returns how many rows are marked.
    pub(super) fn paint(
        &mut self,
        painter: &egui::Painter,
        visuals: &egui::Visuals,
        rect: Rect,
        (spans, layout): (&SpanIndex, &ParagraphLayout),
        view: (f32, f32),
    ) -> usize {
        self.refresh(spans, layout, rect.height());
        painter.rect_filled(rect, 0.0, visuals.extreme_bg_color);
        let kept = visuals.weak_text_color();
        let proposed = super::theme::warning(visuals);
        let mut marked = 0;
        for (row, mark) in self.rows.iter().enumerate() {
            let color = match mark {
                Mark::None => continue,
                Mark::Kept => kept,
                Mark::Proposed => proposed,
            };
            marked += 1;
            #[allow(clippy::cast_precision_loss)] // pixel rows
            let y = rect.top() + row as f32 + 0.5;
            painter.line_segment(
                [pos2(rect.left() + 1.0, y), pos2(rect.right() - 1.0, y)],
                Stroke::new(1.0, color),
            );
        }
        let top = rect.top() + view.0 * rect.height();
        let bottom = (rect.top() + view.1 * rect.height()).max(top + 3.0);
        let in_view = Rect::from_x_y_ranges(rect.x_range(), top..=bottom);
        painter.rect_stroke(
            in_view,
            1.0,
            Stroke::new(1.0, visuals.strong_text_color().gamma_multiply(0.6)),
            StrokeKind::Inside,
        );
        marked
    }
}
