//! The article view: the document's text with its spans, selection by
//! dragging, clicking spans.
//!
//! Long articles stay smooth: the text is split into paragraphs (lines),
//! only the visible ones are laid out (egui caches each paragraph's galley
//! between frames), and the heights of the others are estimated until they
//! are first seen. Char offsets become galley char indices by subtracting
//! the paragraph's start; no byte offsets are needed here.

use super::format::short_text;
use std::sync::Arc;

use egui::epaint::text::cursor::CCursor;
use egui::epaint::text::{LayoutJob, TextFormat, TextWrapping};
use egui::{Align2, Color32, Galley, Pos2, Rect, Sense, Ui, vec2};

use super::theme;

mod connectors;
mod minimap;
mod paint;

use crate::command::{Action, Commands};
use claimmark_core::model::{
    CharOffset, CharRange, DocId, Document, ReviewStatus, Schema, SpanId, words,
};
pub use connectors::{ClaimLinks, DrawnConnector};
use paint::{paint_paragraph, range_rects};

/// What the article view shows this frame.
pub struct ArticleInput<'a> {
    pub doc: &'a Document,
    pub schema: &'a Schema,
    /// Changes whenever the project does; the span index is rebuilt then.
    pub revision: u64,
    pub selection: Option<CharRange>,
    pub selected_span: Option<SpanId>,
    /// Spans of the selected claim, outlined.
    pub claim_spans: &'a [SpanId],
    /// The selected claim's arcs from trigger to arguments.
    pub claim_links: Option<ClaimLinks<'a>>,
    pub find_matches: &'a [CharRange],
    pub current_match: Option<CharRange>,
    /// Scroll so this range is in view.
    pub scroll_to: Option<CharRange>,
    /// Scroll by the keyboard (Page Up/Down, arrows, Home/End).
    pub scroll_by: Option<crate::view::ArticleScroll>,
    /// Width of the view, scroll bar included.
    pub width: f32,
    /// Spans another annotation has and this one lacks (compare view),
    /// drawn as dotted outlines.
    pub ghost_spans: &'a [CharRange],
}

/// State of the article view that lives across frames.
#[derive(Default)]
pub struct ArticleView {
    layout: Option<ParagraphLayout>,
    spans: Option<SpanIndex>,
    drag: Option<(CharOffset, CharOffset)>,
    /// Paragraphs drawn in the last frame, in screen coordinates.
    drawn: Vec<DrawnParagraph>,
    /// A scroll request being carried out: heights of paragraphs not seen
    /// before may change once they are laid out, so it is checked again.
    scroll: Option<(CharRange, u8)>,
    /// The scroll offset and viewport height of the last frame, for
    /// keyboard scrolling.
    last_scroll: (f32, f32),
    /// The selected claim's arcs drawn in the last frame.
    connectors: Vec<DrawnConnector>,
    minimap: minimap::Minimap,
    /// Where the minimap was drawn in the last frame, and its marked rows.
    minimap_drawn: Option<(Rect, usize)>,
    /// A scroll offset the minimap asked for, applied next frame.
    jump_to: Option<f32>,
}

struct DrawnParagraph {
    range: CharRange,
    origin: Pos2,
    galley: Arc<Galley>,
    /// Space above and below the text in each row (more where spans stack).
    pad: f32,
}

/// Paragraph geometry of one document at one width.
struct ParagraphLayout {
    doc: DocId,
    text_sha256: [u8; 32],
    paragraphs: Vec<CharRange>,
    width: f32,
    /// Height of each paragraph: measured once seen, estimated before.
    heights: Vec<f32>,
    measured: Vec<bool>,
    /// `tops[i]` is where paragraph `i` starts; `tops[n]` is the total.
    tops: Vec<f32>,
}

impl ParagraphLayout {
    fn new(doc: &Document, width: f32, row_height: f32, char_width: f32) -> Self {
        let paragraphs = doc.text.lines();
        let chars_per_row = (width / char_width.max(1.0)).max(1.0);
        let heights: Vec<f32> = paragraphs
            .iter()
            .map(|p| {
                if p.is_empty() {
                    blank_line_height(row_height)
                } else {
                    (p.len() as f32 / chars_per_row).ceil().max(1.0) * row_height
                }
            })
            .collect();
        let mut layout = Self {
            doc: doc.id.clone(),
            text_sha256: *doc.text.sha256(),
            measured: vec![false; paragraphs.len()],
            paragraphs,
            width,
            heights,
            tops: Vec::new(),
        };
        layout.recompute_tops();
        layout
    }

