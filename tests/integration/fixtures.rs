//! Shared fixtures: the sample articles (written for this project; facts
//! from public reporting, text our own) and helpers to build projects.

use claimmark_core::edit::Edit;
use claimmark_core::model::{Argument, Claim, ClaimId, Document, Name, Project, notation};

pub struct SampleArticle {
    pub id: &'static str,
    pub title: &'static str,
    pub source: &'static str,
    pub published: &'static str,
    /// The article in span notation: `[label|text]`.
    pub marked: &'static str,
    /// Claims: type and (role, exact span text) pairs; a span is found by
    /// its text, the first with that text (`text#2`: the second).
    pub claims: &'static [(&'static str, &'static [(&'static str, &'static str)])],
}

pub const SAMPLE_ARTICLES: [SampleArticle; 3] = [
    SampleArticle {
        id: "pardon-31",
        title: "Lukashenko pardons 31 people jailed over politics",
        source: "claimmark sample article (facts from AP reporting, November 2024)",
        published: "2024-11-16",
        marked: "Lukashenko pardons 31 people jailed over politics\n\
\n\
[place|MINSK] — Belarusian leader [person|Alexander Lukashenko] has [event|pardoned] [count|31] political prisoners, \
[organization|his press office] said on [date|Thursday]. According to the statement, [count|three] of those \
[event|freed] are disabled and [count|17] live with chronic illnesses. A rights group put it \
differently: the leader granted [event|clemency] to [count|30].\n\
\n\
The human rights centre [organization|Viasna] says [place|Belarus] still holds [count|1,278] political prisoners [date|this month], \
among them its founder [person|Ales Bialiatski]. [person|Pavel Sapelka] of Viasna said [count|more than 100] people \
were [event|detained] [date|last week] alone.\n",
        claims: &[
            (
                "pardon",
                &[
                    ("trigger", "pardoned"),
                    ("count", "31"),
                    ("actor", "Alexander Lukashenko"),
                    ("date", "Thursday"),
                    ("source", "his press office"),
                ],
            ),
            (
                "prisoner_count",
                &[
                    ("count", "1,278"),
                    ("source", "Viasna"),
                    ("place", "Belarus"),
                    ("as_of", "this month"),
                ],
            ),
            ("pardon", &[("trigger", "clemency"), ("count", "30")]),
            (
                "arrest",
                &[
                    ("trigger", "detained"),
                    ("count", "more than 100"),
                    ("date", "last week"),
                    ("source", "Pavel Sapelka"),
                ],
            ),
        ],
    },
    SampleArticle {
        id: "kuznechyk-freed",
        title: "Journalist Andrey Kuznechyk freed after more than three years",
        source: "claimmark sample article (facts from RFE/RL reporting, February 2025)",
        published: "2025-02-13",
        marked: "Journalist Andrey Kuznechyk freed after more than three years\n\
\n\
[place|Belarus] has [event|released] [person|Andrey Kuznechyk], a journalist for \
[organization|Radio Free Europe/Radio Liberty], together with [count|two] other prisoners, one of them a U.S. citizen.\n\
\n\
Kuznechyk was [event|arrested] in [place|Minsk] on [date|November 25, 2021]. On [date|June 8, 2022], a court \
[event|sentenced] [person|him] to [count|six years] in prison for “involvement in an extremist organization”.\n\
\n\
[organization|Viasna] counts [count|around 1,229] political prisoners in [place|Belarus] [date|today].\n",
        claims: &[
            (
                "release",
                &[
                    ("trigger", "released"),
                    ("released_person", "Andrey Kuznechyk"),
                    ("actor", "Radio Free Europe/Radio Liberty"),
                ],
            ),
            (
                "arrest",
                &[
                    ("trigger", "arrested"),
                    ("arrested_person", "Andrey Kuznechyk"),
                    ("place", "Minsk"),
                    ("date", "November 25, 2021"),
                ],
            ),
            (
                "sentence",
                &[
                    ("trigger", "sentenced"),
                    ("sentenced_person", "him"),
                    ("term", "six years"),
                    ("date", "June 8, 2022"),
                ],
            ),
            (
                "prisoner_count",
                &[
                    ("count", "around 1,229"),
                    ("source", "Viasna"),
                    ("place", "Belarus#2"),
                    ("as_of", "today"),
                ],
            ),
        ],
    },
    SampleArticle {
        id: "amnesty-7850",
        title: "Belarus amnesty to cover 7,850 people",
        source: "claimmark sample article (facts from RFE/RL reporting, July 2024)",
        published: "2024-07-12",
        marked: "Belarus amnesty to cover 7,850 people\n\
\n\
[place|Belarus] [event|freed] [count|thousands] of prisoners [date|this month] under an [event|amnesty] signed by \
President [person|Alexander Lukashenko]. The law covers [count|7,850] people; [count|more than 2,090] of them will be \
[event|released], [count|800] will have their sentences commuted and [count|4,550] will have their terms cut by \
a year.\n\
\n\
Among those freed are [count|five] political prisoners, including [person|Rygor Kastusev], a former presidential \
candidate who was [event|sentenced] to [count|10 years] in [date|2022].\n",
        claims: &[
            (
                "amnesty",
                &[
                    ("trigger", "amnesty"),
                    ("count", "7,850"),
                    ("released", "more than 2,090"),
                    ("commuted", "800"),
                    ("reduced", "4,550"),
                    ("actor", "Alexander Lukashenko"),
                    ("date", "this month"),
                ],
            ),
            (
                "release",
                &[
                    ("trigger", "freed"),
                    ("count", "five"),
                    ("released_person", "Rygor Kastusev"),
                ],
            ),
            (
                "sentence",
                &[
                    ("trigger", "sentenced"),
                    ("sentenced_person", "Rygor Kastusev"),
                    ("term", "10 years"),
                    ("date", "2022"),
                ],
            ),
        ],
    },
];

