//! The real app, driven with `egui_kittest`: the keyboard and the window
//! around the article: the command palette, scrolling, find, the shortcut
//! list, windows that keep off the menu bar, counts, the remembered theme.

use std::fmt::Write as _;

use claimmark::app::{AppOptions, ClaimmarkApp, Modal};
use claimmark_core::model::notation;
use claimmark_core::storage;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

use super::fixtures::scratch;
use super::ui::*;

#[test]
fn the_command_palette_finds_a_command_by_name_and_runs_it() {
    let dir = scratch();
    let path = article_project(dir.path());
    let mut harness = harness_with(Some(path), vec![]);
    let open_and_type = |harness: &mut Harness<'_, ClaimmarkApp>, text: &str| {
        press_with(harness, Modifiers::COMMAND, Key::K);
        assert!(matches!(
            harness.state().modal(),
            Some(Modal::Palette { .. })
        ));
        harness
            .get_by_role(egui::accesskit::Role::TextInput)
            .type_text(text);
        harness.run();
    };
    // Undo cannot run yet: Enter leaves the palette open, saying why.
    open_and_type(&mut harness, "undo");
    assert!(harness.query_by_label("Nothing to undo.").is_some());
    press(&mut harness, Key::Enter);
    assert!(matches!(
        harness.state().modal(),
        Some(Modal::Palette { .. })
    ));
    press(&mut harness, Key::Escape);
    assert!(harness.state().modal().is_none());
    // A command that can run: typed, Enter.
    open_and_type(&mut harness, "keyboard shortcuts");
    press(&mut harness, Key::Enter);
    assert!(matches!(harness.state().modal(), Some(Modal::Shortcuts)));
}

#[test]
fn the_status_bar_counts_in_the_right_number() {
    let dir = scratch();
    let path = article_project(dir.path());
    let harness = harness_with(Some(path), vec![]);
    assert!(
        harness
            .query_by_label("1 document · 0 spans · 0 claims")
            .is_some()
    );
}

#[test]
fn the_shortcut_list_fits_a_small_window_and_lists_each_key_once() {
    let dir = scratch();
    let path = article_project(dir.path());
    let mut harness = Harness::builder()
        .with_size([1000.0, 560.0])
        .build_eframe(move |_cc| ClaimmarkApp::new(AppOptions::for_tests(Some(path), vec![])));
    harness.run();
    press(&mut harness, Key::F1);
    assert!(matches!(harness.state().modal(), Some(Modal::Shortcuts)));
    assert_eq!(harness.query_all_by_label("C, then 1–9").count(), 1);
    assert_eq!(
        harness.query_all_by_label("New claim").count(),
        0,
        "C is listed once"
    );
    let close = harness.get_by_label("Close").rect();
    assert!(close.bottom() <= 560.0 && close.top() >= 0.0, "{close:?}");
}

#[test]
fn the_entities_and_schema_windows_never_cover_the_menu_bar() {
    let dir = scratch();
    let path = article_project(dir.path());
    let mut harness = Harness::builder()
        .with_size([900.0, 500.0])
        .build_eframe(move |_cc| ClaimmarkApp::new(AppOptions::for_tests(Some(path), vec![])));
    harness.run();
    let menu_bottom = harness.get_by_label("File").rect().bottom();
    press_with(&mut harness, Modifiers::COMMAND | Modifiers::SHIFT, Key::E);
    assert!(harness.get_by_label("Entities").rect().top() >= menu_bottom);
    harness
        .state_mut()
        .push(claimmark::command::UiCommand::EditSchema);
    harness.run();
    assert!(harness.get_by_label("Schema").rect().top() >= menu_bottom);
}

