//! `/glossary`: every term with its definition; lesson links `glossary:<id>` land on `#<id>`.

use erasmi_core::content::GlossaryTerm;
use leptos::prelude::*;
use leptos_router::hooks::use_location;
use wasm_bindgen::JsCast;

use crate::i18n::{tr, use_i18n};
use crate::source;
use crate::ui::components::content_error::ContentErrorView;

/// The glossary page.
#[component]
pub fn GlossaryPage() -> impl IntoView {
    let i18n = use_i18n();
    let data = LocalResource::new(|| async { source::load_glossary().await });
    let location = use_location();
    // Content arrives after navigation, so the browser cannot scroll to `#id` by itself.
    Effect::new(move |_| {
        let hash = location.hash.get();
        if data.get().is_some() {
            if let Some(id) = hash
                .strip_prefix('#')
                .filter(|h| !h.is_empty())
                .map(str::to_owned)
            {
                reveal_entry(id);
            }
        }
    });
    view! {
        <div class="page glossary-page">
            <h1 tabindex="-1">{tr("glossary.title")}</h1>
            <p class="lead">{tr("glossary.lead")}</p>
            <Suspense fallback=|| view! { <div class="skeleton" aria-busy="true"></div> }>
                {move || data.get().map(|r| match r {
                    Ok(g) => {
                        let lang = i18n.lang.get();
                        let mut terms: Vec<GlossaryTerm> = g.terms.clone();
                        terms.sort_by_key(|t| t.term.get(&lang).to_lowercase());
                        let name_of = |id: &str| {
                            g.terms.iter().find(|t| t.id == id).map(|t| t.term.get(&lang).to_owned()).unwrap_or_default()
                        };
                        view! {
                            <dl class="glossary">
                                {terms
                                    .iter()
                                    .map(|t| {
                                        let related: Vec<(String, String)> =
                                            t.related.iter().map(|r| (format!("#{r}"), name_of(r))).collect();
                                        let has_related = !related.is_empty();
                                        view! {
                                            <div class="glossary-entry" id=t.id.clone() tabindex="-1">
                                                <dt>{t.term.get(&lang).to_owned()}</dt>
                                                <dd>
                                                    <p>{t.definition.get(&lang).to_owned()}</p>
                                                    <Show when=move || has_related>
                                                        <p class="meta">
                                                            {tr("glossary.related")}" "
                                                            {related
                                                                .iter()
                                                                .enumerate()
                                                                .map(|(i, (href, name))| view! {
                                                                    {(i > 0).then_some(", ")}
                                                                    <a href=href.clone()>{name.clone()}</a>
                                                                })
                                                                .collect_view()}
                                                        </p>
                                                    </Show>
                                                </dd>
                                            </div>
                                        }
                                    })
                                    .collect_view()}
                            </dl>
                        }
                        .into_any()
                    }
                    Err(e) => view! { <ContentErrorView error=e/> }.into_any(),
                })}
            </Suspense>
        </div>
    }
}

/// Brings the entry `id` into view and focuses it once it is in the page: the entries may
/// arrive before the page is shown, while its part of the app loads.
fn reveal_entry(id: String) {
    crate::ui::dom::when_in_page(format!("[id=\"{id}\"]"), |el| {
        el.scroll_into_view();
        if let Some(el) = el.dyn_ref::<web_sys::HtmlElement>() {
            let _ = el.focus();
        }
    });
}
