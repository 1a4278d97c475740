//! The selected claim read in place: an arc from its trigger to each
//! argument, with the role's name on it. Only the selected claim is drawn,
//! so the text stays calm; an argument off screen gets a short arrow at the
//! view's edge with its role and the way to scroll.

use egui::epaint::QuadraticBezierShape;
use egui::{Align2, Color32, FontId, Pos2, Rect, Stroke, pos2, vec2};

use super::DrawnParagraph;
use super::paint::range_rects;
use claimmark_core::model::{CharRange, Document, SpanId};

/// The selected claim's anchor (its trigger, or first argument) and the
/// other arguments, each with its role's name.
#[derive(Debug, Clone, Copy)]
pub struct ClaimLinks<'a> {
    pub anchor: SpanId,
    pub arguments: &'a [(String, SpanId)],
}

/// Where a range was drawn this frame: its first row.
fn first_rect(drawn: &[DrawnParagraph], range: CharRange) -> Option<Rect> {
    drawn.iter().find_map(|paragraph| {
        range_rects(
            &paragraph.galley,
            paragraph.origin,
            paragraph.range,
            range,
            paragraph.pad,
        )
        .into_iter()
        .next()
    })
}

/// One arc drawn: its role, where the name went, where it ends, and
/// whether the argument is on screen (else the arc points at the edge).
#[derive(Debug, Clone, PartialEq)]
pub struct DrawnConnector {
    pub role: String,
    pub label_at: Pos2,
    pub end: Pos2,
    pub on_screen: bool,
}

/// Paints the arcs; returns what it drew (nothing when the anchor is off
/// screen).
pub(super) fn paint_connectors(
    painter: &egui::Painter,
    visuals: &egui::Visuals,
    drawn: &[DrawnParagraph],
    doc: &Document,
    links: ClaimLinks<'_>,
) -> Vec<DrawnConnector> {
    let mut out = Vec::new();
    let Some(anchor) = doc
        .span(links.anchor)
        .and_then(|span| first_rect(drawn, span.range))
    else {
        return out;
    };
    let color = super::theme::claim_outline(visuals);
    let stroke = Stroke::new(1.5, color);
    let font = FontId::proportional(11.0);
    let clip = painter.clip_rect();
    let start = anchor.center_top();
    for (role, span) in links.arguments {
        if *span == links.anchor {
            continue;
        }
        let Some(range) = doc.span(*span).map(|s| s.range) else {
            continue;
        };
        // Off screen: point at the edge it lies beyond.
        let (end, shown) = if let Some(rect) = first_rect(drawn, range) {
            (rect.center_top(), true)
        } else {
            let below = drawn.last().is_some_and(|p| range.start() >= p.range.end());
            let y = if below {
                clip.bottom() - 4.0
            } else {
                clip.top() + 4.0
            };
            (pos2(start.x, y), false)
        };
        // Arc above both ends; higher the farther apart they are.
        let lift = 12.0 + (end.x - start.x).abs().min(400.0) * 0.06;
        let top = start.y.min(end.y) - lift;
        let control = pos2(f32::midpoint(start.x, end.x), top);
        painter.add(QuadraticBezierShape::from_points_stroke(
            [start, control, end],
            false,
            Color32::TRANSPARENT,
            stroke,
        ));
        painter.circle_filled(end, 2.5, color);
        let label = if shown {
            role.clone()
        } else if end.y > start.y {
            format!("{role} (below)")
        } else {
            format!("{role} (above)")
        };
        let at = pos2(control.x, f32::midpoint(control.y, start.y.min(end.y)));
        out.push(DrawnConnector {
            role: role.clone(),
            label_at: at,
            end,
            on_screen: shown,
        });
        let galley = painter.layout_no_wrap(label, font.clone(), color);
        let rect = Align2::CENTER_CENTER
            .anchor_size(at, galley.size())
            .expand2(vec2(3.0, 1.0));
        painter.rect_filled(rect, 3.0, visuals.extreme_bg_color);
        painter.galley(rect.min + vec2(3.0, 1.0), galley, color);
    }
    out
}
