//! Builders of annotations for the scoring tests.

use super::annotations::{ArgAnn, ClaimAnn, SpanAnn};
use crate::model::CharRange;

/// A span without text or value.
pub fn span(start: usize, end: usize, label: &str) -> SpanAnn {
    SpanAnn {
        range: CharRange::from_offsets(start, end),
        label: label.to_owned(),
        text: String::new(),
        value: None,
    }
}

/// A claim whose arguments `(role, canonical value)` are anchored (claims
/// align through anchored arguments), each elsewhere.
pub fn claim(ty: &str, args: &[(&str, &str)]) -> ClaimAnn {
    ClaimAnn {
        id: String::new(),
        claim_type: ty.to_owned(),
        args: args
            .iter()
            .enumerate()
            .map(|(i, (role, value))| ArgAnn {
                role: (*role).to_owned(),
                anchor: Some(CharRange::from_offsets(100 * i, 100 * i + 5)),
                text: String::new(),
                value: (*value).to_owned(),
            })
            .collect(),
    }
}
