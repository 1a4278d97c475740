use super::*;
use crate::edit::Edit;
use crate::model::value::{CountModifier, CountValue};
use crate::model::{
    Agent, CharRange, Document, Entity, EntityId, Name, Project, ReviewStatus, Schema, SpanId,
    Timestamp, Value, ValueKind, notation,
};
use crate::review::Reviewer;
use time::macros::date;

/// Our own text: published on a Thursday.
const NOTE: &str = "On Thursday the president pardoned over 75 prisoners, among them \
    Ales Bialiatski; three of them are ill, and around 1,229 remain in prison.";

fn name(raw: &str) -> Name {
    Name::parse(raw).unwrap()
}

fn project_with(marked: &str) -> Project {
    let mut doc = notation::document("note", marked).unwrap();
    doc.published = Some(date!(2024 - 11 - 14));
    let mut project = Project::new(Schema::default_news());
    project.documents.push(doc);
    project
}

fn range_of(doc: &Document, needle: &str) -> CharRange {
    let byte = doc.text.as_str().find(needle).unwrap();
    let start = doc.text.char_offset_of_byte(byte);
    CharRange::new(start, start.saturating_add(needle.chars().count()))
}

fn applied(project: &Project, edit: &Edit) -> Project {
    let mut changed = project.clone();
    edit.clone().apply(&mut changed).unwrap();
    changed
}

fn reviewer() -> Reviewer {
    Reviewer {
        agent: Agent::person("analyst"),
        at: Timestamp::now(),
    }
}

#[test]
fn a_tagged_span_gets_the_value_the_suggester_gives_the_same_span() {
    let project = project_with(NOTE);
    let doc = &project.documents[0];
    let proposals = crate::suggest::suggest_document(doc, &project.schema, &project.entities);
    assert!(proposals.len() >= 5, "{proposals:?}");
    for proposal in proposals {
        let Tagged::New { span, edit } =
            tag(&project, doc, proposal.range, proposal.label.clone()).unwrap()
        else {
            panic!("new span expected");
        };
        let tagged = applied(&project, &edit);
        let by_hand = tagged.documents[0].span(span).unwrap();
        assert_eq!(
            by_hand.value,
            proposal.value,
            "“{}” as {}",
            doc.span_text(&proposal),
            proposal.label
        );
    }
}

#[test]
fn over_75_is_more_than_75_by_hand() {
    let project = project_with(NOTE);
    let doc = &project.documents[0];
    let Tagged::New { span, edit } =
        tag(&project, doc, range_of(doc, "over 75"), name("count")).unwrap()
    else {
        panic!()
    };
    let value = applied(&project, &edit).documents[0]
        .span(span)
        .and_then(|s| s.value.clone())
        .map(|v| v.value);
    assert_eq!(
        value,
        Some(Value::Count(CountValue::new(
            Some(75),
            CountModifier::MoreThan,
            Some(76),
            None
        )))
    );
}

#[test]
fn a_bare_number_reads_the_bound_around_it_whoever_tags_it() {
    let count = |marked: &str, needle: &str| {
        let project = project_with(marked);
        let doc = &project.documents[0];
        let Tagged::New { span, edit } =
            tag(&project, doc, range_of(doc, needle), name("count")).unwrap()
        else {
            panic!()
        };
        let value = applied(&project, &edit).documents[0]
            .span(span)
            .and_then(|s| s.value.clone())
            .map(|v| v.value);
        match value {
            Some(Value::Count(value)) => value.modifier,
            other => panic!("{other:?}"),
        }
    };
    assert_eq!(
        count(NOTE, "75"),
        CountModifier::MoreThan,
        "“over” before it"
    );
    assert_eq!(
        count("They freed no fewer than 75 people.", "75"),
        CountModifier::AtLeast,
        "the longest phrase"
    );
    assert_eq!(
        count("They freed 75 or more people.", "75"),
        CountModifier::AtLeast
    );
    assert_eq!(
        count("Prices rose by over. 75 were freed.", "75"),
        CountModifier::Exact,
        "not across a sentence end"
    );
    assert_eq!(count("They freed 75 people.", "75"), CountModifier::Exact);
}

