//! UI strings: loads the per-language string files and looks keys up.
//!
//! Components never hold literal UI text: they call [`tr`] (or [`I18n::format`]) with a key from
//! `content/i18n/en.json`. A test in the core crate fails when a key used in `src/` is missing
//! from English or German.

use erasmi_core::content::Language;
use erasmi_core::i18n::Strings;
use leptos::prelude::*;
use std::cell::RefCell;
use std::collections::HashMap;

/// The reactive language state, provided as context.
#[derive(Clone, Copy)]
pub struct I18n {
    /// The active language code.
    pub lang: RwSignal<String>,
    /// Strings of the active language (with English behind them).
    pub strings: RwSignal<Strings>,
    /// Languages the app offers.
    pub languages: StoredValue<Vec<Language>>,
}

impl I18n {
    /// The text for `key` in the active language (reactive when read inside a closure).
    pub fn t(&self, key: &str) -> String {
        self.strings.with(|s| s.get(key).to_owned())
    }

    /// The text for `key` in the active language, outside reactive tracking.
    pub fn t_untracked(&self, key: &str) -> String {
        self.strings.with_untracked(|s| s.get(key).to_owned())
    }

    /// The text for `key` with placeholders filled.
    pub fn format(&self, key: &str, args: &[(&str, &str)]) -> String {
        self.strings.with(|s| s.format(key, args))
    }

    /// The text for `key` in the plural form the active language uses for `count` (through
    /// the browser's `Intl.PluralRules`), with `{count}` and the other placeholders filled.
    pub fn plural(&self, key: &str, count: usize, args: &[(&str, &str)]) -> String {
        let lang = self.lang.get();
        let category = plural_category(count as f64, &lang);
        let n = format_number(count as f64, &lang, 0);
        let mut all = vec![("count", n.as_str())];
        all.extend_from_slice(args);
        self.strings.with(|s| s.plural(key, &category, &all))
    }

    /// The active language code.
    pub fn lang(&self) -> String {
        self.lang.get()
    }
}

/// The language context.
pub fn use_i18n() -> I18n {
    expect_context::<I18n>()
}