    fn fits(&self, doc: &Document, width: f32) -> bool {
        self.doc == doc.id
            && &self.text_sha256 == doc.text.sha256()
            && (self.width - width).abs() < 0.5
    }

    fn recompute_tops(&mut self) {
        self.tops.clear();
        self.tops.reserve(self.heights.len() + 1);
        let mut y = 0.0;
        for height in &self.heights {
            self.tops.push(y);
            y += height;
        }
        self.tops.push(y);
    }

    fn total_height(&self) -> f32 {
        self.tops.last().copied().unwrap_or(0.0)
    }

    /// The paragraph at a content y.
    fn paragraph_at_y(&self, y: f32) -> usize {
        self.tops
            .partition_point(|&top| top <= y)
            .saturating_sub(1)
            .min(self.paragraphs.len().saturating_sub(1))
    }

    /// The paragraph that holds an offset.
    fn paragraph_of(&self, offset: CharOffset) -> usize {
        self.paragraphs
            .partition_point(|p| p.end() < offset)
            .min(self.paragraphs.len().saturating_sub(1))
    }
}

/// One span as drawn: where, which label colour, which underline level.
struct SpanEntry {
    range: CharRange,
    id: SpanId,
    color: Color32,
    fill: Color32,
    level: u8,
    status: ReviewStatus,
}

/// Spans sorted by start, with stacking levels so that overlapping and
/// nested spans each get their own underline.
struct SpanIndex {
    doc: DocId,
    revision: u64,
    dark_mode: bool,
    entries: Vec<SpanEntry>,
    longest: usize,
}

impl SpanIndex {
    fn build(doc: &Document, schema: &Schema, revision: u64, visuals: &egui::Visuals) -> Self {
        let mut order: Vec<(CharRange, SpanId, claimmark_core::model::Rgb, ReviewStatus)> = doc
            .spans()
            .iter()
            .map(|span| {
                let color = schema
                    .label(&span.label)
                    .map_or(claimmark_core::model::Rgb([128, 128, 128]), |label| {
                        label.color
                    });
                (span.range, span.id, color, span.status)
            })
            .collect();
        // Longer first at the same start, so an outer span gets the lower level.
        order.sort_by(|a, b| {
            a.0.start()
                .cmp(&b.0.start())
                .then(b.0.end().cmp(&a.0.end()))
                .then(a.1.cmp(&b.1))
        });
        let levels = stack_levels(order.iter().map(|(range, _, _, _)| *range));
        let longest = order
            .iter()
            .map(|(range, _, _, _)| range.len())
            .max()
            .unwrap_or(0);
        let entries = order
            .into_iter()
            .zip(levels)
            .map(|((range, id, color, status), level)| SpanEntry {
                range,
                id,
                color: theme::solid(color),
                fill: theme::span_fill(color, visuals),
                level,
                status,
            })
            .collect();
        Self {
            doc: doc.id.clone(),
            revision,
            dark_mode: visuals.dark_mode,
            entries,
            longest,
        }
    }

    /// Spans that share a char with `range`.
    fn overlapping(&self, range: CharRange) -> impl Iterator<Item = &SpanEntry> {
        let from = range.start().saturating_sub(self.longest);
        let first = self.entries.partition_point(|e| e.range.start() < from);
        self.entries[first..]
            .iter()
            .take_while(move |e| e.range.start() < range.end())
            .filter(move |e| e.range.overlaps(range))
    }

    /// How deep the spans of `range` stack below the first underline.
    fn deepest_level(&self, range: CharRange) -> u8 {
        self.overlapping(range).map(|e| e.level).max().unwrap_or(0)
    }

    /// Spans that cover one char, shortest first.
    fn covering(&self, offset: CharOffset) -> Vec<&SpanEntry> {
        let mut found: Vec<&SpanEntry> = self
            .overlapping(CharRange::new(offset, offset.saturating_add(1)))
            .collect();
        found.sort_by_key(|e| (e.range.len(), e.id));
        found
    }
}

