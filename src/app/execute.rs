//! Carrying out commands: the one place where the window changes the
//! session and the view.

use crate::view::ArticleScroll;
use claimmark_core::merge::Resolution;
use claimmark_core::model::Side;
use std::path::{Path, PathBuf};

use egui::ViewportCommand;

use super::dialogs::DialogRequest;
use super::{ClaimmarkApp, Modal, Picker};
use crate::command::{Action, Command, OrphanFix, UiCommand};
use claimmark_core::edit::Edit;
use claimmark_core::model::ReviewStatus;
use claimmark_core::session::Session;
use claimmark_core::storage::recovery;

impl ClaimmarkApp {
    pub(crate) fn execute(&mut self, command: Command, ctx: &egui::Context) {
        match command {
            Command::Ui(command) => self.execute_ui(command, ctx),
            Command::Action(action) => self.execute_action(action, ctx),
        }
    }

    #[allow(clippy::too_many_lines)] // one arm per command, each short
    pub(super) fn execute_ui(&mut self, command: UiCommand, ctx: &egui::Context) {
        match command {
            UiCommand::NewProject => {
                if self.ask_to_save_first(&UiCommand::NewProject.into()) {
                    return;
                }
                self.replace_session(Session::untitled());
                self.set_status(
                    "New project. Add articles with File › Add articles… or drop .txt files here.",
                );
            }
            UiCommand::OpenProject => {
                if self.ask_to_save_first(&UiCommand::OpenProject.into()) {
                    return;
                }
                self.open_dialog(DialogRequest::OpenProject, ctx);
            }
            UiCommand::SaveProject => self.save(ctx),
            UiCommand::SaveProjectAs => {
                let suggested_name = self.session.path().and_then(Path::file_name).map_or_else(
                    || "project.ron".to_owned(),
                    |n| n.to_string_lossy().into_owned(),
                );
                self.open_dialog(DialogRequest::SaveProjectAs { suggested_name }, ctx);
            }
            UiCommand::AddArticles => self.open_dialog(DialogRequest::AddArticles, ctx),
            UiCommand::ImportClaims => self.open_dialog(DialogRequest::ImportClaims, ctx),
            UiCommand::ImportAnnotations => self.open_dialog(DialogRequest::ImportAnnotations, ctx),
            UiCommand::ExportClaims => {
                self.modal = Some(Modal::Export {
                    statuses: [false, true, true, false],
                    spans: false,
                    fixtures: false,
                });
            }
            UiCommand::ExportDataset => {
                self.modal = Some(Modal::ExportDataset {
                    format: claimmark_core::dataset::Format::Brat,
                });
            }
            UiCommand::Quit => {
                if self.ask_to_save_first(&UiCommand::Quit.into()) {
                    return;
                }
                self.unsaved_question = super::UnsavedQuestion::Closing;
                ctx.send_viewport_cmd(ViewportCommand::Close);
            }
            UiCommand::Undo => match self.session.undo() {
                Ok(Some(stepped)) => {
                    self.ledger_changes.record(stepped.documents.clone());
                    self.after_history_step(&stepped, "Undone");
                }
                Ok(None) => self.set_status("Nothing to undo."),
                Err(error) => self.set_error_status(format!("Could not undo: {error}")),
            },
            UiCommand::Redo => match self.session.redo() {
                Ok(Some(stepped)) => {
                    self.ledger_changes.record(stepped.documents.clone());
                    self.after_history_step(&stepped, "Redone");
                }
                Ok(None) => self.set_status("Nothing to redo."),
                Err(error) => self.set_error_status(format!("Could not redo: {error}")),
            },
            UiCommand::Find => {
                self.find.open = true;
                self.find.focus_requested = true;
            }
            UiCommand::FindNext => self.step_find(1),
            UiCommand::TagAllOccurrencesHere => self.tag_all_occurrences(false),
            UiCommand::TagAllOccurrencesEverywhere => self.tag_all_occurrences(true),
            UiCommand::TakeTheirs if self.conflicts_view.is_some() => {
                self.resolve_conflict(None, Resolution::Take(Side::Theirs));
            }
            UiCommand::TakeTheirs => self.take_theirs(None),
            UiCommand::TakeOurs => self.resolve_conflict(None, Resolution::Take(Side::Ours)),
            UiCommand::KeepBoth => self.resolve_conflict(None, Resolution::KeepBoth),
            UiCommand::ToggleConflicts => self.toggle_conflicts(),
            UiCommand::CloseFind => self.find.open = false,
            UiCommand::FindPrevious => self.step_find(-1),
            UiCommand::NextDocument => self.step_document(1),
            UiCommand::PreviousDocument => self.step_document(-1),
            UiCommand::DeleteSelectedSpan => {
                if let Some(span) = self.view.span {
                    self.delete_span(span);
                } else {
                    self.set_status("Select a span to delete (click it in the article).");
                }
            }
            UiCommand::PickClaimType => self.start_draft(),
            UiCommand::PickRole => {
                if self.view.claim.is_none() {
                    self.set_status(
                        "Select a claim first (in the Claims list, or create one with C).",
                    );
                } else if self.view.span.is_none() && self.view.selection.is_none() {
                    self.set_status(
                        "Select a span or some text first, then press R to put it in a role.",
                    );
                } else {
                    self.view.picker = Some(Picker::Role);
                }
            }
            UiCommand::AcceptProposal => {
                self.review_current(claimmark_core::model::ReviewStatus::Accepted);
            }
            UiCommand::RejectProposal => {
                self.review_current(claimmark_core::model::ReviewStatus::Rejected);
            }
            UiCommand::EditProposal => self.edit_current_proposal(),
            UiCommand::AttachOrphan => self.fix_first_orphan(OrphanFix::AttachToSelection),
            UiCommand::FindOrphanQuote => self.fix_first_orphan(OrphanFix::FindQuote),
            UiCommand::DropOrphan => self.fix_first_orphan(OrphanFix::Drop),
            UiCommand::ShowCalibration => {
                self.modal = Some(Modal::Calibration {
                    found: claimmark_core::review::calibration::calibrate(self.session.project()),
                    selected: 0,
                });
            }
            UiCommand::ToggleReviewQueue => self.toggle_review_queue(),
            UiCommand::AcceptAllShown => self.confirm_decide_all_shown(ReviewStatus::Accepted),
            UiCommand::RejectAllShown => self.confirm_decide_all_shown(ReviewStatus::Rejected),
            UiCommand::NextProposal if self.review_queue.open => self.step_queue(true),
            UiCommand::PreviousProposal if self.review_queue.open => self.step_queue(false),
            UiCommand::NextProposal => self.step_proposal(true),
            UiCommand::PreviousProposal => self.step_proposal(false),
            UiCommand::SuggestDocument => self.suggest_in_document(ctx, false),
            UiCommand::SuggestAllDocuments => self.suggest_in_all_documents(ctx, false),
            UiCommand::SuggestClaimsDocument => self.suggest_in_document(ctx, true),
            UiCommand::SuggestClaimsAllDocuments => self.suggest_in_all_documents(ctx, true),
            UiCommand::RunExtractorDocument => self.run_extractor(false, ctx),
            UiCommand::RunExtractorAllDocuments => self.run_extractor(true, ctx),
            UiCommand::CancelJob => self.cancel_job(),
            UiCommand::Renormalize => self.renormalize_document(),
            UiCommand::ShowEntities => self.entities_window.open = true,
            UiCommand::ShowLedger => self.ledger_window.open = true,
            UiCommand::OpenCompare => self.open_dialog(DialogRequest::CompareWith, ctx),
            UiCommand::CloseCompare => {
                self.compare = None;
                self.set_status("Stopped comparing.");
            }
            UiCommand::NextDifference if self.conflicts_view.is_some() => self.step_conflict(true),
            UiCommand::PreviousDifference if self.conflicts_view.is_some() => {
                self.step_conflict(false);
            }
            UiCommand::NextDifference => self.step_difference(true),
            UiCommand::PreviousDifference => self.step_difference(false),
            UiCommand::EditPreferences => {
                self.modal = Some(Modal::Preferences(self.preferences()));
            }
            UiCommand::EditSchema => self.schema_editor.open = true,
            UiCommand::ShowShortcuts => self.modal = Some(Modal::Shortcuts),
            UiCommand::ScrollPageDown => self.view.scroll_by = Some(ArticleScroll::Pages(1)),
            UiCommand::ScrollPageUp => self.view.scroll_by = Some(ArticleScroll::Pages(-1)),
            UiCommand::ScrollLineDown => self.view.scroll_by = Some(ArticleScroll::Lines(1)),
            UiCommand::ScrollLineUp => self.view.scroll_by = Some(ArticleScroll::Lines(-1)),
            UiCommand::ScrollToStart => self.view.scroll_by = Some(ArticleScroll::Start),
            UiCommand::ScrollToEnd => self.view.scroll_by = Some(ArticleScroll::End),
            UiCommand::NextPanel => self.step_panel(true, ctx),
            UiCommand::PreviousPanel => self.step_panel(false, ctx),
            UiCommand::CommandPalette => {
                self.modal = Some(Modal::Palette {
                    query: String::new(),
                    selected: 0,
                });
            }
        }
    }

