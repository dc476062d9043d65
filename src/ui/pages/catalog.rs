//! `/`: the catalog of modules, with "continue where you left off".

use std::sync::Arc;

use erasmi_core::content::{Catalog, CatalogEntry};
use erasmi_core::progress::{completion, last_opened};
use leptos::prelude::*;
use leptos_router::components::A;

use crate::device::Resume;
use crate::i18n::tr;
use crate::state::{use_app, AppState};
use crate::store::StoreName;
use crate::ui::components::content_error::ContentErrorView;
use crate::ui::components::paged::PagedList;
use crate::ui::components::progress_ring::ProgressRing;

/// The catalog page.
#[component]
pub fn CatalogPage() -> impl IntoView {
    let app = use_app();
    let cards_drawn = crate::app::drawn(crate::app::Drawn::BODY);
    view! {
        <div class="page catalog-page">
            <h1 tabindex="-1">{tr("catalog.title")}</h1>
            <p class="lead">{tr("catalog.lead")}</p>
            <MyAssignmentsSlot/>
            <ContinueCard/>
            // Start-up draws the cards in a task of their own.
            {move || cards_drawn.get().then(|| match app.catalog.get() {
                Err(e) => view! { <ContentErrorView error=e/> }.into_any(),
                Ok(catalog) => view! {
                    <PagedList
                        items=catalog.modules.clone()
                        class="card-grid"
                        label=tr("catalog.modules")
                        render=move |entry| view! { <ModuleCard entry catalog=catalog.clone()/> }
                    />
                }
                .into_any(),
            })}
        </div>
    }
}

/// The last lesson opened: the "continue" card's module title, place and address (tracked, so
/// a view or effect reading it follows progress, catalog and language).
pub fn resume_point(app: &AppState) -> Option<Resume> {
    let i18n = app.i18n;
    let progress = app.progress.get();
    let last = last_opened(&progress)?.clone();
    let entry = app.catalog.with(|c| {
        let catalog = c.as_ref().ok()?;
        catalog
            .modules
            .iter()
            .find(|m| m.id == last.module)
            .cloned()
    })?;
    let position = entry.lessons.iter().position(|l| *l == last.lesson)? + 1;
    let lang = i18n.lang.get();
    Some(Resume {
        title: entry.title.get(&lang).to_owned(),
        place: i18n.format(
            "catalog.continue.position",
            &[
                ("n", &position.to_string()),
                ("total", &entry.lessons.len().to_string()),
            ],
        ),
        href: format!("/module/{}/lesson/{}", entry.id, last.lesson),
    })
}

/// The learner's assignments, above the cards. Their code, with the reports it reads, is in a
/// part of its own (`assigned`), fetched only when the profile has an assignment, so the
/// catalog of a learner without one does not wait for it.
#[component]
fn MyAssignmentsSlot() -> impl IntoView {
    let app = use_app();
    let part: StoredValue<Option<fn() -> AnyView>> = StoredValue::new(None);
    let ready = LocalResource::new(move || {
        app.revision.track();
        let profile = app.profile.get();
        async move {
            let store = app.store();
            if store
                .count(StoreName::Assignments, &profile)
                .await
                .unwrap_or(0)
                == 0
            {
                return false;
            }
            // Its strings are not among start-up's: they come with the part.
            #[cfg(feature = "split")]
            let (view, ()) = futures::join!(
                assignments_part::my_assignments(),
                crate::i18n::all_strings()
            );
            #[cfg(not(feature = "split"))]
            let view = {
                crate::i18n::all_strings().await;
                assignments_part::my_assignments()
            };
            view.map(|v| part.set_value(Some(v))).is_ok()
        }
    });
    let shown = Memo::new(move |_| ready.get() == Some(true));
    move || shown.get().then(|| part.get_value().map(|view| view()))
}

mod assignments_part {
    use leptos::prelude::*;
    #[cfg(feature = "split")]
    use leptos::wasm_split::wasm_split;
    use leptos::wasm_split::SplitLoaderError;

    /// The view of the learner's assignments (see `MyAssignmentsSlot`).
    #[cfg_attr(feature = "split", wasm_split(
        assigned, wasm_split_path = ::leptos::wasm_split, fallible
    ))]
    pub fn my_assignments() -> Result<fn() -> AnyView, SplitLoaderError> {
        Ok(|| view! { <crate::ui::pages::assignment::MyAssignments/> }.into_any())
    }
}

/// The last lesson opened, read from the store.
#[component]
fn ContinueCard() -> impl IntoView {
    let app = use_app();
    move || {
        resume_point(&app).map(|Resume { title, place, href }| {
            view! {
                <section class="continue-card" aria-labelledby="continue-title" data-testid="continue">
                    <h2 id="continue-title">{tr("catalog.continue.title")}</h2>
                    <p><strong>{title}</strong>" · "{place}</p>
                    <A href=href attr:class="button button-primary">{tr("catalog.continue.action")}</A>
                </section>
            }
        })
    }
}

/// One module's card. The competence names come with the catalog, so a card has its final
/// height from the first frame.
#[component]
fn ModuleCard(entry: CatalogEntry, catalog: Arc<Catalog>) -> impl IntoView {
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
                    competence_ids
                        .iter()
                        .filter_map(|id| catalog.competence_name(id, &lang))
                        .map(|name| view! { <li class="chip">{name.to_owned()}</li> })
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
