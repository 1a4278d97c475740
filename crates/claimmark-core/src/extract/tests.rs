//! Small extractors written as sh scripts: one that works, and ones that
//! are missing, fail, hang, print garbage or nothing.

use super::*;
use crate::model::notation;

fn project() -> Project {
    let mut project = Project::default();
    project
        .documents
        .push(notation::document("one", "Officials freed 31 people.").unwrap());
    project
}

/// A config running `script` (sh code) from a file in `dir`.
fn script(dir: &Path, body: &str, timeout_seconds: Option<u32>) -> ExtractorConfig {
    let path = dir.join("extract.sh");
    std::fs::write(&path, body).unwrap();
    ExtractorConfig {
        command: vec!["sh".into(), path.display().to_string()],
        timeout_seconds,
    }
}

const GOOD: &str = r#"
text=$(cat)
case "$text" in *freed*) ;; *) echo "no text on stdin" >&2; exit 9 ;; esac
[ -f "$CLAIMMARK_TEXT_FILE" ] || { echo "no text file" >&2; exit 8; }
echo "extracting $CLAIMMARK_DOC_ID" >&2
printf '{"schema":"claim/v1","id":"sh-1","doc":{"id":"%s","text_sha256":"%s","text_length":%s},"type":"release","trigger":{"start":10,"end":15,"exact":"freed"},"args":[{"role":"count","anchor":{"start":16,"end":18,"exact":"31"},"value":{"kind":"count","number":31,"mod":"exact"}}],"status":"proposed","confidence":0.8,"provenance":{"creator":{"kind":"software","id":"sh-extractor","version":"1"},"created":"2026-12-06T00:00:00Z"}}\n' "$CLAIMMARK_DOC_ID" "$CLAIMMARK_DOC_SHA256" "$CLAIMMARK_TEXT_LENGTH"
"#;

fn run(config: &ExtractorConfig, project: &Project) -> Result<ImportEdit, ExtractError> {
    let docs: Vec<DocId> = project.documents.iter().map(|d| d.id.clone()).collect();
    let output = run_extractor(
        config,
        project,
        &docs,
        None,
        &|_, _| {},
        &AtomicBool::new(false),
    )?;
    import_output(project, &output, "extractor")
}

#[test]
fn a_working_extractor_gets_the_text_and_its_lines_become_one_run() {
    let dir = tempfile::tempdir().unwrap();
    let mut project = project();
    let config = script(dir.path(), GOOD, None);
    let imported = run(&config, &project).unwrap();
    assert_eq!(imported.report.claims, 1, "{:?}", imported.report);
    assert!(imported.report.problems.is_empty());
    imported.edit.apply(&mut project).unwrap();
    let claim = &project.documents[0].claims()[0];
    assert_eq!(claim.status, crate::model::ReviewStatus::Proposed);
    assert_eq!(claim.external.as_ref().unwrap().run, Some(1));
    // Run again: the same claim, unchanged, is not asked about again.
    let again = run(&config, &project).unwrap();
    assert_eq!(again.report.claims, 0);
    assert_eq!(again.report.duplicates.len(), 1);
    assert_eq!(again.report.run.unwrap().changes.totals(), (0, 0, 0, 1));
}

#[test]
fn failing_extractors_say_why_and_import_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let project = project();
    let missing = ExtractorConfig {
        command: vec!["/nonexistent/claimmark-extractor".into()],
        timeout_seconds: None,
    };
    let error = run(&missing, &project).unwrap_err();
    assert!(matches!(error, ExtractError::Start { .. }), "{error}");
    assert!(
        error
            .to_string()
            .contains("/nonexistent/claimmark-extractor")
    );

    let failing = script(
        dir.path(),
        "cat >/dev/null\necho 'model file not found' >&2\nexit 3\n",
        None,
    );
    let error = run(&failing, &project).unwrap_err().to_string();
    assert!(error.contains("exit code 3"), "{error}");
    assert!(error.contains("model file not found"), "{error}");
    assert!(error.contains("“one”"), "{error}");

    let silent = script(dir.path(), "cat >/dev/null\n", None);
    let error = run(&silent, &project).unwrap_err();
    assert!(matches!(error, ExtractError::NoOutput { .. }), "{error}");

    let garbage = script(
        dir.path(),
        "cat >/dev/null\necho 'hello, world'\necho '\x1b[31mred'\n",
        None,
    );
    let error = run(&garbage, &project).unwrap_err().to_string();
    assert!(error.contains("no readable claim/v1 line"), "{error}");
    assert!(error.contains("extractor:1:"), "{error}");
    assert!(
        !error.contains('\x1b'),
        "control characters are escaped: {error:?}"
    );

    let empty = ExtractorConfig {
        command: Vec::new(),
        timeout_seconds: None,
    };
    assert_eq!(
        run(&empty, &project).unwrap_err(),
        ExtractError::EmptyCommand
    );
}

#[test]
fn a_hanging_extractor_is_stopped_at_its_timeout_or_on_cancel() {
    let dir = tempfile::tempdir().unwrap();
    let project = project();
    let hanging = script(dir.path(), "echo 'thinking' >&2\nexec sleep 30\n", Some(1));
    let started = Instant::now();
    let error = run(&hanging, &project).unwrap_err();
    assert!(
        matches!(error, ExtractError::TimedOut { seconds: 1, .. }),
        "{error}"
    );
    assert!(error.to_string().contains("thinking"), "{error}");
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "stopped, not waited for"
    );

    let forever = script(dir.path(), "exec sleep 30\n", None);
    let cancel = std::sync::Arc::new(AtomicBool::new(false));
    let flag = cancel.clone();
    let canceller = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(200));
        flag.store(true, Ordering::Relaxed);
    });
    let docs = [project.documents[0].id.clone()];
    let started = Instant::now();
    let error = run_extractor(&forever, &project, &docs, None, &|_, _| {}, &cancel).unwrap_err();
    canceller.join().unwrap();
    assert_eq!(error, ExtractError::Cancelled);
    assert!(started.elapsed() < Duration::from_secs(20));
}

#[test]
fn command_lines_show_what_will_run() {
    let config = ExtractorConfig {
        command: vec!["python3".into(), "my extract.py".into(), "--x\n".into()],
        timeout_seconds: None,
    };
    assert_eq!(config.command_line(), r#"python3 "my extract.py" "--x\n""#);
    assert_eq!(
        ExtractorConfig::parse_command_line(&config.command_line()).unwrap(),
        config.command,
        "what is shown reads back"
    );
    assert_eq!(
        ExtractorConfig::parse_command_line("  sh  run.sh ").unwrap(),
        ["sh", "run.sh"]
    );
    assert!(ExtractorConfig::parse_command_line("").unwrap().is_empty());
    assert!(ExtractorConfig::parse_command_line("sh \"open").is_err());
}

#[test]
fn a_child_left_holding_the_pipes_does_not_hang_the_run() {
    let dir = tempfile::tempdir().unwrap();
    let project = project();
    // sh is stopped at the timeout; its sleep keeps stdout open.
    let config = script(dir.path(), "sleep 30\n", Some(1));
    let started = Instant::now();
    let error = run(&config, &project).unwrap_err();
    assert!(matches!(error, ExtractError::TimedOut { .. }), "{error}");
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "{:?}",
        started.elapsed()
    );
}
