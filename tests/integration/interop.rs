//! `claimmark import` of other tools' files, from the command line: brat
//! pairs and folders, Label Studio's JSON, doccano and Prodigy JSON Lines;
//! the report, mapping, `--add-to-schema`, `--offsets`, and bad input.

use claimmark_core::model::{Project, ReviewStatus, Schema};
use claimmark_core::storage;

use super::cli::claimmark;
use super::fixtures::scratch;

/// Our own article: an emoji and a CRLF before the spans.
const TEXT: &str = "Minsk 🙂 report\r\nLukashenko freed 31 prisoners on Thursday.";

fn cp(needle: &str) -> (usize, usize) {
    let byte = TEXT.find(needle).unwrap();
    let start = TEXT[..byte].chars().count();
    (start, start + needle.chars().count())
}

fn utf16(needle: &str) -> (usize, usize) {
    let byte = TEXT.find(needle).unwrap();
    let start = TEXT[..byte].encode_utf16().count();
    (start, start + needle.encode_utf16().count())
}

fn empty_project(dir: &std::path::Path) -> std::path::PathBuf {
    let path = dir.join("p.ron");
    storage::save_project(&path, &Project::new(Schema::default_news())).unwrap();
    path
}

fn brat_pair(dir: &std::path::Path, name: &str) -> std::path::PathBuf {
    std::fs::write(dir.join(format!("{name}.txt")), TEXT).unwrap();
    let line = |id: &str, label: &str, needle: &str| {
        let (s, e) = cp(needle);
        format!("{id}\t{label} {s} {e}\t{needle}")
    };
    let ann = [
        line("T1", "Person", "Lukashenko"),
        line("T2", "event", "freed"),
        line("T3", "count", "31"),
        "E1\trelease:T2 Actor:T1 Count:T3".to_owned(),
    ]
    .join("\n");
    let path = dir.join(format!("{name}.ann"));
    std::fs::write(&path, ann).unwrap();
    path
}

