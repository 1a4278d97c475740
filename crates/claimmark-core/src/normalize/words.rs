//! English number words ("seventeen", "thirty-one", "five hundred and
//! twelve", "a dozen").

use super::text::{TokenKind, Tokens};

/// "one" to "nineteen" (and "zero").
pub(crate) fn unit_value(word: &str) -> Option<u64> {
    let value = match word {
        "zero" => 0,
        "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        "thirteen" => 13,
        "fourteen" => 14,
        "fifteen" => 15,
        "sixteen" => 16,
        "seventeen" => 17,
        "eighteen" => 18,
        "nineteen" => 19,
        _ => return None,
    };
    Some(value)
}

pub(crate) fn tens_value(word: &str) -> Option<u64> {
    let value = match word {
        "twenty" => 20,
        "thirty" => 30,
        "forty" => 40,
        "fifty" => 50,
        "sixty" => 60,
        "seventy" => 70,
        "eighty" => 80,
        "ninety" => 90,
        _ => return None,
    };
    Some(value)
}

/// Multipliers that close a group ("two thousand three hundred").
pub(crate) fn scale_value(word: &str) -> Option<u64> {
    match word {
        "thousand" => Some(1_000),
        "million" => Some(1_000_000),
        "billion" => Some(1_000_000_000),
        _ => None,
    }
}

/// A spelled-out number found at a token position.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct WordNumber {
    pub value: u64,
    /// Token index one past the last token used.
    pub end: usize,
    /// The largest multiplier used ("thousand" in "two thousand"), or 1.
    pub scale: u64,
}

/// What the previous word was, to refuse "one two" or "twenty thirty".
#[derive(Clone, Copy, PartialEq, Eq)]
enum Last {
    Nothing,
    Unit,
    Tens,
    Hundred,
    Scale,
    And,
}

/// What one more word does to a number being read.
enum Step {
    /// The word belongs to the number.
    Took,
    /// "and" between parts: belongs only if more number follows.
    Joined,
    /// "dozen" ends the number with this value.
    Dozen(u64),
    /// The number ended before this word.
    Stop,
}

/// A spelled-out number being read word by word.
struct Reader {
    total: u64,
    group: u64,
    last: Last,
    largest_scale: u64,
    /// "a"/"an" was read and stands for one of the next multiplier.
    pending_a: bool,
}

impl Reader {
    fn take(&mut self, word: &str, next_is_small: bool) -> Option<Step> {
        let fresh_a = self.pending_a && self.last == Last::Nothing;
        if let Some(value) = unit_value(word) {
            let fits = match self.last {
                Last::Nothing | Last::Hundred | Last::Scale | Last::And => !self.pending_a,
                // "thirty-one" or "thirty one", but not "thirty eleven".
                Last::Tens => value > 0 && value < 10,
                Last::Unit => false,
            };
            return Some(self.add(fits, value, Last::Unit));
        }
        if let Some(value) = tens_value(word) {
            let fits = matches!(self.last, Last::Hundred | Last::Scale | Last::And)
                || (self.last == Last::Nothing && !self.pending_a);
            return Some(self.add(fits, value, Last::Tens));
        }
        let step = match word {
            "hundred" => {
                let counted = matches!(self.last, Last::Unit | Last::Tens) && self.group < 100;
                if !(counted || fresh_a) {
                    return Some(Step::Stop);
                }
                self.group = self.group.max(1) * 100;
                self.last = Last::Hundred;
                self.largest_scale = self.largest_scale.max(100);
                Step::Took
            }
            "dozen" if fresh_a => Step::Dozen(12),
            "dozen" if self.last == Last::Unit && self.total == 0 && self.group < 20 => {
                Step::Dozen(self.group * 12)
            }
            // Only "five hundred and twelve", "two thousand and five".
            "and" if matches!(self.last, Last::Hundred | Last::Scale) && next_is_small => {
                self.last = Last::And;
                Step::Joined
            }
            _ => {
                let Some(scale) = scale_value(word) else {
                    return Some(Step::Stop);
                };
                let has_group = self.group > 0 || fresh_a;
                if !has_group || matches!(self.last, Last::Scale | Last::And) {
                    return Some(Step::Stop);
                }
                self.total = self
                    .total
                    .checked_add(self.group.max(1).checked_mul(scale)?)?;
                self.group = 0;
                self.last = Last::Scale;
                self.largest_scale = self.largest_scale.max(scale);
                Step::Took
            }
        };
        Some(step)
    }

    fn add(&mut self, fits: bool, value: u64, last: Last) -> Step {
        if !fits {
            return Step::Stop;
        }
        self.group += value;
        self.last = last;
        Step::Took
    }
}

