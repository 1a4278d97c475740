//! A project as `claim/v1` lines, as span lines, or as gold fixtures.
//!
//! Output is deterministic: documents in project order, claims (and spans)
//! by id, keys in a fixed order, so exporting an unchanged project twice
//! gives the same bytes. An imported claim starts from the line it came
//! from: its unknown fields and `ext` are kept, and what claimmark knows
//! (anchors, values, status, provenance…) is written over them.

use std::borrow::Cow;
use std::collections::HashSet;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;
use serde_json::{Map, Value as Json};
use sha2::{Digest, Sha256};

use super::convert::{agent_to_wire, status_to_wire, value_to_wire};
use super::line::parse_wire;
use super::wire::{
    WireAgent, WireAnchor, WireArg, WireClaim, WireDoc, WireOrigin, WireOrphan, WireProvenance,
    WireSpan, WireValue,
};
use super::{CLAIMMARK_EXT, CONTEXT_CHARS, SCHEMA, SPAN_SCHEMA};
use crate::model::date::format_day;
use crate::model::document::{Claim, DocId, Document, Span};
use crate::model::review::{Confidence, ReviewStatus};
use crate::model::schema::{TRIGGER_ROLE, ValueKind};
use crate::model::text::hex;
use crate::model::{CharRange, Project};
use crate::storage::atomic::write_atomic;

/// The creator exports give a claim that has no provenance (made by hand
/// in claimmark before provenance was recorded).
pub const UNRECORDED_CREATOR: &str = "analyst";
/// The `created` time exports give such a claim: fixed, so that exports of
/// an unchanged project stay identical. It means "not recorded".
pub const UNRECORDED_CREATED: &str = "1970-01-01T00:00:00Z";

/// Which claims (or spans) to export.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// Statuses to keep; empty keeps all.
    pub statuses: Vec<ReviewStatus>,
    /// Documents to keep; empty keeps all.
    pub documents: Vec<DocId>,
}

impl Filter {
    fn keeps_status(&self, status: ReviewStatus) -> bool {
        self.statuses.is_empty() || self.statuses.contains(&status)
    }

    /// The claims it keeps, of a document it keeps.
    fn claims(&self) -> impl Fn(&Claim) -> bool + '_ {
        |claim| self.keeps_status(claim.status)
    }

    /// The spans it keeps, of a document it keeps.
    fn spans(&self) -> impl Fn(&Span) -> bool + '_ {
        |span| self.keeps_status(span.status)
    }

    fn keeps_document(&self, doc: &DocId) -> bool {
        self.documents.is_empty() || self.documents.contains(doc)
    }

    /// The documents to export, in project order; an unknown id is an error.
    fn documents<'p>(
        &self,
        project: &'p Project,
    ) -> Result<Vec<(usize, &'p Document)>, ExportError> {
        if let Some(missing) = self
            .documents
            .iter()
            .find(|id| project.document(id).is_none())
        {
            return Err(ExportError::NoDocument(missing.to_string()));
        }
        Ok(project
            .documents
            .iter()
            .enumerate()
            .filter(|(_, doc)| self.keeps_document(&doc.id))
            .collect())
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("there is no document “{0}” in the project; `claimmark stats` lists the documents")]
    NoDocument(String),
    #[error("could not write the export: {0}")]
    Write(#[from] io::Error),
    #[error("could not write {}: {source}. Check the folder's permissions and free space", path.display())]
    WriteFile { path: PathBuf, source: io::Error },
    #[error(
        "{} is not empty; fixtures go into an empty or new folder so no other file is overwritten. Choose another folder, or pass --force to write into it",
        .0.display()
    )]
    NotEmpty(PathBuf),
}

/// Refuses a fixtures folder that already holds files, unless `force`.
pub fn check_fixtures_folder(dir: &Path, force: bool) -> Result<(), ExportError> {
    let has_files = std::fs::read_dir(dir).is_ok_and(|mut entries| entries.next().is_some());
    if has_files && !force {
        return Err(ExportError::NotEmpty(dir.to_owned()));
    }
    Ok(())
}

/// The export id of every claim: its external id if it was imported, else
/// `<doc-id>:c<n>`. Ids are unique in the project: a made id that an
/// imported claim already carries gets `.2`, `.3`… appended.
#[derive(Debug, Clone)]
pub struct ClaimIds {
    /// Per document (project order), per claim (id order).
    ids: Vec<Vec<String>>,
}

