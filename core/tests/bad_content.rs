//! The bad module files in `tests/bad-input/content/`: each is refused with its own message and
//! the place of the problem. The end-to-end suite serves the same files as a module and checks
//! the module page explains them while the rest of the app works.
//!
//! `cargo test -p erasmi-core --test bad_content -- --ignored` writes the corpus again from the
//! cases below, starting from the valid module `tests/e2e/fixtures/quiz-module.json`.

use std::collections::BTreeMap;
use std::path::PathBuf;

use erasmi_core::validate::{parse_module, ContentError};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn dir() -> PathBuf {
    root().join("tests/bad-input/content")
}

/// What the app says about a file: the message key and words its details must contain.
#[derive(Debug, Serialize, Deserialize)]
struct Expected {
    key: String,
    detail: String,
}

fn good() -> Value {
    serde_json::from_str(
        &std::fs::read_to_string(root().join("tests/e2e/fixtures/quiz-module.json")).unwrap(),
    )
    .unwrap()
}

/// (file name, contents, message key, words of the detail)
fn cases() -> Vec<(&'static str, String, &'static str, &'static str)> {
    let good = good();
    let text = serde_json::to_string_pretty(&good).unwrap();
    let edit = |f: &dyn Fn(&mut Value)| {
        let mut v = good.clone();
        f(&mut v);
        serde_json::to_string_pretty(&v).unwrap()
    };
    vec![
        (
            "c01-not-json.json",
            "Module: Stakeholder mapping\nLessons: 4\n".into(),
            "error.content.syntax",
            "line 1",
        ),
        (
            "c02-cut-off.json",
            text[..text.len() / 2].to_owned(),
            "error.content.syntax",
            "EOF",
        ),
        (
            "c03-future-format.json",
            edit(&|v| v["format"] = json!(9)),
            "error.content.future",
            "",
        ),
        (
            "c04-no-title.json",
            edit(&|v| {
                v.as_object_mut().unwrap().remove("title");
            }),
            "error.content.syntax",
            "title",
        ),
        (
            "c05-minutes-as-words.json",
            edit(&|v| v["duration_minutes"] = json!("half an hour")),
            "error.content.syntax",
            "duration_minutes",
        ),
        (
            "c06-lesson-twice.json",
            edit(&|v| {
                let l = v["lessons"][0].clone();
                v["lessons"].as_array_mut().unwrap().push(l);
            }),
            "error.content.invalid",
            "is used twice",
        ),
        (
            "c07-bad-lesson-id.json",
            edit(&|v| v["lessons"][0]["id"] = json!("Lesson 1!")),
            "error.content.invalid",
            "lowercase letters",
        ),
        (
            "c08-answer-not-an-option.json",
            edit(&|v| v["quiz"]["questions"][0]["kind"]["single_choice"]["correct"] = json!("z")),
            "error.content.invalid",
            "quiz.questions[0].kind",
        ),
        (
            "c09-unknown-question-kind.json",
            edit(&|v| v["quiz"]["questions"][0]["kind"] = json!({"essay": {"words": 500}})),
            "error.content.syntax",
            "quiz.questions[0].kind",
        ),
        (
            "c10-no-english-title.json",
            edit(&|v| v["lessons"][0]["title"] = json!({"de": "Nur auf Deutsch"})),
            "error.content.invalid",
            "lessons[0].title",
        ),
    ]
}

#[test]
#[ignore = "writes the corpus; run after changing the content format"]
fn write_corpus() {
    let dir = dir();
    std::fs::create_dir_all(&dir).unwrap();
    let mut expected = BTreeMap::new();
    for (name, text, key, detail) in cases() {
        std::fs::write(dir.join(name), text).unwrap();
        expected.insert(
            name.to_owned(),
            Expected {
                key: key.into(),
                detail: detail.into(),
            },
        );
    }
    std::fs::write(
        dir.join("expected.json"),
        serde_json::to_string_pretty(&expected).unwrap() + "\n",
    )
    .unwrap();
}

fn key_of(e: &ContentError) -> &'static str {
    match e {
        ContentError::Syntax { .. } => "error.content.syntax",
        ContentError::FutureFormat { .. } => "error.content.future",
        ContentError::Invalid(_) => "error.content.invalid",
    }
}

#[test]
fn every_bad_module_file_in_the_corpus_is_refused_with_its_message_and_place() {
    let dir = dir();
    let expected: BTreeMap<String, Expected> =
        serde_json::from_str(&std::fs::read_to_string(dir.join("expected.json")).unwrap()).unwrap();
    assert!(expected.len() >= 10);
    for (name, want) in expected {
        let text = std::fs::read_to_string(dir.join(&name)).unwrap();
        let err = parse_module(&text).expect_err(&name);
        assert_eq!(key_of(&err), want.key, "{name}: {err}");
        assert!(
            err.to_string().contains(&want.detail),
            "{name}: {err:?} lacks {:?}",
            want.detail
        );
    }
}

#[test]
fn the_good_module_the_corpus_starts_from_is_accepted() {
    parse_module(&serde_json::to_string(&good()).unwrap()).unwrap();
}
