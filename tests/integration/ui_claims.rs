//! Claims from a selection, counted in inputs: drag over a sentence, C,
//! Enter. The draft preview's keys (digit, Tab, ↑/↓, Escape), R+Enter for
//! an existing claim, and R's picker that knows which roles a span fits.

use claimmark::app::ClaimmarkApp;
use claimmark_core::model::{Claim, Document, Project, notation};
use claimmark_core::storage;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};

use super::fixtures::scratch;
use super::ui::{char_pos, doc, drag, harness_with, press, press_with, status_text};

/// Our own text, every span already tagged.
const TAGGED: &str = "[person|Lukashenko] [event|pardoned] [count|31] political prisoners on [date|Thursday]. \
    [organization|Viasna] said guards [event|freed] [person|Maria Kolesnikova] and [count|two] others.\n\n\
    [organization|Viasna] counts [count|1,184] political prisoners.";

/// The plain text of `TAGGED`.
fn plain() -> String {
    notation::document("d", TAGGED)
        .unwrap()
        .text
        .as_str()
        .to_owned()
}

fn at(needle: &str) -> usize {
    let text = plain();
    text[..text.find(needle).unwrap()].chars().count()
}

/// The last char of `needle` (a drag to a line's end has no char there).
fn end_of(needle: &str) -> usize {
    at(needle) + needle.chars().count() - 1
}

fn tagged_harness() -> (tempfile::TempDir, Harness<'static, ClaimmarkApp>) {
    let dir = scratch();
    let mut project = Project::default();
    project
        .documents
        .push(notation::document("pardon", TAGGED).unwrap());
    let path = dir.path().join("project.ron");
    storage::save_project(&path, &project).unwrap();
    let harness = harness_with(Some(path), vec![]);
    (dir, harness)
}

/// Counts the analyst's inputs, so a change that makes a task take more
/// fails here.
struct Inputs<'h, 'a> {
    harness: &'h mut Harness<'a, ClaimmarkApp>,
    count: usize,
}

impl Inputs<'_, '_> {
    fn drag(&mut self, from: usize, to: usize) {
        self.count += 1;
        drag(self.harness, from, to);
    }
    fn press(&mut self, key: Key) {
        self.count += 1;
        press(self.harness, key);
    }
}

fn roles(doc: &Document, claim: &Claim) -> Vec<(String, String)> {
    claim
        .arguments
        .iter()
        .map(|a| {
            let span = doc.span(a.span).unwrap();
            (a.role.to_string(), doc.span_text(span).to_owned())
        })
        .collect()
}

fn pairs(expected: &[(&str, &str)]) -> Vec<(String, String)> {
    expected
        .iter()
        .map(|(r, t)| ((*r).to_owned(), (*t).to_owned()))
        .collect()
}

#[test]
fn a_trigger_with_three_roles_takes_three_inputs_and_one_undo() {
    let (_dir, mut harness) = tagged_harness();
    let mut inputs = Inputs {
        harness: &mut harness,
        count: 0,
    };
    inputs.drag(at("Lukashenko"), end_of("Thursday."));
    inputs.press(Key::C);
    // The preview is in the form before anything changes.
    assert!(doc(inputs.harness).claims().is_empty());
    inputs.harness.get_by_label("New pardon claim (preview)");
    inputs.press(Key::Enter);
    assert!(inputs.count <= 4, "{} inputs", inputs.count);
    let doc_now = doc(&harness);
    let claim = &doc_now.claims()[0];
    assert_eq!(claim.claim_type.as_str(), "pardon");
    assert_eq!(
        roles(&doc_now, claim),
        pairs(&[
            ("trigger", "pardoned"),
            ("count", "31"),
            ("date", "Thursday"),
            ("actor", "Lukashenko"),
        ])
    );
    assert_eq!(harness.state().view().claim, Some(claim.id));
    // One edit: one undo takes the whole claim away.
    press_with(&mut harness, Modifiers::COMMAND, Key::Z);
    assert!(doc(&harness).claims().is_empty());
}