impl ClaimIds {
    pub fn of(project: &Project) -> Self {
        let mut used: HashSet<String> = HashSet::new();
        let mut ids: Vec<Vec<Option<String>>> = project
            .documents
            .iter()
            .map(|doc| {
                doc.claims()
                    .iter()
                    .map(|claim| {
                        let external = claim.external.as_ref()?;
                        used.insert(external.id.clone())
                            .then(|| external.id.clone())
                    })
                    .collect()
            })
            .collect();
        for (doc, doc_ids) in project.documents.iter().zip(&mut ids) {
            for (claim, id) in doc.claims().iter().zip(doc_ids.iter_mut()) {
                if id.is_some() {
                    continue;
                }
                let base = format!("{}:{}", doc.id, claim.id);
                let mut candidate = base.clone();
                let mut n = 2;
                while used.contains(&candidate) {
                    candidate = format!("{base}.{n}");
                    n += 1;
                }
                used.insert(candidate.clone());
                *id = Some(candidate);
            }
        }
        Self {
            ids: ids
                .into_iter()
                .map(|doc_ids| doc_ids.into_iter().map(Option::unwrap_or_default).collect())
                .collect(),
        }
    }

    /// The id of the `claim_index`-th claim of the `doc_index`-th document.
    pub fn get(&self, doc_index: usize, claim_index: usize) -> &str {
        self.ids
            .get(doc_index)
            .and_then(|doc| doc.get(claim_index))
            .map_or("", String::as_str)
    }

    /// Every id with its document and claim positions.
    pub fn iter(&self) -> impl Iterator<Item = (usize, usize, &str)> {
        self.ids.iter().enumerate().flat_map(|(d, doc)| {
            doc.iter()
                .enumerate()
                .map(move |(c, id)| (d, c, id.as_str()))
        })
    }
}

/// What a document looks like in every line about it: worked out once per
/// document, borrowed by each line.
struct DocHeader {
    sha256: String,
    published: Option<String>,
}

impl DocHeader {
    fn new(doc: &Document) -> Self {
        Self {
            sha256: hex(doc.text.sha256()),
            published: doc.published.map(format_day),
        }
    }

    fn wire<'a>(&'a self, doc: &'a Document) -> WireDoc<'a> {
        let not_empty = |field: &'a str| (!field.is_empty()).then_some(Cow::Borrowed(field));
        WireDoc {
            id: Cow::Borrowed(doc.id.as_str()),
            text_sha256: Cow::Borrowed(&self.sha256),
            text_length: doc.text.char_len() as u64,
            title: not_empty(&doc.title),
            source: not_empty(&doc.source),
            published: self.published.as_deref().map(Cow::Borrowed),
            unknown: Map::new(),
        }
    }
}

/// Writes the claims the filter keeps, one line each. Returns how many.
pub fn write_claims(
    project: &Project,
    filter: &Filter,
    out: &mut dyn Write,
) -> Result<usize, ExportError> {
    let ids = ClaimIds::of(project);
    let mut count = 0;
    for (doc_index, doc) in filter.documents(project)? {
        count += write_document_claims(project, doc_index, doc, &ids, &filter.claims(), out)?;
    }
    Ok(count)
}

/// Writes one line for each of a document's claims that `keep` keeps, with
/// the ids `ids` gives them; returns how many. `doc_index` is the
/// document's position in `project`. What [`write_claims`] and
/// [`write_fixtures`] do per document, for writers that choose claims
/// their own way (`claimmark dataset`).
pub fn write_document_claims(
    project: &Project,
    doc_index: usize,
    doc: &Document,
    ids: &ClaimIds,
    keep: &dyn Fn(&Claim) -> bool,
    out: &mut dyn Write,
) -> Result<usize, ExportError> {
    let header = DocHeader::new(doc);
    let mut count = 0;
    for (claim_index, claim) in doc.claims().iter().enumerate() {
        if !keep(claim) {
            continue;
        }
        let wire = claim_to_wire(
            project,
            doc,
            &header,
            claim,
            ids.get(doc_index, claim_index),
        );
        serde_json::to_writer(&mut *out, &wire).map_err(io::Error::from)?;
        out.write_all(b"\n")?;
        count += 1;
    }
    Ok(count)
}

/// One claim as a line (without the line end).
pub fn claim_line(project: &Project, doc: &Document, claim: &Claim, id: &str) -> String {
    let header = DocHeader::new(doc);
    let wire = claim_to_wire(project, doc, &header, claim, id);
    serde_json::to_string(&wire).unwrap_or_default()
}

