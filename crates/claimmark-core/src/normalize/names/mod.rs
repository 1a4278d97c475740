//! People, organizations and places across the project: matching a mention
//! to the entity registry (`Project::entities`), and the edits that create,
//! link, rename and merge entities.
//!
//! Matching decisions (pinned by the table in the tests):
//! - Mentions and names are compared *folded*: lower case, Latin diacritics
//!   removed ("Bialiatski" = "Białiatski"), possessives dropped
//!   ("Kuznechyk's", "Kuznechyk’s", "Belarus’"), leading titles dropped
//!   ("President Lukashenko").
//! - Transliteration variants are compared by a *skeleton* of each word that
//!   merges the usual Belarusian/Russian/English spellings: `ts`→`t`
//!   (Tsikhanouskaya/Tikhanovskaya), `kh`→`h`, `sh`/`zh`/`ch`→`s`/`z`/`c`,
//!   `y`/`j`→`i` (Byalyatski/Bialiatski), `ou`→`ov` (Belarusian ŭ), `o`→`a`
//!   (Belarusian akanye: Lukashenko/Lukashenka, Kolesnikova/Kalesnikava),
//!   doubled letters once.
//! - Scores: same folded text 1.0; same skeleton 0.95; a one-word mention
//!   equal to a person's surname 0.9 (0.88 by skeleton); same surname and a
//!   first name that is an initial or close 0.86–0.87; otherwise string
//!   similarity of the skeletons, scaled so that it never reaches the link
//!   threshold on its own (at most 0.8).
//! - Surnames of different grammatical gender are different people, not
//!   variants: "Kolesnikova" never matches "Kolesnikov", nor
//!   "Tsikhanouskaya" "Tsikhanouski" (score 0).
//! - [`should_link`] links only when the best score is at least
//!   [`LINK_THRESHOLD`] and beats the runner-up by [`LINK_MARGIN`], so a
//!   surname shared by two registry people is left to the analyst.
//!
//! Edit decisions:
//! - Linking a span sets its `entity` and, unless its value was typed by
//!   hand or imported, its value to the entity's canonical name and id. A
//!   mention spelled differently from the name and every alias (ignoring
//!   case) becomes a new alias.
//! - Renaming keeps the old name as an alias and updates the normaliser's
//!   values of linked spans.
//! - Merging B into A relinks B's spans to A (hand-typed values keep their
//!   name; an `entity_id` naming B becomes A, and so do implicit claim
//!   arguments that name B), adds B's name and aliases to A's aliases and
//!   removes B: one batch, undone in one step.

use crate::edit::Edit;
use crate::model::{
    DocId, Entity, EntityId, Project, Span, SpanId, SpanValue, Value, ValueKind, ValueSource,
};

use super::span::{name_value, normalizer_owns};

/// A best score at or above this links a mention without asking.
pub const LINK_THRESHOLD: f32 = 0.85;
/// ...provided it beats the second best by this much.
pub const LINK_MARGIN: f32 = 0.05;
/// Candidates scoring below this are not returned at all.
pub const MIN_SCORE: f32 = 0.5;

/// Why an entity edit could not be built. Nothing was changed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NamesError {
    #[error("there is no document “{0}”")]
    NoDocument(DocId),
    #[error("document “{doc}” has no span {span}")]
    NoSpan { doc: DocId, span: SpanId },
    #[error("there is no entity {0}")]
    NoEntity(EntityId),
    #[error(
        "span {span} has label “{label}”, which is not a person, organization or place label; \
         give it such a label first"
    )]
    NotAName { span: SpanId, label: String },
    #[error(
        "span {span} is a {span_kind} but entity {entity} is a {entity_kind}; pick an entity of the same kind"
    )]
    KindMismatch {
        span: SpanId,
        span_kind: &'static str,
        entity: EntityId,
        entity_kind: &'static str,
    },
    #[error(
        "entity {keep} is a {keep_kind} and entity {absorb} a {absorb_kind}; only entities of one kind merge"
    )]
    MergeKinds {
        keep: EntityId,
        keep_kind: &'static str,
        absorb: EntityId,
        absorb_kind: &'static str,
    },
    #[error("an entity cannot be merged into itself ({0})")]
    SameEntity(EntityId),
    #[error("the name is empty; type at least one letter")]
    EmptyName,
}

