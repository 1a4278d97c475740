//! Event trigger words: the word list per claim type that both the span
//! normaliser (`Value::Event { name }`) and the suggester use.
//!
//! Decisions:
//! - Every form of a word is listed (no stemming), so what counts as a
//!   trigger can be read here: "released", "freed", "frees" are `release`;
//!   the adjective "free" is not listed ("free elections"), but the phrases
//!   "set free", "let go" and "walked free" are; so are the synonyms news
//!   uses for each ("liberation", "clemency", "taken into custody",
//!   "jailed", "exiled").
//! - Nouns that name the event are triggers too ("the release", "an
//!   amnesty", "his arrest", "a six-year sentence").
//! - Matching ignores case, but the suggester skips capitalised forms inside
//!   names ("Amnesty International"): see `suggest`.
//! - The event name is the claim type it starts, except `conviction` and
//!   `deportation`, which the default schema has no type for; [`claim_type`]
//!   gives the type to propose for each.

/// One kind of event, the claim type it belongs to and its trigger forms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Trigger {
    /// The normalised event word stored in `Value::Event { name }`.
    pub event: &'static str,
    /// The claim type a span with this event would start.
    pub claim_type: &'static str,
    /// Lower-case forms; a form of several words is separated by single
    /// spaces.
    pub forms: &'static [&'static str],
}

/// The trigger word list, per claim type.
pub const TRIGGERS: &[Trigger] = &[
    Trigger {
        event: "release",
        claim_type: "release",
        forms: &[
            "release",
            "released",
            "releases",
            "releasing",
            "freed",
            "frees",
            "freeing",
            "set free",
            "sets free",
            "setting free",
            "let go",
            "lets go",
            "letting go",
            "liberation",
            "liberated",
            "liberate",
            "liberates",
            "liberating",
            "walked free",
            "walks free",
            "walk free",
            "walking free",
        ],
    },
    Trigger {
        event: "pardon",
        claim_type: "pardon",
        forms: &["pardon", "pardoned", "pardons", "pardoning", "clemency"],
    },
    Trigger {
        event: "arrest",
        claim_type: "arrest",
        forms: &[
            "arrest",
            "arrested",
            "arrests",
            "arresting",
            "detain",
            "detained",
            "detains",
            "detaining",
            "detention",
            "detentions",
            "apprehended",
            "taken into custody",
            "rounded up",
        ],
    },
    Trigger {
        event: "sentence",
        claim_type: "sentence",
        forms: &[
            "sentence",
            "sentenced",
            "sentences",
            "sentencing",
            "jailed",
            "jailing",
        ],
    },
    Trigger {
        event: "conviction",
        claim_type: "sentence",
        forms: &[
            "convicted",
            "convict",
            "convicting",
            "conviction",
            "convictions",
        ],
    },
    Trigger {
        event: "amnesty",
        claim_type: "amnesty",
        forms: &["amnesty", "amnesties", "amnestied"],
    },
    Trigger {
        event: "deportation",
        claim_type: "release",
        forms: &[
            "deported",
            "deport",
            "deports",
            "deporting",
            "deportation",
            "deportations",
            "expelled",
            "exiled",
            "forced into exile",
        ],
    },
];

/// The trigger whose forms include `words` (compared without case, with
/// runs of whitespace read as one space).
pub fn trigger_for(words: &str) -> Option<&'static Trigger> {
    let wanted: Vec<String> = words.split_whitespace().map(str::to_lowercase).collect();
    if wanted.is_empty() {
        return None;
    }
    TRIGGERS.iter().find(|trigger| {
        trigger
            .forms
            .iter()
            .any(|form| form.split(' ').eq(wanted.iter().map(String::as_str)))
    })
}

/// The normalised event name of a trigger word ("freed" → `release`).
pub fn event_name(words: &str) -> Option<&'static str> {
    trigger_for(words).map(|trigger| trigger.event)
}

/// The claim type an event name starts ("conviction" → `sentence`).
pub fn claim_type(event: &str) -> Option<&'static str> {
    TRIGGERS
        .iter()
        .find(|trigger| trigger.event == event)
        .map(|trigger| trigger.claim_type)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trigger_words_give_event_names() {
        let cases: &[(&str, Option<&str>)] = &[
            ("released", Some("release")),
            ("Freed", Some("release")),
            ("frees", Some("release")),
            ("set  free", Some("release")),
            ("let go", Some("release")),
            ("liberation", Some("release")),
            ("walked free", Some("release")),
            ("clemency", Some("pardon")),
            ("taken into custody", Some("arrest")),
            ("jailed", Some("sentence")),
            ("exiled", Some("deportation")),
            ("pardoned", Some("pardon")),
            ("PARDON", Some("pardon")),
            ("arrested", Some("arrest")),
            ("detained", Some("arrest")),
            ("detention", Some("arrest")),
            ("sentenced", Some("sentence")),
            ("convicted", Some("conviction")),
            ("amnesty", Some("amnesty")),
            ("deported", Some("deportation")),
            ("free", None),
            ("freedom", None),
            ("set", None),
            ("", None),
            ("released him", None),
        ];
        for (words, expected) in cases {
            assert_eq!(event_name(words), *expected, "{words}");
        }
    }

    #[test]
    fn event_names_map_to_claim_types() {
        assert_eq!(claim_type("release"), Some("release"));
        assert_eq!(claim_type("conviction"), Some("sentence"));
        assert_eq!(claim_type("deportation"), Some("release"));
        assert_eq!(claim_type("picnic"), None);
    }

    #[test]
    fn forms_are_lower_case_and_listed_once() {
        let mut seen = std::collections::BTreeSet::new();
        for form in TRIGGERS.iter().flat_map(|t| t.forms) {
            assert_eq!(*form, form.to_lowercase(), "{form}");
            assert!(seen.insert(*form), "{form} is listed twice");
        }
    }
}