fn anchor(doc: &Document, range: CharRange) -> WireAnchor<'_> {
    WireAnchor {
        start: range.start().get() as u64,
        end: range.end().get() as u64,
        exact: Cow::Borrowed(doc.text.slice(range).unwrap_or_default()),
        prefix: Some(Cow::Borrowed(doc.text.context_before(range, CONTEXT_CHARS))),
        suffix: Some(Cow::Borrowed(doc.text.context_after(range, CONTEXT_CHARS))),
        unknown: Map::new(),
    }
}

/// A span's value: the one set on it, else what its label and entity say,
/// else its text. A person linked to an entity carries the entity's aliases.
fn span_value(project: &Project, doc: &Document, span: &Span) -> WireValue {
    span_value_known(project, doc, span).0
}

/// The span's value, and whether claimmark knows it (set on the span or
/// from a linked entity) rather than falling back to the span's text.
fn span_value_known(project: &Project, doc: &Document, span: &Span) -> (WireValue, bool) {
    let known = span.value.is_some() || span.entity.is_some();
    let entity = span.entity.and_then(|id| project.entity(id));
    let mut value = if let Some(value) = &span.value {
        value_to_wire(&value.value)
    } else {
        {
            let kind = project
                .schema
                .label(&span.label)
                .map(|label| label.value_kind);
            let name = || entity.map_or_else(|| doc.span_text(span).to_owned(), |e| e.name.clone());
            let entity_id = entity.map(|e| e.id.to_string());
            let unknown = Map::new();
            match kind {
                Some(ValueKind::Person) => WireValue::Person {
                    name: name(),
                    entity_id,
                    aliases: None,
                    unknown,
                },
                Some(ValueKind::Organization) => WireValue::Organization {
                    name: name(),
                    entity_id,
                    unknown,
                },
                Some(ValueKind::Place) => WireValue::Place {
                    name: name(),
                    entity_id,
                    unknown,
                },
                _ => WireValue::Text {
                    text: doc.span_text(span).to_owned(),
                    unknown,
                },
            }
        }
    };
    if let WireValue::Person { aliases, .. } = &mut value
        && let Some(entity) = entity
        && !entity.aliases.is_empty()
    {
        *aliases = Some(entity.aliases.clone());
    }
    (value, known)
}

fn claim_to_wire<'a>(
    project: &Project,
    doc: &'a Document,
    header: &'a DocHeader,
    claim: &'a Claim,
    id: &'a str,
) -> WireClaim<'a> {
    let mut trigger = None;
    let mut args = Vec::with_capacity(claim.arguments.len() + claim.implicit.len());
    // Per argument: is its value only the text fallback?
    let mut fallback = Vec::with_capacity(args.capacity());
    for argument in &claim.arguments {
        let Some(span) = doc.span(argument.span) else {
            continue;
        };
        if trigger.is_none() && argument.role.as_str() == TRIGGER_ROLE {
            trigger = Some(anchor(doc, span.range));
            continue;
        }
        let (value, known) = span_value_known(project, doc, span);
        args.push(WireArg {
            role: Cow::Borrowed(argument.role.as_str()),
            anchor: Some(anchor(doc, span.range)),
            value,
            unknown: Map::new(),
        });
        fallback.push(!known);
    }
    for implicit in &claim.implicit {
        args.push(WireArg {
            role: Cow::Borrowed(implicit.role.as_str()),
            anchor: None,
            value: value_to_wire(&implicit.value),
            unknown: Map::new(),
        });
        fallback.push(false);
    }
    let provenance = match &claim.provenance {
        Some(provenance) => WireProvenance {
            creator: agent_to_wire(&provenance.creator),
            created: provenance.created.as_str().to_owned(),
            reviewer: provenance.reviewer.as_ref().map(agent_to_wire),
            reviewed: provenance.reviewed.as_ref().map(|t| t.as_str().to_owned()),
            unknown: Map::new(),
        },
        None => WireProvenance {
            creator: agent_to_wire(&crate::model::Agent::person(UNRECORDED_CREATOR)),
            created: UNRECORDED_CREATED.to_owned(),
            reviewer: None,
            reviewed: None,
            unknown: Map::new(),
        },
    };
    let mut wire = WireClaim {
        schema: Cow::Borrowed(SCHEMA),
        id: Cow::Borrowed(id),
        doc: header.wire(doc),
        claim_type: Cow::Borrowed(claim.claim_type.as_str()),
        trigger,
        args,
        status: status_to_wire(claim.status),
        confidence: claim.confidence.map(Confidence::get),
        provenance,
        note: (!claim.note.is_empty()).then_some(Cow::Borrowed(claim.note.as_str())),
        ext: None,
        unknown: Map::new(),
    };
    if let Some(original) = claim
        .external
        .as_ref()
        .and_then(|external| parse_wire(&external.original).ok())
    {
        keep_unknown(&mut wire, original, &fallback);
    }
    set_orphans(&mut wire, claim);
    wire
}

