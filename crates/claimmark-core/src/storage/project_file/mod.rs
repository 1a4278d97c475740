//! The RON project file: its wire types, kept apart from the model, the
//! deterministic writer and the checking reader.
//!
//! The layout puts one label, role, span or claim per line and the text one
//! line per line, in a fixed order, so an unchanged project saves
//! byte-identically and projects diff and merge cleanly in git.

mod check;
mod conflicts;
mod items;
mod wire;
mod write;

use std::fmt::Write as _;

use crate::model::Project;
use crate::storage::locate::{self, LineCol};

use check::Checker;
use wire::ProjectFile;
pub use write::{to_ron, write_ron};

/// The version this build writes, and the newest it reads.
pub const FORMAT_VERSION: u64 = 1;
/// A problem in a project file, where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub at: Option<LineCol>,
    pub message: String,
}

/// Why a project file's text is not a usable project.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProjectFileError {
    #[error("{at_line}:{at_col}: {message}", at_line = at.line, at_col = at.col)]
    Syntax { at: LineCol, message: String },
    #[error("this is not a claimmark project: it has no top-level `format_version`")]
    NotAProject,
    #[error(
        "{at_line}:{at_col}: the file has format_version {found}, from a newer claimmark; this build reads up to {FORMAT_VERSION}. Update claimmark to open it",
        at_line = at.line, at_col = at.col
    )]
    NewerVersion { found: u64, at: LineCol },
    #[error("{at_line}:{at_col}: format_version {found} is not a version claimmark ever wrote", at_line = at.line, at_col = at.col)]
    UnknownVersion { found: u64, at: LineCol },
    #[error(
        "{at_line}:{at_col}: format_version is `{found}`; it must be a whole number such as {FORMAT_VERSION}",
        at_line = at.line, at_col = at.col
    )]
    BadVersion { found: String, at: LineCol },
    #[error("{}", problems_text(.0))]
    Invalid(Vec<Problem>),
}

fn problems_text(problems: &[Problem]) -> String {
    const SHOWN: usize = crate::storage::PROBLEMS_LISTED;
    let mut text = String::new();
    for problem in problems.iter().take(SHOWN) {
        if !text.is_empty() {
            text.push('\n');
        }
        if let Some(at) = problem.at {
            let _ = write!(text, "{}:{}: ", at.line, at.col);
        }
        text.push_str(&problem.message);
    }
    if problems.len() > SHOWN {
        let _ = write!(text, "\n… and {} more problems", problems.len() - SHOWN);
    }
    text
}
/// Reads a project from its text, checking everything the model requires.
/// A byte-order mark at the start is skipped, as in claims files.
pub fn from_ron(source: &str) -> Result<Project, ProjectFileError> {
    let source = source.strip_prefix('\u{feff}').unwrap_or(source);
    let Some((at, token)) = locate::format_version_token(source) else {
        // Not even a version: a syntax error says more than "not a
        // project" when the file is broken RON.
        if let Err(error) = ron::from_str::<ron::Value>(source) {
            return Err(syntax_error(&error));
        }
        return Err(ProjectFileError::NotAProject);
    };
    match token.parse::<u64>() {
        Ok(found) if found > FORMAT_VERSION => {
            return Err(ProjectFileError::NewerVersion { found, at });
        }
        Ok(0) => return Err(ProjectFileError::UnknownVersion { found: 0, at }),
        Ok(_) => {}
        Err(_) => {
            return Err(ProjectFileError::BadVersion {
                at,
                found: crate::text_shown::shown(&token.chars().take(40).collect::<String>())
                    .into_owned(),
            });
        }
    }
    let file: ProjectFile = ron::from_str(source).map_err(|error| syntax_error(&error))?;
    Checker {
        source,
        problems: Vec::new(),
        skipped_conflict: false,
    }
    .project(file)
}

/// The line (from 1) of each claim in a project file claimmark wrote, by
/// document id and claim number: where messages about a claim point.
pub fn claim_lines(text: &str) -> std::collections::HashMap<(String, u32), usize> {
    let mut lines = std::collections::HashMap::new();
    let mut doc: Option<String> = None;
    for (at, line) in text.lines().enumerate() {
        if let Some(id) = line
            .strip_prefix("            id: \"")
            .and_then(|rest| rest.strip_suffix("\","))
        {
            doc = Some(id.to_owned());
        } else if let (Some(doc), Some(rest)) = (&doc, line.strip_prefix("                (id: "))
            && rest.contains("claim_type:")
            && let Some(number) = rest.split(',').next().and_then(|n| n.parse().ok())
        {
            lines.insert((doc.clone(), number), at + 1);
        }
    }
    lines
}

