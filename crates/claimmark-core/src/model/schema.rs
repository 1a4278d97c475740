//! The project's schema: span labels (with colour and key) and claim types
//! with their roles. It lives in the project file, so every project says
//! what its annotations mean.

use std::fmt;

/// A name used as an identifier: a label, claim type or role. Lowercase
/// letters, digits and `_`, starting with a letter, as `claim/v1` wants for
/// claim types (`prisoner_count`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Name(String);

impl Name {
    /// Checks a name, explaining what is wrong.
    pub fn parse(raw: &str) -> Result<Self, NameError> {
        if raw.is_empty() {
            return Err(NameError::Empty);
        }
        if raw.len() > 64 {
            return Err(NameError::TooLong);
        }
        if !raw.starts_with(|c: char| c.is_ascii_lowercase()) {
            return Err(NameError::BadStart(raw.to_owned()));
        }
        if let Some(bad) = raw
            .chars()
            .find(|&c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'))
        {
            return Err(NameError::BadChar(raw.to_owned(), bad));
        }
        Ok(Self(raw.to_owned()))
    }

    /// Turns what a person typed ("Released Person") into a name
    /// (`released_person`), or explains why it cannot be one.
    pub fn from_user_input(typed: &str) -> Result<Self, NameError> {
        let mut name = String::new();
        for c in typed.trim().chars() {
            if c.is_whitespace() || c == '-' {
                if !name.ends_with('_') {
                    name.push('_');
                }
            } else {
                name.extend(c.to_lowercase());
            }
        }
        Self::parse(&name)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// "`released_person`" shown as "released person".
    pub fn display(&self) -> String {
        self.0.replace('_', " ")
    }
}

impl fmt::Display for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NameError {
    #[error("a name cannot be empty")]
    Empty,
    #[error("a name can have at most 64 characters")]
    TooLong,
    #[error("“{0}” must start with a lowercase letter a–z")]
    BadStart(String),
    #[error("“{0}” has “{1}”; use lowercase letters a–z, digits and _")]
    BadChar(String, char),
}

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Rgb(pub [u8; 3]);

impl Rgb {
    /// Parses `#rrggbb`.
    pub fn parse_hex(raw: &str) -> Option<Self> {
        let digits = raw.strip_prefix('#')?;
        if digits.len() != 6 || !digits.is_ascii() {
            return None;
        }
        let channel = |i: usize| u8::from_str_radix(digits.get(i..i + 2)?, 16).ok();
        Some(Self([channel(0)?, channel(2)?, channel(4)?]))
    }

    pub fn to_hex(self) -> String {
        let [r, g, b] = self.0;
        format!("#{r:02x}{g:02x}{b:02x}")
    }
}

/// The kind of normalised value a label's spans carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ValueKind {
    Person,
    Organization,
    Place,
    Date,
    Count,
    Event,
    Duration,
    Text,
}

impl ValueKind {
    pub const ALL: [Self; 8] = [
        Self::Person,
        Self::Organization,
        Self::Place,
        Self::Date,
        Self::Count,
        Self::Event,
        Self::Duration,
        Self::Text,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Person => "person",
            Self::Organization => "organization",
            Self::Place => "place",
            Self::Date => "date",
            Self::Count => "count",
            Self::Event => "event",
            Self::Duration => "duration",
            Self::Text => "text",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.as_str() == raw)
    }
}

/// A span label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LabelDef {
    pub name: Name,
    pub color: Rgb,
    /// The digit key that applies it (`'1'`..`'9'`, `'0'`).
    pub key: Option<char>,
    pub value_kind: ValueKind,
}

/// A role of a claim type: a slot that spans fill.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleDef {
    pub name: Name,
    /// A claim without it is marked incomplete.
    pub required: bool,
    /// Whether several spans may fill it (several released people).
    pub multiple: bool,
    /// Labels whose spans fit the role; empty means any label.
    pub labels: Vec<Name>,
    /// The role of the same claim type this one is a part of: an amnesty's
    /// `released` is part of its `count`. The ledger checks that the parts
    /// can add up to the whole.
    pub part_of: Option<Name>,
}

