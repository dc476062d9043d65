//! Browser tests (wasm-bindgen-test in headless Chromium): the IndexedDB store and components.
//! Run with `cargo test -p erasmi --target wasm32-unknown-unknown` (or `make test`).
#![cfg(target_arch = "wasm32")]

use std::collections::BTreeMap;

use erasmi::store::schema::{StoreName, VERSION};
use erasmi::store::{Replace, Store};
use erasmi_core::activity::ActivityRecord;
use erasmi_core::backup;
use erasmi_core::progress::{LessonProgress, Profile};
use serde_json::Value;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// One fixture per schema version: the stores and indexes that version created, and records
/// written in that version's shape.
const FIXTURES: [&str; 3] = [
    include_str!("fixtures/schema/v1.json"),
    include_str!("fixtures/schema/v2.json"),
    include_str!("fixtures/schema/v3.json"),
];

fn unique_name(test: &str) -> String {
    format!("erasmi-test-{test}-{}", js_sys::Math::random())
}

#[derive(serde::Deserialize)]
struct Fixture {
    version: u32,
    stores: BTreeMap<String, Vec<String>>,
    records: BTreeMap<String, Vec<Value>>,
}

fn fixture(version: u32) -> Fixture {
    serde_json::from_str(FIXTURES[version as usize - 1]).unwrap()
}

/// Numbers compare as f64: IndexedDB keeps JavaScript numbers, not JSON's integer/float split.
fn normalise(v: &Value) -> Value {
    match v {
        Value::Number(n) => serde_json::json!(n.as_f64().unwrap()),
        Value::Array(a) => Value::Array(a.iter().map(normalise).collect()),
        Value::Object(o) => {
            Value::Object(o.iter().map(|(k, v)| (k.clone(), normalise(v))).collect())
        }
        other => other.clone(),
    }
}

fn described(store: &Store) -> BTreeMap<String, Vec<String>> {
    store
        .describe()
        .into_iter()
        .map(|(s, mut i)| {
            i.sort();
            (s, i)
        })
        .collect()
}

async fn write_all(store: &Store, records: &BTreeMap<String, Vec<Value>>) {
    for (name, list) in records {
        let s = StoreName::parse(name).unwrap();
        for r in list {
            store.put(s, r).await.unwrap();
        }
    }
}

async fn assert_intact(store: &Store, records: &BTreeMap<String, Vec<Value>>) {
    for (name, list) in records {
        let s = StoreName::parse(name).unwrap();
        for r in list {
            let back: Option<Value> = store
                .get(s, r["profile"].as_str().unwrap(), r["id"].as_str().unwrap())
                .await
                .unwrap();
            assert_eq!(back.map(|b| normalise(&b)), Some(normalise(r)), "{name}");
        }
    }
}

#[wasm_bindgen_test]
async fn there_is_a_fixture_for_every_schema_version() {
    assert_eq!(
        FIXTURES.len() as u32,
        VERSION,
        "a new schema version needs its fixture in tests/fixtures/schema/"
    );
    let latest = fixture(VERSION);
    let store = Store::open_named(&unique_name("latest")).await;
    assert_eq!(described(&store), latest.stores);
    let names: Vec<&str> = latest.stores.keys().map(String::as_str).collect();
    let mut ours: Vec<&str> = StoreName::every().map(|s| s.as_str()).collect();
    ours.sort();
    assert_eq!(names, ours);
}

#[wasm_bindgen_test]
async fn a_database_of_every_earlier_version_upgrades_with_every_record_intact() {
    let latest = fixture(VERSION);
    for version in 1..=VERSION {
        let old = fixture(version);
        assert_eq!(old.version, version);
        let name = unique_name(&format!("migrate-v{version}"));
        let store = Store::open_at_version(&name, version).await;
        assert!(store.is_persistent());
        assert_eq!(described(&store), old.stores, "stores of version {version}");
        write_all(&store, &old.records).await;
        store.close();

        let store = Store::open_named(&name).await;
        assert_eq!(
            described(&store),
            latest.stores,
            "after upgrading from {version}"
        );
        assert_intact(&store, &old.records).await;
        // Old records read as today's types (fields added since have defaults).
        let profiles: Vec<Profile> = store.all(StoreName::Profiles, "default").await.unwrap();
        assert_eq!(profiles.len(), 1);
        // And the upgraded database takes the new version's records.
        write_all(&store, &latest.records).await;
        assert_intact(&store, &latest.records).await;
        store.close();
    }
}

