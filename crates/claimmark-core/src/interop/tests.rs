use super::*;
use crate::edit::Edit;
use crate::model::{Project, Schema};

/// Our own text: an emoji (two UTF-16 units), an astral-plane letter, a
/// combining accent and a CRLF before the spans.
const TEXT: &str = "Minsk 🙂 𝒜les Bialiats\u{301}ki\r\nLukashenko freed 31 prisoners on Thursday.";

pub(super) fn project() -> Project {
    Project::new(Schema::default_news())
}

/// Offsets of `needle` in TEXT in `unit`.
fn at(needle: &str, unit: OffsetUnit) -> (usize, usize) {
    let byte = TEXT.find(needle).expect("needle");
    let count = |s: &str| match unit {
        OffsetUnit::CodePoints => s.chars().count(),
        OffsetUnit::Utf16 => s.encode_utf16().count(),
        OffsetUnit::Bytes => s.len(),
    };
    let start = count(&TEXT[..byte]);
    (start, start + count(needle))
}

/// (text, label) of each of the document's spans.
pub(super) fn labelled(doc: &crate::model::Document) -> Vec<(&str, &str)> {
    doc.spans()
        .iter()
        .map(|s| (doc.span_text(s), s.label.as_str()))
        .collect()
}

pub(super) fn applied(prepared: &Prepared) -> Project {
    let mut project = project();
    prepared
        .edit
        .clone()
        .apply(&mut project)
        .expect("the import applies");
    project
}

fn spans(project: &Project) -> Vec<(String, String)> {
    let doc = &project.documents[0];
    doc.spans()
        .iter()
        .map(|s| (doc.span_text(s).to_owned(), s.label.to_string()))
        .collect()
}

fn expected() -> Vec<(String, String)> {
    [
        ("Bialiats\u{301}ki", "person"),
        ("Lukashenko", "person"),
        ("freed", "event"),
        ("31", "count"),
        ("Thursday", "date"),
    ]
    .iter()
    .map(|(t, l)| ((*t).to_owned(), (*l).to_owned()))
    .collect()
}

fn brat_ann() -> String {
    let cp = OffsetUnit::CodePoints;
    let mut lines = Vec::new();
    for (n, (needle, label)) in [
        ("Bialiats\u{301}ki", "Person"),
        ("Lukashenko", "Person"),
        ("freed", "event"),
        ("31", "count"),
        ("Thursday", "date"),
    ]
    .iter()
    .enumerate()
    {
        let (s, e) = at(needle, cp);
        lines.push(format!("T{}\t{label} {s} {e}\t{needle}", n + 1));
    }
    lines.push("E1\trelease:T3 Actor:T2 Count:T4 Date:T5".into());
    lines.push("#1\tAnnotatorNotes T2\tthe president".into());
    lines.push("A1\tNegation E1".into());
    lines.push("N1\tReference T1 Wikidata:Q1\tAles Bialiatski".into());
    lines.join("\n")
}

#[test]
fn brat_counts_code_points_of_the_crlf_text_and_events_become_claims() {
    let (doc, refused) = brat::read("note", TEXT.to_owned(), &brat_ann(), "note.ann");
    assert!(refused.is_empty(), "{refused:?}");
    let options = Options {
        map: [("Person".to_owned(), "person".to_owned())].into(),
        ..Options::default()
    };
    let prepared = prepare(&project(), vec![doc], &[], "brat", &options);
    assert!(
        prepared.report.refused.is_empty(),
        "{:?}",
        prepared.report.refused
    );
    let project = applied(&prepared);
    assert_eq!(spans(&project), expected());
    let doc = &project.documents[0];
    assert!(!doc.text.as_str().contains('\r'), "the text is canonical");
    let claim = &doc.claims()[0];
    assert_eq!(claim.claim_type.as_str(), "release");
    let roles: Vec<&str> = claim.arguments.iter().map(|a| a.role.as_str()).collect();
    assert_eq!(roles, ["trigger", "actor", "count", "date"]);
    let notes: Vec<&str> = doc.spans().iter().map(|s| s.note.as_str()).collect();
    assert_eq!(notes[0], "Wikidata:Q1 (Ales Bialiatski)");
    assert_eq!(notes[1], "the president");
    assert_eq!(
        notes[2], "Negation",
        "an event's attribute goes on its trigger"
    );
    assert_eq!(prepared.report.spans, 5);
    assert_eq!(prepared.report.claims, 1);
}

