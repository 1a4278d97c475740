//! Edits: each applies, refuses what would break the model, and its inverse
//! restores the project exactly.

#![allow(clippy::too_many_lines)] // tables of cases

use proptest::prelude::*;

use super::*;
use crate::model::CanonicalText;
use crate::model::notation;
use crate::model::schema::{ClaimTypeDef, LabelDef, Rgb, RoleDef};

fn name(raw: &str) -> Name {
    Name::parse(raw).unwrap()
}

fn doc_id(raw: &str) -> DocId {
    DocId::parse(raw).unwrap()
}

/// Two documents: one with a release claim, one plain.
fn sample_project() -> Project {
    let mut project = Project::default();
    let mut first = notation::document(
        "first",
        "[person|Ales Bialiatski] was [event|freed] on [date|December 14th] with [count|31] others.",
    )
    .unwrap();
    first.insert_claim(Claim {
        arguments: vec![
            Argument {
                role: name("trigger"),
                span: SpanId(2),
            },
            Argument {
                role: name("released_person"),
                span: SpanId(1),
            },
        ],
        ..Claim::new(ClaimId(1), name("release"))
    });
    project.documents.push(first);
    project
        .documents
        .push(notation::document("second", "“Quoted” — 😀 Minsk, [place|Belarus].").unwrap());
    assert!(project.problems().is_empty(), "{:?}", project.problems());
    project
}

fn apply_and_undo(project: &mut Project, edit: Edit) {
    let before = project.clone();
    let inverse = edit.apply(project).unwrap();
    assert!(project.problems().is_empty(), "{:?}", project.problems());
    assert_ne!(*project, before, "the edit changed nothing");
    inverse.apply(project).unwrap();
    assert_eq!(*project, before);
}