#[wasm_bindgen_test]
async fn an_import_that_fails_midway_changes_nothing() {
    let store = Store::open_named(&unique_name("import")).await;
    let before = fixture(VERSION).records;
    write_all(&store, &before).await;
    let dump_before = store.dump(None).await.unwrap();

    // A backup whose last store holds a record IndexedDB refuses (no key): the records before it
    // were already written in the transaction when it fails.
    let mut bad: BTreeMap<String, Vec<Value>> = BTreeMap::new();
    bad.insert(
        "lesson_progress".into(),
        vec![serde_json::json!({"profile":"default","id":"m/new","module":"m","lesson":"new","opened_at":1.0,"completed_at":null})],
    );
    bad.insert(
        "settings".into(),
        vec![serde_json::json!({"profile":"device","value":"no id"})],
    );
    for replace in [
        Replace::Nothing,
        Replace::Everything,
        Replace::Profiles(vec!["default".into()]),
    ] {
        assert!(
            store.import(&bad, replace.clone()).await.is_err(),
            "{replace:?}"
        );
        assert_eq!(
            store.dump(None).await.unwrap(),
            dump_before,
            "{replace:?} changed data"
        );
    }
}

#[wasm_bindgen_test]
async fn export_erase_import_restores_the_same_records() {
    let store = Store::open_named(&unique_name("roundtrip")).await;
    write_all(&store, &fixture(VERSION).records).await;
    let dump = store.dump(None).await.unwrap();
    let known = StoreName::names();
    let file = backup::encode("test", VERSION, 1.0, backup::Scope::All, dump.clone());
    let decoded = backup::decode(file.as_bytes(), &known, VERSION).unwrap();

    store.erase(Some("default")).await.unwrap();
    let left = store.profiles_with_records().await.unwrap();
    assert!(!left.contains("default"));
    assert!(
        left.contains("p-amira"),
        "erasing one profile keeps the others"
    );
    store.erase(None).await.unwrap();
    assert!(store.dump(None).await.unwrap().is_empty());

    let written = store
        .import(&decoded.stores, Replace::Everything)
        .await
        .unwrap();
    assert_eq!(written, dump.values().map(Vec::len).sum::<usize>());
    assert_eq!(store.dump(None).await.unwrap(), dump);

    // One profile's backup holds only its records.
    let amira = store.dump(Some("p-amira")).await.unwrap();
    assert!(amira.values().flatten().all(|r| r["profile"] == "p-amira"));
    assert!(amira.contains_key("profiles"));
}

#[wasm_bindgen_test]
async fn concurrent_updates_from_two_connections_are_all_kept() {
    let name = unique_name("two-tabs");
    let a = Store::open_named(&name).await;
    let b = Store::open_named(&name).await;
    let add = |store: Store, n: usize| async move {
        for i in 0..n {
            store
                .update(StoreName::Activity, "p", "m/2026-11-26", |old| {
                    Some(ActivityRecord::add(
                        old,
                        "p",
                        "m",
                        "2026-11-26",
                        1000.0,
                        i as f64,
                    ))
                })
                .await
                .unwrap();
        }
    };
    futures::join!(add(a.clone(), 40), add(b.clone(), 40));
    let total: ActivityRecord = a
        .get(StoreName::Activity, "p", "m/2026-11-26")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        total.ms, 80_000.0,
        "no increment lost between the two connections"
    );
}

#[wasm_bindgen_test]
async fn records_survive_closing_and_reopening_the_database() {
    let name = unique_name("reopen");
    let store = Store::open_named(&name).await;
    assert!(
        store.is_persistent(),
        "IndexedDB should open: {:?}",
        store.unavailable_reason()
    );
    let record = LessonProgress::opened(
        "default",
        "stakeholder-mapping",
        "power-interest-grid",
        1000.0,
        None,
    );
    store.put(StoreName::LessonProgress, &record).await.unwrap();
    store.close();

    let reopened = Store::open_named(&name).await;
    let back: Option<LessonProgress> = reopened
        .get(StoreName::LessonProgress, "default", &record.id)
        .await
        .unwrap();
    assert_eq!(back, Some(record));
}

