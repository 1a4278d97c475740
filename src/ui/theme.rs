//! Colours and sizes in one place. Label colours come from the schema; how
//! strongly they are drawn depends on the light or dark theme.

use egui::{Color32, FontId, Visuals};

use claimmark_core::model::Rgb;

/// The article's reading font size, in points.
pub const ARTICLE_FONT_SIZE: f32 = 16.0;

/// Space below a line of article text for one span underline, and the
/// same above it so the text stays centred: lines stay tight where spans
/// do not stack.
pub const UNDERLINE_ZONE: f32 = 4.0;
/// Vertical distance between stacked underlines of nested spans.
pub const UNDERLINE_STEP: f32 = 3.5;
pub const UNDERLINE_WIDTH: f32 = 2.5;
/// Nesting deeper than this shares the last underline row.
pub const MAX_UNDERLINE_LEVELS: u8 = 3;

/// The row height of a paragraph whose spans stack `levels` deep below the
/// first underline (0: none stack): room for each layer, only where needed.
pub fn article_row_height(font_height: f32, levels: u8) -> f32 {
    let stacked = f32::from(levels.min(MAX_UNDERLINE_LEVELS)) * UNDERLINE_STEP;
    (font_height + 2.0 * (UNDERLINE_ZONE + stacked)).round()
}

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

/// Text drawn on a solid label colour (palette buttons): black or white,
/// whichever contrasts more by WCAG 2's formula (AA asks 4.5:1).
pub fn on_solid(color: Rgb) -> Color32 {
    if contrast_with_black(color) >= contrast_with_white(color) {
        Color32::BLACK
    } else {
        Color32::WHITE
    }
}

/// WCAG 2 relative luminance of an sRGB colour.
fn luminance(color: Rgb) -> f32 {
    let channel = |c: u8| {
        let c = f32::from(c) / 255.0;
        if c <= 0.040_45 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    let [r, g, b] = color.0;
    0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
}

pub fn contrast_with_black(color: Rgb) -> f32 {
    (luminance(color) + 0.05) / 0.05
}

pub fn contrast_with_white(color: Rgb) -> f32 {
    1.05 / (luminance(color) + 0.05)
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

#[cfg(test)]
mod tests {
    use super::*;
    use claimmark_core::model::Schema;

    #[test]
    fn chip_text_meets_wcag_aa_on_every_default_label() {
        for label in Schema::default_news().labels {
            let text = on_solid(label.color);
            let contrast = if text == Color32::BLACK {
                contrast_with_black(label.color)
            } else {
                contrast_with_white(label.color)
            };
            assert!(contrast >= 4.5, "{}: {contrast:.2}", label.name);
        }
        assert_eq!(on_solid(Rgb([0xff, 0xff, 0xcc])), Color32::BLACK, "pastel");
        assert_eq!(on_solid(Rgb([0x20, 0x20, 0x60])), Color32::WHITE, "dark");
    }
}