/// A reactive view of the text for `key`: `view! { <h1>{tr("catalog.title")}</h1> }`.
pub fn tr(key: &'static str) -> impl Fn() -> String + Copy + Send + Sync + 'static {
    let i18n = use_i18n();
    move || i18n.t(key)
}

/// Sets `<html lang>` and `dir` for the active language.
pub fn apply_document_language(code: &str, languages: &[Language]) {
    let dir = languages
        .iter()
        .find(|l| l.code == code)
        .map(|l| l.dir.as_str())
        .unwrap_or("ltr");
    if let Some(html) = document().document_element() {
        let _ = html.set_attribute("lang", code);
        let _ = html.set_attribute("dir", dir);
    }
}

/// The best offered language for the browser's preferences, English when none matches.
pub fn preferred_language(languages: &[Language]) -> String {
    let navigator = window().navigator();
    let mut wanted: Vec<String> = navigator
        .languages()
        .iter()
        .filter_map(|v| v.as_string())
        .collect();
    if let Some(l) = navigator.language() {
        wanted.push(l);
    }
    for w in wanted {
        let primary = w.split('-').next().unwrap_or("").to_ascii_lowercase();
        if let Some(l) = languages.iter().find(|l| l.code == primary) {
            return l.code.clone();
        }
    }
    erasmi_core::content::FALLBACK_LANGUAGE.to_owned()
}

/// Which UI strings are loaded. Start-up loads only those of the main module's views
/// (`source::load_shell_strings`); the first page from a part of the app waits for the rest
/// ([`all_strings`]).
#[derive(Default)]
struct Loaded {
    i18n: Option<I18n>,
    /// The language whose strings are all here, with all of English behind them.
    complete: Option<String>,
    /// Callers waiting for a load under way.
    waiting: Option<Vec<futures::channel::oneshot::Sender<()>>>,
}

thread_local! {
    static LOADED: RefCell<Loaded> = RefCell::default();
}

/// Start-up hands over the app's strings, saying whether they are all loaded already.
pub fn register(i18n: I18n, complete: bool) {
    LOADED.with(|l| {
        let mut l = l.borrow_mut();
        l.complete = complete.then(|| i18n.lang.get_untracked());
        l.i18n = Some(i18n);
    });
}

/// A language switch loaded all of `code`'s strings: they are complete if English's were.
pub fn switched_to(code: &str) {
    LOADED.with(|l| {
        let mut l = l.borrow_mut();
        if l.complete.is_some() {
            l.complete = Some(code.to_owned());
        }
    });
}

/// Starts [`all_strings`] without waiting for it.
pub fn start_loading_all_strings() {
    drop(all_strings_loaded());
}

/// Resolves once every UI string of the active language is loaded, with English behind it. Does
/// nothing without [`register`] (the browser tests give the strings whole).
pub async fn all_strings() {
    if let Some(loaded) = all_strings_loaded() {
        let _ = loaded.await;
    }
}

/// What to wait on until the active language's strings are all here: nothing if they are, else
/// a receiver the load answers. The load runs in a task of its own, never in a caller's future:
/// a page dropped half-way (the learner moved on while it loaded) must not leave the other
/// callers, and every later page, waiting for a load nobody finishes.
fn all_strings_loaded() -> Option<futures::channel::oneshot::Receiver<()>> {
    LOADED.with(|l| {
        let mut l = l.borrow_mut();
        let (i18n, lang) = l
            .i18n
            .and_then(|i| Some((i, i.lang.try_get_untracked()?)))?;
        if l.complete.as_deref() == Some(lang.as_str()) {
            return None;
        }
        let (tx, rx) = futures::channel::oneshot::channel();
        match &mut l.waiting {
            Some(waiting) => waiting.push(tx),
            None => {
                l.waiting = Some(vec![tx]);
                wasm_bindgen_futures::spawn_local(load_all_strings(i18n, lang));
            }
        }
        Some(rx)
    })
}

/// Loads every UI string of `lang`, with English behind it, and answers whoever waits.
async fn load_all_strings(i18n: I18n, lang: String) {
    let english = async {
        match lang.as_str() {
            "en" => None,
            _ => Some(crate::source::load_strings("en").await),
        }
    };
    let (own, english) = futures::join!(crate::source::load_strings(&lang), english);
    let warn = |e: &crate::source::LoadError| {
        leptos::logging::warn!(
            "UI strings could not be loaded: {}: {:?}",
            e.file,
            e.problem
        )
    };
    // A file that cannot be read leaves what start-up loaded in its place: a language's own
    // file behind English, or English behind the language. Only if neither arrives does the
    // page show any other key as itself, and the next page tries again.
    let strings = i18n
        .strings
        .try_with_untracked(|now| match (own, english) {
            (Ok(own), None) => Some(Strings::new(&lang, own.clone(), own)),
            (Ok(own), Some(Ok(english))) => Some(Strings::new(&lang, own, english)),
            (Ok(own), Some(Err(e))) => {
                warn(&e);
                Some(Strings::new(&lang, own, now.fallback().clone()))
            }
            (Err(e), Some(Ok(english))) => {
                warn(&e);
                Some(Strings::new(&lang, now.own().clone(), english))
            }
            (Err(e), _) => {
                warn(&e);
                None
            }
        })
        .flatten();
    // A language switch meanwhile brought its own strings; keep those.
    let loaded = strings.is_some() && i18n.lang.try_get_untracked().as_ref() == Some(&lang);
    if let (Some(strings), true) = (strings, loaded) {
        i18n.strings.set(strings);
    }
    let waiting = LOADED.with(|l| {
        let mut l = l.borrow_mut();
        if loaded {
            l.complete = Some(lang);
        }
        l.waiting.take().unwrap_or_default()
    });
    for tx in waiting {
        let _ = tx.send(());
    }
}

// Building an `Intl` formatter costs more than using one, so each is built once per language
// and options and kept for the life of the page. The first number formatter of a page costs far
// more: the browser loads its number data then, which is why small counts skip it
// (`erasmi_core::i18n::plain_number`).
thread_local! {
    static PLURAL_RULES: RefCell<HashMap<String, js_sys::Intl::PluralRules>> = RefCell::default();
    static NUMBER_FORMATS: RefCell<HashMap<(String, u8), js_sys::Function>> = RefCell::default();
    static DATE_FORMATS: RefCell<HashMap<(String, DateStyle), js_sys::Function>> = RefCell::default();
}

fn options(pairs: &[(&str, wasm_bindgen::JsValue)]) -> js_sys::Object {
    let options = js_sys::Object::new();
    for (k, v) in pairs {
        let _ = js_sys::Reflect::set(&options, &(*k).into(), v);
    }
    options
}

fn call_string(format: &js_sys::Function, value: &wasm_bindgen::JsValue) -> Option<String> {
    format
        .call1(&wasm_bindgen::JsValue::NULL, value)
        .ok()
        .and_then(|v| v.as_string())
}

/// The plural category (`one`, `other`, …) the language uses for `count`.
fn plural_category(count: f64, lang: &str) -> String {
    PLURAL_RULES.with(|cache| {
        cache
            .borrow_mut()
            .entry(lang.to_owned())
            .or_insert_with(|| {
                let locales = js_sys::Array::of1(&lang.into());
                js_sys::Intl::PluralRules::new(&locales, &js_sys::Object::new())
            })
            .select(count)
            .into()
    })
}

#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum DateStyle {
    Day,
    Month,
}