#[test]
fn a_covered_text_that_disagrees_is_reported_with_both_texts() {
    let ann = "T1\tperson 0 5\tMinsq\nT2\tdate 999 1003\tlate\nT3 too few fields\nX1\tnothing\nT1\tdate 0 5\tMinsk";
    let (doc, refused) = brat::read("note", TEXT.to_owned(), ann, "note.ann");
    assert_eq!(refused.len(), 3, "{refused:?}");
    assert_eq!(
        refused[2].to_string(),
        "note.ann:5: T1 is defined twice; the first is kept"
    );
    assert!(
        refused[0].to_string().starts_with("note.ann:3: "),
        "{}",
        refused[0]
    );
    let prepared = prepare(&project(), vec![doc], &refused, "brat", &Options::default());
    let report = prepared.report.refused.join("\n");
    assert!(
        report.contains("note.ann:1: it says it covers “Minsq” but the text there is “Minsk”"),
        "{report}"
    );
    assert!(
        report.contains("note.ann:2: start: offset 999 is past the text's end"),
        "{report}"
    );
    assert_eq!(prepared.report.spans, 0);
}

#[test]
fn unknown_labels_are_listed_with_their_lines_or_added_when_asked() {
    let ann = "T1\tPrisonCamp 0 5\tMinsk";
    let (doc, _) = brat::read("note", TEXT.to_owned(), ann, "note.ann");
    let refused = prepare(
        &project(),
        vec![doc.clone()],
        &[],
        "brat",
        &Options::default(),
    );
    assert_eq!(refused.report.unknown[0].name, "PrisonCamp");
    assert_eq!(refused.report.unknown[0].used_at, ["note.ann:1"]);
    let added = prepare(
        &project(),
        vec![doc],
        &[],
        "brat",
        &Options {
            add_to_schema: true,
            ..Options::default()
        },
    );
    assert_eq!(added.report.schema_added, ["label prison_camp"]);
    assert_eq!(
        spans(&applied(&added)),
        [("Minsk".to_owned(), "prison_camp".to_owned())]
    );
}

#[test]
fn label_studio_counts_utf16_and_predictions_are_proposals_with_their_score() {
    let u16 = OffsetUnit::Utf16;
    let result = |id: &str, needle: &str, label: &str| {
        let (s, e) = at(needle, u16);
        serde_json::json!({"id": id, "from_name": "label", "to_name": "text", "type": "labels",
            "value": {"start": s, "end": e, "text": needle, "labels": [label]}})
    };
    let tasks = serde_json::json!([{
        "id": 7,
        "data": {"text": TEXT},
        "annotations": [{"was_cancelled": false, "result": [
            result("a", "Bialiats\u{301}ki", "person"),
            result("b", "Lukashenko", "person"),
            result("c", "freed", "event"),
            result("d", "31", "count"),
            {"type": "relation", "from_id": "c", "to_id": "b", "direction": "right", "labels": ["actor"]},
            {"type": "relation", "from_id": "c", "to_id": "d", "direction": "right", "labels": ["count"]},
            {"type": "choices", "value": {"choices": ["relevant"]}},
            // A region's own fields: its span's note.
            {"id": "b", "type": "textarea", "from_name": "comment", "to_name": "text",
                "value": {"start": at("Lukashenko", u16).0, "end": at("Lukashenko", u16).1, "text": ["the president"]}},
            {"id": "b", "type": "choices", "from_name": "certainty", "to_name": "text",
                "value": {"start": at("Lukashenko", u16).0, "end": at("Lukashenko", u16).1, "choices": ["sure"]}}
        ]}],
        "predictions": [{"score": 0.42, "model_version": "ner-3", "result": [result("p", "Thursday", "date")]}]
    }]);
    let (docs, refused) = json_tools::label_studio(&tasks.to_string(), "export.json");
    assert!(refused.is_empty(), "{refused:?}");
    let prepared = prepare(
        &project(),
        docs,
        &refused,
        "label-studio",
        &Options::default(),
    );
    let project = applied(&prepared);
    assert_eq!(spans(&project), expected());
    let doc = &project.documents[0];
    assert_eq!(
        doc.spans()[1].note,
        "comment: the president; certainty: sure"
    );
    let thursday = &doc.spans()[4];
    assert_eq!(thursday.status, ReviewStatus::Proposed);
    let origin = thursday.origin.as_ref().expect("a prediction");
    assert_eq!(origin.agent.id, "ner-3");
    assert_eq!(
        origin.confidence.map(crate::model::Confidence::get),
        Some(0.42)
    );
    let claim = &doc.claims()[0];
    assert_eq!(claim.claim_type.as_str(), "release", "implied by “freed”");
    let roles: Vec<&str> = claim.arguments.iter().map(|a| a.role.as_str()).collect();
    assert_eq!(roles, ["trigger", "actor", "count"]);
    // Read as code points instead, the emoji shifts every offset: refused,
    // with both texts, not guessed.
    let (docs, _) = json_tools::label_studio(&tasks.to_string(), "export.json");
    let wrong = prepare(
        &project_default(),
        docs,
        &[],
        "label-studio",
        &Options {
            unit: Some(OffsetUnit::CodePoints),
            ..Options::default()
        },
    );
    assert!(
        wrong
            .report
            .refused
            .iter()
            .any(|r| r.contains("it says it covers “Lukashenko”")),
        "{:?}",
        wrong.report.refused
    );
}