type Result<T> = std::result::Result<T, NamesError>;

// --- Matching -------------------------------------------------------------

/// A mention as a name: trimmed, inner whitespace collapsed, surrounding
/// quotes and punctuation and a possessive removed ("Kuznechyk’s" →
/// "Kuznechyk", "Belarus’" → "Belarus"). Case is kept.
pub fn clean_mention(text: &str) -> String {
    let joined = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let trimmed = joined.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’');
    let without_possessive = ["'s", "’s", "'S", "’S"]
        .iter()
        .find_map(|suffix| trimmed.strip_suffix(suffix))
        .unwrap_or(trimmed);
    without_possessive
        .trim_end_matches(['\'', '’'])
        .trim_start_matches(['\'', '’'])
        .trim()
        .to_owned()
}

/// Titles and roles dropped from the start of a mention before matching.
const TITLES: &[&str] = &[
    "president",
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "prof",
    "professor",
    "judge",
    "general",
    "minister",
    "leader",
    "journalist",
    "activist",
    "opposition",
    "comrade",
    "pan",
    "pani",
];

/// Lower-case Latin letter without its diacritic, or the char itself.
fn fold_char(c: char) -> &'static str {
    match c {
        'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' | 'ā' | 'ą' | 'ă' => "a",
        'ć' | 'č' | 'ç' | 'ĉ' => "c",
        'ď' | 'đ' => "d",
        'é' | 'è' | 'ê' | 'ë' | 'ē' | 'ę' | 'ě' | 'ė' => "e",
        'ğ' | 'ĝ' => "g",
        'í' | 'ì' | 'î' | 'ï' | 'ī' | 'į' | 'ı' => "i",
        'ķ' => "k",
        'ł' | 'ľ' | 'ĺ' | 'ļ' => "l",
        'ń' | 'ň' | 'ñ' | 'ņ' => "n",
        'ó' | 'ò' | 'ô' | 'ö' | 'õ' | 'ō' | 'ő' | 'ø' => "o",
        'ř' | 'ŕ' => "r",
        'ś' | 'š' | 'ş' | 'ŝ' | 'ș' => "s",
        'ť' | 'ţ' | 'ț' => "t",
        'ú' | 'ù' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' | 'ŭ' | 'ų' => "u",
        'ý' | 'ÿ' => "y",
        'ź' | 'ž' | 'ż' => "z",
        'ß' => "ss",
        'æ' => "ae",
        'œ' => "oe",
        _ => "",
    }
}

fn is_combining_mark(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}')
}

/// The words of a mention, folded: lower case, diacritics and possessive
/// removed, apostrophes dropped, other punctuation splitting words, leading
/// titles dropped (one word always stays).
pub fn fold_words(text: &str) -> Vec<String> {
    let cleaned = clean_mention(text);
    let mut words = Vec::new();
    let mut word = String::new();
    for c in cleaned.chars().flat_map(char::to_lowercase) {
        if is_combining_mark(c) || c == '\'' || c == '’' {
            continue;
        }
        if c.is_alphanumeric() {
            match fold_char(c) {
                "" => word.push(c),
                folded => word.push_str(folded),
            }
        } else if !word.is_empty() {
            words.push(std::mem::take(&mut word));
        }
    }
    if !word.is_empty() {
        words.push(word);
    }
    let titles = words
        .iter()
        .take_while(|w| TITLES.contains(&w.as_str()))
        .count()
        .min(words.len().saturating_sub(1));
    words.drain(..titles);
    words
}

