//! `/module/:id/lesson/:lesson`: the lesson reader.

use std::sync::Arc;

use erasmi_core::content::Module;
use erasmi_core::markdown;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use crate::i18n::tr;
use crate::state::use_app;
use crate::ui::components::content_error::ContentErrorView;
use crate::ui::components::markdown::Markdown;
use crate::ui::pages::module::use_module;
use crate::ui::pages::not_found::NotFoundPage;

/// The lesson page.
#[component]
pub fn LessonPage() -> impl IntoView {
    let module = use_module();
    let params = use_params_map();
    let lesson_id = move || params.with(|p| p.get("lesson").unwrap_or_default());
    view! {
        <div class="page lesson-page">
            <Suspense fallback=|| view! { <div class="skeleton" aria-busy="true"></div> }>
                {move || module.get().map(|r| match r {
                    Ok(m) => {
                        let id = lesson_id();
                        if m.lesson(&id).is_some() {
                            view! { <LessonView module=m lesson=id/> }.into_any()
                        } else {
                            view! { <NotFoundPage/> }.into_any()
                        }
                    }
                    Err(e) => view! {
                        <h1 tabindex="-1">{tr("module.unavailable")}</h1>
                        <ContentErrorView error=e/>
                    }
                    .into_any(),
                })}
            </Suspense>
        </div>
    }
}

#[component]
fn LessonView(module: Arc<Module>, lesson: String) -> impl IntoView {
    let app = use_app();
    let i18n = app.i18n;
    let lang = move || i18n.lang.get();
    app.open_lesson(&module.id, &lesson);

    let l = module
        .lesson(&lesson)
        .cloned()
        .expect("checked by the caller");
    let (prev, next) = module.neighbours(&lesson);
    let (prev, next) = (prev.cloned(), next.cloned());
    let module_id = module.id.clone();
    let module_title = module.title.clone();
    let module_href = format!("/module/{}", module.id);
    let body = l.body.clone();
    let activity = l.activity.clone();
    let title = l.title.clone();
    let words = markdown::word_count(l.body.get("en"));
    let is_done = {
        let (m, id) = (module_id.clone(), lesson.clone());
        Memo::new(move |_| {
            app.progress.with(|p| {
                p.iter()
                    .any(|r| r.module == m && r.lesson == id && r.is_done())
            })
        })
    };
    let toggle = {
        let (m, id) = (module_id.clone(), lesson.clone());
        move |_| app.set_lesson_done(&m, &id, !is_done.get_untracked())
    };
    let nav_link = move |target: Option<erasmi_core::content::Lesson>,
                         key: &'static str,
                         class: &'static str| {
        let module_id = module_id.clone();
        target.map(|t| {
            let href = format!("/module/{}/lesson/{}", module_id, t.id);
            view! {
                <A href=href attr:class=class>
                    <span class="pager-label">{tr(key)}</span>
                    <span class="pager-title">{move || t.title.get(&lang()).to_owned()}</span>
                </A>
            }
        })
    };
    view! {
        <nav class="breadcrumb" aria-label=tr("nav.breadcrumb")>
            <A href="/">{tr("nav.catalog")}</A>
            " › "
            <A href=module_href>{move || module_title.get(&lang()).to_owned()}</A>
        </nav>
        <article class="lesson" data-testid="lesson">
            <h1 tabindex="-1">{move || title.get(&lang()).to_owned()}</h1>
            <p class="meta">
                {move || i18n.format("lesson.reading_time", &[("minutes", &markdown::reading_minutes(words).to_string())])}
            </p>
            {move || {
                let doc = markdown::parse(body.get(&lang()));
                view! { <Markdown nodes=doc.nodes/> }
            }}
            <aside class="activity" aria-labelledby="activity-title">
                <h2 id="activity-title">{move || activity.title.get(&lang()).to_owned()}</h2>
                {move || {
                    let doc = markdown::parse(activity.body.get(&lang()));
                    view! { <Markdown nodes=doc.nodes/> }
                }}
            </aside>
            <div class="lesson-actions">
                <button
                    class="button"
                    class:button-primary=move || !is_done.get()
                    aria-pressed=move || is_done.get().to_string()
                    on:click=toggle
                    data-testid="mark-done"
                >
                    {move || if is_done.get() { i18n.t("lesson.done_undo") } else { i18n.t("lesson.mark_done") }}
                </button>
                <Show when=move || is_done.get()>
                    <span class="badge badge-done" role="status">{tr("lesson.done")}</span>
                </Show>
            </div>
        </article>
        <nav class="pager" aria-label=tr("lesson.pager")>
            {nav_link.clone()(prev, "lesson.previous", "pager-prev")}
            {nav_link(next, "lesson.next", "pager-next")}
        </nav>
    }
}