#[test]
fn the_theme_chosen_in_the_view_menu_is_remembered_for_the_next_run() {
    let dir = scratch();
    let settings = dir.path().join("settings.ron");
    let options = || AppOptions {
        settings_path: Some(settings.clone()),
        ..AppOptions::for_tests(None, vec![])
    };
    let first = options();
    let mut harness = Harness::builder()
        .with_size([1000.0, 700.0])
        .build_eframe(move |_cc| ClaimmarkApp::new(first));
    harness.run();
    // What the View menu's theme buttons do.
    harness.ctx.set_theme(egui::ThemePreference::Light);
    harness.run();
    assert_eq!(harness.state().settings().dark_mode, Some(false));
    drop(harness);
    let second = options();
    let mut next = Harness::builder()
        .with_size([1000.0, 700.0])
        .build_eframe(move |_cc| ClaimmarkApp::new(second));
    next.run();
    assert_eq!(
        next.ctx.options(|o| o.theme_preference),
        egui::ThemePreference::Light
    );
}

#[test]
fn find_then_escape_then_a_digit_tags_the_match() {
    let dir = scratch();
    let path = article_project(dir.path());
    let mut harness = harness_with(Some(path), vec![]);
    press_with(&mut harness, Modifiers::COMMAND, Key::F);
    harness
        .get_by_role(egui::accesskit::Role::TextInput)
        .type_text("Viasna");
    harness.run();
    press(&mut harness, Key::Escape);
    press(&mut harness, Key::Num5);
    let tagged = span_texts(&doc(&harness));
    assert!(
        tagged
            .iter()
            .any(|(text, label)| label == "organization" && text == "Viasna"),
        "{tagged:?} / {:?}",
        harness.state().status()
    );
}

#[test]
fn the_article_scrolls_by_page_line_and_to_either_end_from_the_keyboard() {
    let dir = scratch();
    let text: String = (0..120)
        .map(|n| format!("Paragraph {n} of a long article about prisoners.\n\n"))
        .collect::<Vec<_>>()
        .concat();
    let mut project = claimmark_core::model::Project::default();
    project
        .documents
        .push(notation::document("long", &text).unwrap());
    let path = dir.path().join("long.ron");
    storage::save_project(&path, &project).unwrap();
    let mut harness = harness_with(Some(path), vec![]);
    let top =
        |h: &Harness<'_, ClaimmarkApp>| h.state().article().first_visible_offset().unwrap().get();
    assert_eq!(top(&harness), 0);
    press(&mut harness, Key::PageDown);
    let paged = top(&harness);
    assert!(paged > 200, "a page down: {paged}");
    press(&mut harness, Key::ArrowDown);
    press(&mut harness, Key::ArrowDown);
    let lined = top(&harness);
    assert!(lined >= paged, "a line further: {lined}");
    press(&mut harness, Key::PageUp);
    assert!(top(&harness) < lined);
    press(&mut harness, Key::End);
    assert!(top(&harness) > text.chars().count() / 2, "the end");
    press_with(&mut harness, Modifiers::COMMAND, Key::Home);
    assert_eq!(top(&harness), 0, "Ctrl+Home: the start");
}

#[test]
fn j_continues_from_where_the_article_is_scrolled_to() {
    let dir = scratch();
    let mut text = String::new();
    for n in 0..80 {
        let _ = write!(
            text,
            "Paragraph {n}: Viasna counted [count|{n} prisoners] again.\n\n"
        );
    }
    let mut document = notation::document("long", &text).unwrap();
    let ids: Vec<_> = document.spans().iter().map(|s| s.id).collect();
    let mut project = claimmark_core::model::Project::default();
    project.documents.push(document.clone());
    for id in ids {
        let mut span = document.span(id).unwrap().clone();
        span.status = claimmark_core::ReviewStatus::Proposed;
        claimmark_core::Edit::ReplaceSpan {
            doc: document.id.clone(),
            span,
        }
        .apply(&mut project)
        .unwrap();
    }
    document = project.documents[0].clone();
    let path = dir.path().join("long.ron");
    storage::save_project(&path, &project).unwrap();
    let mut harness = harness_with(Some(path), vec![]);
    harness.hover_at(egui::pos2(600.0, 500.0));
    for _ in 0..6 {
        harness.event(egui::Event::MouseWheel {
            unit: egui::MouseWheelUnit::Page,
            delta: egui::vec2(0.0, -1.0),
            phase: egui::TouchPhase::Move,
            source: egui::MouseWheelSource::Unknown,
            modifiers: Modifiers::NONE,
        });
        harness.run();
    }
    let top = harness.state().article().first_visible_offset().unwrap();
    assert!(top.get() > 200, "scrolled down: {top:?}");
    press(&mut harness, Key::J);
    let proposal = harness
        .state()
        .current_proposal()
        .expect("a proposal is selected");
    let at = claimmark_core::review::position(&document, proposal);
    assert!(at >= top, "J went to {at:?}, above the view at {top:?}");
}

