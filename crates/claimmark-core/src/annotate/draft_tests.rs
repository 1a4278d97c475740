use super::*;
use crate::model::{Schema, notation};

/// Our own sentences: a pardon, then a release with a second count.
const MARKED: &str = "[person|Lukashenko] [event|pardoned] [count|31] prisoners on [date|Thursday]. \
    [organization|Viasna] said he [event|freed] [person|Maria Kolesnikova] and [count|two] others. \
    [organization|Viasna] counts [count|1,184] political prisoners as of [date|18 September].";

fn project() -> Project {
    let mut project = Project::new(Schema::default_news());
    project
        .documents
        .push(notation::document("d", MARKED).expect("notation"));
    project
}

fn range_of(doc: &Document, from: &str, to: &str) -> CharRange {
    let text = doc.text.as_str();
    let start = text.find(from).expect("from");
    let end = text[start..].find(to).expect("to") + start + to.len();
    CharRange::new(
        doc.text.char_offset_of_byte(start),
        doc.text.char_offset_of_byte(end),
    )
}

/// (role, covered text) of the draft's arguments.
fn roles(draft: &ClaimDraft, project: &Project) -> Vec<(String, String)> {
    let doc = &project.documents[0];
    draft
        .arguments(&project.schema)
        .iter()
        .map(|a| {
            let span = doc.span(a.span).expect("span");
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
fn a_sentence_drafts_the_type_its_event_implies_with_every_fitting_role() {
    let project = project();
    let doc = &project.documents[0];
    let draft =
        ClaimDraft::new(&project, doc, range_of(doc, "Lukashenko", "Thursday.")).expect("draft");
    assert_eq!(draft.claim_type().as_str(), "pardon");
    assert_eq!(draft.types.len(), project.schema.claim_types.len());
    assert_eq!(
        draft.types[1].as_str(),
        "release",
        "the others in schema order"
    );
    assert_eq!(
        roles(&draft, &project),
        pairs(&[
            ("trigger", "pardoned"),
            ("count", "31"),
            ("date", "Thursday"),
            ("actor", "Lukashenko"),
        ])
    );
}

#[test]
fn tab_on_the_trigger_row_takes_the_next_event_and_its_type() {
    let project = project();
    let doc = &project.documents[0];
    let mut draft =
        ClaimDraft::new(&project, doc, range_of(doc, "Lukashenko", "others.")).expect("draft");
    assert_eq!(draft.triggers.len(), 2);
    draft.cycle(&project, doc);
    assert_eq!(draft.claim_type().as_str(), "release");
    assert_eq!(
        roles(&draft, &project),
        pairs(&[
            ("trigger", "freed"),
            ("count", "two"),
            ("date", "Thursday"),
            ("released_person", "Maria Kolesnikova"),
            ("actor", "Viasna"),
            ("actor", "Lukashenko"),
        ])
    );
}

#[test]
fn a_picked_type_refills_the_roles_and_survives_a_trigger_change() {
    let project = project();
    let doc = &project.documents[0];
    let range = range_of(doc, "Lukashenko", "others.");
    let mut draft = ClaimDraft::new(&project, doc, range).expect("draft");
    let release = draft
        .types
        .iter()
        .position(|t| t.as_str() == "release")
        .expect("release");
    assert!(draft.set_type(&project, doc, release));
    assert_eq!(draft.claim_type().as_str(), "release");
    assert!(
        draft
            .roles
            .iter()
            .any(|r| r.role.as_str() == "released_person")
    );
    draft.cycle(&project, doc);
    assert_eq!(draft.claim_type().as_str(), "release");
    assert!(!draft.set_type(&project, doc, 99));
}

#[test]
fn tab_on_a_role_cycles_its_fillers_then_none_skipping_taken_spans() {
    let project = project();
    let doc = &project.documents[0];
    let mut draft =
        ClaimDraft::new(&project, doc, range_of(doc, "Lukashenko", "others.")).expect("draft");
    let count_row = 1 + draft
        .roles
        .iter()
        .position(|r| r.role.as_str() == "count")
        .expect("count role");
    draft.row = count_row;
    let count = |draft: &ClaimDraft| -> Vec<String> {
        draft.roles[count_row - 1]
            .chosen()
            .iter()
            .map(|id| doc.span_text(doc.span(*id).expect("span")).to_owned())
            .collect()
    };
    assert_eq!(count(&draft), ["31"]);
    draft.cycle(&project, doc);
    assert_eq!(count(&draft), ["two"]);
    draft.cycle(&project, doc);
    assert!(count(&draft).is_empty(), "then none");
    draft.cycle(&project, doc);
    assert_eq!(count(&draft), ["31"]);
    draft.move_row(false);
    draft.move_row(true);
    assert_eq!(draft.row, count_row);
}

#[test]
fn without_an_event_a_count_drafts_the_type_without_a_trigger() {
    let project = project();
    let doc = &project.documents[0];
    let draft = ClaimDraft::new(&project, doc, range_of(doc, "Viasna counts", "September."))
        .expect("draft");
    assert_eq!(draft.claim_type().as_str(), "prisoner_count");
    assert_eq!(
        roles(&draft, &project),
        pairs(&[
            ("count", "1,184"),
            ("as_of", "18 September"),
            ("source", "Viasna"),
        ])
    );
}

#[test]
fn creating_the_draft_is_one_insert_with_its_arguments() {
    let project = project();
    let doc = &project.documents[0];
    let draft =
        ClaimDraft::new(&project, doc, range_of(doc, "Lukashenko", "Thursday.")).expect("draft");
    let made = draft.create(&project, doc).expect("create");
    let Edit::InsertClaim { claim, .. } = &made.edit else {
        panic!("{:?}", made.edit);
    };
    assert_eq!(claim.id, made.claim);
    assert_eq!(claim.arguments, draft.arguments(&project.schema));
    assert_eq!(claim.status, crate::model::ReviewStatus::Accepted);
}

#[test]
fn a_selection_adds_only_the_arguments_a_claim_lacks() {
    let mut project = project();
    let doc = project.documents[0].clone();
    let first =
        ClaimDraft::new(&project, &doc, range_of(&doc, "pardoned", "pardoned")).expect("draft");
    let made = first.create(&project, &doc).expect("create");
    made.edit.apply(&mut project).expect("apply");
    let doc = project.documents[0].clone();
    let edit = fitting_arguments(
        &project,
        &doc,
        made.claim,
        range_of(&doc, "Lukashenko", "Thursday."),
    )
    .expect("fit");
    edit.apply(&mut project).expect("apply");
    let doc = &project.documents[0];
    let claim = doc.claim(made.claim).expect("claim");
    let roles: Vec<&str> = claim.arguments.iter().map(|a| a.role.as_str()).collect();
    assert_eq!(roles, ["trigger", "count", "date", "actor"]);
    // Again: nothing more fits.
    let again = fitting_arguments(
        &project,
        doc,
        made.claim,
        range_of(doc, "Lukashenko", "Thursday."),
    )
    .expect("fit");
    assert_eq!(again, Edit::Batch(Vec::new()));
}
