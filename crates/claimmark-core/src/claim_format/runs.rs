//! Extractor runs: what a later run of an extractor gives compared with an
//! earlier one, per document: claims that are new, that disappeared, that
//! changed (same type and trigger, other arguments or values) and that came
//! back unchanged. Import uses it against the project's claims of the same
//! agent; `claimmark diff-runs` against two claims files.

use std::collections::HashMap;

use serde::Serialize;

use crate::model::{CharRange, Claim, Document, Name, TRIGGER_ROLE, Value};

/// Where an argument is: a range when both sides count into the same text,
/// its quote when they do not (a run on changed text), or nowhere (an
/// implicit argument).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Place {
    Range(usize, usize),
    Quote(String),
    Implicit,
}

/// One argument of a [`ClaimShape`].
#[derive(Debug, Clone, PartialEq)]
pub struct ShapeArgument {
    pub role: Name,
    pub place: Place,
    /// The text it covers, for messages.
    pub quote: String,
    pub value: Option<Value>,
}

/// A claim reduced to what a run comparison looks at.
#[derive(Debug, Clone, PartialEq)]
pub struct ClaimShape {
    pub doc: String,
    pub claim_type: Name,
    pub trigger: Option<Place>,
    /// Sorted by role, then place; the trigger is not among them.
    pub arguments: Vec<ShapeArgument>,
}

/// What two claims must share to be versions of one claim: document, type
/// and trigger; for a claim without a trigger, the places of its
/// arguments.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ShapeKey {
    doc: String,
    claim_type: Name,
    trigger: Option<Place>,
    places: Vec<(Name, Place)>,
}

impl ClaimShape {
    /// Builds a shape, sorting the arguments.
    pub fn new(
        doc: String,
        claim_type: Name,
        trigger: Option<Place>,
        mut arguments: Vec<ShapeArgument>,
    ) -> Self {
        arguments.sort_by(|a, b| (&a.role, &a.place).cmp(&(&b.role, &b.place)));
        Self {
            doc,
            claim_type,
            trigger,
            arguments,
        }
    }

    /// A claim of the project, its ranges in the document's text.
    pub fn of_claim(doc: &Document, claim: &Claim) -> Self {
        let range_place = |range: CharRange| Place::Range(range.start().get(), range.end().get());
        let mut trigger = None;
        let mut arguments = Vec::new();
        for argument in &claim.arguments {
            let Some(span) = doc.span(argument.span) else {
                continue;
            };
            if argument.role.as_str() == TRIGGER_ROLE {
                trigger = Some(range_place(span.range));
                continue;
            }
            arguments.push(ShapeArgument {
                role: argument.role.clone(),
                place: range_place(span.range),
                quote: doc.span_text(span).to_owned(),
                value: span.value.as_ref().map(|v| v.value.clone()),
            });
        }
        arguments.extend(claim.implicit.iter().map(|implicit| ShapeArgument {
            role: implicit.role.clone(),
            place: Place::Implicit,
            quote: String::new(),
            value: Some(implicit.value.clone()),
        }));
        arguments.extend(claim.orphans.iter().map(|orphan| ShapeArgument {
            role: orphan.role.clone(),
            place: Place::Quote(orphan.exact.clone()),
            quote: orphan.exact.clone(),
            value: orphan.value.clone(),
        }));
        Self::new(
            doc.id.as_str().to_owned(),
            claim.claim_type.clone(),
            trigger,
            arguments,
        )
    }

    pub fn key(&self) -> ShapeKey {
        ShapeKey {
            doc: self.doc.clone(),
            claim_type: self.claim_type.clone(),
            trigger: self.trigger.clone(),
            places: if self.trigger.is_some() {
                Vec::new()
            } else {
                self.arguments
                    .iter()
                    .map(|a| (a.role.clone(), a.place.clone()))
                    .collect()
            },
        }
    }

    /// The same claim: same key, same arguments in the same places, and
    /// the same values where both sides give one (a value stated on one
    /// side only is no disagreement).
    pub fn same_as(&self, other: &Self) -> bool {
        self.doc == other.doc
            && self.claim_type == other.claim_type
            && self.trigger == other.trigger
            && self.arguments.len() == other.arguments.len()
            && self.arguments.iter().zip(&other.arguments).all(|(a, b)| {
                a.role == b.role
                    && a.place == b.place
                    && (a.value.is_none() || b.value.is_none() || a.value == b.value)
            })
    }

