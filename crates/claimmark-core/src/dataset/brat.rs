//! brat standoff: per document `<doc-id>.txt` (the canonical text) and
//! `<doc-id>.ann`, plus `annotation.conf` for the whole dataset.
//!
//! - Every exported span is an entity: `T1\tperson 0 15\tAles Bialiatski`.
//!   Offsets are chars (code points), as brat counts them. A span that
//!   crosses a line break is written in fragments (`0 5;6 17`), as brat
//!   itself does, with the fragments' texts joined by a space.
//! - A span's value, when it has one (or an entity link), is an annotator
//!   note with the canonical value of docs/scoring.md:
//!   `#1\tAnnotatorNotes T3\tdate:2025-09-18/day`.
//! - A claim with a trigger is an event of the claim's type. brat wants the
//!   trigger as a text-bound annotation of the event's type, so the trigger
//!   span gets a second `T` line of that type (`T9\trelease 20 28\treleased`)
//!   besides its entity line. Roles are capitalised (`Released_person`);
//!   a role filled more than once is numbered (`Actor`, `Actor2`), as brat
//!   does: `E1\trelease:T9 Released_person:T1 Date:T3`.
//!
//! Not carried, and listed: claims without a trigger (brat events need
//! one), implicit and orphan arguments (no text to point at), and for the
//! whole dataset statuses, provenance, confidence and notes.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::{DatasetError, DocSelection, NotCarried, Selection, Writer, Written};
use crate::model::schema::{Schema, TRIGGER_ROLE};
use crate::model::{CanonicalText, CharRange, Span};
use crate::score::annotations::span_value;
use crate::score::canon;

