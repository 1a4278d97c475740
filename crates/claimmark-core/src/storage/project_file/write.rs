//! The deterministic writer: one label, role, span or claim per line, in a
//! fixed order, so an unchanged project saves byte-identically.

use std::fmt::Write as _;

use serde::Serialize;

use crate::model::Project;
use crate::model::date::format_day;
use crate::model::document::{Claim, Document, Span};
use crate::model::entity::Entity;
use crate::model::review::{Confidence, ReviewStatus};
use crate::model::schema::{ClaimTypeDef, LabelDef, RoleDef};
use crate::model::value::ValueSource;

use super::FORMAT_VERSION;
use super::wire::{
    ClaimTypeFile, EntityFile, ExplanationFile, ExternalFile, ExtractorFile, ImplicitFile,
    LabelFile, OriginFile, OrphanFile, ProvenanceFile, RoleFile, SpanValueFile, ValueSourceFile,
    agent_file, review_name, status_name, value_kind_file,
};

/// Writes a project in the canonical layout.
pub fn to_ron(project: &Project) -> String {
    let mut out = String::with_capacity(estimated_size(project));
    let written: std::io::Result<()> = emit(project, &mut |chunk| {
        out.push_str(chunk);
        Ok(())
    });
    debug_assert!(written.is_ok(), "writing to a String cannot fail");
    out
}

/// Writes a project in the canonical layout to `sink`, one document at a
/// time, so memory stays bounded by the largest document rather than the
/// whole file.
pub fn write_ron(project: &Project, sink: &mut impl std::io::Write) -> std::io::Result<()> {
    emit(project, &mut |chunk| sink.write_all(chunk.as_bytes()))
}

fn emit(
    project: &Project,
    sink: &mut dyn FnMut(&str) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let mut out = String::with_capacity(8192);
    out.push_str(
        "// claimmark project. Offsets count Unicode code points in each document's text.\n(\n",
    );
    let _ = writeln!(out, "    format_version: {FORMAT_VERSION},");
    out.push_str("    schema: (\n        labels: [\n");
    for label in &project.schema.labels {
        line(&mut out, 12, &label_file(label));
    }
    out.push_str("        ],\n        claim_types: [\n");
    for claim_type in &project.schema.claim_types {
        out.push_str("            (\n");
        let _ = writeln!(
            out,
            "                name: {},",
            ron_string(claim_type.name.as_str())
        );
        out.push_str("                roles: [\n");
        for role in &claim_type.roles {
            line(&mut out, 20, &compact(&role_file(role)));
        }
        out.push_str("                ],\n");
        let _ = writeln!(
            out,
            "                key_roles: Some({}),",
            compact(&key_roles_file(claim_type))
        );
        out.push_str("            ),\n");
    }
    out.push_str("        ],\n    ),\n");
    if project.entities.is_empty() {
        out.push_str("    entities: [],\n");
    } else {
        out.push_str("    entities: [\n");
        for entity in &project.entities {
            line(&mut out, 8, &entity_line(entity));
        }
        out.push_str("    ],\n");
    }
    out.push_str("    documents: [\n");
    for doc in &project.documents {
        write_document(&mut out, doc, sink)?;
    }
    out.push_str("    ],\n");
    if let Some(extractor) = &project.extractor {
        let file = ExtractorFile {
            command: extractor.command.clone(),
            timeout_seconds: extractor.timeout_seconds,
        };
        let _ = writeln!(out, "    extractor: Some({}),", compact(&file));
    }
    super::conflicts::write_conflicts(&mut out, project);
    if !project.explanations.is_empty() {
        out.push_str("    explanations: [\n");
        for (problem, note) in &project.explanations {
            let file = ExplanationFile {
                problem: problem.clone(),
                note: note.clone(),
            };
            line(&mut out, 8, &compact(&file));
        }
        out.push_str("    ],\n");
    }
    out.push_str(")\n");
    sink(&out)
}

fn estimated_size(project: &Project) -> usize {
    project
        .documents
        .iter()
        .map(|doc| doc.text.as_str().len() + 80 * (doc.spans().len() + doc.claims().len()))
        .sum::<usize>()
        + 8192
}

