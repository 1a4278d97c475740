//! Calibration: for each extractor and claim type, how often the claims
//! it proposed were kept (accepted or corrected) by confidence bucket, over
//! the claims reviewed so far, so an extractor's author sees where its
//! confidence lies.

use std::collections::BTreeMap;

use crate::model::{AgentKind, Name, Project, ReviewStatus};

/// Buckets of width 0.1: `[0, 0.1)`, …, `[0.9, 1.0]`.
pub const BUCKETS: usize = 10;

/// Reviewed claims in one confidence bucket.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Bucket {
    /// Accepted, corrected or rejected.
    pub reviewed: usize,
    /// Accepted or corrected.
    pub kept: usize,
}

impl Bucket {
    /// The share kept, when anything was reviewed.
    #[allow(clippy::cast_precision_loss)] // counts far below 2^52
    pub fn rate(self) -> Option<f64> {
        (self.reviewed > 0).then(|| self.kept as f64 / self.reviewed as f64)
    }
}

/// One extractor's claims of one type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Calibration {
    pub agent: String,
    pub claim_type: Name,
    pub buckets: [Bucket; BUCKETS],
}

impl Calibration {
    /// Claims reviewed over all buckets.
    pub fn reviewed(&self) -> usize {
        self.buckets.iter().map(|b| b.reviewed).sum()
    }

    /// "x · release", as lists and headings name it.
    pub fn title(&self) -> String {
        format!("{} · {}", self.agent, self.claim_type)
    }
}

/// Bucket `index` as text: "0.3-0.4".
pub fn bucket_label(index: usize) -> String {
    let (from, to) = bounds(index);
    format!("{from:.1}-{to:.1}")
}

/// The bucket a confidence falls in (1.0 in the last).
#[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // 0..=10 by construction
pub fn bucket_of(confidence: f64) -> usize {
    ((confidence * BUCKETS as f64).floor() as usize).min(BUCKETS - 1)
}

/// The lower and upper bound of bucket `index`.
#[allow(clippy::cast_precision_loss)]
pub fn bounds(index: usize) -> (f64, f64) {
    (index as f64 / 10.0, (index + 1) as f64 / 10.0)
}

/// Every (agent, claim type) with at least one reviewed claim that carries
/// a confidence, ordered by agent then type. Claims made by people, still
/// proposed, or without a confidence do not count.
pub fn calibrate(project: &Project) -> Vec<Calibration> {
    let mut found: BTreeMap<(String, Name), [Bucket; BUCKETS]> = BTreeMap::new();
    for claim in project
        .documents
        .iter()
        .flat_map(crate::model::Document::claims)
    {
        let Some(agent) = claim
            .provenance
            .as_ref()
            .map(|p| &p.creator)
            .filter(|a| a.kind == AgentKind::Software)
        else {
            continue;
        };
        let Some(confidence) = claim.confidence else {
            continue;
        };
        if claim.status == ReviewStatus::Proposed {
            continue;
        }
        let buckets = found
            .entry((agent.id.clone(), claim.claim_type.clone()))
            .or_default();
        let bucket = &mut buckets[bucket_of(confidence.get())];
        bucket.reviewed += 1;
        if claim.status.is_kept() {
            bucket.kept += 1;
        }
    }
    found
        .into_iter()
        .map(|((agent, claim_type), buckets)| Calibration {
            agent,
            claim_type,
            buckets,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Agent, Claim, ClaimId, Confidence, Provenance, Timestamp, notation};

    fn claim(id: u32, agent: &Agent, confidence: f64, status: ReviewStatus) -> Claim {
        Claim {
            status,
            confidence: Confidence::new(confidence),
            provenance: Some(Provenance {
                creator: agent.clone(),
                created: Timestamp::parse("2026-12-01T00:00:00Z").unwrap(),
                reviewer: None,
                reviewed: None,
                bulk_review: false,
            }),
            ..Claim::new(ClaimId(id), Name::parse("release").unwrap())
        }
    }

    #[test]
    fn kept_share_by_bucket_on_a_hand_computed_case() {
        let (x, person) = (Agent::software("x", None), Agent::person("ann"));
        let mut doc = notation::document("d", "Text.").unwrap();
        let cases = [
            (0.05, ReviewStatus::Rejected),
            (0.09, ReviewStatus::Accepted),
            (0.10, ReviewStatus::Rejected), // bucket 1, not 0
            (0.95, ReviewStatus::Accepted),
            (1.0, ReviewStatus::Corrected), // the last bucket holds 1.0
            (0.97, ReviewStatus::Rejected),
            (0.5, ReviewStatus::Proposed), // not reviewed: no count
        ];
        for (n, (confidence, status)) in cases.into_iter().enumerate() {
            doc.insert_claim(claim(n as u32 + 1, &x, confidence, status));
        }
        doc.insert_claim(claim(99, &person, 0.9, ReviewStatus::Accepted));
        let mut project = Project::default();
        project.documents.push(doc);
        let found = calibrate(&project);
        assert_eq!(found.len(), 1, "people's claims are not calibrated");
        let buckets = found[0].buckets;
        assert_eq!(
            buckets[0],
            Bucket {
                reviewed: 2,
                kept: 1
            }
        );
        assert_eq!(
            buckets[1],
            Bucket {
                reviewed: 1,
                kept: 0
            }
        );
        assert_eq!(
            buckets[9],
            Bucket {
                reviewed: 3,
                kept: 2
            }
        );
        assert_eq!(buckets[5], Bucket::default());
        assert_eq!(buckets[9].rate(), Some(2.0 / 3.0));
        assert_eq!(buckets[5].rate(), None);
        assert_eq!(bounds(9), (0.9, 1.0));
        assert_eq!(bucket_label(0), "0.0-0.1");
        assert_eq!(found[0].reviewed(), 6);
        assert_eq!(found[0].title(), "x · release");
    }
}
