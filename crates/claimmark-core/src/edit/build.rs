//! Edits built from the project's state, for callers that would
//! otherwise assemble batches by hand.

use super::Edit;
use crate::model::Project;
use crate::model::document::SpanId;

/// The edit that deletes a span and first takes it out of every claim that
/// uses it, as one step.
pub fn remove_span_with_arguments(doc: &crate::model::Document, span: SpanId) -> Edit {
    let mut edits = Vec::new();
    for claim in doc.claims_using(span) {
        for (index, argument) in claim.arguments.iter().enumerate().rev() {
            if argument.span == span {
                edits.push(Edit::RemoveArgument {
                    doc: doc.id.clone(),
                    claim: claim.id,
                    index,
                });
            }
        }
    }
    edits.push(Edit::RemoveSpan {
        doc: doc.id.clone(),
        span,
    });
    Edit::Batch(edits)
}

/// The edit that adds documents after the project's last one, as one step.
pub fn append_documents(project: &Project, documents: Vec<crate::model::Document>) -> Edit {
    let at = project.documents.len();
    Edit::Batch(
        documents
            .into_iter()
            .enumerate()
            .map(|(i, document)| Edit::InsertDocument {
                index: at + i,
                document: Box::new(document),
            })
            .collect(),
    )
}