#[test]
fn tab_moves_the_keyboard_between_panels_and_keys_keep_working() {
    use claimmark::view::KeyboardPanel;
    let dir = scratch();
    let path = article_project(dir.path());
    let mut harness = harness_with(Some(path), vec![]);
    let focused = |harness: &Harness<'_, ClaimmarkApp>| harness.ctx.memory(egui::Memory::focused);
    press(&mut harness, Key::Tab);
    assert_eq!(harness.state().view().panel, Some(KeyboardPanel::Form));
    harness.run();
    assert!(
        focused(&harness).is_some(),
        "a button of the form has the focus"
    );
    // Label keys still tag while a button has the focus.
    drag(
        &mut harness,
        offset_of("Thursday"),
        offset_of("Thursday") + 7,
    );
    press(&mut harness, Key::Num2);
    assert_eq!(
        span_texts(&doc(&harness)),
        vec![("Thursday".to_owned(), "date".to_owned())]
    );
    // Shift+Tab goes back to the article, with nothing focused.
    press(&mut harness, Key::Tab);
    press_with(&mut harness, Modifiers::SHIFT, Key::Tab);
    press_with(&mut harness, Modifiers::SHIFT, Key::Tab);
    assert_eq!(harness.state().view().panel, Some(KeyboardPanel::Article));
    assert!(focused(&harness).is_none());
    // With the review queue open, Tab reaches it too; Escape comes back.
    press(&mut harness, Key::Q);
    press(&mut harness, Key::Tab);
    press(&mut harness, Key::Tab);
    assert_eq!(harness.state().view().panel, Some(KeyboardPanel::Queue));
    press(&mut harness, Key::Escape);
    assert_eq!(harness.state().view().panel, Some(KeyboardPanel::Article));
}

#[test]
fn escape_closes_an_open_menu_and_then_a_window() {
    let dir = scratch();
    let path = article_project(dir.path());
    let mut harness = harness_with(Some(path), vec![]);
    harness.get_by_label("File").click();
    harness.run();
    assert!(
        harness.query_by_label("Quit Ctrl+Q").is_some(),
        "the File menu is open"
    );
    press(&mut harness, Key::Escape);
    assert!(
        harness.query_by_label("Quit Ctrl+Q").is_none(),
        "Escape closed it"
    );
    press_with(&mut harness, Modifiers::COMMAND | Modifiers::SHIFT, Key::E);
    assert!(harness.query_by_label("Entities").is_some());
    press(&mut harness, Key::Escape);
    harness.run();
    assert!(
        harness.query_by_label("Entities").is_none(),
        "Escape closed the window"
    );
}

