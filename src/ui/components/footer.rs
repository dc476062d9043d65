//! The footer: settings, about, and the funding line.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::tr;

/// The site footer.
#[component]
pub fn Footer() -> impl IntoView {
    view! {
        <footer class="site-footer">
            <nav aria-label=tr("nav.footer")>
                <A href="/saved">{tr("nav.saved")}</A>
                <A href="/settings">{tr("nav.settings")}</A>
                <Show when=move || crate::state::use_app().trainer_mode.get()>
                    <A href="/trainer">{tr("nav.trainer")}</A>
                </Show>
                <A href="/about">{tr("nav.about")}</A>
            </nav>
            <p>{tr("footer.funding")}</p>
        </footer>
    }
}
