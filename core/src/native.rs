//! Native-only helpers for the content tools and tests: load a content directory, generate the
//! JSON Schema. Never compiled into the wasm.

use std::path::{Path, PathBuf};

use schemars::{schema_for, JsonSchema};
use serde::de::DeserializeOwned;

use crate::content::*;
use crate::validate::{parse, Bundle, ContentError, Versioned};

/// A content file that could not be loaded.
#[derive(Debug, thiserror::Error)]
#[error("{file}: {error}")]
pub struct LoadError {
    pub file: PathBuf,
    pub error: String,
}

fn load<T: DeserializeOwned + Versioned>(dir: &Path, name: &str) -> Result<T, LoadError> {
    let file = dir.join(name);
    let json = std::fs::read_to_string(&file).map_err(|e| LoadError {
        file: file.clone(),
        error: e.to_string(),
    })?;
    parse(&json).map_err(|e: ContentError| LoadError {
        file,
        error: e.to_string(),
    })
}

/// Loads every content file of `dir` (the `content/` folder).
pub fn load_bundle(dir: &Path) -> Result<Bundle, LoadError> {
    let catalog: Catalog = load(dir, "catalog.json")?;
    let mut modules = Vec::new();
    let mut entries: Vec<_> = std::fs::read_dir(dir.join("modules"))
        .map_err(|e| LoadError {
            file: dir.join("modules"),
            error: e.to_string(),
        })?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    entries.sort();
    for path in entries {
        let name = path
            .strip_prefix(dir)
            .expect("inside dir")
            .to_string_lossy()
            .into_owned();
        let module: Module = load(dir, &name)?;
        let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned());
        if stem.as_deref() != Some(module.id.as_str()) {
            return Err(LoadError {
                file: path,
                error: format!("file name does not match module id {:?}", module.id),
            });
        }
        modules.push(module);
    }
    Ok(Bundle {
        catalog,
        modules,
        competences: load(dir, "competences.json")?,
        taxonomy: load(dir, "taxonomy.json")?,
        cases: load(dir, "cases.json")?,
        blueprints: load(dir, "blueprints.json")?,
        glossary: load(dir, "glossary.json")?,
        health_check: load(dir, "health-check.json")?,
        languages: load(dir, "i18n/languages.json")?,
    })
}

fn parse_nodes(markdown: &str) -> Vec<crate::markdown::Node> {
    crate::markdown::parse(markdown).nodes
}

/// The bundle with every markdown text parsed, as the build ships it.
pub fn parsed(bundle: &Bundle) -> Bundle {
    let mut b = bundle.clone();
    for m in &mut b.modules {
        m.parse_markdown(&parse_nodes);
    }
    b.cases.parse_markdown(&parse_nodes);
    b.blueprints.parse_markdown(&parse_nodes);
    b
}

/// Rewrites the content files of `dir` that hold markdown (modules, cases, blueprints) with
/// every text parsed into its safe tree, so the app draws them without a markdown parser
/// (`content-check --compile DIR`, run by the build on its copy of `content/`). The files must
/// pass the content check first; a file that is already parsed is written unchanged.
pub fn compile(dir: &Path) -> Result<Vec<PathBuf>, LoadError> {
    let bundle = parsed(&load_bundle(dir)?);
    let write = |name: String, json: Result<String, serde_json::Error>| {
        let file = dir.join(name);
        json.map_err(|e| e.to_string())
            .and_then(|json| std::fs::write(&file, json).map_err(|e| e.to_string()))
            .map_err(|error| LoadError {
                file: file.clone(),
                error,
            })
            .map(|()| file)
    };
    let mut written = Vec::new();
    for m in &bundle.modules {
        written.push(write(
            format!("modules/{}.json", m.id),
            serde_json::to_string(m),
        )?);
    }
    written.push(write(
        "cases.json".into(),
        serde_json::to_string(&bundle.cases),
    )?);
    written.push(write(
        "blueprints.json".into(),
        serde_json::to_string(&bundle.blueprints),
    )?);
    Ok(written)
}

/// One module file (JSON) as the build ships it: checked, with its markdown parsed
/// (`content-check --parse-module`, which the end-to-end tests use for their own modules).
pub fn parsed_module(json: &str) -> Result<String, ContentError> {
    let mut module = crate::validate::parse_module(json)?;
    module.parse_markdown(&parse_nodes);
    Ok(serde_json::to_string(&module).expect("a module serialises"))
}

