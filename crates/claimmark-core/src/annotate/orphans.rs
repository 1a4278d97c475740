//! Orphans: imported arguments whose quote did not re-attach to the text.
//! Each can be attached to a span or selection (when its role accepts
//! the label), placed at the nearest occurrence of its quote, or dropped;
//! each as one edit.

use super::claims::{FillTarget, FilledRole, fill_role};
use super::error::AnnotateError;
use crate::edit::Edit;
use crate::model::{CharRange, ClaimId, Document, OrphanArgument, Project, find_all};

fn orphan(
    doc: &Document,
    claim: ClaimId,
    index: usize,
) -> Result<(&crate::model::Claim, &OrphanArgument), AnnotateError> {
    let found = doc.claim(claim).ok_or(AnnotateError::NoClaim(claim))?;
    let orphan = found
        .orphans
        .get(index)
        .ok_or(AnnotateError::NoOrphan(claim, index))?;
    Ok((found, orphan))
}

/// The edit that takes orphan `index` out of the claim.
pub fn drop_orphan(doc: &Document, claim: ClaimId, index: usize) -> Result<Edit, AnnotateError> {
    let (found, _) = orphan(doc, claim, index)?;
    let mut changed = found.clone();
    changed.orphans.remove(index);
    Ok(Edit::ReplaceClaim {
        doc: doc.id.clone(),
        claim: changed,
    })
}

/// Puts the orphan's role on `target` and takes the orphan out, in one
/// edit. A span whose label the role does not accept is refused.
pub fn attach_orphan(
    project: &Project,
    doc: &Document,
    claim: ClaimId,
    index: usize,
    target: FillTarget,
) -> Result<FilledRole, AnnotateError> {
    let (_, orphan) = orphan(doc, claim, index)?;
    let role = orphan.role.clone();
    // `fill_role` refuses a span whose label the role does not take.
    // The orphan goes first: it leaves the arguments, and the indices the
    // role's edit uses, as they are.
    let remove = drop_orphan(doc, claim, index)?;
    let filled = fill_role(project, doc, claim, &role, target)?;
    Ok(FilledRole {
        span: filled.span,
        edit: Edit::Batch(vec![remove, filled.edit]),
        tagged: filled.tagged,
    })
}

/// Where the orphan's quote occurs in the text, nearest its old place
/// first.
pub fn orphan_places(doc: &Document, claim: ClaimId, index: usize) -> Vec<CharRange> {
    let Ok((_, orphan)) = orphan(doc, claim, index) else {
        return Vec::new();
    };
    let mut places = find_all(&doc.text, &orphan.exact);
    places.sort_by_key(|range| range.start().get().abs_diff(orphan.start));
    places
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Argument, Claim, Name, ReviewStatus, SpanId, notation};

    fn name(raw: &str) -> Name {
        Name::parse(raw).unwrap()
    }

    /// "Viasna" said twice; the claim's source orphaned with its old place
    /// at the second mention.
    fn project() -> Project {
        let mut doc = notation::document(
            "d",
            "Viasna counts [count|1,184] prisoners, Viasna says, in [place|Minsk].",
        )
        .unwrap();
        doc.insert_claim(Claim {
            status: ReviewStatus::Proposed,
            arguments: vec![Argument::new(name("count"), SpanId(1))],
            orphans: vec![OrphanArgument {
                role: name("source"),
                exact: "Viasna".into(),
                start: 33,
                end: 39,
                prefix: String::new(),
                suffix: String::new(),
                value: None,
                reason: "the text changed".into(),
            }],
            ..Claim::new(ClaimId(1), name("prisoner_count"))
        });
        let mut project = Project::default();
        project.documents.push(doc);
        assert!(project.problems().is_empty(), "{:?}", project.problems());
        project
    }

    #[test]
    fn an_orphan_is_placed_at_the_nearest_occurrence_and_undone() {
        let mut project = project();
        let original = project.clone();
        let doc = &project.documents[0];
        let places = orphan_places(doc, ClaimId(1), 0);
        assert_eq!(places.len(), 2);
        assert_eq!(
            places[0].start().get(),
            31,
            "the second mention is nearer 33"
        );
        let filled = attach_orphan(
            &project,
            doc,
            ClaimId(1),
            0,
            FillTarget::Selection(places[0]),
        )
        .unwrap();
        let undo = filled.edit.apply(&mut project).unwrap();
        let doc = &project.documents[0];
        let claim = doc.claim(ClaimId(1)).unwrap();
        assert!(claim.orphans.is_empty());
        let source = claim
            .arguments
            .iter()
            .find(|a| a.role.as_str() == "source")
            .unwrap();
        assert_eq!(doc.span_text(doc.span(source.span).unwrap()), "Viasna");
        undo.apply(&mut project).unwrap();
        assert_eq!(project, original);
    }

    #[test]
    fn a_span_of_the_wrong_label_is_refused_and_dropping_is_undoable() {
        let mut project = project();
        let doc = &project.documents[0];
        let error =
            attach_orphan(&project, doc, ClaimId(1), 0, FillTarget::Span(SpanId(2))).unwrap_err();
        assert!(
            matches!(error, AnnotateError::RoleRefusesLabel { .. }),
            "{error}"
        );
        assert!(error.to_string().contains("place"), "{error}");
        let original = project.clone();
        let undo = drop_orphan(&project.documents[0], ClaimId(1), 0)
            .unwrap()
            .apply(&mut project)
            .unwrap();
        assert!(
            project.documents[0]
                .claim(ClaimId(1))
                .unwrap()
                .orphans
                .is_empty()
        );
        undo.apply(&mut project).unwrap();
        assert_eq!(project, original);
        assert!(matches!(
            drop_orphan(&project.documents[0], ClaimId(1), 3),
            Err(AnnotateError::NoOrphan(_, 3))
        ));
    }
}