#[test]
fn every_kind_of_edit_is_undone_by_its_inverse() {
    let first = doc_id("first");
    let span = |id| SpanId(id);
    let edits = vec![
        Edit::SetDocumentTitle {
            doc: first.clone(),
            title: "New".into(),
        },
        Edit::SetDocumentSource {
            doc: first.clone(),
            source: "https://example.org".into(),
        },
        Edit::SetDocumentPublished {
            doc: first.clone(),
            published: Some(time::macros::date!(2025 - 09 - 20)),
        },
        Edit::SetDocumentStatus {
            doc: first.clone(),
            status: DocStatus::Done,
        },
        Edit::RemoveDocument {
            doc: doc_id("second"),
        },
        Edit::InsertDocument {
            index: 1,
            document: Box::new(notation::document("third", "A [person|B].").unwrap()),
        },
        Edit::InsertSpan {
            doc: first.clone(),
            span: Span::new(span(9), CharRange::from_offsets(0, 4), name("person")),
        },
        Edit::RemoveSpan {
            doc: first.clone(),
            span: span(3),
        },
        Edit::SetSpanLabel {
            doc: first.clone(),
            span: span(1),
            label: name("organization"),
        },
        Edit::SetSpanRange {
            doc: first.clone(),
            span: span(1),
            range: CharRange::from_offsets(0, 4),
        },
        Edit::SetSpanNote {
            doc: first.clone(),
            span: span(1),
            note: "check spelling".into(),
        },
        Edit::InsertClaim {
            doc: first.clone(),
            claim: Claim::new(ClaimId(2), name("prisoner_count")),
        },
        Edit::RemoveClaim {
            doc: first.clone(),
            claim: ClaimId(1),
        },
        Edit::SetClaimType {
            doc: first.clone(),
            claim: ClaimId(1),
            claim_type: name("pardon"),
        }
        .pipe_into_batch_with_role_fix(),
        Edit::SetClaimNote {
            doc: first.clone(),
            claim: ClaimId(1),
            note: "per Viasna".into(),
        },
        Edit::InsertArgument {
            doc: first.clone(),
            claim: ClaimId(1),
            index: 2,
            argument: Argument {
                role: name("date"),
                span: span(3),
            },
        },
        Edit::RemoveArgument {
            doc: first.clone(),
            claim: ClaimId(1),
            index: 0,
        },
        Edit::Schema(SchemaEdit::InsertLabel {
            index: 6,
            label: LabelDef {
                name: name("charge"),
                color: Rgb([1, 2, 3]),
                key: Some('7'),
                value_kind: crate::model::ValueKind::Text,
            },
        }),
        Edit::Schema(SchemaEdit::ReplaceLabel {
            label: LabelDef {
                name: name("place"),
                color: Rgb([9, 9, 9]),
                key: Some('9'),
                value_kind: crate::model::ValueKind::Place,
            },
        }),
        Edit::Schema(SchemaEdit::RenameLabel {
            from: name("person"),
            to: name("human"),
        }),
        Edit::Schema(SchemaEdit::InsertClaimType {
            index: 0,
            claim_type: ClaimTypeDef {
                name: name("deportation"),
                roles: vec![],
                key_roles: vec![],
            },
        }),
        Edit::Schema(SchemaEdit::RemoveClaimType {
            name: name("amnesty"),
        }),
        Edit::Schema(SchemaEdit::RenameClaimType {
            from: name("release"),
            to: name("liberation"),
        }),
        Edit::Schema(SchemaEdit::InsertRole {
            claim_type: name("release"),
            index: 1,
            role: RoleDef {
                name: name("prison"),
                required: false,
                multiple: false,
                labels: vec![],
                part_of: None,
            },
        }),
        Edit::Schema(SchemaEdit::RemoveRole {
            claim_type: name("release"),
            role: name("source"),
        }),
        Edit::Schema(SchemaEdit::ReplaceRole {
            claim_type: name("release"),
            role: RoleDef {
                name: name("count"),
                required: true,
                multiple: true,
                labels: vec![],
                part_of: None,
            },
        }),
        Edit::Schema(SchemaEdit::SetKeyRoles {
            claim_type: name("release"),
            roles: vec![name("count"), name("date")],
        }),
        Edit::SetExplanation {
            problem: "counts_disagree:a:c1,b:c1".into(),
            note: "two lists".into(),
        },
        Edit::ReplaceSpan {
            doc: first.clone(),
            span: Span {
                status: crate::model::ReviewStatus::Rejected,
                note: "not a person".into(),
                ..Span::new(span(1), CharRange::from_offsets(0, 15), name("person"))
            },
        },
        Edit::ReplaceClaim {
            doc: first.clone(),
            claim: Claim {
                status: crate::model::ReviewStatus::Corrected,
                arguments: vec![Argument::new(name("trigger"), span(2))],
                ..Claim::new(ClaimId(1), name("release"))
            },
        },
        Edit::InsertAnnotations {
            doc: first.clone(),
            spans: vec![
                Span::new(span(8), CharRange::from_offsets(0, 4), name("person")),
                Span::new(span(9), CharRange::from_offsets(5, 15), name("person")),
            ],
            claims: vec![Claim {
                arguments: vec![
                    Argument::new(name("trigger"), span(2)),
                    Argument::new(name("released_person"), span(9)),
                ],
                ..Claim::new(ClaimId(5), name("release"))
            }],
        },
        Edit::InsertEntity {
            entity: crate::model::Entity {
                id: crate::model::EntityId(4),
                kind: crate::model::ValueKind::Person,
                name: "Ales Bialiatski".into(),
                aliases: vec![],
            },
        },
        Edit::Schema(SchemaEdit::RenameRole {
            claim_type: name("release"),
            from: name("released_person"),
            to: name("freed_person"),
        }),
    ];
    for edit in edits {
        let mut project = sample_project();
        apply_and_undo(&mut project, edit);
    }
}

trait PipeIntoBatch {
    fn pipe_into_batch_with_role_fix(self) -> Edit;
}

impl PipeIntoBatch for Edit {
    /// Release's `released_person` role does not exist on pardon: the batch
    /// removes that argument first, as the UI does.
    fn pipe_into_batch_with_role_fix(self) -> Edit {
        Edit::Batch(vec![
            Edit::RemoveArgument {
                doc: doc_id("first"),
                claim: ClaimId(1),
                index: 1,
            },
            self,
        ])
    }
}

