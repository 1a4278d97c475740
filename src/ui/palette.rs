//! The command palette (Ctrl+K): every command of the one command table by
//! name, with its shortcut; type to filter (word starts: "saa" is Save
//! as…), ↑/↓ to move, Enter or a row's digit to run. A command that cannot
//! run now is greyed, with why.

use egui::{Key, RichText};

use crate::command::{CommandState, Commands, UiCommand};

/// The commands a query finds: every word of it in the label or tooltip.
/// Ranked: the whole label, then the starts of its words in order ("sa":
/// Save as…, "npr": Next proposal), then labels that start with it, then a
/// word of the label that does, then the rest; shorter labels first within
/// each.
pub fn matching(query: &str) -> Vec<UiCommand> {
    let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
    let mut found: Vec<UiCommand> = UiCommand::ALL
        .into_iter()
        .filter(|c| *c != UiCommand::CommandPalette)
        .filter(|c| {
            let text = format!("{} {}", c.label(), c.tooltip()).to_lowercase();
            words.iter().all(|w| text.contains(w.as_str()))
                || (words.len() == 1 && word_prefixes_match(c.label(), &words[0]))
        })
        .collect();
    let first = words.first().cloned().unwrap_or_default();
    // Shorter labels first within a rank: "accept" is Accept before
    // "Accept all shown".
    found.sort_by_key(|c| (rank(c.label(), &first), c.label().len()));
    found
}

/// The label's words, lower case.
fn label_words(label: &str) -> Vec<String> {
    label
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Whether `query` is pieces, each the start of a word of the label, in
/// order, the first piece starting its first word: "sa" and "saas" are
/// Save as…, "sad" Suggest spans and claims in all documents.
fn word_prefixes_match(label: &str, query: &str) -> bool {
    fn from(words: &[String], query: &str) -> bool {
        if query.is_empty() {
            return true;
        }
        let Some((word, rest)) = words.split_first() else {
            return false;
        };
        // The first piece starts the first word; later ones may skip
        // words ("sad": Suggest … all documents).
        query
            .char_indices()
            .map(|(at, c)| at + c.len_utf8())
            .take_while(|&end| word.starts_with(&query[..end]))
            .any(|end| later(rest, &query[end..]))
    }
    fn later(words: &[String], query: &str) -> bool {
        query.is_empty() || (0..words.len()).any(|skip| from(&words[skip..], query))
    }
    from(&label_words(label), query)
}

fn rank(label: &str, first: &str) -> u8 {
    let lower = label.to_lowercase();
    if first.is_empty() {
        4
    } else if lower.trim_end_matches('…') == first {
        0
    } else if word_prefixes_match(label, first) {
        1
    } else if lower.starts_with(first) {
        2
    } else if lower
        .split(|c: char| !c.is_alphanumeric())
        .any(|word| word.starts_with(first))
    {
        3
    } else {
        4
    }
}

/// Returns whether the palette stays open.
pub fn palette_ui(
    ui: &mut egui::Ui,
    query: &mut String,
    selected: &mut usize,
    state: &CommandState,
    out: &mut Commands,
) -> bool {
    ui.heading("Run a command");
    // A digit runs that row of the list (commands' names have none), so
    // any command is Ctrl+K, a letter or two, a digit.
    let digit = ui.input_mut(|i| {
        let (n, key) = ROW_KEYS
            .iter()
            .enumerate()
            .find(|(_, key)| i.key_pressed(**key) && i.modifiers.is_none())?;
        i.consume_key(egui::Modifiers::NONE, *key);
        let typed = (n + 1).to_string();
        i.events
            .retain(|event| !matches!(event, egui::Event::Text(text) if *text == typed));
        Some(n)
    });
    let field = ui.add(
        egui::TextEdit::singleline(query)
            .hint_text("Type part of a command's name")
            .desired_width(f32::INFINITY),
    );
    field.request_focus();
    if field.changed() {
        *selected = 0;
    }
    let found = matching(query);
    let (down, up, enter, escape) = ui.input_mut(|i| {
        (
            i.consume_key(egui::Modifiers::NONE, Key::ArrowDown),
            i.consume_key(egui::Modifiers::NONE, Key::ArrowUp),
            i.consume_key(egui::Modifiers::NONE, Key::Enter),
            i.consume_key(egui::Modifiers::NONE, Key::Escape),
        )
    });
    if down && !found.is_empty() {
        *selected = (*selected + 1) % found.len();
    }
    if up && !found.is_empty() {
        *selected = (*selected + found.len() - 1) % found.len();
    }
    *selected = (*selected).min(found.len().saturating_sub(1));
    let mut keep = !escape;
    let mut run = None;
    egui::ScrollArea::vertical()
        .max_height(360.0)
        .show(ui, |ui| {
            if found.is_empty() {
                ui.label(RichText::new("No command has those words.").weak());
            }
            for (index, command) in found.iter().enumerate() {
                let reason = command.disabled_reason(state);
                let shortcut = command.shortcut_text(ui.ctx()).unwrap_or_default();
                let row = ui.horizontal(|ui| {
                    let key = if index < ROW_KEYS.len() {
                        format!("{}", index + 1)
                    } else {
                        " ".to_owned()
                    };
                    ui.label(RichText::new(key).monospace().weak());
                    let text = if reason.is_some() {
                        RichText::new(command.label()).weak()
                    } else {
                        RichText::new(command.label())
                    };
                    let label = ui.selectable_label(index == *selected, text);
                    ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                        ui.label(RichText::new(shortcut).monospace().weak());
                    });
                    label
                });
                let label = row.inner.on_hover_text(reason.unwrap_or(command.tooltip()));
                if index == *selected && (down || up) {
                    label.scroll_to_me(None);
                }
                if label.clicked() {
                    run = Some(*command);
                }
            }
        });
    if enter {
        run = found.get(*selected).copied();
    }
    if let Some(row) = digit {
        *selected = row.min(found.len().saturating_sub(1));
        run = found.get(row).copied();
    }
    if let Some(command) = run {
        // One that cannot run stays listed, its reason shown below.
        if command.disabled_reason(state).is_none() {
            out.push(command);
            keep = false;
        }
    }
    if let Some(reason) = found.get(*selected).and_then(|c| c.disabled_reason(state)) {
        ui.label(RichText::new(reason).weak());
    }
    keep
}

