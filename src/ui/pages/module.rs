//! `/module/:id`: objectives, lessons with their state, the quiz entry.

use std::sync::Arc;

use erasmi_core::content::Module;
use erasmi_core::progress::completion;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use crate::i18n::tr;
use crate::source::{self, LoadError};
use crate::state::use_app;
use crate::ui::components::content_error::ContentErrorView;

/// Loads the module named in the URL, for the module, lesson and quiz pages.
pub fn use_module() -> LocalResource<Result<Arc<Module>, LoadError>> {
    let params = use_params_map();
    LocalResource::new(move || {
        let id = params.with(|p| p.get("id").unwrap_or_default());
        async move { source::load_module(&id).await }
    })
}

/// Loads the module named in the URL and renders `render` with it, inside a page `<div>` of
/// class `class`; while it loads, a skeleton; when it cannot be used, which file and why.
#[component]
pub fn WithModule<F>(class: &'static str, render: F) -> impl IntoView
where
    F: Fn(Arc<Module>) -> AnyView + Send + Sync + 'static,
{
    let module = use_module();
    view! {
        <div class=class>
            <Suspense fallback=|| view! { <div class="skeleton" aria-busy="true"></div> }>
                {move || module.get().map(|r| match r {
                    Ok(m) => render(m),
                    Err(e) => view! {
                        <h1 tabindex="-1">{tr("module.unavailable")}</h1>
                        <ContentErrorView error=e/>
                        <p><A href="/">{tr("nav.back_to_catalog")}</A></p>
                    }
                    .into_any(),
                })}
            </Suspense>
        </div>
    }
}

/// The module page.
#[component]
pub fn ModulePage() -> impl IntoView {
    view! { <WithModule class="page module-page" render=|m| view! { <ModuleView module=m/> }.into_any()/> }
}

#[component]
fn ModuleView(module: Arc<Module>) -> impl IntoView {
    let app = use_app();
    let i18n = app.i18n;
    let m = module.clone();
    let lang = move || i18n.lang.get();
    let lesson_ids: Vec<String> = module.lessons.iter().map(|l| l.id.clone()).collect();
    let id = module.id.clone();
    let done = Memo::new(move |_| app.progress.with(|p| completion(&id, &lesson_ids, p)));
    let m_title = m.clone();
    let m_summary = m.clone();
    let summary_languages = m.summary.languages();
    let certificate_href = format!("/module/{}/certificate", m.id);
    let m_obj = m.clone();
    let m_lessons = m.clone();
    let m_tools: Vec<erasmi_core::worksheet::Tool> = m
        .tools
        .iter()
        .filter_map(|t| erasmi_core::worksheet::Tool::from_slug(t))
        .collect();
    let quiz_href = format!("/module/{}/quiz", module.id);
    let question_count = module.quiz.questions.len().to_string();
    // The latest finished quiz attempt, for the quiz card.
    let latest = {
        let module = module.clone();
        LocalResource::new(move || {
            let module = module.clone();
            async move {
                let lang = i18n.lang.get_untracked();
                app.quiz_attempts(&module.id)
                    .await
                    .into_iter()
                    .rev()
                    .find(|a| a.finished_at.is_some())
                    .map(|a| (a.result(&module, &lang), a.is_stale(&module)))
            }
        })
    };
    let minutes_left = {
        let module = module.clone();
        Memo::new(move |_| {
            app.progress.with(|p| {
                module
                    .lessons
                    .iter()
                    .filter(|l| {
                        !p.iter()
                            .any(|r| r.module == module.id && r.lesson == l.id && r.is_done())
                    })
                    .map(|l| l.minutes)
                    .sum::<u32>()
            })
        })
    };
    let self_href = format!("/module/{}/self-assessment", module.id);
    let self_href_after = self_href.clone();
    let statement_count = module.self_assessment.len().to_string();
    view! {
        <nav class="breadcrumb" aria-label=tr("nav.breadcrumb")>
            <A href="/">{tr("nav.catalog")}</A>
        </nav>
        <h1 tabindex="-1">{move || m_title.title.get(&lang()).to_owned()}</h1>
        <p class="lead">{move || m_summary.summary.get(&lang()).to_owned()}</p>
        <crate::ui::components::fallback_note::FallbackNote written_in=summary_languages/>
        <p class="meta">
            {move || i18n.format("module.duration", &[("minutes", &m.duration_minutes.to_string())])}
            " · "
            {move || i18n.format("module.minutes_left", &[("minutes", &minutes_left.get().to_string())])}
            " · "
            {move || {
                let c = done.get();
                i18n.format("progress.lessons_done", &[("done", &c.done.to_string()), ("total", &c.total.to_string())])
            }}
        </p>
        <section aria-labelledby="objectives">
            <h2 id="objectives">{tr("module.objectives")}</h2>
            <ul class="objectives">
                {move || {
                    let l = lang();
                    m_obj.objectives.iter().map(|o| view! { <li>{o.get(&l).to_owned()}</li> }).collect_view()
                }}
            </ul>
        </section>
        <section aria-labelledby="lessons">
            <h2 id="lessons">{tr("module.lessons")}</h2>
            <ol class="lesson-list">
                {m_lessons
                    .lessons
                    .iter()
                    .map(|lesson| {
                        let href = format!("/module/{}/lesson/{}", m_lessons.id, lesson.id);
                        let title = lesson.title.clone();
                        let module_id = m_lessons.id.clone();
                        let lesson_id = lesson.id.clone();
                        let is_done = move || {
                            app.progress.with(|p| p.iter().any(|r| r.module == module_id && r.lesson == lesson_id && r.is_done()))
                        };
                        let minutes = lesson.minutes.to_string();
                        view! {
                            <li class="lesson-item" class:done=is_done.clone()>
                                <A href=href>{move || title.get(&lang()).to_owned()}</A>
                                <span class="meta">
                                    {move || i18n.format("lesson.minutes", &[("minutes", &minutes)])}
                                </span>
                                <Show when=is_done.clone()>
                                    <span class="badge badge-done">{tr("lesson.done")}</span>
                                </Show>
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
        </section>
        <section aria-labelledby="self" class="card">
            <h2 id="self">{tr("module.self")}</h2>
            <p>{move || i18n.format("module.self.summary", &[("count", &statement_count)])}</p>
            <Show
                when=move || { let c = done.get(); c.total > 0 && c.done == c.total }
                fallback=move || view! { <A href=self_href.clone() attr:class="button">{tr("module.self.open")}</A> }
            >
                <p class="invite" data-testid="after-invite">{tr("module.self.after_invite")}</p>
                <A href=format!("{}?phase=after", self_href_after.clone()) attr:class="button button-primary">{tr("module.self.after_open")}</A>
            </Show>
        </section>
        <section aria-labelledby="quiz" class="card">
            <h2 id="quiz">{tr("module.quiz")}</h2>
            <p>{move || i18n.format("module.quiz.summary", &[("count", &question_count)])}</p>
            <Suspense fallback=|| ()>
                {move || latest.get().flatten().map(|(r, stale)| view! {
                    <p data-testid="latest-result">
                        {i18n.format("module.quiz.latest", &[("percent", &r.percent.to_string())])}
                        " "
                        <span class="badge" class:badge-done=r.passed>
                            {if r.passed { i18n.t("quiz.passed") } else { i18n.t("quiz.not_passed") }}
                        </span>
                        {stale.then(|| view! { " "<span class="badge">{tr("quiz.changed.since")}</span> })}
                    </p>
                })}
            </Suspense>
            <A href=quiz_href attr:class="button">{tr("module.quiz.open")}</A>
            <p class="meta"><A href=certificate_href>{tr("module.certificate")}</A></p>
        </section>
        {(!m_tools.is_empty()).then(move || view! {
            <section aria-labelledby="module-tools" class="card">
                <h2 id="module-tools">{tr("module.tools")}</h2>
                <p>{tr("module.tools.lead")}</p>
                <ul class="link-list">
                    {m_tools.into_iter().map(|t| view! {
                        <li>
                            <A href=format!("/tools/{}", t.slug())>{move || i18n.t(&format!("tools.{}.title", t.key()))}</A>
                            <span class="meta">" — "{move || i18n.t(&format!("tools.{}.summary", t.key()))}</span>
                        </li>
                    }).collect_view()}
                </ul>
            </section>
        })}
    }
}
