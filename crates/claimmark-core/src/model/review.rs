//! Who made an annotation and where it stands in review: the status and
//! provenance that `claim/v1` carries, kept on spans and claims.

use std::fmt;

/// Where a span or claim stands in review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, PartialOrd, Ord)]
pub enum ReviewStatus {
    /// Made by a machine, not yet reviewed.
    Proposed,
    /// Made or accepted by a person.
    #[default]
    Accepted,
    /// Accepted after a person changed it.
    Corrected,
    Rejected,
}

impl ReviewStatus {
    pub const ALL: [Self; 4] = [
        Self::Proposed,
        Self::Accepted,
        Self::Corrected,
        Self::Rejected,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Proposed => "proposed",
            Self::Accepted => "accepted",
            Self::Corrected => "corrected",
            Self::Rejected => "rejected",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|status| status.as_str() == raw)
    }

    /// Reviewed and kept: what datasets export.
    pub fn is_kept(self) -> bool {
        matches!(self, Self::Accepted | Self::Corrected)
    }
}

impl fmt::Display for ReviewStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AgentKind {
    Person,
    Software,
}

impl AgentKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Person => "person",
            Self::Software => "software",
        }
    }
}

/// A person or a program that made or reviewed something.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Agent {
    pub kind: AgentKind,
    pub id: String,
    pub version: Option<String>,
}

impl Agent {
    pub fn person(id: impl Into<String>) -> Self {
        Self {
            kind: AgentKind::Person,
            id: id.into(),
            version: None,
        }
    }

    pub fn software(id: impl Into<String>, version: Option<String>) -> Self {
        Self {
            kind: AgentKind::Software,
            id: id.into(),
            version,
        }
    }
}

/// A moment, as RFC 3339 text (`2026-11-22T10:00:00Z`), checked where it
/// enters the model.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Timestamp(String);

impl Timestamp {
    pub fn parse(raw: &str) -> Option<Self> {
        time::OffsetDateTime::parse(raw, &time::format_description::well_known::Rfc3339)
            .ok()
            .map(|_| Self(raw.to_owned()))
    }

    /// Now, in UTC, to the second.
    pub fn now() -> Self {
        let now = time::OffsetDateTime::now_utc()
            .replace_nanosecond(0)
            .unwrap_or(time::OffsetDateTime::UNIX_EPOCH);
        Self(
            now.format(&time::format_description::well_known::Rfc3339)
                .unwrap_or_else(|_| "1970-01-01T00:00:00Z".to_owned()),
        )
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Who made a claim and when; who reviewed it and when.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Provenance {
    pub creator: Agent,
    pub created: Timestamp,
    pub reviewer: Option<Agent>,
    pub reviewed: Option<Timestamp>,
    /// The review was one bulk decision over many claims (the queue's
    /// "Accept all shown", `claimmark review`), not a look at this one.
    pub bulk_review: bool,
}

/// An extractor's score in `[0, 1]`.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
pub struct Confidence(f64);

// Never NaN (checked in `new`), so equality is total.
impl Eq for Confidence {}

impl std::hash::Hash for Confidence {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.0.to_bits().hash(state);
    }
}

impl Confidence {
    pub fn new(value: f64) -> Option<Self> {
        (0.0..=1.0).contains(&value).then_some(Self(value))
    }

    pub fn get(self) -> f64 {
        self.0
    }
}

/// Where a span came from when a person did not make it here.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SpanOrigin {
    pub agent: Agent,
    pub confidence: Option<Confidence>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_parse_and_print() {
        for status in ReviewStatus::ALL {
            assert_eq!(ReviewStatus::parse(status.as_str()), Some(status));
        }
        assert_eq!(ReviewStatus::parse("approved"), None);
        assert!(ReviewStatus::Corrected.is_kept());
        assert!(!ReviewStatus::Proposed.is_kept());
    }

    #[test]
    fn timestamps_are_rfc3339() {
        assert!(Timestamp::parse("2026-11-22T10:00:00Z").is_some());
        assert!(Timestamp::parse("2026-11-22T10:00:00+02:00").is_some());
        assert!(Timestamp::parse("22/11/2026").is_none());
        assert!(Timestamp::parse(Timestamp::now().as_str()).is_some());
    }

    #[test]
    fn confidence_is_between_zero_and_one() {
        assert!(Confidence::new(0.5).is_some());
        assert!(Confidence::new(1.5).is_none());
        assert!(Confidence::new(f64::NAN).is_none());
    }
}