/// Gives each range (sorted by start, longer first) the lowest level not
/// taken by a range it overlaps.
fn stack_levels(ranges: impl Iterator<Item = CharRange>) -> Vec<u8> {
    let mut active: Vec<(CharOffset, u8)> = Vec::new();
    let mut levels = Vec::new();
    for range in ranges {
        active.retain(|(end, _)| *end > range.start());
        let level = (0..=u8::MAX)
            .find(|level| active.iter().all(|(_, taken)| taken != level))
            .unwrap_or(u8::MAX);
        active.push((range.end(), level));
        levels.push(level);
    }
    levels
}

impl ArticleView {
    /// Where a range of the current document was drawn in the last frame
    /// (its first line), if it was visible.
    pub fn screen_rect(&self, range: CharRange) -> Option<Rect> {
        self.drawn.iter().find_map(|drawn| {
            let rects = range_rects(&drawn.galley, drawn.origin, drawn.range, range, 0.0);
            rects.into_iter().next()
        })
    }

    /// The first char of the first paragraph drawn in the last frame.
    pub fn first_visible_offset(&self) -> Option<CharOffset> {
        self.drawn.first().map(|drawn| drawn.range.start())
    }

    /// The selected claim's arcs the last frame drew.
    pub fn connectors(&self) -> &[DrawnConnector] {
        &self.connectors
    }

    /// Where the minimap was drawn in the last frame and how many of its
    /// rows mark spans.
    pub fn minimap(&self) -> Option<(Rect, usize)> {
        self.minimap_drawn
    }

    /// The minimap beside the scroll bar; a click or drag on it scrolls
    /// there (centred), from the next frame.
    fn minimap_ui(&mut self, ui: &mut Ui, inner: Rect) {
        let (Some(layout), Some(spans)) = (self.layout.as_ref(), self.spans.as_ref()) else {
            return;
        };
        let strip = Rect::from_x_y_ranges(
            (inner.right() - 16.0 - minimap::WIDTH)..=(inner.right() - 16.0),
            inner.y_range(),
        );
        let total = layout.total_height().max(1.0);
        let (offset, viewport) = self.last_scroll;
        let view = (offset / total, ((offset + viewport) / total).min(1.0));
        let marked = self
            .minimap
            .paint(ui.painter(), ui.visuals(), strip, (spans, layout), view);
        self.minimap_drawn = Some((strip, marked));
        let response = ui
            .interact(
                strip,
                egui::Id::unique("article_minimap"),
                Sense::click_and_drag(),
            )
            .on_hover_text("Where the spans (grey) and proposals (amber) are; click to go there");
        if let Some(pos) = response.interact_pointer_pos()
            && (response.clicked() || response.dragged())
        {
            let fraction = ((pos.y - strip.top()) / strip.height()).clamp(0.0, 1.0);
            self.jump_to = Some(fraction * total - viewport / 2.0);
            self.scroll = None;
            ui.ctx().request_repaint();
        }
    }

    /// How many paragraphs the last frame drew.
    pub fn drawn_paragraphs(&self) -> usize {
        self.drawn.len()
    }

    /// Where a char was drawn (the middle of its glyph), if visible.
    pub fn screen_pos_of(&self, offset: CharOffset) -> Option<Pos2> {
        self.screen_rect(CharRange::new(offset, offset.saturating_add(1)))
            .map(|rect| rect.center())
    }

