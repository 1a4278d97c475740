//! `claim/v1`: exported lines match the JSON Schema (checked from Rust and
//! from Python), export → import → export is identical, unknown fields and
//! `ext` survive, bad input is reported line by line, the command line, and
//! the guard against huge lines.

use std::path::{Path, PathBuf};
use std::process::Command;

use claimmark_core::claim_format::export::{self, Filter};
use claimmark_core::claim_format::import::{self, ImportReport};
use claimmark_core::edit::Edit;
use claimmark_core::model::{
    Agent, Argument, Claim, ClaimId, Confidence, DocId, Document, Entity, EntityId, ExternalClaim,
    ImplicitArgument, Name, OrphanArgument, Project, Provenance, ReviewStatus, SpanId, Timestamp,
    ValueKind, notation,
};
use claimmark_core::model::{
    Anchoring, CountModifier, CountValue, DateValue, Granularity, SpanValue, Value, ValueSource,
};
use claimmark_core::session::Session;
use claimmark_core::storage;
use serde_json::Value as Json;

use super::fixtures::{sample_project, scratch};

fn schema_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/claim-v1.schema.json")
}

fn schema_validator() -> jsonschema::Validator {
    let schema: Json =
        serde_json::from_str(&std::fs::read_to_string(schema_path()).unwrap()).unwrap();
    jsonschema::draft202012::meta::validate(&schema).expect("the schema is valid 2020-12");
    jsonschema::draft202012::new(&schema).unwrap()
}

fn name(raw: &str) -> Name {
    Name::parse(raw).unwrap()
}

fn span_with_text(project: &Project, doc: &str, text: &str) -> SpanId {
    let doc = project.document(&DocId::parse(doc).unwrap()).unwrap();
    doc.spans()
        .iter()
        .find(|span| doc.span_text(span) == text)
        .unwrap_or_else(|| panic!("no span “{text}”"))
        .id
}

fn set_value(project: &mut Project, doc: &str, text: &str, value: Value) {
    let id = span_with_text(project, doc, text);
    let doc_id = DocId::parse(doc).unwrap();
    let mut span = project.document(&doc_id).unwrap().span(id).unwrap().clone();
    span.value = Some(SpanValue {
        value,
        source: ValueSource::Hand,
    });
    Edit::ReplaceSpan { doc: doc_id, span }
        .apply(project)
        .unwrap();
}

fn insert_claim(project: &mut Project, doc: &str, claim: Claim) {
    Edit::InsertClaim {
        doc: DocId::parse(doc).unwrap(),
        claim,
    }
    .apply(project)
    .unwrap();
}

fn arguments(project: &Project, doc: &str, roles: &[(&str, &str)]) -> Vec<Argument> {
    roles
        .iter()
        .map(|(role, text)| Argument::new(name(role), span_with_text(project, doc, text)))
        .collect()
}