fn format_date_with(ms: f64, lang: &str, style: DateStyle) -> String {
    let format = DATE_FORMATS.with(|cache| {
        cache
            .borrow_mut()
            .entry((lang.to_owned(), style))
            .or_insert_with(|| {
                let options = match style {
                    DateStyle::Day => options(&[
                        ("day", "numeric".into()),
                        ("month", "short".into()),
                        ("year", "numeric".into()),
                    ]),
                    DateStyle::Month => options(&[
                        ("month", "short".into()),
                        ("year", "numeric".into()),
                        ("timeZone", "UTC".into()),
                    ]),
                };
                let locales = js_sys::Array::of1(&lang.into());
                js_sys::Intl::DateTimeFormat::new(&locales, &options).format()
            })
            .clone()
    });
    call_string(&format, &js_sys::Date::new(&ms.into()).into()).unwrap_or_default()
}

/// A date in the UI language, through the browser's `Intl` (e.g. "Nov 26, 2026", "26. Nov. 2026").
pub fn format_date(ms: f64, lang: &str) -> String {
    format_date_with(ms, lang, DateStyle::Day)
}

/// A month in the UI language, through the browser's `Intl` (e.g. "Mar 2027", "März 2027").
pub fn format_month(month: erasmi_core::worksheet::Month, lang: &str) -> String {
    let ms = js_sys::Date::utc(f64::from(month.year), f64::from(month.month) - 1.0);
    format_date_with(ms, lang, DateStyle::Month)
}

/// A number in the UI language with at most `digits` decimals (e.g. "1.5" / "1,5").
pub fn format_number(value: f64, lang: &str, digits: u8) -> String {
    if let Some(plain) = erasmi_core::i18n::plain_number(value, lang) {
        return plain;
    }
    let format = NUMBER_FORMATS.with(|cache| {
        cache
            .borrow_mut()
            .entry((lang.to_owned(), digits))
            .or_insert_with(|| {
                let options = options(&[("maximumFractionDigits", f64::from(digits).into())]);
                let locales = js_sys::Array::of1(&lang.into());
                js_sys::Intl::NumberFormat::new(&locales, &options).format()
            })
            .clone()
    });
    call_string(&format, &value.into()).unwrap_or_else(|| value.to_string())
}
