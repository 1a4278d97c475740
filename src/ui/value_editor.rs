//! A span's normalised value in the form: shown beside the span, and
//! editable. A value set here is marked as set by hand, which later
//! re-normalisation never overwrites.

use egui::{RichText, Ui};

use crate::command::{Action, Commands};
use claimmark_core::edit::Edit;
use claimmark_core::model::{
    Anchoring, CountModifier, CountValue, DateModifier, DateValue, Granularity, SpanValue, Value,
    ValueSource,
};
use claimmark_core::model::{Document, Span, ValueKind};

/// Reads `YYYY`, `YYYY-MM` or `YYYY-MM-DD` into a value and its granularity.
pub fn parse_date_value(raw: &str) -> Result<(String, Granularity), String> {
    claimmark_core::model::IsoDate::parse(raw)
        .map(|date| (date.to_string(), date.granularity()))
        .map_err(|error| error.to_string())
}

/// What the editor's fields hold while the analyst edits a value.
#[derive(Debug, Clone, Default)]
pub struct ValueDraft {
    /// The span being edited (drafts of other spans are dropped).
    pub for_span: Option<(String, claimmark_core::model::SpanId)>,
    pub text: String,
    pub date_modifier: Option<DateModifier>,
    pub anchoring_published: bool,
    pub count_number: String,
    pub count_modifier: Option<CountModifier>,
    pub count_lower: String,
    pub count_upper: String,
    pub problem: Option<String>,
}

impl ValueDraft {
    fn from_span(doc: &Document, span: &Span) -> Self {
        let mut draft = Self {
            for_span: Some((doc.id.to_string(), span.id)),
            ..Self::default()
        };
        match span.value.as_ref().map(|v| &v.value) {
            Some(Value::Date(date)) => {
                draft.text.clone_from(&date.value);
                draft.date_modifier = date.modifier;
                draft.anchoring_published = date.anchoring == Anchoring::Published;
            }
            Some(Value::Count(count)) => {
                draft.count_number = count.number.map(|n| n.to_string()).unwrap_or_default();
                draft.count_modifier = Some(count.modifier);
                draft.count_lower = count.lower.map(|n| n.to_string()).unwrap_or_default();
                draft.count_upper = count.upper.map(|n| n.to_string()).unwrap_or_default();
            }
            Some(
                Value::Person { name: text, .. }
                | Value::Organization { name: text, .. }
                | Value::Place { name: text, .. }
                | Value::Duration { value: text }
                | Value::Event { name: text }
                | Value::Text { text },
            ) => draft.text.clone_from(text),
            None => doc.span_text(span).clone_into(&mut draft.text),
        }
        draft
    }