/// Reads a spelled-out number starting at token `start`.
///
/// Accepts "a"/"an" before "hundred", "thousand", "million" and "dozen",
/// hyphens or spaces between tens and units, and "and" after "hundred" or a
/// scale word. A lone "a" or "hundred" is not a number.
pub(crate) fn parse_number_words(tokens: &Tokens, start: usize) -> Option<WordNumber> {
    if tokens.words_at(start, &["half", "a", "dozen"]) {
        return Some(WordNumber {
            value: 6,
            end: start + 3,
            scale: 12,
        });
    }
    let pending_a = tokens.word_at(start, "a") || tokens.word_at(start, "an");
    let mut reader = Reader {
        total: 0,
        group: 0,
        last: Last::Nothing,
        largest_scale: 1,
        pending_a,
    };
    let mut index = start + usize::from(pending_a);
    let mut end = start;
    while let Some(token) = tokens.get(index) {
        if token.kind != TokenKind::Word {
            break;
        }
        let next_is_small = tokens
            .get(index + 1)
            .is_some_and(|t| unit_value(&t.lower).is_some() || tens_value(&t.lower).is_some());
        match reader.take(&token.lower, next_is_small)? {
            Step::Stop => break,
            Step::Joined => {
                index += 1;
                continue;
            }
            Step::Dozen(value) => {
                return Some(WordNumber {
                    value,
                    end: index + 1,
                    scale: 12,
                });
            }
            Step::Took => {}
        }
        index += 1;
        end = index;
        // A hyphen joins only tens and units ("thirty-one").
        let hyphenated_unit = tokens
            .get(index + 1)
            .and_then(|t| unit_value(&t.lower))
            .is_some_and(|v| v > 0 && v < 10);
        if reader.last == Last::Tens
            && tokens.punct_at(index, '-')
            && tokens.touches_next(index - 1)
            && tokens.touches_next(index)
            && hyphenated_unit
        {
            index += 1;
        }
    }
    if end == start || (pending_a && end == start + 1) {
        return None;
    }
    Some(WordNumber {
        value: reader.total.checked_add(reader.group)?,
        end,
        scale: reader.largest_scale,
    })
}

/// A vague amount ("dozens", "hundreds of thousands") at token `start`:
/// the token index one past it and its lower bound.
pub(crate) fn parse_vague(tokens: &Tokens, start: usize) -> Option<(usize, u64)> {
    let plural_lower = |word: &str| match word {
        "dozens" => Some(24),
        "hundreds" => Some(200),
        "thousands" => Some(2_000),
        "millions" => Some(2_000_000),
        _ => None,
    };
    let first = tokens.get(start)?;
    if first.is_word("tens") && tokens.word_at(start + 1, "of") {
        let lower = match tokens.get(start + 2)?.lower.as_str() {
            "thousands" => 20_000,
            "millions" => 20_000_000,
            _ => return None,
        };
        return Some((start + 3, lower));
    }
    if let Some(lower) = plural_lower(&first.lower) {
        if first.lower == "hundreds" && tokens.word_at(start + 1, "of") {
            match tokens.get(start + 2).map(|t| t.lower.as_str()) {
                Some("thousands") => return Some((start + 3, 200_000)),
                Some("millions") => return Some((start + 3, 200_000_000)),
                _ => {}
            }
        }
        return Some((start + 1, lower));
    }
    // "several hundred", "a few thousand", "several dozen".
    let after_quantifier = if first.is_word("several") {
        start + 1
    } else if first.is_word("a") && tokens.word_at(start + 1, "few") {
        start + 2
    } else {
        return None;
    };
    let lower = match tokens.get(after_quantifier)?.lower.as_str() {
        "dozen" => 24,
        "hundred" => 200,
        "thousand" => 2_000,
        "million" => 2_000_000,
        _ => return None,
    };
    Some((after_quantifier + 1, lower))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spelled_numbers() {
        let cases: &[(&str, Option<(u64, usize)>)] = &[
            ("one", Some((1, 1))),
            ("three", Some((3, 1))),
            ("seventeen", Some((17, 1))),
            ("thirty-one", Some((31, 3))),
            ("thirty one", Some((31, 2))),
            ("a dozen", Some((12, 2))),
            ("two dozen", Some((24, 2))),
            ("half a dozen", Some((6, 3))),
            ("two thousand", Some((2_000, 2))),
            ("a hundred", Some((100, 2))),
            ("a thousand", Some((1_000, 2))),
            ("five hundred and twelve", Some((512, 4))),
            ("two thousand three hundred and five", Some((2_305, 6))),
            ("one hundred twenty-three", Some((123, 5))),
            ("ninety-nine", Some((99, 3))),
            ("two million", Some((2_000_000, 2))),
            // Stops where the number stops.
            ("one two", Some((1, 1))),
            ("twenty thirty", Some((20, 1))),
            ("five and ten", Some((5, 1))),
            ("thirty-year", Some((30, 1))),
            ("ten days", Some((10, 1))),
            ("a man", None),
            ("a", None),
            ("hundred", None),
            ("thousand", None),
            ("someone", None),
        ];
        for (text, expected) in cases {
            let tokens = Tokens::new(text);
            let found = parse_number_words(&tokens, 0).map(|n| (n.value, n.end));
            assert_eq!(found, *expected, "{text}");
        }
    }

    #[test]
    fn vague_amounts() {
        let cases: &[(&str, Option<(usize, u64)>)] = &[
            ("dozens", Some((1, 24))),
            ("hundreds", Some((1, 200))),
            ("thousands of prisoners", Some((1, 2_000))),
            ("tens of thousands", Some((3, 20_000))),
            ("hundreds of thousands", Some((3, 200_000))),
            ("several hundred", Some((2, 200))),
            ("a few thousand", Some((3, 2_000))),
            ("tens", None),
            ("several", None),
        ];
        for (text, expected) in cases {
            let tokens = Tokens::new(text);
            assert_eq!(parse_vague(&tokens, 0), *expected, "{text}");
        }
    }
}