#[wasm_bindgen_test]
async fn every_key_starts_with_the_profile_so_profiles_never_mix() {
    let store = Store::open_named(&unique_name("profiles")).await;
    for (profile, lesson) in [("a", "one"), ("a", "two"), ("b", "one")] {
        let r = LessonProgress::opened(profile, "m", lesson, 1.0, None);
        store.put(StoreName::LessonProgress, &r).await.unwrap();
    }
    let a: Vec<LessonProgress> = store.all(StoreName::LessonProgress, "a").await.unwrap();
    let b: Vec<LessonProgress> = store.all(StoreName::LessonProgress, "b").await.unwrap();
    assert_eq!(a.len(), 2);
    assert_eq!(b.len(), 1);
    assert!(a.iter().all(|r| r.profile == "a"));
    assert_eq!(store.count(StoreName::LessonProgress, "a").await, Ok(2));
    assert_eq!(store.count(StoreName::LessonProgress, "b").await, Ok(1));
    assert_eq!(store.count(StoreName::LessonProgress, "c").await, Ok(0));
    assert_eq!(store.count(StoreName::Bookmarks, "a").await, Ok(0));
    store
        .delete(StoreName::LessonProgress, "a", "m/one")
        .await
        .unwrap();
    let a: Vec<LessonProgress> = store.all(StoreName::LessonProgress, "a").await.unwrap();
    assert_eq!(a.len(), 1);
    assert_eq!(store.count(StoreName::LessonProgress, "a").await, Ok(1));
}

#[wasm_bindgen_test]
async fn records_read_back_in_bulk_are_the_records_written() {
    use erasmi_core::quiz::{Answer, QuizAttempt};
    let store = Store::open_named(&unique_name("bulk")).await;
    let mut answers = BTreeMap::new();
    answers.insert("q1".to_owned(), Answer::SingleChoice("b".into()));
    answers.insert("q2".to_owned(), Answer::TrueFalse(false));
    let mut pairs = BTreeMap::new();
    pairs.insert("l1".to_owned(), "r2".to_owned());
    let mut sub = BTreeMap::new();
    sub.insert("s1".to_owned(), Answer::Matching(pairs));
    sub.insert(
        "s2".to_owned(),
        Answer::ShortText("Öffentlichkeit \"quoted\"".into()),
    );
    answers.insert("q3".to_owned(), Answer::Scenario(sub));
    let attempts: Vec<QuizAttempt> = (0..300)
        .map(|i| QuizAttempt {
            profile: "default".into(),
            id: format!("m/{:05}", i),
            module: "m".into(),
            module_version: 2,
            seed: 9_007_199_254_740_000 + i,
            started_at: 1.7e12 + i as f64,
            // Unfinished attempts have no end: stored as a missing field.
            finished_at: (i % 2 == 0).then_some(1.7e12 + 0.5 + i as f64),
            questions: vec!["q1".into(), "q2".into(), "q3".into()],
            current: (i % 3) as usize,
            answers: answers.clone(),
        })
        .collect();
    for a in &attempts {
        store.put(StoreName::QuizAttempts, a).await.unwrap();
    }
    let back: Vec<QuizAttempt> = store.all(StoreName::QuizAttempts, "default").await.unwrap();
    assert_eq!(back, attempts);

    let one: Option<QuizAttempt> = store
        .get(StoreName::QuizAttempts, "default", "m/00002")
        .await
        .unwrap();
    assert_eq!(one.as_ref(), attempts.get(2));
}