/// A project with everything claim/v1 carries: code points beyond ASCII
/// before spans, values of every kind, an entity with aliases, implicit and
/// orphan arguments, provenance, confidence, notes, and an imported claim
/// with unknown fields and `ext`.
#[allow(clippy::too_many_lines)] // one annotation after another
fn rich_project() -> Project {
    let mut project = Project::default();
    project.entities.push(Entity {
        id: EntityId(1),
        kind: ValueKind::Person,
        name: "Ales Bialiatski".into(),
        aliases: vec!["Bialiatski".into(), "Byalyatski".into()],
    });
    let mut doc = notation::document(
        "rich",
        "😀 白俄罗斯 Cafe\u{301} — [person|Bialiatski], founder of [organization|Viasna], was \
         [event|freed] on [date|September 18th]. He had been [event|sentenced] [date|last year] to a \
         [count|ten-year] term for [event|extremism]. Viasna says [count|over 75] political \
         prisoners remain in [place|Belarus].\n",
    )
    .unwrap();
    doc.title = "Bialiatski freed".into();
    doc.published = claimmark_core::model::parse_day("2025-09-20");
    let bialiatski = {
        let id = doc.spans()[0].id;
        let mut span = doc.span(id).unwrap().clone();
        span.entity = Some(EntityId(1));
        span
    };
    project.documents.push(doc);
    Edit::ReplaceSpan {
        doc: DocId::parse("rich").unwrap(),
        span: bialiatski,
    }
    .apply(&mut project)
    .unwrap();
    set_value(
        &mut project,
        "rich",
        "September 18th",
        Value::Date(DateValue {
            value: "2025-09-18".into(),
            granularity: Granularity::Day,
            modifier: None,
            anchoring: Anchoring::Published,
        }),
    );
    set_value(
        &mut project,
        "rich",
        "Viasna",
        Value::Organization {
            name: "Viasna".into(),
            entity_id: None,
        },
    );
    set_value(
        &mut project,
        "rich",
        "ten-year",
        Value::Duration {
            value: "P10Y".into(),
        },
    );
    set_value(
        &mut project,
        "rich",
        "extremism",
        Value::Event {
            name: "extremism".into(),
        },
    );
    set_value(
        &mut project,
        "rich",
        "over 75",
        Value::Count(CountValue {
            number: Some(75),
            modifier: CountModifier::MoreThan,
            lower: Some(76),
            upper: None,
        }),
    );
    let created = Timestamp::parse("2026-11-22T10:00:00Z").unwrap();
    let release = Claim {
        arguments: arguments(
            &project,
            "rich",
            &[
                ("trigger", "freed"),
                ("released_person", "Bialiatski"),
                ("date", "September 18th"),
                ("source", "Viasna"),
            ],
        ),
        note: "per Viasna's statement".into(),
        provenance: Some(Provenance {
            creator: Agent::person("analyst-1"),
            created: created.clone(),
            reviewer: Some(Agent::person("analyst-2")),
            reviewed: Timestamp::parse("2026-11-23T09:15:00+02:00"),
            bulk_review: false,
        }),
        implicit: vec![ImplicitArgument {
            role: name("actor"),
            value: Value::Person {
                name: "Alexander Lukashenko".into(),
                entity_id: None,
            },
        }],
        orphans: vec![OrphanArgument {
            role: name("source"),
            exact: "Human Rights Center".into(),
            start: 40,
            end: 59,
            prefix: "according to the ".into(),
            suffix: ", which".into(),
            value: Some(Value::Organization {
                name: "Human Rights Center Viasna".into(),
                entity_id: None,
            }),
            reason: "“Human Rights Center” is not in the document any more".into(),
        }],
        ..Claim::new(ClaimId(1), name("release"))
    };
    insert_claim(&mut project, "rich", release);
    let sentence = Claim {
        arguments: arguments(
            &project,
            "rich",
            &[
                ("trigger", "sentenced"),
                ("sentenced_person", "Bialiatski"),
                ("date", "last year"),
                ("term", "ten-year"),
                ("charge", "extremism"),
            ],
        ),
        status: ReviewStatus::Corrected,
        confidence: Confidence::new(0.8),
        provenance: Some(Provenance {
            creator: Agent::software("regex-extractor", Some("0.3.1".into())),
            created: created.clone(),
            reviewer: Some(Agent::person("analyst-1")),
            reviewed: None,
            bulk_review: false,
        }),
        ..Claim::new(ClaimId(2), name("sentence"))
    };
    insert_claim(&mut project, "rich", sentence);
    let count = Claim {
        arguments: arguments(
            &project,
            "rich",
            &[
                ("count", "over 75"),
                ("source", "Viasna"),
                ("place", "Belarus"),
            ],
        ),
        status: ReviewStatus::Proposed,
        confidence: Confidence::new(0.5),
        provenance: Some(Provenance {
            creator: Agent::software("regex-extractor", Some("0.3.1".into())),
            created,
            reviewer: None,
            reviewed: None,
            bulk_review: false,
        }),
        implicit: vec![ImplicitArgument {
            role: name("as_of"),
            value: Value::Date(DateValue {
                value: "2025".into(),
                granularity: Granularity::Year,
                modifier: Some(claimmark_core::model::DateModifier::End),
                anchoring: Anchoring::Absolute,
            }),
        }],
        ..Claim::new(ClaimId(3), name("prisoner_count"))
    };
    insert_claim(&mut project, "rich", count.clone());
    // Make the third claim an imported one: its original line carries
    // fields claimmark does not know, at every level, and an `ext`.
    let doc = project.document(&DocId::parse("rich").unwrap()).unwrap();
    let line = export::claim_line(&project, doc, doc.claim(ClaimId(3)).unwrap(), "x-17");
    let mut original: Json = serde_json::from_str(&line).unwrap();
    original["pipeline"] = Json::from("news-v2");
    original["doc"]["lang"] = Json::from("en");
    original["provenance"]["run"] = Json::from(7);
    original["provenance"]["creator"]["host"] = Json::from("worker-3");
    original["args"][0]["score"] = Json::from(0.93);
    original["args"][0]["anchor"]["sentence"] = Json::from(3);
    original["args"][0]["value"]["unit"] = Json::from("political prisoners");
    original["ext"] =
        serde_json::json!({"extractor": {"rule": "count-7"}, "claimmark": {"seen": true}});
    insert_claim_replacing(
        &mut project,
        Claim {
            external: Some(ExternalClaim::new(
                "x-17".into(),
                serde_json::to_string(&original).unwrap(),
            )),
            ..count
        },
    );
    assert!(project.problems().is_empty(), "{:?}", project.problems());
    project
}

fn insert_claim_replacing(project: &mut Project, claim: Claim) {
    Edit::ReplaceClaim {
        doc: DocId::parse("rich").unwrap(),
        claim,
    }
    .apply(project)
    .unwrap();
}

/// The sample project and the rich one together (the rich one's entities
/// renumbered after the sample's).
fn test_project() -> Project {
    let mut project = sample_project();
    let rich = rich_project();
    let offset = project.entities.last().map_or(0, |e| e.id.0);
    let renumber =
        |id: claimmark_core::model::EntityId| claimmark_core::model::EntityId(id.0 + offset);
    for entity in rich.entities {
        project.entities.push(claimmark_core::model::Entity {
            id: renumber(entity.id),
            ..entity
        });
    }
    for doc in rich.documents {
        let linked: Vec<_> = doc
            .spans()
            .iter()
            .filter_map(|s| s.entity.map(|e| (s.clone(), e)))
            .collect();
        project.documents.push(doc);
        let doc_id = project.documents.last().unwrap().id.clone();
        for (mut span, entity) in linked {
            span.entity = Some(renumber(entity));
            if let Some(claimmark_core::model::SpanValue {
                value:
                    claimmark_core::model::Value::Person { entity_id, .. }
                    | claimmark_core::model::Value::Organization { entity_id, .. }
                    | claimmark_core::model::Value::Place { entity_id, .. },
                ..
            }) = &mut span.value
            {
                *entity_id = Some(renumber(entity).to_string());
            }
            Edit::ReplaceSpan {
                doc: doc_id.clone(),
                span,
            }
            .apply(&mut project)
            .unwrap();
        }
    }
    assert!(project.problems().is_empty(), "{:?}", project.problems());
    project
}

