//! Fetches content files and hands them to the core crate to parse.
//!
//! The catalog and UI strings load at start; a module file loads only when the module is opened,
//! and is then kept in memory for the session.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::Arc;

use erasmi_core::content::{
    Blueprints, Catalog, Compendium, CompetenceFramework, Glossary, HealthCheck, Languages, Module,
    Taxonomy,
};
use erasmi_core::progress::ProgressFile;
use erasmi_core::search::{Doc, SearchFile};
use erasmi_core::validate::{self, ContentError};
use futures::channel::oneshot;
use gloo_net::http::Request;

/// Why a content file could not be used.
#[derive(Debug, Clone, PartialEq)]
pub enum LoadProblem {
    /// The server answered 404.
    NotFound,
    /// The server answered with another error status.
    Status(u16),
    /// No answer (offline and not stored yet, or the server is down).
    Network(String),
    /// The file arrived but is not valid content.
    Content(ContentError),
    /// A UI string file arrived but is not a flat JSON object of strings.
    Strings(String),
}

/// A content file that could not be used, named by its path under `content/`.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadError {
    pub file: String,
    pub problem: LoadProblem,
}

async fn fetch_text(file: &str) -> Result<String, LoadError> {
    let fail = |problem| LoadError {
        file: file.to_owned(),
        problem,
    };
    let response = Request::get(&format!("/content/{file}"))
        .send()
        .await
        .map_err(|e| fail(LoadProblem::Network(e.to_string())))?;
    match response.status() {
        200 => response
            .text()
            .await
            .map_err(|e| fail(LoadProblem::Network(e.to_string()))),
        404 => Err(fail(LoadProblem::NotFound)),
        s => Err(fail(LoadProblem::Status(s))),
    }
}

fn content_error(file: &str, e: ContentError) -> LoadError {
    LoadError {
        file: file.to_owned(),
        problem: LoadProblem::Content(e),
    }
}

/// Loads `catalog.json`.
pub async fn load_catalog() -> Result<Catalog, LoadError> {
    let file = "catalog.json";
    let json = fetch_text(file).await?;
    validate::parse(&json).map_err(|e| content_error(file, e))
}

/// Loads `i18n/languages.json`.
pub async fn load_languages() -> Result<Languages, LoadError> {
    let file = "i18n/languages.json";
    let json = fetch_text(file).await?;
    validate::parse(&json).map_err(|e| content_error(file, e))
}

/// Loads the UI strings start-up needs in one language (`i18n/shell/<code>.json`, see
/// `erasmi_core::native::SHELL_SOURCES`), or all of them where that file is missing or broken.
pub async fn load_shell_strings(
    lang: &str,
) -> Result<std::collections::BTreeMap<String, String>, LoadError> {
    let file = format!("i18n/shell/{lang}.json");
    let shell = match fetch_text(&file).await {
        Ok(json) => erasmi_core::i18n::parse_strings(lang, &json).ok(),
        Err(_) => None,
    };
    match shell {
        Some(strings) => Ok(strings),
        None => load_strings(lang).await,
    }
}

/// Loads the UI strings of one language.
pub async fn load_strings(
    lang: &str,
) -> Result<std::collections::BTreeMap<String, String>, LoadError> {
    let file = format!("i18n/{lang}.json");
    let json = fetch_text(&file).await?;
    erasmi_core::i18n::parse_strings(lang, &json).map_err(|e| LoadError {
        file: file.clone(),
        problem: LoadProblem::Strings(e.to_string()),
    })
}

thread_local! {
    static MODULES: RefCell<HashMap<String, Arc<Module>>> = RefCell::new(HashMap::new());
    /// Modules being fetched, with whoever waits for them: a second caller (start-up's early
    /// fetch, then the page) waits for the first fetch instead of starting another.
    static LOADING: RefCell<HashMap<String, Vec<oneshot::Sender<ModuleResult>>>> = RefCell::new(HashMap::new());
    /// Module files fetched ahead of their page (`prefetch_module`), as text until a page loads
    /// them: the code that parses and checks a module stays out of the main wasm, in the parts
    /// that show modules.
    static PREFETCHED: RefCell<HashMap<String, oneshot::Receiver<Result<String, LoadError>>>> = RefCell::new(HashMap::new());
}

type ModuleResult = Result<Arc<Module>, LoadError>;

/// Loads `modules/<id>.json` (once per session), parsed and checked.
pub async fn load_module(id: &str) -> ModuleResult {
    if let Some(m) = MODULES.with(|c| c.borrow().get(id).cloned()) {
        return Ok(m);
    }
    let waiting = LOADING.with(|l| {
        l.borrow_mut().get_mut(id).map(|waiters| {
            let (tx, rx) = oneshot::channel();
            waiters.push(tx);
            rx
        })
    });
    if let Some(rx) = waiting {
        // Cancelled only if the first fetch was dropped half-way: then fetch here.
        if let Ok(result) = rx.await {
            return result;
        }
        return fetch_module(id).await;
    }
    LOADING.with(|l| l.borrow_mut().insert(id.to_owned(), Vec::new()));
    // Whatever happens to this future, the entry goes, and the waiters are answered or
    // cancelled.
    struct Loading<'a>(&'a str);
    impl Drop for Loading<'_> {
        fn drop(&mut self) {
            LOADING.with(|l| l.borrow_mut().remove(self.0));
        }
    }
    let _guard = Loading(id);
    let result = fetch_module(id).await;
    if let Ok(m) = &result {
        MODULES.with(|c| c.borrow_mut().insert(id.to_owned(), m.clone()));
    }
    let waiters = LOADING
        .with(|l| l.borrow_mut().remove(id))
        .unwrap_or_default();
    for tx in waiters {
        let _ = tx.send(result.clone());
    }
    result
}

