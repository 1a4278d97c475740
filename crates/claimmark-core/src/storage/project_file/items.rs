//! Spans, claims, entities and schema items read one at a time: shared by
//! the documents and the conflict records that keep other versions of them.

use crate::model::CharRange;
use crate::model::document::{
    Argument, Claim, ClaimId, ExternalClaim, ImplicitArgument, OrphanArgument, Span, SpanId,
};
use crate::model::entity::EntityId;
use crate::model::review::{Provenance, SpanOrigin};
use crate::model::value::{SpanValue, ValueSource};
use crate::storage::locate::Step;

use super::check::Checker;
use super::wire::{ClaimFile, SpanFile, ValueSourceFile, agent, review_status};

impl Checker<'_> {
    /// A span's own fields; the caller checks it against its document.
    pub(super) fn span(&mut self, path: &[Step<'static>], span: SpanFile) -> Option<Span> {
        let label = self.name(path, &span.label)?;
        if span.start > span.end {
            self.problem(
                path,
                format!(
                    "span {} starts at {} after its end {}",
                    span.id, span.start, span.end
                ),
            );
            return None;
        }
        let origin = match span.origin {
            Some(origin) => Some(SpanOrigin {
                agent: agent(origin.agent),
                confidence: self.confidence(path, origin.confidence),
            }),
            None => None,
        };
        Some(Span {
            id: SpanId(span.id),
            range: CharRange::from_offsets(span.start, span.end),
            label,
            note: span.note,
            status: review_status(span.status),
            origin,
            value: span.value.map(|v| SpanValue {
                value: v.value,
                source: match v.source {
                    ValueSourceFile::Hand => ValueSource::Hand,
                    ValueSourceFile::Normalizer => ValueSource::Normalizer,
                    ValueSourceFile::Imported => ValueSource::Imported,
                },
            }),
            entity: span.entity.map(EntityId),
        })
    }

    /// A claim's own fields; the caller checks it against its document.
    pub(super) fn claim(&mut self, path: &[Step<'static>], claim: ClaimFile) -> Option<Claim> {
        let claim_type = self.name(path, &claim.claim_type)?;
        let arguments: Option<Vec<Argument>> = claim
            .args
            .iter()
            .map(|arg| {
                Some(Argument {
                    role: self.name(path, &arg.role)?,
                    span: SpanId(arg.span),
                })
            })
            .collect();
        let arguments = arguments?;
        let provenance = match claim.provenance {
            Some(file) => {
                let created = self.timestamp(path, &file.created);
                let reviewed = match &file.reviewed {
                    Some(raw) => self.timestamp(path, raw),
                    None => None,
                };
                created.map(|created| Provenance {
                    creator: agent(file.creator),
                    created,
                    reviewer: file.reviewer.map(agent),
                    reviewed,
                    bulk_review: file.bulk_review,
                })
            }
            None => None,
        };
        let confidence = self.confidence(path, claim.confidence);
        let mut implicit = Vec::with_capacity(claim.implicit.len());
        for argument in claim.implicit {
            if let Some(role) = self.name(path, &argument.role) {
                implicit.push(ImplicitArgument {
                    role,
                    value: argument.value,
                });
            }
        }
        let mut orphans = Vec::with_capacity(claim.orphans.len());
        for orphan in claim.orphans {
            if let Some(role) = self.name(path, &orphan.role) {
                orphans.push(OrphanArgument {
                    role,
                    exact: orphan.exact,
                    start: orphan.start,
                    end: orphan.end,
                    prefix: orphan.prefix,
                    suffix: orphan.suffix,
                    value: orphan.value,
                    reason: orphan.reason,
                });
            }
        }
        Some(Claim {
            id: ClaimId(claim.id),
            claim_type,
            arguments,
            note: claim.note,
            status: review_status(claim.status),
            provenance,
            confidence,
            implicit,
            orphans,
            external: claim.external.map(|e| ExternalClaim {
                run: e.run,
                resembles: e.resembles.map(ClaimId),
                absent_from: e.absent_from,
                ..ExternalClaim::new(e.id, e.original)
            }),
        })
    }
}
