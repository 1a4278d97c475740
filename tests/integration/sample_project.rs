//! The sample project in `projects/` is generated from the fixtures; this
//! test keeps it in step. `UPDATE_SAMPLE=1 cargo test sample` rewrites it.

use std::collections::BTreeSet;
use std::path::PathBuf;

use claimmark_core::storage::{self, project_file};

use super::fixtures::sample_project;

fn sample_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("projects/sample.ron")
}

#[test]
fn sample_project_is_up_to_date() {
    let expected = project_file::to_ron(&sample_project());
    if std::env::var_os("UPDATE_SAMPLE").is_some() {
        std::fs::write(sample_path(), &expected).unwrap();
    }
    let on_disk = std::fs::read_to_string(sample_path()).expect("projects/sample.ron exists");
    assert!(
        on_disk == expected,
        "projects/sample.ron is stale: run UPDATE_SAMPLE=1 cargo test sample"
    );
}

#[test]
fn sample_project_uses_every_label_and_claim_type() {
    let project = storage::load_project(&sample_path()).unwrap();
    assert!(project.problems().is_empty());
    let labels: BTreeSet<&str> = project
        .documents
        .iter()
        .flat_map(claimmark_core::model::Document::spans)
        .map(|s| s.label.as_str())
        .collect();
    let all_labels: BTreeSet<&str> = project
        .schema
        .labels
        .iter()
        .map(|l| l.name.as_str())
        .collect();
    assert_eq!(labels, all_labels);
    let types: BTreeSet<&str> = project
        .documents
        .iter()
        .flat_map(claimmark_core::model::Document::claims)
        .map(|c| c.claim_type.as_str())
        .collect();
    let all_types: BTreeSet<&str> = project
        .schema
        .claim_types
        .iter()
        .map(|t| t.name.as_str())
        .collect();
    assert_eq!(types, all_types);
    // Every claim has its required roles.
    for doc in &project.documents {
        for claim in doc.claims() {
            let ty = project.schema.claim_type(&claim.claim_type).unwrap();
            for role in ty.roles.iter().filter(|r| r.required) {
                assert!(
                    claim.arguments.iter().any(|a| a.role == role.name),
                    "{} {} lacks {}",
                    doc.id,
                    claim.id,
                    role.name
                );
            }
        }
    }
}