/// Starts fetching a module's file ahead of the page that will show it; `load_module` then
/// parses what arrived.
pub fn prefetch_module(id: &str) {
    if !erasmi_core::markdown::is_id(id) || MODULES.with(|c| c.borrow().contains_key(id)) {
        return;
    }
    let (tx, rx) = oneshot::channel();
    PREFETCHED.with(|p| p.borrow_mut().insert(id.to_owned(), rx));
    let file = format!("modules/{id}.json");
    wasm_bindgen_futures::spawn_local(async move {
        let _ = tx.send(fetch_text(&file).await);
    });
}

async fn fetch_module(id: &str) -> ModuleResult {
    let file = format!("modules/{id}.json");
    if !erasmi_core::markdown::is_id(id) {
        return Err(LoadError {
            file,
            problem: LoadProblem::NotFound,
        });
    }
    // The early fetch answers the first load, as a second fetch at once would; a failure is
    // not kept (see `load_module`).
    let json = match PREFETCHED.with(|p| p.borrow_mut().remove(id)) {
        Some(early) => match early.await {
            Ok(text) => text?,
            Err(oneshot::Canceled) => fetch_text(&file).await?,
        },
        None => fetch_text(&file).await?,
    };
    let module = validate::parse_module(&json).map_err(|e| content_error(&file, e))?;
    if module.id != id {
        return Err(content_error(
            &file,
            ContentError::Invalid(vec![validate::Problem {
                path: "id".into(),
                message: format!("is {:?}, but the file is named {id:?}", module.id),
            }]),
        ));
    }
    Ok(Arc::new(module))
}

thread_local! {
    static FILES: RefCell<HashMap<&'static str, Arc<dyn std::any::Any + Send + Sync>>> = RefCell::new(HashMap::new());
}

/// Loads a shared content file (`cases.json`, `glossary.json`, …) once per session.
async fn load_shared<T>(file: &'static str) -> Result<Arc<T>, LoadError>
where
    T: serde::de::DeserializeOwned + validate::Versioned + Send + Sync + 'static,
{
    if let Some(v) = FILES.with(|c| c.borrow().get(file).cloned()) {
        if let Ok(v) = v.downcast::<T>() {
            return Ok(v);
        }
    }
    let json = fetch_text(file).await?;
    let value: Arc<T> = Arc::new(validate::parse(&json).map_err(|e| content_error(file, e))?);
    FILES.with(|c| c.borrow_mut().insert(file, value.clone()));
    Ok(value)
}

/// Loads `cases.json`.
pub async fn load_cases() -> Result<Arc<Compendium>, LoadError> {
    load_shared("cases.json").await
}

/// Loads `taxonomy.json`.
pub async fn load_taxonomy() -> Result<Arc<Taxonomy>, LoadError> {
    load_shared("taxonomy.json").await
}

/// Loads `blueprints.json`.
pub async fn load_blueprints() -> Result<Arc<Blueprints>, LoadError> {
    load_shared("blueprints.json").await
}

/// Loads `glossary.json`.
pub async fn load_glossary() -> Result<Arc<Glossary>, LoadError> {
    load_shared("glossary.json").await
}

/// Loads `health-check.json`.
pub async fn load_health_check() -> Result<Arc<HealthCheck>, LoadError> {
    load_shared("health-check.json").await
}

/// Loads `competences.json`.
pub async fn load_competences() -> Result<Arc<CompetenceFramework>, LoadError> {
    load_shared("competences.json").await
}

/// `progress.json` (written at publishing time): what the progress page needs from each module
/// beyond the catalog, once per session. `None` when it is missing or unusable; the page then
/// reads the module files instead.
pub async fn load_progress_file() -> Option<Arc<ProgressFile>> {
    load_shared(ProgressFile::PATH).await.ok()
}

/// The searchable documents of one language, from every content file.
async fn documents_from_content(lang: &str) -> Result<Vec<Doc>, LoadError> {
    let catalog = load_catalog().await?;
    let mut modules = Vec::new();
    for entry in &catalog.modules {
        if let Ok(m) = load_module(&entry.id).await {
            modules.push((*m).clone());
        }
    }
    let cases = load_cases().await?;
    let blueprints = load_blueprints().await?;
    let glossary = load_glossary().await?;
    Ok(erasmi_core::search::documents(
        lang,
        &modules,
        &cases.cases,
        &blueprints.blueprints,
        &glossary.terms,
    ))
}

thread_local! {
    static SEARCH: RefCell<HashMap<String, Arc<erasmi_core::search::Index>>> = RefCell::new(HashMap::new());
}

/// The search index of one language, built on first use from `search/<lang>.json` (written at
/// publishing time). Without a usable file for the language, it is built from every content file
/// instead (modules that fail to load are left out, so one broken file does not break search).
pub async fn load_search_index(lang: &str) -> Result<Arc<erasmi_core::search::Index>, LoadError> {
    if let Some(i) = SEARCH.with(|c| c.borrow().get(lang).cloned()) {
        return Ok(i);
    }
    let prebuilt = match fetch_text(&SearchFile::path(lang)).await {
        Ok(json) => validate::parse::<SearchFile>(&json)
            .ok()
            .filter(|f| f.lang == lang),
        Err(_) => None,
    };
    let docs = match prebuilt {
        Some(file) => file.docs,
        None => documents_from_content(lang).await?,
    };
    let index = Arc::new(erasmi_core::search::Index::new(docs));
    SEARCH.with(|c| c.borrow_mut().insert(lang.to_owned(), index.clone()));
    Ok(index)
}