/// Earlier versions wrote records field by field: an absent value as an `undefined`
/// property, a map as an object. Such records, as a learner's device holds them, read back
/// (one by one, in bulk and through an update) as the same records.
#[wasm_bindgen_test]
async fn records_in_the_earlier_stored_form_read_back_the_same() {
    use indexed_db_futures::prelude::*;
    use indexed_db_futures::transaction::TransactionMode;
    use wasm_bindgen::JsValue;
    let name = unique_name("earlier-form");
    Store::open_named(&name).await.close();

    let lesson = js_sys::JSON::parse(
        r#"{"profile":"default","id":"m/l1","module":"m","lesson":"l1","opened_at":1000}"#,
    )
    .unwrap();
    js_sys::Reflect::set(&lesson, &"completed_at".into(), &JsValue::UNDEFINED).unwrap();
    let setting =
        js_sys::JSON::parse(r#"{"profile":"device","id":"language","value":"de"}"#).unwrap();
    // An unfinished attempt: its answers a map (an object), its end an `undefined` property.
    let attempt = js_sys::JSON::parse(
        r#"{"profile":"default","id":"m/5","module":"m","module_version":1,"seed":7,
            "started_at":5,"questions":["q1","q2"],"current":1,
            "answers":{"q1":{"single_choice":"b"},"q2":{"true_false":false}}}"#,
    )
    .unwrap();
    js_sys::Reflect::set(&attempt, &"finished_at".into(), &JsValue::UNDEFINED).unwrap();
    let db = indexed_db_futures::database::Database::open(&name)
        .await
        .unwrap();
    let tx = db
        .transaction(["lesson_progress", "settings", "quiz_attempts"])
        .with_mode(TransactionMode::Readwrite)
        .build()
        .unwrap();
    tx.object_store("lesson_progress")
        .unwrap()
        .put(lesson)
        .primitive()
        .unwrap()
        .await
        .unwrap();
    tx.object_store("settings")
        .unwrap()
        .put(setting)
        .primitive()
        .unwrap()
        .await
        .unwrap();
    tx.object_store("quiz_attempts")
        .unwrap()
        .put(attempt)
        .primitive()
        .unwrap()
        .await
        .unwrap();
    tx.commit().await.unwrap();
    db.close();

    let store = Store::open_named(&name).await;
    let expected = LessonProgress {
        profile: "default".into(),
        id: "m/l1".into(),
        module: "m".into(),
        lesson: "l1".into(),
        opened_at: 1000.0,
        completed_at: None,
    };
    let one: Option<LessonProgress> = store
        .get(StoreName::LessonProgress, "default", "m/l1")
        .await
        .unwrap();
    assert_eq!(one.as_ref(), Some(&expected));
    let all: Vec<LessonProgress> = store
        .all(StoreName::LessonProgress, "default")
        .await
        .unwrap();
    assert_eq!(all, vec![expected.clone()]);
    let language: Option<erasmi_core::progress::Setting> = store
        .get(StoreName::Settings, "device", "language")
        .await
        .unwrap();
    assert_eq!(language.map(|s| s.value), Some("de".to_owned()));
    let attempts: Vec<erasmi_core::quiz::QuizAttempt> =
        store.all(StoreName::QuizAttempts, "default").await.unwrap();
    let mut answers = BTreeMap::new();
    answers.insert(
        "q1".to_owned(),
        erasmi_core::quiz::Answer::SingleChoice("b".into()),
    );
    answers.insert("q2".to_owned(), erasmi_core::quiz::Answer::TrueFalse(false));
    assert_eq!(
        attempts,
        vec![erasmi_core::quiz::QuizAttempt {
            profile: "default".into(),
            id: "m/5".into(),
            module: "m".into(),
            module_version: 1,
            seed: 7,
            started_at: 5.0,
            finished_at: None,
            questions: vec!["q1".into(), "q2".into()],
            current: 1,
            answers,
        }]
    );
    store
        .update(
            StoreName::LessonProgress,
            "default",
            "m/l1",
            |old: Option<LessonProgress>| {
                old.map(|l| LessonProgress {
                    completed_at: Some(2000.0),
                    ..l
                })
            },
        )
        .await
        .unwrap();
    let done: Vec<LessonProgress> = store
        .all(StoreName::LessonProgress, "default")
        .await
        .unwrap();
    assert_eq!(done[0].completed_at, Some(2000.0));
}

fn summary(profile: &str, module: &str, attempts: usize) -> erasmi_core::progress::QuizSummary {
    erasmi_core::progress::QuizSummary {
        profile: profile.into(),
        id: module.into(),
        module: module.into(),
        module_version: 1,
        lang: "en".into(),
        best: Some(90),
        last: Some(70),
        attempts,
        last_moment: Some(5.0),
        mastery: vec![erasmi_core::progress::CompetenceScore {
            competence: "c".into(),
            sum: 1.5,
            questions: 2,
        }],
        format: erasmi_core::progress::QUIZ_SUMMARY_FORMAT,
    }
}

fn attempt(profile: &str, module: &str, started: f64) -> erasmi_core::quiz::QuizAttempt {
    erasmi_core::quiz::QuizAttempt {
        profile: profile.into(),
        id: format!("{module}/{started}"),
        module: module.into(),
        module_version: 1,
        seed: 1,
        started_at: started,
        finished_at: None,
        questions: vec!["q1".into()],
        current: 0,
        answers: BTreeMap::new(),
    }
}

async fn summary_ids(store: &Store, profile: &str) -> Vec<String> {
    let all: Vec<erasmi_core::progress::QuizSummary> =
        store.all(StoreName::QuizSummaries, profile).await.unwrap();
    all.into_iter().map(|s| s.id).collect()
}