/// The skeleton of a folded word (rules in the module docs).
pub fn skeleton(word: &str) -> String {
    const RULES: &[(&str, &str)] = &[
        ("tsch", "c"),
        ("tch", "c"),
        ("sch", "s"),
        ("ch", "c"),
        ("cz", "c"),
        ("ts", "t"),
        ("tz", "t"),
        ("sz", "s"),
        ("sh", "s"),
        ("zh", "z"),
        ("kh", "h"),
        ("ph", "f"),
        ("w", "v"),
        ("x", "ks"),
        ("j", "i"),
        ("y", "i"),
        ("ou", "ov"),
        ("o", "a"),
    ];
    let mut out = word.to_owned();
    for (from, to) in RULES {
        if out.contains(from) {
            out = out.replace(from, to);
        }
    }
    let mut collapsed = String::with_capacity(out.len());
    for c in out.chars() {
        if !collapsed.ends_with(c) {
            collapsed.push(c);
        }
    }
    collapsed
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Gender {
    Female,
    Male,
}

/// The grammatical gender a Slavic surname's ending shows, on the folded
/// word ("Kalesnikava" female, "Kalesnikau" male, "Lukashenka" neither).
fn surname_gender(folded: &str) -> Option<Gender> {
    const FEMALE: &[&str] = &[
        "skaya", "skaja", "skaia", "ckaya", "ckaja", "ska", "cka", "ova", "ava", "eva", "ina",
    ];
    const MALE: &[&str] = &[
        "ski", "sky", "skiy", "skii", "skij", "cki", "cky", "ov", "ev", "in", "au",
    ];
    if FEMALE.iter().any(|end| folded.ends_with(end)) {
        Some(Gender::Female)
    } else if MALE.iter().any(|end| folded.ends_with(end)) {
        Some(Gender::Male)
    } else {
        None
    }
}

fn similarity(a: &str, b: &str) -> f32 {
    strsim::normalized_damerau_levenshtein(a, b) as f32
}

/// Highest score a fuzzy (not rule-based) likeness can give: below the link
/// threshold, so only rules link without asking.
const FUZZY_CEILING: f32 = 0.8;

/// How well a mention matches one name of an entity of `kind`, in `[0, 1]`.
pub fn name_score(kind: ValueKind, mention: &str, name: &str) -> f32 {
    let mention = fold_words(mention);
    let name = fold_words(name);
    if mention.is_empty() || name.is_empty() {
        return 0.0;
    }
    if mention == name {
        return 1.0;
    }
    let mention_sk: Vec<String> = mention.iter().map(|w| skeleton(w)).collect();
    let name_sk: Vec<String> = name.iter().map(|w| skeleton(w)).collect();
    let fuzzy = || similarity(&mention_sk.join(" "), &name_sk.join(" ")) * FUZZY_CEILING;
    if kind != ValueKind::Person {
        return if mention_sk == name_sk { 0.95 } else { fuzzy() };
    }
    let (Some(mention_last), Some(name_last)) = (mention_sk.last(), name_sk.last()) else {
        return 0.0;
    };
    let genders = (
        mention.last().and_then(|w| surname_gender(w)),
        name.last().and_then(|w| surname_gender(w)),
    );
    if let (Some(a), Some(b)) = genders
        && a != b
    {
        return 0.0;
    }
    if mention_sk == name_sk {
        return 0.95;
    }
    let same_surname = mention.last() == name.last();
    let surname_matches = same_surname || mention_last == name_last;
    if !surname_matches {
        // A surname alone is compared with the surname.
        return if mention.len() == 1 && name.len() > 1 {
            similarity(mention_last, name_last) * FUZZY_CEILING
        } else {
            fuzzy()
        };
    }
    if mention.len() == 1 {
        // "Bialiatski" for "Ales Bialiatski".
        return if same_surname { 0.9 } else { 0.88 };
    }
    if name.len() == 1 {
        return fuzzy();
    }
    // Both have a first name: "A. Lukashenko", "Aliaksandr Lukashenka".
    let (mention_first, name_first) = (&mention[0], &name[0]);
    if mention_first.chars().count() == 1 && name_first.starts_with(mention_first.as_str()) {
        return 0.87;
    }
    if similarity(&mention_sk[0], &name_sk[0]) >= 0.6 {
        return 0.86;
    }
    // Same surname, another first name: perhaps a relative.
    MIN_SCORE
}

/// How well a mention matches an entity: the best of its name and aliases.
pub fn entity_score(entity: &Entity, mention: &str) -> f32 {
    std::iter::once(&entity.name)
        .chain(&entity.aliases)
        .map(|name| name_score(entity.kind, mention, name))
        .fold(0.0, f32::max)
}

/// Entities of `kind` that `mention` may refer to, best first (ties by id),
/// with scores in `[MIN_SCORE, 1]`.
pub fn best_matches(entities: &[Entity], kind: ValueKind, mention: &str) -> Vec<(EntityId, f32)> {
    let mut matches: Vec<(EntityId, f32)> = entities
        .iter()
        .filter(|entity| entity.kind == kind)
        .map(|entity| (entity.id, entity_score(entity, mention)))
        .filter(|(_, score)| *score >= MIN_SCORE)
        .collect();
    matches.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    matches
}

/// The entity to link without asking: the best match when it reaches
/// [`LINK_THRESHOLD`] and leads the runner-up by [`LINK_MARGIN`].
pub fn should_link(matches: &[(EntityId, f32)]) -> Option<EntityId> {
    let (best, score) = *matches.first()?;
    let runner_up = matches.get(1).map_or(0.0, |m| m.1);
    (score >= LINK_THRESHOLD && score - runner_up >= LINK_MARGIN).then_some(best)
}

// --- Edits ------------------------------------------------------------------

fn span_of<'p>(project: &'p Project, doc: &DocId, span: SpanId) -> Result<&'p Span> {
    project
        .document(doc)
        .ok_or_else(|| NamesError::NoDocument(doc.clone()))?
        .span(span)
        .ok_or_else(|| NamesError::NoSpan {
            doc: doc.clone(),
            span,
        })
}

