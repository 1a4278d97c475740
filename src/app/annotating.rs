//! Tagging, relabelling, claims and roles in the window: the selection
//! and the view around the rules of `claimmark_core::annotate`.

use super::execute::short;
use super::{ClaimmarkApp, Modal};
use claimmark_core::annotate::{self, Tagged};
use claimmark_core::edit::Edit;
use claimmark_core::model::{CharRange, ClaimId, DocId, Name, SpanId};

impl ClaimmarkApp {
    pub(super) fn apply_label(&mut self, label: Name) {
        let Some(doc) = self.view.document.clone() else {
            return;
        };
        if let Some(range) = self.view.selection {
            self.tag(&doc, range, label);
        } else if let Some(span) = self.view.span {
            let Some(document) = self.session.project().document(&doc) else {
                return;
            };
            let description = format!("Relabel span as {}", label.display());
            match annotate::relabel(self.session.project(), document, span, label) {
                Ok(edit) => {
                    let edit = self.with_correction(edit);
                    self.apply(edit, description);
                }
                Err(error) => self.set_error_status(format!("Not done: {error}")),
            }
        } else {
            self.set_status("Select some text first (drag over it, or double-click a word).");
        }
    }

    /// Makes a span from a range; returns its id. An identical span is
    /// selected instead of duplicated.
    pub(super) fn tag(&mut self, doc: &DocId, range: CharRange, label: Name) -> Option<SpanId> {
        let document = self.session.project().document(doc)?;
        let text = document.text.slice(range).unwrap_or_default().to_owned();
        let description = format!("Tag “{}” as {}", short(&text), label.display());
        match annotate::tag(self.session.project(), document, range, label) {
            Ok(Tagged::Existing(id)) => {
                self.view.span = Some(id);
                self.view.selection = None;
                self.set_status("That text already has this label; selected the existing span.");
                Some(id)
            }
            Ok(Tagged::New { span, edit }) => {
                if self.apply(*edit, description) {
                    self.view.selection = None;
                    self.view.span = Some(span);
                    Some(span)
                } else {
                    None
                }
            }
            Err(error) => {
                self.set_error_status(format!("Not done: {error}"));
                None
            }
        }
    }

    pub(super) fn delete_span(&mut self, span: SpanId) {
        let Some(doc) = self.current_document() else {
            return;
        };
        let users: Vec<ClaimId> = doc.claims_using(span).map(|c| c.id).collect();
        if users.is_empty() {
            let text = doc
                .span(span)
                .map(|s| doc.span_text(s).to_owned())
                .unwrap_or_default();
            let doc = doc.id.clone();
            self.apply(
                Edit::RemoveSpan { doc, span },
                format!("Delete span “{}”", short(&text)),
            );
        } else {
            self.modal = Some(Modal::SpanInUse {
                span,
                claims: users,
            });
        }
    }

    pub(super) fn delete_span_and_arguments(&mut self, span: SpanId) {
        let Some(doc) = self.current_document() else {
            return;
        };
        let text = doc
            .span(span)
            .map(|s| doc.span_text(s).to_owned())
            .unwrap_or_default();
        let edit = claimmark_core::edit::remove_span_with_arguments(doc, span);
        self.apply(
            edit,
            format!(
                "Delete span “{}” and take it out of its claims",
                short(&text)
            ),
        );
    }

    pub(super) fn new_claim(&mut self, claim_type: Name) {
        let Some(doc) = self.current_document() else {
            return;
        };
        let shown = claim_type.display();
        match annotate::new_claim(self.session.project(), doc, claim_type, self.view.span) {
            Ok(made) => {
                if self.apply(made.edit, format!("New {shown} claim")) {
                    self.view.claim = Some(made.claim);
                    self.set_status(format!(
                        "New {shown} claim. Select spans and press R to fill its roles."
                    ));
                }
            }
            Err(error) => self.set_error_status(format!("Not done: {error}")),
        }
    }

