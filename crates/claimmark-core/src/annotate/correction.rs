//! An analyst's change to a machine proposal is a correction: the edit and
//! the status change go in as one step.

use crate::edit::Edit;
use crate::model::Document;
use crate::review::{self, Reviewer};

/// `edit`, followed by marking the proposals it changes in `doc` as
/// corrected (by `reviewer`), as one batch; `edit` itself when it changes no
/// proposal.
pub fn with_correction(doc: &Document, edit: Edit, reviewer: &Reviewer) -> Edit {
    let mut corrections = Vec::new();
    corrections_for(doc, &edit, reviewer, &mut corrections);
    if corrections.is_empty() {
        edit
    } else {
        corrections.insert(0, edit);
        Edit::Batch(corrections)
    }
}

fn corrections_for(doc: &Document, edit: &Edit, reviewer: &Reviewer, out: &mut Vec<Edit>) {
    let correction = match edit {
        Edit::SetClaimType { claim, .. }
        | Edit::SetClaimNote { claim, .. }
        | Edit::InsertArgument { claim, .. }
        | Edit::RemoveArgument { claim, .. } => review::mark_claim_corrected(doc, *claim, reviewer),
        Edit::SetSpanLabel { span, .. }
        | Edit::SetSpanRange { span, .. }
        | Edit::SetSpanNote { span, .. } => review::mark_span_corrected(doc, *span),
        Edit::ReplaceSpan { span, .. } => review::mark_span_corrected(doc, span.id),
        Edit::Batch(edits) => {
            for inner in edits {
                corrections_for(doc, inner, reviewer, out);
            }
            None
        }
        _ => None,
    };
    if let Some(correction) = correction
        && !out.contains(&correction)
    {
        out.push(correction);
    }
}
