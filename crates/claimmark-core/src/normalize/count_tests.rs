use super::*;

fn value(
    number: Option<u64>,
    modifier: CountModifier,
    lower: Option<u64>,
    upper: Option<u64>,
) -> CountValue {
    CountValue::new(number, modifier, lower, upper)
}

fn exact(number: u64) -> CountValue {
    CountValue::exact(number)
}

use CountModifier::{Approx, AtLeast, AtMost, LessThan, MoreThan, Range, Vague};

#[test]
fn reads_count_expressions() {
    let cases: &[(&str, CountValue)] = &[
        ("1,229", exact(1229)),
        ("1.229", exact(1229)),
        ("1 229", exact(1229)),
        ("1\u{a0}229", exact(1229)),
        ("1\u{2009}229", exact(1229)),
        ("1\u{202f}229", exact(1229)),
        ("12,345,678", exact(12_345_678)),
        ("1.229.000", exact(1_229_000)),
        ("75", exact(75)),
        ("2020", exact(2020)),
        ("one", exact(1)),
        ("three", exact(3)),
        ("seventeen", exact(17)),
        ("thirty-one", exact(31)),
        ("Thirty-one", exact(31)),
        ("a dozen", exact(12)),
        ("half a dozen", exact(6)),
        ("two thousand", exact(2000)),
        ("a hundred", exact(100)),
        ("five hundred and twelve", exact(512)),
        ("1.5 million", exact(1_500_000)),
        ("2 million", exact(2_000_000)),
        ("dozens", value(None, Vague, Some(24), None)),
        ("hundreds", value(None, Vague, Some(200), None)),
        ("thousands", value(None, Vague, Some(2000), None)),
        ("tens of thousands", value(None, Vague, Some(20_000), None)),
        ("several hundred", value(None, Vague, Some(200), None)),
        ("over 75", value(Some(75), MoreThan, Some(76), None)),
        ("more than 75", value(Some(75), MoreThan, Some(76), None)),
        (
            "more than 1,400",
            value(Some(1400), MoreThan, Some(1401), None),
        ),
        (
            "more than a dozen",
            value(Some(12), MoreThan, Some(13), None),
        ),
        ("at least 75", value(Some(75), AtLeast, Some(75), None)),
        ("75+", value(Some(75), AtLeast, Some(75), None)),
        ("+75", value(Some(75), AtLeast, Some(75), None)),
        ("75 or more", value(Some(75), AtLeast, Some(75), None)),
        ("no fewer than 75", value(Some(75), AtLeast, Some(75), None)),
        ("around 1,229", value(Some(1229), Approx, None, None)),
        ("about 75", value(Some(75), Approx, None, None)),
        ("approximately 75", value(Some(75), Approx, None, None)),
        ("approx. 75", value(Some(75), Approx, None, None)),
        ("some 75", value(Some(75), Approx, None, None)),
        ("roughly 75", value(Some(75), Approx, None, None)),
        ("an estimated 75", value(Some(75), Approx, None, None)),
        ("75 or so", value(Some(75), Approx, None, None)),
        ("nearly 75", value(Some(75), Approx, None, Some(75))),
        ("almost 75", value(Some(75), Approx, None, Some(75))),
        ("up to 75", value(Some(75), AtMost, None, Some(75))),
        ("no more than 75", value(Some(75), AtMost, None, Some(75))),
        ("as many as 75", value(Some(75), AtMost, None, Some(75))),
        ("fewer than 75", value(Some(75), LessThan, None, Some(74))),
        ("less than 75", value(Some(75), LessThan, None, Some(74))),
        ("under 75", value(Some(75), LessThan, None, Some(74))),
        ("75 to 80", value(None, Range, Some(75), Some(80))),
        ("75-80", value(None, Range, Some(75), Some(80))),
        ("75–80", value(None, Range, Some(75), Some(80))),
        ("75 – 80", value(None, Range, Some(75), Some(80))),
        ("between 75 and 80", value(None, Range, Some(75), Some(80))),
        ("about 75 to 80", value(None, Range, Some(75), Some(80))),
        ("two or three", value(None, Range, Some(2), Some(3))),
        (
            "two to three thousand",
            value(None, Range, Some(2000), Some(3000)),
        ),
        ("31 political prisoners", exact(31)),
        ("ten days", exact(10)),
        ("three of them", exact(3)),
        ("1,229.", exact(1229)),
    ];
    for (expression, expected) in cases {
        assert_eq!(
            normalize_count(expression).as_ref(),
            Some(expected),
            "{expression}"
        );
    }
}