fn project_default() -> Project {
    project()
}

use crate::model::ReviewStatus;

#[test]
fn doccano_both_shapes_and_prodigy_answers() {
    let cp = OffsetUnit::CodePoints;
    let (ls, le) = at("Lukashenko", cp);
    let (fs, fe) = at("freed", cp);
    let (cs, ce) = at("31", cp);
    let text = serde_json::to_string(TEXT).expect("json");
    let doccano = format!(
        "{{\"id\": 1, \"text\": {text}, \"label\": [[{ls}, {le}, \"person\"], \"relevant\"]}}\n\
         {{\"id\": 2, \"text\": {text}, \"entities\": [{{\"id\": 10, \"label\": \"event\", \"start_offset\": {fs}, \"end_offset\": {fe}}}, {{\"id\": 11, \"label\": \"count\", \"start_offset\": {cs}, \"end_offset\": {ce}}}], \"relations\": [{{\"id\": 1, \"from_id\": 10, \"to_id\": 11, \"type\": \"count\"}}]}}\n\
         {{\"id\": 3, \"text\": \n"
    );
    let (docs, refused) = json_tools::doccano(&doccano, "d.jsonl", "d");
    assert_eq!(refused.len(), 1, "the truncated line: {refused:?}");
    assert!(
        refused[0]
            .to_string()
            .starts_with("d.jsonl:3: not valid JSON"),
        "{}",
        refused[0]
    );
    let prepared = prepare(&project(), docs, &[], "doccano", &Options::default());
    assert_eq!(
        prepared.report.documents_added.len(),
        1,
        "the same text twice is one document"
    );
    let project = applied(&prepared);
    assert_eq!(spans(&project).len(), 3);
    assert_eq!(project.documents[0].claims()[0].arguments.len(), 2);
    assert_eq!(
        project.documents[0].note, "categories: relevant",
        "a text classification's category"
    );

    let prodigy = format!(
        "{{\"text\": {text}, \"spans\": [{{\"start\": {ls}, \"end\": {le}, \"label\": \"person\"}}], \"answer\": \"accept\"}}\n\
         {{\"text\": {text}, \"spans\": [{{\"start\": {cs}, \"end\": {ce}, \"label\": \"count\"}}], \"answer\": \"reject\"}}\n\
         {{\"text\": {text}, \"spans\": [], \"answer\": \"ignore\"}}"
    );
    let (docs, refused) = json_tools::prodigy(&prodigy, "p.jsonl", "p");
    assert_eq!(refused.len(), 1, "ignore is skipped and said: {refused:?}");
    let prepared = prepare(
        &project_default(),
        docs,
        &refused,
        "prodigy",
        &Options::default(),
    );
    let project = applied(&prepared);
    let statuses: Vec<ReviewStatus> = project.documents[0]
        .spans()
        .iter()
        .map(|s| s.status)
        .collect();
    assert_eq!(statuses, [ReviewStatus::Accepted, ReviewStatus::Rejected]);
}