#[test]
fn the_review_bar_keeps_to_one_line_and_header_labels_are_whole() {
    let dir = scratch();
    let path = super::ui_review::proposals_project(dir.path());
    let mut harness = Harness::builder()
        .with_size([900.0, 600.0])
        .build_eframe(move |_cc| ClaimmarkApp::new(AppOptions::for_tests(Some(path), vec![])));
    harness.run();
    press(&mut harness, Key::J);
    assert!(harness.state().current_proposal().is_some());
    let row = |label: &str| harness.get_by_label(label).rect().center().y;
    let bar = row("To review");
    for label in ["K ◀", "J ▶", "A accept", "X reject", "E edit"] {
        assert!(
            (row(label) - bar).abs() < 4.0,
            "{label} is on the bar's line"
        );
    }
    // The document header's field labels are not cut ("Publ…").
    let title = harness.state().current_document().unwrap().title.clone();
    harness.get_by_label(&title).click();
    harness.run();
    let label = |text: &str| {
        harness
            .get_by_role_and_label(egui::accesskit::Role::Label, text)
            .rect()
    };
    let (published, status) = (label("Published"), label("Status"));
    assert!(
        published.width() > status.width() * 1.5,
        "“Published” is drawn whole: {published:?} vs {status:?}"
    );
}

#[test]
fn the_minimap_marks_where_spans_are_and_a_click_goes_there() {
    let dir = scratch();
    // 120 paragraphs; spans only in the last ten.
    let text: String = (0..120)
        .map(|n| {
            if n >= 110 {
                format!("Paragraph {n} names [person|Ales Bialiatski].\n\n")
            } else {
                format!("Paragraph {n} of a long article about prisoners.\n\n")
            }
        })
        .collect::<Vec<_>>()
        .concat();
    let mut project = claimmark_core::model::Project::default();
    project
        .documents
        .push(notation::document("long", &text).unwrap());
    let path = dir.path().join("long.ron");
    storage::save_project(&path, &project).unwrap();
    let mut harness = harness_with(Some(path), vec![]);
    harness.run();
    let (strip, marked) = harness.state().article().minimap().expect("drawn");
    assert!(marked > 0, "rows mark the spans");
    assert!(strip.height() > 300.0, "{strip:?}");
    // Click near the strip's bottom, where the spans are marked.
    let target = egui::pos2(strip.center().x, strip.bottom() - 10.0);
    super::ui::click_at(&mut harness, target);
    harness.run();
    let first = harness
        .state()
        .article()
        .first_visible_offset()
        .unwrap()
        .get();
    let plain = notation::document("long", &text).unwrap();
    let at_100 = plain.text.as_str().find("Paragraph 100 ").unwrap();
    assert!(first > at_100, "scrolled near the end: {first}");
}

#[test]
fn lines_are_tight_where_spans_do_not_stack_and_tooltips_sit_above() {
    let dir = scratch();
    let text: String = (0..80)
        .map(|n| {
            if n == 3 {
                "Line 3 names [person|Ales [person|Bialiatski]] twice.\n".to_owned()
            } else {
                format!("Line {n} of a long article about prisoners.\n")
            }
        })
        .collect::<Vec<_>>()
        .concat();
    let mut project = claimmark_core::model::Project::default();
    project
        .documents
        .push(notation::document("lines", &text).unwrap());
    let path = dir.path().join("lines.ron");
    storage::save_project(&path, &project).unwrap();
    let mut harness = Harness::builder()
        .with_size([1400.0, 900.0])
        .build_eframe(move |_cc| ClaimmarkApp::new(AppOptions::for_tests(Some(path), vec![])));
    harness.run();
    let drawn = harness.state().article().drawn_paragraphs();
    assert!(drawn >= 28, "{drawn} lines fit at 1400×900");
    // The line with nested spans gets more room than the plain ones.
    let plain = harness
        .state()
        .article()
        .screen_pos_of(offset(&text, "Line 1 "))
        .unwrap();
    let next = harness
        .state()
        .article()
        .screen_pos_of(offset(&text, "Line 2 "))
        .unwrap();
    let nested = harness
        .state()
        .article()
        .screen_pos_of(offset(&text, "Line 3 "))
        .unwrap();
    let after = harness
        .state()
        .article()
        .screen_pos_of(offset(&text, "Line 4 "))
        .unwrap();
    assert!(
        after.y - nested.y > next.y - plain.y + 2.0,
        "room for the stacked underlines"
    );
    // A span's tooltip opens above its line.
    let on_span = harness
        .state()
        .article()
        .screen_pos_of(offset(&text, "Bialiatski").saturating_add(3))
        .unwrap();
    harness.hover_at(on_span);
    for _ in 0..40 {
        harness.step();
    }
    harness.run();
    let tip = harness.get_by_label_contains("person · “");
    assert!(
        tip.rect().bottom() <= on_span.y,
        "{:?} above {on_span:?}",
        tip.rect()
    );
}

