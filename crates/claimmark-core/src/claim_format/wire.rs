//! The serde types of one `claim/v1` line, kept apart from the model.
//!
//! Every object keeps the fields it does not know in `unknown`, so a claim
//! that is imported and exported again carries them through. Fields the
//! format requires but allows to be null (`trigger`, `anchor`, `confidence`,
//! `number`) are required here too: a missing one is an error, as in the
//! JSON Schema (`assets/claim-v1.schema.json`).

use std::borrow::Cow;

use serde::{Deserialize, Deserializer, Serialize};
use serde_json::{Map, Value as Json};

/// Reads an `Option` whose key must be present (its value may be null).
fn required<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(deserializer)
}

/// One line. Its strings borrow where they can (`'a`): an export writes
/// them straight from the project without copying each one, which keeps
/// an export of 100,000 claims from spending its time in the allocator
/// (docs/benchmarks.md). Lines that are read own theirs (`'static`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WireClaim<'a> {
    pub schema: Cow<'a, str>,
    pub id: Cow<'a, str>,
    pub doc: WireDoc<'a>,
    #[serde(rename = "type")]
    pub claim_type: Cow<'a, str>,
    #[serde(deserialize_with = "required")]
    pub trigger: Option<WireAnchor<'a>>,
    pub args: Vec<WireArg<'a>>,
    pub status: WireStatus,
    #[serde(deserialize_with = "required")]
    pub confidence: Option<f64>,
    pub provenance: WireProvenance,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Cow<'a, str>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ext: Option<Map<String, Json>>,
    #[serde(flatten)]
    pub unknown: Map<String, Json>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WireDoc<'a> {
    pub id: Cow<'a, str>,
    pub text_sha256: Cow<'a, str>,
    pub text_length: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<Cow<'a, str>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Cow<'a, str>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<Cow<'a, str>>,
    #[serde(flatten)]
    pub unknown: Map<String, Json>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WireAnchor<'a> {
    pub start: u64,
    pub end: u64,
    pub exact: Cow<'a, str>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prefix: Option<Cow<'a, str>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suffix: Option<Cow<'a, str>>,
    #[serde(flatten)]
    pub unknown: Map<String, Json>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WireArg<'a> {
    pub role: Cow<'a, str>,
    #[serde(deserialize_with = "required")]
    pub anchor: Option<WireAnchor<'a>>,
    pub value: WireValue,
    #[serde(flatten)]
    pub unknown: Map<String, Json>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WireStatus {
    Proposed,
    Accepted,
    Corrected,
    Rejected,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WireProvenance {
    pub creator: WireAgent,
    pub created: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reviewer: Option<WireAgent>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reviewed: Option<String>,
    #[serde(flatten)]
    pub unknown: Map<String, Json>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WireAgent {
    pub kind: WireAgentKind,
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    #[serde(flatten)]
    pub unknown: Map<String, Json>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WireAgentKind {
    Person,
    Software,
}

/// A value, tagged by `kind`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum WireValue {
    Person {
        name: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        entity_id: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        aliases: Option<Vec<String>>,
        #[serde(flatten)]
        unknown: Map<String, Json>,
    },
    Organization {
        name: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        entity_id: Option<String>,
        #[serde(flatten)]
        unknown: Map<String, Json>,
    },
    Place {
        name: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        entity_id: Option<String>,
        #[serde(flatten)]
        unknown: Map<String, Json>,
    },
    /// `granularity`, `mod` and `anchoring` are kept as written, so that a
    /// reader can say which word it does not know, and where.
    Date {
        value: String,
        granularity: Cow<'static, str>,
        #[serde(rename = "mod", default, skip_serializing_if = "Option::is_none")]
        modifier: Option<Cow<'static, str>>,
        anchoring: Cow<'static, str>,
        #[serde(flatten)]
        unknown: Map<String, Json>,
    },
    Count {
        #[serde(deserialize_with = "required")]
        number: Option<u64>,
        /// Kept as written, like the words of a date.
        #[serde(rename = "mod")]
        modifier: Cow<'static, str>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        lower: Option<u64>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        upper: Option<u64>,
        #[serde(flatten)]
        unknown: Map<String, Json>,
    },
    Duration {
        value: String,
        #[serde(flatten)]
        unknown: Map<String, Json>,
    },
    Event {
        name: String,
        #[serde(flatten)]
        unknown: Map<String, Json>,
    },
    Text {
        text: String,
        #[serde(flatten)]
        unknown: Map<String, Json>,
    },
}

impl WireValue {
    pub fn kind(&self) -> &'static str {
        match self {
            Self::Person { .. } => "person",
            Self::Organization { .. } => "organization",
            Self::Place { .. } => "place",
            Self::Date { .. } => "date",
            Self::Count { .. } => "count",
            Self::Duration { .. } => "duration",
            Self::Event { .. } => "event",
            Self::Text { .. } => "text",
        }
    }

    pub fn unknown_mut(&mut self) -> &mut Map<String, Json> {
        match self {
            Self::Person { unknown, .. }
            | Self::Organization { unknown, .. }
            | Self::Place { unknown, .. }
            | Self::Date { unknown, .. }
            | Self::Count { unknown, .. }
            | Self::Duration { unknown, .. }
            | Self::Event { unknown, .. }
            | Self::Text { unknown, .. } => unknown,
        }
    }
}

/// Only the `schema` field, to name an unknown version when a line does not
/// parse as `claim/v1`.
#[derive(Deserialize)]
pub struct SchemaOnly {
    pub schema: String,
}

/// A line of `--spans` output: one span. Written in full; when read, only
/// `schema`, `doc`, `start`, `end` and `label` must be there.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WireSpan {
    pub schema: String,
    #[serde(default)]
    pub id: String,
    pub doc: String,
    pub start: usize,
    pub end: usize,
    #[serde(default)]
    pub exact: String,
    pub label: String,
    #[serde(default)]
    pub value: Option<WireValue>,
    #[serde(default)]
    pub status: Option<WireStatus>,
    #[serde(default)]
    pub origin: Option<WireOrigin>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WireOrigin {
    pub agent: WireAgent,
    pub confidence: Option<f64>,
}

/// An argument that could not be re-attached, as exports keep it under
/// `ext.claimmark.orphans` (its offsets do not fit the text, so it cannot be
/// a valid anchor).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WireOrphan {
    pub role: String,
    pub start: u64,
    pub end: u64,
    pub exact: String,
    #[serde(default)]
    pub prefix: String,
    #[serde(default)]
    pub suffix: String,
    #[serde(default)]
    pub value: Option<WireValue>,
    pub reason: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    const LINE: &str = r#"{"schema":"claim/v1","id":"c1","doc":{"id":"d","text_sha256":"ab","text_length":9,"lang":"en"},"type":"release","trigger":{"start":0,"end":5,"exact":"freed","hint":1},"args":[{"role":"count","anchor":null,"value":{"kind":"count","number":3,"mod":"exact","unit":"people"},"score":0.5}],"status":"proposed","confidence":0.9,"provenance":{"creator":{"kind":"software","id":"x","version":"1","host":"h"},"created":"2026-11-22T10:00:00Z","run":7},"ext":{"a":[1]},"extra":"kept"}"#;

    #[test]
    fn unknown_fields_are_kept_at_every_level() {
        let claim: WireClaim = serde_json::from_str(LINE).unwrap();
        assert_eq!(claim.unknown.get("extra"), Some(&Json::from("kept")));
        assert_eq!(claim.doc.unknown.get("lang"), Some(&Json::from("en")));
        assert_eq!(
            claim.trigger.as_ref().unwrap().unknown.get("hint"),
            Some(&Json::from(1))
        );
        assert_eq!(claim.args[0].unknown.get("score"), Some(&Json::from(0.5)));
        let mut value = claim.args[0].value.clone();
        assert_eq!(value.unknown_mut().get("unit"), Some(&Json::from("people")));
        assert!(!value.unknown_mut().contains_key("kind"));
        assert_eq!(claim.provenance.unknown.get("run"), Some(&Json::from(7)));
        assert_eq!(
            claim.provenance.creator.unknown.get("host"),
            Some(&Json::from("h"))
        );
        let again: WireClaim =
            serde_json::from_str(&serde_json::to_string(&claim).unwrap()).unwrap();
        assert_eq!(again, claim);
    }

    #[test]
    fn nullable_fields_must_be_present() {
        let without_trigger = LINE.replace(
            r#""trigger":{"start":0,"end":5,"exact":"freed","hint":1},"#,
            "",
        );
        let error = serde_json::from_str::<WireClaim>(&without_trigger).unwrap_err();
        assert!(
            error.to_string().contains("missing field `trigger`"),
            "{error}"
        );
        let without_number = LINE.replace(r#""number":3,"#, "");
        let error = serde_json::from_str::<WireClaim>(&without_number).unwrap_err();
        assert!(
            error.to_string().contains("missing field `number`"),
            "{error}"
        );
    }
}
