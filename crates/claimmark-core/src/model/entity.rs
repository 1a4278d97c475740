//! The project's registry of entities (people, organizations, places): one
//! canonical name and its aliases, linked from spans across documents.

use std::fmt;

use super::schema::ValueKind;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct EntityId(pub u32);

impl fmt::Display for EntityId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "e{}", self.0)
    }
}

impl EntityId {
    /// Parses `e12`.
    pub fn parse(raw: &str) -> Option<Self> {
        raw.strip_prefix('e')?.parse().ok().map(Self)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Entity {
    pub id: EntityId,
    /// Person, organization or place.
    pub kind: ValueKind,
    /// The canonical name exports use.
    pub name: String,
    /// Other spellings met in the documents.
    pub aliases: Vec<String>,
}