#[test]
fn offsets_convert_exactly_or_say_why_not() {
    let map = OffsetMap::new("a🙂b\r\nc", OffsetUnit::Utf16);
    assert_eq!(map.char_offset(0).unwrap().get(), 0);
    assert_eq!(
        map.char_offset(3).unwrap().get(),
        2,
        "after the emoji's two units"
    );
    assert!(matches!(
        map.char_offset(2),
        Err(OffsetError::InsideChar { .. })
    ));
    assert!(matches!(
        map.char_offset(5),
        Err(OffsetError::InsideLineBreak { .. })
    ));
    assert_eq!(
        map.char_offset(6).unwrap().get(),
        4,
        "the CR is gone: c is char 4"
    );
    assert!(matches!(
        map.char_offset(9),
        Err(OffsetError::PastEnd { .. })
    ));
    let bytes = OffsetMap::new("\u{feff}é x", OffsetUnit::Bytes);
    assert_eq!(
        bytes.char_offset(5).unwrap().get(),
        1,
        "BOM (3 bytes) dropped, é is 2"
    );
    assert!(matches!(
        bytes.char_offset(4),
        Err(OffsetError::InsideChar { .. })
    ));
}

#[test]
fn formats_are_told_apart_by_name_and_first_bytes() {
    let dir = tempfile::tempdir().expect("dir");
    let write = |name: &str, text: &str| {
        let path = dir.path().join(name);
        std::fs::write(&path, text).expect("write");
        path
    };
    write("a.txt", "x");
    assert_eq!(detect(&write("a.ann", "")), Some(Format::Brat));
    assert_eq!(detect(&dir.path().join("a.txt")), Some(Format::Brat));
    assert_eq!(
        detect(&write("ls.json", " [{\"data\": {}}]")),
        Some(Format::LabelStudio)
    );
    assert_eq!(
        detect(&write("p.jsonl", "{\"text\": \"x\", \"spans\": []}")),
        Some(Format::Prodigy)
    );
    assert_eq!(
        detect(&write("d.jsonl", "{\"text\": \"x\", \"label\": []}")),
        Some(Format::Doccano)
    );
    assert_eq!(
        detect(&write("w.tsv", "#FORMAT=WebAnno TSV 3.3\n")),
        Some(Format::InceptionTsv)
    );
    assert_eq!(detect(&write("n.md", "# notes")), None);
    assert_eq!(
        detect(&write(
            "c.jsonl",
            "{\"schema\":\"claim/v1\",\"args\":[{\"label\":\"x\"}]}"
        )),
        None,
        "claim/v1 is not doccano"
    );
    assert!(matches!(
        format_of(
            &[dir.path().join("a.ann"), dir.path().join("p.jsonl")],
            None
        ),
        Err(InteropError::Mixed(..))
    ));
    let _ = Edit::Batch(Vec::new());
}

#[test]
fn label_studio_json_min_has_the_regions_at_the_top() {
    let (s, e) = at("Lukashenko", OffsetUnit::Utf16);
    let min = serde_json::json!([{"id": 3, "text": TEXT,
        "label": [{"start": s, "end": e, "text": "Lukashenko", "labels": ["person"]}],
        "annotator": 1}]);
    let (docs, refused) = json_tools::label_studio(&min.to_string(), "min.json");
    assert!(refused.is_empty(), "{refused:?}");
    let prepared = prepare(
        &project(),
        docs,
        &refused,
        "label-studio",
        &Options::default(),
    );
    assert_eq!(
        spans(&applied(&prepared)),
        [("Lukashenko".to_owned(), "person".to_owned())]
    );
}