#[test]
fn refused_edits_change_nothing() {
    let first = doc_id("first");
    let refused = vec![
        (
            Edit::RemoveSpan {
                doc: first.clone(),
                span: SpanId(1),
            },
            "used by 1 claim",
        ),
        (
            Edit::InsertSpan {
                doc: first.clone(),
                span: Span::new(SpanId(7), CharRange::from_offsets(80, 200), name("person")),
            },
            "only 58 chars",
        ),
        (
            Edit::InsertSpan {
                doc: first.clone(),
                span: Span::new(SpanId(1), CharRange::from_offsets(0, 2), name("person")),
            },
            "already has a span",
        ),
        (
            Edit::SetSpanLabel {
                doc: first.clone(),
                span: SpanId(1),
                label: name("ghost"),
            },
            "no label",
        ),
        (
            Edit::SetClaimType {
                doc: first.clone(),
                claim: ClaimId(1),
                claim_type: name("pardon"),
            },
            "released_person",
        ),
        (
            Edit::InsertArgument {
                doc: first.clone(),
                claim: ClaimId(1),
                index: 0,
                argument: Argument {
                    role: name("trigger"),
                    span: SpanId(3),
                },
            },
            "twice",
        ),
        (
            Edit::Schema(SchemaEdit::RemoveLabel {
                name: name("person"),
            }),
            "used by",
        ),
        (
            Edit::Schema(SchemaEdit::RemoveClaimType {
                name: name("release"),
            }),
            "used by 1 claim",
        ),
        (
            Edit::Schema(SchemaEdit::RemoveRole {
                claim_type: name("release"),
                role: name("trigger"),
            }),
            "filled in 1",
        ),
        (
            Edit::Schema(SchemaEdit::RenameLabel {
                from: name("person"),
                to: name("date"),
            }),
            "already exists",
        ),
        (
            Edit::InsertDocument {
                index: 0,
                document: Box::new(notation::document("first", "x").unwrap()),
            },
            "already exists",
        ),
        (
            Edit::Batch(vec![
                Edit::SetDocumentTitle {
                    doc: first.clone(),
                    title: "changed".into(),
                },
                Edit::RemoveDocument {
                    doc: doc_id("missing"),
                },
            ]),
            "no document",
        ),
    ];
    for (edit, expected) in refused {
        let mut project = sample_project();
        let before = project.clone();
        let error = edit.clone().apply(&mut project).unwrap_err();
        assert!(error.to_string().contains(expected), "{edit:?}: {error}");
        assert_eq!(project, before, "{edit:?} changed the project");
    }
}

#[test]
fn renaming_a_label_keeps_its_spans() {
    let mut project = sample_project();
    Edit::Schema(SchemaEdit::RenameLabel {
        from: name("person"),
        to: name("individual"),
    })
    .apply(&mut project)
    .unwrap();
    let doc = &project.documents[0];
    assert_eq!(doc.span(SpanId(1)).unwrap().label.as_str(), "individual");
    let role = project
        .schema
        .claim_type(&name("release"))
        .unwrap()
        .role(&name("released_person"))
        .unwrap();
    assert_eq!(role.labels, vec![name("individual")]);
    assert!(project.problems().is_empty());
}

#[test]
fn history_tracks_saved_state_through_undo_and_redo() {
    let mut project = sample_project();
    let mut history = History::new();
    let original = project.clone();
    let doc = doc_id("first");
    history
        .apply(
            &mut project,
            Edit::SetDocumentStatus {
                doc: doc.clone(),
                status: DocStatus::Done,
            },
            "status".into(),
        )
        .unwrap();
    assert!(history.is_modified());
    history.mark_saved();
    assert!(!history.is_modified());
    history.undo(&mut project).unwrap();
    assert!(history.is_modified());
    assert_eq!(project, original);
    history.redo(&mut project).unwrap();
    assert!(!history.is_modified());
    assert_eq!(history.undo_description(), Some("status"));
    // A new edit after undo drops the redo branch.
    history.undo(&mut project).unwrap();
    history
        .apply(
            &mut project,
            Edit::SetDocumentTitle {
                doc,
                title: "x".into(),
            },
            "title".into(),
        )
        .unwrap();
    assert!(!history.can_redo());
    assert!(history.is_modified());
}