fn export_claims(project: &Project) -> String {
    let mut out = Vec::new();
    export::write_claims(project, &Filter::default(), &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

/// The project with its documents' texts and metadata but no spans or
/// claims.
fn stripped(project: &Project) -> Project {
    let mut copy = Project {
        documents: Vec::new(),
        ..project.clone()
    };
    for doc in &project.documents {
        let mut bare = Document::new(doc.id.clone(), doc.title.clone(), doc.text.clone());
        bare.source.clone_from(&doc.source);
        bare.published = doc.published;
        bare.status = doc.status;
        copy.documents.push(bare);
    }
    copy
}

fn import_text(project: &Project, claims: &str) -> import::ImportEdit {
    import::read_claims(
        claims.as_bytes(),
        "claims.jsonl",
        claims.len() as u64,
        project,
        &|_, _| {},
        claimmark_core::claim_format::MAX_LINE_BYTES,
    )
    .unwrap()
    .into_edit(project)
}

#[test]
fn every_exported_line_validates_against_the_schema() {
    let validator = schema_validator();
    let exported = export_claims(&test_project());
    assert_eq!(exported.lines().count(), 14);
    for (number, line) in exported.lines().enumerate() {
        let claim: Json = serde_json::from_str(line).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&claim)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "line {}: {errors:?}\n{line}", number + 1);
    }
    // And the schema is not a pushover.
    let mut broken: Json = serde_json::from_str(exported.lines().next().unwrap()).unwrap();
    broken["args"][0]["anchor"]["start"] = Json::from(-1);
    assert!(!validator.is_valid(&broken));
    broken = serde_json::from_str(exported.lines().next().unwrap()).unwrap();
    broken["status"] = Json::from("approved");
    assert!(!validator.is_valid(&broken));
}

