//! The claims ledger window: problems (contradictions and failed checks,
//! with the claims' quotes side by side and the analyst's explanation),
//! facts with their values and quotes, and the counts' timeline. It reads
//! the ledger the app keeps and pushes commands; the only change it can
//! ask for is an explanation (`Edit::SetExplanation`, undoable).

use egui::{RichText, Ui};

use super::timeline::{Mark, YAxis, shorten, timeline_ui};
use crate::command::{Action, Commands, DialogRequest};
use crate::view::LedgerCache;
use claimmark_core::edit::Edit;
use claimmark_core::ledger::timeline::CountPoint;
use claimmark_core::ledger::{ClaimRef, LedgerFormat, Problem};
use claimmark_core::model::{Project, format_day};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum Tab {
    #[default]
    Problems,
    Facts,
    Timeline,
}

#[derive(Default)]
pub struct LedgerWindow {
    pub open: bool,
    tab: Tab,
    /// The selected problem's key.
    selected: Option<String>,
    /// The explanation being typed, for the selected problem.
    note: String,
    show_explained: bool,
    selected_fact: Option<usize>,
    filter: String,
    timeline: Option<TimelineMarks>,
}

impl LedgerWindow {
    pub fn forget_project(&mut self) {
        *self = Self {
            open: self.open,
            ..Self::default()
        };
    }

    pub fn window_ui(
        &mut self,
        ctx: &egui::Context,
        project: &Project,
        cache: Option<&LedgerCache>,
        out: &mut Commands,
    ) {
        if !self.open {
            return;
        }
        let mut open = self.open;
        super::tool_window(ctx, "Claims ledger", &mut open, [860.0, 560.0]).show(ctx, |ui| {
            let Some(cache) = cache else {
                ui.spinner();
                return;
            };
            self.header_ui(ui, project, cache, out);
            ui.separator();
            match self.tab {
                Tab::Problems => self.problems_ui(ui, project, cache, out),
                Tab::Facts => self.facts_ui(ui, project, cache, out),
                Tab::Timeline => self.timeline_tab_ui(ui, project, cache, out),
            }
        });
        self.open = open;
    }

    fn header_ui(
        &mut self,
        ui: &mut Ui,
        project: &Project,
        cache: &LedgerCache,
        out: &mut Commands,
    ) {
        let report = &cache.report;
        let unexplained = report.unexplained(project).count();
        ui.label(report.summary(project));
        ui.horizontal(|ui| {
            let problems = format!("Problems ({unexplained})");
            ui.selectable_value(&mut self.tab, Tab::Problems, problems);
            ui.selectable_value(
                &mut self.tab,
                Tab::Facts,
                format!("Facts ({})", report.facts.len()),
            );
            ui.selectable_value(&mut self.tab, Tab::Timeline, "Timeline");
            ui.separator();
            for (label, format) in [
                ("Export JSON…", LedgerFormat::Json),
                ("Export CSV…", LedgerFormat::Csv),
            ] {
                if ui
                    .button(label)
                    .on_hover_text("The ledger as `claimmark ledger --json` or `--csv` writes it")
                    .clicked()
                {
                    out.push(Action::OpenDialog(DialogRequest::ExportLedger {
                        format,
                        suggested_name: format!("ledger.{}", format.extension()),
                    }));
                }
            }
        });
    }