#[test]
fn tagging_twice_selects_the_span_already_there() {
    let project = project_with("On [date|Thursday] it ended.");
    let doc = &project.documents[0];
    let again = tag(&project, doc, range_of(doc, "Thursday"), name("date")).unwrap();
    assert_eq!(again, Tagged::Existing(SpanId(1)));
    assert_eq!(
        tag(&project, doc, range_of(doc, "Thursday"), name("weather")),
        Err(AnnotateError::NoLabel(name("weather")))
    );
}

#[test]
fn relabelling_reads_the_value_again_under_the_new_label() {
    let project = project_with("They freed [date|three] people.");
    let doc = &project.documents[0];
    let edit = relabel(&project, doc, SpanId(1), name("count")).unwrap();
    let span = applied(&project, &edit).documents[0]
        .span(SpanId(1))
        .cloned()
        .unwrap();
    assert_eq!(span.label, name("count"));
    assert_eq!(
        span.value.map(|v| v.value),
        Some(Value::Count(CountValue::exact(3)))
    );
}

#[test]
fn a_new_claim_takes_the_selected_event_as_its_trigger() {
    let project = project_with("The president [event|pardoned] [count|31] people.");
    let doc = &project.documents[0];
    let made = new_claim(&project, doc, name("pardon"), Some(SpanId(1))).unwrap();
    let changed = applied(&project, &made.edit);
    let claim = changed.documents[0].claim(made.claim).unwrap();
    assert_eq!(claim.arguments.len(), 1);
    assert_eq!(claim.arguments[0].span, SpanId(1));
    // A count is no trigger.
    let made = new_claim(&project, doc, name("pardon"), Some(SpanId(2))).unwrap();
    let changed = applied(&project, &made.edit);
    assert!(
        changed.documents[0]
            .claim(made.claim)
            .unwrap()
            .arguments
            .is_empty()
    );
}

#[test]
fn filling_a_single_role_replaces_its_argument_and_tags_a_selection_with_its_value() {
    let project = project_with("They [event|pardoned] [count|31] people, or maybe 32.");
    let doc = &project.documents[0];
    let made = new_claim(&project, doc, name("pardon"), Some(SpanId(1))).unwrap();
    let project = applied(&project, &made.edit);
    let doc = &project.documents[0];
    let first = fill_role(
        &project,
        doc,
        made.claim,
        &name("count"),
        FillTarget::Span(SpanId(2)),
    )
    .unwrap();
    let project = applied(&project, &first.edit);
    let doc = &project.documents[0];
    assert_eq!(
        fill_role(
            &project,
            doc,
            made.claim,
            &name("count"),
            FillTarget::Span(SpanId(2))
        ),
        Err(AnnotateError::AlreadyFills(name("count")))
    );
    let second = fill_role(
        &project,
        doc,
        made.claim,
        &name("count"),
        FillTarget::Selection(range_of(doc, "32")),
    )
    .unwrap();
    let project = applied(&project, &second.edit);
    let doc = &project.documents[0];
    let claim = doc.claim(made.claim).unwrap();
    let counts: Vec<SpanId> = claim
        .arguments
        .iter()
        .filter(|a| a.role == name("count"))
        .map(|a| a.span)
        .collect();
    assert_eq!(counts, vec![second.span]);
    let tagged = doc.span(second.span).unwrap();
    assert_eq!(tagged.label, name("count"));
    assert_eq!(
        tagged.value.as_ref().map(|v| v.value.clone()),
        Some(Value::Count(CountValue::exact(32)))
    );
}

#[test]
fn changing_the_type_takes_out_roles_the_new_type_lacks() {
    let project = project_with("They [event|sentenced] [person|Ales] to ten years.");
    let doc = &project.documents[0];
    let made = new_claim(&project, doc, name("sentence"), Some(SpanId(1))).unwrap();
    let project = applied(&project, &made.edit);
    let filled = fill_role(
        &project,
        &project.documents[0],
        made.claim,
        &name("sentenced_person"),
        FillTarget::Span(SpanId(2)),
    )
    .unwrap();
    let project = applied(&project, &filled.edit);
    let edit = change_claim_type(
        &project,
        &project.documents[0],
        made.claim,
        &name("release"),
    )
    .unwrap();
    let changed = applied(&project, &edit);
    let claim = changed.documents[0].claim(made.claim).unwrap();
    assert_eq!(claim.claim_type, name("release"));
    let roles: Vec<&str> = claim.arguments.iter().map(|a| a.role.as_str()).collect();
    assert_eq!(roles, vec!["trigger"]);
}