/// Keys that run the first nine rows of the list.
const ROW_KEYS: [Key; 9] = [
    Key::Num1,
    Key::Num2,
    Key::Num3,
    Key::Num4,
    Key::Num5,
    Key::Num6,
    Key::Num7,
    Key::Num8,
    Key::Num9,
];

/// The fewest keys that run `command` through the palette: Ctrl+K, then
/// the shortest query (any one or two letters, or word starts of its label)
/// that puts it among the first nine rows, then its digit (or Enter).
pub fn keys_to_run(command: UiCommand) -> usize {
    let letters = || ('a'..='z').map(String::from);
    let two_letters = letters().flat_map(|a| letters().map(move |b| format!("{a}{b}")));
    std::iter::once(String::new())
        .chain(letters())
        .chain(two_letters)
        .chain(queries_for(command.label(), 6))
        .filter_map(|query| {
            let row = matching(&query).iter().position(|c| *c == command)?;
            let typed = query.chars().count();
            // Enter for the first row (a query is needed: the empty list
            // starts on the first command, which a digit runs as well).
            (row < ROW_KEYS.len()).then_some(1 + typed + 1)
        })
        .min()
        .unwrap_or(usize::MAX)
}

/// Every query of up to `longest` letters made of the starts of the
/// label's words, in order from the first ("s", "sa", "sav", "saa", …).
fn queries_for(label: &str, longest: usize) -> Vec<String> {
    fn extend(words: &[String], so_far: &str, longest: usize, out: &mut Vec<String>) {
        let Some((word, rest)) = words.split_first() else {
            return;
        };
        for end in word
            .char_indices()
            .map(|(at, c)| at + c.len_utf8())
            .take(longest.saturating_sub(so_far.chars().count()))
        {
            let query = format!("{so_far}{}", &word[..end]);
            out.push(query.clone());
            extend(rest, &query, longest, out);
        }
    }
    let mut out = Vec::new();
    extend(&label_words(label), "", longest, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initials_find_a_command_first() {
        assert_eq!(matching("saa").first(), Some(&UiCommand::SaveProjectAs));
        assert_eq!(matching("nexpro").first(), Some(&UiCommand::NextProposal));
        assert_eq!(matching("save").first(), Some(&UiCommand::SaveProject));
        assert_eq!(matching("undo").first(), Some(&UiCommand::Undo));
    }

    /// Speed: every menu command in a few keys through the palette
    /// (docs/benchmarks.md gives the figures). Fails when a change makes
    /// any take more.
    #[test]
    fn every_menu_command_runs_in_few_keys_through_the_palette() {
        let counts: Vec<(UiCommand, usize)> = UiCommand::ALL
            .into_iter()
            .filter(|c| c.menu().is_some() && *c != UiCommand::CommandPalette)
            .map(|c| (c, keys_to_run(c)))
            .collect();
        let worst = counts.iter().map(|(_, n)| *n).max().unwrap_or(0);
        #[allow(clippy::cast_precision_loss)] // a few dozen commands
        let mean = counts.iter().map(|(_, n)| *n).sum::<usize>() as f64 / counts.len() as f64;
        let within_three = counts.iter().filter(|(_, n)| *n <= 3).count();
        eprintln!(
            "palette: {} menu commands, {within_three} in ≤ 3 keys, mean {mean:.1}, worst {worst}: {:?}",
            counts.len(),
            counts
                .iter()
                .filter(|(_, n)| *n == worst)
                .collect::<Vec<_>>()
        );
        assert!(worst <= 3, "{counts:?}");
    }
}