#[test]
fn exports_are_deterministic_and_carry_every_kind_of_value() {
    let project = test_project();
    let first = export_claims(&project);
    assert_eq!(first, export_claims(&project), "two exports differ");
    let lines: Vec<Json> = first
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let rich: Vec<&Json> = lines.iter().filter(|l| l["doc"]["id"] == "rich").collect();
    assert_eq!(
        rich.iter()
            .map(|l| l["id"].as_str().unwrap())
            .collect::<Vec<_>>(),
        ["rich:c1", "rich:c2", "x-17"]
    );
    let release = rich[0];
    assert_eq!(release["trigger"]["exact"], "freed");
    let person = &release["args"][0];
    assert_eq!(person["role"], "released_person");
    assert_eq!(person["value"]["name"], "Ales Bialiatski");
    assert_eq!(person["value"]["entity_id"], "e10");
    assert_eq!(person["value"]["aliases"][1], "Byalyatski");
    assert_eq!(release["args"][1]["value"]["anchoring"], "published");
    let implicit = release["args"].as_array().unwrap().last().unwrap();
    assert_eq!(implicit["anchor"], Json::Null);
    assert_eq!(implicit["value"]["name"], "Alexander Lukashenko");
    assert_eq!(
        release["ext"]["claimmark"]["orphans"][0]["exact"],
        "Human Rights Center"
    );
    assert_eq!(release["provenance"]["reviewer"]["id"], "analyst-2");
    assert_eq!(release["note"], "per Viasna's statement");
    assert_eq!(release["confidence"], Json::Null);
    let kinds: std::collections::BTreeSet<&str> = rich
        .iter()
        .flat_map(|l| l["args"].as_array().unwrap())
        .map(|a| a["value"]["kind"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds.into_iter().collect::<Vec<_>>(),
        [
            "count",
            "date",
            "duration",
            "event",
            "organization",
            "person",
            "place",
            "text"
        ]
    );
    // A hand-made claim without provenance gets the documented placeholder.
    let sample = &lines[0];
    assert_eq!(
        sample["provenance"]["creator"]["id"],
        export::UNRECORDED_CREATOR
    );
    assert_eq!(sample["provenance"]["created"], export::UNRECORDED_CREATED);
    // Anchors count code points: the emoji, CJK and combining accent before
    // "Bialiatski" are one each.
    let anchor = &person["anchor"];
    assert_eq!(anchor["start"], 15);
    assert_eq!(anchor["prefix"], "😀 白俄罗斯 Cafe\u{301} — ");
}

#[test]
fn export_then_import_into_a_copy_then_export_is_identical() {
    let project = test_project();
    let first = export_claims(&project);
    let mut copy = stripped(&project);
    let import = import_text(&copy, &first);
    assert!(
        import.report.problems.is_empty(),
        "{:?}",
        import.report.problems
    );
    assert_eq!(import.report.claims, 14);
    // Same texts: every anchor is found at its offsets.
    assert_eq!(
        (import.report.anchors_moved, import.report.anchors_fuzzy),
        (0, 0)
    );
    import.edit.apply(&mut copy).unwrap();
    assert!(copy.problems().is_empty(), "{:?}", copy.problems());
    let second = export_claims(&copy);
    for (a, b) in first.lines().zip(second.lines()) {
        assert_eq!(a, b);
    }
    assert_eq!(first, second);
    // Importing the same file again finds every claim already there:
    // duplicates, reported with the claim they repeat, not problems.
    let again = import_text(&copy, &first);
    assert_eq!(again.report.claims, 0);
    assert!(
        again.report.problems.is_empty(),
        "{:?}",
        again.report.problems
    );
    assert_eq!(again.report.duplicates.len(), 14);
    assert!(
        again.report.duplicates[0]
            .message
            .starts_with("duplicate of claim"),
        "{}",
        again.report.duplicates[0].message
    );
}

#[test]
fn unknown_fields_and_ext_survive_import_review_and_export() {
    let project = sample_project();
    let doc = &project.documents[0];
    let line = serde_json::json!({
        "schema": "claim/v1", "id": "ext-1", "pipeline": {"stage": 2},
        "doc": {"id": doc.id.as_str(), "text_sha256": doc.text.sha256_hex(), "text_length": doc.text.char_len(), "lang": "en"},
        "type": "prisoner_count", "trigger": null,
        "args": [
            {"role": "count", "anchor": {"start": 325, "end": 330, "exact": "1,278", "sentence": 4},
             "value": {"kind": "count", "number": 1278, "mod": "exact", "unit": "prisoners"}, "score": 0.97},
            {"role": "place", "anchor": null, "value": {"kind": "place", "name": "Belarus", "iso": "BY"}}
        ],
        "status": "proposed", "confidence": 0.91,
        "provenance": {"creator": {"kind": "software", "id": "counter", "version": "2.1", "host": "w3"},
                       "created": "2026-11-20T08:00:00Z", "run": 17},
        "ext": {"counter": {"rule": 12}, "claimmark": {"from": "elsewhere"}}
    });
    let mut session_project = project.clone();
    let import = import_text(&session_project, &format!("{line}\n"));
    assert!(
        import.report.problems.is_empty(),
        "{:?}",
        import.report.problems
    );
    import.edit.apply(&mut session_project).unwrap();
    // An analyst accepts it: a known field changes.
    let doc_id = doc.id.clone();
    let claim = session_project
        .document(&doc_id)
        .unwrap()
        .claims()
        .last()
        .unwrap()
        .clone();
    assert_eq!(claim.status, ReviewStatus::Proposed);
    Edit::ReplaceClaim {
        doc: doc_id.clone(),
        claim: Claim {
            status: ReviewStatus::Accepted,
            ..claim
        },
    }
    .apply(&mut session_project)
    .unwrap();
    let exported = export_claims(&session_project);
    let out: Json =
        serde_json::from_str(exported.lines().find(|l| l.contains("\"ext-1\"")).unwrap()).unwrap();
    assert_eq!(out["status"], "accepted");
    assert_eq!(out["pipeline"], line["pipeline"]);
    assert_eq!(out["ext"], line["ext"]);
    assert_eq!(out["doc"]["lang"], "en");
    assert_eq!(out["args"][0]["score"], 0.97);
    assert_eq!(out["args"][0]["anchor"]["sentence"], 4);
    assert_eq!(
        out["args"][0]["anchor"]["prefix"],
        "Viasna says Belarus still holds "
    );
    assert_eq!(out["args"][0]["value"]["unit"], "prisoners");
    assert_eq!(out["args"][1]["value"]["iso"], "BY");
    assert_eq!(out["provenance"]["run"], 17);
    assert_eq!(out["provenance"]["creator"]["host"], "w3");
    assert_eq!(out["confidence"], 0.91);
}

/// Lines, one per kind of bad input, around good ones.
fn mixed_file(project: &Project) -> String {
    let doc = &project.documents[0];
    let good = |id: &str, exact: &str, start: usize| {
        serde_json::json!({
            "schema": "claim/v1", "id": id,
            "doc": {"id": doc.id.as_str(), "text_sha256": doc.text.sha256_hex(), "text_length": doc.text.char_len()},
            "type": "prisoner_count", "trigger": null,
            "args": [{"role": "count", "anchor": {"start": start, "end": start + exact.chars().count(), "exact": exact}, "value": {"kind": "count", "number": 1278, "mod": "exact"}}],
            "status": "proposed", "confidence": 0.9,
            "provenance": {"creator": {"kind": "software", "id": "counter", "version": "2.1"}, "created": "2026-11-20T08:00:00Z"}
        })
    };
    let mut lines = vec![
        good("g-1", "1,278", 325).to_string(),         // 1: good
        "{\"schema\":\"claim/v1\",\"id\":".to_owned(), // 2: malformed JSON
        {
            let mut v = good("v2-1", "1,278", 325);
            v["schema"] = Json::from("claim/v2");
            v.to_string()
        }, // 3: unknown schema version
        {
            let mut v = good("o-1", "1,278", 325);
            v["args"][0]["anchor"]["start"] = Json::from(900);
            v["args"][0]["anchor"]["end"] = Json::from(905);
            v.to_string()
        }, // 4: offsets out of range
        good("gone-1", "1,999", 325).to_string(),      // 5: exact matches nothing: orphan
        good("g-1", "1,278", 325).to_string(),         // 6: duplicate id in the file
        good("pardon-31:c1", "political prisoners", 331).to_string(), // 7: id already in the project
        {
            let mut v = good("d-1", "1,278", 325);
            v["doc"]["id"] = Json::from("no-such-article");
            v["doc"]["text_sha256"] = Json::from("0".repeat(64));
            v.to_string()
        }, // 8: unknown document
        {
            let mut v = good("t-1", "1,278", 325);
            v["type"] = Json::from("detention");
            v.to_string()
        }, // 9: claim type the schema lacks
        {
            let mut v = good("r-1", "1,278", 325);
            v["args"][0]["role"] = Json::from("victim_count");
            v.to_string()
        }, // 10: role the schema lacks
        String::new(),                                                // 11: blank, ignored
        good("g-2", "political prisoners", 331).to_string(),          // 12: good
        good("copy-1", "1,278", 325).to_string(), // 13: line 1 again, another id
    ];
    lines[11].push('\r'); // CRLF is accepted
    lines.join("\n") + "\n"
}

fn problem_lines(report: &ImportReport) -> Vec<u64> {
    report.problems.iter().map(|p| p.line).collect()
}

#[test]
fn bad_input_is_reported_by_line_and_good_lines_still_import() {
    let project = sample_project();
    let mut changed = project.clone();
    let import = import_text(&changed, &mixed_file(&project));
    let report = &import.report;
    assert_eq!(
        problem_lines(report),
        [2, 3, 4, 6, 7, 8, 9, 10],
        "{:#?}",
        report.problems
    );
    let message = |line: u64| {
        report
            .problems
            .iter()
            .find(|p| p.line == line)
            .unwrap()
            .message
            .clone()
    };
    assert!(message(2).starts_with("not valid JSON"), "{}", message(2));
    assert!(report.problems[0].column.is_some());
    assert!(message(3).contains("“claim/v2” is not one this claimmark reads"));
    assert!(
        message(4).contains("run past the end of the text"),
        "{}",
        message(4)
    );
    assert!(message(6).contains("already used on line 1"));
    assert!(message(7).contains("already in the project"));
    assert!(message(8).contains("“no-such-article”"));
    assert!(message(8).contains("claimmark add"));
    assert!(message(9).contains("“detention”"));
    assert!(message(9).contains("schema editor"));
    assert!(message(10).contains("no role “victim_count”"));
    assert!(message(10).contains("schema editor"));
    assert_eq!(report.claims, 3, "lines 1, 5 and 12");
    let duplicates: Vec<u64> = report.duplicates.iter().map(|d| d.line).collect();
    assert_eq!(
        duplicates,
        [13],
        "the same claim under another id is a duplicate"
    );
    assert!(report.duplicates[0].message.contains("earlier line"));
    assert_eq!(report.orphans, 1);
    assert_eq!(report.notices.len(), 1);
    assert_eq!(report.notices[0].line, 5);
    assert!(report.notices[0].message.contains("“1,999”"));
    let rendered = report.lines();
    assert!(
        rendered.iter().any(|l| l.starts_with("claims.jsonl:4: ")),
        "{rendered:?}"
    );
    assert!(
        rendered.iter().any(|l| l.starts_with("claims.jsonl:2:")),
        "{rendered:?}"
    );
    // Nothing that was there changes, and one undo removes the import.
    let inverse = import.edit.apply(&mut changed).unwrap();
    for (before, after) in project.documents.iter().zip(&changed.documents) {
        for span in before.spans() {
            assert_eq!(after.span(span.id), Some(span));
        }
        for claim in before.claims() {
            assert_eq!(after.claim(claim.id), Some(claim));
        }
    }
    assert_eq!(changed.claim_count(), project.claim_count() + 3);
    inverse.apply(&mut changed).unwrap();
    assert_eq!(changed, project);
}

#[test]
fn imported_claims_are_proposed_with_their_extractor_and_reuse_spans() {
    let project = sample_project();
    let import = import_text(&project, &mixed_file(&project));
    let mut changed = project.clone();
    import.edit.apply(&mut changed).unwrap();
    let doc = &changed.documents[0];
    let claim = doc
        .claims()
        .iter()
        .find(|c| c.external.as_ref().is_some_and(|e| e.id == "g-1"))
        .unwrap();
    assert_eq!(claim.status, ReviewStatus::Proposed);
    assert_eq!(claim.confidence.map(Confidence::get), Some(0.9));
    let provenance = claim.provenance.as_ref().unwrap();
    assert_eq!(
        provenance.creator,
        Agent::software("counter", Some("2.1".into()))
    );
    // "1,278" is already a count span: it is reused, not duplicated.
    let span = doc.span(claim.arguments[0].span).unwrap();
    assert_eq!(span.status, ReviewStatus::Accepted, "the existing span");
    assert_eq!(import.report.reused_spans, 1);
    // "political prisoners" is new: proposed, from the extractor, with the
    // imported value, labelled by the role's accepted label.
    let claim = doc
        .claims()
        .iter()
        .find(|c| c.external.as_ref().is_some_and(|e| e.id == "g-2"))
        .unwrap();
    let span = doc.span(claim.arguments[0].span).unwrap();
    assert_eq!(doc.span_text(span), "political prisoners");
    assert_eq!(span.status, ReviewStatus::Proposed);
    assert_eq!(span.label.as_str(), "count");
    assert_eq!(span.origin.as_ref().unwrap().agent.id, "counter");
    assert_eq!(span.value.as_ref().unwrap().source, ValueSource::Imported);
    let orphan_claim = doc
        .claims()
        .iter()
        .find(|c| c.external.as_ref().is_some_and(|e| e.id == "gone-1"))
        .unwrap();
    assert!(orphan_claim.arguments.is_empty());
    assert_eq!(orphan_claim.orphans[0].exact, "1,999");
    assert!(
        orphan_claim.orphans[0]
            .reason
            .contains("not in the document")
    );
}

#[test]
fn progress_is_reported_and_the_import_is_one_undoable_step() {
    let dir = scratch();
    let project_path = dir.path().join("p.ron");
    storage::save_project(&project_path, &sample_project()).unwrap();
    let claims = dir.path().join("claims.jsonl");
    let text = mixed_file(&sample_project());
    std::fs::write(&claims, &text).unwrap();
    let mut session = Session::open(&project_path).unwrap();
    let seen = std::cell::RefCell::new(Vec::new());
    let prepared = import::read_claims_file(&claims, session.project(), &|read, total| {
        seen.borrow_mut().push((read, total));
    })
    .unwrap();
    let seen = seen.into_inner();
    assert_eq!(seen.first(), Some(&(0, text.len() as u64)));
    assert_eq!(seen.last(), Some(&(text.len() as u64, text.len() as u64)));
    assert_eq!(
        prepared.report().problems.len(),
        5,
        "before the schema and ids are checked"
    );
    let before = session.project().clone();
    let import = prepared.into_edit(session.project());
    session.apply(import.edit, "Import claims").unwrap();
    assert_eq!(session.project().claim_count(), before.claim_count() + 3);
    session.undo().unwrap();
    assert_eq!(session.project(), &before);
    assert!(!session.is_modified());
}

fn claimmark(args: &[&dyn AsRef<std::ffi::OsStr>]) -> std::process::Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_claimmark"));
    for arg in args {
        command.arg(arg);
    }
    command.output().expect("claimmark runs")
}

