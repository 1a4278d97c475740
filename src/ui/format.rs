//! Small text helpers the panels (and the app's messages) share.

/// Position of a digit in pickers: 1 is the first item, 0 the tenth.
pub fn digit_index(digit: char) -> Option<usize> {
    match digit {
        '1'..='9' => Some(digit as usize - '1' as usize),
        '0' => Some(9),
        _ => None,
    }
}

/// The digit shown for an item in a picker.
pub fn digit_for(index: usize) -> Option<char> {
    match index {
        0..=8 => char::from_digit(u32::try_from(index + 1).ok()?, 10),
        9 => Some('0'),
        _ => None,
    }
}

/// Text on one line, cut to `max_chars` with an ellipsis.
/// "1 claim", "2 claims", "0 claims": a count with its noun.
pub fn counted(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else if let Some(stem) = noun.strip_suffix('y') {
        format!("{n} {stem}ies")
    } else {
        format!("{n} {noun}s")
    }
}

pub fn short_text(text: &str, max_chars: usize) -> String {
    let flat = text.replace('\n', " ");
    if flat.chars().count() <= max_chars {
        return flat;
    }
    let mut cut: String = flat.chars().take(max_chars.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

#[cfg(test)]
mod tests {
    use super::counted;

    #[test]
    fn counts_take_the_noun_in_the_right_number() {
        assert_eq!(counted(1, "claim"), "1 claim");
        assert_eq!(counted(0, "claim"), "0 claims");
        assert_eq!(counted(2, "entity"), "2 entities");
    }
}