    /// Shows the article and emits commands for what the user did.
    #[allow(clippy::too_many_lines)] // layout, painting and input of one widget
    pub fn ui(&mut self, ui: &mut Ui, input: &ArticleInput<'_>, out: &mut Commands) {
        let font = theme::article_font();
        let (font_height, char_width) =
            ui.fonts_mut(|fonts| (fonts.row_height(&font), fonts.glyph_width(&font, 'e')));
        // Paragraphs without stacked spans; those with get more room.
        let row_height = theme::article_row_height(font_height, 0);
        // Room on the right for the scroll bar and the minimap beside it.
        let width = (input.width.min(ui.available_width()) - 20.0 - minimap::WIDTH).max(120.0);
        // A thumb a few pixels tall on a 1 MB article is hard to grab.
        ui.spacing_mut().scroll.handle_min_length = 32.0;
        if !self
            .layout
            .as_ref()
            .is_some_and(|l| l.fits(input.doc, width))
        {
            self.layout = Some(ParagraphLayout::new(
                input.doc,
                width,
                row_height,
                char_width * 1.05,
            ));
            self.drag = None;
        }
        let dark_mode = ui.visuals().dark_mode;
        if !self.spans.as_ref().is_some_and(|s| {
            s.doc == input.doc.id && s.revision == input.revision && s.dark_mode == dark_mode
        }) {
            self.spans = Some(SpanIndex::build(
                input.doc,
                input.schema,
                input.revision,
                ui.visuals(),
            ));
        }
        if let Some(range) = input.scroll_to {
            self.scroll = Some((range, 3));
        }
        let (Some(layout), Some(spans)) = (self.layout.as_mut(), self.spans.as_ref()) else {
            return;
        };
        let row_for = |paragraph: CharRange| {
            theme::article_row_height(font_height, spans.deepest_level(paragraph))
        };

        let mut scroll_area = egui::ScrollArea::vertical()
            .id_salt(("article", input.doc.id.as_str()))
            .auto_shrink([false, false]);
        if let Some(offset) = self.jump_to.take() {
            scroll_area = scroll_area.vertical_scroll_offset(offset.max(0.0));
        } else if let Some((range, _)) = self.scroll {
            let paragraph = layout.paragraph_of(range.start());
            let offset_in_paragraph = layout.paragraphs.get(paragraph).map_or(0.0, |p| {
                let galley = paragraph_galley(ui, input.doc, *p, width, row_for(*p));
                let local = range.start().get().saturating_sub(p.start().get());
                galley.pos_from_cursor(CCursor::new(local)).min.y
            });
            let viewport_height = ui.available_height();
            let target = layout.tops.get(paragraph).copied().unwrap_or(0.0) + offset_in_paragraph
                - viewport_height * 0.3;
            scroll_area = scroll_area.vertical_scroll_offset(target.max(0.0));
        } else if let Some(by) = input.scroll_by {
            use crate::view::ArticleScroll;
            let (offset, viewport) = self.last_scroll;
            let page = (viewport - row_height).max(row_height);
            let bottom = (layout.total_height() - viewport).max(0.0);
            #[allow(clippy::cast_precision_loss)] // a few lines or pages
            let target = match by {
                ArticleScroll::Lines(n) => offset + n as f32 * row_height,
                ArticleScroll::Pages(n) => offset + n as f32 * page,
                ArticleScroll::Start => 0.0,
                ArticleScroll::End => bottom,
            };
            scroll_area = scroll_area.vertical_scroll_offset(target.clamp(0.0, bottom));
        }

        let mut drawn = Vec::new();
        let mut heights_changed = false;
        let scroll_output = scroll_area.show_viewport(ui, |ui, viewport| {
            let (rect, response) = ui.allocate_exact_size(
                vec2(width, layout.total_height().max(viewport.height())),
                Sense::click_and_drag(),
            );
            response.widget_info(|| {
                egui::WidgetInfo::labeled(egui::Role::Article, true, "Article text")
            });
            let painter = ui.painter_at(ui.clip_rect());
            let visuals = ui.visuals().clone();
            let first = layout.paragraph_at_y(viewport.min.y);
            let mut index = first;
            while index < layout.paragraphs.len()
                && layout.tops.get(index).copied().unwrap_or(f32::MAX) <= viewport.max.y
            {
                let paragraph = layout.paragraphs[index];
                let paragraph_row = row_for(paragraph);
                let galley = paragraph_galley(ui, input.doc, paragraph, width, paragraph_row);
                let height = if paragraph.is_empty() {
                    blank_line_height(row_height)
                } else {
                    galley.rect.height().max(paragraph_row)
                };
                if !layout.measured[index] || (layout.heights[index] - height).abs() > 0.5 {
                    heights_changed |= (layout.heights[index] - height).abs() > 0.5;
                    layout.heights[index] = height;
                    layout.measured[index] = true;
                }
                let origin = rect.min + vec2(0.0, layout.tops[index]);
                let pad = pad_for(paragraph_row, font_height);
                paint_paragraph(
                    &painter,
                    &visuals,
                    &galley,
                    origin,
                    paragraph,
                    spans,
                    input,
                    self.drag.map(|(a, h)| CharRange::new(a, h)),
                    pad,
                );
                drawn.push(DrawnParagraph {
                    range: paragraph,
                    origin,
                    galley,
                    pad,
                });
                index += 1;
            }
            self.connectors = input.claim_links.map_or_else(Vec::new, |links| {
                connectors::paint_connectors(&painter, &visuals, &drawn, input.doc, links)
            });

            // Input: pointer on text.
            let char_at = |pos: Pos2| -> Option<CharOffset> {
                let local_y = pos.y - rect.min.y;
                let index = layout.paragraph_at_y(local_y);
                let paragraph = *layout.paragraphs.get(index)?;
                let galley = drawn.iter().find(|d| d.range == paragraph).map_or_else(
                    || paragraph_galley(ui, input.doc, paragraph, width, row_for(paragraph)),
                    |d| d.galley.clone(),
                );
                let origin = rect.min + vec2(0.0, layout.tops[index]);
                let cursor = galley.cursor_from_pos(pos - origin);
                Some(
                    paragraph
                        .start()
                        .saturating_add(cursor.index.0)
                        .min(paragraph.end()),
                )
            };
            let cursor_pos = response.interact_pointer_pos().or(response.hover_pos());
            if response.drag_started() {
                let origin = ui.input(|i| i.pointer.press_origin()).or(cursor_pos);
                if let Some(anchor) = origin.and_then(char_at) {
                    self.drag = Some((anchor, anchor));
                }
            }
            if response.dragged() {
                if let (Some((anchor, _)), Some(head)) = (self.drag, cursor_pos.and_then(char_at)) {
                    self.drag = Some((anchor, head));
                }
                // Scroll while the pointer is dragged above or below the view.
                if let Some(pos) = cursor_pos {
                    let clip = ui.clip_rect();
                    let speed = if pos.y < clip.top() {
                        (clip.top() - pos.y).min(80.0)
                    } else if pos.y > clip.bottom() {
                        -(pos.y - clip.bottom()).min(80.0)
                    } else {
                        0.0
                    };
                    if speed != 0.0 {
                        ui.scroll_with_delta(vec2(0.0, speed * 0.3));
                        ui.ctx().request_repaint();
                    }
                }
            }
            if response.drag_stopped()
                && let Some((anchor, head)) = self.drag.take()
            {
                let raw = CharRange::new(anchor, head);
                let exact = ui.input(|i| i.modifiers.alt);
                let snapped = if exact {
                    words::trim_whitespace(&input.doc.text, raw)
                } else {
                    words::snap_to_words(&input.doc.text, raw)
                };
                if raw.is_empty() {
                    // A press without movement is a click, handled below.
                } else {
                    out.push(Action::SetTextSelection(snapped));
                }
            }
            if response.double_clicked() {
                if let Some(word) = cursor_pos
                    .and_then(char_at)
                    .and_then(|offset| words::word_at(&input.doc.text, offset))
                    .and_then(|word| words::trim(&input.doc.text, word))
                {
                    out.push(Action::SetTextSelection(Some(word)));
                }
            } else if response.clicked() {
                let clicked_span = cursor_pos.and_then(|pos| {
                    let offset = char_at(pos)?;
                    pick_span(spans, &drawn, offset, pos, input.selected_span)
                });
                out.push(Action::SelectSpan(clicked_span));
            }
            if let Some(pos) = response.hover_pos()
                && let Some(id) =
                    char_at(pos).and_then(|offset| spans.covering(offset).first().map(|e| e.id))
                && let Some(span) = input.doc.span(id)
            {
                let text = input.doc.span_text(span);
                let claims = input.doc.claims_using(id).count();
                let tip = format!(
                    "{} · “{}”{}",
                    span.label.display(),
                    short_text(text, 60),
                    if claims > 0 {
                        format!(" · in {}", super::format::counted(claims, "claim"))
                    } else {
                        String::new()
                    }
                );
                // Above the span's row, so the line below stays readable.
                let row = drawn
                    .iter()
                    .flat_map(|d| range_rects(&d.galley, d.origin, d.range, span.range, d.pad))
                    .find(|rect| rect.expand2(vec2(0.0, 8.0)).contains(pos));
                let mut tooltip = egui::containers::Tooltip::for_enabled(&response);
                if let Some(row) = row {
                    tooltip.popup = tooltip
                        .popup
                        .anchor(row)
                        .align(egui::RectAlign::TOP_START)
                        .align_alternatives(&[egui::RectAlign::BOTTOM_START]);
                }
                tooltip.show(|ui| ui.label(tip));
            }
            if input.doc.text.char_len() == 0 {
                painter.text(
                    rect.center_top() + vec2(0.0, 20.0),
                    Align2::CENTER_TOP,
                    "This document has no text.",
                    font.clone(),
                    visuals.weak_text_color(),
                );
            }
        });
        self.drawn = drawn;
        if heights_changed {
            layout.recompute_tops();
            ui.ctx().request_repaint();
        } else if layout.measured.iter().any(|m| !m) {
            layout.recompute_tops();
        }
        self.last_scroll = (
            scroll_output.state.clamped_offset().y,
            scroll_output.inner_rect.height(),
        );
        self.minimap_ui(ui, scroll_output.inner_rect);
        // Check a scroll request landed; retry while heights settle.
        if let Some((range, attempts)) = self.scroll.take() {
            let visible = self
                .screen_rect(range)
                .is_some_and(|r| scroll_output.inner_rect.contains(r.center()));
            if !visible && attempts > 1 {
                self.scroll = Some((range, attempts - 1));
                ui.ctx().request_repaint();
            }
        }
    }
}