#[test]
fn changing_a_proposal_marks_it_corrected_in_the_same_step() {
    let mut project = project_with("They freed [count|31] people.");
    if let Some(span) = project.documents[0].spans_mut().next() {
        span.status = ReviewStatus::Proposed;
    }
    let doc = &project.documents[0];
    let edit = relabel(&project, doc, SpanId(1), name("date")).unwrap();
    let corrected = with_correction(doc, edit.clone(), &reviewer());
    let changed = applied(&project, &corrected);
    assert_eq!(
        changed.documents[0].span(SpanId(1)).unwrap().status,
        ReviewStatus::Corrected
    );
    // An accepted span is not a proposal: nothing is added.
    let mut accepted = project.clone();
    if let Some(span) = accepted.documents[0].spans_mut().next() {
        span.status = ReviewStatus::Accepted;
    }
    assert_eq!(
        with_correction(&accepted.documents[0], edit.clone(), &reviewer()),
        edit
    );
}

#[test]
fn linking_and_unlinking_mentions() {
    let mut project =
        project_with("[person|Ales Bialiatski] met [person|Bialiatski] and [person|Ales].");
    project.entities.push(Entity {
        id: EntityId(1),
        kind: ValueKind::Person,
        name: "Ales Bialiatski".to_owned(),
        aliases: Vec::new(),
    });
    let (edit, linked) = link_matching_mentions(&project, EntityId(1)).unwrap();
    assert!(linked >= 2, "{linked}");
    let project = applied(&project, &edit);
    let doc = &project.documents[0];
    assert_eq!(doc.span(SpanId(1)).unwrap().entity, Some(EntityId(1)));
    assert_eq!(
        link_matching_mentions(&project, EntityId(1)),
        Err(AnnotateError::NoMatchingMention)
    );
    let edit = unlink(doc, &project, SpanId(1)).unwrap();
    let project = applied(&project, &edit);
    let span = project.documents[0].span(SpanId(1)).unwrap();
    assert_eq!(span.entity, None);
    assert_eq!(
        span.value.as_ref().map(|v| v.value.clone()),
        Some(Value::Person {
            name: "Ales Bialiatski".to_owned(),
            entity_id: None
        })
    );
}

#[test]
fn a_new_publication_date_rereads_relative_dates_in_the_same_step() {
    let project = project_with("On [date|Thursday] they were freed.");
    let valued = applied(
        &project,
        &crate::edit::Edit::Batch(crate::normalize::renormalize(
            &project.documents[0],
            &project.schema,
            &project.entities,
        )),
    );
    let edit = with_renormalized_dates(
        &valued,
        Edit::SetDocumentPublished {
            doc: valued.documents[0].id.clone(),
            published: Some(date!(2024 - 11 - 22)),
        },
    );
    let changed = applied(&valued, &edit);
    let value = changed.documents[0]
        .span(SpanId(1))
        .and_then(|s| s.value.clone());
    let Some(Value::Date(date)) = value.map(|v| v.value) else {
        panic!("a date")
    };
    assert_eq!(date.value, "2024-11-21");
    let other = Edit::SetDocumentTitle {
        doc: valued.documents[0].id.clone(),
        title: "t".to_owned(),
    };
    assert_eq!(with_renormalized_dates(&valued, other.clone()), other);
}

#[test]
fn taking_their_version_of_a_span_they_alone_have() {
    let ours = project_with("They freed 31 people on Thursday.");
    let theirs = project_with("They freed [count|31] people on Thursday.");
    let comparison = compare_document((&ours, &ours.documents[0]), (&theirs, &theirs.documents[0]));
    assert_eq!(comparison.rows.len(), 1);
    assert!(row_range(&comparison, 0).is_some());
    let edit = take_theirs(
        &ours,
        &ours.documents[0],
        their_document(&theirs, &ours.documents[0]).unwrap(),
        &comparison,
        &comparison.rows[0],
    )
    .unwrap();
    let changed = applied(&ours, &edit);
    let span = &changed.documents[0].spans()[0];
    assert_eq!(changed.documents[0].span_text(span), "31");
    assert_eq!(span.status, ReviewStatus::Accepted);
    let again = compare_document(
        (&changed, &changed.documents[0]),
        (&theirs, &theirs.documents[0]),
    );
    assert!(again.rows.is_empty());
}
