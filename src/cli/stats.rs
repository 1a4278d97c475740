//! `claimmark stats PROJECT`: how many spans and claims a project has, by
//! label, claim type, status and document.

use std::collections::BTreeMap;
use std::fmt;

use serde::Serialize;

use claimmark_core::model::Project;
use claimmark_core::model::ReviewStatus;
use claimmark_core::review::calibration;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Stats {
    pub documents: usize,
    pub spans: usize,
    pub claims: usize,
    /// Every label of the schema, used or not.
    pub spans_by_label: BTreeMap<String, usize>,
    /// Every claim type of the schema, used or not.
    pub claims_by_type: BTreeMap<String, usize>,
    pub spans_by_status: BTreeMap<&'static str, usize>,
    pub claims_by_status: BTreeMap<&'static str, usize>,
    /// Arguments not re-attached on import, over all claims.
    pub orphans: usize,
    /// Documents in project order.
    pub by_document: Vec<DocumentStats>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DocumentStats {
    pub id: String,
    pub spans: usize,
    pub claims: usize,
    pub orphans: usize,
}

impl Stats {
    pub fn of(project: &Project) -> Self {
        let zero_by_status = || -> BTreeMap<&'static str, usize> {
            ReviewStatus::ALL.iter().map(|s| (s.as_str(), 0)).collect()
        };
        let mut stats = Self {
            documents: project.documents.len(),
            spans: project.span_count(),
            claims: project.claim_count(),
            spans_by_label: project
                .schema
                .labels
                .iter()
                .map(|label| (label.name.to_string(), 0))
                .collect(),
            claims_by_type: project
                .schema
                .claim_types
                .iter()
                .map(|ty| (ty.name.to_string(), 0))
                .collect(),
            spans_by_status: zero_by_status(),
            claims_by_status: zero_by_status(),
            orphans: 0,
            by_document: Vec::with_capacity(project.documents.len()),
        };
        for doc in &project.documents {
            for span in doc.spans() {
                *stats
                    .spans_by_label
                    .entry(span.label.to_string())
                    .or_default() += 1;
                *stats
                    .spans_by_status
                    .entry(span.status.as_str())
                    .or_default() += 1;
            }
            let mut orphans = 0;
            for claim in doc.claims() {
                *stats
                    .claims_by_type
                    .entry(claim.claim_type.to_string())
                    .or_default() += 1;
                *stats
                    .claims_by_status
                    .entry(claim.status.as_str())
                    .or_default() += 1;
                orphans += claim.orphans.len();
            }
            stats.orphans += orphans;
            stats.by_document.push(DocumentStats {
                id: doc.id.to_string(),
                spans: doc.spans().len(),
                claims: doc.claims().len(),
                orphans,
            });
        }
        stats
    }
}

impl fmt::Display for Stats {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{} document(s), {} span(s), {} claim(s), {} orphan argument(s)",
            self.documents, self.spans, self.claims, self.orphans
        )?;
        let table = |f: &mut fmt::Formatter<'_>,
                     title: &str,
                     rows: &mut dyn Iterator<Item = (&str, usize)>| {
            writeln!(f, "\n{title}")?;
            for (name, count) in rows {
                writeln!(f, "  {name:<24} {count:>8}")?;
            }
            Ok(())
        };
        table(
            f,
            "spans by label",
            &mut self.spans_by_label.iter().map(|(k, v)| (k.as_str(), *v)),
        )?;
        table(
            f,
            "spans by status",
            &mut self.spans_by_status.iter().map(|(k, v)| (*k, *v)),
        )?;
        table(
            f,
            "claims by type",
            &mut self.claims_by_type.iter().map(|(k, v)| (k.as_str(), *v)),
        )?;
        table(
            f,
            "claims by status",
            &mut self.claims_by_status.iter().map(|(k, v)| (*k, *v)),
        )?;
        writeln!(
            f,
            "\n{:<26} {:>8} {:>8} {:>8}",
            "document", "spans", "claims", "orphans"
        )?;
        for doc in &self.by_document {
            writeln!(
                f,
                "  {:<24} {:>8} {:>8} {:>8}",
                doc.id, doc.spans, doc.claims, doc.orphans
            )?;
        }
        Ok(())
    }
}

/// `stats --review`: each extractor's calibration, by claim type and
/// confidence bucket, over the claims reviewed so far.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReviewStats {
    pub calibration: Vec<CalibrationStats>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CalibrationStats {
    pub agent: String,
    #[serde(rename = "type")]
    pub claim_type: String,
    pub buckets: Vec<BucketStats>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BucketStats {
    pub from: f64,
    pub to: f64,
    pub reviewed: usize,
    pub kept: usize,
    /// Kept / reviewed; `null` when nothing was reviewed.
    pub rate: Option<f64>,
}

impl ReviewStats {
    pub fn of(project: &Project) -> Self {
        let calibration = calibration::calibrate(project)
            .into_iter()
            .map(|found| CalibrationStats {
                agent: found.agent,
                claim_type: found.claim_type.to_string(),
                buckets: found
                    .buckets
                    .iter()
                    .enumerate()
                    .map(|(index, bucket)| {
                        let (from, to) = calibration::bounds(index);
                        BucketStats {
                            from,
                            to,
                            reviewed: bucket.reviewed,
                            kept: bucket.kept,
                            rate: bucket.rate(),
                        }
                    })
                    .collect(),
            })
            .collect();
        Self { calibration }
    }
}

impl fmt::Display for ReviewStats {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.calibration.is_empty() {
            return writeln!(
                f,
                "no reviewed claims with an extractor's confidence yet: nothing to calibrate"
            );
        }
        for found in &self.calibration {
            writeln!(
                f,
                "{} · {}: kept / reviewed by confidence",
                found.agent, found.claim_type
            )?;
            for bucket in found.buckets.iter().filter(|b| b.reviewed > 0) {
                let rate = bucket.rate.unwrap_or(0.0) * 100.0;
                writeln!(
                    f,
                    "  {:.1}-{:.1}  {:>6} / {:<6} {rate:>5.1} %",
                    bucket.from, bucket.to, bucket.kept, bucket.reviewed
                )?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use claimmark_core::model::notation;

    #[test]
    fn counts_every_label_type_and_status() {
        let mut project = Project::default();
        project.documents.push(
            notation::document("a", "[person|Ales] was [event|freed] in [date|2022].").unwrap(),
        );
        let stats = Stats::of(&project);
        assert_eq!((stats.documents, stats.spans, stats.claims), (1, 3, 0));
        assert_eq!(stats.spans_by_label["person"], 1);
        assert_eq!(stats.spans_by_label["place"], 0);
        assert_eq!(stats.claims_by_type["release"], 0);
        assert_eq!(stats.spans_by_status["accepted"], 3);
        assert_eq!(stats.by_document[0].spans, 3);
        let text = stats.to_string();
        assert!(
            text.starts_with("1 document(s), 3 span(s), 0 claim(s)"),
            "{text}"
        );
        assert!(text.contains("person"), "{text}");
    }
}
