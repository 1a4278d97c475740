//! brat's `annotation.conf`, which tells entity, event and relation types
//! apart. brat looks for it beside the `.ann`, then in the folders above;
//! so does this. What it changes: a `T` line typed with an event type is
//! an event's trigger even when no `E` line names it (an event without
//! arguments, as brat lets one be annotated), so it becomes a claim of
//! that type instead of a span of an unknown label.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use super::foreign::{ForeignClaim, ForeignDocument};

/// The file brat reads.
pub const CONF: &str = "annotation.conf";

/// How many folders above the `.ann` to look in.
const LEVELS_UP: usize = 8;

/// The types an `annotation.conf` declares, by section.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct BratConf {
    pub entities: HashSet<String>,
    pub events: HashSet<String>,
    pub relations: HashSet<String>,
}

/// Reads the sections' type names: the first word of each line, without
/// brat's `!` (not selectable) mark; comments, macros (`<…>`) and
/// separators are skipped.
pub fn parse(text: &str) -> BratConf {
    let mut conf = BratConf::default();
    let mut section: Option<&mut HashSet<String>> = None;
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            section = match name.trim() {
                "entities" => Some(&mut conf.entities),
                "events" => Some(&mut conf.events),
                "relations" => Some(&mut conf.relations),
                _ => None,
            };
            continue;
        }
        let Some(types) = section.as_deref_mut() else {
            continue;
        };
        let name = line
            .split(char::is_whitespace)
            .next()
            .unwrap_or_default()
            .trim_start_matches('!');
        if name.is_empty() || name.starts_with('<') || name.starts_with('-') {
            continue;
        }
        types.insert(name.to_owned());
    }
    conf
}

/// The `annotation.conf` that applies to `ann`: beside it, else in the
/// nearest folder above.
pub fn find(ann: &Path) -> Option<PathBuf> {
    ann.ancestors()
        .skip(1)
        .take(LEVELS_UP)
        .map(|folder| folder.join(CONF))
        .find(|conf| conf.is_file())
}

/// Makes each `T` of an event type that no event names as trigger the
/// trigger of a claim of its type.
pub fn apply(conf: &BratConf, doc: &mut ForeignDocument) {
    let triggers: HashSet<String> = doc
        .claims
        .iter()
        .filter_map(|c| c.trigger.clone())
        .collect();
    let lone: Vec<ForeignClaim> = doc
        .spans
        .iter()
        .filter(|s| conf.events.contains(&s.label) && !triggers.contains(&s.key))
        .map(|s| ForeignClaim {
            key: s.key.clone(),
            claim_type: s.label.clone(),
            trigger: Some(s.key.clone()),
            arguments: Vec::new(),
            status: s.status,
            confidence: s.confidence,
            at: s.at.clone(),
        })
        .collect();
    doc.claims.extend(lone);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_give_their_type_names() {
        let conf = parse(
            "# our conf\n[entities]\nPerson\n\tPolitician\n!Place\n[relations]\nLocated\tArg1:Person, Arg2:Place\n<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>\n[events]\nRelease\tReleased_person+:Person, Date?:Date\n------\n[attributes]\nNegation\tArg:<EVENT>\n",
        );
        let mut entities: Vec<&str> = conf.entities.iter().map(String::as_str).collect();
        entities.sort_unstable();
        assert_eq!(entities, ["Person", "Place", "Politician"]);
        assert!(conf.events.contains("Release") && conf.events.len() == 1);
        assert!(conf.relations.contains("Located") && conf.relations.len() == 1);
    }

    #[test]
    fn a_trigger_without_an_event_line_is_a_claim_of_its_type() {
        let conf = parse("[entities]\nPerson\n[events]\nRelease\n");
        let (mut doc, refused) = super::super::brat::read(
            "a",
            "Minsk freed Ales.".to_owned(),
            "T1\tRelease 6 11\tfreed\nT2\tPerson 12 16\tAles\nT3\tRelease 6 11\tfreed\nE1\tRelease:T3 Theme:T2\n",
            "a.ann",
        );
        assert!(refused.is_empty(), "{refused:?}");
        apply(&conf, &mut doc);
        let claims: Vec<(&str, Option<&str>, usize)> = doc
            .claims
            .iter()
            .map(|c| {
                (
                    c.claim_type.as_str(),
                    c.trigger.as_deref(),
                    c.arguments.len(),
                )
            })
            .collect();
        assert_eq!(
            claims,
            [("Release", Some("T3"), 1), ("Release", Some("T1"), 0)]
        );
    }
}