    /// How `later` differs from `self`, one phrase per role:
    /// `count “31” → “30”`, `place “Minsk” added`, `source “Viasna” removed`.
    pub fn differences(&self, later: &Self) -> Vec<String> {
        let mut roles: Vec<&Name> = self
            .arguments
            .iter()
            .chain(&later.arguments)
            .map(|a| &a.role)
            .collect();
        roles.sort();
        roles.dedup();
        let mut out = Vec::new();
        for role in roles {
            let of = |shape: &Self| -> Vec<ShapeArgument> {
                shape
                    .arguments
                    .iter()
                    .filter(|a| &a.role == role)
                    .cloned()
                    .collect()
            };
            let (before, after) = (of(self), of(later));
            let same = before.len() == after.len()
                && before.iter().zip(&after).all(|(a, b)| {
                    a.place == b.place
                        && (a.value.is_none() || b.value.is_none() || a.value == b.value)
                });
            if same {
                continue;
            }
            let quotes = |arguments: &[ShapeArgument]| {
                arguments
                    .iter()
                    .map(describe_argument)
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            out.push(match (before.is_empty(), after.is_empty()) {
                (true, _) => format!("{role} {} added", quotes(&after)),
                (_, true) => format!("{role} {} removed", quotes(&before)),
                _ => format!("{role} {} → {}", quotes(&before), quotes(&after)),
            });
        }
        out
    }
}

fn describe_argument(argument: &ShapeArgument) -> String {
    // A text value that repeats the quote says nothing more.
    let value = argument
        .value
        .as_ref()
        .filter(|value| !matches!(value, Value::Text { text } if *text == argument.quote))
        .map(Value::describe);
    match (&argument.place, value) {
        (Place::Implicit, Some(value)) => format!("({value})"),
        (Place::Implicit, None) => "(implicit)".to_owned(),
        (_, Some(value)) if value != argument.quote => {
            format!("“{}” ({value})", argument.quote)
        }
        _ => format!("“{}”", argument.quote),
    }
}

/// How one claim of a run relates to the other run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pairing {
    /// Only in the later run (index into `later`).
    New(usize),
    /// Only in the earlier run (index into `earlier`).
    Gone(usize),
    /// Same key, other arguments or values: `(earlier, later)`.
    Changed(usize, usize),
    /// The same claim in both: `(earlier, later)`.
    Unchanged(usize, usize),
}

/// Pairs two runs' claims. Within one key, identical claims pair first,
/// then the rest pair in order as changed; what is left over is new or
/// gone. Every index of either side appears exactly once; the result is in
/// `later` order, then the gone ones in `earlier` order.
pub fn pair_runs(earlier: &[ClaimShape], later: &[ClaimShape]) -> Vec<Pairing> {
    let mut by_key: HashMap<ShapeKey, Vec<usize>> = HashMap::new();
    for (index, shape) in earlier.iter().enumerate() {
        by_key.entry(shape.key()).or_default().push(index);
    }
    let mut taken = vec![false; earlier.len()];
    let mut out: Vec<Option<Pairing>> = vec![None; later.len()];
    // Identical pairs first, so a changed claim never takes the partner
    // of an unchanged one.
    let keys: Vec<ShapeKey> = later.iter().map(ClaimShape::key).collect();
    for (index, shape) in later.iter().enumerate() {
        let Some(candidates) = by_key.get(&keys[index]) else {
            continue;
        };
        if let Some(&partner) = candidates
            .iter()
            .find(|&&e| !taken[e] && earlier[e].same_as(shape))
        {
            taken[partner] = true;
            out[index] = Some(Pairing::Unchanged(partner, index));
        }
    }
    for (index, slot) in out.iter_mut().enumerate() {
        if slot.is_some() {
            continue;
        }
        let partner = by_key
            .get(&keys[index])
            .and_then(|candidates| candidates.iter().copied().find(|&e| !taken[e]));
        *slot = Some(match partner {
            Some(partner) => {
                taken[partner] = true;
                Pairing::Changed(partner, index)
            }
            None => Pairing::New(index),
        });
    }
    let mut pairings: Vec<Pairing> = out.into_iter().flatten().collect();
    pairings.extend(
        taken
            .iter()
            .enumerate()
            .filter(|(_, taken)| !**taken)
            .map(|(index, _)| Pairing::Gone(index)),
    );
    pairings
}

/// A claim that came back changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChangedClaim {
    pub earlier: String,
    pub later: String,
    pub changes: Vec<String>,
}

/// What changed between two runs in one document. Claims are named by
/// their claim/v1 ids (the project's claim ids for an import).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct DocumentChanges {
    pub doc: String,
    pub new: Vec<String>,
    pub gone: Vec<String>,
    pub changed: Vec<ChangedClaim>,
    pub unchanged: usize,
}