#[test]
fn typing_a_note_is_one_undo_step() {
    let mut project = sample_project();
    let mut history = History::new();
    let original = project.clone();
    for note in ["p", "pe", "per", "per Viasna"] {
        let edit = Edit::SetSpanNote {
            doc: doc_id("first"),
            span: SpanId(1),
            note: note.into(),
        };
        history.apply(&mut project, edit, "note".into()).unwrap();
    }
    assert_eq!(
        project.documents[0].span(SpanId(1)).unwrap().note,
        "per Viasna"
    );
    history.undo(&mut project).unwrap();
    assert_eq!(project, original);
    assert!(!history.can_undo());
    history.redo(&mut project).unwrap();
    assert_eq!(
        project.documents[0].span(SpanId(1)).unwrap().note,
        "per Viasna"
    );
}

// ---- property: any sequence of edits, then as many undos, restores the project

/// An edit described by numbers, turned into a concrete edit against the
/// project as it is when it applies (so most are valid, some are refused).
#[derive(Debug, Clone)]
enum Intent {
    AddSpan {
        doc: usize,
        start: usize,
        len: usize,
        label: usize,
    },
    RemoveSpan {
        doc: usize,
        span: usize,
    },
    RemoveSpanWithArguments {
        doc: usize,
        span: usize,
    },
    Relabel {
        doc: usize,
        span: usize,
        label: usize,
    },
    Note {
        doc: usize,
        span: usize,
        note: String,
    },
    AddClaim {
        doc: usize,
        claim_type: usize,
    },
    AddArgument {
        doc: usize,
        claim: usize,
        role: usize,
        span: usize,
    },
    RemoveArgument {
        doc: usize,
        claim: usize,
        index: usize,
    },
    RemoveClaim {
        doc: usize,
        claim: usize,
    },
    Title {
        doc: usize,
        title: String,
    },
    Status {
        doc: usize,
        status: usize,
    },
    RemoveDocument {
        doc: usize,
    },
    AddDocument {
        index: usize,
        text: String,
    },
    RenameLabel {
        label: usize,
        to: String,
    },
    RenameRole {
        claim_type: usize,
        role: usize,
        to: String,
    },
    Review {
        doc: usize,
        span: usize,
        status: usize,
    },
    AddEntity {
        name: String,
    },
    LinkEntity {
        doc: usize,
        span: usize,
        entity: usize,
    },
    RemoveEntity {
        entity: usize,
    },
    /// Several spans and a claim using them, in one `InsertAnnotations`.
    AddAnnotations {
        doc: usize,
        starts: Vec<usize>,
        claim_type: usize,
    },
    /// Removes a document's claims and the spans only they use, at once.
    RemoveAnnotations {
        doc: usize,
    },
}

