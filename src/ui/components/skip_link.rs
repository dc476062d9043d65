//! "Skip to content" for keyboard and screen-reader users.

use leptos::prelude::*;

use crate::i18n::tr;

/// The first focusable element of every page.
#[component]
pub fn SkipLink() -> impl IntoView {
    view! { <a class="skip-link" href="#main">{tr("nav.skip")}</a> }
}
