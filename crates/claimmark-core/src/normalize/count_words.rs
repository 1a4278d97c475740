//! The words count expressions are read by: modifiers that bound a number
//! ("more than", "up to"), and words around a number that make it a label,
//! a unit that is not people, a change, or the pronoun "one".

/// What a modifier before a number does to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Bound {
    MoreThan,
    AtLeast,
    Approx,
    /// "nearly 100": about 100 and not above it.
    ApproxAtMost,
    AtMost,
    LessThan,
}

pub(super) const MODIFIERS: &[(&[&str], Bound)] = &[
    (&["more", "than"], Bound::MoreThan),
    (&["over"], Bound::MoreThan),
    (&["just", "over"], Bound::MoreThan),
    (&["well", "over"], Bound::MoreThan),
    (&["upwards", "of"], Bound::MoreThan),
    (&["in", "excess", "of"], Bound::MoreThan),
    (&["greater", "than"], Bound::MoreThan),
    (&["above"], Bound::MoreThan),
    (&["at", "least"], Bound::AtLeast),
    (&["no", "fewer", "than"], Bound::AtLeast),
    (&["no", "less", "than"], Bound::AtLeast),
    (&["not", "fewer", "than"], Bound::AtLeast),
    (&["not", "less", "than"], Bound::AtLeast),
    (&["a", "minimum", "of"], Bound::AtLeast),
    (&["around"], Bound::Approx),
    (&["about"], Bound::Approx),
    (&["approximately"], Bound::Approx),
    (&["approx"], Bound::Approx),
    (&["roughly"], Bound::Approx),
    (&["some"], Bound::Approx),
    (&["circa"], Bound::Approx),
    (&["an", "estimated"], Bound::Approx),
    (&["estimated"], Bound::Approx),
    (&["nearly"], Bound::ApproxAtMost),
    (&["almost"], Bound::ApproxAtMost),
    (&["close", "to"], Bound::ApproxAtMost),
    (&["up", "to"], Bound::AtMost),
    (&["as", "many", "as"], Bound::AtMost),
    (&["no", "more", "than"], Bound::AtMost),
    (&["not", "more", "than"], Bound::AtMost),
    (&["at", "most"], Bound::AtMost),
    (&["a", "maximum", "of"], Bound::AtMost),
    (&["fewer", "than"], Bound::LessThan),
    (&["less", "than"], Bound::LessThan),
    (&["under"], Bound::LessThan),
    (&["below"], Bound::LessThan),
    (&["just", "under"], Bound::LessThan),
    (&["just", "below"], Bound::LessThan),
];

/// Words before a number that make it a label, an age or a reference.
pub(super) const LABEL_WORDS: &[&str] = &[
    "article",
    "articles",
    "art",
    "no",
    "nos",
    "number",
    "part",
    "section",
    "chapter",
    "paragraph",
    "page",
    "pages",
    "decree",
    "clause",
    "item",
    "aged",
    "age",
    "route",
    "flight",
    "vol",
    "volume",
    "p",
    "pp",
    "colony",
    "room",
    "cell",
    "case",
    "code",
    "tel",
    "phone",
];

/// Abbreviations that label a number after a dot ("No. 3", "p. 12").
pub(super) const ABBREVIATED_LABELS: &[&str] = &["no", "nos", "art", "p", "pp", "vol"];

/// Words after a number that make it money, a share or a time of day.
pub(super) const NON_COUNT_UNITS: &[&str] = &[
    "percent", "per", "dollars", "dollar", "euros", "euro", "rubles", "roubles", "ruble", "rouble",
    "usd", "eur", "byn", "rub", "pounds", "am", "pm", "o",
];

/// Verbs of change: "rose from 30 to 115" is two counts, not a range.
pub(super) const CHANGE_VERBS: &[&str] = &[
    "rose",
    "risen",
    "rising",
    "increased",
    "increasing",
    "grew",
    "grown",
    "growing",
    "jumped",
    "climbed",
    "soared",
    "fell",
    "fallen",
    "falling",
    "dropped",
    "declined",
    "decreased",
    "reduced",
    "cut",
    "went",
    "gone",
    "up",
    "down",
];

/// Words before "one" that make it a pronoun ("no one", "the one who").
pub(super) const ONE_PRONOUN_BEFORE: &[&str] = &[
    "the", "no", "any", "every", "each", "this", "that", "which", "another", "a", "some",
];

/// Words after "one" that make it a pronoun ("one of the few", "one must").
pub(super) const ONE_PRONOUN_AFTER: &[&str] = &[
    "of", "another", "who", "whom", "whose", "which", "by", "at", "must", "can", "cannot", "could",
    "should", "would", "might", "may", "will", "hand", "day", "thing", "way",
];
