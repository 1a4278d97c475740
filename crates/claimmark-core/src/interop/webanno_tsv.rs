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

use super::foreign::{
    ForeignClaim, ForeignDocument, ForeignRelation, ForeignSpan, Location, Refusal,
};
use super::offsets::OffsetUnit;
use crate::model::ReviewStatus;

/// A column of a layer, as its `#T_SP=` declaration names it.
enum Column {
    /// A primitive feature (`value`, `identifier`…).
    Feature(String),
    /// A slot feature's roles (`ROLE_layer:feature_LinkType`), `;` between
    /// slots; its feature's name stands for a role left unnamed (`*`).
    SlotRole(String),
    /// The slot fillers (`1-2[3]`), in the column after the roles; the
    /// filler layer's short name (`Annotation` for any).
    SlotTarget(String),
}

struct Layer {
    name: String,
    relation: bool,
    columns: Vec<Column>,
    /// The base span layer a relation connects (`BT_…`), by short name.
    base: Option<String>,
}

impl Layer {
    fn declared(name: &str, relation: bool, features: &str) -> Self {
        let mut columns = Vec::new();
        let mut base = None;
        let mut parts = features.split('|').peekable();
        while let Some(feature) = parts.next() {
            if let Some(base_type) = feature.strip_prefix("BT_") {
                base = Some(short(base_type));
            } else if let Some(role) = feature.strip_prefix("ROLE_") {
                let slot = role
                    .split_once(':')
                    .map_or(role, |(_, f)| f.split('_').next().unwrap_or(f));
                columns.push(Column::SlotRole(slot.to_owned()));
                let target = parts.next().unwrap_or_default();
                columns.push(Column::SlotTarget(short(target)));
            } else {
                columns.push(Column::Feature(feature.to_owned()));
            }
        }
        Self {
            name: short(name),
            relation,
            columns,
            base,
        }
    }

    fn columns(&self) -> usize {
        self.columns.len().max(usize::from(!self.relation)) + usize::from(self.relation)
    }

    /// The column holding the label: `value` when there is one, else the
    /// first primitive feature, else none (the layer's name is the label).
    fn label_column(&self) -> Option<usize> {
        let features = || {
            self.columns
                .iter()
                .enumerate()
                .filter_map(|(i, c)| match c {
                    Column::Feature(name) => Some((i, name)),
                    _ => None,
                })
        };
        features()
            .find(|(_, name)| *name == "value")
            .or_else(|| features().next())
            .map(|(i, _)| i)
    }
}

/// One annotation of a span layer on a token, from its stacked cells.
struct Cell {
    id: Option<String>,
    label: String,
    /// (role, filler layer, filler token, filler annotation id).
    slots: Vec<(String, String, String, Option<String>)>,
}

