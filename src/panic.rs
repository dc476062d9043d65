//! What a learner sees when the app fails: a panic stops the WebAssembly module for good, so the
//! hook builds a plain error screen with the DOM API (no Leptos), in the language the app was
//! showing, with "reload" and "copy details". Its two buttons are served by `public/check.js`,
//! because nothing in the stopped module can answer a click. Everything saved before the panic
//! is in IndexedDB, which a reload reads again.

use std::cell::RefCell;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The error screen's texts in the active language.
#[derive(Clone, Debug)]
pub struct Texts {
    pub lang: String,
    pub title: String,
    pub body: String,
    pub reload: String,
    pub copy: String,
    pub copied: String,
    pub details: String,
}

impl Default for Texts {
    /// Before the string files have loaded: English and German together, as `check.js` does.
    fn default() -> Self {
        Texts {
            lang: "en".into(),
            title: "Something went wrong / Etwas ist schiefgelaufen".into(),
            body: "ERASMI Toolkit stopped because of an error. Everything you saved is still on this device: reload to go on. / ERASMI Toolkit wurde wegen eines Fehlers angehalten. Alles Gespeicherte ist noch auf diesem Gerät: Laden Sie die Seite neu, um weiterzumachen.".into(),
            reload: "Reload / Neu laden".into(),
            copy: "Copy details / Details kopieren".into(),
            copied: "Copied / Kopiert".into(),
            details: "Details".into(),
        }
    }
}

thread_local! {
    static TEXTS: RefCell<Texts> = RefCell::new(Texts::default());
}

/// Keeps the error screen's texts in the language the app shows (called when it changes).
pub fn set_texts(texts: Texts) {
    TEXTS.with(|t| *t.borrow_mut() = texts);
}

/// Installs the hook: the browser console gets the panic as before, the learner the screen.
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        let details = format!(
            "{info}\n\n{} {}\n{}",
            env!("CARGO_PKG_NAME"),
            env!("CARGO_PKG_VERSION"),
            web_sys::window()
                .and_then(|w| w.location().href().ok())
                .unwrap_or_default()
        );
        let texts = TEXTS.with(|t| t.borrow().clone());
        let _ = show(&texts, &details);
    }));
}

fn show(texts: &Texts, details: &str) -> Result<(), JsValue> {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let body = document.body().ok_or("no body")?;
    if document.get_element_by_id("panic-screen").is_some() {
        return Ok(());
    }
    // Everything else on the page stops answering: it belongs to the stopped module.
    let children = body.children();
    for i in 0..children.length() {
        if let Some(child) = children.item(i) {
            child.set_attribute("inert", "")?;
            child.set_attribute("aria-hidden", "true")?;
        }
    }
    let el = |tag: &str, class: &str, text: &str| -> Result<web_sys::Element, JsValue> {
        let e = document.create_element(tag)?;
        if !class.is_empty() {
            e.set_class_name(class);
        }
        e.set_text_content(Some(text));
        Ok(e)
    };
    let screen = el("div", "panic-screen", "")?;
    screen.set_id("panic-screen");
    screen.set_attribute("role", "alertdialog")?;
    screen.set_attribute("aria-modal", "true")?;
    screen.set_attribute("aria-labelledby", "panic-title")?;
    screen.set_attribute("aria-describedby", "panic-body")?;
    screen.set_attribute("lang", &texts.lang)?;
    screen.set_attribute("data-testid", "panic-screen")?;
    let card = el("div", "panic-card", "")?;
    let title = el("h1", "", &texts.title)?;
    title.set_id("panic-title");
    let text = el("p", "", &texts.body)?;
    text.set_id("panic-body");
    let actions = el("div", "panic-actions", "")?;
    let reload = el("button", "button button-primary", &texts.reload)?;
    reload.set_attribute("type", "button")?;
    reload.set_attribute("data-panic", "reload")?;
    let copy = el("button", "button", &texts.copy)?;
    copy.set_attribute("type", "button")?;
    copy.set_attribute("data-panic", "copy")?;
    copy.set_attribute("data-copied", &texts.copied)?;
    let status = el("p", "panic-status", "")?;
    status.set_attribute("role", "status")?;
    status.set_id("panic-status");
    let more = el("details", "", "")?;
    let summary = el("summary", "", &texts.details)?;
    more.append_child(&summary)?;
    let pre = el("pre", "", details)?;
    pre.set_id("panic-details");
    more.append_child(&pre)?;
    actions.append_child(&reload)?;
    actions.append_child(&copy)?;
    for child in [&title, &text, &actions, &status, &more] {
        card.append_child(child)?;
    }
    screen.append_child(&card)?;
    body.append_child(&screen)?;
    if let Ok(button) = reload.dyn_into::<web_sys::HtmlElement>() {
        let _ = button.focus();
    }
    Ok(())
}

/// Stops the app on purpose, so the error screen can be checked (by the end-to-end test, or by
/// a developer from the browser console: `wasmBindings.debug_panic()`).
#[wasm_bindgen]
pub fn debug_panic() {
    panic!("debug_panic: the error screen was asked for");
}