/// Blank lines separate paragraphs; a full row each would spread the text.
fn blank_line_height(row_height: f32) -> f32 {
    (row_height * 0.5).round()
}

fn pad_for(row_height: f32, font_height: f32) -> f32 {
    (row_height - font_height) / 2.0
}

/// Which span a click at `pos` on char `offset` means: the one whose
/// underline is under the pointer, else the shortest span on that char; a
/// second click on the selected span moves to the next one covering the char.
fn pick_span(
    spans: &SpanIndex,
    drawn: &[DrawnParagraph],
    offset: CharOffset,
    pos: Pos2,
    selected: Option<SpanId>,
) -> Option<SpanId> {
    let covering = spans.covering(offset);
    if covering.is_empty() {
        return None;
    }
    // Underline hit: find the row's text bottom.
    if let Some(text_bottom) = drawn.iter().find_map(|d| {
        if !d.range.contains(offset) && d.range.end() != offset {
            return None;
        }
        let rects = range_rects(
            &d.galley,
            d.origin,
            d.range,
            CharRange::new(offset, offset.saturating_add(1)),
            d.pad,
        );
        rects.first().map(egui::Rect::bottom)
    }) && pos.y > text_bottom
    {
        let level = ((pos.y - text_bottom) / theme::UNDERLINE_STEP).floor() as u8;
        let level = level.min(theme::MAX_UNDERLINE_LEVELS);
        if let Some(hit) = covering
            .iter()
            .find(|e| e.level.min(theme::MAX_UNDERLINE_LEVELS) == level)
        {
            return Some(hit.id);
        }
    }
    match selected.and_then(|id| covering.iter().position(|e| e.id == id)) {
        Some(at) => covering.get((at + 1) % covering.len()).map(|e| e.id),
        None => covering.first().map(|e| e.id),
    }
}