    fn problems_ui(
        &mut self,
        ui: &mut Ui,
        project: &Project,
        cache: &LedgerCache,
        out: &mut Commands,
    ) {
        let problems = &cache.report.problems;
        if problems.is_empty() {
            ui.label("No contradictions and no failed checks.");
            return;
        }
        ui.checkbox(&mut self.show_explained, "Show explained problems");
        let shown: Vec<&Problem> = problems
            .iter()
            .filter(|p| self.show_explained || p.explanation(project).is_none())
            .collect();
        let selected = self
            .selected
            .as_ref()
            .and_then(|key| problems.iter().find(|p| &p.key() == key));
        egui::ScrollArea::vertical()
            .id_salt("ledger_problems")
            .max_height(180.0)
            .show(ui, |ui| {
                if shown.is_empty() {
                    ui.label("Every problem is explained.");
                }
                for problem in &shown {
                    let key = problem.key();
                    let explained = problem.explanation(project).is_some();
                    let text = format!(
                        "{}{}: {}",
                        if explained { "✓ " } else { "" },
                        problem.kind.as_str().replace('_', " "),
                        problem.message
                    );
                    let chosen = self.selected.as_ref() == Some(&key);
                    if ui.selectable_label(chosen, text).clicked() && !chosen {
                        problem
                            .explanation(project)
                            .unwrap_or_default()
                            .clone_into(&mut self.note);
                        self.selected = Some(key);
                    }
                }
            });
        ui.separator();
        let Some(problem) = selected else {
            ui.weak("Select a problem to see its claims side by side.");
            return;
        };
        ui.label(RichText::new(&problem.message).strong());
        quotes_side_by_side(ui, project, &problem.claims, out);
        ui.separator();
        let explained = problem.explanation(project);
        let caption = ui.label("Explanation");
        ui.add(
            egui::TextEdit::multiline(&mut self.note)
                .hint_text("Why this is not an error, e.g. “the two counts use different lists”")
                .desired_rows(2)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(caption.id);
        ui.horizontal(|ui| {
            let note = self.note.trim().to_owned();
            let changed = explained != Some(note.as_str());
            if ui
                .add_enabled(
                    !note.is_empty() && changed,
                    egui::Button::new("Mark explained"),
                )
                .on_disabled_hover_text("Type why it is not an error first")
                .clicked()
            {
                out.push(Action::apply(
                    Edit::SetExplanation {
                        problem: problem.key(),
                        note,
                    },
                    "Explain a ledger problem",
                ));
            }
            if explained.is_some() && ui.button("Mark unexplained").clicked() {
                self.note.clear();
                out.push(Action::apply(
                    Edit::SetExplanation {
                        problem: problem.key(),
                        note: String::new(),
                    },
                    "Mark a ledger problem unexplained",
                ));
            }
        });
    }

    fn facts_ui(
        &mut self,
        ui: &mut Ui,
        project: &Project,
        cache: &LedgerCache,
        out: &mut Commands,
    ) {
        let report = &cache.report;
        ui.horizontal(|ui| {
            let caption = ui.label("Filter");
            ui.add(egui::TextEdit::singleline(&mut self.filter).desired_width(220.0))
                .labelled_by(caption.id);
        });
        let filter = self.filter.to_lowercase();
        let titles: Vec<(usize, String)> = report
            .facts
            .iter()
            .enumerate()
            .map(|(index, fact)| (index, fact.title()))
            .filter(|(_, title)| filter.is_empty() || title.to_lowercase().contains(&filter))
            .collect();
        ui.columns(2, |columns| {
            let row_height = columns[0].spacing().interact_size.y;
            egui::ScrollArea::vertical()
                .id_salt("ledger_facts")
                .show_rows(&mut columns[0], row_height, titles.len(), |ui, rows| {
                    for (index, title) in &titles[rows] {
                        let fact = &report.facts[*index];
                        let warn = if fact.problems.is_empty() { "" } else { "⚠ " };
                        let text = format!("{warn}{title} ({} doc.)", fact.documents);
                        if ui
                            .selectable_label(self.selected_fact == Some(*index), text)
                            .clicked()
                        {
                            self.selected_fact = Some(*index);
                        }
                    }
                });
            let ui = &mut columns[1];
            let Some(fact) = self.selected_fact.and_then(|i| report.facts.get(i)) else {
                ui.weak("Select a fact to see its values and quotes.");
                if !report.ungrouped.is_empty() {
                    ui.separator();
                    ui.label(format!(
                        "{} claims lack key roles and are ungrouped (listed, never dropped):",
                        report.ungrouped.len()
                    ));
                    egui::ScrollArea::vertical()
                        .id_salt("ledger_ungrouped")
                        .show(ui, |ui| {
                            for ungrouped in &report.ungrouped {
                                let missing: Vec<String> = ungrouped
                                    .missing
                                    .iter()
                                    .map(claimmark_core::Name::display)
                                    .collect();
                                let text = format!(
                                    "{} {} (no {})",
                                    ungrouped.claim.label(),
                                    ungrouped.claim_type.display(),
                                    missing.join(", ")
                                );
                                if ui.link(text).clicked() {
                                    out.push(go_to(&ungrouped.claim));
                                }
                            }
                        });
                }
                return;
            };
            ui.label(RichText::new(fact.title()).strong());
            for value in &fact.values {
                ui.label(format!(
                    "{} {} — {} claim(s)",
                    value.role.display(),
                    value.value,
                    value.claims.len()
                ));
            }
            for &problem in &fact.problems {
                if let Some(problem) = report.problems.get(problem) {
                    ui.colored_label(ui.visuals().warn_fg_color, format!("⚠ {}", problem.message));
                }
            }
            ui.separator();
            egui::ScrollArea::vertical()
                .id_salt("ledger_quotes")
                .show(ui, |ui| {
                    for claim in &fact.claims {
                        quote_ui(ui, project, claim, out);
                    }
                });
        });
    }
}

fn go_to(claim: &ClaimRef) -> Action {
    Action::GoToClaim(claim.doc_id.clone(), claim.claim)
}

/// A claim's document, date and quote, with a button to open it.
fn quote_ui(ui: &mut Ui, project: &Project, claim: &ClaimRef, out: &mut Commands) {
    let quote = claimmark_core::ledger::quote(project, claim);
    let published = quote
        .as_ref()
        .and_then(|q| q.published)
        .map_or_else(|| "no publication date".to_owned(), format_day);
    ui.horizontal(|ui| {
        ui.label(RichText::new(claim.label()).monospace());
        ui.weak(published);
        if ui
            .small_button("Open")
            .on_hover_text("Open the article at this claim")
            .clicked()
        {
            out.push(go_to(claim));
        }
    });
    if let Some(quote) = quote {
        ui.label(format!("“{}”", shorten(&quote.text, 400)));
    }
    ui.add_space(4.0);
}

/// The claims of a problem next to each other (up to three per row).
fn quotes_side_by_side(ui: &mut Ui, project: &Project, claims: &[ClaimRef], out: &mut Commands) {
    for row in claims.chunks(3) {
        ui.columns(row.len(), |columns| {
            for (column, claim) in columns.iter_mut().zip(row) {
                column.group(|ui| quote_ui(ui, project, claim, out));
            }
        });
    }
}

/// The counts' timeline as drawn: marks with the index of their series
/// (one per source), built when the ledger changes rather than each frame.
pub fn count_marks(points: &[CountPoint]) -> (Vec<Mark>, Vec<String>) {
    // Points come in series order.
    let mut series: Vec<String> = points.iter().map(|p| p.series.clone()).collect();
    series.dedup();
    let marks = points
        .iter()
        .map(|point| Mark {
            first_day: point.first_day,
            last_day: point.last_day,
            y: point.value,
            low: point.low,
            high: point.high,
            series: series.iter().position(|s| s == &point.series).unwrap_or(0),
            claim: point.claim.clone(),
            label: format!("{} ({})", point.label, point.claim_type.display()),
        })
        .collect();
    (marks, series)
}

/// The timeline of the ledger at `revision`.
struct TimelineMarks {
    revision: u64,
    marks: Vec<Mark>,
    series: Vec<String>,
}

impl LedgerWindow {
    fn timeline_tab_ui(
        &mut self,
        ui: &mut Ui,
        project: &Project,
        cache: &LedgerCache,
        out: &mut Commands,
    ) {
        if cache.points.is_empty() {
            ui.label(
                "No counts with dates yet: tag a count and an as-of or event date in a claim.",
            );
            return;
        }
        let timeline = match self.timeline.take() {
            Some(timeline) if timeline.revision == cache.revision => timeline,
            _ => {
                let (marks, series) = count_marks(&cache.points);
                TimelineMarks {
                    revision: cache.revision,
                    marks,
                    series,
                }
            }
        };
        ui.weak("Counts over time, one series per source; bars span a month or year the text gives without a day; lines show a count's range.");
        if let Some(claim) = timeline_ui(
            ui,
            "ledger_timeline",
            project,
            &timeline.marks,
            &timeline.series,
            &YAxis::Numbers,
        ) {
            out.push(go_to(&claim));
        }
        self.timeline = Some(timeline);
    }
}
