//! The schema's names for another tool's labels, claim types and roles:
//! mapped (`--map`), else the same name in snake case; what the schema
//! lacks is listed with where it is used, or added (`--add-to-schema`).

use std::collections::BTreeMap;

use crate::edit::SchemaEdit;
use crate::model::{ClaimTypeDef, LabelDef, Name, Rgb, RoleDef, Schema, TRIGGER_ROLE, ValueKind};

use super::apply::Options;
use super::foreign::Location;

pub(super) struct Names<'a> {
    pub(super) options: &'a Options,
    pub(super) schema: Schema,
    pub(super) added: Vec<SchemaEdit>,
    pub(super) unknown: BTreeMap<(&'static str, String), Vec<String>>,
}

impl Names<'_> {
    /// The schema name for another tool's name: mapped, else itself in
    /// snake case (`PrisonCamp`, "Prison camp" → `prison_camp`).
    pub(super) fn mapped(&self, raw: &str) -> Option<Name> {
        let target = self.options.map.get(raw).map_or(raw, String::as_str);
        Name::parse(target)
            .or_else(|_| Name::from_user_input(&split_camel_case(target)))
            .ok()
    }

    pub(super) fn unknown(&mut self, kind: &'static str, raw: &str, at: &Location) {
        self.unknown
            .entry((kind, raw.to_owned()))
            .or_default()
            .push(at.to_string());
    }

    pub(super) fn label(&mut self, raw: &str, at: &Location) -> Option<Name> {
        let name = self.mapped(raw)?;
        if self.schema.label(&name).is_some() {
            return Some(name);
        }
        if !self.options.add_to_schema {
            self.unknown("label", raw, at);
            return None;
        }
        let label = LabelDef {
            name: name.clone(),
            color: palette(self.schema.labels.len()),
            key: None,
            value_kind: ValueKind::Text,
        };
        let edit = SchemaEdit::InsertLabel {
            index: self.schema.labels.len(),
            label: label.clone(),
        };
        self.schema.labels.push(label);
        self.added.push(edit);
        Some(name)
    }

    pub(super) fn claim_type(&mut self, raw: &str, at: &Location) -> Option<Name> {
        let name = self.mapped(raw)?;
        if self.schema.claim_type(&name).is_some() {
            return Some(name);
        }
        if !self.options.add_to_schema {
            self.unknown("claim type", raw, at);
            return None;
        }
        let trigger = RoleDef {
            name: Name::parse(TRIGGER_ROLE).ok()?,
            required: false,
            multiple: false,
            labels: Vec::new(),
            part_of: None,
        };
        let claim_type = ClaimTypeDef {
            key_roles: crate::model::default_key_roles(name.as_str()),
            name: name.clone(),
            roles: vec![trigger],
        };
        self.added.push(SchemaEdit::InsertClaimType {
            index: self.schema.claim_types.len(),
            claim_type: claim_type.clone(),
        });
        self.schema.claim_types.push(claim_type);
        Some(name)
    }

    pub(super) fn role(&mut self, claim_type: &Name, raw: &str, at: &Location) -> Option<Name> {
        // `--map release.Victim=released_person` for one type, else `--map Victim=…`.
        let qualified = format!("{}.{raw}", claim_type.as_str());
        let name = match self.options.map.get(&qualified) {
            Some(target) => Name::parse(target).ok()?,
            None => self.mapped(raw)?,
        };
        let has = self
            .schema
            .claim_type(claim_type)
            .is_some_and(|t| t.role(&name).is_some());
        if has {
            return Some(name);
        }
        if !self.options.add_to_schema {
            self.unknown("role", &format!("{}.{raw}", claim_type.as_str()), at);
            return None;
        }
        let role = RoleDef {
            name: name.clone(),
            required: false,
            multiple: true,
            labels: Vec::new(),
            part_of: None,
        };
        let ty = self
            .schema
            .claim_types
            .iter_mut()
            .find(|t| &t.name == claim_type)?;
        self.added.push(SchemaEdit::InsertRole {
            claim_type: claim_type.clone(),
            index: ty.roles.len(),
            role: role.clone(),
        });
        ty.roles.push(role);
        Some(name)
    }
}

/// `PrisonCamp` → "Prison Camp": a space where a capital follows a
/// lower-case letter or digit.
fn split_camel_case(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 4);
    let mut previous: Option<char> = None;
    for c in name.chars() {
        if c.is_uppercase() && previous.is_some_and(|p| p.is_lowercase() || p.is_ascii_digit()) {
            out.push(' ');
        }
        out.push(c);
        previous = Some(c);
    }
    out
}

/// Colours for added labels, distinct from the default ones.
fn palette(index: usize) -> Rgb {
    const COLOURS: [[u8; 3]; 6] = [
        [0x9c, 0x75, 0x5f],
        [0xba, 0xb0, 0xac],
        [0xed, 0xc9, 0x48],
        [0xff, 0x9d, 0xa7],
        [0x8c, 0xd1, 0x7d],
        [0x49, 0x98, 0x94],
    ];
    Rgb(COLOURS[index % COLOURS.len()])
}

/// A mapping file: one `SOURCE=TARGET` per line; blank lines and `#`
/// comments are skipped. A line without `=` is refused with its place.
pub fn read_mapping(
    text: &str,
    file: &str,
) -> Result<std::collections::BTreeMap<String, String>, String> {
    let mut map = std::collections::BTreeMap::new();
    for (index, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        match line.split_once('=') {
            Some((source, target)) if !source.trim().is_empty() && !target.trim().is_empty() => {
                map.insert(source.trim().to_owned(), target.trim().to_owned());
            }
            _ => {
                return Err(format!(
                    "{}:{}: “{}” is not SOURCE=TARGET (e.g. PER=person)",
                    crate::text_shown::shown(file),
                    index + 1,
                    crate::text_shown::shown(line)
                ));
            }
        }
    }
    Ok(map)
}

#[cfg(test)]
mod mapping_tests {
    #[test]
    fn a_mapping_file_reads_pairs_and_says_where_a_line_is_wrong() {
        let map = super::read_mapping("# ours\nPER = person\n\nEvent=event\n", "m.txt").unwrap();
        assert_eq!(map.get("PER").map(String::as_str), Some("person"));
        assert_eq!(map.len(), 2);
        let error = super::read_mapping("PER=person\nLOC\n", "m.txt").unwrap_err();
        assert_eq!(
            error,
            "m.txt:2: “LOC” is not SOURCE=TARGET (e.g. PER=person)"
        );
    }
}
