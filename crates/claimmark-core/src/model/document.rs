//! Documents and what is annotated on them: spans and claims.

use std::fmt;

use super::entity::EntityId;
use super::review::{Confidence, Provenance, ReviewStatus, SpanOrigin};
use super::schema::Name;
use super::text::{CanonicalText, CharRange};
use super::value::{SpanValue, Value};

/// A document's identifier: unique in the project, safe as a file name
/// (lowercase letters, digits, `-`, `_`, `.`), so fixtures can be written as
/// `<doc-id>.txt`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DocId(String);

impl DocId {
    pub fn parse(raw: &str) -> Result<Self, String> {
        if raw.is_empty() || raw.len() > 120 {
            return Err("a document id must have 1 to 120 characters".to_owned());
        }
        if raw.starts_with('.') {
            return Err(format!("document id “{raw}” must not start with “.”"));
        }
        if let Some(bad) = raw.chars().find(|&c| {
            !(c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '-' | '_' | '.'))
        }) {
            return Err(format!(
                "document id “{raw}” has “{bad}”; use lowercase letters, digits, “-”, “_” and “.”"
            ));
        }
        Ok(Self(raw.to_owned()))
    }

    /// An id made from a file name or title ("Kuznechyk Release.txt" →
    /// `kuznechyk-release`), unique among `taken`.
    pub fn from_stem(stem: &str, taken: impl Fn(&DocId) -> bool) -> Self {
        let mut slug = String::new();
        for c in stem.chars() {
            if c.is_ascii_alphanumeric() {
                slug.push(c.to_ascii_lowercase());
            } else if !slug.is_empty() && !slug.ends_with('-') {
                slug.push('-');
            }
        }
        let mut slug: String = slug.trim_end_matches('-').chars().take(100).collect();
        if slug.is_empty() {
            slug.push_str("document");
        }
        let mut candidate = Self(slug.clone());
        let mut n = 2;
        while taken(&candidate) {
            candidate = Self(format!("{slug}-{n}"));
            n += 1;
        }
        candidate
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for DocId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// How far the analyst has got with a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum DocStatus {
    #[default]
    Todo,
    InProgress,
    Done,
}

impl DocStatus {
    pub const ALL: [Self; 3] = [Self::Todo, Self::InProgress, Self::Done];

    pub fn label(self) -> &'static str {
        match self {
            Self::Todo => "to do",
            Self::InProgress => "in progress",
            Self::Done => "done",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SpanId(pub u32);

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ClaimId(pub u32);

impl fmt::Display for SpanId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "s{}", self.0)
    }
}

impl fmt::Display for ClaimId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "c{}", self.0)
    }
}

/// A labelled stretch of a document's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub id: SpanId,
    pub range: CharRange,
    pub label: Name,
    pub note: String,
    pub status: ReviewStatus,
    /// The program that proposed it; `None` when a person made it here.
    pub origin: Option<SpanOrigin>,
    /// What it means: a date, a count, a name…
    pub value: Option<SpanValue>,
    /// The registry entity a person, organization or place span refers to.
    pub entity: Option<EntityId>,
}

impl Span {
    /// A span made by hand: accepted, no value yet.
    pub fn new(id: SpanId, range: CharRange, label: Name) -> Self {
        Self {
            id,
            range,
            label,
            note: String::new(),
            status: ReviewStatus::Accepted,
            origin: None,
            value: None,
            entity: None,
        }
    }
}

/// A role filled by a span.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Argument {
    pub role: Name,
    pub span: SpanId,
}

impl Argument {
    pub fn new(role: Name, span: SpanId) -> Self {
        Self { role, span }
    }
}

/// A role filled by a value the text does not state (the country in an
/// article about Belarus): `claim/v1`'s argument with a null anchor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImplicitArgument {
    pub role: Name,
    pub value: Value,
}

/// An imported argument whose text could not be found in the document. It
/// stays on the claim, with what the claims file said, until the analyst
/// deals with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrphanArgument {
    pub role: Name,
    pub exact: String,
    pub start: usize,
    pub end: usize,
    pub prefix: String,
    pub suffix: String,
    pub value: Option<Value>,
    /// Why re-attaching failed.
    pub reason: String,
}

/// An imported claim's identity in its claims file, kept so that exports
/// give it the same id and carry its unknown fields and `ext` unchanged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExternalClaim {
    pub id: String,
    /// The claim's JSON line as imported.
    pub original: String,
    /// The import (numbered per project, from 1) that brought it, when a
    /// program made it: an extractor run.
    pub run: Option<u32>,
    /// A claim of the same document it resembles (same type and trigger,
    /// other arguments): the version an earlier run of the same extractor
    /// gave, or a near-duplicate from someone else.
    pub resembles: Option<ClaimId>,
    /// The later run of the same extractor that no longer gave this claim
    /// as it is (it disappeared, or came back changed).
    pub absent_from: Option<u32>,
}

