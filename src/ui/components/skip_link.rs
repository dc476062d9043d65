//! "Skip to content" for keyboard and screen-reader users.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::i18n::tr;

/// The first focusable element of every page. The router would treat `#main` as a navigation,
/// so the link moves the focus itself.
#[component]
pub fn SkipLink() -> impl IntoView {
    let skip = |ev: leptos::ev::MouseEvent| {
        ev.prevent_default();
        if let Some(main) = document()
            .get_element_by_id("main")
            .and_then(|m| m.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = main.focus();
            main.scroll_into_view();
        }
    };
    view! { <a class="skip-link" href="#main" on:click=skip>{tr("nav.skip")}</a> }
}
