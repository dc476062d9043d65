//! `/`: the catalog of modules, with "continue where you left off".

use erasmi_core::content::CatalogEntry;
use erasmi_core::progress::{completion, last_opened};
use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::{format_number, tr};
use crate::state::use_app;
use crate::ui::components::content_error::ContentErrorView;
use crate::ui::components::progress_ring::ProgressRing;

/// Cards rendered at first, and added by each "show more": a catalog of a thousand modules
/// paints as fast as one of two dozen.
const PAGE: usize = 24;

/// The catalog page.
#[component]
pub fn CatalogPage() -> impl IntoView {
    let app = use_app();
    // Competence names for the cards; a small file, fetched after the catalog is on screen.
    let competences = LocalResource::new(|| async { crate::source::load_competences().await.ok() });
    view! {
        <div class="page catalog-page">
            <h1 tabindex="-1">{tr("catalog.title")}</h1>
            <p class="lead">{tr("catalog.lead")}</p>
            <crate::ui::pages::assignment::MyAssignments/>
            <ContinueCard/>
            {move || match app.catalog.get() {
                Err(e) => view! { <ContentErrorView error=e/> }.into_any(),
                Ok(catalog) => view! { <ModuleList modules=catalog.modules competences/> }.into_any(),
            }}
        </div>
    }
}

/// The module cards, [`PAGE`] at a time. Each page is rendered once; "show more" adds the next
/// and moves the focus to its first card.
#[component]
fn ModuleList(
    modules: Vec<CatalogEntry>,
    competences: LocalResource<Option<std::sync::Arc<erasmi_core::content::CompetenceFramework>>>,
) -> impl IntoView {
    let i18n = use_app().i18n;
    let total = modules.len();
    let modules = StoredValue::new(modules);
    let pages = RwSignal::new(1usize);
    let shown = move || (pages.get() * PAGE).min(total);
    let more = move |_| {
        let first_new = shown();
        pages.update(|p| *p += 1);
        request_animation_frame(move || {
            let selector = format!(".module-card:nth-child({}) h2 a", first_new + 1);
            if let Some(link) = document()
                .query_selector(&selector)
                .ok()
                .flatten()
                .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok())
            {
                let _ = link.focus();
            }
        });
    };
    view! {
        <ul class="card-grid" aria-label=tr("catalog.modules")>
            <For each=move || 0..pages.get() key=|p| *p let(page)>
                {modules.with_value(|m| {
                    m.iter()
                        .skip(page * PAGE)
                        .take(PAGE)
                        .cloned()
                        .map(|entry| view! { <ModuleCard entry competences/> })
                        .collect_view()
                })}
            </For>
        </ul>
        {move || (shown() < total).then(|| {
            let next = PAGE.min(total - shown());
            let lang = i18n.lang.get();
            let n = |v: usize| format_number(v as f64, &lang, 0);
            view! {
                <div class="catalog-more">
                    <p class="meta" data-testid="catalog-shown">
                        {i18n.format("catalog.shown", &[("shown", &n(shown())), ("total", &n(total))])}
                    </p>
                    <button type="button" class="button" on:click=more data-testid="catalog-more">
                        {i18n.format("catalog.more", &[("count", &n(next))])}
                    </button>
                </div>
            }
        })}
    }
}

/// The last lesson opened, read from the store.
#[component]
fn ContinueCard() -> impl IntoView {
    let app = use_app();
    let i18n = app.i18n;
    let target = move || {
        let progress = app.progress.get();
        let last = last_opened(&progress)?.clone();
        let catalog = app.catalog.get().ok()?;
        let entry = catalog.modules.into_iter().find(|m| m.id == last.module)?;
        let position = entry.lessons.iter().position(|l| *l == last.lesson)? + 1;
        Some((entry, last.lesson, position))
    };
    move || {
        target().map(|(entry, lesson, position)| {
            let lang = i18n.lang.get();
            let href = format!("/module/{}/lesson/{}", entry.id, lesson);
            let where_ = i18n.format(
                "catalog.continue.position",
                &[("n", &position.to_string()), ("total", &entry.lessons.len().to_string())],
            );
            view! {
                <section class="continue-card" aria-labelledby="continue-title" data-testid="continue">
                    <h2 id="continue-title">{tr("catalog.continue.title")}</h2>
                    <p><strong>{entry.title.get(&lang).to_owned()}</strong>" · "{where_}</p>
                    <A href=href attr:class="button button-primary">{tr("catalog.continue.action")}</A>
                </section>
            }
        })
    }
}

#[component]
fn ModuleCard(
    entry: CatalogEntry,
    competences: LocalResource<Option<std::sync::Arc<erasmi_core::content::CompetenceFramework>>>,
) -> impl IntoView {
    let competence_ids = entry.competences.clone();
    let app = use_app();
    let i18n = app.i18n;
    let href = format!("/module/{}", entry.id);
    let id = entry.id.clone();
    let lessons = entry.lessons.clone();
    let done = Memo::new(move |_| app.progress.with(|p| completion(&id, &lessons, p)));
    let title = entry.title.clone();
    let summary = entry.summary.clone();
    let minutes = entry.duration_minutes.to_string();
    let count = entry.lessons.len();
    view! {
        <li class="card module-card">
            <div class="card-head">
                <h2>
                    <A href=href>{move || title.get(&i18n.lang.get()).to_owned()}</A>
                </h2>
                <ProgressRing
                    percent=Signal::derive(move || done.get().percent())
                    label=Signal::derive(move || {
                        let c = done.get();
                        i18n.format("progress.lessons_done", &[("done", &c.done.to_string()), ("total", &c.total.to_string())])
                    })
                />
            </div>
            <p>{move || summary.get(&i18n.lang.get()).to_owned()}</p>
            <ul class="chips" aria-label=tr("catalog.competences")>
                {move || {
                    let lang = i18n.lang.get();
                    let framework = competences.get().flatten();
                    competence_ids
                        .iter()
                        .map(|id| {
                            let name = framework
                                .as_ref()
                                .and_then(|f| f.competences.iter().find(|c| &c.id == id))
                                .map(|c| c.name.get(&lang).to_owned());
                            name.map(|n| view! { <li class="chip">{n}</li> })
                        })
                        .collect_view()
                }}
            </ul>
            <p class="meta">
                {move || i18n.format("module.duration", &[("minutes", &minutes)])}
                " · "
                {move || i18n.plural("module.lesson_count", count, &[])}
            </p>
        </li>
    }
}