/// The annotations of a span layer in one token line's cells (`|`
/// stacks them; an id `[n]` on any column names the annotation).
fn cells_of(layer: &Layer, cells: &[&str]) -> Vec<Cell> {
    let split: Vec<Vec<&str>> = cells
        .iter()
        .map(|c| if *c == "_" { Vec::new() } else { stacked(c) })
        .collect();
    let count = split.iter().map(Vec::len).max().unwrap_or(0);
    let label_column = layer.label_column();
    let mut out = Vec::new();
    for i in 0..count {
        let mut cell = Cell {
            id: None,
            label: layer.name.clone(),
            slots: Vec::new(),
        };
        let mut present = false;
        for (column, kind) in layer.columns.iter().enumerate() {
            let Some(raw) = split.get(column).and_then(|parts| parts.get(i)) else {
                continue;
            };
            if matches!(kind, Column::SlotTarget(_)) {
                continue;
            }
            let (value, id) = with_id(raw);
            if let Some(id) = id {
                cell.id.get_or_insert_with(|| id.to_owned());
                present = true;
            }
            if value != "_" && !value.is_empty() {
                present = true;
            }
            match kind {
                Column::Feature(_)
                    if Some(column) == label_column
                        && value != "_"
                        && value != "*"
                        && !value.is_empty() =>
                {
                    cell.label = unescape(value);
                }
                Column::SlotRole(feature) => {
                    let filler_layer = match layer.columns.get(column + 1) {
                        Some(Column::SlotTarget(t)) => t.clone(),
                        _ => String::new(),
                    };
                    let targets = split
                        .get(column + 1)
                        .and_then(|parts| parts.get(i))
                        .copied()
                        .unwrap_or("*");
                    for (role, target) in value.split(';').zip(targets.split(';')) {
                        if role == "_" || target == "*" || target == "_" {
                            continue;
                        }
                        let role = if role == "*" {
                            feature.clone()
                        } else {
                            unescape(role)
                        };
                        let (token, id) = with_id(target);
                        cell.slots.push((
                            role,
                            filler_layer.clone(),
                            token.to_owned(),
                            id.map(str::to_owned),
                        ));
                    }
                }
                _ => {}
            }
        }
        if present {
            out.push(cell);
        }
    }
    out
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

/// The span keys of a layer (or any, for `Annotation` or none) on a token,
/// and the one a `[n]` id names (else the first).
fn span_on(
    on_token: &HashMap<(String, String), Vec<String>>,
    layer: Option<&str>,
    token: &str,
    id: Option<&str>,
) -> Option<String> {
    let keys = layer
        .filter(|l| *l != "Annotation")
        .and_then(|l| on_token.get(&(l.to_owned(), token.to_owned())))
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
}

/// A relation or slot waiting for every span to be read (it may point
/// forward): label or role, source (or host) key or token, target token.
struct Pending {
    label: String,
    layer: Option<String>,
    source: String,
    source_id: Option<String>,
    target: String,
    target_id: Option<String>,
    at: Location,
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
    let mut chains: Vec<bool> = Vec::new();
    let mut text = String::new();
    let mut units = 0usize;
    let mut pending: Vec<String> = Vec::new();
    let mut spans: Vec<ForeignSpan> = Vec::new();
    let mut relations: Vec<ForeignRelation> = Vec::new();
    // (layer, id) → index into `spans`, for multi-token annotations.
    let mut joined: HashMap<(usize, String), usize> = HashMap::new();
    // (layer short name, token id) → span keys on that token.
    let mut on_token: HashMap<(String, String), Vec<String>> = HashMap::new();
    let mut pending_relations: Vec<Pending> = Vec::new();
    // (host span key, claim type, slots).
    let mut hosts: Vec<(String, String, Vec<Pending>)> = Vec::new();
    for (index, line) in lines {
        let at = Location::line(file, index + 1);
        let line = line.trim_end_matches('\r');
        if let Some(decl) = line
            .strip_prefix("#T_SP=")
            .or_else(|| line.strip_prefix("#T_RL="))
        {
            let (layer_name, features) = decl.split_once('|').unwrap_or((decl, ""));
            let relation = line.starts_with("#T_RL=");
            layers.push(Layer::declared(
                layer_name,
                relation,
                if decl.contains('|') { features } else { "" },
            ));
            chains.push(false);
            continue;
        }
        if let Some(decl) = line.strip_prefix("#T_CH=") {
            refused.push(Refusal {
                at,
                why: "chain layers (#T_CH) have no claimmark place; their columns are skipped"
                    .into(),
            });
            let (layer_name, features) = decl.split_once('|').unwrap_or((decl, ""));
            layers.push(Layer::declared(layer_name, false, features));
            chains.push(true);
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
            if chains[layer_index] {
                continue;
            }
            if layer.relation {
                let label_cell = layer
                    .label_column()
                    .and_then(|c| cells.get(c).copied())
                    .unwrap_or("*");
                let source = cells.last().copied().unwrap_or("_");
                if source == "_" {
                    continue;
                }
                let labels = stacked(label_cell);
                for (n, source) in stacked(source).into_iter().enumerate() {
                    let value = labels.get(n).copied().unwrap_or("*");
                    let (source_token, ids) = with_id(source);
                    let label = if value == "*" || value == "_" {
                        layer.name.clone()
                    } else {
                        unescape(value)
                    };
                    let (source_id, target_id) = ids
                        .and_then(|ids| ids.split_once('_'))
                        .map_or((None, None), |(s, t)| (Some(s), Some(t)));
                    pending_relations.push(Pending {
                        label,
                        layer: layer.base.clone(),
                        source: source_token.to_owned(),
                        source_id: source_id.map(str::to_owned),
                        target: (*token_id).to_owned(),
                        target_id: target_id.map(str::to_owned),
                        at: at.clone(),
                    });
                }
                continue;
            }
            for cell in cells_of(layer, &cells) {
                let key = match &cell.id {
                    Some(id) => format!("{}:{id}", layer.name),
                    None => format!("{}:{}:{}", layer.name, token_id, spans.len()),
                };
                if let Some(id) = &cell.id
                    && let Some(&existing) = joined.get(&(layer_index, id.clone()))
                {
                    let span: &mut ForeignSpan = &mut spans[existing];
                    span.end = span.end.max(end);
                    span.covered = None;
                } else {
                    if let Some(id) = &cell.id {
                        joined.insert((layer_index, id.clone()), spans.len());
                    }
                    if !cell.slots.is_empty() {
                        let slots = cell
                            .slots
                            .iter()
                            .map(|(role, filler_layer, target, target_id)| Pending {
                                label: role.clone(),
                                layer: Some(filler_layer.clone()),
                                source: key.clone(),
                                source_id: None,
                                target: target.clone(),
                                target_id: target_id.clone(),
                                at: at.clone(),
                            })
                            .collect();
                        hosts.push((key.clone(), cell.label.clone(), slots));
                    }
                    spans.push(ForeignSpan {
                        key: key.clone(),
                        start: begin,
                        end,
                        label: cell.label,
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
    for relation in pending_relations {
        let layer = relation.layer.as_deref();
        match (
            span_on(
                &on_token,
                layer,
                &relation.source,
                relation.source_id.as_deref(),
            ),
            span_on(
                &on_token,
                layer,
                &relation.target,
                relation.target_id.as_deref(),
            ),
        ) {
            (Some(from), Some(to)) => relations.push(ForeignRelation {
                label: relation.label,
                from,
                to,
                at: relation.at,
            }),
            _ => refused.push(Refusal {
                at: relation.at,
                why: format!(
                    "relation “{}”: no span on token {} or {}",
                    relation.label, relation.source, relation.target
                ),
            }),
        }
    }
    // A slot host (INCEpTION's event layers) is a claim: the host its
    // trigger, each filled slot an argument with the slot's role.
    let mut claims = Vec::new();
    for (host, claim_type, slots) in hosts {
        let mut arguments = Vec::new();
        let at = slots
            .first()
            .map_or_else(|| Location::file(file), |s| s.at.clone());
        for slot in slots {
            match span_on(
                &on_token,
                slot.layer.as_deref(),
                &slot.target,
                slot.target_id.as_deref(),
            ) {
                Some(filler) => arguments.push((slot.label, filler)),
                None => refused.push(Refusal {
                    at: slot.at,
                    why: format!(
                        "slot “{}” of {claim_type}: no annotation on token {} to fill it",
                        slot.label, slot.target
                    ),
                }),
            }
        }
        claims.push(ForeignClaim {
            key: host.clone(),
            claim_type,
            trigger: Some(host),
            arguments,
            status: ReviewStatus::Accepted,
            confidence: None,
            at,
        });
    }
    let doc = ForeignDocument {
        name: name.to_owned(),
        source: file.to_owned(),
        text,
        unit: OffsetUnit::Utf16,
        spans,
        claims,
        relations,
        model: None,
        spacing_rebuilt: true,
        note: String::new(),
        at: Location::file(file),
    };
    (Some(doc), refused)
}