#[test]
fn refuses_non_counts() {
    for expression in [
        "",
        "someone",
        "none",
        "one of the few",
        "seventh",
        "7th",
        "six-year",
        "3.5",
        "$32.95",
        "$3",
        "45%",
        "45 percent",
        "10:30",
        "8 June",
        "June 8, 2022",
        "1,22",
        "a",
        "hundred",
        "many",
        "75-70",
        "COVID-19",
        "B52",
        "99999999999999999999999",
        "1,000,000,000,000,000,000,000",
    ] {
        assert_eq!(normalize_count(expression), None, "{expression}");
    }
}

fn found(text: &str) -> Vec<(String, CountValue)> {
    let chars: Vec<char> = text.chars().collect();
    find_counts(text)
        .into_iter()
        .map(|f| (chars[f.start..f.end].iter().collect(), f.value))
        .collect()
}

fn spans(text: &str) -> Vec<String> {
    found(text).into_iter().map(|(span, _)| span).collect()
}

#[test]
fn finds_counts_in_running_text() {
    let cases: &[(&str, &[&str])] = &[
        ("the president freed 31 political prisoners", &["31"]),
        (
            "three of them are disabled and 17 are suffering",
            &["three", "17"],
        ),
        (
            "more than 2,090 people will be released",
            &["more than 2,090"],
        ),
        ("Viasna counts 1,184 political prisoners", &["1,184"]),
        ("thousands of prisoners", &["thousands"]),
        ("a dozen activists", &["a dozen"]),
        ("sentenced to ten days", &["ten"]),
        ("between 75 and 80 people", &["between 75 and 80"]),
        ("75–80 people and 75+ more", &["75–80", "75+"]),
        ("the number rose from 30 to 115", &["30", "115"]),
        ("sentences ranging from 3 to 10 years", &["3 to 10"]),
        ("cut by one year", &["one"]),
        (
            "at least one person, and at least one.",
            &["at least one", "at least one"],
        ),
        (
            "one of the few, someone, anyone, everyone, none, no one",
            &[],
        ),
        ("the only one. This one is.", &[]),
        ("On June 8, 2022 and in 2020, since 1994", &[]),
        ("the 2020 presidential election", &[]),
        ("his seventh term, a sixth term, the 14th day", &[]),
        ("a six-year sentence and a 10-year term, aged 62", &[]),
        ("see https://example.org/2020/06/page-12 or COVID-19", &[]),
        ("pay $32.95 or less than $3 a month, 45% or 45 percent", &[]),
        ("Article 342, No. 3, #5 and 10:30", &[]),
        ("Comments\n0\n", &[]),
        (
            "Lukashenko, 71, said; Bialiatski (62) remains; aged 62",
            &[],
        ),
        ("In June, 14 people; prisoners (62) in total", &["14", "62"]),
        ("3½ years, 5€, 24/7, 10-day, 45%", &[]),
        ("“75” people (80) and 90.", &["75", "80", "90"]),
        ("in 2000 cases, 2000 people were held", &["2000", "2000"]),
        ("1 229 prisoners and 1.229 more", &["1 229", "1.229"]),
        ("over 100 individuals", &["over 100"]),
        ("tens of thousands of people", &["tens of thousands"]),
        ("four years ago and four years after", &["four"]),
    ];
    for (text, expected) in cases {
        assert_eq!(&spans(text), expected, "{text}");
    }
}

#[test]
fn offsets_are_chars_after_wide_and_combining_characters() {
    let prefixes = ["🎉 ", "“Quoted” ", "word — ", "cafe\u{301} ", "Łódź 👩‍👩‍👧 "];
    for prefix in prefixes {
        let text = format!("{prefix}freed more than 1,229 and dozens");
        let base = prefix.chars().count();
        let counts = find_counts(&text);
        let spans: Vec<(usize, usize)> = counts.iter().map(|c| (c.start, c.end)).collect();
        assert_eq!(
            spans,
            vec![(base + 6, base + 21), (base + 26, base + 32)],
            "{prefix}"
        );
    }
}
