//! Count expressions: reading one ("more than 1,400", "a dozen",
//! "between 75 and 80") and finding them in running text.
//!
//! Decisions, pinned by the tests below:
//! - Digit grouping: "1,229" and "1 229" (plain, no-break, thin or narrow
//!   no-break space) are 1229 when every group after the first has exactly
//!   three digits. "1.229" is 1229 too (European thousands) only with exactly
//!   three digits after each dot and no scale word after it; "3.5" alone is a
//!   decimal and not a count, "1.5 million" is 1500000.
//! - Bounds are inclusive: "over 75" / "more than 75" → lower 76; "at least
//!   75" and "75+" / "+75" / "75 or more" → lower 75; "up to 75" / "as many
//!   as 75" / "no more than 75" → upper 75; "fewer than 75" / "under 75" →
//!   upper 74; "nearly"/"almost"/"close to" are `Approx` with upper = the
//!   number; "around"/"about"/"some"/"roughly"/"approximately" are `Approx`
//!   without bounds; an exact count has lower = upper = number.
//! - Ranges ("75 to 80", "75-80", "75–80", "between 75 and 80", "two or
//!   three") have `number: None`, mod `Range`, and the two ends as bounds:
//!   the text names no single number. "rose from 30 to 115" is two counts.
//! - Vague amounts have `number: None` and a lower bound of two of the unit:
//!   "dozens" 24, "hundreds" / "several hundred" 200, "thousands" 2000,
//!   "tens of thousands" 20000, "hundreds of thousands" 200000.
//! - "a dozen" is exactly 12, "half a dozen" 6, "a hundred" 100.
//! - "one" is a count only where it reads as a numeral: not after "the",
//!   "no", "any", "every", "each", "this", "that", "which", "another", "a",
//!   "some"; not before "of" ("one of the few"), "another", "who", "by",
//!   "at" or a modal verb; and in running text not at the end of a phrase
//!   ("the only one.") unless a modifier comes first ("at least one").
//! - Not counts: numbers inside dates and years (the date finder runs
//!   first), ordinals ("7th", "seventh"), compound adjectives ("six-year",
//!   "10-day"), money ("$3", "5 euros"), percentages, times ("10:30"),
//!   labels ("Article 342", "No. 3", "aged 62"), digits glued to letters or
//!   inside URLs and paths ("COVID-19", "/2020/"), a number alone on its
//!   line (page furniture such as comment counters), and an age set off
//!   after a name ("Lukashenko, 71," / "Bialiatski (62)").
//! - A four-digit number from 1800 to 2099 without a separator is taken for
//!   a year, not a count, unless a count word follows ("2000 people", "2000
//!   of them") or a modifier precedes it ("about 2000").
//! - A number followed by a unit ("ten days", "10 years") is a count of
//!   those units; "four years ago" is a date, so not a count.

use super::count_words::{
    ABBREVIATED_LABELS, Bound, CHANGE_VERBS, LABEL_WORDS, MODIFIERS, NON_COUNT_UNITS,
    ONE_PRONOUN_AFTER, ONE_PRONOUN_BEFORE,
};
use super::date::{COUNT_NOUNS, date_token_ranges, normalize_date};
use super::text::{Token, TokenKind, Tokens};
use super::words;
use crate::model::text::CharRange;
use crate::model::value::{CountModifier, CountValue};

/// A count expression found in text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundCount {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub value: CountValue,
}

impl FoundCount {
    /// Where the count is, in chars.
    pub fn range(&self) -> CharRange {
        CharRange::from_offsets(self.start, self.end)
    }
}

/// Reads one count expression. `None` means it is not a count.
///
/// Words after the count are allowed and ignored ("31 political
/// prisoners" → 31), unless the whole expression is a date ("8 June").
#[must_use]
pub fn normalize_count(expression: &str) -> Option<CountValue> {
    let tokens = Tokens::new(expression);
    let (end, value) = match_count_at(&tokens, 0, Mode::Whole)?;
    let rest_is_punct = (end..tokens.len()).all(|i| {
        tokens.get(i).is_some_and(|t| {
            t.kind == TokenKind::Punct && t.lower.starts_with(['.', ',', ';', ':', '!', '?'])
        })
    });
    if rest_is_punct {
        return Some(value);
    }
    let rest_is_words =
        (end..tokens.len()).all(|i| tokens.get(i).is_some_and(|t| t.kind != TokenKind::Number));
    let is_date = normalize_date(expression, None).is_some();
    (rest_is_words && !is_date).then_some(value)
}

