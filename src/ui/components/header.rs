//! The header: brand, navigation, language switch.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::tr;
use crate::state::use_app;

/// The icons of the navigation, in its order: 24×24 outlines, shown on phones only. They are
/// inline SVG, not CSS images: for each CSS image the browser builds an SVG document of its own,
/// which delayed the first paint of a freshly started browser by about 30 ms. `tools/prerender.mjs` reads
/// this table for the first screen in `index.html`.
const NAV_ICONS: [(&str, &str); 6] = [
    (
        "nav-catalog",
        "M4 4h7v7H4zM13 4h7v7h-7zM4 13h7v7H4zM13 13h7v7h-7z",
    ),
    ("nav-cases", "M3 8h18v12H3zM8 8V5h8v3M3 13h18"),
    ("nav-blueprints", "M3 4h18v16H3zM3 10h18M10 10v10"),
    ("nav-tools", "M9 4h6v16H9zM9 8h3M9 12h3M9 16h3"),
    (
        "nav-glossary",
        "M3 5h6a3 3 0 0 1 3 3v12a2 2 0 0 0-2-2H3zM21 5h-6a3 3 0 0 0-3 3v12a2 2 0 0 1 2-2h7z",
    ),
    ("nav-progress", "M5 20v-8M12 20V5M19 20v-5M3 20h18"),
];

/// The icon of the navigation's link number `i`; the link's text names it.
fn nav_icon(i: usize) -> impl IntoView {
    let d = NAV_ICONS[i].1;
    view! {
        <svg class="nav-icon" viewBox="0 0 24 24" aria-hidden="true">
            <path d=d/>
        </svg>
    }
}

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
                <A href="/" exact=true attr:class="nav-catalog">{nav_icon(0)}{tr("nav.catalog")}</A>
                <A href="/cases" attr:class="nav-cases">{nav_icon(1)}{tr("nav.cases")}</A>
                <A href="/blueprints" attr:class="nav-blueprints">{nav_icon(2)}{tr("nav.blueprints")}</A>
                <A href="/tools" attr:class="nav-tools">{nav_icon(3)}{tr("nav.tools")}</A>
                <A href="/glossary" attr:class="nav-glossary">{nav_icon(4)}{tr("nav.glossary")}</A>
                <A href="/progress" attr:class="nav-progress">{nav_icon(5)}{tr("nav.progress")}</A>
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