fn paragraph_galley(
    ui: &Ui,
    doc: &Document,
    paragraph: CharRange,
    width: f32,
    row_height: f32,
) -> Arc<Galley> {
    let text = doc.text.slice(paragraph).unwrap_or_default().to_owned();
    let format = TextFormat {
        font_id: theme::article_font(),
        // The colour is given when painting, so the layout is theme-free
        // and stays cached across theme changes.
        color: Color32::PLACEHOLDER,
        line_height: Some(row_height),
        ..TextFormat::default()
    };
    let mut job = LayoutJob::single_section(text, format);
    job.wrap = TextWrapping::wrap_at_width(width);
    ui.fonts_mut(|fonts| fonts.layout_job(job))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_and_overlapping_spans_get_their_own_levels() {
        // outer [0,10) holds [2,5); [4,8) overlaps both; [12,14) is alone.
        let ranges =
            [(0, 10), (2, 5), (4, 8), (12, 14)].map(|(a, b)| CharRange::from_offsets(a, b));
        assert_eq!(stack_levels(ranges.into_iter()), vec![0, 1, 2, 0]);
    }

    #[test]
    fn levels_are_reused_after_a_span_ends() {
        let ranges = [(0, 3), (1, 2), (3, 6), (4, 5)].map(|(a, b)| CharRange::from_offsets(a, b));
        assert_eq!(stack_levels(ranges.into_iter()), vec![0, 1, 0, 1]);
    }
}
