//! The subcommands' arguments, as clap reads them, and the parsers of
//! their values. [`super::commands`] runs them.

use std::path::PathBuf;

use clap::Subcommand;

use claimmark_core::dataset::Format;
use claimmark_core::model::parse_day;
use claimmark_core::model::{DocId, Name, ReviewStatus};
use claimmark_core::review::RowFlag;
use claimmark_core::score::Metric;

/// The subcommands.
// clap shows these comments as `--help` text, where backticks around
// "file:line" would show too.
#[allow(clippy::doc_markdown)]
#[derive(Subcommand)]
pub enum Command {
    /// Add article files (.txt) to a project, creating the project if missing.
    Add {
        /// The project file (.ron).
        project: PathBuf,
        /// Article files: UTF-8 text.
        #[arg(required = true)]
        articles: Vec<PathBuf>,
        /// Publication date of the articles, YYYY-MM-DD.
        #[arg(long, value_parser = parse_published)]
        published: Option<time::Date>,
        /// Where the articles come from (a URL); defaults to the file name.
        #[arg(long)]
        source: Option<String>,
        /// Title; defaults to the article's first line.
        #[arg(long)]
        title: Option<String>,
    },
    /// Propose date, count, person, organization, place and event spans
    /// (status "proposed") and save the project in place.
    Suggest {
        /// The project file (.ron).
        project: PathBuf,
        /// Only this document (its id); repeat for several. Default: all.
        #[arg(long = "doc", value_name = "ID")]
        docs: Vec<String>,
        /// Also propose whole claims: each event word with the role fillers
        /// of its sentence (docs/review.md has the rules).
        #[arg(long)]
        claims: bool,
        /// Print the counts per label as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Accept or reject every proposal a filter selects, in one step, and
    /// save the project in place: the review queue's bulk decision.
    ///
    /// Selects proposals still waiting for review (claims, and proposed
    /// spans no claim uses); a claim's proposed spans follow its decision.
    Review {
        /// The project file (.ron).
        project: PathBuf,
        /// Accept the selected proposals.
        #[arg(long, conflicts_with = "reject", required_unless_present = "reject")]
        accept: bool,
        /// Reject the selected proposals.
        #[arg(long)]
        reject: bool,
        /// Only this claim type or span label; repeat for several.
        #[arg(long = "type", value_name = "T")]
        types: Vec<String>,
        /// Only proposals of this extractor (its agent id).
        #[arg(long, value_name = "ID")]
        agent: Option<String>,
        /// Only proposals with at least this confidence (0-1).
        #[arg(long, value_name = "X")]
        min_confidence: Option<f64>,
        /// Only proposals with at most this confidence (0-1).
        #[arg(long, value_name = "Y")]
        max_confidence: Option<f64>,
        /// Only this document (its id); repeat for several.
        #[arg(long = "doc", value_name = "ID")]
        docs: Vec<String>,
        /// Only rows with this flag: orphans, near-duplicate, changed
        /// (since an earlier run of the extractor) or superseded (not in a
        /// later run).
        #[arg(long, value_name = "FLAG", value_parser = parse_flag)]
        flag: Option<RowFlag>,
        /// Only claims brought by an extractor run after run N (new or
        /// changed since; `claimmark import` says each run's number).
        #[arg(long, value_name = "N")]
        since_run: Option<u32>,
        /// Who decides, as provenance records it. Default: $USER.
        #[arg(long, value_name = "NAME")]
        reviewer: Option<String>,
        /// Say what would change; change nothing.
        #[arg(long)]
        dry_run: bool,
        /// Print the counts as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Score predictions against gold: spans, arguments and claims (P/R/F1).
    ///
    /// Each side is a claims file (claim/v1 .jsonl), a fixtures folder or a
    /// project (.ron). Gold counts accepted and corrected items; predictions
    /// all but rejected ones. Exit code: 0, 1 when below --min-f1, 2 when an
    /// input cannot be read. docs/scoring.md explains every figure.
    Score {
        /// Gold: claims file, fixtures folder or project.
        #[arg(long)]
        gold: PathBuf,
        /// Predictions: claims file, fixtures folder or project.
        #[arg(long)]
        pred: PathBuf,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
        /// Fail (exit code 1) when the headline F1 is below this (0 to 1).
        #[arg(long, value_parser = crate::cli::score::parse_f1)]
        min_f1: Option<f64>,
        /// Headline metric for --min-f1: spans, spans-partial, arguments or claims.
        #[arg(long, default_value = "claims", value_parser = crate::cli::score::parse_metric)]
        metric: Metric,
        /// Score only documents both sides have (with the same text), instead
        /// of counting the others' gold as missed and predictions as spurious.
        #[arg(long)]
        common_only: bool,
        /// Count gold items that are still proposed (not reviewed).
        #[arg(long)]
        gold_proposed: bool,
    },
    /// Agreement between two analysts' projects over the same documents
    /// (paired by text): span F1, Cohen's kappa over tokens, claims, and the
    /// list of disagreements.
    Agree {
        /// Analyst A's project (.ron), or a fixtures folder.
        a: PathBuf,
        /// Analyst B's project (.ron), or a fixtures folder.
        b: PathBuf,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
        /// Disagreements listed in the table (JSON lists all).
        #[arg(long, default_value_t = 50)]
        max_disagreements: usize,
    },
    /// Write a dataset of the reviewed (accepted or corrected) annotations:
    /// claim/v1 fixtures, brat standoff, spaCy-style JSONL, or Label Studio,
    /// doccano, Prodigy or INCEpTION (WebAnno TSV) imports, with
    /// manifest.json. What the format cannot carry is listed.
    Dataset {
        /// The project file (.ron).
        project: PathBuf,
        /// Output folder: new, empty, or an earlier dataset.
        #[arg(short, long)]
        out: PathBuf,
        /// claims, brat, spacy, label-studio, doccano, prodigy or inception-tsv.
        #[arg(long, value_parser = crate::cli::dataset::parse_format)]
        format: Format,
        /// Write it even while merge conflicts remain (the versions in
        /// place, which are ours where both exist).
        #[arg(long)]
        allow_conflicts: bool,
    },
    /// Export claims as claim/v1 JSON Lines (docs/claim-format.md), span
    /// lines, or gold fixtures.
    ///
    /// Without -o and --fixtures, lines go to standard output.
    Export {
        /// The project file (.ron).
        project: PathBuf,
        /// Write the lines to this file (replaced atomically).
        #[arg(short, long, value_name = "OUT.jsonl")]
        out: Option<PathBuf>,
        /// Only claims (or spans) with these statuses: proposed, accepted,
        /// corrected, rejected. Comma-separated; the default is all.
        #[arg(long, value_delimiter = ',', value_parser = parse_status)]
        status: Vec<ReviewStatus>,
        /// Only this document (repeat for several).
        #[arg(long = "doc", value_name = "ID", value_parser = parse_doc_id)]
        docs: Vec<DocId>,
        /// One line per span instead of per claim (document, offsets, text,
        /// label, value, status, origin).
        #[arg(long)]
        spans: bool,
        /// Also write gold fixtures to DIR: <doc-id>.txt, <doc-id>.claims.jsonl
        /// (and .spans.jsonl with --spans) and manifest.json.
        #[arg(long, value_name = "DIR")]
        fixtures: Option<PathBuf>,
        /// Write fixtures into a folder that already holds files
        /// (files of the same names are replaced).
        #[arg(long, requires = "fixtures")]
        force: bool,
        /// Export even while merge conflicts remain (the versions in place).
        #[arg(long)]
        allow_conflicts: bool,
    },
    /// Import annotations into a project as one change: a claim/v1 file
    /// (anchors re-attached to the texts), or other tools' files: brat
    /// (.ann/.txt pairs or a folder of them), Label Studio's JSON export,
    /// doccano or Prodigy JSON Lines, INCEpTION's WebAnno TSV or UIMA XMI
    /// (a file, or a folder of one tool's files).
    ///
    /// Prints what was imported and every problem as file:line: message.
    /// Exit status 0 when everything was imported, 1 when some was not (the
    /// rest still is).
    Import {
        /// The project file (.ron); saved in place, atomically, unless --out.
        project: PathBuf,
        /// The files: one claims file (.jsonl), or another tool's files.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// Save the result here and leave PROJECT as it is.
        #[arg(long, value_name = "NEW.ron")]
        out: Option<PathBuf>,
        /// The files' format; detected when not given.
        #[arg(
            long,
            value_name = "brat|label-studio|doccano|prodigy|inception-tsv|uima-xmi|claim-v1"
        )]
        format: Option<String>,
        /// What the files' offsets count, overriding the format's own unit
        /// (Label Studio utf16; brat, doccano, Prodigy codepoints).
        #[arg(long, value_name = "utf16|codepoints|bytes")]
        offsets: Option<String>,
        /// Map another tool's label, claim type or role to the schema's
        /// (repeatable): --map PER=person.
        #[arg(long = "map", value_name = "SOURCE=TARGET")]
        map: Vec<String>,
        /// A mapping file: one SOURCE=TARGET per line (# comments); --map
        /// entries win over it.
        #[arg(long, value_name = "MAPPING.txt")]
        map_file: Option<PathBuf>,
        /// Add labels, claim types and roles the schema lacks instead of
        /// refusing what uses them.
        #[arg(long)]
        add_to_schema: bool,
        /// claim/v1 only: import lines whose claim the document already has
        /// (same type, arguments and values) instead of reporting them as
        /// duplicates.
        #[arg(long)]
        keep_duplicates: bool,
        /// Print the report as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Run an extractor on documents and import the claim/v1 lines it
    /// prints as proposals (one extractor run), saving the project in place.
    ///
    /// The command gets each document's canonical text on stdin and in the
    /// file $CLAIMMARK_TEXT_FILE (docs/review.md has the protocol). The
    /// project's own extractor command runs only with --allow-extractor.
    Extract {
        /// The project file (.ron).
        project: PathBuf,
        /// Only this document (its id); repeat for several. Default: all.
        #[arg(long = "doc", value_name = "ID")]
        docs: Vec<String>,
        /// Run the extractor command the project file names.
        #[arg(long)]
        allow_extractor: bool,
        /// Seconds the command may run per document (default 120).
        #[arg(long, value_name = "SECONDS", value_parser = clap::value_parser!(u32).range(1..))]
        timeout: Option<u32>,
        /// Print the import report as JSON.
        #[arg(long)]
        json: bool,
        /// The command to run instead of the project's: program and arguments.
        #[arg(last = true, value_name = "COMMAND")]
        command: Vec<String>,
    },
    /// Compare two runs of an extractor, as claims files: per document, the
    /// claims that are new, gone, changed (same type and trigger, other
    /// arguments or values) and unchanged. Documents whose text changed
    /// between the files are compared by quote instead of offset.
    DiffRuns {
        /// The earlier run (.jsonl).
        earlier: PathBuf,
        /// The later run (.jsonl).
        later: PathBuf,
        /// Print the comparison as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Check a project (.ron) or a claims file (.jsonl) and print every
    /// problem as file:line:col: message. Exit status 1 when there are any.
    Validate {
        /// The file to check.
        file: PathBuf,
        /// Print the problems as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Merge two versions of a project with their common ancestor, three
    /// ways, at the level of annotations (docs/teams.md).
    ///
    /// Changes on one side are taken, the same change on both once, what
    /// both added is all kept (theirs renumbered where ids clash); where
    /// both changed the same thing differently, both versions stay in the
    /// project as a conflict to resolve in the window. Exit status 0: merged
    /// cleanly; 1: merged with conflicts; 2: nothing written.
    Merge {
        /// The common ancestor (.ron).
        base: PathBuf,
        /// Our version (.ron).
        ours: PathBuf,
        /// Their version (.ron).
        theirs: PathBuf,
        /// Write the merged project here (never one of the inputs);
        /// default: standard output.
        #[arg(short, long, value_name = "OUT.ron")]
        out: Option<PathBuf>,
    },
    /// git's merge driver for projects: `claimmark merge-driver %O %A %B %P`
    /// (git-setup configures it). Writes the merge into %A.
    MergeDriver {
        /// %O: the common ancestor (empty when both branches added the file).
        base: PathBuf,
        /// %A: ours, replaced by the merge.
        ours: PathBuf,
        /// %B: theirs.
        theirs: PathBuf,
        /// %P: the file's name in the repository, for messages.
        name: Option<String>,
    },
    /// Make git merge projects with claimmark: writes `*.ron merge=claimmark`
    /// to .gitattributes and the merge driver to the repository's config.
    /// Safe to run again.
    GitSetup {
        /// The repository (default: the current folder).
        repo: Option<PathBuf>,
    },
    /// Resolve merge conflicts from the command line, as the window does,
    /// and save the project in place. `claimmark validate` lists them.
    Resolve {
        /// The project file (.ron).
        project: PathBuf,
        /// Take our version.
        #[arg(long, conflicts_with_all = ["theirs", "both"], required_unless_present_any = ["theirs", "both"])]
        ours: bool,
        /// Take their version.
        #[arg(long, conflicts_with = "both")]
        theirs: bool,
        /// Keep both versions (two spans, claims or entities; two documents).
        #[arg(long)]
        both: bool,
        /// Only conflict N (as validate numbers them); repeat for several.
        /// Default: all.
        #[arg(long = "conflict", value_name = "N")]
        conflicts: Vec<usize>,
    },
    /// The claims ledger: claims across documents grouped into facts (same
    /// type, agreeing key roles), with contradictions and consistency
    /// checks (docs/ledger.md). Exit status 1 with --check when a problem
    /// is not explained.
    Ledger {
        /// The project file (.ron).
        project: PathBuf,
        /// Only claims of this type (repeat for several).
        #[arg(long = "type", value_name = "TYPE", value_parser = parse_name)]
        types: Vec<Name>,
        /// Only claims with these statuses (comma-separated); the default
        /// is every claim not rejected.
        #[arg(long, value_delimiter = ',', value_parser = parse_status)]
        status: Vec<ReviewStatus>,
        /// Print the ledger as JSON: facts, ungrouped, problems, summary.
        #[arg(long, conflicts_with = "csv")]
        json: bool,
        /// Print the ledger as CSV, one row per claim, ungrouped claim and
        /// problem.
        #[arg(long)]
        csv: bool,
        /// Exit with status 1 when any problem is not explained (for a
        /// dataset build to gate on).
        #[arg(long)]
        check: bool,
        /// Write the JSON or CSV to this file (replaced atomically) instead
        /// of standard output.
        #[arg(short, long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Count spans and claims by label, claim type, status and document.
    Stats {
        /// The project file (.ron).
        project: PathBuf,
        /// Print the counts as JSON.
        #[arg(long)]
        json: bool,
        /// Instead: each extractor's kept / reviewed share by claim type and
        /// confidence bucket (0-0.1 … 0.9-1.0), over the claims reviewed so far.
        #[arg(long)]
        review: bool,
    },
}

pub(super) fn parse_name(raw: &str) -> Result<Name, String> {
    Name::parse(raw.trim()).map_err(|error| error.to_string())
}

pub(super) fn parse_published(raw: &str) -> Result<time::Date, String> {
    parse_day(raw).ok_or_else(|| format!("“{raw}” is not a date of the form YYYY-MM-DD"))
}

pub(super) fn parse_flag(raw: &str) -> Result<RowFlag, String> {
    RowFlag::parse(raw.trim()).ok_or_else(|| {
        let known: Vec<&str> = RowFlag::ALL.iter().map(|flag| flag.as_str()).collect();
        format!("“{raw}” is not a flag; use one of {}", known.join(", "))
    })
}

pub(super) fn parse_status(raw: &str) -> Result<ReviewStatus, String> {
    ReviewStatus::parse(raw.trim()).ok_or_else(|| {
        format!("“{raw}” is not a status; use proposed, accepted, corrected or rejected")
    })
}

pub(super) fn parse_doc_id(raw: &str) -> Result<DocId, String> {
    super::claims::parse_doc_id(raw)
}
