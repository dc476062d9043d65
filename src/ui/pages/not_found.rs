//! The page for an address the app does not know.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_location;

use crate::i18n::{tr, use_i18n};

/// The 404 page: says what happened and where to go.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    let i18n = use_i18n();
    let location = use_location();
    view! {
        <div class="page not-found" data-testid="not-found">
            <h1 tabindex="-1">{tr("not_found.title")}</h1>
            <p>{move || i18n.format("not_found.body", &[("path", &location.pathname.get())])}</p>
            <ul class="link-list">
                <li><A href="/">{tr("not_found.catalog")}</A></li>
                <li><A href="/progress">{tr("nav.progress")}</A></li>
                <li><A href="/about">{tr("nav.about")}</A></li>
            </ul>
        </div>
    }
}