impl RoleDef {
    pub fn accepts(&self, label: &Name) -> bool {
        self.labels.is_empty() || self.labels.contains(label)
    }

    /// The labels it takes, for people: "person, organization" or "any label".
    pub fn describe_labels(&self) -> String {
        if self.labels.is_empty() {
            "any label".to_owned()
        } else {
            self.labels
                .iter()
                .map(Name::display)
                .collect::<Vec<_>>()
                .join(", ")
        }
    }
}

/// A kind of claim and its roles.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimTypeDef {
    pub name: Name,
    pub roles: Vec<RoleDef>,
    /// The roles whose values say which fact a claim is about (for a
    /// `prisoner_count`: who counts, where, as of when). The ledger groups
    /// claims that agree on them.
    pub key_roles: Vec<Name>,
}

impl ClaimTypeDef {
    pub fn role(&self, name: &Name) -> Option<&RoleDef> {
        self.roles.iter().find(|role| &role.name == name)
    }

    /// Whether `role` is one of the key roles.
    pub fn is_key(&self, role: &Name) -> bool {
        self.key_roles.contains(role)
    }
}

/// The key roles the default schema gives a claim type of this name, for
/// project files written before key roles were kept (and for new types).
pub fn default_key_roles(claim_type: &str) -> Vec<Name> {
    let roles: &[&str] = match claim_type {
        "prisoner_count" => &["source", "place", "as_of"],
        "release" | "pardon" | "amnesty" => &["actor", "date"],
        "arrest" => &["arrested_person"],
        "sentence" => &["sentenced_person"],
        _ => &[],
    };
    roles.iter().map(|role| Name((*role).to_owned())).collect()
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Schema {
    pub labels: Vec<LabelDef>,
    pub claim_types: Vec<ClaimTypeDef>,
}

/// Keys a label may take. Letters are kept for commands.
pub const LABEL_KEYS: [char; 10] = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'];

/// The role of an event claim that holds the event word itself.
pub const TRIGGER_ROLE: &str = "trigger";

impl Schema {
    pub fn label(&self, name: &Name) -> Option<&LabelDef> {
        self.labels.iter().find(|label| &label.name == name)
    }

    pub fn label_for_key(&self, key: char) -> Option<&LabelDef> {
        self.labels.iter().find(|label| label.key == Some(key))
    }

    pub fn claim_type(&self, name: &Name) -> Option<&ClaimTypeDef> {
        self.claim_types.iter().find(|ty| &ty.name == name)
    }

    /// The first free label key, for a new label.
    pub fn free_key(&self) -> Option<char> {
        LABEL_KEYS
            .into_iter()
            .find(|&key| self.label_for_key(key).is_none())
    }

    /// Problems that make a schema unusable, each as a sentence.
    pub fn problems(&self) -> Vec<super::problem::ModelProblem> {
        use super::problem::ModelProblem;
        let mut problems = Vec::new();
        for (i, label) in self.labels.iter().enumerate() {
            if self.labels[..i].iter().any(|l| l.name == label.name) {
                problems.push(ModelProblem::LabelTwice(label.name.clone()));
            }
            if let Some(key) = label.key {
                if !LABEL_KEYS.contains(&key) {
                    problems.push(ModelProblem::BadLabelKey {
                        label: label.name.clone(),
                        key,
                    });
                } else if self.labels[..i].iter().any(|l| l.key == Some(key)) {
                    problems.push(ModelProblem::KeyTwice {
                        key,
                        label: label.name.clone(),
                    });
                }
            }
        }
        for (i, ty) in self.claim_types.iter().enumerate() {
            if self.claim_types[..i].iter().any(|t| t.name == ty.name) {
                problems.push(ModelProblem::ClaimTypeTwice(ty.name.clone()));
            }
            for (j, role) in ty.roles.iter().enumerate() {
                if ty.roles[..j].iter().any(|r| r.name == role.name) {
                    problems.push(ModelProblem::RoleTwice {
                        claim_type: ty.name.clone(),
                        role: role.name.clone(),
                    });
                }
                if let Some(whole) = &role.part_of
                    && (whole == &role.name || ty.role(whole).is_none())
                {
                    problems.push(ModelProblem::BadPartOf {
                        claim_type: ty.name.clone(),
                        role: role.name.clone(),
                        whole: whole.clone(),
                    });
                }
                for label in &role.labels {
                    if self.label(label).is_none() {
                        problems.push(ModelProblem::RoleAcceptsUnknownLabel {
                            role: role.name.clone(),
                            claim_type: ty.name.clone(),
                            label: label.clone(),
                        });
                    }
                }
            }
        }
        for ty in &self.claim_types {
            for key in &ty.key_roles {
                if ty.role(key).is_none() {
                    problems.push(ModelProblem::UnknownKeyRole {
                        claim_type: ty.name.clone(),
                        role: key.clone(),
                    });
                }
            }
        }
        problems
    }

    /// The schema a new project starts with.
    #[allow(clippy::too_many_lines)] // one list of labels and types
    pub fn default_news() -> Self {
        let label = |name: &str, color: [u8; 3], key: char, value_kind| LabelDef {
            name: Name(name.to_owned()),
            color: Rgb(color),
            key: Some(key),
            value_kind,
        };
        let labels = vec![
            label("person", [0x4e, 0x79, 0xa7], '1', ValueKind::Person),
            label("date", [0x59, 0xa1, 0x4f], '2', ValueKind::Date),
            label("count", [0xf2, 0x8e, 0x2b], '3', ValueKind::Count),
            label("event", [0xe1, 0x57, 0x59], '4', ValueKind::Event),
            label(
                "organization",
                [0xb0, 0x7a, 0xa1],
                '5',
                ValueKind::Organization,
            ),
            label("place", [0x76, 0xb7, 0xb2], '6', ValueKind::Place),
        ];
        let role = |name: &str, required, multiple, labels: &[&str]| RoleDef {
            name: Name(name.to_owned()),
            required,
            multiple,
            labels: labels.iter().map(|l| Name((*l).to_owned())).collect(),
            part_of: None,
        };
        let trigger = || role(TRIGGER_ROLE, true, false, &["event"]);
        let count = || role("count", false, false, &["count"]);
        let date = || role("date", false, false, &["date"]);
        let actor = || role("actor", false, true, &["person", "organization"]);
        let source = || role("source", false, true, &["person", "organization"]);
        let place = || role("place", false, false, &["place"]);
        let claim_type = |name: &str, roles| ClaimTypeDef {
            name: Name(name.to_owned()),
            roles,
            key_roles: default_key_roles(name),
        };
        // Parts of an amnesty's count: freed, sentences commuted, cut.
        let part = |name: &str| RoleDef {
            part_of: Some(Name("count".to_owned())),
            ..role(name, false, false, &["count"])
        };
        let claim_types = vec![
            claim_type(
                "release",
                vec![
                    trigger(),
                    count(),
                    date(),
                    role("released_person", false, true, &["person"]),
                    actor(),
                    source(),
                ],
            ),
            claim_type(
                "arrest",
                vec![
                    trigger(),
                    role("arrested_person", false, true, &["person"]),
                    count(),
                    date(),
                    place(),
                    actor(),
                    source(),
                ],
            ),
            claim_type(
                "sentence",
                vec![
                    trigger(),
                    role("sentenced_person", false, true, &["person"]),
                    role("term", false, false, &[]),
                    role("charge", false, false, &[]),
                    date(),
                    actor(),
                    source(),
                ],
            ),
            claim_type(
                "pardon",
                vec![
                    trigger(),
                    count(),
                    role("pardoned_person", false, true, &["person"]),
                    date(),
                    actor(),
                    source(),
                ],
            ),
            claim_type(
                "amnesty",
                vec![
                    trigger(),
                    count(),
                    part("released"),
                    part("commuted"),
                    part("reduced"),
                    date(),
                    actor(),
                    source(),
                ],
            ),
            claim_type(
                "prisoner_count",
                vec![
                    role("count", true, false, &["count"]),
                    role("as_of", false, false, &["date"]),
                    source(),
                    place(),
                ],
            ),
        ];
        Self {
            labels,
            claim_types,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_snake_case() {
        assert!(Name::parse("prisoner_count").is_ok());
        assert_eq!(Name::parse(""), Err(NameError::Empty));
        assert!(matches!(Name::parse("Person"), Err(NameError::BadStart(_))));
        assert!(matches!(
            Name::parse("as-of"),
            Err(NameError::BadChar(_, '-'))
        ));
        assert_eq!(
            Name::from_user_input("  Released  Person ")
                .unwrap()
                .as_str(),
            "released_person"
        );
        assert_eq!(Name::from_user_input("as-of").unwrap().as_str(), "as_of");
    }

    #[test]
    fn colours_round_trip_through_hex() {
        let c = Rgb::parse_hex("#4e79A7").unwrap();
        assert_eq!(c, Rgb([0x4e, 0x79, 0xa7]));
        assert_eq!(c.to_hex(), "#4e79a7");
        assert_eq!(Rgb::parse_hex("4e79a7"), None);
        assert_eq!(Rgb::parse_hex("#4e79a"), None);
        assert_eq!(Rgb::parse_hex("#4e79aé"), None);
    }

    #[test]
    fn default_schema_is_valid_and_complete() {
        let schema = Schema::default_news();
        assert!(schema.problems().is_empty(), "{:?}", schema.problems());
        let names: Vec<_> = schema.labels.iter().map(|l| l.name.as_str()).collect();
        assert_eq!(
            names,
            ["person", "date", "count", "event", "organization", "place"]
        );
        let types: Vec<_> = schema.claim_types.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(
            types,
            [
                "release",
                "arrest",
                "sentence",
                "pardon",
                "amnesty",
                "prisoner_count"
            ]
        );
        assert_eq!(schema.free_key(), Some('7'));
        let amnesty = schema.claim_type(&Name::parse("amnesty").unwrap()).unwrap();
        let parts: Vec<_> = amnesty
            .roles
            .iter()
            .filter(|role| role.part_of.as_ref().is_some_and(|w| w.as_str() == "count"))
            .map(|role| role.name.as_str())
            .collect();
        assert_eq!(parts, ["released", "commuted", "reduced"]);
        let keys = |ty: &str| -> Vec<String> {
            schema
                .claim_type(&Name::parse(ty).unwrap())
                .unwrap()
                .key_roles
                .iter()
                .map(ToString::to_string)
                .collect()
        };
        assert_eq!(keys("prisoner_count"), ["source", "place", "as_of"]);
        assert_eq!(keys("pardon"), ["actor", "date"]);
    }

    #[test]
    fn key_roles_and_parts_must_name_roles_of_their_type() {
        let mut schema = Schema::default_news();
        schema.claim_types[0]
            .key_roles
            .push(Name::parse("ghost").unwrap());
        schema.claim_types[0].roles[1].part_of = Some(Name::parse("count").unwrap());
        let problems: Vec<String> = schema.problems().iter().map(ToString::to_string).collect();
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems[0].contains("part of “count”"), "{problems:?}");
        assert!(problems[1].contains("key role “ghost”"), "{problems:?}");
    }

    #[test]
    fn schema_problems_are_found() {
        let mut schema = Schema::default_news();
        schema.labels[1].key = Some('1');
        schema.labels[2].key = Some('x');
        schema.claim_types[0].roles[0]
            .labels
            .push(Name::parse("ghost").unwrap());
        let problems = schema.problems();
        assert_eq!(problems.len(), 3, "{problems:?}");
    }
}