#[wasm_bindgen_test]
async fn writing_a_quiz_attempt_drops_its_module_summary_and_only_that_one() {
    for store in [
        Store::open_named(&unique_name("summaries")).await,
        Store::memory(None),
    ] {
        for m in ["m", "n"] {
            store
                .put(StoreName::QuizSummaries, &summary("p", m, 1))
                .await
                .unwrap();
        }
        store
            .put(StoreName::QuizSummaries, &summary("q", "m", 1))
            .await
            .unwrap();
        // A new attempt (put), an answer saved (update), an attempt deleted: each drops the
        // summary of its own module and profile.
        store
            .put(StoreName::QuizAttempts, &attempt("p", "m", 1.0))
            .await
            .unwrap();
        assert_eq!(summary_ids(&store, "p").await, ["n"]);
        assert_eq!(
            summary_ids(&store, "q").await,
            ["m"],
            "another profile keeps its own"
        );
        store
            .update(
                StoreName::QuizAttempts,
                "p",
                "n/2",
                |_: Option<erasmi_core::quiz::QuizAttempt>| Some(attempt("p", "n", 2.0)),
            )
            .await
            .unwrap();
        assert!(summary_ids(&store, "p").await.is_empty());
        // An answer saved to an attempt that stays unfinished cannot change the summary, so it
        // is kept; the answer that finishes the attempt drops it.
        store
            .put(StoreName::QuizSummaries, &summary("p", "n", 1))
            .await
            .unwrap();
        let save = |finished: Option<f64>| {
            let store = &store;
            async move {
                store
                    .update(
                        StoreName::QuizAttempts,
                        "p",
                        "n/2",
                        |old: Option<erasmi_core::quiz::QuizAttempt>| {
                            let mut a = old.expect("the attempt is stored");
                            a.answers.insert(
                                "q1".into(),
                                erasmi_core::quiz::Answer::SingleChoice("b".into()),
                            );
                            a.finished_at = finished;
                            Some(a)
                        },
                    )
                    .await
                    .unwrap();
            }
        };
        save(None).await;
        assert_eq!(summary_ids(&store, "p").await, ["n"]);
        let stored: Option<erasmi_core::quiz::QuizAttempt> = store
            .get(StoreName::QuizAttempts, "p", "n/2")
            .await
            .unwrap();
        assert_eq!(stored.unwrap().answers.len(), 1, "the answer is stored");
        save(Some(3.0)).await;
        assert!(summary_ids(&store, "p").await.is_empty());
        store
            .put(StoreName::QuizSummaries, &summary("p", "m", 1))
            .await
            .unwrap();
        store
            .delete(StoreName::QuizAttempts, "p", "m/1")
            .await
            .unwrap();
        assert!(summary_ids(&store, "p").await.is_empty());
        // Other stores leave summaries alone.
        store
            .put(StoreName::QuizSummaries, &summary("p", "m", 1))
            .await
            .unwrap();
        let r = LessonProgress::opened("p", "m", "l", 1.0, None);
        store.put(StoreName::LessonProgress, &r).await.unwrap();
        assert_eq!(summary_ids(&store, "p").await, ["m"]);
    }
}

async fn rebuild_and_count(store: &Store) {
    for (m, t) in [("m", 1.0), ("m", 2.0), ("m", 3.0), ("n", 4.0), ("m", 5.0)] {
        store
            .put(StoreName::QuizAttempts, &attempt("p", m, t))
            .await
            .unwrap();
    }
    store
        .put(StoreName::QuizAttempts, &attempt("other", "m", 6.0))
        .await
        .unwrap();
    let modules = vec!["m".to_owned(), "n".to_owned(), "empty".to_owned()];
    // Counted without reading: the profile's own attempts of each module.
    assert_eq!(
        store
            .count_by_module(StoreName::QuizAttempts, "p", &modules)
            .await
            .unwrap(),
        [4, 1, 0]
    );
    // `None` writes nothing for that module.
    let built = store
        .rebuild(
            StoreName::QuizAttempts,
            StoreName::QuizSummaries,
            "p",
            &modules,
            &mut |module, attempts: Vec<erasmi_core::quiz::QuizAttempt>| {
                assert!(attempts
                    .iter()
                    .all(|a| a.module == module && a.profile == "p"));
                (module != "n").then(|| summary("p", module, attempts.len()))
            },
        )
        .await
        .unwrap();
    let counts: Vec<usize> = built.iter().map(|s| s.attempts).collect();
    assert_eq!(counts, [4, 0]);
    let stored: Option<erasmi_core::progress::QuizSummary> =
        store.get(StoreName::QuizSummaries, "p", "m").await.unwrap();
    assert_eq!(stored.map(|s| s.attempts), Some(4));
    assert_eq!(summary_ids(store, "p").await, ["empty", "m"]);
}

