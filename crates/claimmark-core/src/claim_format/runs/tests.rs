use super::*;
use crate::model::value::CountValue;

fn name(raw: &str) -> Name {
    Name::parse(raw).unwrap()
}

#[allow(clippy::unnecessary_wraps)] // an argument's value is optional
fn count(n: u64) -> Option<Value> {
    Some(Value::Count(CountValue::exact(n)))
}

fn shape(doc: &str, trigger: Option<usize>, args: &[(&str, usize, Option<Value>)]) -> ClaimShape {
    ClaimShape::new(
        doc.to_owned(),
        name("pardon"),
        trigger.map(|at| Place::Range(at, at + 8)),
        args.iter()
            .map(|(role, at, value)| ShapeArgument {
                role: name(role),
                place: Place::Range(*at, at + 2),
                quote: format!("q{at}"),
                value: value.clone(),
            })
            .collect(),
    )
}

#[test]
fn runs_pair_into_new_gone_changed_and_unchanged() {
    let earlier = [
        shape("a", Some(10), &[("count", 30, count(31))]),
        shape("a", Some(50), &[("count", 60, count(5))]),
        shape("b", Some(10), &[("count", 20, count(2))]),
    ];
    let later = [
        // The count's value changed: same trigger, so changed.
        shape("a", Some(10), &[("count", 30, count(30))]),
        shape("b", Some(10), &[("count", 20, count(2))]),
        shape("b", Some(90), &[]),
    ];
    let pairings = pair_runs(&earlier, &later);
    assert_eq!(
        pairings,
        [
            Pairing::Changed(0, 0),
            Pairing::Unchanged(2, 1),
            Pairing::New(2),
            Pairing::Gone(1),
        ]
    );
    let changes = RunChanges::from_pairings(
        &earlier,
        &later,
        &pairings,
        |e| format!("e{e}"),
        |l| format!("l{l}"),
    );
    assert_eq!(changes.totals(), (1, 1, 1, 1));
    let a = &changes.documents[0];
    assert_eq!(a.doc, "a");
    assert_eq!(a.gone, ["e1"]);
    assert_eq!(a.changed[0].changes, ["count “q30” (31) → “q30” (30)"]);
    assert_eq!(
        changes.documents[1].summary(),
        "b: 1 new, 0 gone, 0 changed, 1 unchanged"
    );
}

#[test]
fn identical_claims_pair_before_changed_ones() {
    // Two claims on one trigger; the later run gives the second one
    // first. The identical pair must still be found.
    let earlier = [
        shape("a", Some(10), &[("count", 30, count(1))]),
        shape("a", Some(10), &[("count", 40, count(2))]),
    ];
    let later = [
        shape("a", Some(10), &[("count", 40, count(2))]),
        shape("a", Some(10), &[("count", 30, count(9))]),
    ];
    assert_eq!(
        pair_runs(&earlier, &later),
        [Pairing::Unchanged(1, 0), Pairing::Changed(0, 1)]
    );
}

#[test]
fn a_value_on_one_side_only_is_no_change() {
    let earlier = [shape("a", Some(10), &[("count", 30, None)])];
    let later = [shape("a", Some(10), &[("count", 30, count(3))])];
    assert_eq!(pair_runs(&earlier, &later), [Pairing::Unchanged(0, 0)]);
}

#[test]
fn claims_without_a_trigger_are_keyed_by_their_places() {
    let earlier = [shape("a", None, &[("count", 30, count(1))])];
    // Same place, other value: changed. Another place: new, and the old gone.
    assert_eq!(
        pair_runs(&earlier, &[shape("a", None, &[("count", 30, count(2))])]),
        [Pairing::Changed(0, 0)]
    );
    assert_eq!(
        pair_runs(&earlier, &[shape("a", None, &[("count", 33, count(1))])]),
        [Pairing::New(0), Pairing::Gone(0)]
    );
}

#[test]
fn differences_name_added_and_removed_roles() {
    let before = shape("a", Some(10), &[("count", 30, count(1))]);
    let after = shape("a", Some(10), &[("date", 40, None)]);
    assert_eq!(
        before.differences(&after),
        ["count “q30” (1) removed", "date “q40” added"]
    );
}