/// Hands `out` to the sink once it holds a megabyte.
fn spill(
    out: &mut String,
    sink: &mut dyn FnMut(&str) -> std::io::Result<()>,
) -> std::io::Result<()> {
    if out.len() >= 1 << 20 {
        sink(out)?;
        out.clear();
    }
    Ok(())
}

fn write_document(
    out: &mut String,
    doc: &Document,
    sink: &mut dyn FnMut(&str) -> std::io::Result<()>,
) -> std::io::Result<()> {
    out.push_str("        (\n");
    let field = |out: &mut String, name: &str, value: &str| {
        let _ = writeln!(out, "            {name}: {value},");
    };
    field(out, "id", &ron_string(doc.id.as_str()));
    field(out, "title", &ron_string(&doc.title));
    field(out, "source", &ron_string(&doc.source));
    let published = doc.published.map_or_else(
        || "None".to_owned(),
        |date| format!("Some({})", ron_string(&format_day(date))),
    );
    field(out, "published", &published);
    field(out, "status", status_name(doc.status));
    if !doc.note.is_empty() {
        field(out, "note", &ron_string(&doc.note));
    }
    field(out, "text_sha256", &ron_string(&doc.text.sha256_hex()));
    out.push_str("            text: [\n");
    for text_line in doc.text.as_str().split_inclusive('\n') {
        line(out, 16, &ron_string(text_line));
        spill(out, sink)?;
    }
    out.push_str("            ],\n");
    if doc.spans().is_empty() {
        out.push_str("            spans: [],\n");
    } else {
        out.push_str("            spans: [\n");
        for span in doc.spans() {
            line(out, 16, &span_line(span));
            spill(out, sink)?;
        }
        out.push_str("            ],\n");
    }
    if doc.claims().is_empty() {
        out.push_str("            claims: [],\n");
    } else {
        out.push_str("            claims: [\n");
        for claim in doc.claims() {
            line(out, 16, &claim_line(claim));
            spill(out, sink)?;
        }
        out.push_str("            ],\n");
    }
    out.push_str("        ),\n");
    spill(out, sink)
}

fn line(out: &mut String, indent: usize, item: &str) {
    out.extend(std::iter::repeat_n(' ', indent));
    out.push_str(item);
    out.push_str(",\n");
}

pub(super) fn ron_string(value: &str) -> String {
    ron::to_string(value).unwrap_or_else(|_| format!("{value:?}"))
}

pub(super) fn compact<T: Serialize>(value: &T) -> String {
    let config = ron::ser::PrettyConfig::new()
        .compact_structs(true)
        .compact_arrays(true)
        .escape_strings(true);
    ron::ser::to_string_pretty(value, config).unwrap_or_default()
}

/// A span on one line. Written by hand: this is the hot path of saving
/// (100,000 spans), and the layout must never change by accident.
pub(super) fn span_line(span: &Span) -> String {
    let mut line = format!(
        "(id: {}, start: {}, end: {}, label: {}, note: {}",
        span.id.0,
        span.range.start(),
        span.range.end(),
        ron_string(span.label.as_str()),
        ron_string(&span.note)
    );
    // Fields at their default are left out: most spans are made by hand.
    if span.status != ReviewStatus::Accepted {
        let _ = write!(line, ", status: {}", review_name(span.status));
    }
    if let Some(origin) = &span.origin {
        let origin = OriginFile {
            agent: agent_file(&origin.agent),
            confidence: origin.confidence.map(Confidence::get),
        };
        let _ = write!(line, ", origin: Some({})", compact(&origin));
    }
    if let Some(value) = &span.value {
        let value = SpanValueFile {
            value: value.value.clone(),
            source: match value.source {
                ValueSource::Hand => ValueSourceFile::Hand,
                ValueSource::Normalizer => ValueSourceFile::Normalizer,
                ValueSource::Imported => ValueSourceFile::Imported,
            },
        };
        let _ = write!(line, ", value: Some({})", compact(&value));
    }
    if let Some(entity) = span.entity {
        let _ = write!(line, ", entity: Some({})", entity.0);
    }
    line.push(')');
    line
}