#[wasm_bindgen_test]
async fn summaries_are_rebuilt_from_each_modules_attempts_and_never_leave_the_device() {
    rebuild_and_count(&Store::memory(None)).await;
    let store = Store::open_named(&unique_name("rebuild")).await;
    rebuild_and_count(&store).await;
    // A backup holds the learner's records, not what is derived from them; an import clears
    // the summaries (they are built again from the imported attempts), and so does an erase.
    let dump = store.dump(Some("p")).await.unwrap();
    assert!(dump.contains_key("quiz_attempts"));
    assert!(!dump.contains_key("quiz_summaries"));
    store.import(&dump, Replace::Nothing).await.unwrap();
    assert!(summary_ids(&store, "p").await.is_empty());
    store
        .put(StoreName::QuizSummaries, &summary("p", "m", 1))
        .await
        .unwrap();
    store.erase(Some("p")).await.unwrap();
    assert!(summary_ids(&store, "p").await.is_empty());
}

#[wasm_bindgen_test]
async fn the_memory_fallback_works_and_says_it_does_not_persist() {
    let store = Store::memory(Some("blocked".into()));
    assert!(!store.is_persistent());
    assert_eq!(store.unavailable_reason(), Some("blocked"));
    let r = LessonProgress::opened("default", "m", "l", 5.0, None);
    store.put(StoreName::LessonProgress, &r).await.unwrap();
    let back: Option<LessonProgress> = store
        .get(StoreName::LessonProgress, "default", "m/l")
        .await
        .unwrap();
    assert_eq!(back, Some(r));
    assert_eq!(
        store.count(StoreName::LessonProgress, "default").await,
        Ok(1)
    );
    assert_eq!(store.count(StoreName::LessonProgress, "other").await, Ok(0));
}

mod components {
    use erasmi::ui::components::markdown::Markdown;
    use erasmi_core::markdown;
    use leptos::prelude::*;
    use wasm_bindgen::JsCast;
    use wasm_bindgen_test::*;

    fn container() -> web_sys::HtmlElement {
        let doc = document();
        let el: web_sys::HtmlElement = doc.create_element("div").unwrap().unchecked_into();
        doc.body().unwrap().append_child(&el).unwrap();
        el
    }

    #[wasm_bindgen_test]
    fn hostile_markdown_renders_inert() {
        let el = container();
        let doc = markdown::parse(
            "# Title\n\n<script>window.pwned = 1</script>\n\n<img src=x onerror=\"window.pwned=2\">\n\n\
             [click](javascript:window.pwned=3) [data](data:text/html,hi) [ok](https://europa.eu) [term](glossary:stakeholder)",
        );
        let handle = leptos::mount::mount_to(
            el.clone(),
            move || view! { <Markdown nodes=doc.nodes.clone()/> },
        );
        let html = el.inner_html();
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(!html.contains("onerror"), "{html}");
        assert!(!html.contains("javascript:"), "{html}");
        assert!(!html.contains("data:text"), "{html}");
        let external = el
            .query_selector("a.external")
            .unwrap()
            .expect("external link rendered");
        assert_eq!(
            external.get_attribute("rel").as_deref(),
            Some("noopener noreferrer")
        );
        assert_eq!(external.get_attribute("target").as_deref(), Some("_blank"));
        let glossary = el
            .query_selector("a.glossary-link")
            .unwrap()
            .expect("glossary link rendered");
        assert_eq!(
            glossary.get_attribute("href").as_deref(),
            Some("/glossary#stakeholder")
        );
        assert!(
            el.text_content().unwrap().contains("click"),
            "the text of an unsafe link stays"
        );
        assert!(js_sys::Reflect::get(&window(), &"pwned".into())
            .unwrap()
            .is_undefined());
        drop(handle);
    }
}