/// Carries the unknown fields and `ext` of the imported line into the line
/// claimmark writes. Arguments are matched by role and exact text. Where
/// claimmark only has a span's text as its value (`fallback`: a span that
/// was already there reused, without a value of its own), the imported
/// value is written instead.
fn keep_unknown(wire: &mut WireClaim<'_>, original: WireClaim<'_>, fallback: &[bool]) {
    wire.unknown = original.unknown;
    wire.ext = original.ext;
    wire.doc.unknown = original.doc.unknown;
    wire.provenance.unknown = original.provenance.unknown;
    keep_agent_unknown(&mut wire.provenance.creator, original.provenance.creator);
    if let (Some(reviewer), Some(old)) =
        (&mut wire.provenance.reviewer, original.provenance.reviewer)
    {
        keep_agent_unknown(reviewer, old);
    }
    if let (Some(trigger), Some(old)) = (&mut wire.trigger, original.trigger)
        && trigger.exact == old.exact
    {
        trigger.unknown = old.unknown;
    }
    let mut old_args: Vec<Option<WireArg>> = original.args.into_iter().map(Some).collect();
    for (arg, &fallback) in wire.args.iter_mut().zip(fallback) {
        let exact = arg.anchor.as_ref().map(|a| a.exact.as_ref());
        let Some(old) = old_args.iter_mut().find(|old| {
            old.as_ref().is_some_and(|old| {
                old.role == arg.role && old.anchor.as_ref().map(|a| a.exact.as_ref()) == exact
            })
        }) else {
            continue;
        };
        let Some(old) = old.take() else { continue };
        arg.unknown = old.unknown;
        if let (Some(anchor), Some(old_anchor)) = (&mut arg.anchor, old.anchor) {
            anchor.unknown = old_anchor.unknown;
        }
        if fallback {
            arg.value = old.value;
        } else if arg.value.kind() == old.value.kind() {
            let mut old_value = old.value;
            *arg.value.unknown_mut() = std::mem::take(old_value.unknown_mut());
            // Aliases claimmark does not know (no linked entity) are kept.
            if let (
                WireValue::Person { aliases, .. },
                WireValue::Person {
                    aliases: old_aliases,
                    ..
                },
            ) = (&mut arg.value, old_value)
                && aliases.is_none()
            {
                *aliases = old_aliases;
            }
        }
    }
}

fn keep_agent_unknown(agent: &mut WireAgent, old: WireAgent) {
    if agent.id == old.id && agent.kind == old.kind {
        agent.unknown = old.unknown;
    }
}

/// Writes the claim's orphans to `ext.claimmark.orphans` and a bulk review
/// to `ext.claimmark.bulk_review` (or removes the keys when there are none),
/// leaving the rest of `ext` as it was.
fn set_orphans(wire: &mut WireClaim<'_>, claim: &Claim) {
    let orphans: Vec<Json> = claim
        .orphans
        .iter()
        .map(|orphan| {
            serde_json::to_value(WireOrphan {
                role: orphan.role.to_string(),
                start: orphan.start as u64,
                end: orphan.end as u64,
                exact: orphan.exact.clone(),
                prefix: orphan.prefix.clone(),
                suffix: orphan.suffix.clone(),
                value: orphan.value.as_ref().map(value_to_wire),
                reason: orphan.reason.clone(),
            })
            .unwrap_or(Json::Null)
        })
        .collect();
    let had_ext = wire.ext.is_some();
    let ext = wire.ext.get_or_insert_with(Map::new);
    let ours = match ext.remove(CLAIMMARK_EXT) {
        Some(Json::Object(ours)) => Some(ours),
        Some(other) => {
            // Not ours after all: put it back untouched.
            ext.insert(CLAIMMARK_EXT.to_owned(), other);
            None
        }
        None => Some(Map::new()),
    };
    if let Some(mut ours) = ours {
        if orphans.is_empty() {
            ours.remove("orphans");
        } else {
            ours.insert("orphans".to_owned(), Json::Array(orphans));
        }
        if claim.provenance.as_ref().is_some_and(|p| p.bulk_review) {
            ours.insert("bulk_review".to_owned(), Json::Bool(true));
        } else {
            ours.remove("bulk_review");
        }
        if !ours.is_empty() {
            ext.insert(CLAIMMARK_EXT.to_owned(), Json::Object(ours));
        }
    }
    if ext.is_empty() && !had_ext {
        wire.ext = None;
    }
}

