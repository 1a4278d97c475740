//! Normalised values, entities and suggestions in the window: a new or
//! relabelled span gets its value (and entity) in the same step; entities
//! are linked, created, renamed and merged; suggestions run for one
//! document at once or for all of them in the background.

use super::ClaimmarkApp;
use super::jobs::{Job, JobOutput};
use claimmark_core::edit::Edit;
use claimmark_core::model::{
    Document, EntityId, Project, Span, SpanId, SpanValue, ValueKind, ValueSource,
};
use claimmark_core::normalize::names;
use claimmark_core::normalize::{Normalized, normalizer_owns, span_value};

/// Articles longer than this (in chars) are suggested in the background:
/// the suggester needs more than a frame for them.
const LONG_ARTICLE_CHARS: usize = 50_000;

/// A span with the value (and, for names, the entity it most likely is,
/// when `link` allows) the normaliser gives it under its current label; a
/// value set by hand or imported stays. Also returns the edit that records
/// a new spelling as an alias of the linked entity, if there is one.
pub fn with_normalized_value(
    project: &Project,
    doc: &Document,
    mut span: Span,
    link: bool,
) -> (Span, Option<Edit>) {
    let Some(kind) = project.schema.label(&span.label).map(|l| l.value_kind) else {
        return (span, None);
    };
    if !normalizer_owns(span.value.as_ref()) {
        return (span, None);
    }
    let text = doc.span_text(&span).to_owned();
    let mut alias = None;
    if matches!(
        kind,
        ValueKind::Person | ValueKind::Organization | ValueKind::Place
    ) {
        if link
            && span
                .entity
                .is_none_or(|id| project.entity(id).is_none_or(|e| e.kind != kind))
        {
            span.entity = names::should_link(&names::best_matches(&project.entities, kind, &text));
        }
        if let Some(entity) = span.entity.and_then(|id| project.entity(id)) {
            let mention = names::clean_mention(&text);
            let known = std::iter::once(&entity.name)
                .chain(&entity.aliases)
                .any(|name| name.to_lowercase() == mention.to_lowercase());
            if !known && !mention.is_empty() {
                let mut changed = entity.clone();
                changed.aliases.push(mention);
                alias = Some(Edit::ReplaceEntity { entity: changed });
            }
        }
    } else {
        span.entity = None;
    }
    let entity = span.entity.and_then(|id| project.entity(id));
    span.value = match span_value(kind, &text, doc.published, entity) {
        Normalized::Value(value) => Some(SpanValue {
            value,
            source: ValueSource::Normalizer,
        }),
        Normalized::NeedsAnalyst { .. } | Normalized::NotApplicable => None,
    };
    (span, alias)
}

/// Unlinked spans of the entity's kind, across the project, that the
/// matcher would link to it: (document index, span).
pub fn matching_mentions(project: &Project, entity: EntityId) -> Vec<(usize, SpanId)> {
    let Some(target) = project.entity(entity) else {
        return Vec::new();
    };
    let mut found = Vec::new();
    for (index, doc) in project.documents.iter().enumerate() {
        for span in doc.spans() {
            if span.entity.is_some() || span.status == claimmark_core::model::ReviewStatus::Rejected
            {
                continue;
            }
            if project.schema.label(&span.label).map(|l| l.value_kind) != Some(target.kind) {
                continue;
            }
            let matches = names::best_matches(&project.entities, target.kind, doc.span_text(span));
            if names::should_link(&matches) == Some(entity) {
                found.push((index, span.id));
            }
        }
    }
    found
}

fn target_name(project: &Project, entity: EntityId) -> String {
    project
        .entity(entity)
        .map_or_else(String::new, |e| e.name.clone())
}

/// Why a span of a date or count label has no value: the normaliser's
/// question for the analyst, if it has one.
pub fn needs_analyst(project: &Project, doc: &Document, span: &Span) -> Option<String> {
    if span.value.is_some() {
        return None;
    }
    let kind = project.schema.label(&span.label)?.value_kind;
    match claimmark_core::normalize::normalize_span(kind, doc.span_text(span), doc.published) {
        Normalized::NeedsAnalyst { reason } => Some(reason),
        Normalized::Value(_) | Normalized::NotApplicable => None,
    }
}

