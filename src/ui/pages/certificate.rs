//! `/module/:id/certificate`: a certificate of completion that prints on one A4 page, once every
//! lesson is done and the quiz passed; until then, what is still missing.

use std::sync::Arc;

use erasmi_core::content::Module;
use erasmi_core::progress::{certificate_facts, module_summary};
use leptos::prelude::*;
use leptos_router::components::A;

use crate::device;
use crate::i18n::{format_date, tr};
use crate::state::use_app;
use crate::ui::pages::module::WithModule;

/// The certificate page.
#[component]
pub fn CertificatePage() -> impl IntoView {
    view! { <WithModule class="page certificate-page" render=|m| view! { <Certificate module=m/> }.into_any()/> }
}

#[component]
fn Certificate(module: Arc<Module>) -> impl IntoView {
    let app = use_app();
    let i18n = app.i18n;
    let m = module.clone();
    let facts = LocalResource::new(move || {
        let m = m.clone();
        app.revision.track();
        let progress = app.progress.get();
        async move {
            let (runs, attempts) = app.assessment_history().await;
            let activity = app.activity().await;
            let lang = i18n.lang.get_untracked();
            let summary = module_summary(&m, &progress, &attempts, &runs, &activity, &lang);
            (summary.clone(), certificate_facts(&m, &summary))
        }
    });
    let name = RwSignal::new(
        app.active_profile()
            .map(|p| p.name.trim().to_owned())
            .unwrap_or_default(),
    );
    let module_href = format!("/module/{}", module.id);
    let quiz_href = format!("/module/{}/quiz", module.id);
    let title = module.title.clone();
    let crumb = module.title.clone();
    let pass = module.quiz.pass_mark.to_string();
    let minutes = module.duration_minutes.to_string();
    view! {
        <nav class="breadcrumb no-print" aria-label=tr("nav.breadcrumb")>
            <A href="/">{tr("nav.catalog")}</A>
            " › "
            <A href=module_href.clone()>{move || crumb.get(&i18n.lang.get()).to_owned()}</A>
        </nav>
        <Suspense fallback=|| view! { <div class="skeleton" aria-busy="true"></div> }>
            {move || facts.get().map(|(summary, facts)| {
                let lang = i18n.lang.get();
                let module_title = title.get(&lang).to_owned();
                match facts {
                    None => view! {
                        <h1 tabindex="-1">{tr("certificate.title")}</h1>
                        <p class="lead">{tr("certificate.not_yet")}</p>
                        <ul class="checklist-status" data-testid="certificate-missing">
                            <li>{i18n.format("certificate.lessons", &[("done", &summary.completion.done.to_string()), ("total", &summary.completion.total.to_string())])}</li>
                            <li>{match summary.best {
                                Some(b) => i18n.format("certificate.quiz_best", &[("best", &b.to_string()), ("pass", &pass)]),
                                None => i18n.format("certificate.quiz_none", &[("pass", &pass)]),
                            }}</li>
                        </ul>
                        <div class="button-row">
                            <A href=module_href.clone() attr:class="button">{tr("certificate.to_module")}</A>
                            <A href=quiz_href.clone() attr:class="button">{tr("module.quiz.open")}</A>
                        </div>
                    }.into_any(),
                    Some(f) => {
                        let date = format_date(f.date, &lang);
                        view! {
                            <h1 class="visually-hidden" tabindex="-1">{tr("certificate.title")}</h1>
                            <div class="card no-print certificate-controls">
                                <label for="certificate-name">{tr("certificate.name_label")}</label>
                                <input id="certificate-name" type="text" maxlength="120" prop:value=move || name.get()
                                    on:input=move |ev| name.set(event_target_value(&ev))/>
                                <p class="meta">{tr("certificate.name_hint")}</p>
                                <button class="button button-primary" on:click=move |_| device::print() data-testid="print-certificate">{tr("certificate.print")}</button>
                            </div>
                            <article class="certificate" data-testid="certificate">
                                <p class="certificate-brand">{tr("app.name")}</p>
                                <p class="certificate-kind">{tr("certificate.title")}</p>
                                <p class="certificate-intro">{tr("certificate.confirms")}</p>
                                <p class="certificate-name" data-testid="certificate-name">{move || { let n = name.get(); if n.trim().is_empty() { i18n.t("certificate.no_name") } else { n } }}</p>
                                <p class="certificate-intro">{tr("certificate.completed")}</p>
                                <p class="certificate-module">{module_title.clone()}</p>
                                <dl class="certificate-facts">
                                    <div><dt>{tr("certificate.date")}</dt><dd>{date}</dd></div>
                                    <div><dt>{tr("certificate.score")}</dt><dd data-testid="certificate-score">{format!("{} %", f.score)}</dd></div>
                                    <div><dt>{tr("certificate.workload")}</dt><dd>{i18n.format("certificate.minutes", &[("minutes", &minutes)])}</dd></div>
                                </dl>
                                <p class="certificate-note">{tr("certificate.note")}</p>
                                <p class="certificate-funding">{tr("certificate.funding")}</p>
                            </article>
                        }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}
