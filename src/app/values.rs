//! Normalised values, entities and suggestions in the window: a new or
//! relabelled span gets its value (and entity) in the same step; entities
//! are linked, created, renamed and merged; suggestions run for one
//! document at once or for all of them in the background.

use super::ClaimmarkApp;
use super::jobs::{Job, JobOutput};
use claimmark_core::annotate;
use claimmark_core::edit::Edit;
use claimmark_core::model::{EntityId, SpanId};
use claimmark_core::normalize::names;

/// What to suggest: spans, or spans and claims made now.
fn proposals(claims: bool) -> claimmark_core::suggest::Proposals {
    if claims {
        claimmark_core::suggest::Proposals::SpansAndClaims {
            created: claimmark_core::model::Timestamp::now(),
        }
    } else {
        claimmark_core::suggest::Proposals::Spans
    }
}

/// Articles longer than this (in chars) are suggested in the background:
/// the suggester needs more than a frame for them.
const LONG_ARTICLE_CHARS: usize = 50_000;

impl ClaimmarkApp {
    pub(crate) fn suggest_in_document(&mut self, ctx: &egui::Context, claims: bool) {
        let Some(doc) = self.view.document.clone() else {
            return;
        };
        // A long article takes longer than a frame: suggest in the
        // background, with progress, so the window does not freeze.
        let long = self
            .current_document()
            .is_some_and(|d| d.text.char_len() > LONG_ARTICLE_CHARS);
        if long {
            self.suggest_in_background(Some(vec![doc]), claims, ctx);
            return;
        }
        match claimmark_core::suggest::suggest_proposals(
            self.session.project(),
            Some(std::slice::from_ref(&doc)),
            &proposals(claims),
            &|_, _| {},
        ) {
            Ok(edit) => self.apply_suggestions(edit),
            Err(error) => self.set_error_status(format!("No suggestions: {error}")),
        }
    }

    pub(crate) fn suggest_in_all_documents(&mut self, ctx: &egui::Context, claims: bool) {
        self.suggest_in_background(None, claims, ctx);
    }

    fn suggest_in_background(
        &mut self,
        documents: Option<Vec<claimmark_core::model::DocId>>,
        claims: bool,
        ctx: &egui::Context,
    ) {
        if self.job.is_some() {
            self.set_status("Wait for the work under way to finish.");
            return;
        }
        let project = self.session.project().clone();
        let what = proposals(claims);
        let title = if claims {
            "Suggesting spans and claims"
        } else {
            "Suggesting spans"
        };
        self.job = Some(Job::start(title, ctx, move |progress| {
            let report = |done: usize, total: usize| progress.report(done as u64, total as u64);
            JobOutput::Suggestions(
                claimmark_core::suggest::suggest_proposals(
                    &project,
                    documents.as_deref(),
                    &what,
                    &report,
                )
                .map(Box::new),
            )
        }));
    }

    fn apply_suggestions(&mut self, edit: Edit) {
        let claims = edit.inserted_claims().len();
        let spans = edit.size() - claims;
        if spans + claims == 0 {
            self.set_status(
                "No new suggestions: everything the suggester finds is already tagged.",
            );
            return;
        }
        let what = if claims > 0 {
            format!("{spans} spans and {claims} claims")
        } else {
            format!("{spans} spans")
        };
        if self.apply(edit, format!("Suggest {what}")) {
            self.set_status(format!(
                "{what} proposed (dashed). Q opens the review queue; J goes to the first, A accepts, X rejects."
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
            JobOutput::Extracted(read) => self.finish_extraction(read),
            JobOutput::ImportPreview(read) => self.show_import_preview(read),
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
        match annotate::link_matching_mentions(project, entity) {
            Ok((edit, count)) => {
                let name = project
                    .entity(entity)
                    .map_or_else(String::new, |e| e.name.clone());
                if self.apply(edit, format!("Link {count} mentions")) {
                    self.set_status(format!("Linked {count} mentions to {name}."));
                }
            }
            Err(error) => self.set_status(format!("{}.", capitalized(&error.to_string()))),
        }
    }

    pub(crate) fn unlink_span(&mut self, span: SpanId) {
        let Some(doc) = self.current_document() else {
            return;
        };
        match annotate::unlink(doc, self.session.project(), span) {
            Ok(edit) => {
                self.apply(edit, "Unlink from entity");
            }
            Err(error) => self.set_error_status(format!("Not done: {error}")),
        }
    }
}

/// A sentence from an error message (which starts in lower case).
pub(crate) fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}