/// The numbers the app writes without the browser's number formatting are exactly what the
/// browser would write: for every language listed as using the digits 0–9, and for numbers
/// with fractions and separators, which still go through `Intl.NumberFormat`.
#[wasm_bindgen_test]
fn numbers_written_without_intl_match_the_browsers_formatting() {
    let intl = |value: f64, lang: &str| -> String {
        let locales = js_sys::Array::of1(&lang.into());
        let options = js_sys::Object::new();
        js_sys::Reflect::set(&options, &"maximumFractionDigits".into(), &1.into()).unwrap();
        js_sys::Intl::NumberFormat::new(&locales, &options)
            .format()
            .call1(&wasm_bindgen::JsValue::NULL, &value.into())
            .unwrap()
            .as_string()
            .unwrap()
    };
    for lang in erasmi_core::i18n::LATIN_DIGITS {
        for n in [0.0, 1.0, 7.0, 42.0, 999.0] {
            assert_eq!(
                erasmi_core::i18n::plain_number(n, lang).as_deref(),
                Some(intl(n, lang).as_str()),
                "{n} in {lang}"
            );
        }
    }
    assert_eq!(erasmi::i18n::format_number(1500.0, "de", 1), "1.500");
    assert_eq!(erasmi::i18n::format_number(1.5, "de", 1), "1,5");
    assert_eq!(erasmi::i18n::format_number(12.0, "de", 0), "12");
    assert_eq!(erasmi::i18n::format_number(12.0, "fa", 0), "۱۲");
}

/// Counts from now on the page's requests for `/content/<file>` (through `fetch`).
fn count_requests() -> impl Fn(&str) -> usize {
    js_sys::Function::new_no_args(
        "if (!window.__fetched) {
           window.__fetched = [];
           const fetch = window.fetch.bind(window);
           window.fetch = (r, o) => { window.__fetched.push(typeof r === 'string' ? r : r.url); return fetch(r, o); };
         }",
    )
    .call0(&wasm_bindgen::JsValue::NULL)
    .unwrap();
    let fetched = || {
        let window = web_sys::window().unwrap();
        js_sys::Array::from(&js_sys::Reflect::get(&window, &"__fetched".into()).unwrap())
    };
    let before = fetched().length();
    move |file: &str| {
        fetched()
            .iter()
            .skip(before as usize)
            .filter(|url| {
                url.as_string()
                    .is_some_and(|u| u.ends_with(&format!("/content/{file}")))
            })
            .count()
    }
}

/// Start-up fetches a module's file early, and the page asks for it again: both wait for one
/// request. A failure is not kept, so a later call asks again.
#[wasm_bindgen_test]
async fn a_module_asked_for_twice_at_once_is_fetched_once() {
    let file = "modules/not-in-this-harness.json";
    let requests_for = count_requests();
    assert_eq!(requests_for(file), 0);
    let (first, second) = futures::join!(
        erasmi::source::load_module("not-in-this-harness"),
        erasmi::source::load_module("not-in-this-harness")
    );
    let first = first.expect_err("the harness serves no content");
    assert_eq!(Err(first.clone()), second.map(|_| ()));
    assert_eq!(first.file, file);
    assert_eq!(requests_for(file), 1);
    let again = erasmi::source::load_module("not-in-this-harness").await;
    assert!(again.is_err());
    assert_eq!(requests_for(file), 2);
}

/// Start-up fetches the file of the module being opened before the code that reads modules has
/// arrived; the page's load then uses that answer instead of asking again.
#[wasm_bindgen_test]
async fn a_module_fetched_at_start_up_is_not_fetched_again_by_its_page() {
    let file = "modules/fetched-at-start-up.json";
    let requests_for = count_requests();
    erasmi::source::prefetch_module("fetched-at-start-up");
    let first = erasmi::source::load_module("fetched-at-start-up").await;
    assert_eq!(first.expect_err("the harness serves no content").file, file);
    assert_eq!(requests_for(file), 1);
    // A failure is not kept: the next load asks again.
    assert!(erasmi::source::load_module("fetched-at-start-up")
        .await
        .is_err());
    assert_eq!(requests_for(file), 2);
    // Not a module id: nothing is fetched.
    erasmi::source::prefetch_module("../not-an-id");
    assert!(erasmi::source::load_module("../not-an-id").await.is_err());
    assert_eq!(requests_for("modules/../not-an-id.json"), 0);
}