/// Finds count expressions in `text`: sorted by start, non-overlapping, the
/// longest match at each place, never inside a date.
#[must_use]
pub fn find_counts(text: &str) -> Vec<FoundCount> {
    let tokens = Tokens::new(text);
    find_counts_in(&tokens, &date_token_ranges(&tokens))
        .into_iter()
        .map(|(_, found)| found)
        .collect()
}

/// [`find_counts`] on text already cut into tokens whose dates (token
/// ranges `[first, end)`) are known, with each count's token range.
pub(crate) fn find_counts_in(
    tokens: &Tokens,
    dates: &[(usize, usize)],
) -> Vec<((usize, usize), FoundCount)> {
    let mut in_date = vec![false; tokens.len()];
    for &(first, end) in dates {
        for flag in in_date.iter_mut().take(end).skip(first) {
            *flag = true;
        }
    }
    let mut found = Vec::new();
    let mut index = 0;
    let touches_date = |first: usize, end: usize| {
        in_date
            .get(first..end)
            .is_none_or(|flags| flags.contains(&true))
    };
    while index < tokens.len() {
        if let Some((end, value)) = match_count_at(tokens, index, Mode::Find)
            && !touches_date(index, end)
            && let Some((start, end_char)) = tokens.char_span(index, end)
        {
            found.push((
                (index, end),
                FoundCount {
                    start,
                    end: end_char,
                    value,
                },
            ));
            index = end;
        } else {
            index += 1;
        }
    }
    found
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// `normalize_count`: the expression is known to be a count.
    Whole,
    /// `find_counts`: running text, where context must vouch for the count.
    Find,
}

fn parse_modifier(tokens: &Tokens, index: usize) -> Option<(usize, Bound)> {
    let token = tokens.get(index)?;
    if token.kind == TokenKind::Punct {
        // "+75", "~75", ">75", "<75" (the sign must touch the number).
        let bound = match token.lower.as_str() {
            "+" | "≥" => Bound::AtLeast,
            "~" | "≈" => Bound::Approx,
            ">" => Bound::MoreThan,
            "<" => Bound::LessThan,
            "≤" => Bound::AtMost,
            _ => return None,
        };
        let touches_number =
            tokens.touches_next(index) && tokens.get(index + 1).is_some_and(Token::is_number);
        return touches_number.then_some((index + 1, bound));
    }
    let (words, bound) = MODIFIERS
        .iter()
        .filter(|(words, _)| tokens.words_at(index, words))
        .max_by_key(|(words, _)| words.len())?;
    let mut end = index + words.len();
    // "approx." keeps its dot.
    if *words == ["approx"] && tokens.punct_at(end, '.') {
        end += 1;
    }
    Some((end, *bound))
}

/// A number read at a token position.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Amount {
    end: usize,
    value: u64,
    /// The multiplier word used ("million"), or 1.
    scale: u64,
    /// Four digits from 1800 to 2099 without separators: likely a year.
    year_like: bool,
    /// A lone "one", which is often a pronoun.
    lone_one: bool,
}

fn is_dash(tokens: &Tokens, index: usize) -> bool {
    tokens.punct_at(index, '-') || tokens.punct_at(index, '–') || tokens.punct_at(index, '—')
}

fn is_touching_word(tokens: &Tokens, index: usize) -> bool {
    index > 0
        && tokens.touches_next(index - 1)
        && tokens.get(index).is_some_and(|t| t.kind == TokenKind::Word)
}

