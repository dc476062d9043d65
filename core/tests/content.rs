//! The shipped content in `content/` parses, cross-references resolve, and every editorial rule
//! holds; the generated JSON Schema is up to date; the UI string files are complete.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use erasmi_core::{i18n, native, validate};

fn content_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../content")
}

#[test]
fn shipped_content_passes_every_rule() {
    let bundle = native::load_bundle(&content_dir()).unwrap_or_else(|e| panic!("{e}"));
    let langs = bundle.language_codes();
    assert!(langs.contains(&"en") && langs.contains(&"de"));
    let problems = bundle.check();
    assert!(
        problems.is_empty(),
        "{} content problems:\n{}",
        problems.len(),
        problems
            .iter()
            .map(|p| p.to_string())
            .collect::<Vec<_>>()
            .join("\n")
    );
    assert!(bundle.modules.len() >= 2, "ship at least two modules");
}

#[test]
fn generated_schema_is_up_to_date() {
    let dir = content_dir().join("schema");
    for (name, json) in native::schemas() {
        let on_disk = std::fs::read_to_string(dir.join(name)).unwrap_or_default();
        assert!(
            on_disk == json,
            "content/schema/{name} is out of date: run `cargo run -p erasmi-core --bin content-check -- --write-schema`"
        );
    }
}

#[test]
fn generated_files_are_up_to_date() {
    let dir = content_dir();
    let bundle = native::load_bundle(&dir).unwrap_or_else(|e| panic!("{e}"));
    let stale = native::stale_generated_files(&dir, &bundle);
    assert!(
        stale.is_empty(),
        "{stale:?} out of date: run `make catalog`"
    );
    // Each file parses as content and holds every module and lesson of its language.
    for (path, json) in native::search_files(&bundle) {
        let file: erasmi_core::search::SearchFile =
            validate::parse(&json).unwrap_or_else(|e| panic!("{path}: {e}"));
        let lessons: usize = bundle.modules.iter().map(|m| m.lessons.len()).sum();
        assert_eq!(
            file.docs.len(),
            bundle.modules.len()
                + lessons
                + bundle.cases.cases.len()
                + bundle.blueprints.blueprints.len()
                + bundle.glossary.terms.len(),
            "{path}"
        );
    }
    // The progress file parses as content and has every catalog module, at its version, with
    // its pass mark and every self-assessment statement.
    let (path, json) = native::progress_file(&bundle);
    let file: erasmi_core::progress::ProgressFile =
        validate::parse(&json).unwrap_or_else(|e| panic!("{path}: {e}"));
    assert_eq!(file.modules.len(), bundle.catalog.modules.len());
    for e in &bundle.catalog.modules {
        let facts = file
            .facts(&e.id, e.version)
            .unwrap_or_else(|| panic!("{path}: {} at version {}", e.id, e.version));
        let m = bundle.modules.iter().find(|m| m.id == e.id).unwrap();
        assert_eq!(facts.pass_mark, m.quiz.pass_mark, "{}", e.id);
        assert_eq!(
            facts.self_assessment.len(),
            m.self_assessment.len(),
            "{}",
            e.id
        );
    }
}

fn strings(lang: &str) -> BTreeMap<String, String> {
    let path = content_dir().join(format!("i18n/{lang}.json"));
    i18n::parse_strings(lang, &std::fs::read_to_string(&path).unwrap()).unwrap()
}

/// Keys the app builds at run time (`quiz.type.<type>`), which a text search cannot see.
const DYNAMIC_KEYS: &[&str] = &[
    "quiz.type.single_choice",
    "quiz.type.multiple_choice",
    "quiz.type.true_false",
    "quiz.type.ordering",
    "quiz.type.matching",
    "quiz.type.short_text",
    "quiz.type.scenario",
    "quiz.true",
    "quiz.false",
    "self.scale.1",
    "self.scale.2",
    "self.scale.3",
    "self.scale.4",
    "self.scale.5",
    "profiles.color.teal",
    "profiles.color.blue",
    "profiles.color.purple",
    "profiles.color.magenta",
    "profiles.color.red",
    "profiles.color.orange",
    "profiles.color.green",
    "profiles.color.slate",
];

