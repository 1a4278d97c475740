//! Colours and sizes in one place. Label colours come from the schema; how
//! strongly they are drawn depends on the light or dark theme.

use egui::{Color32, FontId, Visuals};

use claimmark_core::model::Rgb;

/// The article's reading font size, in points.
pub const ARTICLE_FONT_SIZE: f32 = 16.0;

/// Space below a line of article text for span underlines, and the same
/// above it so the text stays centred.
pub const UNDERLINE_ZONE: f32 = 11.0;
/// Vertical distance between stacked underlines of nested spans.
pub const UNDERLINE_STEP: f32 = 3.5;
pub const UNDERLINE_WIDTH: f32 = 2.5;
/// Nesting deeper than this shares the last underline row.
pub const MAX_UNDERLINE_LEVELS: u8 = 3;

pub fn article_font() -> FontId {
    FontId::proportional(ARTICLE_FONT_SIZE)
}

pub fn solid(color: Rgb) -> Color32 {
    let [r, g, b] = color.0;
    Color32::from_rgb(r, g, b)
}

/// A label's background behind text: light enough to read through, and
/// overlapping spans visibly darken where they overlap.
pub fn span_fill(color: Rgb, visuals: &Visuals) -> Color32 {
    let [r, g, b] = color.0;
    let alpha = if visuals.dark_mode { 70 } else { 55 };
    Color32::from_rgba_unmultiplied(r, g, b, alpha)
}

/// Text drawn on a solid label colour (palette buttons).
pub fn on_solid(color: Rgb) -> Color32 {
    let [r, g, b] = color.0;
    let luminance = 0.299 * f32::from(r) + 0.587 * f32::from(g) + 0.114 * f32::from(b);
    if luminance > 150.0 {
        Color32::BLACK
    } else {
        Color32::WHITE
    }
}

pub fn selection_fill(visuals: &Visuals) -> Color32 {
    visuals.selection.bg_fill.gamma_multiply(0.6)
}

/// Outline of the selected span.
pub fn selected_outline(visuals: &Visuals) -> Color32 {
    if visuals.dark_mode {
        Color32::WHITE
    } else {
        Color32::BLACK
    }
}

/// Outline of the spans of the selected claim.
pub fn claim_outline(visuals: &Visuals) -> Color32 {
    visuals.selection.stroke.color
}

pub fn find_match_fill(visuals: &Visuals) -> Color32 {
    if visuals.dark_mode {
        Color32::from_rgba_unmultiplied(255, 210, 0, 70)
    } else {
        Color32::from_rgba_unmultiplied(255, 200, 0, 110)
    }
}

pub fn warning(visuals: &Visuals) -> Color32 {
    visuals.warn_fg_color
}

pub fn error(visuals: &Visuals) -> Color32 {
    visuals.error_fg_color
}