/// Writes one line per span the filter keeps (see docs/claim-format.md,
/// "Span lines"). Returns how many.
pub fn write_spans(
    project: &Project,
    filter: &Filter,
    out: &mut dyn Write,
) -> Result<usize, ExportError> {
    let mut count = 0;
    for (_, doc) in filter.documents(project)? {
        count += write_document_spans(project, doc, &filter.spans(), out)?;
    }
    Ok(count)
}

/// Writes one span line for each of a document's spans that `keep` keeps;
/// returns how many. What [`write_spans`] and [`write_fixtures`] do per
/// document, for writers that choose spans their own way.
pub fn write_document_spans(
    project: &Project,
    doc: &Document,
    keep: &dyn Fn(&Span) -> bool,
    out: &mut dyn Write,
) -> Result<usize, ExportError> {
    let mut count = 0;
    for span in doc.spans() {
        if !keep(span) {
            continue;
        }
        let line = WireSpan {
            schema: SPAN_SCHEMA.to_owned(),
            id: format!("{}:{}", doc.id, span.id),
            doc: doc.id.to_string(),
            start: span.range.start().get(),
            end: span.range.end().get(),
            exact: doc.span_text(span).to_owned(),
            label: span.label.to_string(),
            value: Some(span_value(project, doc, span)),
            status: Some(status_to_wire(span.status)),
            origin: span.origin.as_ref().map(|origin| WireOrigin {
                agent: agent_to_wire(&origin.agent),
                confidence: origin.confidence.map(Confidence::get),
            }),
            note: span.note.clone(),
        };
        serde_json::to_writer(&mut *out, &line).map_err(io::Error::from)?;
        out.write_all(b"\n")?;
        count += 1;
    }
    Ok(count)
}

