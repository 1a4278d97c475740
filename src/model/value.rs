//! Normalised values of spans and claim arguments.
//!
//! These mirror the `value` object of `claim/v1` (see docs/claim-format.md)
//! but belong to the model: the claim format has its own wire types and
//! converts at its boundary.

use serde::{Deserialize, Serialize};

/// What a span or argument means, beyond its exact text.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Value {
    Person {
        name: String,
        entity_id: Option<String>,
    },
    Organization {
        name: String,
        entity_id: Option<String>,
    },
    Place {
        name: String,
        entity_id: Option<String>,
    },
    Date(DateValue),
    Count(CountValue),
    /// An ISO 8601 duration such as `P6Y`.
    Duration {
        value: String,
    },
    /// A normalised event word: "freed" becomes `release`.
    Event {
        name: String,
    },
    Text {
        text: String,
    },
}

/// A calendar date at year, month or day precision.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct DateValue {
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, as many parts as `granularity` says.
    pub value: String,
    pub granularity: Granularity,
    pub modifier: Option<DateModifier>,
    pub anchoring: Anchoring,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Granularity {
    Year,
    Month,
    Day,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum DateModifier {
    Before,
    After,
    Approx,
    Start,
    Mid,
    End,
}

/// Whether a date stands on its own or was resolved against the document's
/// publication date ("Thursday", "last week").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Anchoring {
    Absolute,
    Published,
}

/// A number of things, exact or not.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct CountValue {
    /// The number the text names; `None` for vague amounts ("thousands").
    pub number: Option<u64>,
    pub modifier: CountModifier,
    /// Inclusive bounds, where the text implies them.
    pub lower: Option<u64>,
    pub upper: Option<u64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CountModifier {
    Exact,
    Approx,
    MoreThan,
    AtLeast,
    LessThan,
    AtMost,
    Range,
    Vague,
}

/// A span's normalised value and who set it. A value set by hand is never
/// replaced by re-normalisation.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SpanValue {
    pub value: Value,
    pub source: ValueSource,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ValueSource {
    /// Typed or corrected by the analyst.
    Hand,
    /// Computed by claimmark's normaliser.
    Normalizer,
    /// Came with an imported claim.
    Imported,
}