impl DocumentChanges {
    /// `doc-a: 2 new, 1 gone, 1 changed, 40 unchanged`.
    pub fn summary(&self) -> String {
        format!(
            "{}: {} new, {} gone, {} changed, {} unchanged",
            self.doc,
            self.new.len(),
            self.gone.len(),
            self.changed.len(),
            self.unchanged
        )
    }
}

/// What changed between two runs, document by document (in id order).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct RunChanges {
    pub documents: Vec<DocumentChanges>,
}

impl RunChanges {
    /// Gathers pairings per document; `earlier_id` and `later_id` name a
    /// claim by its index.
    pub fn from_pairings(
        earlier: &[ClaimShape],
        later: &[ClaimShape],
        pairings: &[Pairing],
        earlier_id: impl Fn(usize) -> String,
        later_id: impl Fn(usize) -> String,
    ) -> Self {
        let mut documents: std::collections::BTreeMap<String, DocumentChanges> =
            std::collections::BTreeMap::new();
        for pairing in pairings {
            let doc = match *pairing {
                Pairing::New(l) | Pairing::Changed(_, l) | Pairing::Unchanged(_, l) => {
                    &later[l].doc
                }
                Pairing::Gone(e) => &earlier[e].doc,
            };
            let entry = documents
                .entry(doc.clone())
                .or_insert_with(|| DocumentChanges {
                    doc: doc.clone(),
                    ..DocumentChanges::default()
                });
            match *pairing {
                Pairing::New(l) => entry.new.push(later_id(l)),
                Pairing::Gone(e) => entry.gone.push(earlier_id(e)),
                Pairing::Changed(e, l) => entry.changed.push(ChangedClaim {
                    earlier: earlier_id(e),
                    later: later_id(l),
                    changes: earlier[e].differences(&later[l]),
                }),
                Pairing::Unchanged(..) => entry.unchanged += 1,
            }
        }
        Self {
            documents: documents.into_values().collect(),
        }
    }

    /// Adds another comparison's changes (another agent's), document by
    /// document.
    pub fn merge(&mut self, other: Self) {
        for theirs in other.documents {
            match self.documents.binary_search_by(|d| d.doc.cmp(&theirs.doc)) {
                Ok(at) => {
                    let ours = &mut self.documents[at];
                    ours.new.extend(theirs.new);
                    ours.gone.extend(theirs.gone);
                    ours.changed.extend(theirs.changed);
                    ours.unchanged += theirs.unchanged;
                }
                Err(at) => self.documents.insert(at, theirs),
            }
        }
    }

    /// Totals over all documents: (new, gone, changed, unchanged).
    pub fn totals(&self) -> (usize, usize, usize, usize) {
        self.documents.iter().fold((0, 0, 0, 0), |t, d| {
            (
                t.0 + d.new.len(),
                t.1 + d.gone.len(),
                t.2 + d.changed.len(),
                t.3 + d.unchanged,
            )
        })
    }

    /// One line per document, each change indented under it.
    pub fn lines(&self) -> Vec<String> {
        let mut out = Vec::new();
        for doc in &self.documents {
            out.push(doc.summary());
            out.extend(doc.new.iter().map(|id| format!("  new      {id}")));
            out.extend(doc.gone.iter().map(|id| format!("  gone     {id}")));
            out.extend(doc.changed.iter().map(|changed| {
                format!(
                    "  changed  {} → {}: {}",
                    changed.earlier,
                    changed.later,
                    changed.changes.join("; ")
                )
            }));
        }
        let (new, gone, changed, unchanged) = self.totals();
        out.push(format!(
            "{} document(s): {new} new, {gone} gone, {changed} changed, {unchanged} unchanged",
            self.documents.len()
        ));
        out
    }
}

#[cfg(test)]
mod tests;

/// Two claims files compared as two runs (`claimmark diff-runs`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct FileRunChanges {
    pub earlier: String,
    pub later: String,
    /// Documents whose text differs between the files (by SHA-256): their
    /// claims are compared by quote, not by offset.
    pub changed_texts: Vec<String>,
    pub changes: RunChanges,
    /// Lines that could not be read, as `file:line[:col]: message`; they
    /// are left out of the comparison.
    pub problems: Vec<String>,
}

/// A claims file that could not be opened or read.
#[derive(Debug, thiserror::Error)]
#[error("could not read {}: {source}", path.display())]
pub struct RunFileError {
    path: std::path::PathBuf,
    source: std::io::Error,
}