/// Whether what touches the number on its left makes it part of something
/// else ("B52", "$3", "COVID-19", "/2020", "No.3").
fn glued_on_left(tokens: &Tokens, first: usize) -> bool {
    if first == 0 || !tokens.touches_next(first - 1) {
        return false;
    }
    let Some(previous) = tokens.get(first - 1) else {
        return false;
    };
    match previous.kind {
        TokenKind::Word | TokenKind::Number => true,
        TokenKind::Punct => {
            let c = previous.lower.chars().next().unwrap_or(' ');
            if matches!(c, '-' | '–' | '—') {
                // "COVID-19", "361-1": a dash glued to a word or number.
                first >= 2
                    && tokens.touches_next(first - 2)
                    && tokens
                        .get(first - 2)
                        .is_some_and(|t| t.kind != TokenKind::Punct)
            } else {
                !matches!(
                    c,
                    '(' | '['
                        | '"'
                        | '\''
                        | '“'
                        | '‘'
                        | '«'
                        | '+'
                        | '~'
                        | '≈'
                        | '>'
                        | '<'
                        | '≥'
                        | '≤'
                )
            }
        }
    }
}

/// Whether what touches the number on its right makes it part of something
/// else ("14th", "5km", "45%", "10-year", "10:30", "24/7").
fn glued_on_right(tokens: &Tokens, last: usize) -> bool {
    if !tokens.touches_next(last) {
        return false;
    }
    let Some(next) = tokens.get(last + 1) else {
        return false;
    };
    match next.kind {
        TokenKind::Word | TokenKind::Number => true,
        TokenKind::Punct => {
            let c = next.lower.chars().next().unwrap_or(' ');
            let then_touches = tokens.touches_next(last + 1) && tokens.get(last + 2).is_some();
            match c {
                // "10-year", "361-1", "10:30", "3.5": glued on both sides.
                '-' | '–' | '—' | ':' | '.' | ',' => {
                    then_touches
                        && tokens
                            .get(last + 2)
                            .is_some_and(|t| t.kind != TokenKind::Punct)
                }
                // Closing punctuation and "75+" leave the number alone;
                // anything else ("45%", "3½", "24/7", "5€") makes it no count.
                _ => !matches!(
                    c,
                    ';' | '!' | '?' | ')' | ']' | '"' | '\'' | '”' | '’' | '»' | '…' | '+' | '*'
                ),
            }
        }
    }
}

/// Whether a space-like gap may group digits ("1 229", "1\u{a0}229").
fn is_group_gap(gap: &[char]) -> bool {
    matches!(gap, [' ' | '\u{a0}' | '\u{2009}' | '\u{202f}'])
}

fn scale_word(tokens: &Tokens, index: usize) -> Option<u64> {
    let token = tokens.get(index)?;
    if token.is_word("hundred") {
        return Some(100);
    }
    words::scale_value(&token.lower).filter(|_| token.kind == TokenKind::Word)
}

/// Digits with optional grouping, decimals and a scale word: "1,229",
/// "1.229", "1 229", "1.5 million", "2 thousand".
fn parse_digits(tokens: &Tokens, first: usize) -> Option<Amount> {
    let head = tokens.get(first)?;
    if !head.is_number() {
        return None;
    }
    let mut digits = head.lower.clone();
    let mut last = first;
    let mut grouped = false;
    let mut fraction: Option<String> = None;
    let group_allowed = head.digit_count() <= 3;

    // Groups joined by "," or "." touching both sides.
    let mut separator: Option<char> = None;
    while tokens.touches_next(last) && tokens.touches_next(last + 1) {
        let Some(mark) = tokens.get(last + 1).and_then(|t| t.lower.chars().next()) else {
            break;
        };
        let Some(group) = tokens.get(last + 2).filter(|t| t.is_number()) else {
            break;
        };
        if !matches!(mark, ',' | '.') {
            break;
        }
        let is_group =
            group_allowed && group.digit_count() == 3 && separator.is_none_or(|s| s == mark);
        if is_group && !(mark == '.' && scale_word(tokens, last + 3).is_some()) {
            separator = Some(mark);
            digits.push_str(&group.lower);
            grouped = true;
            last += 2;
            continue;
        }
        // A decimal part: only "1.5 million", "1,229.5 thousand" survive.
        if mark == '.' && separator != Some('.') {
            fraction = Some(group.lower.clone());
            last += 2;
            break;
        }
        return None;
    }
    // Groups joined by one space-like char: "1 229", "12 500".
    if !grouped && fraction.is_none() && group_allowed {
        while is_group_gap(tokens.gap_after(last))
            && tokens
                .get(last + 1)
                .is_some_and(|t| t.is_number() && t.digit_count() == 3)
            && !glued_on_right(tokens, last + 1)
        {
            digits.push_str(&tokens.get(last + 1)?.lower);
            grouped = true;
            last += 1;
        }
    }
    let integer: u64 = digits.parse().ok()?;
    let mut end = last + 1;
    let mut scale = 1;
    let mut value = integer;
    if let Some(multiplier) = scale_word(tokens, end).filter(|_| !tokens.touches_next(last)) {
        scale = multiplier;
        value = integer.checked_mul(multiplier)?;
        if let Some(fraction) = &fraction {
            let places = u32::try_from(fraction.len()).ok()?;
            let denominator = 10u64.checked_pow(places)?;
            let numerator = fraction.parse::<u64>().ok()?.checked_mul(multiplier)?;
            if numerator % denominator != 0 {
                return None;
            }
            value = value.checked_add(numerator / denominator)?;
        }
        end += 1;
    } else if fraction.is_some() {
        // "3.5", "$32.95": a decimal is not a count of things.
        return None;
    }
    let year_like =
        !grouped && scale == 1 && head.digit_count() == 4 && (1800..=2099).contains(&integer);
    Some(Amount {
        end,
        value,
        scale,
        year_like,
        lone_one: false,
    })
}

