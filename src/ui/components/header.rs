//! The header: brand, navigation, language switch.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::tr;
use crate::state::use_app;

/// The site header.
#[component]
pub fn Header() -> impl IntoView {
    let app = use_app();
    let i18n = app.i18n;
    let languages = i18n.languages.get_value();
    let on_change = move |ev: leptos::ev::Event| {
        let code = event_target_value(&ev);
        app.set_language(code);
    };
    view! {
        <header class="site-header">
            <A href="/" attr:class="brand">
                <span class="brand-mark" aria-hidden="true">"E"</span>
                <span class="brand-name">{tr("app.name")}</span>
            </A>
            <nav aria-label=tr("nav.label") class="site-nav">
                <A href="/" exact=true>{tr("nav.catalog")}</A>
                <A href="/progress">{tr("nav.progress")}</A>
                <A href="/settings">{tr("nav.settings")}</A>
                <A href="/about">{tr("nav.about")}</A>
            </nav>
            <label class="lang-switch">
                <span class="visually-hidden">{tr("nav.language")}</span>
                <select on:change=on_change prop:value=move || i18n.lang.get()>
                    {languages
                        .into_iter()
                        .map(|l| {
                            let code = l.code.clone();
                            view! {
                                <option value=code.clone() selected=move || i18n.lang.get() == code>
                                    {l.name}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </label>
        </header>
    }
}