/// The search files of every offered language (`content/search/<lang>.json`), as
/// `(path under content/, JSON)`. Modules are in catalog order, as the app lists them.
pub fn search_files(bundle: &Bundle) -> Vec<(String, String)> {
    let bundle = &parsed(bundle);
    let mut modules: Vec<&Module> = bundle.modules.iter().collect();
    modules.sort_by_key(|m| {
        bundle
            .catalog
            .modules
            .iter()
            .position(|e| e.id == m.id)
            .unwrap_or(usize::MAX)
    });
    let modules: Vec<Module> = modules.into_iter().cloned().collect();
    bundle
        .language_codes()
        .into_iter()
        .map(|lang| {
            let file = crate::search::SearchFile {
                format: CONTENT_FORMAT,
                lang: lang.to_owned(),
                docs: crate::search::documents(
                    lang,
                    &modules,
                    &bundle.cases.cases,
                    &bundle.blueprints.blueprints,
                    &bundle.glossary.terms,
                ),
            };
            let mut json = serde_json::to_string(&file).expect("search file serialises");
            json.push('\n');
            (crate::search::SearchFile::path(lang), json)
        })
        .collect()
}

/// `content/progress.json` ([`ProgressFile`]): the facts of every module the progress page
/// needs beyond the catalog, in catalog order, as `(path under content/, JSON)`.
///
/// [`ProgressFile`]: crate::progress::ProgressFile
pub fn progress_file(bundle: &Bundle) -> (String, String) {
    use crate::progress::{ModuleFacts, ProgressFile};
    let file = ProgressFile {
        format: CONTENT_FORMAT,
        modules: bundle
            .catalog
            .modules
            .iter()
            .filter_map(|e| bundle.modules.iter().find(|m| m.id == e.id))
            .map(ModuleFacts::of)
            .collect(),
    };
    let mut json = serde_json::to_string(&file).expect("progress file serialises");
    json.push('\n');
    (ProgressFile::PATH.to_owned(), json)
}

/// Every file `make catalog` writes from the module files besides the catalog: the search
/// files ([`search_files`]) and the progress file ([`progress_file`]).
pub fn generated_files(bundle: &Bundle) -> Vec<(String, String)> {
    let mut files = search_files(bundle);
    files.push(progress_file(bundle));
    files
}

/// The generated files under `dir` that are missing or differ from [`generated_files`].
pub fn stale_generated_files(dir: &Path, bundle: &Bundle) -> Vec<String> {
    generated_files(bundle)
        .into_iter()
        .filter(|(path, json)| std::fs::read_to_string(dir.join(path)).ok().as_ref() != Some(json))
        .map(|(path, _)| path)
        .collect()
}

/// Writes the generated files ([`generated_files`]) under `dir`.
pub fn write_generated_files(dir: &Path, bundle: &Bundle) -> std::io::Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir.join("search"))?;
    let mut written = Vec::new();
    for (path, json) in generated_files(bundle) {
        std::fs::write(dir.join(&path), json)?;
        written.push(dir.join(path));
    }
    Ok(written)
}

/// What the build's pre-rendered lesson pages show (`tools/prerender.mjs`), as JSON: for every
/// lesson, in every offered language it is written in, the texts and the parsed documents the
/// lesson page draws (`src/ui/pages/lesson.rs`). The page's text is parsed by [`markdown::parse`],
/// which also makes the trees the build ships to the app (see [`compile`]), so both draw the same
/// document. A language the lesson's text is not
/// written in is left out: the app shows English there with a note, which stays the app's to draw.
///
/// [`markdown::parse`]: crate::markdown::parse
pub fn lesson_pages(bundle: &Bundle) -> serde_json::Value {
    use crate::markdown;
    use serde_json::json;
    let langs = bundle.language_codes();
    let mut pages = Vec::new();
    for entry in &bundle.catalog.modules {
        let Some(module) = bundle.modules.iter().find(|m| m.id == entry.id) else {
            continue;
        };
        for lesson in &module.lessons {
            let (prev, next) = module.neighbours(&lesson.id);
            let minutes =
                markdown::reading_minutes(markdown::words(&lesson.body.get("en").parsed()));
            let mut texts = serde_json::Map::new();
            for lang in &langs {
                let body = lesson.body.localized(lang);
                if body.is_fallback {
                    continue;
                }
                let neighbour = |l: Option<&Lesson>| {
                    l.map(|l| json!({ "id": l.id, "title": l.title.get(lang) }))
                };
                texts.insert(
                    (*lang).to_owned(),
                    json!({
                        "module_title": module.title.get(lang),
                        "title": lesson.title.get(lang),
                        "body": body.markdown.parsed(),
                        "activity_title": lesson.activity.title.get(lang),
                        "activity_body": lesson.activity.body.get(lang).parsed(),
                        "prev": neighbour(prev),
                        "next": neighbour(next),
                    }),
                );
            }
            pages.push(json!({
                "module": module.id,
                "lesson": lesson.id,
                "reading_minutes": minutes,
                "languages": texts,
            }));
        }
    }
    json!({ "pages": pages })
}

