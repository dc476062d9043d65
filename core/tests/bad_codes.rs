//! The bad assignment and report codes in `tests/bad-input/codes/`: each is refused with its own
//! message. The end-to-end suite pastes the same texts into the app (a learner receiving an
//! assignment, a trainer importing reports) and checks that nothing is stored.
//!
//! `cargo test -p erasmi-core --test bad_codes -- --ignored` writes the corpus again from the
//! cases below (after a change of the code format).

use std::collections::BTreeMap;
use std::path::PathBuf;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use erasmi_core::codes::{AssignedModule, Assignment, CodeError, ModuleResult, QuizResult, Report};
use erasmi_core::worksheet::Tool;

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/bad-input/codes")
}

fn assignment() -> Assignment {
    Assignment {
        id: "a7k2m9q4".into(),
        title: "Stakeholder mapping for the Lower Danube network".into(),
        trainer: "Jana Novak".into(),
        message: "Please finish before our next meeting.".into(),
        due_day: Some(20_800),
        pass_mark: 70,
        modules: vec![AssignedModule {
            module: "stakeholder-mapping".into(),
            quiz: true,
            after_self_assessment: false,
        }],
        created: 1_764_133_200,
        tools: vec![Tool::StakeholderMap],
    }
}

fn report() -> Report {
    Report {
        assignment: "a7k2m9q4".into(),
        learner: "Amal".into(),
        learner_id: "p-4f9a2c".into(),
        created: 1_764_140_000,
        modules: vec![ModuleResult {
            module: "stakeholder-mapping".into(),
            lessons_done: 3,
            lessons_total: 5,
            self_before: Some(24),
            self_after: None,
            quiz: Some(QuizResult {
                percent: 80,
                passed: true,
                finished: 1_764_139_000,
                questions: Vec::new(),
            }),
        }],
        tools_done: vec![Tool::StakeholderMap],
    }
}

/// A code's bytes changed by `f`, with the checksum recomputed when `resign` (as a careful
/// forger would).
fn altered(code: &str, resign: bool, f: impl Fn(&mut Vec<u8>)) -> String {
    let mut bytes = URL_SAFE_NO_PAD.decode(code).unwrap();
    f(&mut bytes);
    if resign && bytes.len() >= 10 {
        let body = bytes[10..].to_vec();
        bytes[2..6].copy_from_slice(&(body.len() as u32).to_le_bytes());
        bytes[6..10].copy_from_slice(&crc32fast::hash(&body).to_le_bytes());
    }
    URL_SAFE_NO_PAD.encode(bytes)
}

/// A code whose body is `raw` (before compression), in an otherwise valid envelope.
fn with_body(code: &str, raw: &[u8]) -> String {
    altered(code, true, |b| {
        b.truncate(10);
        b.extend_from_slice(&miniz_oxide::deflate::compress_to_vec(raw, 10));
    })
}

/// (file name, text, expected message key)
type Case = (&'static str, String, &'static str);