/// Registers an app in German that has only start-up's strings (one of them), which are
/// returned with it.
fn app_with_start_up_strings_in_german() -> (erasmi::i18n::I18n, BTreeMap<String, String>) {
    use erasmi_core::i18n::Strings;
    use leptos::prelude::*;
    let shell: BTreeMap<String, String> = [("app.name".to_owned(), "Werkzeugkasten".to_owned())]
        .into_iter()
        .collect();
    let i18n = erasmi::i18n::I18n {
        lang: RwSignal::new("de".to_owned()),
        strings: RwSignal::new(Strings::new("de", shell.clone(), shell.clone())),
        languages: StoredValue::new(Vec::new()),
    };
    erasmi::i18n::register(i18n, false);
    (i18n, shell)
}

/// The first page of a part waits for all UI strings, after start-up's few: they are fetched
/// once. A language whose file cannot be read keeps start-up's strings, with all of English
/// behind them.
#[wasm_bindgen_test]
async fn all_strings_are_loaded_once_and_a_missing_file_falls_back_to_english() {
    use erasmi_core::i18n::{parse_strings, Strings};
    use leptos::prelude::*;
    let de = parse_strings("de", include_str!("../content/i18n/de.json")).unwrap();
    let en = parse_strings("en", include_str!("../content/i18n/en.json")).unwrap();
    let requests_for = count_requests();
    let (i18n, shell) = app_with_start_up_strings_in_german();
    assert_eq!(i18n.strings.get_untracked().get("quiz.title"), "quiz.title");
    // Two callers at once (a part's page and the catalog's assignments): one fetch each.
    futures::join!(erasmi::i18n::all_strings(), erasmi::i18n::all_strings());
    assert_eq!(
        i18n.strings.get_untracked().get("quiz.title"),
        de["quiz.title"]
    );
    assert_eq!(requests_for("i18n/de.json"), 1);
    assert_eq!(requests_for("i18n/en.json"), 1);
    erasmi::i18n::all_strings().await;
    assert_eq!(requests_for("i18n/de.json"), 1);

    // A language without a file: what start-up loaded stays, all of English behind it.
    i18n.lang.set("xx".to_owned());
    i18n.strings
        .set(Strings::new("xx", shell.clone(), shell.clone()));
    erasmi::i18n::all_strings().await;
    assert_eq!(requests_for("i18n/xx.json"), 1);
    let strings = i18n.strings.get_untracked();
    assert_eq!(strings.get("app.name"), "Werkzeugkasten");
    assert_eq!(strings.get("quiz.title"), en["quiz.title"]);

    // Later tests run without a registered app.
    i18n.lang.dispose();
    erasmi::i18n::all_strings().await;
}

/// A page that stops waiting for the strings half-way (the learner moved on while it loaded)
/// leaves the load to finish for the next page: the strings arrive, fetched once.
#[wasm_bindgen_test]
async fn all_strings_arrive_when_the_first_caller_stops_waiting() {
    use erasmi_core::i18n::parse_strings;
    use futures::FutureExt;
    use leptos::prelude::*;
    let de = parse_strings("de", include_str!("../content/i18n/de.json")).unwrap();
    let requests_for = count_requests();
    let (i18n, _) = app_with_start_up_strings_in_german();
    // The first page starts the load and is dropped before it ends.
    assert!(Box::pin(erasmi::i18n::all_strings())
        .now_or_never()
        .is_none());
    // The next page waits for it, not for ever.
    let loaded = futures::select! {
        () = erasmi::i18n::all_strings().fuse() => true,
        () = gloo_timers::future::TimeoutFuture::new(10_000).fuse() => false,
    };
    assert!(loaded, "the strings never arrived");
    assert_eq!(
        i18n.strings.get_untracked().get("quiz.title"),
        de["quiz.title"]
    );
    assert_eq!(requests_for("i18n/de.json"), 1);

    // Later tests run without a registered app.
    i18n.lang.dispose();
    erasmi::i18n::all_strings().await;
}

/// The document title names the page, then the app.
#[wasm_bindgen_test]
fn the_title_names_the_page_then_the_app() {
    use erasmi::ui::title::title_for;
    assert_eq!(
        title_for(Some("  Learning\n   modules "), "ERASMI Toolkit"),
        "Learning modules – ERASMI Toolkit"
    );
    assert_eq!(title_for(None, "ERASMI Toolkit"), "ERASMI Toolkit");
    assert_eq!(title_for(Some("  "), "ERASMI Toolkit"), "ERASMI Toolkit");
    assert_eq!(
        title_for(Some("ERASMI Toolkit"), "ERASMI Toolkit"),
        "ERASMI Toolkit"
    );
}