    pub(super) fn fill_role(&mut self, role: &Name) {
        let Some(claim) = self.view.claim else {
            self.set_status("Select a claim first.");
            return;
        };
        let Some(doc) = self.current_document() else {
            return;
        };
        let target = match (self.view.span, self.view.selection) {
            (Some(span), _) => annotate::FillTarget::Span(span),
            (None, Some(range)) => annotate::FillTarget::Selection(range),
            (None, None) => {
                self.set_status("Select a span or some text first.");
                return;
            }
        };
        match annotate::fill_role(self.session.project(), doc, claim, role, target) {
            Ok(filled) => {
                let edit = self.with_correction(filled.edit);
                if self.apply(edit, format!("Fill role {}", role.display())) {
                    self.view.span = Some(filled.span);
                    self.view.selection = None;
                    if let Some(label) = filled.tagged {
                        self.set_status(format!(
                            "Tagged the selection as {} (what “{}” takes) and filled the role.",
                            label.display(),
                            role.display()
                        ));
                    }
                }
            }
            Err(annotate::AnnotateError::AlreadyFills(role)) => {
                self.set_status(format!("That span already fills “{}”.", role.display()));
            }
            Err(error) => self.set_error_status(format!("Not done: {error}")),
        }
    }

    pub(super) fn fix_orphan(
        &mut self,
        claim: ClaimId,
        index: usize,
        fix: crate::command::OrphanFix,
    ) {
        use crate::command::OrphanFix;
        let Some(doc) = self.current_document() else {
            return;
        };
        let project = self.session.project();
        let target = match fix {
            OrphanFix::Drop => None,
            OrphanFix::AttachToSelection => match (self.view.span, self.view.selection) {
                (_, Some(range)) => Some(annotate::FillTarget::Selection(range)),
                (Some(span), None) => Some(annotate::FillTarget::Span(span)),
                (None, None) => {
                    self.set_status("Select the span or text the argument belongs on first.");
                    return;
                }
            },
            OrphanFix::FindQuote => {
                self.select_next_orphan_place(claim, index);
                return;
            }
        };
        let result = match target {
            None => annotate::drop_orphan(doc, claim, index).map(|edit| (edit, None)),
            Some(target) => annotate::attach_orphan(project, doc, claim, index, target)
                .map(|filled| (filled.edit, Some(filled.span))),
        };
        match result {
            Ok((edit, span)) => {
                let edit = self.with_correction(edit);
                let what = if span.is_some() {
                    "Attach orphaned argument"
                } else {
                    "Drop orphaned argument"
                };
                if self.apply(edit, what) && span.is_some() {
                    self.view.span = span;
                    self.view.selection = None;
                }
            }
            Err(error) => self.set_error_status(format!("Not done: {error}")),
        }
    }

    /// The selected claim's first orphaned argument, which the orphan
    /// keys act on.
    pub(super) fn first_orphan(&self) -> Option<(ClaimId, usize)> {
        let claim = self
            .view
            .claim
            .and_then(|id| self.current_document()?.claim(id))?;
        (!claim.orphans.is_empty()).then_some((claim.id, 0))
    }

    pub(super) fn fix_first_orphan(&mut self, fix: crate::command::OrphanFix) {
        match self.first_orphan() {
            Some((claim, index)) => self.fix_orphan(claim, index, fix),
            None => self.set_status("The selected claim has no orphaned arguments."),
        }
    }

    /// Selects the place of the orphan's quote after the one selected (the
    /// nearest its old place first), so the analyst sees each before
    /// attaching it there.
    fn select_next_orphan_place(&mut self, claim: ClaimId, index: usize) {
        let Some(doc) = self.current_document() else {
            return;
        };
        let places = annotate::orphan_places(doc, claim, index);
        if places.is_empty() {
            self.set_status(
                "Its quote is nowhere in this text: select where it belongs and attach it (O).",
            );
            return;
        }
        let next = self
            .view
            .selection
            .and_then(|selected| places.iter().position(|place| *place == selected))
            .map_or(0, |at| (at + 1) % places.len());
        let place = places[next];
        self.view.span = None;
        self.view.selection = Some(place);
        self.view.scroll_to = Some(place);
        let more = if places.len() > 1 {
            "; L: the next"
        } else {
            ""
        };
        self.set_status(format!(
            "Its quote, place {} of {} (nearest its old place first): O attaches it here{more}.",
            next + 1,
            places.len()
        ));
    }

    pub(super) fn change_claim_type(&mut self, claim: ClaimId, claim_type: &Name) {
        let Some(doc) = self.current_document() else {
            return;
        };
        match annotate::change_claim_type(self.session.project(), doc, claim, claim_type) {
            Ok(edit) => {
                let edit = self.with_correction(edit);
                self.apply(
                    edit,
                    format!("Change claim type to {}", claim_type.display()),
                );
            }
            Err(error) => self.set_error_status(format!("Not done: {error}")),
        }
    }
}