fn offset(text: &str, needle: &str) -> claimmark_core::model::CharOffset {
    let plain = notation::document("x", text).unwrap();
    let byte = plain.text.as_str().find(needle).unwrap();
    plain.text.char_offset_of_byte(byte)
}

#[test]
fn a_palette_rows_digit_runs_it_in_three_keys() {
    let dir = scratch();
    let path = article_project(dir.path());
    let mut harness = harness_with(Some(path), vec![]);
    press_with(&mut harness, Modifiers::COMMAND, Key::K);
    harness
        .get_by_role(egui::accesskit::Role::TextInput)
        .type_text("r");
    harness.run();
    // The rows are numbered; find the review queue's and press its digit.
    let rows = claimmark::ui::palette::matching("r");
    let row = rows
        .iter()
        .position(|c| *c == claimmark::command::UiCommand::ToggleReviewQueue)
        .expect("listed");
    assert!(row < 9, "among the numbered rows");
    let digits = [
        Key::Num1,
        Key::Num2,
        Key::Num3,
        Key::Num4,
        Key::Num5,
        Key::Num6,
        Key::Num7,
        Key::Num8,
        Key::Num9,
    ];
    press(&mut harness, digits[row]);
    assert!(harness.state().modal().is_none(), "the palette closed");
    assert!(
        status_text(&harness).contains("Review queue"),
        "{}",
        status_text(&harness)
    );
    // The digit ran the row; it was not typed into the query.
    press_with(&mut harness, Modifiers::COMMAND, Key::K);
    match harness.state().modal() {
        Some(Modal::Palette { query, .. }) => assert!(query.is_empty()),
        other => panic!("{other:?}"),
    }
}

#[test]
fn find_review_and_compare_bars_leave_the_text_near_the_top() {
    let dir = scratch();
    let path = super::ui_review::proposals_project(dir.path());
    // Theirs: the same project with every span labelled a place, so every
    // one is a difference and the compare list is long.
    let mut theirs = storage::load_project(&path).unwrap();
    let relabelled: Vec<claimmark_core::edit::Edit> = theirs
        .documents
        .iter()
        .flat_map(|doc| {
            doc.spans().iter().map(|span| {
                let mut span = span.clone();
                span.label = claimmark_core::model::Name::parse("place").unwrap();
                claimmark_core::edit::Edit::ReplaceSpan {
                    doc: doc.id.clone(),
                    span,
                }
            })
        })
        .collect();
    claimmark_core::edit::Edit::Batch(relabelled)
        .apply(&mut theirs)
        .unwrap();
    let theirs_path = dir.path().join("theirs.ron");
    storage::save_project(&theirs_path, &theirs).unwrap();
    let mut harness = Harness::builder()
        .with_size([1400.0, 900.0])
        .build_eframe(move |_cc| ClaimmarkApp::new(AppOptions::for_tests(Some(path), vec![])));
    harness.run();
    harness
        .state_mut()
        .push(claimmark::command::Action::CompareWith(theirs_path));
    harness.run();
    press(&mut harness, Key::J);
    press_with(&mut harness, Modifiers::COMMAND, Key::F);
    harness
        .get_by_role(egui::accesskit::Role::TextInput)
        .type_text("e");
    harness.run();
    let article = harness.state().article();
    let first = article.first_visible_offset().unwrap();
    let top = article.screen_pos_of(first).unwrap().y;
    assert!(
        harness
            .query_all_by_label_contains("difference")
            .next()
            .is_some()
    );
    assert!(top < 260.0, "the text starts at y = {top}");
}
