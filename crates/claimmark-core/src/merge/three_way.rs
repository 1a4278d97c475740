//! The three-way rules every merged item follows: a change on one side only
//! is taken, the same change on both sides is taken once, different changes
//! are a conflict.

/// The merged value of one field, or `None` when the sides disagree.
pub(super) fn field<'a, T: PartialEq>(
    base: Option<&'a T>,
    ours: &'a T,
    theirs: &'a T,
) -> Option<&'a T> {
    if ours == theirs {
        Some(ours)
    } else if base == Some(ours) {
        Some(theirs)
    } else if base == Some(theirs) {
        Some(ours)
    } else {
        None
    }
}

/// Two changed versions that disagree: each side's version (with the
/// fields both agree on merged in) and the fields they disagree on.
pub(super) struct Split<T> {
    pub(super) ours: T,
    pub(super) theirs: T,
    pub(super) fields: Vec<String>,
}

/// A field-by-field merge of two changed versions.
pub(super) type FieldMerge<T> = Result<T, Box<Split<T>>>;

pub(super) fn split<T>(ours: T, theirs: T, fields: Vec<String>) -> FieldMerge<T> {
    Err(Box::new(Split {
        ours,
        theirs,
        fields,
    }))
}

/// What became of one item (a span, claim, entity, label…) present in at
/// least one of the three versions.
pub(super) enum Outcome<T> {
    /// The merged version, or `None` where it was removed.
    Take(Option<T>, Taken),
    /// Both versions; in the project meanwhile: ours, or theirs where ours
    /// removed it.
    Conflict {
        ours: Option<T>,
        theirs: Option<T>,
        fields: Vec<String>,
    },
    /// Added on both sides under the same id, differently: both are kept,
    /// theirs under a new id.
    BothAdded { ours: T, theirs: T },
}

/// Which side a merged item's change came from, for the summary.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Taken {
    Unchanged,
    Ours,
    Theirs,
    Both,
    /// Fields from each side.
    Combined,
}

impl Taken {
    /// Counts the change for the side (or sides) it came from.
    pub(super) fn count(self, ours: &mut usize, theirs: &mut usize) {
        match self {
            Self::Ours => *ours += 1,
            Self::Theirs => *theirs += 1,
            Self::Both | Self::Combined => {
                *ours += 1;
                *theirs += 1;
            }
            Self::Unchanged => {}
        }
    }
}

/// Records a conflict and puts its version in place: ours, or theirs
/// where ours removed the item.
pub(super) fn keep_conflict<K: Ord, T: Clone>(
    kept: &mut std::collections::BTreeMap<K, T>,
    id: K,
    (ours, theirs, fields): (Option<T>, Option<T>, Vec<String>),
    item: impl FnOnce(Option<T>, Option<T>) -> crate::model::ConflictItem,
    conflicts: &mut Vec<crate::model::Conflict>,
) {
    if let Some(in_place) = ours.clone().or_else(|| theirs.clone()) {
        kept.insert(id, in_place);
    }
    conflicts.push(crate::model::Conflict {
        item: item(ours, theirs),
        fields,
    });
}

/// The three-way rule for a whole item. `fields` merges two changed
/// versions field by field: the merged item, or each side's version with
/// the fields they disagree on.
pub(super) fn item<T: PartialEq + Clone>(
    base: Option<&T>,
    ours: Option<&T>,
    theirs: Option<&T>,
    two_way: bool,
    fields: impl FnOnce(Option<&T>, &T, &T) -> FieldMerge<T>,
) -> Outcome<T> {
    match (base, ours, theirs) {
        (_, None, None) => Outcome::Take(
            None,
            if base.is_some() {
                Taken::Both
            } else {
                Taken::Unchanged
            },
        ),
        (None, Some(o), None) => Outcome::Take(Some(o.clone()), Taken::Ours),
        (None, None, Some(t)) => Outcome::Take(Some(t.clone()), Taken::Theirs),
        (None, Some(o), Some(t)) => {
            if o == t {
                Outcome::Take(Some(o.clone()), Taken::Both)
            } else if two_way {
                match fields(None, o, t) {
                    Ok(merged) => Outcome::Take(Some(merged), Taken::Combined),
                    Err(split) => Outcome::Conflict {
                        ours: Some(split.ours),
                        theirs: Some(split.theirs),
                        fields: split.fields,
                    },
                }
            } else {
                Outcome::BothAdded {
                    ours: o.clone(),
                    theirs: t.clone(),
                }
            }
        }
        (Some(b), Some(o), None) => {
            if o == b {
                Outcome::Take(None, Taken::Theirs)
            } else {
                Outcome::Conflict {
                    ours: Some(o.clone()),
                    theirs: None,
                    fields: vec!["changed here, removed there".to_owned()],
                }
            }
        }
        (Some(b), None, Some(t)) => {
            if t == b {
                Outcome::Take(None, Taken::Ours)
            } else {
                Outcome::Conflict {
                    ours: None,
                    theirs: Some(t.clone()),
                    fields: vec!["removed here, changed there".to_owned()],
                }
            }
        }
        (Some(b), Some(o), Some(t)) => {
            if o == t {
                Outcome::Take(
                    Some(o.clone()),
                    if o == b {
                        Taken::Unchanged
                    } else {
                        Taken::Both
                    },
                )
            } else if o == b {
                Outcome::Take(Some(t.clone()), Taken::Theirs)
            } else if t == b {
                Outcome::Take(Some(o.clone()), Taken::Ours)
            } else {
                match fields(Some(b), o, t) {
                    Ok(merged) => Outcome::Take(Some(merged), Taken::Combined),
                    Err(split) => Outcome::Conflict {
                        ours: Some(split.ours),
                        theirs: Some(split.theirs),
                        fields: split.fields,
                    },
                }
            }
        }
    }
}

/// A whole-item rule with no field merging: two different changes are a
/// conflict on the whole item.
pub(super) fn whole<T: PartialEq + Clone>(
    b: Option<&T>,
    o: &T,
    t: &T,
    what: &str,
) -> FieldMerge<T> {
    match field(b, o, t) {
        Some(agreed) => Ok(agreed.clone()),
        None => split(o.clone(), t.clone(), vec![what.to_owned()]),
    }
}

/// Merges named fields of two changed versions: `ours_out` and
/// `theirs_out` start as the two versions; agreed fields are set on both.
macro_rules! merge_fields {
    ($base:expr, $ours:expr, $theirs:expr, $ours_out:ident, $theirs_out:ident, $conflicts:ident; $($field:ident),+ $(,)?) => {
        $(
            match $crate::merge::three_way::field($base.map(|b| &b.$field), &$ours.$field, &$theirs.$field) {
                Some(value) => {
                    $ours_out.$field = value.clone();
                    $theirs_out.$field = value.clone();
                }
                None => $conflicts.push(stringify!($field).to_owned()),
            }
        )+
    };
}
pub(super) use merge_fields;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_side_changes_are_taken_and_different_ones_conflict() {
        assert_eq!(field(Some(&1), &1, &2), Some(&2));
        assert_eq!(field(Some(&1), &3, &1), Some(&3));
        assert_eq!(field(Some(&1), &4, &4), Some(&4));
        assert_eq!(field(Some(&1), &3, &4), None);
        assert_eq!(field(None, &3, &4), None);
    }
}