fn intent_strategy() -> impl Strategy<Value = Intent> {
    let n = 0usize..8;
    prop_oneof![
        (n.clone(), 0usize..100, 1usize..12, 0usize..6).prop_map(|(doc, start, len, label)| {
            Intent::AddSpan {
                doc,
                start,
                len,
                label,
            }
        }),
        (n.clone(), n.clone()).prop_map(|(doc, span)| Intent::RemoveSpan { doc, span }),
        (n.clone(), n.clone())
            .prop_map(|(doc, span)| Intent::RemoveSpanWithArguments { doc, span }),
        (n.clone(), n.clone(), 0usize..6).prop_map(|(doc, span, label)| Intent::Relabel {
            doc,
            span,
            label
        }),
        (n.clone(), n.clone(), "[a-z😀 ]{0,6}").prop_map(|(doc, span, note)| Intent::Note {
            doc,
            span,
            note
        }),
        (n.clone(), 0usize..6).prop_map(|(doc, claim_type)| Intent::AddClaim { doc, claim_type }),
        (n.clone(), n.clone(), 0usize..7, n.clone()).prop_map(|(doc, claim, role, span)| {
            Intent::AddArgument {
                doc,
                claim,
                role,
                span,
            }
        }),
        (n.clone(), n.clone(), n.clone()).prop_map(|(doc, claim, index)| Intent::RemoveArgument {
            doc,
            claim,
            index
        }),
        (n.clone(), n.clone()).prop_map(|(doc, claim)| Intent::RemoveClaim { doc, claim }),
        (n.clone(), "[A-Za-z ]{0,8}").prop_map(|(doc, title)| Intent::Title { doc, title }),
        (n.clone(), 0usize..3).prop_map(|(doc, status)| Intent::Status { doc, status }),
        n.clone().prop_map(|doc| Intent::RemoveDocument { doc }),
        (n.clone(), "[a-zé“” 😀\n]{1,60}")
            .prop_map(|(index, text)| Intent::AddDocument { index, text }),
        (0usize..6, "[a-z]{1,6}").prop_map(|(label, to)| Intent::RenameLabel { label, to }),
        (0usize..6, 0usize..7, "[a-z]{1,6}").prop_map(|(claim_type, role, to)| {
            Intent::RenameRole {
                claim_type,
                role,
                to,
            }
        }),
        (n.clone(), n.clone(), 0usize..4).prop_map(|(doc, span, status)| Intent::Review {
            doc,
            span,
            status
        }),
        "[A-Z][a-z]{2,8}".prop_map(|name| Intent::AddEntity { name }),
        (n.clone(), n.clone(), n.clone()).prop_map(|(doc, span, entity)| Intent::LinkEntity {
            doc,
            span,
            entity
        }),
        n.clone().prop_map(|entity| Intent::RemoveEntity { entity }),
        (
            n.clone(),
            prop::collection::vec(0usize..100, 1..4),
            0usize..6
        )
            .prop_map(|(doc, starts, claim_type)| Intent::AddAnnotations {
                doc,
                starts,
                claim_type
            }),
        n.clone().prop_map(|doc| Intent::RemoveAnnotations { doc }),
    ]
}

fn pick<T>(items: &[T], n: usize) -> Option<&T> {
    if items.is_empty() {
        None
    } else {
        items.get(n % items.len())
    }
}