struct RunFile {
    lines: Vec<super::line::ClaimLine>,
    problems: Vec<String>,
}

fn read_run(path: &std::path::Path) -> Result<RunFile, RunFileError> {
    let error = |source| RunFileError {
        path: path.to_owned(),
        source,
    };
    let file = crate::storage::input::open_regular(path).map_err(error)?;
    let shown = path.display().to_string();
    let mut run = RunFile {
        lines: Vec::new(),
        problems: Vec::new(),
    };
    let reader = std::io::BufReader::with_capacity(1 << 16, file);
    for item in super::line::read_lines(reader, super::MAX_LINE_BYTES, super::line::parse_line) {
        match item.map_err(error)? {
            (_, Ok(line)) => run.lines.push(line),
            (number, Err(problem)) if problem.column > 1 => run.problems.push(format!(
                "{shown}:{number}:{}: {}",
                problem.column, problem.message
            )),
            (number, Err(problem)) => run
                .problems
                .push(format!("{shown}:{number}: {}", problem.message)),
        }
    }
    Ok(run)
}

fn anchor_place(anchor: &super::line::AnchorSpec, by_quote: bool) -> Place {
    if by_quote {
        Place::Quote(anchor.exact.clone())
    } else {
        Place::Range(anchor.start, anchor.end)
    }
}

fn shape_of_line(line: &super::line::ClaimLine, by_quote: bool) -> ClaimShape {
    let mut arguments: Vec<ShapeArgument> = line
        .args
        .iter()
        .map(|argument| ShapeArgument {
            role: argument.role.clone(),
            place: argument
                .anchor
                .as_ref()
                .map_or(Place::Implicit, |anchor| anchor_place(anchor, by_quote)),
            quote: argument
                .anchor
                .as_ref()
                .map(|anchor| anchor.exact.clone())
                .unwrap_or_default(),
            value: Some(argument.value.clone()),
        })
        .collect();
    arguments.extend(line.orphans.iter().map(|orphan| ShapeArgument {
        role: orphan.role.clone(),
        place: Place::Quote(orphan.exact.clone()),
        quote: orphan.exact.clone(),
        value: orphan.value.clone(),
    }));
    ClaimShape::new(
        line.doc.id.clone(),
        line.claim_type.clone(),
        line.trigger.as_ref().map(|t| anchor_place(t, by_quote)),
        arguments,
    )
}

fn document_texts(run: &RunFile) -> HashMap<&str, [u8; 32]> {
    run.lines
        .iter()
        .map(|line| (line.doc.id.as_str(), line.doc.text_sha256))
        .collect()
}

/// Compares two claims files as an earlier and a later run. Claims are
/// named by their ids in the files.
pub fn compare_files(
    earlier: &std::path::Path,
    later: &std::path::Path,
) -> Result<FileRunChanges, RunFileError> {
    // Parsing is most of the work: the two files are read side by side.
    let (a, b) = std::thread::scope(|scope| {
        let a = scope.spawn(|| read_run(earlier));
        let b = read_run(later);
        (a.join(), b)
    });
    let a = match a {
        Ok(read) => read?,
        Err(panic) => std::panic::resume_unwind(panic),
    };
    let b = b?;
    let (texts_a, texts_b) = (document_texts(&a), document_texts(&b));
    let mut changed_texts: Vec<String> = texts_a
        .iter()
        .filter(|(doc, sha)| texts_b.get(*doc).is_some_and(|other| other != *sha))
        .map(|(doc, _)| (*doc).to_owned())
        .collect();
    changed_texts.sort();
    let by_quote = |doc: &str| {
        changed_texts
            .binary_search_by(|d| d.as_str().cmp(doc))
            .is_ok()
    };
    let shapes = |run: &RunFile| -> Vec<ClaimShape> {
        run.lines
            .iter()
            .map(|line| shape_of_line(line, by_quote(&line.doc.id)))
            .collect()
    };
    let (shapes_a, shapes_b) = (shapes(&a), shapes(&b));
    let pairings = pair_runs(&shapes_a, &shapes_b);
    let changes = RunChanges::from_pairings(
        &shapes_a,
        &shapes_b,
        &pairings,
        |e| a.lines[e].id.clone(),
        |l| b.lines[l].id.clone(),
    );
    Ok(FileRunChanges {
        earlier: earlier.display().to_string(),
        later: later.display().to_string(),
        changed_texts,
        changes,
        problems: a.problems.into_iter().chain(b.problems).collect(),
    })
}