#[test]
fn tab_takes_the_next_trigger_and_a_correction_is_one_more_input() {
    let (_dir, mut harness) = tagged_harness();
    let mut inputs = Inputs {
        harness: &mut harness,
        count: 0,
    };
    inputs.drag(at("Lukashenko"), end_of("others."));
    inputs.press(Key::C);
    // Two events in the selection: Tab moves to the second, a release.
    inputs.press(Key::Tab);
    inputs.press(Key::Enter);
    assert!(inputs.count <= 4, "{} inputs", inputs.count);
    let doc_now = doc(&harness);
    let claim = &doc_now.claims()[0];
    assert_eq!(claim.claim_type.as_str(), "release");
    assert!(
        roles(&doc_now, claim).contains(&("released_person".into(), "Maria Kolesnikova".into())),
        "{:?}",
        roles(&doc_now, claim)
    );
}

#[test]
fn a_digit_changes_the_type_and_escape_leaves_the_project_alone() {
    let (_dir, mut harness) = tagged_harness();
    drag(&mut harness, at("Lukashenko"), end_of("Thursday."));
    press(&mut harness, Key::C);
    let types = harness.state().view().draft.clone().unwrap().draft.types;
    assert_eq!(types[0].as_str(), "pardon", "the implied type first");
    let release = types.iter().position(|t| t.as_str() == "release").unwrap();
    let digit = [Key::Num1, Key::Num2, Key::Num3][release];
    press(&mut harness, digit);
    harness.get_by_label("New release claim (preview)");
    press(&mut harness, Key::Escape);
    assert!(harness.state().view().draft.is_none());
    assert!(doc(&harness).claims().is_empty());
    assert!(
        !harness.state().window_title().contains('•'),
        "nothing changed"
    );
    // Again, with the type changed: Enter makes that type.
    drag(&mut harness, at("Lukashenko"), end_of("Thursday."));
    press(&mut harness, Key::C);
    press(&mut harness, digit);
    press(&mut harness, Key::Enter);
    assert_eq!(doc(&harness).claims()[0].claim_type.as_str(), "release");
}

#[test]
fn tab_on_a_role_row_cycles_its_fillers() {
    let (_dir, mut harness) = tagged_harness();
    drag(&mut harness, at("Lukashenko"), end_of("others."));
    press(&mut harness, Key::C);
    // Row 1 is the pardon's count: 31, then "two", then none.
    press(&mut harness, Key::ArrowDown);
    press(&mut harness, Key::Tab);
    press(&mut harness, Key::Enter);
    let doc_now = doc(&harness);
    let claim = &doc_now.claims()[0];
    assert!(
        roles(&doc_now, claim).contains(&("count".into(), "two".into())),
        "{:?}",
        roles(&doc_now, claim)
    );
}

#[test]
fn a_count_sentence_drafts_a_prisoner_count() {
    let (_dir, mut harness) = tagged_harness();
    drag(
        &mut harness,
        at("Viasna counts"),
        end_of("1,184 political prisoners."),
    );
    press(&mut harness, Key::C);
    press(&mut harness, Key::Enter);
    let doc_now = doc(&harness);
    let claim = &doc_now.claims()[0];
    assert_eq!(claim.claim_type.as_str(), "prisoner_count");
    assert_eq!(
        roles(&doc_now, claim),
        pairs(&[("count", "1,184"), ("source", "Viasna")])
    );
}

