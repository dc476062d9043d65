//! Browser tests (wasm-bindgen-test in headless Chromium): the IndexedDB store and components.
//! Run with `cargo test -p erasmi --target wasm32-unknown-unknown` (or `make test`).
#![cfg(target_arch = "wasm32")]

use std::collections::BTreeMap;

use erasmi::state::Setting;
use erasmi::store::schema::{StoreName, VERSION};
use erasmi::store::Store;
use erasmi_core::progress::{LessonProgress, Profile};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const FIXTURE_V1: &str = include_str!("fixtures/schema/v1.json");

fn unique_name(test: &str) -> String {
    format!("erasmi-test-{test}-{}", js_sys::Math::random())
}

#[derive(serde::Deserialize)]
struct Fixture {
    version: u32,
    stores: BTreeMap<String, Vec<String>>,
    records: FixtureRecords,
}

#[derive(serde::Deserialize)]
struct FixtureRecords {
    profiles: Vec<Profile>,
    lesson_progress: Vec<LessonProgress>,
    settings: Vec<Setting>,
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
    store
        .delete(StoreName::LessonProgress, "a", "m/one")
        .await
        .unwrap();
    let a: Vec<LessonProgress> = store.all(StoreName::LessonProgress, "a").await.unwrap();
    assert_eq!(a.len(), 1);
}

#[wasm_bindgen_test]
async fn the_schema_matches_the_v1_fixture_and_its_records_read_back() {
    let fixture: Fixture = serde_json::from_str(FIXTURE_V1).unwrap();
    assert_eq!(
        fixture.version, VERSION,
        "add a fixture and a migration test for the new schema version"
    );
    let name = unique_name("fixture");
    let store = Store::open_named(&name).await;
    let described: BTreeMap<String, Vec<String>> = store
        .describe()
        .into_iter()
        .map(|(s, mut i)| {
            i.sort();
            (s, i)
        })
        .collect();
    assert_eq!(described, fixture.stores);

    for p in &fixture.records.profiles {
        store.put(StoreName::Profiles, p).await.unwrap();
    }
    for r in &fixture.records.lesson_progress {
        store.put(StoreName::LessonProgress, r).await.unwrap();
    }
    for s in &fixture.records.settings {
        store.put(StoreName::Settings, s).await.unwrap();
    }
    store.close();

    let store = Store::open_named(&name).await;
    for p in &fixture.records.profiles {
        let back: Option<Profile> = store
            .get(StoreName::Profiles, &p.profile, &p.id)
            .await
            .unwrap();
        assert_eq!(back.as_ref(), Some(p));
    }
    for r in &fixture.records.lesson_progress {
        let back: Option<LessonProgress> = store
            .get(StoreName::LessonProgress, &r.profile, &r.id)
            .await
            .unwrap();
        assert_eq!(back.as_ref(), Some(r));
    }
    for s in &fixture.records.settings {
        let back: Option<Setting> = store
            .get(StoreName::Settings, &s.profile, &s.id)
            .await
            .unwrap();
        assert_eq!(back.as_ref(), Some(s));
    }
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
