//! `WebAnno` TSV 3: reading `INCEpTION`'s layers (spans, relations, slot
//! features) and the export read back.

use super::tests::{applied, labelled, project};
use super::*;

/// A TSV of `sentences` (tokens split at spaces), with `cells(token)` the
/// annotation columns of each token line, offsets in UTF-16 units and
/// sentences one space apart.
fn tsv(header: &[&str], sentences: &[&str], cells: impl Fn(&str) -> String) -> String {
    let mut lines = vec!["#FORMAT=WebAnno TSV 3.3".to_owned()];
    lines.extend(header.iter().map(|h| (*h).to_owned()));
    lines.extend([String::new(), String::new()]);
    let mut at = 0usize;
    for (s, sentence) in sentences.iter().enumerate() {
        lines.push(format!("#Text={sentence}"));
        for (n, token) in sentence.split(' ').enumerate() {
            let units = token.encode_utf16().count();
            lines.push(format!(
                "{}-{}\t{at}-{}\t{token}\t{}",
                s + 1,
                n + 1,
                at + units,
                cells(token)
            ));
            at += units + 1;
        }
        lines.push(String::new());
    }
    lines.join("\n")
}

#[test]
fn webanno_tsv_rebuilds_the_text_joins_multi_token_spans_and_reads_relations() {
    let sentence = "Ales Bialiatski was freed 🙂 on Thursday .";
    let tokens: Vec<&str> = sentence.split(' ').collect();
    let mut at = 0usize;
    let mut lines = vec![
        "#FORMAT=WebAnno TSV 3.3".to_owned(),
        "#T_SP=de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity|identifier|value".to_owned(),
        "#T_SP=webanno.custom.Event|value".to_owned(),
        "#T_RL=webanno.custom.Role|value|BT_webanno.custom.Event".to_owned(),
        String::new(),
        String::new(),
        format!("#Text={sentence}"),
    ];
    for (n, token) in tokens.iter().enumerate() {
        let units = token.encode_utf16().count();
        let (ne, event, role) = match *token {
            "Ales" | "Bialiatski" => ("_\tperson[1]", "_", "actor\t1-4"),
            "freed" => ("_\t_", "event", "_\t_"),
            "Thursday" => ("_\tdate", "_", "date\t1-4"),
            _ => ("_\t_", "_", "_\t_"),
        };
        // The relation sits on the argument's first token only.
        let role = if *token == "Bialiatski" { "_\t_" } else { role };
        lines.push(format!(
            "1-{}\t{at}-{}\t{token}\t{ne}\t{event}\t{role}",
            n + 1,
            at + units
        ));
        at += units + 1;
    }
    let tsv = lines.join("\n") + "\n";
    let (doc, refused) = webanno_tsv::read("tsv", &tsv, "a.tsv");
    assert!(refused.is_empty(), "{refused:?}");
    let doc = doc.expect("a document");
    assert_eq!(doc.text, sentence, "rebuilt from #Text");
    let prepared = prepare(
        &project(),
        vec![doc],
        &[],
        "inception-tsv",
        &Options::default(),
    );
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
            ("Ales Bialiatski", "person"),
            ("freed", "event"),
            ("Thursday", "date")
        ]
    );
    let claim = &doc.claims()[0];
    assert_eq!(claim.claim_type.as_str(), "release");
    let roles: Vec<&str> = claim.arguments.iter().map(|a| a.role.as_str()).collect();
    assert_eq!(roles, ["trigger", "actor", "date"]);
    // A wrong header is said, not guessed.
    let (none, refused) = webanno_tsv::read("x", "#FORMAT=WebAnno TSV 2\n", "b.tsv");
    assert!(none.is_none());
    assert!(
        refused[0]
            .to_string()
            .starts_with("b.tsv:1: not WebAnno TSV 3")
    );
}