#[test]
fn events_keep_to_what_the_schema_allows_and_are_not_duplicated() {
    let cp = OffsetUnit::CodePoints;
    let t = |id: &str, label: &str, needle: &str| {
        let (s, e) = at(needle, cp);
        format!("{id}\t{label} {s} {e}\t{needle}")
    };
    let ann = [
        t("T1", "person", "Lukashenko"),
        t("T2", "event", "freed"),
        t("T3", "date", "Thursday"),
        t("T4", "count", "31"),
        // date takes one span: the second is refused, the event kept.
        "E1\trelease:T2 Date:T3 Date2:T4 Victim:T1".to_owned(),
        // Its trigger is not a span: the event is not imported.
        "E2\trelease:T9 Date:T3".to_owned(),
    ]
    .join("\n");
    let (doc, refused) = brat::read("note", TEXT.to_owned(), &ann, "note.ann");
    let options = Options {
        map: [("release.Victim".to_owned(), "released_person".to_owned())].into(),
        ..Options::default()
    };
    let prepared = prepare(&project(), vec![doc.clone()], &refused, "brat", &options);
    let report = prepared.report.refused.join("\n");
    assert!(
        report.contains("role “date” of a release takes one span"),
        "{report}"
    );
    assert!(
        report.contains("note.ann:6: its trigger T9 was not imported"),
        "{report}"
    );
    let project = applied(&prepared);
    let claims = project.documents[0].claims();
    assert_eq!(claims.len(), 1);
    let roles: Vec<&str> = claims[0]
        .arguments
        .iter()
        .map(|a| a.role.as_str())
        .collect();
    assert_eq!(
        roles,
        ["trigger", "date", "released_person"],
        "a role mapped for one type"
    );
    // The same file again: nothing new.
    let again = prepare(&project, vec![doc], &[], "brat", &options);
    assert_eq!(
        (again.report.spans, again.report.claims),
        (0, 0),
        "{:?}",
        again.report.refused
    );
}

#[test]
fn uima_xmi_reads_the_sofa_spans_and_relations_in_utf16() {
    let text = "Minsk 🙂 Lukashenko freed 31 &lt;prisoners&gt;.";
    let plain = text.replace("&lt;", "<").replace("&gt;", ">");
    let units = |needle: &str| {
        let byte = plain.find(needle).expect("needle");
        let start = plain[..byte].encode_utf16().count();
        (start, start + needle.encode_utf16().count())
    };
    let (ls, le) = units("Lukashenko");
    let (fs, fe) = units("freed");
    let (cs, ce) = units("31");
    let xmi = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><xmi:XMI xmlns:xmi="http://www.omg.org/XMI" xmlns:cas="http:///uima/cas.ecore" xmlns:type4="http:///de/tudarmstadt/ukp/dkpro/core/api/ner/type.ecore" xmlns:type5="http:///de/tudarmstadt/ukp/dkpro/core/api/segmentation/type.ecore" xmlns:custom="http:///webanno/custom.ecore" xmi:version="2.0">
    <cas:NULL xmi:id="0"/>
    <type5:Token xmi:id="20" sofa="1" begin="{ls}" end="{le}"/>
    <type4:NamedEntity xmi:id="30" sofa="1" begin="{ls}" end="{le}" value="person"/>
    <custom:Event xmi:id="31" sofa="1" begin="{fs}" end="{fe}" value="event"/>
    <custom:Span xmi:id="32" sofa="1" begin="{cs}" end="{ce}" value="count"/>
    <custom:Role xmi:id="40" sofa="1" begin="{cs}" end="{ce}" Governor="31" Dependent="32" value="count"/>
    <cas:Sofa xmi:id="1" sofaNum="1" sofaID="_InitialView" mimeType="text" sofaString="{text}"/>
</xmi:XMI>"#
    );
    let (doc, refused) = uima_xmi::read("cas", &xmi, "cas.xmi");
    assert!(refused.is_empty(), "{refused:?}");
    let doc = doc.expect("a document");
    assert_eq!(doc.text, plain, "the sofa, unescaped");
    let prepared = prepare(&project(), vec![doc], &[], "uima-xmi", &Options::default());
    assert!(
        prepared.report.refused.is_empty(),
        "{:?}",
        prepared.report.refused
    );
    let project = applied(&prepared);
    let doc = &project.documents[0];
    let texts = labelled(doc);
    assert_eq!(
        texts,
        [
            ("Lukashenko", "person"),
            ("freed", "event"),
            ("31", "count")
        ],
        "tokens are not spans"
    );
    let roles: Vec<&str> = doc.claims()[0]
        .arguments
        .iter()
        .map(|a| a.role.as_str())
        .collect();
    assert_eq!(roles, ["trigger", "count"]);
    let (none, refused) = uima_xmi::read("x", "<xmi:XMI xmlns:xmi=\"x\"></xmi:XMI>", "nosofa.xmi");
    assert!(none.is_none());
    assert!(
        refused[0].to_string().contains("no cas:Sofa"),
        "{}",
        refused[0]
    );
    let (none, refused) = uima_xmi::read("x", "<xmi:XMI><unclosed", "bad.xmi");
    assert!(
        none.is_none() && refused[0].to_string().contains("not valid XML"),
        "{refused:?}"
    );
}