/// Any number at `first`, in digits or words, if its surroundings allow it.
fn parse_amount(tokens: &Tokens, first: usize, mode: Mode) -> Option<Amount> {
    let token = tokens.get(first)?;
    let amount = if token.is_number() {
        parse_digits(tokens, first)?
    } else if token.kind == TokenKind::Word {
        let number = words::parse_number_words(tokens, first)?;
        Amount {
            end: number.end,
            value: number.value,
            scale: number.scale,
            year_like: false,
            lone_one: number.end == first + 1 && token.lower == "one",
        }
    } else {
        return None;
    };
    let last = amount.end - 1;
    if glued_on_left(tokens, first) || glued_on_right(tokens, last) {
        return None;
    }
    // "six-year", "one-time": a compound adjective, not a count.
    if tokens.touches_next(last) && is_dash(tokens, last + 1) && is_touching_word(tokens, last + 2)
    {
        return None;
    }
    if let Some(previous) = first.checked_sub(1).and_then(|i| tokens.get(i)) {
        let label =
            previous.kind == TokenKind::Word && LABEL_WORDS.contains(&previous.lower.as_str());
        let numbered = previous.is_punct('#')
            || previous.is_punct('№')
            || (previous.is_punct('.')
                && first
                    .checked_sub(2)
                    .and_then(|i| tokens.get(i))
                    .is_some_and(|t| ABBREVIATED_LABELS.contains(&t.lower.as_str())));
        let money = previous.kind == TokenKind::Punct
            && previous.lower.starts_with(['$', '€', '£', '¥', '₽']);
        if label || numbered || money {
            return None;
        }
    }
    // "10 a.m.", "3 p.m."
    let clock = (tokens.word_at(amount.end, "a") || tokens.word_at(amount.end, "p"))
        && tokens.punct_at(amount.end + 1, '.')
        && tokens.word_at(amount.end + 2, "m");
    if clock {
        return None;
    }
    if let Some(next) = tokens.get(amount.end)
        && next.kind == TokenKind::Word
        && NON_COUNT_UNITS.contains(&next.lower.as_str())
    {
        let per_cent = next.lower != "per" || tokens.word_at(amount.end + 1, "cent");
        if per_cent {
            return None;
        }
    }
    if mode == Mode::Find
        && ((tokens.starts_line(first) && tokens.ends_line(last))
            || is_age_after_name(tokens, first, last))
    {
        return None;
    }
    Some(amount)
}

/// "Lukashenko, 71, said", "Bialiatski (62)": an age set off after a name.
fn is_age_after_name(tokens: &Tokens, first: usize, last: usize) -> bool {
    let Some(value) = tokens
        .get(first)
        .filter(|_| first == last)
        .and_then(Token::number)
    else {
        return false;
    };
    let Some(opening) = first.checked_sub(1).and_then(|i| tokens.get(i)) else {
        return false;
    };
    let closing_matches = if opening.is_punct(',') {
        tokens.punct_at(last + 1, ',')
    } else if opening.is_punct('(') {
        tokens.punct_at(last + 1, ')')
    } else {
        false
    };
    let after_name = first.checked_sub(2).is_some_and(|i| {
        tokens
            .get(i)
            .is_some_and(|t| t.kind == TokenKind::Word && t.capitalized)
    });
    (15..=110).contains(&value) && closing_matches && after_name
}

