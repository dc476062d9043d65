//! The page shown when the code of a page could not be fetched: the release build keeps each
//! part of the app in its own file (see ARCHITECTURE.md, "Code splitting"), and a learner can
//! open a part for the first time with no connection before the app is stored for offline use.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::tr;

/// Says that this page is not on the device yet and what to do; "Try again" loads it anew.
#[component]
pub fn UnavailablePage() -> impl IntoView {
    view! {
        <div class="page not-found" data-testid="page-unavailable">
            <h1 tabindex="-1">{tr("unavailable.title")}</h1>
            <p>{tr("unavailable.body")}</p>
            <p>
                <button type="button" class="button" data-testid="page-unavailable-retry"
                    on:click=|_| { let _ = window().location().reload(); }>
                    {tr("unavailable.retry")}
                </button>
            </p>
            <ul class="link-list">
                <li><A href="/">{tr("not_found.catalog")}</A></li>
            </ul>
        </div>
    }
}