impl ClaimmarkApp {
    pub(crate) fn suggest_in_document(&mut self, ctx: &egui::Context) {
        let Some(doc) = self.view.document.clone() else {
            return;
        };
        // A long article takes longer than a frame: suggest in the
        // background, with progress, so the window does not freeze.
        let long = self
            .current_document()
            .is_some_and(|d| d.text.char_len() > LONG_ARTICLE_CHARS);
        if long {
            self.suggest_in_background(Some(vec![doc]), ctx);
            return;
        }
        match claimmark_core::suggest::suggest_edits(
            self.session.project(),
            Some(std::slice::from_ref(&doc)),
            &|_, _| {},
        ) {
            Ok(edit) => self.apply_suggestions(edit),
            Err(error) => self.set_error_status(format!("No suggestions: {error}")),
        }
    }

    pub(crate) fn suggest_in_all_documents(&mut self, ctx: &egui::Context) {
        self.suggest_in_background(None, ctx);
    }

    fn suggest_in_background(
        &mut self,
        documents: Option<Vec<claimmark_core::model::DocId>>,
        ctx: &egui::Context,
    ) {
        if self.job.is_some() {
            self.set_status("Wait for the work under way to finish.");
            return;
        }
        let project = self.session.project().clone();
        self.job = Some(Job::start("Suggesting spans", ctx, move |progress| {
            let report = |done: usize, total: usize| progress.report(done as u64, total as u64);
            JobOutput::Suggestions(
                claimmark_core::suggest::suggest_edits(&project, documents.as_deref(), &report)
                    .map(Box::new),
            )
        }));
    }

    fn apply_suggestions(&mut self, edit: Edit) {
        let count = edit.size();
        if count == 0 {
            self.set_status(
                "No new suggestions: everything the suggester finds is already tagged.",
            );
            return;
        }
        if self.apply(edit, format!("Suggest {count} spans")) {
            self.set_status(format!(
                "{count} proposed spans (dashed). J goes to the first; A accepts, X rejects."
            ));
        }
    }

    /// Handles a finished background job.
    pub(crate) fn poll_job(&mut self) {
        let Some(output) = self.job.as_ref().and_then(Job::poll) else {
            return;
        };
        self.job = None;
        match output {
            JobOutput::Suggestions(Ok(edit)) => self.apply_suggestions(*edit),
            JobOutput::Suggestions(Err(error)) => {
                self.show_error("Suggestions failed", error.to_string());
            }
            JobOutput::Import(path, read) => self.finish_import(&path, read),
            JobOutput::Failed(reason) => self.show_error("The work could not run", reason),
        }
    }

    pub(crate) fn tag_all_occurrences(&mut self, all_documents: bool) {
        let (Some(doc), Some(span)) = (self.view.document.clone(), self.view.span) else {
            self.set_status("Select a span first: its other occurrences get proposed.");
            return;
        };
        match claimmark_core::suggest::tag_all_occurrences(
            self.session.project(),
            &doc,
            span,
            all_documents,
        ) {
            Ok(edit) => {
                let count = edit.size();
                if count == 0 {
                    self.set_status("No other untagged occurrences.");
                } else if self.apply(edit, format!("Tag {count} more occurrences")) {
                    self.set_status(format!(
                        "Proposed {count} more occurrences; review them with J and A."
                    ));
                }
            }
            Err(error) => self.set_error_status(format!("Not done: {error}")),
        }
    }

    /// A change of publication date re-reads the document's relative dates
    /// ("Thursday", "last week") in the same step.
    pub(crate) fn with_renormalized_dates(&self, edit: Edit) -> Edit {
        let Edit::SetDocumentPublished { doc, published } = &edit else {
            return edit;
        };
        let project = self.session.project();
        let Some(document) = project.document(doc) else {
            return edit;
        };
        let mut redated = document.clone();
        redated.published = *published;
        let mut edits =
            claimmark_core::normalize::renormalize(&redated, &project.schema, &project.entities);
        if edits.is_empty() {
            return edit;
        }
        edits.insert(0, edit);
        Edit::Batch(edits)
    }

