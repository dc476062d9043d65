//! The document's title names the page on screen: "<its main heading> – ERASMI Toolkit". Tabs,
//! the history list, bookmarks and the installed app's window show it, and screen readers
//! announce it. It follows the heading itself, so a title that arrives with the content, a
//! language switch or a renamed worksheet all reach it without each page setting it.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::i18n::I18n;

/// The title for a page whose main heading reads `heading`.
pub fn title_for(heading: Option<&str>, app: &str) -> String {
    match heading
        .map(str::trim)
        .filter(|h| !h.is_empty() && *h != app)
    {
        Some(h) => format!("{} – {app}", collapse_spaces(h)),
        None => app.to_owned(),
    }
}

fn collapse_spaces(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Keeps the title in step with `main h1` from now on, watching the page for changes.
pub fn follow_main_heading(i18n: I18n) {
    let update = move || {
        let doc = document();
        let heading = doc
            .query_selector("main h1")
            .ok()
            .flatten()
            .and_then(|h| h.text_content());
        let title = title_for(heading.as_deref(), &i18n.t_untracked("app.name"));
        if doc.title() != title {
            doc.set_title(&title);
        }
    };
    update();
    let Some(body) = document().body() else {
        return;
    };
    let callback = Closure::<dyn FnMut()>::new(update);
    let Ok(observer) = web_sys::MutationObserver::new(callback.as_ref().unchecked_ref()) else {
        return;
    };
    let options = web_sys::MutationObserverInit::new();
    options.set_subtree(true);
    options.set_child_list(true);
    options.set_character_data(true);
    if observer.observe_with_options(&body, &options).is_ok() {
        // Watches for the app's lifetime.
        callback.forget();
    }
}

fn document() -> web_sys::Document {
    leptos::prelude::document()
}
