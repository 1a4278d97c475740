//! brat standoff: a `.txt` and its `.ann`, offsets in code points of the
//! text as brat read it (CRLF counted as two).
//!
//! Lines read: `T` text-bound annotations (discontinuous `s e;s e` ranges
//! become one span per fragment, noted as parts), `E` events (type and
//! trigger, then `Role:T…` arguments; a role's trailing digits are dropped:
//! `Theme2` is `Theme`), `R` relations, `A`/`M` attributes and `N`
//! normalisations (kept in the span's note), `#` notes (the note). `*`
//! equivalences have no claimmark meaning and are reported.

use std::path::{Path, PathBuf};

use super::foreign::{
    ForeignClaim, ForeignDocument, ForeignRelation, ForeignSpan, Location, Refusal,
};
use super::offsets::OffsetUnit;
use crate::model::ReviewStatus;

/// The (`.txt`, `.ann`) pairs that `paths` name: an `.ann`, a `.txt`, or a
/// folder of them (sorted by name).
pub fn pairs(paths: &[PathBuf]) -> (Vec<(PathBuf, PathBuf)>, Vec<Refusal>) {
    let mut pairs = Vec::new();
    let mut refused = Vec::new();
    for path in paths {
        if path.is_dir() {
            let mut anns: Vec<PathBuf> = std::fs::read_dir(path)
                .into_iter()
                .flatten()
                .flatten()
                .map(|entry| entry.path())
                .filter(|p| p.extension().is_some_and(|e| e == "ann"))
                .collect();
            anns.sort();
            if anns.is_empty() {
                refused.push(Refusal {
                    at: Location::file(&path.display().to_string()),
                    why: "the folder has no .ann files".into(),
                });
            }
            for ann in anns {
                push_pair(&ann, &mut pairs, &mut refused);
            }
        } else {
            push_pair(path, &mut pairs, &mut refused);
        }
    }
    (pairs, refused)
}

fn push_pair(path: &Path, pairs: &mut Vec<(PathBuf, PathBuf)>, refused: &mut Vec<Refusal>) {
    let txt = path.with_extension("txt");
    let ann = path.with_extension("ann");
    if !txt.is_file() {
        refused.push(Refusal {
            at: Location::file(&ann.display().to_string()),
            why: format!(
                "its text {} is missing; brat needs both files",
                txt.display()
            ),
        });
    } else if !ann.is_file() {
        refused.push(Refusal {
            at: Location::file(&txt.display().to_string()),
            why: format!("its annotations {} are missing", ann.display()),
        });
    } else if !pairs.iter().any(|(t, _)| *t == txt) {
        pairs.push((txt, ann));
    }
}

/// One document from a brat pair's contents.
pub fn read(
    name: &str,
    text: String,
    ann: &str,
    ann_file: &str,
) -> (ForeignDocument, Vec<Refusal>) {
    let mut doc = ForeignDocument {
        name: name.to_owned(),
        source: ann_file.to_owned(),
        text,
        unit: OffsetUnit::CodePoints,
        spans: Vec::new(),
        claims: Vec::new(),
        relations: Vec::new(),
        model: None,
        spacing_rebuilt: false,
        note: String::new(),
        at: Location::file(ann_file),
    };
    let mut refused = Vec::new();
    let mut notes: Vec<(String, String, Location)> = Vec::new();
    let mut defined = std::collections::HashSet::new();
    for (index, line) in ann.lines().enumerate() {
        let at = Location::line(ann_file, index + 1);
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            continue;
        }
        let fields: Vec<&str> = line.splitn(3, '\t').collect();
        let id = fields[0];
        let result =
            match id.chars().next() {
                Some('T') if !defined.insert(id.to_owned()) => {
                    Err(format!("{id} is defined twice; the first is kept"))
                }
                Some('T') => text_bound(&mut doc, &fields, &at),
                Some('E') => event(&mut doc, &fields, &at),
                Some('R') => relation(&mut doc, &fields, &at),
                Some('A' | 'M') => {
                    attribute(&fields).map(|(target, note)| notes.push((target, note, at.clone())))
                }
                Some('N') => normalisation(&fields)
                    .map(|(target, note)| notes.push((target, note, at.clone()))),
                Some('#') => annotator_note(&fields)
                    .map(|(target, note)| notes.push((target, note, at.clone()))),
                Some('*') => {
                    Err("an equivalence (*) has no claimmark meaning; not imported".to_owned())
                }
                _ => Err(format!(
                    "“{id}” is not a brat annotation id (T, E, R, A, M, N, # or *)"
                )),
            };
        if let Err(why) = result {
            refused.push(Refusal { at, why });
        }
    }
    let span_at: std::collections::HashMap<String, usize> = doc
        .spans
        .iter()
        .enumerate()
        .map(|(index, span)| (span.key.clone(), index))
        .collect();
    let triggers: std::collections::HashMap<&str, &str> = doc
        .claims
        .iter()
        .filter_map(|c| Some((c.key.as_str(), c.trigger.as_deref()?)))
        .collect();
    let notes: Vec<(String, String, Location)> = notes
        .into_iter()
        .map(|(target, note, at)| {
            // A note on an event goes on its trigger.
            let target = triggers
                .get(target.as_str())
                .map_or(target, |t| (*t).to_owned());
            (target, note, at)
        })
        .collect();
    for (target, note, at) in notes {
        match span_at
            .get(&target)
            .and_then(|&index| doc.spans.get_mut(index))
        {
            Some(span) => {
                if !span.note.is_empty() {
                    span.note.push_str("; ");
                }
                span.note.push_str(&note);
            }
            None => refused.push(Refusal {
                at,
                why: format!("it refers to {target}, which this file does not define"),
            }),
        }
    }
    (doc, refused)
}