    /// The value the fields describe, for a label of this kind.
    fn value(&self, kind: ValueKind) -> Result<Value, String> {
        let optional_number = |raw: &str, what: &str| -> Result<Option<u64>, String> {
            let raw = raw.trim().replace([',', ' '], "");
            if raw.is_empty() {
                return Ok(None);
            }
            raw.parse()
                .map(Some)
                .map_err(|_| format!("{what} “{raw}” is not a whole number"))
        };
        match kind {
            ValueKind::Date => {
                let (value, granularity) = parse_date_value(&self.text)?;
                Ok(Value::Date(DateValue {
                    value,
                    granularity,
                    modifier: self.date_modifier,
                    anchoring: if self.anchoring_published {
                        Anchoring::Published
                    } else {
                        Anchoring::Absolute
                    },
                }))
            }
            ValueKind::Count => {
                let number = optional_number(&self.count_number, "number")?;
                let modifier = self.count_modifier.unwrap_or(CountModifier::Exact);
                let mut lower = optional_number(&self.count_lower, "lower bound")?;
                let mut upper = optional_number(&self.count_upper, "upper bound")?;
                if modifier == CountModifier::Exact {
                    lower = lower.or(number);
                    upper = upper.or(number);
                }
                if let (Some(l), Some(u)) = (lower, upper)
                    && l > u
                {
                    return Err(format!("the lower bound {l} is above the upper bound {u}"));
                }
                if number.is_none()
                    && !matches!(modifier, CountModifier::Range | CountModifier::Vague)
                {
                    return Err(
                        "give the number (only a range or a vague amount may leave it out)".into(),
                    );
                }
                Ok(Value::Count(CountValue {
                    number,
                    modifier,
                    lower,
                    upper,
                }))
            }
            ValueKind::Duration => {
                let value = self.text.trim();
                if value.starts_with('P') && value.len() > 1 {
                    Ok(Value::Duration {
                        value: value.to_owned(),
                    })
                } else {
                    Err("a duration is written as in ISO 8601: P6Y, P10D, P1Y6M".into())
                }
            }
            ValueKind::Event => Ok(Value::Event {
                name: self.text.trim().to_owned(),
            }),
            ValueKind::Person => Ok(Value::Person {
                name: self.text.trim().to_owned(),
                entity_id: None,
            }),
            ValueKind::Organization => Ok(Value::Organization {
                name: self.text.trim().to_owned(),
                entity_id: None,
            }),
            ValueKind::Place => Ok(Value::Place {
                name: self.text.trim().to_owned(),
                entity_id: None,
            }),
            ValueKind::Text => Ok(Value::Text {
                text: self.text.trim().to_owned(),
            }),
        }
    }
}

/// The value line of the selected span, with its editor.
pub fn value_ui(
    ui: &mut Ui,
    doc: &Document,
    span: &Span,
    kind: ValueKind,
    draft: &mut ValueDraft,
    out: &mut Commands,
) {
    let key = Some((doc.id.to_string(), span.id));
    if draft.for_span != key {
        *draft = ValueDraft::from_span(doc, span);
    }
    ui.horizontal_wrapped(|ui| {
        ui.label("Value");
        match &span.value {
            Some(value) => {
                ui.label(RichText::new(value.value.describe()).strong());
                let source = match value.source {
                    ValueSource::Hand => "set by hand",
                    ValueSource::Normalizer => "normalised",
                    ValueSource::Imported => "imported",
                };
                ui.label(RichText::new(source).small().weak());
            }
            None => {
                ui.label(RichText::new("none yet").weak());
            }
        }
    });
    egui::CollapsingHeader::new("Edit value")
        .id_salt(("value_editor", doc.id.as_str(), span.id.0))
        .show(ui, |ui| editor_ui(ui, doc, span, kind, draft, out));
}