/// Whether a lone "one" reads as a pronoun here.
fn one_is_pronoun(tokens: &Tokens, first: usize, end: usize, modified: bool, mode: Mode) -> bool {
    let before = first
        .checked_sub(1)
        .and_then(|i| tokens.get(i))
        .filter(|t| t.kind == TokenKind::Word);
    if !modified && before.is_some_and(|t| ONE_PRONOUN_BEFORE.contains(&t.lower.as_str())) {
        return true;
    }
    match tokens.get(end) {
        Some(next) if next.kind == TokenKind::Word => {
            ONE_PRONOUN_AFTER.contains(&next.lower.as_str())
        }
        // "the only one." / end of text: a pronoun unless "at least one".
        _ => mode == Mode::Find && !modified,
    }
}

fn bounded(number: u64, bound: Bound) -> CountValue {
    let (modifier, lower, upper) = match bound {
        Bound::MoreThan => (CountModifier::MoreThan, number.checked_add(1), None),
        Bound::AtLeast => (CountModifier::AtLeast, Some(number), None),
        Bound::Approx => (CountModifier::Approx, None, None),
        Bound::ApproxAtMost => (CountModifier::Approx, None, Some(number)),
        Bound::AtMost => (CountModifier::AtMost, None, Some(number)),
        Bound::LessThan => (CountModifier::LessThan, None, number.checked_sub(1)),
    };
    CountValue {
        number: Some(number),
        modifier,
        lower,
        upper,
    }
}

fn range(lower: u64, upper: u64) -> CountValue {
    CountValue {
        number: None,
        modifier: CountModifier::Range,
        lower: Some(lower),
        upper: Some(upper),
    }
}

/// The longest count expression starting at `index`.
fn match_count_at(tokens: &Tokens, index: usize, mode: Mode) -> Option<(usize, CountValue)> {
    let candidates = [
        match_between(tokens, index, mode),
        match_modified(tokens, index, mode),
        match_plain(tokens, index, mode),
        match_vague(tokens, index),
    ];
    let mut best: Option<(usize, CountValue)> = None;
    for (end, value) in candidates.into_iter().flatten() {
        if best.as_ref().is_none_or(|(best_end, _)| end > *best_end) {
            best = Some((end, value));
        }
    }
    best
}

/// "between 75 and 80".
fn match_between(tokens: &Tokens, index: usize, mode: Mode) -> Option<(usize, CountValue)> {
    if !tokens.word_at(index, "between") {
        return None;
    }
    let low = parse_amount(tokens, index + 1, mode)?;
    if !tokens.word_at(low.end, "and") {
        return None;
    }
    let high = parse_amount(tokens, low.end + 1, mode)?;
    let (lower, upper) = range_ends(&low, &high)?;
    Some((high.end, range(lower, upper)))
}

/// The bounds of a range, if the two numbers make one ("two to three
/// thousand" shares the scale).
fn range_ends(low: &Amount, high: &Amount) -> Option<(u64, u64)> {
    if low.year_like && high.year_like {
        return None;
    }
    let mut lower = low.value;
    if low.scale == 1 && high.scale >= 1_000 {
        let scaled = lower.checked_mul(high.scale)?;
        if scaled < high.value {
            lower = scaled;
        }
    }
    (lower < high.value).then_some((lower, high.value))
}

/// "75 to 80", "75-80", "75 – 80", "two or three", starting at the first
/// number.
fn match_range_from(
    tokens: &Tokens,
    index: usize,
    low: &Amount,
    mode: Mode,
) -> Option<(usize, CountValue)> {
    let joiner = low.end;
    let is_to = tokens.word_at(joiner, "to");
    let is_or = tokens.word_at(joiner, "or");
    if !(is_to || is_or || is_dash(tokens, joiner)) {
        return None;
    }
    // "rose from 30 to 115" is a change between two counts.
    if is_to && index >= 1 && tokens.word_at(index - 1, "from") {
        let window = index.saturating_sub(5)..index - 1;
        if window.into_iter().any(|i| {
            tokens
                .get(i)
                .is_some_and(|t| CHANGE_VERBS.contains(&t.lower.as_str()))
        }) {
            return None;
        }
    }
    let high = if is_dash(tokens, joiner) && tokens.touches_next(joiner) {
        // The dash touches the high number: read it without the left-glue check.
        let digits = parse_digits(tokens, joiner + 1)?;
        if glued_on_right(tokens, digits.end - 1) {
            return None;
        }
        digits
    } else {
        parse_amount(tokens, joiner + 1, mode)?
    };
    let (lower, upper) = range_ends(low, &high)?;
    if is_or && upper != lower + 1 {
        return None;
    }
    Some((high.end, range(lower, upper)))
}