/// The worksheet keys built from the tool, quadrant, attitude and scale names.
fn worksheet_keys() -> Vec<String> {
    use erasmi_core::worksheet::{Attitude, EntryError, Quadrant, Tool};
    let mut keys: Vec<String> = EntryError::MESSAGE_KEYS
        .iter()
        .map(|k| k.to_string())
        .collect();
    for t in Tool::ALL {
        for part in [
            "title", "summary", "lead", "task", "new_name", "create", "empty",
        ] {
            keys.push(format!("tools.{}.{part}", t.key()));
        }
    }
    keys.extend(Quadrant::ALL.map(|q| format!("tools.stakeholder_map.quadrant.{}", q.key())));
    keys.extend(Attitude::ALL.map(|a| format!("tools.stakeholder_map.attitude.{}", a.as_str())));
    keys.extend((1..=5).map(|n| format!("tools.health_check.scale.{n}")));
    keys.extend(
        erasmi_core::appearance::Theme::ALL.map(|t| format!("settings.theme.{}", t.as_str())),
    );
    keys.extend(
        erasmi_core::appearance::TextSize::ALL
            .map(|t| format!("settings.text_size.{}", t.as_str())),
    );
    keys.extend(
        [
            "type",
            "goal",
            "title",
            "partners",
            "start",
            "end",
            "resources",
            "indicator",
            "measure",
            "milestone",
        ]
        .map(|k| format!("tools.action_plan.csv.{k}")),
    );
    keys
}

/// Every string key used in the app's source: the first string literal after `tr(`, `.t(` or
/// `.format(`.
fn keys_used_in_source() -> BTreeSet<String> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for e in std::fs::read_dir(dir).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push(p);
            }
        }
    }
    let mut files = Vec::new();
    walk(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("../src"),
        &mut files,
    );
    let mut keys = BTreeSet::new();
    for f in files {
        let src = std::fs::read_to_string(&f).unwrap();
        for marker in ["tr(", ".t(", ".format(", ".plural("] {
            for (i, _) in src.match_indices(marker) {
                let rest = src[i + marker.len()..].trim_start();
                if let Some(rest) = rest.strip_prefix('"') {
                    if let Some(end) = rest.find('"') {
                        let key = &rest[..end];
                        if key.contains('.')
                            && key.chars().all(|c| {
                                c.is_ascii_lowercase() || c.is_ascii_digit() || c == '.' || c == '_'
                            })
                        {
                            keys.insert(key.to_owned());
                        }
                    }
                }
            }
        }
    }
    keys.extend(DYNAMIC_KEYS.iter().map(|k| k.to_string()));
    keys.extend(worksheet_keys());
    keys.extend(
        erasmi_core::backup::BackupError::MESSAGE_KEYS
            .iter()
            .map(|k| k.to_string()),
    );
    keys.extend(
        [
            erasmi_core::progress::ProfileNameError::Empty,
            erasmi_core::progress::ProfileNameError::TooLong,
            erasmi_core::progress::ProfileNameError::Taken,
        ]
        .iter()
        .map(|e| e.message_key().to_string()),
    );
    keys
}

#[test]
fn every_ui_key_exists_in_english_and_german() {
    let used = keys_used_in_source();
    assert!(
        used.len() > 50,
        "the key scan found only {} keys",
        used.len()
    );
    for lang in ["en", "de"] {
        let s = strings(lang);
        let missing: Vec<_> = used.iter().filter(|k| !s.contains_key(*k)).collect();
        assert!(
            missing.is_empty(),
            "keys missing from {lang}.json: {missing:?}"
        );
    }
}

#[test]
fn english_and_german_string_files_have_the_same_keys_and_differ() {
    let en = strings("en");
    let de = strings("de");
    let en_keys: BTreeSet<_> = en.keys().collect();
    let de_keys: BTreeSet<_> = de.keys().collect();
    assert_eq!(
        en_keys, de_keys,
        "en.json and de.json must have the same keys"
    );
    let untranslated: Vec<_> = en
        .iter()
        .filter(|(k, v)| v.split_whitespace().count() > 2 && de.get(*k) == Some(v))
        .map(|(k, _)| k)
        .collect();
    assert!(
        untranslated.is_empty(),
        "German equals English for {untranslated:?}"
    );
}

#[test]
fn every_offered_language_has_a_string_file() {
    let json = std::fs::read_to_string(content_dir().join("i18n/languages.json")).unwrap();
    let langs: erasmi_core::content::Languages = validate::parse(&json).unwrap();
    for l in langs.languages {
        assert!(!strings(&l.code).is_empty(), "{} has no strings", l.code);
    }
}