/// A document from a sample article, with its claims.
pub fn sample_document(article: &SampleArticle) -> Document {
    let mut project = Project::default();
    let mut doc = notation::document(article.id, article.marked).expect("sample notation");
    article.title.clone_into(&mut doc.title);
    article.source.clone_into(&mut doc.source);
    doc.published = claimmark_core::model::parse_day(article.published);
    let id = doc.id.clone();
    project.documents.push(doc);
    for (n, (claim_type, roles)) in article.claims.iter().enumerate() {
        let doc = &project.documents[0];
        let arguments = roles
            .iter()
            .map(|(role, text)| {
                // "Belarus#2": the second span with that text.
                let (text, nth) = text
                    .split_once('#')
                    .map_or((*text, 1), |(t, n)| (t, n.parse().unwrap()));
                let span = doc
                    .spans()
                    .iter()
                    .filter(|s| doc.span_text(s) == text)
                    .nth(nth - 1)
                    .unwrap_or_else(|| panic!("{}: no span “{text}”", article.id));
                Argument {
                    role: Name::parse(role).unwrap(),
                    span: span.id,
                }
            })
            .collect();
        let claim = Claim {
            arguments,
            ..Claim::new(
                ClaimId(u32::try_from(n).unwrap() + 1),
                Name::parse(claim_type).unwrap(),
            )
        };
        Edit::InsertClaim {
            doc: id.clone(),
            claim,
        }
        .apply(&mut project)
        .unwrap_or_else(|e| panic!("{}: {e}", article.id));
    }
    project.documents.remove(0)
}

/// The sample project: every label and claim type in use, names linked to
/// entities across documents, values normalised.
pub fn sample_project() -> Project {
    use claimmark_core::model::ValueKind;
    use claimmark_core::normalize::names;
    let mut project = Project::default();
    for article in &SAMPLE_ARTICLES {
        project.documents.push(sample_document(article));
    }
    // Link every name to an entity, creating one for the first mention.
    for doc_index in 0..project.documents.len() {
        let doc_id = project.documents[doc_index].id.clone();
        let spans: Vec<_> = project.documents[doc_index]
            .spans()
            .iter()
            .map(|s| (s.id, s.label.clone()))
            .collect();
        for (span, label) in spans {
            let kind = project.schema.label(&label).unwrap().value_kind;
            if !matches!(
                kind,
                ValueKind::Person | ValueKind::Organization | ValueKind::Place
            ) {
                continue;
            }
            let doc = project.document(&doc_id).unwrap();
            let text = doc.span_text(doc.span(span).unwrap()).to_owned();
            if text == "him" || text.starts_with("his ") {
                continue;
            }
            let edit =
                match names::should_link(&names::best_matches(&project.entities, kind, &text)) {
                    Some(entity) => names::link_span(&project, &doc_id, span, entity),
                    None => names::create_entity_from_span(&project, &doc_id, span),
                };
            edit.unwrap().apply(&mut project).unwrap();
        }
    }
    // The first mention of Minsk is an all-caps dateline.
    if let Some(minsk) = project
        .entities
        .iter()
        .find(|e| e.name == "MINSK")
        .map(|e| e.id)
    {
        names::rename_entity(&project, minsk, "Minsk")
            .unwrap()
            .apply(&mut project)
            .unwrap();
    }
    for doc_index in 0..project.documents.len() {
        let doc = &project.documents[doc_index];
        let values =
            claimmark_core::normalize::renormalize(doc, &project.schema, &project.entities);
        Edit::Batch(values).apply(&mut project).unwrap();
    }
    project
}

/// A scratch folder that lives as long as the value.
pub fn scratch() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}