/// A modifier and a number: "more than 2,090", "+75", "about 75 to 80".
fn match_modified(tokens: &Tokens, index: usize, mode: Mode) -> Option<(usize, CountValue)> {
    let (after, bound) = parse_modifier(tokens, index)?;
    if let Some(found) = match_between(tokens, after, mode) {
        return Some(found);
    }
    let amount = parse_amount_allowing_dash(tokens, after, mode)?;
    if amount.lone_one && one_is_pronoun(tokens, after, amount.end, true, mode) {
        return None;
    }
    if let Some(found) = match_range_from(tokens, after, &amount, mode) {
        return Some(found);
    }
    Some((amount.end, bounded(amount.value, bound)))
}

/// A number whose right side may be a range dash ("75-80"), which the
/// right-glue check would refuse.
fn parse_amount_allowing_dash(tokens: &Tokens, first: usize, mode: Mode) -> Option<Amount> {
    if let Some(amount) = parse_amount(tokens, first, mode) {
        return Some(amount);
    }
    let digits = parse_digits(tokens, first)?;
    let dash = digits.end;
    let is_range_dash = is_dash(tokens, dash)
        && tokens.touches_next(dash - 1)
        && tokens.touches_next(dash)
        && tokens.get(dash + 1).is_some_and(Token::is_number);
    if !is_range_dash || glued_on_left(tokens, first) {
        return None;
    }
    Some(digits)
}

/// A number alone or with a modifier after it: "1,229", "75+", "75 or more".
fn match_plain(tokens: &Tokens, index: usize, mode: Mode) -> Option<(usize, CountValue)> {
    let amount = parse_amount_allowing_dash(tokens, index, mode)?;
    if let Some(found) = match_range_from(tokens, index, &amount, mode) {
        return Some(found);
    }
    // A dash-glued pair that is not a range ("361-1", "2020-2022").
    parse_amount(tokens, index, mode)?;
    if amount.lone_one && one_is_pronoun(tokens, index, amount.end, false, mode) {
        return None;
    }
    let after = amount.end;
    if tokens.punct_at(after, '+') && tokens.touches_next(after - 1) {
        return Some((after + 1, bounded(amount.value, Bound::AtLeast)));
    }
    if tokens.word_at(after, "or") {
        let postfix = tokens.get(after + 1).and_then(|t| match t.lower.as_str() {
            "more" => Some(Bound::AtLeast),
            "so" => Some(Bound::Approx),
            "fewer" | "less" => Some(Bound::AtMost),
            _ => None,
        });
        if let Some(bound) = postfix {
            return Some((after + 2, bounded(amount.value, bound)));
        }
    }
    if amount.year_like && mode == Mode::Find {
        let count_word_follows = tokens
            .get(after)
            .is_some_and(|t| t.lower == "of" || COUNT_NOUNS.contains(&t.lower.as_str()));
        if !count_word_follows {
            return None;
        }
    }
    Some((after, CountValue::exact(amount.value)))
}

/// "dozens", "thousands", "tens of thousands", "several hundred".
fn match_vague(tokens: &Tokens, index: usize) -> Option<(usize, CountValue)> {
    let (end, lower) = words::parse_vague(tokens, index)?;
    // "a few thousand-strong": a compound adjective again.
    if tokens.touches_next(end - 1) && is_dash(tokens, end) {
        return None;
    }
    Some((
        end,
        CountValue {
            number: None,
            modifier: CountModifier::Vague,
            lower: Some(lower),
            upper: None,
        },
    ))
}

#[cfg(test)]
#[path = "count_tests.rs"]
mod tests;