    #[allow(clippy::too_many_lines)] // one arm per action, each short
    fn execute_action(&mut self, action: Action, ctx: &egui::Context) {
        if let Some((kind, path)) = action.chosen_path() {
            let path = path.to_path_buf();
            self.remember_folder(kind, &path);
        }
        if matches!(action, Action::NewClaim(_) | Action::FillRole(_)) {
            // Picked: by digit or by a click in the picker.
            self.view.picker = None;
        }
        match action {
            Action::OpenProjectAt(path) => {
                if self.ask_to_save_first(&Action::OpenProjectAt(path.clone()).into()) {
                    return;
                }
                self.open_project_at(&path);
            }
            Action::SaveProjectTo(path) => self.save_to(&with_ron_extension(path)),
            Action::AddArticlesFrom(paths) => self.add_articles(&paths),
            Action::ImportClaimsFrom(path) => self.import_claims_from(&path, ctx),
            Action::PreviewImport(paths) => self.preview_import(paths, ctx),
            Action::RefreshImport(options) => self.refresh_import(*options),
            Action::ConfirmImport(options) => self.confirm_import(&options),
            Action::ExportClaimsTo(path, choice) => self.export_claims_to(&path, &choice),
            Action::ExportFixturesTo(path, choice) => {
                self.export_fixtures_to(&path, &choice, false);
            }
            Action::ExportFixturesReplacing(path, choice) => {
                self.export_fixtures_to(&path, &choice, true);
            }
            Action::ExportDatasetTo(path, format) => self.export_dataset_to(&path, format),
            Action::ExportLedgerTo(path, format) => self.export_ledger_to(&path, format),
            Action::GoToClaim(doc, claim) => self.go_to_claim(&doc, claim),
            Action::ShowHistory(entity) => {
                self.entities_window.open = true;
                self.entities_window.selected = Some(entity);
            }
            Action::OpenDialog(request) => self.open_dialog(request, ctx),
            Action::SaveThen(then) => {
                self.pending_after_save = Some(*then);
                self.execute_ui(UiCommand::SaveProject, ctx);
            }
            Action::DiscardChangesThen(then) => {
                self.discard_changes();
                self.queue.push(*then);
            }
            Action::RestoreRecovery { copy, project } => match recovery::read(&copy) {
                Ok(restored) => {
                    self.replace_session(Session::restored(restored, project));
                    // The restored copy is this window's now: it is kept up
                    // to date and removed once the work is saved.
                    self.recovery_written = Some(copy.path.clone());
                    self.set_status("Restored the recovery copy. Save to keep it.");
                }
                Err(error) => {
                    self.show_error("Could not read the recovery copy", error.to_string());
                }
            },
            Action::DiscardRecovery(path) => {
                recovery::discard(&path);
                if let Some(Modal::Recovery { copies, .. }) = &mut self.modal {
                    copies.retain(|copy| copy.path != path);
                    if copies.is_empty() {
                        self.modal = None;
                    }
                }
                self.set_status("Discarded the recovery copy.");
            }
            Action::ReloadFromDisk => self.reload_from_disk(),
            Action::MergeFromDisk { then_save } => self.merge_from_disk(then_save, ctx),
            Action::ResolveConflict(index, choice) => self.resolve_conflict(Some(index), choice),
            Action::SelectConflict(index) => self.select_conflict(index),
            Action::KeepMineOverDisk => {
                self.session.accept_disk_state();
                self.ignored_disk_change = None;
                self.set_status("Your version will replace the one on disk at the next save.");
            }
            Action::DismissDiskChange => {
                self.ignored_disk_change = self.session.disk_change();
            }
            Action::SetAnalyst(analyst) => {
                self.settings.analyst = analyst;
                self.save_settings();
                self.set_status(format!(
                    "Reviews are now recorded as by “{}”.",
                    self.settings.analyst
                ));
            }
            Action::SetPreferences(preferences) => self.set_preferences(&preferences, ctx),
            Action::AllowExtractor(config, docs) => self.allow_extractor(config, docs, ctx),
            Action::SetFindQuery(query) => self.find.query = query,
            Action::SetFindAllDocuments(all) => self.find.all_documents = all,
            Action::SelectDocument(id) => self.go_to_document(&id),
            Action::RemoveDocument(id) => self.remove_document(&id),
            Action::SetDocumentStatus(doc, status) => {
                self.apply(
                    Edit::SetDocumentStatus { doc, status },
                    format!("Mark as {}", status.label()),
                );
            }
            Action::SetTextSelection(range) => {
                self.view.selection = range;
                if range.is_some() {
                    self.view.span = None;
                }
            }
            Action::ApplyLabel(label) => self.apply_label(label),
            Action::SelectSpan(span) => {
                self.view.span = span;
                self.view.selection = None;
            }
            Action::GoToSpan(doc, span) => {
                self.go_to_document(&doc);
                let range = self
                    .current_document()
                    .and_then(|d| d.span(span))
                    .map(|s| s.range);
                if range.is_some() {
                    self.view.span = Some(span);
                    self.view.selection = None;
                    self.view.scroll_to = range;
                }
            }
            Action::DeleteSpanFromClaims(span) => self.delete_span_and_arguments(span),
            Action::NewClaim(claim_type) => self.new_claim(claim_type),
            Action::DraftType(_)
            | Action::DraftCycle(_)
            | Action::CreateDraft
            | Action::CancelDraft
            | Action::AddFittingArguments => self.draft_action(&action),
            Action::SelectClaim(claim) => {
                self.view.claim = claim;
                if let Some(first) = claim
                    .and_then(|id| {
                        self.current_document()?
                            .claim(id)?
                            .arguments
                            .first()
                            .map(|a| a.span)
                    })
                    .and_then(|span| self.current_document()?.span(span).map(|s| s.range))
                {
                    self.view.scroll_to = Some(first);
                }
            }
            Action::ChangeClaimType(claim, claim_type) => {
                self.change_claim_type(claim, &claim_type);
            }
            Action::DeleteClaim(claim) => {
                if let Some(doc) = self.view.document.clone() {
                    self.apply(
                        Edit::RemoveClaim { doc, claim },
                        format!("Delete claim {claim}"),
                    );
                }
            }
            Action::FillRole(role) => self.fill_role(&role),
            Action::FixOrphan(claim, index, fix) => self.fix_orphan(claim, index, fix),
            Action::RemoveArgument(claim, index) => {
                if let Some(doc) = self.view.document.clone() {
                    self.apply(
                        Edit::RemoveArgument { doc, claim, index },
                        "Remove from role",
                    );
                }
            }
            Action::LinkSpanToEntity(span, entity) => self.link_span(span, entity),
            Action::NewEntityFromSpan(span) => self.new_entity_from_span(span),
            Action::UnlinkSpan(span) => self.unlink_span(span),
            Action::RenameEntity(entity, name) => {
                let edit = claimmark_core::normalize::names::rename_entity(
                    self.session.project(),
                    entity,
                    &name,
                );
                self.entity_edit(edit, "Rename entity");
            }
            Action::MergeEntities(keep, absorb) => {
                let edit = claimmark_core::normalize::names::merge_entities(
                    self.session.project(),
                    keep,
                    absorb,
                );
                self.entity_edit(edit, "Merge entities");
            }
            Action::CompareWith(path) => self.compare_with(&path),
            Action::TakeTheirsAt(index) => self.take_theirs(Some(index)),
            Action::SelectQueueRow(doc, proposal) => self.select_queue_row(&doc, proposal),
            Action::SetQueueFilter(filter) => {
                self.review_queue.filter = *filter;
                self.refresh_review_queue();
            }
            Action::SetQueueSort(sort) => {
                self.review_queue.sort = sort;
                self.refresh_review_queue();
            }
            Action::DecideAllShown(status) => self.decide_all_shown(status),
            Action::SelectDifference(index) => self.select_difference(index),
            Action::LinkMatchingMentions(entity) => self.link_matching_mentions(entity),
            Action::FilterClaims(status, claim_type) => {
                self.claims_filter = super::ClaimsFilter { status, claim_type };
            }
            Action::Apply(edit, description) => {
                let edit = claimmark_core::annotate::with_renormalized_dates(
                    self.session.project(),
                    self.with_correction(*edit),
                );
                self.apply(edit, description);
            }
        }
    }