#[test]
fn webanno_tsv_slot_hosts_are_claims_with_their_fillers_as_arguments() {
    let header = [
        "#T_SP=de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity|identifier|value",
        "#T_SP=webanno.custom.Release|ROLE_webanno.custom.Release:arguments_webanno.custom.ReleaseArgumentsLink|de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity|value",
    ];
    let sentences = [
        "Lukashenko freed 🙂 Ales Bialiatski .",
        "It happened on Thursday .",
    ];
    let text = tsv(&header, &sentences, |token| {
        match token {
            "Lukashenko" => "_\tperson\t_\t_\t_",
            // A multi-token filler named by its id, one in the next
            // sentence, and a slot whose role is left unnamed.
            "freed" => "_\t_\tactor;released_person;date;*\t1-1;1-4[1];2-4;1-1\trelease",
            "Ales" | "Bialiatski" => "_\tperson[1]\t_\t_\t_",
            "Thursday" => "_\tdate\t_\t_\t_",
            _ => "_\t_\t_\t_\t_",
        }
        .to_owned()
    });
    let (doc, refused) = webanno_tsv::read("tsv", &text, "s.tsv");
    assert!(refused.is_empty(), "{refused:?}");
    let doc = doc.expect("a document");
    assert_eq!(doc.claims.len(), 1);
    let roles: Vec<&str> = doc.claims[0]
        .arguments
        .iter()
        .map(|(role, _)| role.as_str())
        .collect();
    assert_eq!(roles, ["actor", "released_person", "date", "arguments"]);
    let options = Options {
        map: [("arguments".to_owned(), "source".to_owned())].into(),
        ..Options::default()
    };
    let prepared = prepare(&project(), vec![doc], &[], "inception-tsv", &options);
    assert!(
        prepared.report.refused.is_empty() && prepared.report.unknown.is_empty(),
        "{:?} {:?}",
        prepared.report.refused,
        prepared.report.unknown
    );
    let project = applied(&prepared);
    let doc = &project.documents[0];
    let labelled = labelled(doc);
    assert_eq!(
        labelled,
        [
            ("Lukashenko", "person"),
            ("freed", "event"),
            ("Ales Bialiatski", "person"),
            ("Thursday", "date")
        ]
    );
    let claim = &doc.claims()[0];
    assert_eq!(claim.claim_type.as_str(), "release");
    let arguments: Vec<(&str, &str)> = claim
        .arguments
        .iter()
        .map(|a| {
            let span = doc.span(a.span).expect("argument span");
            (a.role.as_str(), doc.span_text(span))
        })
        .collect();
    assert_eq!(
        arguments,
        [
            ("trigger", "freed"),
            ("actor", "Lukashenko"),
            ("released_person", "Ales Bialiatski"),
            ("date", "Thursday"),
            ("source", "Lukashenko")
        ]
    );
}

#[test]
fn webanno_tsv_slot_without_filler_is_skipped_and_a_missing_one_reported() {
    // INCEpTION's own forms: a host with no slots (`_[1]`, target `*`),
    // and a filler token that holds nothing.
    let header = [
        "#T_SP=webanno.custom.Span|",
        "#T_SP=webanno.custom.Host|ROLE_webanno.custom.Host:links_webanno.custom.LinkType|webanno.custom.Span",
    ];
    let text = tsv(&header, &["This is a test ."], |token| {
        match token {
            "This" => "_\tp1;p2\t1-2;1-4",
            "is" => "*\t_\t_",
            "a" => "_\t_[1]|_[2]\t*|*",
            _ => "_\t_\t_",
        }
        .to_owned()
    });
    let (doc, refused) = webanno_tsv::read("tsv", &text, "h.tsv");
    let doc = doc.expect("a document");
    let shown: Vec<String> = refused.iter().map(ToString::to_string).collect();
    assert_eq!(
        shown,
        ["h.tsv:7: slot “p2” of Host: no annotation on token 1-4 to fill it"]
    );
    let labels: Vec<&str> = doc.spans.iter().map(|s| s.label.as_str()).collect();
    assert_eq!(labels, ["Host", "Span", "Host", "Host"]);
    assert_eq!(doc.claims.len(), 1, "only the host with a filled slot");
    assert_eq!(doc.claims[0].arguments.len(), 1);
}

#[test]
fn a_label_that_cannot_be_a_name_is_refused_as_such_even_when_adding_to_the_schema() {
    let header = ["#T_SP=webanno.custom.Span|value"];
    let text = tsv(&header, &["This is a test ."], |token| {
        if token == "test" { "NOT\\[0\\]" } else { "_" }.to_owned()
    });
    let (doc, refused) = webanno_tsv::read("tsv", &text, "n.tsv");
    assert!(refused.is_empty(), "{refused:?}");
    let options = Options {
        add_to_schema: true,
        ..Options::default()
    };
    let prepared = prepare(
        &project(),
        vec![doc.expect("a document")],
        &[],
        "inception-tsv",
        &options,
    );
    assert_eq!(
        prepared.report.refused,
        [
            "n.tsv:9: “NOT[0]” cannot be a label name (a letter first, then letters, digits and _): map it to one of the schema's"
        ]
    );
}