#[test]
fn every_lesson_has_a_pre_rendered_page_in_each_language_it_is_written_in() {
    use erasmi_core::markdown;
    let mut bundle = native::load_bundle(&content_dir()).unwrap_or_else(|e| panic!("{e}"));
    // One lesson loses its German text: its page has no German block (the app shows English
    // there, with a note).
    let first = bundle.catalog.modules[0].id.clone();
    let module = bundle.modules.iter_mut().find(|m| m.id == first).unwrap();
    let english = module.lessons[1].body.get("en").clone();
    module.lessons[1].body =
        erasmi_core::content::RichText([("en".to_owned(), english)].into_iter().collect());

    let json = native::lesson_pages(&bundle);
    let pages = json["pages"].as_array().unwrap();
    let lessons: usize = bundle.modules.iter().map(|m| m.lessons.len()).sum();
    assert_eq!(pages.len(), lessons);
    // In catalog order, each module's lessons in their order.
    let order: Vec<(String, String)> = bundle
        .catalog
        .modules
        .iter()
        .flat_map(|e| {
            let m = bundle.modules.iter().find(|m| m.id == e.id).unwrap();
            m.lessons.iter().map(|l| (m.id.clone(), l.id.clone()))
        })
        .collect();
    let listed: Vec<(String, String)> = pages
        .iter()
        .map(|p| {
            (
                p["module"].as_str().unwrap().to_owned(),
                p["lesson"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(listed, order);

    for p in pages {
        let m = bundle.modules.iter().find(|m| m.id == p["module"]).unwrap();
        let l = m.lesson(p["lesson"].as_str().unwrap()).unwrap();
        assert_eq!(
            p["reading_minutes"],
            markdown::reading_minutes(markdown::words(&l.body.get("en").parsed()))
        );
        let mut written: Vec<&str> = p["languages"]
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        written.sort();
        let expected: Vec<&str> = if m.id == first && l.id == m.lessons[1].id {
            vec!["en"]
        } else {
            vec!["de", "en"]
        };
        assert_eq!(written, expected, "{}/{}", m.id, l.id);
        for lang in written {
            let t = &p["languages"][lang];
            assert_eq!(t["title"], l.title.get(lang));
            assert_eq!(t["module_title"], m.title.get(lang));
            // The document is the one the app's parser makes.
            let body: Vec<markdown::Node> = serde_json::from_value(t["body"].clone()).unwrap();
            assert_eq!(body, l.body.get(lang).parsed());
            let activity: Vec<markdown::Node> =
                serde_json::from_value(t["activity_body"].clone()).unwrap();
            assert_eq!(activity, l.activity.body.get(lang).parsed());
            let (prev, next) = m.neighbours(&l.id);
            assert_eq!(t["prev"]["id"].as_str(), prev.map(|l| l.id.as_str()));
            assert_eq!(t["next"]["id"].as_str(), next.map(|l| l.id.as_str()));
            assert_eq!(t["next"]["title"].as_str(), next.map(|l| l.title.get(lang)));
        }
    }
}

/// The catalog carries the competence names its cards show; the check keeps them complete and
/// equal to `competences.json`.
#[test]
fn catalog_competence_names_are_complete_and_agree_with_the_framework() {
    let bundle = native::load_bundle(&content_dir()).unwrap_or_else(|e| panic!("{e}"));
    let listed: BTreeSet<&str> = bundle
        .catalog
        .modules
        .iter()
        .flat_map(|e| e.competences.iter().map(String::as_str))
        .collect();
    for id in &listed {
        let framework = bundle
            .competences
            .competences
            .iter()
            .find(|c| c.id == *id)
            .unwrap();
        assert_eq!(
            bundle.catalog.competence_name(id, "de"),
            Some(framework.name.get("de"))
        );
    }

    let mut renamed = bundle.clone();
    renamed.catalog.competences[0]
        .name
        .0
        .insert("en".into(), "Something else".into());
    let missing_id = bundle.catalog.competences[1].id.clone();
    let mut missing = bundle.clone();
    missing.catalog.competences.remove(1);
    let problems =
        |b: &validate::Bundle| -> Vec<String> { b.check().iter().map(|p| p.to_string()).collect() };
    let first = &bundle.catalog.competences[0].id;
    assert!(
        problems(&renamed)
            .iter()
            .any(|p| p.contains(&format!("catalog.json competence {first}"))
                && p.contains("name differs from competences.json")),
        "{:?}",
        problems(&renamed)
    );
    assert!(
        problems(&missing).iter().any(|p| p.contains(&format!(
            "competence {missing_id:?} has no name in the catalog"
        ))),
        "{:?}",
        problems(&missing)
    );
}

/// Start-up loads only the strings of the main module's files (`i18n/shell/<code>.json`,
/// written by `make catalog`); the rest arrive with the first page that needs them.
#[test]
fn start_up_string_files_are_up_to_date_and_hold_what_the_first_screen_names() {
    let dir = content_dir();
    let files = native::shell_string_files(&dir, &native::app_source_dir()).unwrap();
    for (path, json) in &files {
        let on_disk = std::fs::read_to_string(dir.join(path)).unwrap_or_default();
        assert!(
            &on_disk == json,
            "{path} is out of date: run `make catalog`"
        );
    }
    let shell = |lang: &str| {
        let (_, json) = files
            .iter()
            .find(|(p, _)| p == &format!("i18n/shell/{lang}.json"))
            .unwrap();
        i18n::parse_strings(lang, json).unwrap()
    };
    for lang in ["en", "de"] {
        let (shell, all) = (shell(lang), strings(lang));
        for key in [
            "app.name",
            "nav.catalog",
            "catalog.title",
            "catalog.lead",
            "module.duration",
            "module.lesson_count",
            "footer.funding",
            "not_found.title",
            "unavailable.title",
        ] {
            assert_eq!(shell.get(key), all.get(key), "{lang}: {key}");
        }
        // Plural forms come with their key.
        assert!(shell.keys().any(|k| k.starts_with("module.lesson_count#")));
        // A page's own strings wait for that page.
        assert!(!shell.contains_key("quiz.title") && all.contains_key("quiz.title"));
        assert!(
            shell.len() * 4 < all.len(),
            "{lang}: {} of {}",
            shell.len(),
            all.len()
        );
    }
}

#[test]
fn the_build_ships_every_markdown_text_parsed_and_the_files_still_load() {
    use erasmi_core::content::MarkdownFields;
    let dir = std::env::temp_dir().join(format!("erasmi-compile-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    copy_dir(&content_dir(), &dir);
    let source = native::load_bundle(&dir).unwrap_or_else(|e| panic!("{e}"));
    assert!(source
        .modules
        .iter()
        .cloned()
        .any(|mut m| m.has_markdown_source()));

    let written = native::compile(&dir).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(written.len(), source.modules.len() + 2);
    let shipped = native::load_bundle(&dir).unwrap_or_else(|e| panic!("{e}"));
    // No source is left, and every tree is the parser's.
    assert_eq!(shipped.modules, native::parsed(&source).modules);
    assert_eq!(shipped.cases, native::parsed(&source).cases);
    assert_eq!(shipped.blueprints, native::parsed(&source).blueprints);
    for mut m in shipped.modules.clone() {
        assert!(!m.has_markdown_source(), "{}", m.id);
    }
    // What the app builds from the shipped files is what the build indexed.
    assert_eq!(
        native::search_files(&shipped),
        native::search_files(&source)
    );
    // Compiling again changes nothing.
    let before = std::fs::read(dir.join("cases.json")).unwrap();
    native::compile(&dir).unwrap();
    assert_eq!(std::fs::read(dir.join("cases.json")).unwrap(), before);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn one_module_is_shipped_as_the_build_ships_the_folder() {
    let dir = content_dir();
    let source = std::fs::read_to_string(dir.join("modules/network-governance.json")).unwrap();
    let shipped = native::parsed_module(&source).unwrap_or_else(|e| panic!("{e}"));
    let module = validate::parse_module(&shipped).unwrap();
    let bundle = native::parsed(&native::load_bundle(&dir).unwrap());
    assert_eq!(
        Some(&module),
        bundle.modules.iter().find(|m| m.id == "network-governance")
    );
    // A text that parses to nothing (only raw HTML) passed the check as source, so its empty
    // tree passes too: the build never ships a file the app refuses.
    let mut html_only: serde_json::Value = serde_json::from_str(&source).unwrap();
    html_only["lessons"][0]["activity"]["body"]["en"] = "<div>only HTML</div>".into();
    let html_only = html_only.to_string();
    assert!(validate::parse_module(&html_only).is_ok());
    let shipped = native::parsed_module(&html_only).unwrap();
    assert!(shipped.contains(r#""activity":{"title""#));
    validate::parse_module(&shipped).unwrap_or_else(|e| panic!("{e}"));
    // A broken file is refused with its reason.
    let error =
        native::parsed_module(&source.replacen("\"lessons\"", "\"lesons\"", 1)).unwrap_err();
    assert!(error.to_string().contains("lesons"), "{error}");
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}