pub(super) fn claim_line(claim: &Claim) -> String {
    let mut args = String::new();
    for (i, argument) in claim.arguments.iter().enumerate() {
        if i > 0 {
            args.push_str(", ");
        }
        let _ = write!(
            args,
            "(role: {}, span: {})",
            ron_string(argument.role.as_str()),
            argument.span.0
        );
    }
    let mut line = format!(
        "(id: {}, claim_type: {}, args: [{args}], note: {}",
        claim.id.0,
        ron_string(claim.claim_type.as_str()),
        ron_string(&claim.note)
    );
    if claim.status != ReviewStatus::Accepted {
        let _ = write!(line, ", status: {}", review_name(claim.status));
    }
    if let Some(provenance) = &claim.provenance {
        let provenance = ProvenanceFile {
            creator: agent_file(&provenance.creator),
            created: provenance.created.as_str().to_owned(),
            reviewer: provenance.reviewer.as_ref().map(agent_file),
            reviewed: provenance.reviewed.as_ref().map(|t| t.as_str().to_owned()),
            bulk_review: provenance.bulk_review,
        };
        let _ = write!(line, ", provenance: Some({})", compact(&provenance));
    }
    if let Some(confidence) = claim.confidence {
        let _ = write!(line, ", confidence: Some({})", compact(&confidence.get()));
    }
    if !claim.implicit.is_empty() {
        let implicit: Vec<ImplicitFile> = claim
            .implicit
            .iter()
            .map(|a| ImplicitFile {
                role: a.role.as_str().to_owned(),
                value: a.value.clone(),
            })
            .collect();
        let _ = write!(line, ", implicit: {}", compact(&implicit));
    }
    if !claim.orphans.is_empty() {
        let orphans: Vec<OrphanFile> = claim
            .orphans
            .iter()
            .map(|o| OrphanFile {
                role: o.role.as_str().to_owned(),
                exact: o.exact.clone(),
                start: o.start,
                end: o.end,
                prefix: o.prefix.clone(),
                suffix: o.suffix.clone(),
                value: o.value.clone(),
                reason: o.reason.clone(),
            })
            .collect();
        let _ = write!(line, ", orphans: {}", compact(&orphans));
    }
    if let Some(external) = &claim.external {
        let external = ExternalFile {
            id: external.id.clone(),
            original: external.original.clone(),
            run: external.run,
            resembles: external.resembles.map(|id| id.0),
            absent_from: external.absent_from,
        };
        let _ = write!(line, ", external: Some({})", compact(&external));
    }
    line.push(')');
    line
}

pub(super) fn entity_line(entity: &Entity) -> String {
    compact(&EntityFile {
        id: entity.id.0,
        kind: value_kind_file(entity.kind),
        name: entity.name.clone(),
        aliases: entity.aliases.clone(),
    })
}

pub(super) fn label_file(label: &LabelDef) -> String {
    compact(&LabelFile {
        name: label.name.as_str().to_owned(),
        color: label.color.to_hex(),
        key: label.key,
        value_kind: value_kind_file(label.value_kind),
    })
}

fn role_file(role: &RoleDef) -> RoleFile {
    RoleFile {
        name: role.name.as_str().to_owned(),
        required: role.required,
        multiple: role.multiple,
        labels: role.labels.iter().map(|l| l.as_str().to_owned()).collect(),
        part_of: role.part_of.as_ref().map(|whole| whole.as_str().to_owned()),
    }
}

fn key_roles_file(claim_type: &ClaimTypeDef) -> Vec<String> {
    claim_type
        .key_roles
        .iter()
        .map(|role| role.as_str().to_owned())
        .collect()
}

/// A claim type as the file writes it (the conflict records use it too).
pub(super) fn claim_type_file(claim_type: &ClaimTypeDef) -> ClaimTypeFile {
    ClaimTypeFile {
        name: claim_type.name.as_str().to_owned(),
        roles: claim_type.roles.iter().map(role_file).collect(),
        key_roles: Some(key_roles_file(claim_type)),
    }
}