/// `released_person` → `Released_person`.
pub fn role_name(role: &str) -> String {
    let mut chars = role.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// A range as brat fragments (split at line breaks) and their text.
pub fn fragments(text: &CanonicalText, range: CharRange) -> (String, String) {
    let covered = text.slice(range).unwrap_or_default();
    let mut parts: Vec<(CharRange, &str)> = Vec::new();
    let mut offset = range.start();
    for piece in covered.split('\n') {
        let len = piece.chars().count();
        let part = CharRange::new(offset, offset.saturating_add(len));
        if !part.is_empty() {
            parts.push((part, piece));
        }
        offset = part.end().saturating_add(1);
    }
    let offsets: Vec<String> = parts
        .iter()
        .map(|(r, _)| format!("{} {}", r.start(), r.end()))
        .collect();
    let texts: Vec<&str> = parts.iter().map(|(_, t)| *t).collect();
    (offsets.join(";"), texts.join(" "))
}

/// The `.ann` of one document and what it could not carry.
pub fn document_ann(
    selection: &Selection<'_>,
    doc: &DocSelection<'_>,
    not_carried: &mut Vec<NotCarried>,
) -> (String, usize) {
    let text = &doc.doc.text;
    let doc_id = doc.doc.id.to_string();
    let mut ann = String::new();
    let mut t_ids: BTreeMap<u32, usize> = BTreeMap::new();
    let mut next_t = 1;
    let mut notes = 1;
    let entity_line = |ann: &mut String, n: usize, label: &str, span: &Span| {
        let (offsets, covered) = fragments(text, span.range);
        let _ = writeln!(ann, "T{n}\t{label} {offsets}\t{covered}");
    };
    for span in &doc.spans {
        entity_line(&mut ann, next_t, span.label.as_str(), span);
        t_ids.insert(span.id.0, next_t);
        if span.value.is_some() || span.entity.is_some() {
            let value = canon::canonical(&span_value(selection.project, doc.doc, span));
            let _ = writeln!(ann, "#{notes}\tAnnotatorNotes T{next_t}\t{value}");
            notes += 1;
        }
        next_t += 1;
    }
    let mut triggers: BTreeMap<(String, u32), usize> = BTreeMap::new();
    let mut events = 0;
    for claim in &doc.claims {
        let trigger = claim
            .arguments
            .iter()
            .find(|a| a.role.as_str() == TRIGGER_ROLE)
            .and_then(|a| doc.doc.span(a.span));
        let Some(trigger) = trigger else {
            not_carried.push(NotCarried {
                doc: doc_id.clone(),
                item: format!("claim {} ({})", claim.id, claim.claim_type),
                reason: "claim without a trigger: brat events need one".to_owned(),
            });
            continue;
        };
        let key = (claim.claim_type.as_str().to_owned(), trigger.id.0);
        let trigger_t = if let Some(&t) = triggers.get(&key) {
            t
        } else {
            entity_line(&mut ann, next_t, claim.claim_type.as_str(), trigger);
            triggers.insert(key, next_t);
            next_t += 1;
            next_t - 1
        };
        events += 1;
        let mut line = format!("E{events}\t{}:T{trigger_t}", claim.claim_type);
        let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
        for argument in claim
            .arguments
            .iter()
            .filter(|a| a.role.as_str() != TRIGGER_ROLE)
        {
            let Some(&t) = t_ids.get(&argument.span.0) else {
                continue;
            };
            let n = seen.entry(argument.role.as_str()).or_insert(0);
            *n += 1;
            let suffix = if *n > 1 { n.to_string() } else { String::new() };
            let _ = write!(line, " {}{suffix}:T{t}", role_name(argument.role.as_str()));
        }
        let _ = writeln!(ann, "{line}");
        for implicit in &claim.implicit {
            not_carried.push(NotCarried {
                doc: doc_id.clone(),
                item: format!("claim {} role {}", claim.id, implicit.role),
                reason: "implicit argument: no text for brat to point at".to_owned(),
            });
        }
        for orphan in &claim.orphans {
            not_carried.push(NotCarried {
                doc: doc_id.clone(),
                item: format!("claim {} role {}", claim.id, orphan.role),
                reason: "orphan argument: its text was not found in the document".to_owned(),
            });
        }
    }
    (ann, events)
}

/// `annotation.conf` for a schema.
pub fn annotation_conf(schema: &Schema) -> String {
    let mut conf = String::from(
        "# brat configuration written by claimmark dataset --format brat\n[entities]\n",
    );
    for label in &schema.labels {
        let _ = writeln!(conf, "{}", label.name);
    }
    conf.push_str(
        "\n[relations]\n# Spans may nest and overlap.\n<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>\n\n[events]\n",
    );
    let all_labels: Vec<&str> = schema.labels.iter().map(|l| l.name.as_str()).collect();
    for claim_type in &schema.claim_types {
        let roles: Vec<String> = claim_type
            .roles
            .iter()
            .filter(|r| r.name.as_str() != TRIGGER_ROLE)
            .map(|role| {
                let mark = match (role.required, role.multiple) {
                    (true, true) => "+",
                    (true, false) => "",
                    (false, true) => "*",
                    (false, false) => "?",
                };
                let labels: Vec<&str> = if role.labels.is_empty() {
                    all_labels.clone()
                } else {
                    role.labels.iter().map(crate::model::Name::as_str).collect()
                };
                format!(
                    "{}{mark}:{}",
                    role_name(role.name.as_str()),
                    labels.join("|")
                )
            })
            .collect();
        let _ = writeln!(conf, "{}\t{}", claim_type.name, roles.join(", "));
    }
    conf.push_str("\n[attributes]\n");
    conf
}

/// Writes the brat files of a selection.
pub fn write(selection: &Selection<'_>, writer: &mut Writer) -> Result<Written, DatasetError> {
    let mut written = Written::default();
    let mut events = 0;
    for doc in &selection.docs {
        writer.write(
            &format!("{}.txt", doc.doc.id),
            doc.doc.text.as_str().as_bytes(),
        )?;
        let (ann, n) = document_ann(selection, doc, &mut written.not_carried);
        events += n;
        writer.write(&format!("{}.ann", doc.doc.id), ann.as_bytes())?;
    }
    writer.write(
        "annotation.conf",
        annotation_conf(&selection.project.schema).as_bytes(),
    )?;
    written.counts.insert("events".to_owned(), events);
    written.not_carried.push(NotCarried {
        doc: "*".to_owned(),
        item: "statuses, provenance, confidence, notes".to_owned(),
        reason: "brat standoff has no place for review data".to_owned(),
    });
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::tests::project;

    #[test]
    fn roles_are_capitalised_and_fragments_split_at_line_breaks() {
        assert_eq!(role_name("released_person"), "Released_person");
        let text = CanonicalText::from_bytes("ab Maria\nKolesnikova cd".as_bytes()).unwrap();
        assert_eq!(
            fragments(&text, CharRange::from_offsets(3, 20)),
            ("3 8;9 20".to_owned(), "Maria Kolesnikova".to_owned())
        );
    }

    #[test]
    fn ann_lists_entities_notes_triggers_and_events() {
        let p = project();
        let selection = Selection::of(&p);
        let mut not_carried = Vec::new();
        let (ann, events) = document_ann(&selection, &selection.docs[0], &mut not_carried);
        assert_eq!(events, 1);
        let lines: Vec<&str> = ann.lines().collect();
        assert_eq!(lines[0], "T1\tperson 0 15\tAles Bialiatski");
        assert_eq!(lines[1], "T2\tevent 20 28\treleased");
        assert_eq!(lines[2], "T3\tdate 32 44\t18 September");
        assert_eq!(lines[3], "#1\tAnnotatorNotes T3\tdate:2025-09-18/day");
        assert!(ann.contains("T7\trelease 20 28\treleased\n"), "{ann}");
        assert!(
            ann.contains("E1\trelease:T7 Released_person:T1 Date:T3\n"),
            "{ann}"
        );
        assert!(
            ann.contains("T6\tperson 77 82;83 94\tMaria Kolesnikova\n"),
            "{ann}"
        );
        let reasons: Vec<_> = not_carried
            .iter()
            .map(|n| (n.item.as_str(), n.reason.as_str()))
            .collect();
        assert_eq!(
            reasons,
            [
                (
                    "claim c1 role place",
                    "implicit argument: no text for brat to point at"
                ),
                (
                    "claim c2 (prisoner_count)",
                    "claim without a trigger: brat events need one"
                ),
            ]
        );
    }

    #[test]
    fn conf_declares_labels_and_roles() {
        let conf = annotation_conf(&Schema::default_news());
        assert!(conf.contains("[entities]\nperson\ndate\n"), "{conf}");
        assert!(
            conf.contains("release\tCount?:count, Date?:date, Released_person*:person, Actor*:person|organization, Source*:person|organization\n"),
            "{conf}"
        );
        assert!(
            conf.contains("prisoner_count\tCount:count, As_of?:date"),
            "{conf}"
        );
        assert!(conf.contains("sentence\tSentenced_person*:person, Term?:person|date|count|event|organization|place"), "{conf}");
    }
}