#[test]
fn r_then_enter_adds_what_a_selection_fits_to_the_selected_claim() {
    let (_dir, mut harness) = tagged_harness();
    // A pardon with its trigger only: click the event, C, then a digit-free
    // Enter would take its sentence, so select the word alone.
    drag(&mut harness, at("pardoned"), end_of("pardoned"));
    press(&mut harness, Key::C);
    press(&mut harness, Key::Enter);
    assert_eq!(doc(&harness).claims()[0].arguments.len(), 1);
    drag(&mut harness, at("Lukashenko"), end_of("Thursday."));
    press(&mut harness, Key::R);
    press(&mut harness, Key::Enter);
    let doc_now = doc(&harness);
    assert_eq!(
        roles(&doc_now, &doc_now.claims()[0]),
        pairs(&[
            ("trigger", "pardoned"),
            ("count", "31"),
            ("date", "Thursday"),
            ("actor", "Lukashenko"),
        ])
    );
    press_with(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(doc(&harness).claims()[0].arguments.len(), 1, "one undo");
}

#[test]
fn r_greys_the_roles_a_span_cannot_fill_and_says_why() {
    let (_dir, mut harness) = tagged_harness();
    drag(&mut harness, at("pardoned"), end_of("pardoned"));
    press(&mut harness, Key::C);
    press(&mut harness, Key::Enter);
    // Click the date span, then R: "count" (digit 2) does not take dates.
    let thursday = char_pos(&harness, at("Thursday") + 2);
    super::ui::click_at(&mut harness, thursday);
    assert!(harness.state().view().span.is_some());
    press(&mut harness, Key::R);
    assert!(
        harness
            .get_by_label("2  count")
            .accesskit_node()
            .is_disabled(),
        "count is greyed for a date span"
    );
    harness.get_by_label("   takes count, not date");
    press(&mut harness, Key::Num2);
    assert!(
        status_text(&harness).contains("takes count, not date"),
        "{}",
        status_text(&harness)
    );
    // The date role (digit 4 in pardon: trigger, count, pardoned_person, date).
    press(&mut harness, Key::Num4);
    let doc_now = doc(&harness);
    assert!(roles(&doc_now, &doc_now.claims()[0]).contains(&("date".into(), "Thursday".into())));
}

#[test]
fn r_on_untagged_text_tags_it_with_the_roles_label_and_says_so() {
    let dir = scratch();
    let path = super::ui::article_project(dir.path());
    let mut harness = harness_with(Some(path), vec![]);
    let offset = |needle: &str| super::ui::offset_of(needle);
    drag(&mut harness, offset("pardoned"), offset("pardoned") + 8);
    press(&mut harness, Key::Num4);
    press(&mut harness, Key::C);
    press(&mut harness, Key::Enter);
    drag(&mut harness, offset("Thursday"), offset("Thursday") + 8);
    press(&mut harness, Key::R);
    harness.get_by_label("4  date  (tags as date)");
    press(&mut harness, Key::Num4);
    let doc_now = doc(&harness);
    assert!(roles(&doc_now, &doc_now.claims()[0]).contains(&("date".into(), "Thursday".into())));
    assert!(
        status_text(&harness).contains("Tagged the selection as date"),
        "{}",
        status_text(&harness)
    );
}

#[test]
fn the_selected_claim_is_drawn_in_place_and_read_in_the_form() {
    let (_dir, mut harness) = tagged_harness();
    drag(&mut harness, at("Lukashenko"), end_of("Thursday."));
    press(&mut harness, Key::C);
    press(&mut harness, Key::Enter);
    harness.run();
    // An arc from the trigger to each other argument, named by its role.
    let drawn = harness.state().article().connectors().to_vec();
    let mut roles: Vec<&str> = drawn.iter().map(|c| c.role.as_str()).collect();
    roles.sort_unstable();
    assert_eq!(roles, ["actor", "count", "date"]);
    let trigger = char_pos(&harness, at("pardoned") + 3);
    for connector in &drawn {
        assert!(connector.on_screen, "{connector:?}");
        assert!(connector.label_at.y < trigger.y, "names sit above the text");
        let end = char_pos(
            &harness,
            at(match connector.role.as_str() {
                "actor" => "Lukashenko",
                "count" => "31",
                _ => "Thursday",
            }),
        );
        let (low, high) = (trigger.x.min(end.x), trigger.x.max(end.x));
        assert!(
            (low - 1.0..=high + 40.0).contains(&connector.label_at.x),
            "{connector:?} between {low} and {high}"
        );
    }
    // The form reads the claim's sentence with each argument's role.
    harness.get_by_label(
        "Lukashenko[actor] pardoned[trigger] 31[count] political prisoners on Thursday[date].",
    );
    // Drafting it again says it would be a duplicate.
    drag(&mut harness, at("Lukashenko"), end_of("Thursday."));
    press(&mut harness, Key::C);
    harness.get_by_label("Claim c1 is already a pardon with this trigger.");
    press(&mut harness, Key::Escape);
    // Only the selected claim is drawn.
    harness
        .state_mut()
        .push(claimmark::command::Action::SelectClaim(None));
    harness.run();
    assert!(harness.state().article().connectors().is_empty());
}

#[test]
fn the_claim_forms_add_buttons_keep_one_column_clear_of_the_chips() {
    let (_dir, mut harness) = tagged_harness();
    // An empty arrest claim (nothing selected: C, the type's digit, Enter).
    press(&mut harness, Key::C);
    let types = harness.state().view().draft.clone().unwrap().draft.types;
    let arrest = types.iter().position(|t| t.as_str() == "arrest").unwrap();
    press(&mut harness, [Key::Num1, Key::Num2, Key::Num3][arrest]);
    press(&mut harness, Key::Enter);
    // A required role is marked missing from the start.
    harness.get_by_label("missing");
    let click_span = |harness: &mut Harness<'_, ClaimmarkApp>, word: &str| {
        let pos = char_pos(harness, at(word) + 2);
        super::ui::click_at(harness, pos);
    };
    // arrested_person via R 2, twice (it takes several), then date via R 4.
    click_span(&mut harness, "Maria Kolesnikova");
    press(&mut harness, Key::R);
    press(&mut harness, Key::Num2);
    click_span(&mut harness, "Lukashenko");
    press(&mut harness, Key::R);
    press(&mut harness, Key::Num2);
    click_span(&mut harness, "Thursday");
    press(&mut harness, Key::R);
    press(&mut harness, Key::Num4);
    let doc_now = doc(&harness);
    assert_eq!(
        roles(&doc_now, &doc_now.claims()[0]),
        pairs(&[
            ("arrested_person", "Maria Kolesnikova"),
            ("arrested_person", "Lukashenko"),
            ("date", "Thursday"),
        ])
    );
    let adds: Vec<egui::Rect> = harness
        .query_all_by_label("+ selected")
        .map(|node| node.rect())
        .collect();
    assert!(adds.len() >= 3, "{adds:?}");
    let chips: Vec<egui::Rect> = ["Maria Kolesnikova", "Lukashenko", "Thursday"]
        .iter()
        .map(|text| harness.get_by_label(text).rect())
        .collect();
    for add in &adds {
        assert!(
            (add.left() - adds[0].left()).abs() < 1.0,
            "one column: {adds:?}"
        );
        for chip in &chips {
            assert!(!add.intersects(*chip), "{add:?} overlaps {chip:?}");
        }
        for other in &adds {
            assert!(
                add == other || !add.intersects(*other),
                "{add:?} and {other:?}"
            );
        }
    }
}

