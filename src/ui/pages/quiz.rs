//! `/module/:id/quiz`: the quiz of a module — its pass mark, question types and questions.

use std::sync::Arc;

use erasmi_core::content::Module;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::tr;
use crate::state::use_app;
use crate::ui::components::content_error::ContentErrorView;
use crate::ui::pages::module::use_module;

/// The quiz page.
#[component]
pub fn QuizPage() -> impl IntoView {
    let module = use_module();
    view! {
        <div class="page quiz-page">
            <Suspense fallback=|| view! { <div class="skeleton" aria-busy="true"></div> }>
                {move || module.get().map(|r| match r {
                    Ok(m) => view! { <QuizOverview module=m/> }.into_any(),
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
fn QuizOverview(module: Arc<Module>) -> impl IntoView {
    let i18n = use_app().i18n;
    let lang = move || i18n.lang.get();
    let module_href = format!("/module/{}", module.id);
    let title = module.title.clone();
    let pass = module.quiz.pass_mark.to_string();
    let count = module.quiz.questions.len().to_string();
    let questions = module.quiz.questions.clone();
    view! {
        <nav class="breadcrumb" aria-label=tr("nav.breadcrumb")>
            <A href="/">{tr("nav.catalog")}</A>
            " › "
            <A href=module_href>{move || title.get(&lang()).to_owned()}</A>
        </nav>
        <h1 tabindex="-1">{tr("quiz.title")}</h1>
        <p class="lead">{move || i18n.format("quiz.summary", &[("count", &count), ("pass", &pass)])}</p>
        <ol class="question-list">
            {questions
                .into_iter()
                .map(|q| {
                    let kind = q.kind.type_name();
                    view! {
                        <li>
                            <span class="badge">{move || i18n.t(&format!("quiz.type.{kind}"))}</span>
                            " "
                            {move || q.prompt.get(&lang()).to_owned()}
                        </li>
                    }
                })
                .collect_view()}
        </ol>
    }
}
