//! `WebAnno` TSV 3 (`INCEpTION`'s tab-separated export): `#FORMAT=WebAnno TSV
//! 3.x`, layer declarations (`#T_SP=` span layers, `#T_RL=` relation
//! layers; `#T_CH=` chains are reported), `#Text=` sentence lines, then one
//! line per token: `sentence-token`, `begin-end` in UTF-16 code units of
//! the document, the token, and one column per feature of each layer.
//!
//! Span values: `_` none, `*` an annotation without a value (the layer's
//! name is its label), `VALUE`, and `[n]` joining the tokens of one
//! multi-token annotation; `|` stacks several. A relation's columns sit on
//! its target token, the last naming the source token (`1-1`, or
//! `1-1[3_4]` with the source and target annotations' ids). Values are
//! unescaped (`\|`, `\_`, `\*`, `\[`, `\]`, `\t`, `\n`, `\\`).
//!
//! The file does not hold the document's exact text: it is rebuilt from
//! the `#Text=` lines at their first token's offset (gaps between
//! sentences as a line break, then spaces), so it matches a project's
//! document only when that is how the text was laid out.

use std::collections::HashMap;

use super::foreign::{ForeignDocument, ForeignRelation, ForeignSpan, Location, Refusal};
use super::offsets::OffsetUnit;
use crate::model::ReviewStatus;

struct Layer {
    name: String,
    relation: bool,
    /// Feature columns (a relation's last column is its source, counted
    /// separately).
    features: Vec<String>,
    /// The base span layer a relation connects (`BT_…`), by short name.
    base: Option<String>,
}

impl Layer {
    fn columns(&self) -> usize {
        self.features.len().max(usize::from(!self.relation)) + usize::from(self.relation)
    }

    /// The column holding the label: `value` when there is one, else the
    /// first feature.
    fn label_column(&self) -> usize {
        self.features.iter().position(|f| f == "value").unwrap_or(0)
    }
}

fn short(name: &str) -> String {
    name.rsplit('.').next().unwrap_or(name).to_owned()
}