/// `manifest.json` of a fixtures folder.
#[derive(Debug, Clone, Serialize)]
pub struct Manifest {
    pub tool: Tool,
    /// When the fixtures were written (RFC 3339, UTC).
    pub created: String,
    /// The project file they came from.
    pub project: String,
    pub format: &'static str,
    pub filter: ManifestFilter,
    pub documents: usize,
    pub claims: usize,
    pub spans: usize,
    pub files: Vec<ManifestFile>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Tool {
    pub name: &'static str,
    pub version: &'static str,
}

#[derive(Debug, Clone, Serialize)]
pub struct ManifestFilter {
    pub statuses: Vec<&'static str>,
    pub documents: Vec<String>,
}

/// One file of a fixtures folder.
#[derive(Debug, Clone, Serialize)]
pub struct ManifestFile {
    /// The file name, relative to the folder.
    pub path: String,
    pub doc: String,
    /// `text`, `claims` or `spans`.
    pub kind: &'static str,
    pub bytes: u64,
    pub sha256: String,
    /// Code points of a text; lines of a claims or spans file.
    pub count: usize,
}

/// Writes gold fixtures to `dir` (created if missing): per document
/// `<doc-id>.txt` (the canonical text, exactly), `<doc-id>.claims.jsonl`,
/// with `spans` also `<doc-id>.spans.jsonl`, and `manifest.json`. Each file
/// is written atomically.
pub fn write_fixtures(
    project: &Project,
    project_path: &Path,
    filter: &Filter,
    dir: &Path,
    spans: bool,
) -> Result<Manifest, ExportError> {
    let documents = filter.documents(project)?;
    std::fs::create_dir_all(dir).map_err(|source| ExportError::WriteFile {
        path: dir.to_owned(),
        source,
    })?;
    let ids = ClaimIds::of(project);
    let mut manifest = Manifest {
        tool: Tool {
            name: crate::TOOL_NAME,
            version: crate::TOOL_VERSION,
        },
        created: crate::model::Timestamp::now().as_str().to_owned(),
        project: project_path.display().to_string(),
        format: SCHEMA,
        filter: ManifestFilter {
            statuses: filter.statuses.iter().map(|s| s.as_str()).collect(),
            documents: filter.documents.iter().map(ToString::to_string).collect(),
        },
        documents: documents.len(),
        claims: 0,
        spans: 0,
        files: Vec::new(),
    };
    for (doc_index, doc) in documents {
        let text = doc.text.as_str().as_bytes();
        manifest.files.push(write_fixture(
            dir,
            doc,
            "txt",
            "text",
            text,
            doc.text.char_len(),
        )?);
        let mut claims = Vec::new();
        let count =
            write_document_claims(project, doc_index, doc, &ids, &filter.claims(), &mut claims)?;
        manifest.claims += count;
        manifest.files.push(write_fixture(
            dir,
            doc,
            "claims.jsonl",
            "claims",
            &claims,
            count,
        )?);
        if spans {
            let mut lines = Vec::new();
            let count = write_document_spans(project, doc, &filter.spans(), &mut lines)?;
            manifest.spans += count;
            manifest.files.push(write_fixture(
                dir,
                doc,
                "spans.jsonl",
                "spans",
                &lines,
                count,
            )?);
        }
    }
    let mut json = serde_json::to_vec_pretty(&manifest).map_err(io::Error::from)?;
    json.push(b'\n');
    let path = dir.join(super::fixtures::MANIFEST);
    write_atomic(&path, &json).map_err(|source| ExportError::WriteFile { path, source })?;
    Ok(manifest)
}

fn write_fixture(
    dir: &Path,
    doc: &Document,
    extension: &str,
    kind: &'static str,
    bytes: &[u8],
    count: usize,
) -> Result<ManifestFile, ExportError> {
    let name = format!("{}.{extension}", doc.id);
    let path = dir.join(&name);
    write_atomic(&path, bytes).map_err(|source| ExportError::WriteFile { path, source })?;
    Ok(ManifestFile {
        path: name,
        doc: doc.id.to_string(),
        kind,
        bytes: bytes.len() as u64,
        sha256: hex(&Sha256::digest(bytes)),
        count,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::Edit;
    use crate::model::document::{ClaimId, ExternalClaim};
    use crate::model::notation;
    use crate::model::schema::Name;

    #[test]
    fn made_ids_never_repeat_an_imported_id() {
        let mut project = Project::default();
        project
            .documents
            .push(notation::document("d", "[person|Ales] was [event|freed].").unwrap());
        let doc = DocId::parse("d").unwrap();
        let claim = |n: u32, external: Option<&str>| Claim {
            external: external.map(|id| ExternalClaim::new(id.into(), String::new())),
            ..Claim::new(ClaimId(n), Name::parse("release").unwrap())
        };
        for edit in [
            claim(1, Some("d:c2")),
            claim(2, None),
            claim(3, Some("x-1")),
        ] {
            Edit::InsertClaim {
                doc: doc.clone(),
                claim: edit,
            }
            .apply(&mut project)
            .unwrap();
        }
        let ids = ClaimIds::of(&project);
        assert_eq!(
            ids.iter().map(|(_, _, id)| id).collect::<Vec<_>>(),
            ["d:c2", "d:c2.2", "x-1"]
        );
    }

    #[test]
    fn filters_keep_statuses_and_documents_and_refuse_unknown_documents() {
        let mut project = Project::default();
        for id in ["a", "b"] {
            project
                .documents
                .push(notation::document(id, "[event|freed]").unwrap());
            Edit::InsertClaim {
                doc: DocId::parse(id).unwrap(),
                claim: Claim {
                    status: ReviewStatus::Proposed,
                    ..Claim::new(ClaimId(1), Name::parse("release").unwrap())
                },
            }
            .apply(&mut project)
            .unwrap();
        }
        let count = |filter: Filter| {
            let mut out = Vec::new();
            write_claims(&project, &filter, &mut out).map(|n| (n, !out.is_empty()))
        };
        assert_eq!(count(Filter::default()).unwrap(), (2, true));
        let accepted = Filter {
            statuses: vec![ReviewStatus::Accepted],
            ..Filter::default()
        };
        assert_eq!(count(accepted).unwrap(), (0, false));
        let only_b = Filter {
            documents: vec![DocId::parse("b").unwrap()],
            ..Filter::default()
        };
        assert_eq!(count(only_b).unwrap(), (1, true));
        let missing = Filter {
            documents: vec![DocId::parse("c").unwrap()],
            ..Filter::default()
        };
        assert!(matches!(count(missing), Err(ExportError::NoDocument(id)) if id == "c"));
    }
}