    /// Applies an edit. The status bar then names what was done (so a
    /// hint left by an earlier attempt does not linger); a refused edit
    /// shows why.
    pub(crate) fn apply(&mut self, edit: Edit, description: impl Into<String>) -> bool {
        let description = description.into();
        let documents = edit.documents();
        match self.session.apply(edit, description.clone()) {
            Ok(()) => {
                self.ledger_changes.record(documents);
                self.set_status(format!("{description}."));
                true
            }
            Err(error) => {
                self.set_error_status(format!("Not done: {error}"));
                false
            }
        }
    }

    /// With unsaved changes, asks first and returns true (the command runs
    /// again after the answer).
    fn ask_to_save_first(&mut self, then: &Command) -> bool {
        let question = self.unsaved_question;
        if question == super::UnsavedQuestion::SkipOnce {
            self.unsaved_question = super::UnsavedQuestion::Ask;
        }
        if question != super::UnsavedQuestion::Ask || !self.session.is_modified() {
            return false;
        }
        if matches!(self.modal, Some(Modal::UnsavedChanges { .. })) {
            return false;
        }
        self.modal = Some(Modal::UnsavedChanges {
            then: Box::new(then.clone()),
        });
        true
    }
}

pub(super) fn with_ron_extension(path: PathBuf) -> PathBuf {
    if path.extension().is_some_and(|ext| ext == "ron") {
        path
    } else {
        let mut name = path
            .file_name()
            .map(std::ffi::OsStr::to_os_string)
            .unwrap_or_default();
        name.push(".ron");
        path.with_file_name(name)
    }
}

/// Text for messages: at most 40 chars on one line.
pub(super) fn short(text: &str) -> String {
    crate::ui::format::short_text(text, 40)
}