fn editor_ui(
    ui: &mut Ui,
    doc: &Document,
    span: &Span,
    kind: ValueKind,
    draft: &mut ValueDraft,
    out: &mut Commands,
) {
    match kind {
        ValueKind::Date => {
            labelled_text(ui, "Date (YYYY, YYYY-MM or YYYY-MM-DD)", &mut draft.text);
            ui.horizontal(|ui| {
                let caption = ui.label("Qualifier");
                egui::ComboBox::from_id_salt("date_modifier")
                    .selected_text(draft.date_modifier.map_or("none", DateModifier::word))
                    .show_ui(ui, |ui| {
                        ui.selectable_value(&mut draft.date_modifier, None, "none");
                        for &modifier in DateModifier::ALL {
                            ui.selectable_value(
                                &mut draft.date_modifier,
                                Some(modifier),
                                modifier.word(),
                            );
                        }
                    })
                    .response
                    .labelled_by(caption.id);
            });
            ui.checkbox(
                &mut draft.anchoring_published,
                "Resolved from the published date",
            );
        }
        ValueKind::Count => {
            labelled_text(ui, "Number", &mut draft.count_number);
            ui.horizontal(|ui| {
                let caption = ui.label("Kind");
                egui::ComboBox::from_id_salt("count_modifier")
                    .selected_text(draft.count_modifier.map_or("exactly", CountModifier::word))
                    .show_ui(ui, |ui| {
                        for &modifier in CountModifier::ALL {
                            ui.selectable_value(
                                &mut draft.count_modifier,
                                Some(modifier),
                                modifier.word(),
                            );
                        }
                    })
                    .response
                    .labelled_by(caption.id);
            });
            labelled_text(ui, "Lower bound", &mut draft.count_lower);
            labelled_text(ui, "Upper bound", &mut draft.count_upper);
        }
        ValueKind::Duration => labelled_text(ui, "Duration (ISO 8601, e.g. P6Y)", &mut draft.text),
        ValueKind::Event => labelled_text(ui, "Event name (e.g. release)", &mut draft.text),
        ValueKind::Person | ValueKind::Organization | ValueKind::Place => {
            labelled_text(ui, "Name", &mut draft.text);
        }
        ValueKind::Text => labelled_text(ui, "Text", &mut draft.text),
    }
    if let Some(problem) = &draft.problem {
        ui.colored_label(ui.visuals().error_fg_color, problem);
    }
    ui.horizontal(|ui| {
        if ui.button("Set value").clicked() {
            match draft.value(kind) {
                Ok(value) => {
                    draft.problem = None;
                    let mut changed = span.clone();
                    changed.value = Some(SpanValue {
                        value,
                        source: ValueSource::Hand,
                    });
                    out.push(Action::apply(
                        Edit::ReplaceSpan {
                            doc: doc.id.clone(),
                            span: changed,
                        },
                        "Set value by hand",
                    ));
                }
                Err(problem) => draft.problem = Some(problem),
            }
        }
        if span.value.is_some() && ui.button("Clear value").clicked() {
            let mut changed = span.clone();
            changed.value = None;
            out.push(Action::apply(
                Edit::ReplaceSpan {
                    doc: doc.id.clone(),
                    span: changed,
                },
                "Clear value",
            ));
        }
    });
}

fn labelled_text(ui: &mut Ui, label: &str, text: &mut String) {
    ui.horizontal(|ui| {
        let caption = ui.label(label);
        ui.add(egui::TextEdit::singleline(text).desired_width(160.0))
            .labelled_by(caption.id);
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_values_by_granularity() {
        assert_eq!(parse_date_value("2025").unwrap().1, Granularity::Year);
        assert_eq!(parse_date_value("2025-09").unwrap().1, Granularity::Month);
        assert_eq!(
            parse_date_value(" 2025-09-18 ").unwrap(),
            ("2025-09-18".into(), Granularity::Day)
        );
        assert!(parse_date_value("2025-13").is_err());
        assert!(parse_date_value("2025-02-30").is_err());
        assert!(parse_date_value("18.09.2025").is_err());
    }

    #[test]
    fn count_drafts_become_values_with_bounds() {
        let draft = ValueDraft {
            count_number: "1,229".into(),
            count_modifier: Some(CountModifier::Exact),
            ..ValueDraft::default()
        };
        assert_eq!(
            draft.value(ValueKind::Count),
            Ok(Value::Count(CountValue::exact(1229)))
        );
        let range = ValueDraft {
            count_modifier: Some(CountModifier::Range),
            count_lower: "80".into(),
            count_upper: "75".into(),
            ..ValueDraft::default()
        };
        assert!(range.value(ValueKind::Count).unwrap_err().contains("above"));
        let missing = ValueDraft {
            count_modifier: Some(CountModifier::MoreThan),
            ..ValueDraft::default()
        };
        assert!(missing.value(ValueKind::Count).is_err());
    }

    #[test]
    fn values_read_as_one_line() {
        let date = Value::Date(DateValue {
            value: "2025-09-18".into(),
            granularity: Granularity::Day,
            modifier: None,
            anchoring: Anchoring::Published,
        });
        assert_eq!(date.describe(), "2025-09-18 (from the published date)");
        let count = Value::Count(CountValue {
            number: Some(75),
            modifier: CountModifier::MoreThan,
            lower: Some(76),
            upper: None,
        });
        assert_eq!(count.describe(), "more than 75 [≥ 76]");
    }
}
