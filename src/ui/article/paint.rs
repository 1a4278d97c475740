//! Painting one paragraph of the article: span fills and underlines by
//! status, the selection, find matches, the compare view's ghosts, the
//! selected claim's and span's outlines.

use std::sync::Arc;

use egui::epaint::text::CharIndex;
use egui::{Galley, Pos2, Rect, Stroke, StrokeKind, pos2, vec2};

use super::{ArticleInput, SpanEntry, SpanIndex};
use crate::ui::theme;
use claimmark_core::model::{CharRange, ReviewStatus};

/// Rectangles (one per row) that a char range covers in a paragraph's galley,
/// shrunk vertically by `pad` to the text itself.
pub(super) fn range_rects(
    galley: &Galley,
    origin: Pos2,
    paragraph: CharRange,
    range: CharRange,
    pad: f32,
) -> Vec<Rect> {
    let mut rects = Vec::new();
    if !(range.overlaps(paragraph) || range.is_empty() && paragraph.contains(range.start())) {
        return rects;
    }
    let local_start = range.start().get().saturating_sub(paragraph.start().get());
    let local_end = range
        .end()
        .get()
        .min(paragraph.end().get())
        .saturating_sub(paragraph.start().get());
    let mut row_start = 0usize;
    for row in &galley.rows {
        let count = row.char_count_excluding_newline().0;
        let row_end = row_start + count;
        let from = local_start.max(row_start);
        let to = local_end.min(row_end);
        if from < to {
            let x0 = row.pos.x + row.x_offset(CharIndex(from - row_start));
            let x1 = row.pos.x + row.x_offset(CharIndex(to - row_start));
            rects.push(Rect::from_min_max(
                origin + vec2(x0, row.min_y() + pad),
                origin + vec2(x1, row.max_y() - pad),
            ));
        }
        row_start += row.char_count_including_newline().0;
        if row_start >= local_end {
            break;
        }
    }
    rects
}

#[allow(clippy::too_many_arguments)] // one paint pass with all it draws
pub(super) fn paint_paragraph(
    painter: &egui::Painter,
    visuals: &egui::Visuals,
    galley: &Arc<Galley>,
    origin: Pos2,
    paragraph: CharRange,
    spans: &SpanIndex,
    input: &ArticleInput<'_>,
    dragging: Option<CharRange>,
    pad: f32,
) {
    let rects = |range: CharRange| range_rects(galley, origin, paragraph, range, pad);
    let text_of_paragraph = CharRange::new(paragraph.start(), paragraph.end().saturating_add(1));
    paint_find_matches(painter, visuals, input, text_of_paragraph, &rects);
    paint_ghosts(
        painter,
        visuals,
        input.ghost_spans,
        text_of_paragraph,
        &rects,
    );
    let here: Vec<&SpanEntry> = spans.overlapping(paragraph).collect();
    // Accepted and corrected spans are filled; proposals only outlined
    // (dashed), rejected ones struck through: the difference shows at a glance.
    for entry in here.iter().filter(|e| e.status.is_kept()) {
        for rect in rects(entry.range) {
            painter.rect_filled(rect, 0.0, entry.fill);
        }
    }
    if let Some(selection) = dragging.or(input.selection) {
        for rect in rects(selection) {
            painter.rect_filled(rect, 0.0, theme::selection_fill(visuals));
        }
    }
    painter.galley(origin, galley.clone(), visuals.strong_text_color());
    for entry in &here {
        let level = entry.level.min(theme::MAX_UNDERLINE_LEVELS);
        for rect in rects(entry.range) {
            let y = rect.bottom() + 1.5 + f32::from(level) * theme::UNDERLINE_STEP;
            let underline = [pos2(rect.left() + 0.5, y), pos2(rect.right() - 0.5, y)];
            match entry.status {
                ReviewStatus::Accepted | ReviewStatus::Corrected => {
                    painter
                        .line_segment(underline, Stroke::new(theme::UNDERLINE_WIDTH, entry.color));
                }
                ReviewStatus::Proposed => {
                    let stroke = Stroke::new(1.5, entry.color);
                    let r = rect.expand(0.5);
                    let outline = closed_outline(r);
                    painter.extend(egui::Shape::dashed_line(&outline, stroke, 4.0, 3.0));
                    painter.extend(egui::Shape::dashed_line(
                        &underline,
                        Stroke::new(theme::UNDERLINE_WIDTH, entry.color),
                        4.0,
                        3.0,
                    ));
                }
                ReviewStatus::Rejected => {
                    let grey = visuals.weak_text_color();
                    let middle = rect.center().y;
                    painter.line_segment(
                        [pos2(rect.left(), middle), pos2(rect.right(), middle)],
                        Stroke::new(1.0, grey),
                    );
                    painter.extend(egui::Shape::dashed_line(
                        &underline,
                        Stroke::new(1.0, grey),
                        2.0,
                        3.0,
                    ));
                }
            }
        }
        if input.claim_spans.contains(&entry.id) {
            for rect in rects(entry.range) {
                painter.rect_stroke(
                    rect.expand(1.0),
                    2.0,
                    Stroke::new(1.5, theme::claim_outline(visuals)),
                    StrokeKind::Outside,
                );
            }
        }
        if Some(entry.id) == input.selected_span {
            for rect in rects(entry.range) {
                painter.rect_stroke(
                    rect.expand(2.0),
                    2.0,
                    Stroke::new(2.0, theme::selected_outline(visuals)),
                    StrokeKind::Outside,
                );
            }
        }
    }
}

/// Spans another annotation has and this one lacks: dotted outlines.
fn paint_ghosts(
    painter: &egui::Painter,
    visuals: &egui::Visuals,
    ghosts: &[CharRange],
    paragraph: CharRange,
    rects: &dyn Fn(CharRange) -> Vec<Rect>,
) {
    for ghost in ghosts.iter().filter(|g| g.overlaps(paragraph)) {
        for rect in rects(*ghost) {
            let r = rect.expand(2.5);
            let outline = closed_outline(r);
            painter.extend(egui::Shape::dotted_line(
                &outline,
                visuals.hyperlink_color,
                4.0,
                1.2,
            ));
        }
    }
}

/// Find matches: filled, the current one outlined.
fn paint_find_matches(
    painter: &egui::Painter,
    visuals: &egui::Visuals,
    input: &ArticleInput<'_>,
    text_of_paragraph: CharRange,
    rects: &dyn Fn(CharRange) -> Vec<Rect>,
) {
    for found in input
        .find_matches
        .iter()
        .filter(|m| m.overlaps(text_of_paragraph))
    {
        let current = Some(*found) == input.current_match;
        for rect in rects(*found) {
            painter.rect_filled(rect.expand(1.0), 2.0, theme::find_match_fill(visuals));
            if current {
                painter.rect_stroke(
                    rect.expand(1.5),
                    2.0,
                    Stroke::new(1.5, theme::warning(visuals)),
                    StrokeKind::Outside,
                );
            }
        }
    }
}

/// The corners of a rectangle as a closed path, for dashed and dotted
/// outlines (egui draws only solid rectangle strokes).
fn closed_outline(r: Rect) -> [Pos2; 5] {
    [
        r.left_top(),
        r.right_top(),
        r.right_bottom(),
        r.left_bottom(),
        r.left_top(),
    ]
}