impl ExternalClaim {
    /// An imported claim's identity, outside any extractor run.
    pub fn new(id: String, original: String) -> Self {
        Self {
            id,
            original,
            run: None,
            resembles: None,
            absent_from: None,
        }
    }
}

/// A statement the article makes, of a type from the schema, whose roles
/// are filled by spans.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claim {
    pub id: ClaimId,
    pub claim_type: Name,
    pub arguments: Vec<Argument>,
    pub note: String,
    pub status: ReviewStatus,
    pub provenance: Option<Provenance>,
    pub confidence: Option<Confidence>,
    pub implicit: Vec<ImplicitArgument>,
    pub orphans: Vec<OrphanArgument>,
    pub external: Option<ExternalClaim>,
}

impl Claim {
    /// A claim made by hand, accepted, with no arguments yet.
    pub fn new(id: ClaimId, claim_type: Name) -> Self {
        Self {
            id,
            claim_type,
            arguments: Vec::new(),
            note: String::new(),
            status: ReviewStatus::Accepted,
            provenance: None,
            confidence: None,
            implicit: Vec::new(),
            orphans: Vec::new(),
            external: None,
        }
    }

    pub fn uses_span(&self, span: SpanId) -> bool {
        self.arguments.iter().any(|argument| argument.span == span)
    }

    pub fn spans_in_role<'a>(&'a self, role: &'a Name) -> impl Iterator<Item = SpanId> + 'a {
        self.arguments
            .iter()
            .filter(move |argument| &argument.role == role)
            .map(|argument| argument.span)
    }
}

/// An article and its annotations. Spans and claims are kept sorted by id,
/// which is also the order they were made in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    pub id: DocId,
    pub title: String,
    /// Where the article came from: a URL or a file name.
    pub source: String,
    pub published: Option<time::Date>,
    pub status: DocStatus,
    /// The analyst's (or another tool's) note on the whole article: a
    /// classification, a summary.
    pub note: String,
    pub text: CanonicalText,
    spans: Vec<Span>,
    claims: Vec<Claim>,
}

impl Document {
    pub fn new(id: DocId, title: String, text: CanonicalText) -> Self {
        Self {
            id,
            title,
            source: String::new(),
            published: None,
            status: DocStatus::Todo,
            note: String::new(),
            text,
            spans: Vec::new(),
            claims: Vec::new(),
        }
    }

    pub fn spans(&self) -> &[Span] {
        &self.spans
    }

    pub fn claims(&self) -> &[Claim] {
        &self.claims
    }

    pub fn span(&self, id: SpanId) -> Option<&Span> {
        self.spans
            .binary_search_by_key(&id, |span| span.id)
            .ok()
            .and_then(|index| self.spans.get(index))
    }

    pub(crate) fn span_mut(&mut self, id: SpanId) -> Option<&mut Span> {
        let index = self.spans.binary_search_by_key(&id, |span| span.id).ok()?;
        self.spans.get_mut(index)
    }

    pub fn claim(&self, id: ClaimId) -> Option<&Claim> {
        self.claims
            .binary_search_by_key(&id, |claim| claim.id)
            .ok()
            .and_then(|index| self.claims.get(index))
    }

    pub(crate) fn claim_mut(&mut self, id: ClaimId) -> Option<&mut Claim> {
        let index = self
            .claims
            .binary_search_by_key(&id, |claim| claim.id)
            .ok()?;
        self.claims.get_mut(index)
    }

    /// The id a new span gets. Ids are never those of a live span; one freed
    /// by deleting the newest span may be given again, which keeps "edit,
    /// then undo" restoring the document exactly.
    pub fn next_span_id(&self) -> SpanId {
        SpanId(self.spans.last().map_or(1, |span| span.id.0 + 1))
    }

    pub fn next_claim_id(&self) -> ClaimId {
        ClaimId(self.claims.last().map_or(1, |claim| claim.id.0 + 1))
    }

    /// Inserts a span in id order; `false` if its id is taken.
    pub(crate) fn insert_span(&mut self, span: Span) -> bool {
        match self.spans.binary_search_by_key(&span.id, |s| s.id) {
            Ok(_) => false,
            Err(index) => {
                self.spans.insert(index, span);
                true
            }
        }
    }