fn cases() -> (Vec<Case>, Vec<Case>) {
    let a = assignment().encode();
    let r = report().encode();
    let mut bad_pass_mark = assignment();
    bad_pass_mark.pass_mark = 150;
    let mut no_tasks = assignment();
    no_tasks.modules.clear();
    no_tasks.tools.clear();
    let mut bad_module = assignment();
    bad_module.modules[0].module = "../../etc/passwd".into();
    let mut twice = report();
    twice.tools_done = vec![Tool::HealthCheck, Tool::HealthCheck];
    let mut control = report();
    control.learner = "Amal\u{0007}\u{001b}[31m".into();
    let assignments = vec![
        ("a01-empty.txt", "   \n".to_owned(), "code.error.empty"),
        ("a02-too-long.txt", "A".repeat(4_001), "code.error.too_long"),
        (
            "a03-not-a-code.txt",
            "Please do the modules by Friday!".to_owned(),
            "code.error.not_base64",
        ),
        (
            "a04-cut-off.txt",
            a[..a.len() - 7].to_owned(),
            "code.error.truncated",
        ),
        (
            "a05-one-character-changed.txt",
            {
                let mut s = a.clone().into_bytes();
                let i = s.len() / 2;
                s[i] = if s[i] == b'A' { b'B' } else { b'A' };
                String::from_utf8(s).unwrap()
            },
            "code.error.corrupted",
        ),
        (
            "a06-future-version.txt",
            altered(&a, false, |b| b[0] = 9),
            "code.error.future_version",
        ),
        (
            "a07-report-code.txt",
            r.clone(),
            "code.error.report_not_assignment",
        ),
        (
            "a08-unknown-kind.txt",
            altered(&a, false, |b| b[1] = 7),
            "code.error.unknown",
        ),
        (
            "a09-garbage-body.txt",
            with_body(&a, &[0xff; 40]),
            "code.error.malformed",
        ),
        (
            "a10-pass-mark-150.txt",
            bad_pass_mark.encode(),
            "code.error.invalid",
        ),
        (
            "a11-nothing-to-do.txt",
            no_tasks.encode(),
            "code.error.invalid",
        ),
        (
            "a12-path-as-module.txt",
            bad_module.encode(),
            "code.error.invalid",
        ),
        (
            "a13-damaged-link.txt",
            format!("https://erasmi.example/assign#{}", &a[..a.len() - 1]),
            "code.error.truncated",
        ),
    ];
    let reports = vec![
        ("r01-empty.txt", String::new(), "code.error.empty"),
        (
            "r02-assignment-code.txt",
            a.clone(),
            "code.error.assignment_not_report",
        ),
        (
            "r03-cut-off.txt",
            r[..r.len() / 2].to_owned(),
            "code.error.truncated",
        ),
        (
            "r04-future-version.txt",
            altered(&r, false, |b| b[0] = 200),
            "code.error.future_version",
        ),
        (
            "r05-garbage-body.txt",
            with_body(&r, b"not postcard at all"),
            "code.error.malformed",
        ),
        (
            "r06-worksheet-twice.txt",
            twice.encode(),
            "code.error.invalid",
        ),
        (
            "r07-control-characters.txt",
            control.encode(),
            "code.error.invalid",
        ),
        (
            "r08-html.txt",
            "<script>alert(1)</script>".to_owned(),
            "code.error.not_base64",
        ),
    ];
    (assignments, reports)
}

#[test]
#[ignore = "writes the corpus; run after changing the code format"]
fn write_corpus() {
    let dir = dir();
    std::fs::create_dir_all(&dir).unwrap();
    let (a, r) = cases();
    let mut expected = BTreeMap::new();
    for (name, text, key) in a.iter().chain(r.iter()) {
        std::fs::write(dir.join(name), text).unwrap();
        expected.insert(name.to_string(), key.to_string());
    }
    std::fs::write(
        dir.join("expected.json"),
        serde_json::to_string_pretty(&expected).unwrap() + "\n",
    )
    .unwrap();
}

fn corpus() -> Vec<(String, String, String)> {
    let dir = dir();
    let expected: BTreeMap<String, String> =
        serde_json::from_str(&std::fs::read_to_string(dir.join("expected.json")).unwrap()).unwrap();
    expected
        .into_iter()
        .map(|(name, key)| {
            let text = std::fs::read_to_string(dir.join(&name)).unwrap();
            (name, text, key)
        })
        .collect()
}

#[test]
fn every_bad_code_in_the_corpus_is_refused_with_its_message() {
    let corpus = corpus();
    assert!(corpus.len() >= 20, "{} cases", corpus.len());
    for (name, text, key) in corpus {
        let err: CodeError = if name.starts_with('a') {
            Assignment::decode(&text).expect_err(&name)
        } else {
            Report::decode(&text).expect_err(&name)
        };
        assert_eq!(err.message_key(), key, "{name}: {err}");
    }
}

#[test]
fn the_good_codes_the_corpus_starts_from_are_accepted() {
    assert_eq!(Assignment::decode(&assignment().encode()), Ok(assignment()));
    assert_eq!(Report::decode(&report().encode()), Ok(report()));
}