fn concretize(project: &Project, intent: Intent) -> Option<Edit> {
    let doc_at = |n: usize| pick(&project.documents, n);
    Some(match intent {
        Intent::AddSpan {
            doc,
            start,
            len,
            label,
        } => {
            let doc = doc_at(doc)?;
            let start = start % doc.text.char_len().max(1);
            Edit::InsertSpan {
                doc: doc.id.clone(),
                span: Span::new(
                    doc.next_span_id(),
                    CharRange::from_offsets(start, start + len),
                    pick(&project.schema.labels, label)?.name.clone(),
                ),
            }
        }
        Intent::RemoveSpan { doc, span } => {
            let doc = doc_at(doc)?;
            Edit::RemoveSpan {
                doc: doc.id.clone(),
                span: pick(doc.spans(), span)?.id,
            }
        }
        Intent::RemoveSpanWithArguments { doc, span } => {
            let doc = doc_at(doc)?;
            let span = pick(doc.spans(), span)?.id;
            let mut batch = Vec::new();
            for claim in doc.claims_using(span) {
                for (index, argument) in claim.arguments.iter().enumerate().rev() {
                    if argument.span == span {
                        batch.push(Edit::RemoveArgument {
                            doc: doc.id.clone(),
                            claim: claim.id,
                            index,
                        });
                    }
                }
            }
            batch.push(Edit::RemoveSpan {
                doc: doc.id.clone(),
                span,
            });
            Edit::Batch(batch)
        }
        Intent::Relabel { doc, span, label } => {
            let doc = doc_at(doc)?;
            Edit::SetSpanLabel {
                doc: doc.id.clone(),
                span: pick(doc.spans(), span)?.id,
                label: pick(&project.schema.labels, label)?.name.clone(),
            }
        }
        Intent::Note { doc, span, note } => {
            let doc = doc_at(doc)?;
            Edit::SetSpanNote {
                doc: doc.id.clone(),
                span: pick(doc.spans(), span)?.id,
                note,
            }
        }
        Intent::AddClaim { doc, claim_type } => {
            let doc = doc_at(doc)?;
            Edit::InsertClaim {
                doc: doc.id.clone(),
                claim: Claim::new(
                    doc.next_claim_id(),
                    pick(&project.schema.claim_types, claim_type)?.name.clone(),
                ),
            }
        }
        Intent::AddArgument {
            doc,
            claim,
            role,
            span,
        } => {
            let doc = doc_at(doc)?;
            let claim = pick(doc.claims(), claim)?;
            let claim_type = project.schema.claim_type(&claim.claim_type)?;
            Edit::InsertArgument {
                doc: doc.id.clone(),
                claim: claim.id,
                index: claim.arguments.len(),
                argument: Argument {
                    role: pick(&claim_type.roles, role)?.name.clone(),
                    span: pick(doc.spans(), span)?.id,
                },
            }
        }
        Intent::RemoveArgument { doc, claim, index } => {
            let doc = doc_at(doc)?;
            let claim = pick(doc.claims(), claim)?;
            Edit::RemoveArgument {
                doc: doc.id.clone(),
                claim: claim.id,
                index: index % claim.arguments.len().max(1),
            }
        }
        Intent::RemoveClaim { doc, claim } => {
            let doc = doc_at(doc)?;
            Edit::RemoveClaim {
                doc: doc.id.clone(),
                claim: pick(doc.claims(), claim)?.id,
            }
        }
        Intent::Title { doc, title } => Edit::SetDocumentTitle {
            doc: doc_at(doc)?.id.clone(),
            title,
        },
        Intent::Status { doc, status } => Edit::SetDocumentStatus {
            doc: doc_at(doc)?.id.clone(),
            status: DocStatus::ALL[status % 3],
        },
        Intent::RemoveDocument { doc } => Edit::RemoveDocument {
            doc: doc_at(doc)?.id.clone(),
        },
        Intent::AddDocument { index, text } => {
            let id = DocId::from_stem("generated", |id| project.document(id).is_some());
            let text = CanonicalText::from_bytes(text.as_bytes()).ok()?;
            Edit::InsertDocument {
                index: index % (project.documents.len() + 1),
                document: Box::new(Document::new(id, "generated".into(), text)),
            }
        }
        Intent::Review { doc, span, status } => {
            let doc = doc_at(doc)?;
            let mut changed = pick(doc.spans(), span)?.clone();
            changed.status = crate::model::ReviewStatus::ALL[status % 4];
            Edit::ReplaceSpan {
                doc: doc.id.clone(),
                span: changed,
            }
        }
        Intent::AddEntity { name } => Edit::InsertEntity {
            entity: crate::model::Entity {
                id: project.next_entity_id(),
                kind: crate::model::ValueKind::Person,
                name,
                aliases: Vec::new(),
            },
        },
        Intent::LinkEntity { doc, span, entity } => {
            let doc = doc_at(doc)?;
            let mut changed = pick(doc.spans(), span)?.clone();
            changed.entity = Some(pick(&project.entities, entity)?.id);
            Edit::ReplaceSpan {
                doc: doc.id.clone(),
                span: changed,
            }
        }
        Intent::RemoveEntity { entity } => Edit::RemoveEntity {
            id: pick(&project.entities, entity)?.id,
        },
        Intent::AddAnnotations {
            doc,
            starts,
            claim_type,
        } => {
            let doc = doc_at(doc)?;
            let first_id = doc.next_span_id().0;
            let spans: Vec<Span> = starts
                .iter()
                .enumerate()
                .map(|(i, start)| {
                    let start = start % doc.text.char_len().max(1);
                    Span::new(
                        SpanId(first_id + u32::try_from(i).unwrap()),
                        CharRange::from_offsets(start, start + 3),
                        name("count"),
                    )
                })
                .collect();
            let claim_type = pick(&project.schema.claim_types, claim_type)?;
            let role = claim_type.roles.iter().find(|r| r.multiple)?.name.clone();
            let claim = Claim {
                arguments: spans
                    .iter()
                    .map(|s| Argument::new(role.clone(), s.id))
                    .collect(),
                ..Claim::new(doc.next_claim_id(), claim_type.name.clone())
            };
            Edit::InsertAnnotations {
                doc: doc.id.clone(),
                spans,
                claims: vec![claim],
            }
        }
        Intent::RemoveAnnotations { doc } => {
            let doc = doc_at(doc)?;
            let claims: Vec<ClaimId> = doc.claims().iter().map(|c| c.id).collect();
            let spans: Vec<SpanId> = doc
                .spans()
                .iter()
                .filter(|s| doc.claims_using(s.id).count() > 0)
                .map(|s| s.id)
                .collect();
            Edit::RemoveAnnotations {
                doc: doc.id.clone(),
                spans,
                claims,
            }
        }
        Intent::RenameLabel { label, to } => Edit::Schema(SchemaEdit::RenameLabel {
            from: pick(&project.schema.labels, label)?.name.clone(),
            to: Name::parse(&to).ok()?,
        }),
        Intent::RenameRole {
            claim_type,
            role,
            to,
        } => {
            let claim_type = pick(&project.schema.claim_types, claim_type)?;
            Edit::Schema(SchemaEdit::RenameRole {
                claim_type: claim_type.name.clone(),
                from: pick(&claim_type.roles, role)?.name.clone(),
                to: Name::parse(&to).ok()?,
            })
        }
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn any_edits_then_as_many_undos_restore_the_project(intents in prop::collection::vec(intent_strategy(), 1..40)) {
        let mut project = sample_project();
        let original = project.clone();
        let mut history = History::new();
        let mut applied = 0usize;
        for intent in intents {
            let Some(edit) = concretize(&project, intent) else { continue };
            let before = project.clone();
            if let Ok(()) = history.apply(&mut project, edit, String::new()) {
                applied += 1;
                prop_assert!(project.problems().is_empty(), "{:?}", project.problems());
            } else { prop_assert_eq!(&project, &before, "a refused edit changed the project") }
        }
        let after_edits = project.clone();
        for _ in 0..applied {
            history.undo(&mut project).unwrap();
        }
        prop_assert_eq!(&project, &original);
        prop_assert!(!history.is_modified());
        while history.can_redo() {
            history.redo(&mut project).unwrap();
        }
        prop_assert_eq!(&project, &after_edits);
    }
}

#[test]
fn model_problems_are_values_callers_can_match() {
    let mut project = sample_project();
    let refused = Edit::SetSpanRange {
        doc: doc_id("first"),
        span: SpanId(1),
        range: CharRange::from_offsets(5, 5000),
    }
    .apply(&mut project);
    assert!(matches!(
        refused,
        Err(EditError::Invalid(
            crate::model::ModelProblem::RangeOutsideText { .. }
        ))
    ));
    let mut broken = sample_project();
    broken.schema.labels.clear();
    assert!(broken.problems().iter().any(|problem| matches!(
        problem,
        crate::model::ModelProblem::InDocument { problem, .. }
            if matches!(**problem, crate::model::ModelProblem::UnknownSpanLabel { .. })
    )));
}

#[test]
fn undo_says_which_document_it_changed_and_an_inverse_that_no_longer_fits_changes_nothing() {
    let mut project = sample_project();
    let mut history = History::new();
    let title = |title: &str| Edit::SetDocumentTitle {
        doc: doc_id("second"),
        title: title.to_owned(),
    };
    history
        .apply(&mut project, title("New"), "title".into())
        .unwrap();
    let stepped = history.undo(&mut project).unwrap().unwrap();
    assert_eq!(stepped.document, Some(doc_id("second")));
    let stepped = history.redo(&mut project).unwrap().unwrap();
    assert_eq!(stepped.document, Some(doc_id("second")));
    // The document goes behind the history's back: its undo cannot apply.
    project.documents.retain(|doc| doc.id != doc_id("second"));
    let before = project.clone();
    assert!(history.undo(&mut project).is_err());
    assert_eq!(project, before);
    assert!(!history.can_undo() && !history.can_redo());
}