fn syntax_error(error: &ron::error::SpannedError) -> ProjectFileError {
    ProjectFileError::Syntax {
        at: LineCol {
            line: error.span.start.line,
            col: error.span.start.col,
        },
        message: format!(
            "{}; the file is not valid RON or not in claimmark's layout",
            crate::text_shown::shown(&error.code.to_string())
        ),
    }
}
#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::Edit;
    use crate::model::ValueKind;
    use crate::model::date::parse_day;
    use crate::model::document::{
        Argument, Claim, ClaimId, DocId, ExternalClaim, ImplicitArgument, OrphanArgument, SpanId,
    };
    use crate::model::entity::{Entity, EntityId};
    use crate::model::notation;
    use crate::model::review::{
        Agent, Confidence, Provenance, ReviewStatus, SpanOrigin, Timestamp,
    };
    use crate::model::schema::Name;
    use crate::model::value::{SpanValue, Value, ValueSource};

    #[allow(clippy::too_many_lines)] // one of everything the file holds
    fn sample() -> Project {
        let mut project = Project::default();
        // The trailing \r shows the canonical form: it is saved as \n.
        let mut doc = notation::document(
            "freed",
            "[person|Ales Bialiatski] was [event|freed] on [date|December 14th].\n\n“Quoted” — 😀 Cafe\u{301} [place|Minsk]\r",
        )
        .unwrap();
        doc.published = parse_day("2025-09-20");
        doc.source = "https://example.org/a \"quoted\" path".into();
        doc.note = "relevance: high; a \"note\"".into();
        project.documents.push(doc);
        Edit::InsertClaim {
            doc: DocId::parse("freed").unwrap(),
            claim: Claim {
                arguments: vec![
                    Argument {
                        role: Name::parse("trigger").unwrap(),
                        span: SpanId(2),
                    },
                    Argument {
                        role: Name::parse("released_person").unwrap(),
                        span: SpanId(1),
                    },
                    Argument {
                        role: Name::parse("date").unwrap(),
                        span: SpanId(3),
                    },
                ],
                note: "per Viasna".into(),
                ..Claim::new(ClaimId(1), Name::parse("release").unwrap())
            },
        }
        .apply(&mut project)
        .unwrap();
        // A second document with everything review and import add: a
        // proposed span from an extractor with a value and an entity, and an
        // imported claim with provenance, an implicit argument and an orphan.
        project.entities.push(Entity {
            id: EntityId(1),
            kind: ValueKind::Person,
            name: "Ales Bialiatski".into(),
            aliases: vec!["Bialiatski".into(), "Byalyatski".into()],
        });
        let mut imported = notation::document(
            "imported",
            "Viasna counts [count|1,184] prisoners; [person|Bialiatski] too.",
        )
        .unwrap();
        let extractor = Agent::software("regex-extractor", Some("0.3.1".into()));
        {
            let span = imported.span_mut(SpanId(1)).unwrap();
            span.status = ReviewStatus::Proposed;
            span.origin = Some(SpanOrigin {
                agent: extractor.clone(),
                confidence: Confidence::new(0.875),
            });
            span.value = Some(SpanValue {
                value: Value::Count(crate::model::value::CountValue {
                    number: Some(1184),
                    modifier: crate::model::value::CountModifier::Exact,
                    lower: Some(1184),
                    upper: Some(1184),
                }),
                source: ValueSource::Imported,
            });
            imported.span_mut(SpanId(2)).unwrap().entity = Some(EntityId(1));
        }
        imported.insert_claim(Claim {
            arguments: vec![Argument::new(Name::parse("count").unwrap(), SpanId(1))],
            status: ReviewStatus::Proposed,
            provenance: Some(Provenance {
                creator: extractor,
                created: Timestamp::parse("2026-11-22T10:00:00Z").unwrap(),
                reviewer: Some(Agent::person("analyst-1")),
                reviewed: Timestamp::parse("2026-11-22T11:30:00Z"),
                bulk_review: false,
            }),
            confidence: Confidence::new(0.5),
            implicit: vec![ImplicitArgument {
                role: Name::parse("place").unwrap(),
                value: Value::Place {
                    name: "Belarus".into(),
                    entity_id: None,
                },
            }],
            orphans: vec![OrphanArgument {
                role: Name::parse("source").unwrap(),
                exact: "Human Rights Center".into(),
                start: 3,
                end: 22,
                prefix: String::new(),
                suffix: " said".into(),
                value: None,
                reason: "the text “Human Rights Center” is not in the document".into(),
            }],
            external: Some(ExternalClaim {
                run: Some(2),
                resembles: Some(ClaimId(4)),
                absent_from: Some(3),
                ..ExternalClaim::new(
                    "c-0007".into(),
                    r#"{"schema":"claim/v1","id":"c-0007","ext":{"run":7}}"#.into(),
                )
            }),
            ..Claim::new(ClaimId(1), Name::parse("prisoner_count").unwrap())
        });
        project.documents.push(imported);
        assert!(project.problems().is_empty(), "{:?}", project.problems());
        project
    }

    #[test]
    fn save_load_save_is_byte_identical() {
        let project = sample();
        let first = to_ron(&project);
        let loaded = from_ron(&first).unwrap();
        assert_eq!(loaded, project);
        assert_eq!(to_ron(&loaded), first);
    }

    #[test]
    fn key_roles_and_explanations_round_trip_and_old_files_get_the_default_keys() {
        let mut project = sample();
        project.schema.claim_types[0].key_roles = vec![Name::parse("count").unwrap()];
        project.explanations.insert(
            "counts_disagree:a:c1,b:c1".into(),
            "two \"lists\"\nagreed".into(),
        );
        let text = to_ron(&project);
        assert_eq!(from_ron(&text).unwrap(), project);
        // A file from before key roles: each default type gets its keys.
        let old: String = to_ron(&sample())
            .lines()
            .filter(|line| !line.trim_start().starts_with("key_roles:"))
            .flat_map(|line| [line, "\n"])
            .collect();
        assert_eq!(from_ron(&old).unwrap(), sample());
        let bad = to_ron(&sample()).replacen(
            "key_roles: Some([\"actor\", \"date\"])",
            "key_roles: Some([\"ghost\"])",
            1,
        );
        let error = from_ron(&bad).unwrap_err().to_string();
        assert!(error.contains("key role “ghost”"), "{error}");
    }

    #[test]
    fn claims_are_found_at_their_lines() {
        let text = to_ron(&sample());
        let lines = claim_lines(&text);
        let line = lines[&("imported".to_owned(), 1)];
        assert!(
            text.lines()
                .nth(line - 1)
                .unwrap()
                .contains("claim_type: \"prisoner_count\""),
            "{line}"
        );
        assert_eq!(lines.len(), 2);
    }

    #[test]
    fn layout_is_one_item_per_line() {
        insta::assert_snapshot!(to_ron(&sample()));
    }

    /// Replaces the first occurrence of `from` in the sample file.
    fn broken(from: &str, to: &str) -> ProjectFileError {
        let source = to_ron(&sample());
        assert!(source.contains(from), "sample has no {from:?}");
        from_ron(&source.replacen(from, to, 1)).unwrap_err()
    }

    fn first_problem(error: &ProjectFileError) -> (usize, usize, String) {
        match error {
            ProjectFileError::Invalid(problems) => {
                let p = &problems[0];
                let at = p.at.unwrap();
                (at.line, at.col, p.message.clone())
            }
            other => panic!("expected a checked problem, got {other:?}"),
        }
    }

    #[test]
    fn malformed_and_truncated_files_give_line_and_column() {
        let source = to_ron(&sample());
        let truncated = &source[..source.len() / 2];
        match from_ron(truncated).unwrap_err() {
            ProjectFileError::Syntax { at, .. } => assert!(at.line > 10, "{at:?}"),
            other => panic!("{other:?}"),
        }
        match broken("end: 15,", "end: 16 16,") {
            ProjectFileError::Syntax { at, message } => {
                assert_eq!(
                    at.line,
                    source.lines().position(|l| l.contains("end: 15,")).unwrap() + 1
                );
                assert!(message.contains("RON"), "{message}");
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(
            from_ron("(schema: ())").unwrap_err(),
            ProjectFileError::NotAProject
        );
        assert!(matches!(
            from_ron("").unwrap_err(),
            ProjectFileError::Syntax { .. }
        ));
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let deep = "[".repeat(262_600);
        let closed = format!("{deep}{}", "]".repeat(262_600));
        for source in [
            format!("(x: {closed}, format_version: 1)"),
            format!("(x: {deep}"),
            format!("{deep} format_version: 1"),
            format!("(format_version: 1, schema: {closed})"),
            format!("(format_version: {closed})"),
        ] {
            let error = from_ron(&source).unwrap_err();
            let text = error.to_string();
            assert!(
                text.split(':')
                    .next()
                    .is_some_and(|l| l.parse::<usize>().is_ok())
                    || matches!(error, ProjectFileError::NotAProject),
                "no line:col in {text}"
            );
        }
    }

    #[test]
    fn a_byte_order_mark_is_accepted_and_bad_versions_say_what_they_are() {
        let source = to_ron(&sample());
        assert_eq!(from_ron(&format!("\u{feff}{source}")).unwrap(), sample());
        for (bad, shown) in [
            ("99999999999999999999999", "99999999999999999999999"),
            ("-1", "-1"),
            ("\"one\"", "\"one\""),
        ] {
            let error = broken("format_version: 1,", &format!("format_version: {bad},"));
            let text = error.to_string();
            assert!(
                text.starts_with(&format!("3:21: format_version is `{shown}`")),
                "{text}"
            );
        }
    }

    #[test]
    fn every_problem_of_a_file_is_located_and_listed_up_to_a_limit() {
        let mut project = Project::default();
        let text = (0..300).fold(String::new(), |mut text, i| {
            let _ = write!(text, "[person|Name{i}] ");
            text
        });
        project
            .documents
            .push(notation::document("many", &text).unwrap());
        let source = to_ron(&project).replace("label: \"person\"", "label: \"ghost\"");
        let ProjectFileError::Invalid(problems) = from_ron(&source).unwrap_err() else {
            panic!("expected problems");
        };
        assert_eq!(problems.len(), 300);
        let lines: Vec<usize> = problems.iter().map(|p| p.at.unwrap().line).collect();
        assert!(
            lines.windows(2).all(|w| w[0] < w[1]),
            "one line each, in order"
        );
        let text = ProjectFileError::Invalid(problems).to_string();
        assert_eq!(text.lines().count(), crate::storage::PROBLEMS_LISTED + 1);
        assert!(text.ends_with("… and 200 more problems"), "{text}");
    }

    #[test]
    fn newer_format_versions_are_refused_with_advice() {
        let error = broken("format_version: 1,", "format_version: 7,");
        assert!(matches!(
            error,
            ProjectFileError::NewerVersion { found: 7, .. }
        ));
        let text = error.to_string();
        assert!(
            text.starts_with("3:21: the file has format_version 7"),
            "{text}"
        );
        assert!(text.contains("Update claimmark"), "{text}");
    }

    #[test]
    fn spans_out_of_range_are_located() {
        let source = to_ron(&sample());
        let line = source
            .lines()
            .position(|l| l.contains("(id: 4, start:"))
            .unwrap()
            + 1;
        let (at_line, col, message) = first_problem(&broken("end: 69,", "end: 500,"));
        assert_eq!((at_line, col), (line, 17));
        assert!(
            message.contains("covers chars 64..500, but the text has only 70 chars"),
            "{message}"
        );
    }

    #[test]
    fn text_that_does_not_match_its_hash_is_refused() {
        let (_, _, message) = first_problem(&broken("was freed", "was FREED"));
        assert!(message.contains("does not match its SHA-256"), "{message}");
        assert!(message.contains("Restore the original text"), "{message}");
    }

    #[test]
    fn broken_references_are_each_reported() {
        let (_, _, message) = first_problem(&broken("span: 3)", "span: 33)"));
        assert!(
            message.contains("span s33, which does not exist"),
            "{message}"
        );
        let (_, _, message) = first_problem(&broken("label: \"place\"", "label: \"ghost\""));
        assert!(
            message.contains("label “ghost”, which the schema does not define"),
            "{message}"
        );
        let (_, _, message) = first_problem(&broken("(id: 2,", "(id: 1,"));
        assert!(message.contains("span id 1 is used twice"), "{message}");
        let (_, _, message) = first_problem(&broken(
            "published: Some(\"2025-09-20\")",
            "published: Some(\"20/09/2025\")",
        ));
        assert!(message.contains("YYYY-MM-DD"), "{message}");
        let (_, _, message) = first_problem(&broken(
            "claim_type: \"release\", args",
            "claim_type: \"releese\", args",
        ));
        assert!(message.contains("type “releese”"), "{message}");
    }
}