#[test]
fn a_brat_pair_imports_with_a_mapping_in_one_save() {
    let dir = scratch();
    let project = empty_project(dir.path());
    let ann = brat_pair(dir.path(), "minsk");
    let out = claimmark(&[&"import", &project, &ann, &"--map", &"Person=person"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains("imported brat (schema unchanged): 1 document(s) added, 0 matched; 3 span(s) (count 1, event 1, person 1); 1 claim(s); 0 not imported"),
        "{stdout}"
    );
    let saved = storage::load_project(&project).unwrap();
    let doc = &saved.documents[0];
    let texts: Vec<&str> = doc.spans().iter().map(|s| doc.span_text(s)).collect();
    assert_eq!(texts, ["Lukashenko", "freed", "31"]);
    assert_eq!(doc.claims()[0].claim_type.as_str(), "release");
    // Again: the text is matched, not added twice; the spans are the same.
    let again = claimmark(&[
        &"import",
        &project,
        &dir.path(),
        &"--map",
        &"Person=person",
        &"--json",
    ]);
    let report: serde_json::Value = serde_json::from_slice(&again.stdout).unwrap();
    assert_eq!(report["documents_matched"], serde_json::json!(["minsk"]));
    assert_eq!(report["spans"], 0, "{report}");
}

#[test]
fn unknown_labels_are_reported_with_their_lines_and_exit_1() {
    let dir = scratch();
    let project = empty_project(dir.path());
    let ann = brat_pair(dir.path(), "minsk");
    let official = std::fs::read_to_string(&ann)
        .unwrap()
        .replace("Person", "Official");
    std::fs::write(&ann, official).unwrap();
    let out = claimmark(&[&"import", &project, &ann]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("the schema has no label “Official”, used at ")
            && stderr.contains("minsk.ann:1"),
        "{stderr}"
    );
    // The rest is imported: the event and the count.
    let saved = storage::load_project(&project).unwrap();
    assert_eq!(saved.documents[0].spans().len(), 2);
    // --add-to-schema adds it instead.
    let dir = scratch();
    let project = empty_project(dir.path());
    let ann = brat_pair(dir.path(), "minsk");
    let official = std::fs::read_to_string(&ann)
        .unwrap()
        .replace("Person", "Official");
    std::fs::write(&ann, official).unwrap();
    let out = claimmark(&[&"import", &project, &ann, &"--add-to-schema"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let saved = storage::load_project(&project).unwrap();
    assert!(
        saved
            .schema
            .labels
            .iter()
            .any(|l| l.name.as_str() == "official")
    );
}

#[test]
fn label_studio_counts_utf16_and_a_wrong_unit_is_refused_not_guessed() {
    let dir = scratch();
    let project = empty_project(dir.path());
    let result = |id: &str, needle: &str, label: &str| {
        let (s, e) = utf16(needle);
        serde_json::json!({"id": id, "type": "labels", "from_name": "label", "to_name": "text",
            "value": {"start": s, "end": e, "text": needle, "labels": [label]}})
    };
    let export = serde_json::json!([{"id": 1, "data": {"text": TEXT}, "annotations": [{"result": [
        result("a", "Lukashenko", "person"), result("b", "Thursday", "date")]}]}]);
    let file = dir.path().join("export.json");
    std::fs::write(&file, export.to_string()).unwrap();
    let wrong = claimmark(&[&"import", &project, &file, &"--offsets", &"codepoints"]);
    assert_eq!(wrong.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&wrong.stderr);
    assert!(
        stderr.contains("it says it covers “Lukashenko” but the text there is"),
        "{stderr}"
    );
    let right = claimmark(&[&"import", &project, &file]);
    assert!(
        right.status.success(),
        "{}",
        String::from_utf8_lossy(&right.stderr)
    );
    let saved = storage::load_project(&project).unwrap();
    let doc = &saved.documents[0];
    let texts: Vec<&str> = doc.spans().iter().map(|s| doc.span_text(s)).collect();
    assert_eq!(texts, ["Lukashenko", "Thursday"]);
}

#[test]
fn bad_input_is_reported_by_line_and_the_rest_imported() {
    let dir = scratch();
    let project = empty_project(dir.path());
    let text = serde_json::to_string(TEXT).unwrap();
    let (s, e) = cp("Lukashenko");
    let file = dir.path().join("p.jsonl");
    std::fs::write(
        &file,
        format!("{{\"text\": {text}, \"spans\": [{{\"start\": {s}, \"end\": {e}, \"label\": \"person\"}}, {{\"start\": 900, \"end\": 905, \"label\": \"person\"}}], \"answer\": \"accept\"}}\n{{\"text\": \"trunc"),
    )
    .unwrap();
    let out = claimmark(&[&"import", &project, &file, &"--format", &"prodigy"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("p.jsonl:2: not valid JSON"), "{stderr}");
    assert!(
        stderr.contains("p.jsonl:1: spans[1]: start: offset 900 is past the text's end"),
        "{stderr}"
    );
    let saved = storage::load_project(&project).unwrap();
    assert_eq!(saved.documents[0].spans().len(), 1);
    // An .ann without its .txt, and a format it cannot tell.
    let lone = dir.path().join("lone.ann");
    std::fs::write(&lone, "T1\tperson 0 3\tabc").unwrap();
    let out = claimmark(&[&"import", &project, &lone]);
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("its text"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let notes = dir.path().join("notes.md");
    std::fs::write(&notes, "# notes").unwrap();
    let before = std::fs::read(&project).unwrap();
    let out = claimmark(&[&"import", &project, &notes, &lone]);
    assert!(!out.status.success());
    assert_eq!(std::fs::read(&project).unwrap(), before, "nothing written");
}

/// A document's text, (label, text) of every span, and (type, roles with
/// their texts) of every claim.
type Content = (
    String,
    Vec<(String, String)>,
    Vec<(String, Vec<(String, String)>)>,
);

fn content(project: &Project) -> Vec<Content> {
    content_where(project, |_, _| true, |_| true)
}

/// `content` of the spans and claims that pass; documents left with
/// neither are left out.
fn content_where(
    project: &Project,
    keep_span: impl Fn(&claimmark_core::model::Document, &claimmark_core::model::Span) -> bool,
    keep_claim: impl Fn(&claimmark_core::model::Claim) -> bool,
) -> Vec<Content> {
    let mut all: Vec<Content> = project
        .documents
        .iter()
        .map(|doc| {
            let mut spans: Vec<(String, String)> = doc
                .spans()
                .iter()
                .filter(|s| keep_span(doc, s))
                .map(|s| (s.label.to_string(), doc.span_text(s).to_owned()))
                .collect();
            spans.sort();
            let mut claims: Vec<(String, Vec<(String, String)>)> = doc
                .claims()
                .iter()
                .filter(|c| keep_claim(c))
                .map(|c| {
                    let mut roles: Vec<(String, String)> = c
                        .arguments
                        .iter()
                        .map(|a| {
                            (
                                a.role.to_string(),
                                doc.span_text(doc.span(a.span).unwrap()).to_owned(),
                            )
                        })
                        .collect();
                    roles.sort();
                    (c.claim_type.to_string(), roles)
                })
                .collect();
            claims.sort();
            (doc.text.as_str().to_owned(), spans, claims)
        })
        .filter(|(_, spans, claims)| !spans.is_empty() || !claims.is_empty())
        .collect();
    all.sort();
    all
}

/// A dataset exported in `format` and imported from `file` in it gives back
/// the reviewed spans and the claims with a trigger (and the text, but for
/// the white space between sentences where the format drops it).
fn round_trip(format: &str, file: &str) {
    let spacing_dropped = format == "inception-tsv";
    let spaced = |mut all: Vec<Content>| {
        if spacing_dropped {
            for (text, _, _) in &mut all {
                *text = text.split_whitespace().collect::<Vec<_>>().join(" ");
            }
        }
        all
    };
    let dir = scratch();
    let sample = dir.path().join("sample.ron");
    storage::save_project(&sample, &super::fixtures::sample_project()).unwrap();
    let out = dir.path().join(format);
    let exported = claimmark(&[&"dataset", &sample, &"-o", &out, &"--format", &format]);
    assert!(
        exported.status.success(),
        "{}",
        String::from_utf8_lossy(&exported.stderr)
    );
    let original = storage::load_project(&sample).unwrap();
    let fresh = dir.path().join("fresh.ron");
    storage::save_project(&fresh, &Project::new(original.schema.clone())).unwrap();
    let imported = claimmark(&[&"import", &fresh, &out.join(file)]);
    assert!(
        imported.status.success(),
        "{}\n{}",
        String::from_utf8_lossy(&imported.stdout),
        String::from_utf8_lossy(&imported.stderr)
    );
    let back = storage::load_project(&fresh).unwrap();
    // The dataset carries what was reviewed (accepted or corrected claims,
    // their spans, and the accepted or corrected spans): compare with that.
    let kept =
        |status: ReviewStatus| matches!(status, ReviewStatus::Accepted | ReviewStatus::Corrected);
    // Events and relations start at a trigger: claims without one are not
    // carried (the dataset's manifest lists them).
    let carried = |c: &claimmark_core::model::Claim| {
        kept(c.status) && c.arguments.iter().any(|a| a.role.as_str() == "trigger")
    };
    let used: Vec<(String, claimmark_core::model::SpanId)> = original
        .documents
        .iter()
        .flat_map(|doc| {
            doc.claims()
                .iter()
                .filter(|c| carried(c))
                .flat_map(|c| c.arguments.iter().map(|a| (doc.id.to_string(), a.span)))
        })
        .collect();
    let reviewed = content_where(
        &original,
        |doc, s| kept(s.status) || used.contains(&(doc.id.to_string(), s.id)),
        carried,
    );
    assert!(!reviewed.is_empty());
    assert_eq!(spaced(content(&back)), spaced(reviewed));
}

#[test]
fn a_brat_dataset_imports_back_to_the_same_spans_and_claims() {
    round_trip("brat", "");
}

#[test]
fn label_studio_doccano_and_prodigy_datasets_import_back_the_same() {
    round_trip("label-studio", "label-studio.json");
    round_trip("doccano", "doccano.jsonl");
    round_trip("prodigy", "prodigy.jsonl");
}

#[test]
fn an_inception_tsv_dataset_imports_back_the_same_and_matches_its_documents() {
    round_trip("inception-tsv", "");
    // Back into the project it came from: each file finds its document
    // though the file lost the white space between sentences, and adds
    // nothing the project has.
    let dir = scratch();
    let sample = dir.path().join("sample.ron");
    let project = super::fixtures::sample_project();
    storage::save_project(&sample, &project).unwrap();
    let out = dir.path().join("tsv");
    let exported = claimmark(&[
        &"dataset",
        &sample,
        &"-o",
        &out,
        &"--format",
        &"inception-tsv",
    ]);
    assert!(exported.status.success());
    let files: Vec<std::path::PathBuf> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "tsv"))
        .collect();
    assert!(!files.is_empty());
    let mut args: Vec<&dyn AsRef<std::ffi::OsStr>> = vec![&"import", &sample];
    args.extend(files.iter().map(|f| f as &dyn AsRef<std::ffi::OsStr>));
    args.push(&"--json");
    let imported = claimmark(&args);
    let report: serde_json::Value = serde_json::from_slice(&imported.stdout).unwrap();
    assert_eq!(report["documents_added"], serde_json::json!([]), "{report}");
    assert_eq!(
        report["documents_matched"].as_array().unwrap().len(),
        files.len()
    );
    assert_eq!(report["spans"], 0, "{report}");
    assert_eq!(report["claims"], 0, "{report}");
}

#[test]
fn an_emoji_before_the_spans_survives_a_label_studio_round_trip() {
    let dir = scratch();
    let mut project = Project::new(Schema::default_news());
    project.documents.push(
        claimmark_core::model::notation::document(
            "emoji",
            "Minsk 🙂 𝒜 report\n[person|Lukashenko] [event|freed] [count|31] prisoners.",
        )
        .unwrap(),
    );
    let path = dir.path().join("e.ron");
    storage::save_project(&path, &project).unwrap();
    let out = dir.path().join("ls");
    let exported = claimmark(&[&"dataset", &path, &"-o", &out, &"--format", &"label-studio"]);
    assert!(
        exported.status.success(),
        "{}",
        String::from_utf8_lossy(&exported.stderr)
    );
    let fresh = dir.path().join("fresh.ron");
    storage::save_project(&fresh, &Project::new(Schema::default_news())).unwrap();
    let imported = claimmark(&[&"import", &fresh, &out.join("label-studio.json")]);
    assert!(
        imported.status.success(),
        "{}",
        String::from_utf8_lossy(&imported.stderr)
    );
    let back = storage::load_project(&fresh).unwrap();
    let doc = &back.documents[0];
    let texts: Vec<&str> = doc.spans().iter().map(|s| doc.span_text(s)).collect();
    assert_eq!(texts, ["Lukashenko", "freed", "31"]);
}

#[test]
fn a_webanno_tsv_export_is_detected_and_imported() {
    let dir = scratch();
    let project = empty_project(dir.path());
    let sentence = "Lukashenko freed 31 prisoners 🙂 .";
    let mut lines = vec![
        "#FORMAT=WebAnno TSV 3.3".to_owned(),
        "#T_SP=webanno.custom.Claimmark|value".to_owned(),
        String::new(),
        String::new(),
        format!("#Text={sentence}"),
    ];
    let mut at = 0;
    for (n, token) in sentence.split(' ').enumerate() {
        let units = token.encode_utf16().count();
        let label = match token {
            "Lukashenko" => "person",
            "freed" => "event",
            "31" => "count",
            _ => "_",
        };
        lines.push(format!(
            "1-{}\t{at}-{}\t{token}\t{label}\t",
            n + 1,
            at + units
        ));
        at += units + 1;
    }
    let file = dir.path().join("inception.tsv");
    std::fs::write(&file, lines.join("\n") + "\n").unwrap();
    let out = claimmark(&[&"import", &project, &file]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("imported inception-tsv"));
    let saved = storage::load_project(&project).unwrap();
    let doc = &saved.documents[0];
    assert_eq!(doc.text.as_str(), sentence);
    let texts: Vec<&str> = doc.spans().iter().map(|s| doc.span_text(s)).collect();
    assert_eq!(texts, ["Lukashenko", "freed", "31"]);
}

#[test]
fn a_brat_annotation_conf_above_the_files_makes_a_lone_trigger_a_claim() {
    let dir = scratch();
    let project = empty_project(dir.path());
    let data = dir.path().join("corpus").join("week1");
    std::fs::create_dir_all(&data).unwrap();
    std::fs::write(data.join("a.txt"), TEXT).unwrap();
    let (s, e) = cp("freed");
    let (ps, pe) = cp("Lukashenko");
    std::fs::write(
        data.join("a.ann"),
        format!("T1\tRelease {s} {e}\tfreed\nT2\tPerson {ps} {pe}\tLukashenko\n"),
    )
    .unwrap();
    // Without a conf, "Release" is an unknown label.
    let out = claimmark(&[
        &"import",
        &project,
        &data,
        &"--out",
        &dir.path().join("x.ron"),
    ]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no label “Release”"));
    // brat's conf one folder up says it is an event type.
    std::fs::write(
        dir.path().join("corpus").join("annotation.conf"),
        "[entities]\nPerson\n[relations]\n[events]\nRelease\tReleased_person?:Person\n[attributes]\n",
    )
    .unwrap();
    let out = claimmark(&[&"import", &project, &data]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let saved = storage::load_project(&project).unwrap();
    let doc = &saved.documents[0];
    let claim = &doc.claims()[0];
    assert_eq!(claim.claim_type.as_str(), "release");
    let trigger = doc.span(claim.arguments[0].span).unwrap();
    assert_eq!(
        (doc.span_text(trigger), trigger.label.as_str()),
        ("freed", "event")
    );
}

#[test]
fn a_mapping_file_maps_names_and_a_bad_line_is_said_with_its_place() {
    let dir = scratch();
    let project = empty_project(dir.path());
    std::fs::write(dir.path().join("m.txt"), TEXT).unwrap();
    let (s, e) = cp("Lukashenko");
    std::fs::write(
        dir.path().join("m.ann"),
        format!("T1\tOfficial {s} {e}\tLukashenko\n"),
    )
    .unwrap();
    let mapping = dir.path().join("mapping.txt");
    std::fs::write(&mapping, "# brat names → ours\nOfficial = person\n").unwrap();
    let ann = dir.path().join("m.ann");
    let out = claimmark(&[&"import", &project, &ann, &"--map-file", &mapping]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let saved = storage::load_project(&project).unwrap();
    assert_eq!(saved.documents[0].spans()[0].label.as_str(), "person");
    std::fs::write(&mapping, "Official=person\nLOC\n").unwrap();
    let out = claimmark(&[&"import", &project, &ann, &"--map-file", &mapping]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("mapping.txt:2: “LOC” is not SOURCE=TARGET"),
        "{stderr}"
    );
}

#[test]
fn label_studio_task_choices_join_the_matched_documents_note() {
    let dir = scratch();
    let project = dir.path().join("p.ron");
    let mut start = Project::new(Schema::default_news());
    start
        .documents
        .push(claimmark_core::model::notation::document("minsk", TEXT).unwrap());
    storage::save_project(&project, &start).unwrap();
    let tasks = serde_json::json!([{"data": {"text": TEXT}, "annotations": [{"result": [
        {"type": "choices", "from_name": "relevance", "to_name": "text", "value": {"choices": ["high"]}},
        {"type": "textarea", "from_name": "summary", "to_name": "text", "value": {"text": ["a pardon"]}}
    ]}]}]);
    let file = dir.path().join("ls.json");
    std::fs::write(&file, tasks.to_string()).unwrap();
    let out = claimmark(&[&"import", &project, &file, &"--json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["document_notes"], 1, "{report}");
    let saved = storage::load_project(&project).unwrap();
    assert_eq!(saved.documents.len(), 1, "matched, not added");
    assert_eq!(
        saved.documents[0].note,
        "relevance: high; summary: a pardon"
    );
}