fn entity_of(project: &Project, id: EntityId) -> Result<&Entity> {
    project.entity(id).ok_or(NamesError::NoEntity(id))
}

/// The value kind of a span's label, if it names things.
fn name_kind(project: &Project, span: &Span) -> Result<ValueKind> {
    let kind = project
        .schema
        .label(&span.label)
        .map(|label| label.value_kind);
    match kind {
        Some(kind @ (ValueKind::Person | ValueKind::Organization | ValueKind::Place)) => Ok(kind),
        _ => Err(NamesError::NotAName {
            span: span.id,
            label: span.label.to_string(),
        }),
    }
}

/// `span` linked to `entity`, its value following the entity unless set by
/// hand or imported.
fn linked(span: &Span, entity: &Entity) -> Span {
    let mut changed = span.clone();
    changed.entity = Some(entity.id);
    if normalizer_owns(span.value.as_ref())
        && let Some(value) = name_value(
            entity.kind,
            entity.name.clone(),
            Some(entity.id.to_string()),
        )
    {
        changed.value = Some(SpanValue {
            value,
            source: ValueSource::Normalizer,
        });
    }
    changed
}

fn same_name(a: &str, b: &str) -> bool {
    a.to_lowercase() == b.to_lowercase()
}

/// Whether `name` is the entity's name or one of its aliases, ignoring case.
pub fn knows_name(entity: &Entity, name: &str) -> bool {
    same_name(&entity.name, name) || entity.aliases.iter().any(|alias| same_name(alias, name))
}

/// Creates an entity from a span's text (its kind from the span's label)
/// and links the span to it: `InsertEntity` then `ReplaceSpan`, one batch.
pub fn create_entity_from_span(project: &Project, doc: &DocId, span: SpanId) -> Result<Edit> {
    let target = span_of(project, doc, span)?;
    let kind = name_kind(project, target)?;
    let text = project
        .document(doc)
        .map(|d| d.span_text(target))
        .unwrap_or_default();
    let name = clean_mention(text);
    if name.is_empty() {
        return Err(NamesError::EmptyName);
    }
    let entity = Entity {
        id: project.next_entity_id(),
        kind,
        name,
        aliases: Vec::new(),
    };
    let replace = Edit::ReplaceSpan {
        doc: doc.clone(),
        span: linked(target, &entity),
    };
    Ok(Edit::Batch(vec![Edit::InsertEntity { entity }, replace]))
}

/// Links a span to an entity of its kind, adding the mention to the
/// entity's aliases when it is spelled in a new way: one batch.
pub fn link_span(project: &Project, doc: &DocId, span: SpanId, entity: EntityId) -> Result<Edit> {
    let target = span_of(project, doc, span)?;
    let kind = name_kind(project, target)?;
    let existing = entity_of(project, entity)?;
    if existing.kind != kind {
        return Err(NamesError::KindMismatch {
            span,
            span_kind: kind.as_str(),
            entity,
            entity_kind: existing.kind.as_str(),
        });
    }
    let mention = project
        .document(doc)
        .map(|d| clean_mention(d.span_text(target)))
        .unwrap_or_default();
    let mut edits = Vec::new();
    if !mention.is_empty() && !knows_name(existing, &mention) {
        let mut changed = existing.clone();
        changed.aliases.push(mention);
        edits.push(Edit::ReplaceEntity { entity: changed });
    }
    edits.push(Edit::ReplaceSpan {
        doc: doc.clone(),
        span: linked(target, existing),
    });
    Ok(Edit::Batch(edits))
}

