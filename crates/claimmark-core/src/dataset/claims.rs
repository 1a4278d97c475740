//! The `claims` dataset: a fixtures folder that `claimmark score` reads.
//! Per document `<doc-id>.txt` (the canonical text, exactly),
//! `<doc-id>.claims.jsonl` (claim/v1, reviewed claims) and
//! `<doc-id>.spans.jsonl` (claimmark-span/v1, the exported spans).
//!
//! The lines are written by `claim_format::export`, as `claimmark export
//! --fixtures` writes them, for the claims and spans the [`Selection`]
//! keeps: ids unique in the project (an imported claim keeps its own, the
//! others are `<doc-id>:c<n>`, with `.2`… where that is taken), unknown
//! fields and `ext` of imported claims kept, orphan arguments under
//! `ext.claimmark.orphans` (which `score` reads as arguments without an
//! anchor, as it does in a project). Nothing is left uncarried.

use super::{DatasetError, Selection, Writer, Written};
use crate::claim_format::export::{ClaimIds, write_document_claims, write_document_spans};

/// Writes the fixtures of a selection.
pub fn write(selection: &Selection<'_>, writer: &mut Writer) -> Result<Written, DatasetError> {
    let project = selection.project;
    let ids = ClaimIds::of(project);
    for doc in &selection.docs {
        let id = &doc.doc.id;
        writer.write(&format!("{id}.txt"), doc.doc.text.as_str().as_bytes())?;
        let mut claims = Vec::new();
        let keep_claim = |claim: &crate::model::Claim| doc.has_claim(claim.id);
        write_document_claims(project, doc.index, doc.doc, &ids, &keep_claim, &mut claims)?;
        writer.write(&format!("{id}.claims.jsonl"), &claims)?;
        let mut spans = Vec::new();
        let keep_span = |span: &crate::model::Span| doc.has_span(span.id);
        write_document_spans(project, doc.doc, &keep_span, &mut spans)?;
        writer.write(&format!("{id}.spans.jsonl"), &spans)?;
    }
    Ok(Written::default())
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use serde_json::Value as Json;

    use crate::claim_format::export::UNRECORDED_CREATOR;
    use crate::dataset::tests::project;
    use crate::dataset::{Format, write_dataset};
    use crate::model::{ClaimId, Project};
    use crate::score::annotations::StatusFilter;
    use crate::score::input::read_claims;

    /// The first line of `freed.claims.jsonl` in a claims dataset of
    /// `project`.
    fn first_claim_line(project: &Project) -> String {
        let dir = tempfile::tempdir().unwrap();
        write_dataset(project, Path::new("p.ron"), dir.path(), Format::Claims).unwrap();
        let lines = std::fs::read_to_string(dir.path().join("freed.claims.jsonl")).unwrap();
        lines.lines().next().unwrap().to_owned()
    }

    #[test]
    fn claim_lines_read_back_with_the_same_arguments() {
        let p = project();
        let line = first_claim_line(&p);
        let json: Json = serde_json::from_str(&line).unwrap();
        assert_eq!(json["id"], "freed:c1");
        assert_eq!(json["trigger"]["exact"], "released");
        assert_eq!(json["trigger"]["prefix"], "Ales Bialiatski was ");
        assert_eq!(json["args"][2]["anchor"], Json::Null);
        assert_eq!(json["provenance"]["creator"]["id"], UNRECORDED_CREATOR);
        let read = read_claims("x", line.as_bytes(), StatusFilter::Reviewed);
        assert!(read.problems.is_empty(), "{:?}", read.problems);
        let args: Vec<_> = read.docs[0].claims[0]
            .args
            .iter()
            .map(|a| (a.role.as_str(), a.value.as_str()))
            .collect();
        assert_eq!(
            args,
            [
                ("trigger", "text:released"),
                ("released_person", "person:ales bialiatski"),
                ("date", "date:2025-09-18/day"),
                ("place", "place:belarus"),
            ]
        );
    }

    #[test]
    fn imported_claims_keep_their_id_and_unknown_fields() {
        let mut p = project();
        // The line it was imported from: a claim/v1 line (import takes no
        // other) with an id, `ext`, an unknown field and an old note.
        let mut original: Json = serde_json::from_str(&first_claim_line(&p)).unwrap();
        original["id"] = "ext-7".into();
        original["ext"] = serde_json::json!({"run": 3});
        original["lang"] = "en".into();
        original["note"] = "old".into();
        let claim = p.documents[0].claim_mut(ClaimId(1)).unwrap();
        claim.external = Some(crate::model::ExternalClaim::new(
            "ext-7".into(),
            original.to_string(),
        ));
        let line = first_claim_line(&p);
        let json: Json = serde_json::from_str(&line).unwrap();
        assert_eq!(json["id"], "ext-7");
        assert_eq!(json["ext"]["run"], 3);
        assert_eq!(json["lang"], "en");
        assert!(json.get("note").is_none(), "the claim's note is empty now");
    }

    #[test]
    fn orphans_are_carried_in_ext_and_scored_as_arguments() {
        let mut p = project();
        let claim = p.documents[0].claim_mut(ClaimId(1)).unwrap();
        claim.orphans.push(crate::model::document::OrphanArgument {
            role: crate::model::Name::parse("source").unwrap(),
            exact: "Viasna says".into(),
            start: 0,
            end: 11,
            prefix: String::new(),
            suffix: String::new(),
            value: None,
            reason: "not found".into(),
        });
        let dir = tempfile::tempdir().unwrap();
        let manifest = write_dataset(&p, Path::new("p.ron"), dir.path(), Format::Claims).unwrap();
        assert!(
            manifest.not_carried.is_empty(),
            "{:?}",
            manifest.not_carried
        );
        let line = first_claim_line(&p);
        let json: Json = serde_json::from_str(&line).unwrap();
        assert_eq!(json["ext"]["claimmark"]["orphans"][0]["role"], "source");
        let read = read_claims("x", line.as_bytes(), StatusFilter::Reviewed);
        let orphan = read.docs[0].claims[0].args.last().unwrap();
        assert_eq!(
            (orphan.role.as_str(), orphan.anchor, orphan.value.as_str()),
            ("source", None, "text:viasna says")
        );
    }
}
