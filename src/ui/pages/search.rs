//! `/search?q=…`: offline full-text search across modules, lessons, cases, blueprints and the
//! glossary in the current language. The index is built on the first search, never at start-up.

use erasmi_core::search::{DocKind, Fragment, Hit};
use gloo_timers::callback::Timeout;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;
use wasm_bindgen::JsCast;

use crate::i18n::{tr, use_i18n};
use crate::source;
use crate::ui::components::content_error::ContentErrorView;

/// Most results shown: the best twenty, grouped by kind. More ask for another word, and the
/// list stays quick to redraw on every keystroke.
const LIMIT: usize = 20;

/// How long typing pauses before the router learns the new address.
const ROUTER_SYNC_MS: u32 = 300;

/// The address of the search page for `query`.
fn search_href(query: &str) -> String {
    if query.trim().is_empty() {
        "/search".to_owned()
    } else {
        format!("/search?q={}", js_sys::encode_uri_component(query))
    }
}

/// The search page.
#[component]
pub fn SearchPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let navigate = use_navigate();
    let q = Memo::new(move |_| query.with(|p| p.get("q").unwrap_or_default()));
    // What the results are for: the field's text as typed. The address follows at once
    // (`history.replaceState`), the router once typing pauses, so a keystroke redraws only the
    // results, not everything that watches the address.
    let text = RwSignal::new(q.get_untracked());
    Effect::new(move |_| {
        let from_address = q.get();
        if text.with_untracked(|t| *t != from_address) {
            text.set(from_address);
        }
    });
    let index = LocalResource::new(move || {
        let lang = i18n.lang.get();
        async move { source::load_search_index(&lang).await }
    });
    // The router learns the address once typing pauses or the field loses focus (before a
    // result or another link takes over).
    let router_sync: StoredValue<Option<Timeout>, LocalStorage> = StoredValue::new_local(None);
    let sync_router = move || {
        let Some(Some(timer)) = router_sync.try_update_value(Option::take) else {
            return;
        };
        drop(timer);
        if window().location().pathname().ok().as_deref() != Some("/search") {
            return;
        }
        navigate(
            &search_href(&text.get_untracked()),
            NavigateOptions {
                replace: true,
                scroll: false,
                ..Default::default()
            },
        );
    };
    on_cleanup(move || {
        if let Some(Some(timer)) = router_sync.try_update_value(Option::take) {
            timer.cancel();
        }
    });
    let on_input = {
        let sync_router = sync_router.clone();
        move |ev: leptos::ev::Event| {
            let value = event_target_value(&ev);
            if let Ok(history) = window().history() {
                let _ = history.replace_state_with_url(
                    &wasm_bindgen::JsValue::NULL,
                    "",
                    Some(&search_href(&value)),
                );
            }
            text.set(value);
            let sync_router = sync_router.clone();
            let timer = Timeout::new(ROUTER_SYNC_MS, sync_router);
            router_sync.update_value(|p| {
                if let Some(old) = p.replace(timer) {
                    old.cancel();
                }
            });
        }
    };
    let on_blur = move |_| sync_router();
    // Arrow keys move between the search field and the results.
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        let key = ev.key();
        if key != "ArrowDown" && key != "ArrowUp" {
            return;
        }
        let Ok(links) = document().query_selector_all("#search-field, .search-results a") else {
            return;
        };
        let items: Vec<web_sys::HtmlElement> = (0..links.length())
            .filter_map(|i| links.item(i)?.dyn_into().ok())
            .collect();
        if items.len() < 2 {
            return;
        }
        let active = document().active_element();
        let pos = items
            .iter()
            .position(|el| {
                active
                    .as_ref()
                    .is_some_and(|a| a == el.unchecked_ref::<web_sys::Element>())
            })
            .unwrap_or(0);
        let next = if key == "ArrowDown" {
            (pos + 1).min(items.len() - 1)
        } else {
            pos.saturating_sub(1)
        };
        ev.prevent_default();
        let _ = items[next].focus();
    };
    view! {
        <div class="page search-page" on:keydown=on_keydown>
            <h1 tabindex="-1">{tr("search.title")}</h1>
            <form role="search" class="search-form" on:submit=|ev| ev.prevent_default()>
                <label for="search-field">{tr("search.label")}</label>
                <input
                    id="search-field"
                    type="search"
                    autocomplete="off"
                    prop:value=move || text.get()
                    on:input=on_input
                    on:blur=on_blur
                    aria-describedby="search-hint"
                />
                <p id="search-hint" class="meta">{tr("search.hint")}</p>
            </form>
            <Suspense fallback=|| view! { <p class="meta" role="status">{tr("search.preparing")}</p> }>
                {move || index.get().map(|r| match r {
                    Err(e) => view! { <ContentErrorView error=e/> }.into_any(),
                    Ok(idx) => {
                        let text = text.get();
                        if text.trim().is_empty() {
                            return view! { <p class="meta">{tr("search.empty")}</p> }.into_any();
                        }
                        let mut hits = idx.search(&text, LIMIT + 1);
                        let more = hits.len() > LIMIT;
                        hits.truncate(LIMIT);
                        let count = hits.len().to_string();
                        view! {
                            <p role="status" class="result-count" data-testid="search-count">
                                {if hits.is_empty() {
                                    i18n.format("search.none", &[("query", &text)])
                                } else if more {
                                    i18n.format("search.count_many", &[("count", &count)])
                                } else {
                                    i18n.plural("search.count", hits.len(), &[])
                                }}
                            </p>
                            <div class="search-results">
                                {[DocKind::Module, DocKind::Lesson, DocKind::Case, DocKind::Blueprint, DocKind::Glossary]
                                    .into_iter()
                                    .filter_map(|kind| {
                                        let group: Vec<Hit> = hits.iter().filter(|h| h.kind == kind).cloned().collect();
                                        (!group.is_empty()).then(|| view! { <ResultGroup kind hits=group/> })
                                    })
                                    .collect_view()}
                            </div>
                        }
                        .into_any()
                    }
                })}
            </Suspense>
        </div>
    }
}

#[component]
fn ResultGroup(kind: DocKind, hits: Vec<Hit>) -> impl IntoView {
    let key = match kind {
        DocKind::Module => "search.kind.module",
        DocKind::Lesson => "search.kind.lesson",
        DocKind::Case => "search.kind.case",
        DocKind::Blueprint => "search.kind.blueprint",
        DocKind::Glossary => "search.kind.glossary",
    };
    view! {
        <section class="result-group">
            <h2>{tr(key)}</h2>
            <ul>
                {hits
                    .into_iter()
                    .map(|h| {
                        let title = h.title.clone();
                        view! {
                            <li class="result">
                                <a href=h.href.clone()>{title}</a>
                                <p class="snippet">
                                    {h.snippet
                                        .into_iter()
                                        .map(|f| match f {
                                            Fragment::Plain(t) => t.into_any(),
                                            Fragment::Match(t) => view! { <mark>{t}</mark> }.into_any(),
                                        })
                                        .collect_view()}
                                </p>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}