fn text_of(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn saved_test_project(dir: &Path) -> PathBuf {
    let path = dir.join("project.ron");
    storage::save_project(&path, &test_project()).unwrap();
    path
}

#[test]
fn cli_export_writes_lines_spans_and_fixtures_with_filters() {
    let dir = scratch();
    let project = saved_test_project(dir.path());
    let out = dir.path().join("all.jsonl");
    let output = claimmark(&[&"export", &project, &"-o", &out]);
    assert!(output.status.success(), "{}", text_of(&output.stderr));
    let all = std::fs::read_to_string(&out).unwrap();
    assert_eq!(all, export_claims(&test_project()));
    assert!(text_of(&output.stderr).contains("wrote 14 claim line(s)"));

    let output = claimmark(&[
        &"export",
        &project,
        &"--status",
        &"corrected,proposed",
        &"--doc",
        &"rich",
    ]);
    assert!(output.status.success(), "{}", text_of(&output.stderr));
    let filtered = text_of(&output.stdout);
    let ids: Vec<String> = filtered
        .lines()
        .map(|l| {
            serde_json::from_str::<Json>(l).unwrap()["id"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    assert_eq!(ids, ["rich:c2", "x-17"]);

    let output = claimmark(&[
        &"export",
        &project,
        &"--spans",
        &"--doc",
        &"rich",
        &"--status",
        &"accepted",
    ]);
    let spans: Vec<Json> = text_of(&output.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(spans.len(), 10);
    assert_eq!(spans[0]["schema"], "claimmark-span/v1");
    assert_eq!(spans[0]["exact"], "Bialiatski");
    assert_eq!(spans[0]["label"], "person");
    assert_eq!(spans[0]["value"]["entity_id"], "e10");
    assert_eq!(spans[0]["status"], "accepted");
    assert_eq!(spans[0]["origin"], Json::Null);

    let fixtures = dir.path().join("gold/nested");
    let output = claimmark(&[
        &"export",
        &project,
        &"--fixtures",
        &fixtures,
        &"--status",
        &"accepted,corrected",
    ]);
    assert!(output.status.success(), "{}", text_of(&output.stderr));
    let manifest: Json =
        serde_json::from_str(&std::fs::read_to_string(fixtures.join("manifest.json")).unwrap())
            .unwrap();
    assert_eq!(manifest["tool"]["name"], "claimmark");
    assert_eq!(manifest["documents"], 4);
    assert_eq!(manifest["claims"], 13);
    assert_eq!(manifest["files"].as_array().unwrap().len(), 8);
    let loaded = test_project();
    let rich = loaded.document(&DocId::parse("rich").unwrap()).unwrap();
    assert_eq!(
        std::fs::read_to_string(fixtures.join("rich.txt")).unwrap(),
        rich.text.as_str()
    );
    assert_eq!(
        std::fs::read_to_string(fixtures.join("rich.claims.jsonl"))
            .unwrap()
            .lines()
            .count(),
        2
    );

    let output = claimmark(&[&"export", &project, &"--doc", &"missing"]);
    assert!(!output.status.success());
    assert!(text_of(&output.stderr).contains("no document “missing”"));
    let output = claimmark(&[&"export", &project, &"--status", &"approved"]);
    assert!(!output.status.success());
    assert!(text_of(&output.stderr).contains("“approved” is not a status"));
}

#[test]
fn python_reads_fixtures_with_the_standard_library_and_jsonschema() {
    let has_jsonschema = Command::new("python3")
        .args(["-c", "import jsonschema"])
        .status()
        .is_ok_and(|status| status.success());
    if !has_jsonschema {
        eprintln!(
            "SKIPPED python_reads_fixtures_with_the_standard_library_and_jsonschema: `python3 -c \"import jsonschema\"` failed; run `pip install jsonschema` to check fixtures from Python"
        );
        return;
    }
    let dir = scratch();
    let fixtures = dir.path().join("fixtures");
    export::write_fixtures(
        &test_project(),
        Path::new("project.ron"),
        &Filter::default(),
        &fixtures,
        false,
    )
    .unwrap();
    let output = Command::new("python3")
        .arg("-c")
        .arg(PYTHON_CHECK)
        .arg(schema_path())
        .arg(&fixtures)
        .output()
        .unwrap();
    let stdout = text_of(&output.stdout);
    assert!(
        output.status.success(),
        "{stdout}\n{}",
        text_of(&output.stderr)
    );
    assert!(stdout.contains("checked 14 claims, 56 anchors"), "{stdout}");
}

/// Loads fixtures as a Python test suite would (standard library, plus
/// jsonschema for the schema): every line valid, every anchor's `exact`
/// equal to `text[start:end]`, hashes and lengths right.
const PYTHON_CHECK: &str = r#"
import hashlib, json, pathlib, sys
import jsonschema

validator = jsonschema.Draft202012Validator(json.loads(pathlib.Path(sys.argv[1]).read_text("utf-8")))
folder = pathlib.Path(sys.argv[2])
manifest = json.loads((folder / "manifest.json").read_text("utf-8"))
failures, claims, anchors = [], 0, 0
for entry in manifest["files"]:
    if hashlib.sha256((folder / entry["path"]).read_bytes()).hexdigest() != entry["sha256"]:
        failures.append(f"{entry['path']}: sha256 differs from the manifest")
for entry in (e for e in manifest["files"] if e["kind"] == "claims"):
    text = open(folder / f"{entry['doc']}.txt", encoding="utf-8-sig", newline=None).read()
    with open(folder / entry["path"], encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            claim, where = json.loads(line), f"{entry['path']}:{number}"
            claims += 1
            failures += [f"{where}: {e.message}" for e in validator.iter_errors(claim)]
            if claim["doc"]["text_length"] != len(text):
                failures.append(f"{where}: text_length {claim['doc']['text_length']} != {len(text)}")
            if claim["doc"]["text_sha256"] != hashlib.sha256(text.encode("utf-8")).hexdigest():
                failures.append(f"{where}: text_sha256 does not match the .txt")
            for anchor in [claim["trigger"]] + [arg["anchor"] for arg in claim["args"]]:
                if anchor is None:
                    continue
                anchors += 1
                start, end = anchor["start"], anchor["end"]
                if text[start:end] != anchor["exact"]:
                    failures.append(f"{where}: text[{start}:{end}] is {text[start:end]!r}, exact is {anchor['exact']!r}")
                if text[max(0, start - 32):start] != anchor["prefix"] or text[end:end + 32] != anchor["suffix"]:
                    failures.append(f"{where}: prefix or suffix of {anchor['exact']!r} differ from the text")
for failure in failures:
    print(failure)
print(f"checked {claims} claims, {anchors} anchors, {len(failures)} failures")
sys.exit(1 if failures else 0)
"#;

#[test]
fn cli_import_saves_atomically_reports_and_sets_the_exit_status() {
    let dir = scratch();
    let project = dir.path().join("p.ron");
    storage::save_project(&project, &sample_project()).unwrap();
    let original_bytes = std::fs::read(&project).unwrap();
    let claims = dir.path().join("claims.jsonl");
    std::fs::write(&claims, mixed_file(&sample_project())).unwrap();

    // With --out the project stays as it was.
    let new = dir.path().join("new.ron");
    let output = claimmark(&[&"import", &project, &claims, &"--out", &new]);
    assert_eq!(
        output.status.code(),
        Some(1),
        "problems make the exit status 1"
    );
    let stderr = text_of(&output.stderr);
    assert!(
        stderr.contains("claims.jsonl:7: claim id “pardon-31:c1” is already in the project"),
        "{stderr}"
    );
    assert!(
        stderr.contains("claims.jsonl:5: args[0] (role count): “1,999”"),
        "{stderr}"
    );
    assert!(
        text_of(&output.stdout).contains("imported 3 claim(s)"),
        "{}",
        text_of(&output.stdout)
    );
    assert_eq!(std::fs::read(&project).unwrap(), original_bytes);
    assert_eq!(storage::load_project(&new).unwrap().claim_count(), 14);

    // In place, with a JSON report; a file with only good lines exits 0.
    let good = mixed_file(&sample_project())
        .lines()
        .enumerate()
        .filter(|(i, _)| [0, 4, 11].contains(i))
        .map(|(_, l)| l)
        .collect::<Vec<_>>()
        .join("\n")
        + "\n";
    std::fs::write(&claims, good).unwrap();
    let output = claimmark(&[&"import", &project, &claims, &"--json"]);
    assert!(output.status.success(), "{}", text_of(&output.stderr));
    let report: Json = serde_json::from_str(&text_of(&output.stdout)).unwrap();
    assert_eq!(report["claims"], 3);
    assert_eq!(report["orphans"], 1);
    assert_eq!(report["problems"], Json::Array(Vec::new()));
    assert_eq!(report["notices"][0]["line"], 2);
    assert_eq!(storage::load_project(&project).unwrap().claim_count(), 14);

    // A project that fails to load is reported and never written.
    let broken = dir.path().join("broken.ron");
    std::fs::write(&broken, b"(format_version: 1, schema: (labels: [").unwrap();
    let output = claimmark(&[&"import", &broken, &claims]);
    assert!(!output.status.success());
    assert!(text_of(&output.stderr).contains("broken.ron:1:"));
    assert_eq!(
        std::fs::read(&broken).unwrap(),
        b"(format_version: 1, schema: (labels: ["
    );
}

#[test]
fn cli_validate_reports_file_line_col_for_projects_and_claims() {
    let dir = scratch();
    let claims = dir.path().join("claims.jsonl");
    std::fs::write(&claims, mixed_file(&sample_project())).unwrap();
    let output = claimmark(&[&"validate", &claims]);
    assert_eq!(output.status.code(), Some(1));
    let stdout = text_of(&output.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    // Without a project, only what a file can say about itself is checked.
    assert_eq!(lines.len(), 4, "{stdout}");
    let file = claims.display().to_string();
    assert!(lines[0].starts_with(&format!("{file}:2:")), "{stdout}");
    assert!(
        lines[1].starts_with(&format!("{file}:3:1: schema “claim/v2”")),
        "{stdout}"
    );
    assert!(
        lines[2].starts_with(&format!("{file}:4:1: args[0].anchor: offsets 900..905")),
        "{stdout}"
    );
    assert!(
        lines[3].starts_with(&format!(
            "{file}:6:1: claim id “g-1” was already used on line 1"
        )),
        "{stdout}"
    );

    let output = claimmark(&[&"validate", &claims, &"--json"]);
    let json: Json = serde_json::from_str(&text_of(&output.stdout)).unwrap();
    assert_eq!(json["kind"], "claims");
    assert_eq!(json["problems"][1]["line"], 3);
    assert_eq!(json["problems"][1]["col"], 1);

    let project = saved_test_project(dir.path());
    let output = claimmark(&[&"validate", &project]);
    assert!(output.status.success(), "{}", text_of(&output.stdout));
    let source = std::fs::read_to_string(&project).unwrap();
    let broken = dir.path().join("broken.ron");
    std::fs::write(&broken, source.replacen("end: 110,", "end: 9999,", 1)).unwrap();
    let output = claimmark(&[&"validate", &broken]);
    assert_eq!(output.status.code(), Some(1));
    let stdout = text_of(&output.stdout);
    let line = source
        .lines()
        .position(|l| l.contains("end: 110,"))
        .unwrap()
        + 1;
    assert!(
        stdout.starts_with(&format!("{}:{line}:17: ", broken.display())),
        "{stdout}"
    );
    assert!(stdout.contains("but the text has only"), "{stdout}");
}

#[test]
fn cli_stats_counts_by_label_type_status_and_document() {
    let dir = scratch();
    let project = saved_test_project(dir.path());
    let output = claimmark(&[&"stats", &project, &"--json"]);
    assert!(output.status.success(), "{}", text_of(&output.stderr));
    let stats: Json = serde_json::from_str(&text_of(&output.stdout)).unwrap();
    assert_eq!(stats["documents"], 4);
    assert_eq!(stats["claims"], 14);
    assert_eq!(stats["claims_by_status"]["proposed"], 1);
    assert_eq!(stats["claims_by_status"]["corrected"], 1);
    assert_eq!(stats["claims_by_type"]["sentence"], 3);
    assert_eq!(stats["spans_by_label"]["place"], 7);
    assert_eq!(stats["orphans"], 1);
    assert_eq!(stats["by_document"][3]["id"], "rich");
    let output = claimmark(&[&"stats", &project]);
    assert!(
        text_of(&output.stdout).starts_with("4 document(s), 62 span(s), 14 claim(s), 1 orphan")
    );
}

#[test]
fn every_subcommand_has_help() {
    for command in ["export", "import", "validate", "stats"] {
        let output = claimmark(&[&command, &"--help"]);
        assert!(output.status.success(), "{command}");
        assert!(
            text_of(&output.stdout).contains("--json") || command == "export",
            "{command}"
        );
    }
    let output = claimmark(&[&"export", &"--help"]);
    for flag in ["--out", "--status", "--doc", "--spans", "--fixtures"] {
        assert!(text_of(&output.stdout).contains(flag), "{flag}");
    }
}

#[test]
fn a_huge_line_is_refused_without_reading_it_into_memory() {
    let dir = scratch();
    // A 1 GiB line (sparse: no disk used), then a 20 MB line, then a good
    // claim. Under a 200 MB address-space limit, holding either line whole
    // would fail.
    let path = dir.path().join("huge.jsonl");
    let good = export_claims(&sample_project())
        .lines()
        .next()
        .unwrap()
        .to_owned();
    {
        use std::io::{Seek as _, SeekFrom, Write as _};
        let mut file = std::fs::File::create(&path).unwrap();
        file.set_len(1 << 30).unwrap();
        file.seek(SeekFrom::End(0)).unwrap();
        file.write_all(b"\n").unwrap();
        let mut twenty_mb = vec![b' '; 20 << 20];
        twenty_mb[0] = b'{';
        file.write_all(&twenty_mb).unwrap();
        file.write_all(format!("\n{good}\n").as_bytes()).unwrap();
    }
    let output = Command::new("sh")
        .arg("-c")
        .arg(r#"ulimit -v 200000 && exec "$0" validate "$1""#)
        .arg(env!("CARGO_BIN_EXE_claimmark"))
        .arg(&path)
        .output()
        .unwrap();
    let stdout = text_of(&output.stdout);
    assert_eq!(
        output.status.code(),
        Some(1),
        "{stdout}{}",
        text_of(&output.stderr)
    );
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{stdout}");
    assert!(
        lines[0].contains(":1:1: the line has 1073741825 bytes, more than the 16777216"),
        "{stdout}"
    );
    assert!(
        lines[1].contains(":2:1: the line has 20971521 bytes"),
        "{stdout}"
    );
    // The same guard in the library, with a small limit, as an import.
    let project = sample_project();
    let text = format!("{}\n{good}\n", "x".repeat(50_000));
    let prepared = import::read_claims(
        text.as_bytes(),
        "small.jsonl",
        0,
        &project,
        &|_, _| {},
        10_000,
    )
    .unwrap();
    assert_eq!(prepared.report().problems.len(), 1);
    assert_eq!(prepared.report().problems[0].line, 1);
    assert_eq!(prepared.claim_count(), 1);
}

#[test]
fn spans_come_with_the_status_of_their_claim() {
    // Reviewed claims (the sample's are accepted) bring accepted spans; an
    // extractor's proposals bring proposed ones.
    let sample = sample_project();
    let mut plain = Project::default();
    for doc in &sample.documents {
        plain.documents.push(claimmark_core::model::Document::new(
            doc.id.clone(),
            doc.title.clone(),
            doc.text.clone(),
        ));
    }
    let mut lines = Vec::new();
    export::write_claims(&sample, &export::Filter::default(), &mut lines).unwrap();
    let prepared = claimmark_core::claim_format::import::read_claims(
        std::io::Cursor::new(lines.clone()),
        "sample.jsonl",
        lines.len() as u64,
        &plain,
        &|_, _| {},
        1 << 20,
    )
    .unwrap();
    let mut reviewed = plain.clone();
    prepared
        .into_edit(&plain)
        .edit
        .apply(&mut reviewed)
        .unwrap();
    assert!(
        reviewed
            .documents
            .iter()
            .flat_map(Document::spans)
            .all(|s| s.status == ReviewStatus::Accepted)
    );
    let proposed_lines = String::from_utf8(lines)
        .unwrap()
        .replace("\"status\":\"accepted\"", "\"status\":\"proposed\"");
    let prepared = claimmark_core::claim_format::import::read_claims(
        std::io::Cursor::new(proposed_lines.clone().into_bytes()),
        "proposed.jsonl",
        proposed_lines.len() as u64,
        &plain,
        &|_, _| {},
        1 << 20,
    )
    .unwrap();
    let mut proposals = plain.clone();
    prepared
        .into_edit(&plain)
        .edit
        .apply(&mut proposals)
        .unwrap();
    assert!(
        proposals
            .documents
            .iter()
            .flat_map(Document::spans)
            .all(|s| s.status == ReviewStatus::Proposed)
    );
}