fn schema<T: JsonSchema>() -> String {
    let mut s = serde_json::to_string_pretty(&schema_for!(T)).expect("schema serialises");
    s.push('\n');
    s
}

/// The generated JSON Schema of every content file kind: `(file name, schema JSON)`.
pub fn schemas() -> Vec<(&'static str, String)> {
    vec![
        ("catalog.schema.json", schema::<Catalog>()),
        ("module.schema.json", schema::<Module>()),
        ("competences.schema.json", schema::<CompetenceFramework>()),
        ("taxonomy.schema.json", schema::<Taxonomy>()),
        ("cases.schema.json", schema::<Compendium>()),
        ("blueprints.schema.json", schema::<Blueprints>()),
        ("glossary.schema.json", schema::<Glossary>()),
        ("health-check.schema.json", schema::<HealthCheck>()),
        ("languages.schema.json", schema::<Languages>()),
    ]
}

/// The app's source files compiled into its main wasm module, the one every page needs (the
/// rest is in parts fetched with their pages, `src/app.rs`): the UI strings they name are the
/// ones start-up loads ([`shell_string_files`]). A file that joins the main module joins this list.
pub const SHELL_SOURCES: &[&str] = &[
    "app.rs",
    "device.rs",
    "i18n.rs",
    "lib.rs",
    "main.rs",
    "panic.rs",
    "pwa.rs",
    "source.rs",
    "state.rs",
    "store/mod.rs",
    "store/schema.rs",
    "ui/dom.rs",
    "ui/title.rs",
    "ui/components/activity.rs",
    "ui/components/avatar.rs",
    "ui/components/banner.rs",
    "ui/components/content_error.rs",
    "ui/components/footer.rs",
    "ui/components/header.rs",
    "ui/components/paged.rs",
    "ui/components/profile_menu.rs",
    "ui/components/progress_ring.rs",
    "ui/components/skip_link.rs",
    "ui/pages/catalog.rs",
    "ui/pages/not_found.rs",
    "ui/pages/unavailable.rs",
];

/// The UI string keys the files of [`SHELL_SOURCES`] under `src` name: every key of `strings`
/// (English) that one of them has as a string literal (`"nav.catalog"`), with the key's plural
/// forms (`key#one` …).
pub fn shell_keys(
    src: &Path,
    strings: &std::collections::BTreeMap<String, String>,
) -> std::io::Result<std::collections::BTreeSet<String>> {
    let texts = SHELL_SOURCES
        .iter()
        .map(|file| std::fs::read_to_string(src.join(file)))
        .collect::<std::io::Result<Vec<_>>>()?;
    Ok(strings
        .keys()
        .filter(|k| {
            let literal = format!("\"{}\"", k.split('#').next().unwrap_or(k));
            texts.iter().any(|t| t.contains(&literal))
        })
        .cloned()
        .collect())
}

/// The start-up string files: for each offered language, `i18n/shell/<code>.json` with the
/// strings of [`shell_keys`] its own file has. Returns (path under the content folder, JSON).
pub fn shell_string_files(dir: &Path, src: &Path) -> Result<Vec<(String, String)>, LoadError> {
    let read = |name: &str| -> Result<std::collections::BTreeMap<String, String>, LoadError> {
        let file = dir.join(name);
        let json = std::fs::read_to_string(&file).map_err(|e| LoadError {
            file: file.clone(),
            error: e.to_string(),
        })?;
        crate::i18n::parse_strings(name, &json).map_err(|e| LoadError {
            file,
            error: e.to_string(),
        })
    };
    let languages: Languages = load(dir, "i18n/languages.json")?;
    let keys = shell_keys(src, &read("i18n/en.json")?).map_err(|e| LoadError {
        file: src.to_owned(),
        error: e.to_string(),
    })?;
    languages
        .languages
        .iter()
        .map(|l| {
            let own = read(&format!("i18n/{}.json", l.code))?;
            let shell: std::collections::BTreeMap<&String, &String> =
                own.iter().filter(|(k, _)| keys.contains(*k)).collect();
            let mut json = serde_json::to_string_pretty(&shell).expect("strings serialise");
            json.push('\n');
            Ok((format!("i18n/shell/{}.json", l.code), json))
        })
        .collect()
}

/// The app's source folder (`src/`), beside this crate.
pub fn app_source_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../src")
}