fn text_bound(doc: &mut ForeignDocument, fields: &[&str], at: &Location) -> Result<(), String> {
    let [id, kind, covered] = fields else {
        return Err(
            "a T line needs three tab-separated fields: id, “Label start end”, text".into(),
        );
    };
    let (label, ranges) = kind
        .split_once(' ')
        .ok_or("the second field must be “Label start end”")?;
    let mut fragments = Vec::new();
    for range in ranges.split(';') {
        let (start, end) = range
            .trim()
            .split_once(' ')
            .ok_or_else(|| format!("“{range}” is not “start end”"))?;
        let parse = |raw: &str| {
            raw.parse::<usize>()
                .map_err(|_| format!("“{raw}” is not an offset"))
        };
        fragments.push((parse(start)?, parse(end)?));
    }
    // brat joins a discontinuous span's fragments with one space.
    let lengths: usize = fragments.iter().map(|(s, e)| e.saturating_sub(*s)).sum();
    let split = covered.chars().count() == lengths + fragments.len() - 1;
    let mut rest: Vec<char> = covered.chars().collect();
    let parts = fragments.len();
    for (n, (start, end)) in fragments.into_iter().enumerate() {
        let len = end.saturating_sub(start);
        let piece = if parts == 1 {
            Some((*covered).to_owned())
        } else if split {
            let piece: String = rest.iter().take(len).collect();
            rest.drain(..(len + 1).min(rest.len()));
            Some(piece)
        } else {
            None
        };
        doc.spans.push(ForeignSpan {
            key: if n == 0 {
                (*id).to_owned()
            } else {
                format!("{id}#{}", n + 1)
            },
            start,
            end,
            label: (*label).to_owned(),
            covered: piece,
            status: ReviewStatus::Accepted,
            confidence: None,
            note: if parts > 1 {
                format!("part {} of {parts} of brat {id}", n + 1)
            } else {
                String::new()
            },
            at: at.clone(),
        });
    }
    Ok(())
}

/// `Theme2` → `Theme`: brat numbers repeated roles.
fn role_name(raw: &str) -> &str {
    let trimmed = raw.trim_end_matches(|c: char| c.is_ascii_digit());
    if trimmed.is_empty() { raw } else { trimmed }
}

fn event(doc: &mut ForeignDocument, fields: &[&str], at: &Location) -> Result<(), String> {
    let (id, body) = match fields {
        [id, body] | [id, body, _] => (*id, *body),
        _ => return Err("an E line needs an id and “Type:Trigger Role:Arg …”".into()),
    };
    let mut parts = body.split_whitespace();
    let head = parts.next().ok_or("the event has no type")?;
    let (claim_type, trigger) = head
        .split_once(':')
        .map_or((head, None), |(t, trigger)| (t, Some(trigger.to_owned())));
    let mut arguments = Vec::new();
    for part in parts {
        let (role, target) = part
            .split_once(':')
            .ok_or_else(|| format!("“{part}” is not “Role:Id”"))?;
        arguments.push((role_name(role).to_owned(), target.to_owned()));
    }
    doc.claims.push(ForeignClaim {
        key: id.to_owned(),
        claim_type: claim_type.to_owned(),
        trigger,
        arguments,
        status: ReviewStatus::Accepted,
        confidence: None,
        at: at.clone(),
    });
    Ok(())
}

fn relation(doc: &mut ForeignDocument, fields: &[&str], at: &Location) -> Result<(), String> {
    let body = fields
        .get(1)
        .ok_or("an R line needs “Type Arg1:Id Arg2:Id”")?;
    let mut parts = body.split_whitespace();
    let label = parts.next().ok_or("the relation has no type")?;
    let mut ends = parts.filter_map(|p| p.split_once(':').map(|(_, id)| id.to_owned()));
    let (Some(from), Some(to)) = (ends.next(), ends.next()) else {
        return Err("a relation needs two arguments, Arg1:Id Arg2:Id".into());
    };
    doc.relations.push(ForeignRelation {
        label: label.to_owned(),
        from,
        to,
        at: at.clone(),
    });
    Ok(())
}

fn attribute(fields: &[&str]) -> Result<(String, String), String> {
    let body = fields
        .get(1)
        .ok_or("an attribute line needs “Name Target [Value]”")?;
    let mut parts = body.split_whitespace();
    let (Some(name), Some(target)) = (parts.next(), parts.next()) else {
        return Err("an attribute needs a name and a target".into());
    };
    let note = match parts.next() {
        Some(value) => format!("{name}: {value}"),
        None => name.to_owned(),
    };
    Ok((target.to_owned(), note))
}

fn normalisation(fields: &[&str]) -> Result<(String, String), String> {
    let body = fields
        .get(1)
        .ok_or("an N line needs “Reference Target Db:Id”")?;
    let mut parts = body.split_whitespace();
    let (Some(_), Some(target), Some(reference)) = (parts.next(), parts.next(), parts.next())
    else {
        return Err("a normalisation needs a type, a target and Db:Id".into());
    };
    let note = match fields.get(2) {
        Some(name) if !name.is_empty() => format!("{reference} ({name})"),
        _ => reference.to_owned(),
    };
    Ok((target.to_owned(), note))
}

fn annotator_note(fields: &[&str]) -> Result<(String, String), String> {
    let body = fields
        .get(1)
        .ok_or("a note line needs “AnnotatorNotes Target”")?;
    let target = body
        .split_whitespace()
        .nth(1)
        .ok_or("the note names no target")?;
    Ok((
        target.to_owned(),
        fields.get(2).copied().unwrap_or_default().to_owned(),
    ))
}
