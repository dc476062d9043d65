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
    let pwa = crate::pwa::use_pwa();
    let search_input: NodeRef<leptos::html::Input> = NodeRef::new();
    let navigate = leptos_router::hooks::use_navigate();
    let on_search = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let q = search_input.get().map(|i| i.value()).unwrap_or_default();
        navigate(
            &format!("/search?q={}", js_sys::encode_uri_component(q.trim())),
            Default::default(),
        );
    };
    view! {
        <header class="site-header">
            <A href="/" attr:class="brand">
                <span class="brand-mark" aria-hidden="true">"E"</span>
                <span class="brand-name">{tr("app.name")}</span>
            </A>
            <nav aria-label=tr("nav.label") class="site-nav">
                <A href="/" exact=true attr:class="nav-catalog">{tr("nav.catalog")}</A>
                <A href="/cases" attr:class="nav-cases">{tr("nav.cases")}</A>
                <A href="/blueprints" attr:class="nav-blueprints">{tr("nav.blueprints")}</A>
                <A href="/tools" attr:class="nav-tools">{tr("nav.tools")}</A>
                <A href="/glossary" attr:class="nav-glossary">{tr("nav.glossary")}</A>
                <A href="/progress" attr:class="nav-progress">{tr("nav.progress")}</A>
            </nav>
            <form role="search" class="header-search" on:submit=on_search>
                <label for="header-search" class="visually-hidden">{tr("search.label")}</label>
                <input id="header-search" type="search" node_ref=search_input placeholder=tr("search.placeholder")/>
                <button type="submit" class="button button-small">{tr("search.submit")}</button>
            </form>
            <span
                class="online-indicator"
                class:offline=move || !pwa.online.get()
                role="status"
                data-testid="online-indicator"
            >
                <span class="dot" aria-hidden="true"></span>
                <span class="label">{move || if pwa.online.get() { tr("pwa.online")() } else { tr("pwa.offline")() }}</span>
            </span>
            <crate::ui::components::profile_menu::ProfileMenu/>
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