    /// Inserts many spans whose ids are free and distinct (checked by the
    /// caller): one sort instead of one shift per span.
    pub(crate) fn insert_spans(&mut self, spans: Vec<Span>) {
        let in_order = spans
            .first()
            .is_none_or(|first| self.spans.last().is_none_or(|last| last.id < first.id))
            && spans.windows(2).all(|pair| pair[0].id < pair[1].id);
        self.spans.extend(spans);
        if !in_order {
            self.spans.sort_by_key(|span| span.id);
        }
    }

    /// Inserts many claims whose ids are free and distinct (checked by the
    /// caller).
    pub(crate) fn insert_claims(&mut self, claims: Vec<Claim>) {
        let in_order = claims
            .first()
            .is_none_or(|first| self.claims.last().is_none_or(|last| last.id < first.id))
            && claims.windows(2).all(|pair| pair[0].id < pair[1].id);
        self.claims.extend(claims);
        if !in_order {
            self.claims.sort_by_key(|claim| claim.id);
        }
    }

    /// Removes many spans in one pass; returns them in id order.
    pub(crate) fn remove_spans(&mut self, ids: &std::collections::HashSet<SpanId>) -> Vec<Span> {
        let (removed, kept) = std::mem::take(&mut self.spans)
            .into_iter()
            .partition(|s| ids.contains(&s.id));
        self.spans = kept;
        removed
    }

    /// Removes many claims in one pass; returns them in id order.
    pub(crate) fn remove_claims(&mut self, ids: &std::collections::HashSet<ClaimId>) -> Vec<Claim> {
        let (removed, kept) = std::mem::take(&mut self.claims)
            .into_iter()
            .partition(|c| ids.contains(&c.id));
        self.claims = kept;
        removed
    }

    pub(crate) fn remove_span(&mut self, id: SpanId) -> Option<Span> {
        let index = self.spans.binary_search_by_key(&id, |span| span.id).ok()?;
        Some(self.spans.remove(index))
    }

    pub(crate) fn insert_claim(&mut self, claim: Claim) -> bool {
        match self.claims.binary_search_by_key(&claim.id, |c| c.id) {
            Ok(_) => false,
            Err(index) => {
                self.claims.insert(index, claim);
                true
            }
        }
    }

    pub(crate) fn remove_claim(&mut self, id: ClaimId) -> Option<Claim> {
        let index = self
            .claims
            .binary_search_by_key(&id, |claim| claim.id)
            .ok()?;
        Some(self.claims.remove(index))
    }

    pub(crate) fn spans_mut(&mut self) -> impl Iterator<Item = &mut Span> {
        self.spans.iter_mut()
    }

    pub(crate) fn claims_mut(&mut self) -> impl Iterator<Item = &mut Claim> {
        self.claims.iter_mut()
    }

    /// Builds a document from parts read from a file; the caller has checked
    /// them (see `storage`). Sorts spans and claims by id.
    pub(crate) fn from_parts(
        header: Document,
        mut spans: Vec<Span>,
        mut claims: Vec<Claim>,
    ) -> Self {
        spans.sort_by_key(|span| span.id);
        claims.sort_by_key(|claim| claim.id);
        Self {
            spans,
            claims,
            ..header
        }
    }

    /// Replaces all claims (checked by the caller), sorting them by id.
    pub(crate) fn set_claims(&mut self, mut claims: Vec<Claim>) {
        claims.sort_by_key(|claim| claim.id);
        self.claims = claims;
    }

    /// Claims that use a span, in id order.
    pub fn claims_using(&self, span: SpanId) -> impl Iterator<Item = &Claim> {
        self.claims
            .iter()
            .filter(move |claim| claim.uses_span(span))
    }

    /// The exact text a span covers.
    pub fn span_text(&self, span: &Span) -> &str {
        self.text.slice(span.range).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doc_ids_from_file_names_are_slugs_and_unique() {
        let taken = |id: &DocId| id.as_str() == "kuznechyk-release";
        assert_eq!(
            DocId::from_stem("Kuznechyk Release", |_| false).as_str(),
            "kuznechyk-release"
        );
        assert_eq!(
            DocId::from_stem("Kuznechyk Release", taken).as_str(),
            "kuznechyk-release-2"
        );
        assert_eq!(DocId::from_stem("—", |_| false).as_str(), "document");
        assert_eq!(
            DocId::from_stem("31 pardoned (AP)", |_| false).as_str(),
            "31-pardoned-ap"
        );
    }

    #[test]
    fn doc_id_parsing_explains_problems() {
        assert!(DocId::parse("thirty-one-pardoned").is_ok());
        assert!(DocId::parse("").is_err());
        assert!(DocId::parse("../etc").is_err());
        assert!(DocId::parse("Has Space").unwrap_err().contains("“H”"));
    }
}