#[test]
fn a_span_takes_two_inputs_and_a_reviewed_proposal_one() {
    use claimmark_core::model::ReviewStatus;
    let dir = scratch();
    let path = super::ui::article_project(dir.path());
    let mut harness = harness_with(Some(path), vec![]);
    let mut inputs = Inputs {
        harness: &mut harness,
        count: 0,
    };
    let start = super::ui::offset_of("Thursday");
    inputs.drag(start, start + 7);
    inputs.press(Key::Num2);
    assert_eq!(inputs.count, 2);
    assert_eq!(
        super::ui::span_texts(&doc(inputs.harness)),
        vec![("Thursday".to_owned(), "date".to_owned())]
    );

    // Reviewing: once on the queue (J), each decision is one key and the
    // next proposal comes up by itself.
    let dir = scratch();
    let path = super::ui_review::proposals_project(dir.path());
    let mut harness = harness_with(Some(path), vec![]);
    press(&mut harness, Key::J);
    let pending = |h: &Harness<'_, ClaimmarkApp>| {
        h.state()
            .session()
            .project()
            .documents
            .iter()
            .flat_map(|d| {
                d.spans()
                    .iter()
                    .map(|s| s.status)
                    .chain(d.claims().iter().map(|c| c.status))
                    .collect::<Vec<_>>()
            })
            .filter(|s| *s == ReviewStatus::Proposed)
            .count()
    };
    let before = pending(&harness);
    let mut inputs = Inputs {
        harness: &mut harness,
        count: 0,
    };
    for key in [Key::A, Key::X, Key::A] {
        let was = pending(inputs.harness);
        inputs.press(key);
        // Accepting a claim accepts its proposed spans too.
        assert!(
            pending(inputs.harness) < was,
            "{key:?} decided the proposal shown"
        );
    }
    assert_eq!(inputs.count, 3);
    assert!(pending(&harness) <= before - 3);
}