    pub(crate) fn renormalize_document(&mut self) {
        let Some(doc) = self.current_document() else {
            return;
        };
        let project = self.session.project();
        let edits = claimmark_core::normalize::renormalize(doc, &project.schema, &project.entities);
        if edits.is_empty() {
            self.set_status("Values are up to date.");
        } else {
            let count = edits.len();
            self.apply(Edit::Batch(edits), format!("Re-normalise {count} values"));
        }
    }

    /// Entity commands; each is one undoable step.
    pub(crate) fn entity_edit(&mut self, edit: Result<Edit, names::NamesError>, description: &str) {
        match edit {
            Ok(edit) => {
                self.apply(edit, description);
            }
            Err(error) => self.set_error_status(format!("Not done: {error}")),
        }
    }

    pub(crate) fn link_span(&mut self, span: SpanId, entity: EntityId) {
        let Some(doc) = self.view.document.clone() else {
            return;
        };
        let edit = names::link_span(self.session.project(), &doc, span, entity);
        self.entity_edit(edit, "Link to entity");
    }

    pub(crate) fn new_entity_from_span(&mut self, span: SpanId) {
        let Some(doc) = self.view.document.clone() else {
            return;
        };
        let edit = names::create_entity_from_span(self.session.project(), &doc, span);
        self.entity_edit(edit, "New entity");
    }

    /// Links, in one step, every unlinked span across the project whose
    /// text the matcher would link to `entity`, adding new spellings as
    /// aliases.
    pub(crate) fn link_matching_mentions(&mut self, entity: EntityId) {
        let project = self.session.project();
        let mentions = matching_mentions(project, entity);
        if mentions.is_empty() {
            self.set_status("No unlinked mention matches this entity.");
            return;
        }
        let Some(target) = project.entity(entity) else {
            return;
        };
        let mut aliases = target.aliases.clone();
        let mut edits = Vec::new();
        for (doc_index, span_id) in &mentions {
            let Some(doc) = project.documents.get(*doc_index) else {
                continue;
            };
            let Some(span) = doc.span(*span_id) else {
                continue;
            };
            let mention = names::clean_mention(doc.span_text(span));
            let known = std::iter::once(&target.name)
                .chain(&aliases)
                .any(|name| name.to_lowercase() == mention.to_lowercase());
            if !known && !mention.is_empty() {
                aliases.push(mention);
            }
            let mut linked = span.clone();
            linked.entity = Some(entity);
            let (linked, _) = with_normalized_value(project, doc, linked, false);
            edits.push(Edit::ReplaceSpan {
                doc: doc.id.clone(),
                span: linked,
            });
        }
        if aliases != target.aliases {
            let mut changed = target.clone();
            changed.aliases = aliases;
            edits.push(Edit::ReplaceEntity { entity: changed });
        }
        let count = mentions.len();
        if self.apply(Edit::Batch(edits), format!("Link {count} mentions")) {
            self.set_status(format!(
                "Linked {count} mentions to {}.",
                target_name(self.session.project(), entity)
            ));
        }
    }

    pub(crate) fn unlink_span(&mut self, span: SpanId) {
        let Some(doc) = self.current_document() else {
            return;
        };
        let Some(target) = doc.span(span) else { return };
        let mut changed = target.clone();
        changed.entity = None;
        if changed
            .value
            .as_ref()
            .is_some_and(|v| v.source == ValueSource::Normalizer)
        {
            changed.value = None;
        }
        // Not linked again straight away: the analyst just unlinked it.
        let (changed, _) = with_normalized_value(self.session.project(), doc, changed, false);
        let doc_id = doc.id.clone();
        self.apply(
            Edit::ReplaceSpan {
                doc: doc_id,
                span: changed,
            },
            "Unlink from entity",
        );
    }
}