/// Spans linked to `entity`, with their document, in project order.
fn linked_spans(project: &Project, entity: EntityId) -> impl Iterator<Item = (&DocId, &Span)> {
    project.documents.iter().flat_map(move |doc| {
        doc.spans()
            .iter()
            .filter(move |span| span.entity == Some(entity))
            .map(move |span| (&doc.id, span))
    })
}

/// Renames an entity (the old name stays as an alias) and updates the
/// normaliser's values of its spans: one batch.
pub fn rename_entity(project: &Project, entity: EntityId, name: &str) -> Result<Edit> {
    let existing = entity_of(project, entity)?;
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        return Err(NamesError::EmptyName);
    }
    if name == existing.name {
        return Ok(Edit::Batch(Vec::new()));
    }
    let mut renamed = existing.clone();
    renamed.aliases.retain(|alias| !same_name(alias, &name));
    if !same_name(&existing.name, &name) {
        renamed.aliases.push(existing.name.clone());
    }
    renamed.name = name;
    let mut edits = vec![Edit::ReplaceEntity {
        entity: renamed.clone(),
    }];
    edits.extend(
        linked_spans(project, entity)
            .filter(|(_, span)| normalizer_owns(span.value.as_ref()))
            .map(|(doc, span)| Edit::ReplaceSpan {
                doc: doc.clone(),
                span: linked(span, &renamed),
            }),
    );
    Ok(Edit::Batch(edits))
}

/// `value` with an `entity_id` of `from` pointing at `to` instead; `None`
/// when it does not name `from`.
fn repoint(value: &Value, from: &str, to: &str) -> Option<Value> {
    let mut value = value.clone();
    let (Value::Person { entity_id, .. }
    | Value::Organization { entity_id, .. }
    | Value::Place { entity_id, .. }) = &mut value
    else {
        return None;
    };
    if entity_id.as_deref() != Some(from) {
        return None;
    }
    *entity_id = Some(to.to_owned());
    Some(value)
}

/// Merges entity `absorb` into `keep`: relinks `absorb`'s spans (and
/// implicit claim arguments) to `keep`, adds its name and aliases to
/// `keep`'s aliases, removes it. One batch; undoing it restores the project
/// exactly.
pub fn merge_entities(project: &Project, keep: EntityId, absorb: EntityId) -> Result<Edit> {
    if keep == absorb {
        return Err(NamesError::SameEntity(keep));
    }
    let kept = entity_of(project, keep)?;
    let absorbed = entity_of(project, absorb)?;
    if kept.kind != absorbed.kind {
        return Err(NamesError::MergeKinds {
            keep,
            keep_kind: kept.kind.as_str(),
            absorb,
            absorb_kind: absorbed.kind.as_str(),
        });
    }
    let (from, to) = (absorb.to_string(), keep.to_string());
    let mut edits = Vec::new();
    for (doc, span) in linked_spans(project, absorb) {
        let mut changed = linked(span, kept);
        if let Some(value) = &span.value
            && !normalizer_owns(Some(value))
            && let Some(repointed) = repoint(&value.value, &from, &to)
        {
            changed.value = Some(SpanValue {
                value: repointed,
                source: value.source,
            });
        }
        edits.push(Edit::ReplaceSpan {
            doc: doc.clone(),
            span: changed,
        });
    }
    for doc in &project.documents {
        for claim in doc.claims() {
            let mut changed = claim.clone();
            let mut touched = false;
            for argument in &mut changed.implicit {
                if let Some(value) = repoint(&argument.value, &from, &to) {
                    argument.value = value;
                    touched = true;
                }
            }
            if touched {
                edits.push(Edit::ReplaceClaim {
                    doc: doc.id.clone(),
                    claim: changed,
                });
            }
        }
    }
    let mut merged = kept.clone();
    for name in std::iter::once(&absorbed.name).chain(&absorbed.aliases) {
        if !knows_name(&merged, name) {
            merged.aliases.push(name.clone());
        }
    }
    if merged != *kept {
        edits.push(Edit::ReplaceEntity { entity: merged });
    }
    edits.push(Edit::RemoveEntity { id: absorb });
    Ok(Edit::Batch(edits))
}

#[cfg(test)]
mod tests;