fn unescape(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('t') => out.push('\t'),
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

/// Splits on `|` that is not escaped.
fn stacked(raw: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut start = 0;
    let mut escaped = false;
    for (at, c) in raw.char_indices() {
        match c {
            '\\' if !escaped => escaped = true,
            '|' if !escaped => {
                parts.push(&raw[start..at]);
                start = at + 1;
            }
            _ => escaped = false,
        }
    }
    parts.push(&raw[start..]);
    parts
}

/// `VALUE[3]` → (`VALUE`, Some("3")); an escaped `\[` is not an id.
fn with_id(raw: &str) -> (&str, Option<&str>) {
    if let Some(stripped) = raw.strip_suffix(']')
        && let Some(open) = stripped.rfind('[')
        && !stripped[..open].ends_with('\\')
    {
        return (&stripped[..open], Some(&stripped[open + 1..]));
    }
    (raw, None)
}

/// One document from a TSV file's contents.
#[allow(clippy::too_many_lines)] // header, text, then token lines
pub fn read(name: &str, contents: &str, file: &str) -> (Option<ForeignDocument>, Vec<Refusal>) {
    let mut refused = Vec::new();
    let mut lines = contents.lines().enumerate().peekable();
    match lines.peek() {
        Some((_, first))
            if first
                .trim_start_matches('\u{feff}')
                .starts_with("#FORMAT=WebAnno TSV 3") => {}
        _ => {
            refused.push(Refusal {
                at: Location::line(file, 1),
                why: "not WebAnno TSV 3: the first line must be #FORMAT=WebAnno TSV 3.x".into(),
            });
            return (None, refused);
        }
    }
    let mut layers: Vec<Layer> = Vec::new();
    let mut text = String::new();
    let mut units = 0usize;
    let mut pending: Vec<String> = Vec::new();
    let mut spans: Vec<ForeignSpan> = Vec::new();
    let mut relations: Vec<ForeignRelation> = Vec::new();
    // (layer, id) → index into `spans`, for multi-token annotations.
    let mut joined: HashMap<(usize, String), usize> = HashMap::new();
    // (layer short name, token id) → span keys on that token.
    let mut on_token: HashMap<(String, String), Vec<String>> = HashMap::new();
    let mut pending_relations: Vec<(String, String, String, Option<String>, Location)> = Vec::new();
    for (index, line) in lines {
        let at = Location::line(file, index + 1);
        let line = line.trim_end_matches('\r');
        if let Some(decl) = line
            .strip_prefix("#T_SP=")
            .or_else(|| line.strip_prefix("#T_RL="))
        {
            let relation = line.starts_with("#T_RL=");
            let mut parts = decl.split('|');
            let layer_name = parts.next().unwrap_or_default();
            let mut features = Vec::new();
            let mut base = None;
            for feature in parts {
                match feature.strip_prefix("BT_") {
                    Some(base_type) => base = Some(short(base_type)),
                    None => features.push(feature.to_owned()),
                }
            }
            layers.push(Layer {
                name: short(layer_name),
                relation,
                features,
                base,
            });
            continue;
        }
        if let Some(decl) = line.strip_prefix("#T_CH=") {
            refused.push(Refusal {
                at,
                why: "chain layers (#T_CH) have no claimmark place; their columns are skipped"
                    .into(),
            });
            let features = decl.split('|').skip(1).map(str::to_owned).collect();
            layers.push(Layer {
                name: short(decl.split('|').next().unwrap_or_default()),
                relation: false,
                features,
                base: Some("#chain".into()),
            });
            continue;
        }
        if let Some(sentence) = line.strip_prefix("#Text=") {
            pending.push(unescape(sentence));
            continue;
        }
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let columns: Vec<&str> = line.split('\t').collect();
        let (Some(token_id), Some(offsets), Some(token)) =
            (columns.first(), columns.get(1), columns.get(2))
        else {
            refused.push(Refusal {
                at,
                why: "a token line needs id, begin-end and the token".into(),
            });
            continue;
        };
        let Some((begin, end)) = offsets
            .split_once('-')
            .and_then(|(b, e)| Some((b.parse::<usize>().ok()?, e.parse::<usize>().ok()?)))
        else {
            refused.push(Refusal {
                at,
                why: format!("“{offsets}” is not begin-end"),
            });
            continue;
        };
        // The sentence starts at its first token.
        if !pending.is_empty() {
            let sentence = pending.join("\n");
            pending.clear();
            if begin > units {
                let mut gap = begin - units;
                if !text.is_empty() {
                    text.push('\n');
                    gap -= 1;
                }
                text.extend(std::iter::repeat_n(' ', gap));
                units = begin;
            }
            units += sentence.encode_utf16().count();
            text.push_str(&sentence);
        }
        let mut column = 3;
        for (layer_index, layer) in layers.iter().enumerate() {
            let cells: Vec<&str> = (0..layer.columns())
                .map(|i| columns.get(column + i).copied().unwrap_or("_"))
                .collect();
            column += layer.columns();
            if layer.base.as_deref() == Some("#chain") {
                continue;
            }
            let label_cell = cells.get(layer.label_column()).copied().unwrap_or("_");
            if label_cell == "_" || label_cell.is_empty() {
                continue;
            }
            if layer.relation {
                let source = cells.last().copied().unwrap_or("_");
                for (value, source) in stacked(label_cell).into_iter().zip(stacked(source)) {
                    let (source_token, ids) = with_id(source);
                    let label = if value == "*" {
                        layer.name.clone()
                    } else {
                        unescape(value)
                    };
                    pending_relations.push((
                        label,
                        source_token.to_owned(),
                        (*token_id).to_owned(),
                        ids.map(str::to_owned),
                        at.clone(),
                    ));
                }
                continue;
            }
            for value in stacked(label_cell) {
                let (value, id) = with_id(value);
                let label = if value == "*" {
                    layer.name.clone()
                } else {
                    unescape(value)
                };
                let key = match id {
                    Some(id) => format!("{}:{id}", layer.name),
                    None => format!("{}:{}:{}", layer.name, token_id, spans.len()),
                };
                if let Some(id) = id
                    && let Some(&existing) = joined.get(&(layer_index, id.to_owned()))
                {
                    let span: &mut ForeignSpan = &mut spans[existing];
                    span.end = span.end.max(end);
                    span.covered = None;
                } else {
                    if let Some(id) = id {
                        joined.insert((layer_index, id.to_owned()), spans.len());
                    }
                    spans.push(ForeignSpan {
                        key: key.clone(),
                        start: begin,
                        end,
                        label,
                        covered: Some(unescape(token)),
                        status: ReviewStatus::Accepted,
                        confidence: None,
                        note: String::new(),
                        at: at.clone(),
                    });
                }
                on_token
                    .entry((layer.name.clone(), (*token_id).to_owned()))
                    .or_default()
                    .push(key);
            }
        }
    }
    for (label, source, target, ids, at) in pending_relations {
        let base = layers
            .iter()
            .find(|l| l.relation)
            .and_then(|l| l.base.clone());
        let pick = |token: &str, id: Option<&str>| -> Option<String> {
            let keys = base
                .as_ref()
                .and_then(|b| on_token.get(&(b.clone(), token.to_owned())))
                .or_else(|| {
                    on_token
                        .iter()
                        .find(|((_, t), _)| t == token)
                        .map(|(_, keys)| keys)
                })?;
            match id.filter(|id| *id != "0") {
                Some(id) => keys
                    .iter()
                    .find(|k| k.ends_with(&format!(":{id}")))
                    .cloned(),
                None => keys.first().cloned(),
            }
        };
        let (source_id, target_id) = ids
            .as_deref()
            .and_then(|ids| ids.split_once('_'))
            .map_or((None, None), |(s, t)| (Some(s), Some(t)));
        match (pick(&source, source_id), pick(&target, target_id)) {
            (Some(from), Some(to)) => relations.push(ForeignRelation {
                label,
                from,
                to,
                at,
            }),
            _ => refused.push(Refusal {
                at,
                why: format!("relation “{label}”: no span on token {source} or {target}"),
            }),
        }
    }
    let doc = ForeignDocument {
        name: name.to_owned(),
        source: file.to_owned(),
        text,
        unit: OffsetUnit::Utf16,
        spans,
        claims: Vec::new(),
        relations,
        model: None,
        at: Location::file(file),
    };
    (Some(doc), refused)
}
