//! `/module/:id/self-assessment`: rate the module's statements before and after the module.
//! Every rating is saved as it is given; a finished run can be compared with the other one.

use std::sync::Arc;

use erasmi_core::content::Module;
use erasmi_core::progress::{AssessmentPhase, SelfAssessmentRecord, RATING_RANGE};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

use crate::i18n::tr;
use crate::source;
use crate::state::{now, use_app};
use crate::ui::pages::module::WithModule;

/// The self-assessment page.
#[component]
pub fn SelfAssessmentPage() -> impl IntoView {
    view! {
        <WithModule class="page self-assessment-page" render=|m| view! { <SelfAssessmentLoader module=m/> }.into_any()/>
    }
}

#[component]
fn SelfAssessmentLoader(module: Arc<Module>) -> impl IntoView {
    let app = use_app();
    let id = module.id.clone();
    let runs = LocalResource::new(move || {
        let id = id.clone();
        async move { app.self_assessments(&id).await }
    });
    view! {
        <Suspense fallback=|| view! { <div class="skeleton" aria-busy="true"></div> }>
            {move || runs.get().map(|runs| view! { <SelfAssessmentView module=module.clone() runs/> })}
        </Suspense>
    }
}

#[component]
fn SelfAssessmentView(module: Arc<Module>, runs: Vec<SelfAssessmentRecord>) -> impl IntoView {
    let app = use_app();
    let i18n = app.i18n;
    let lang = move || i18n.lang.get();
    let query = use_query_map();
    let before_done = runs
        .iter()
        .any(|r| r.phase == AssessmentPhase::Before && r.completed_at.is_some());
    let phase = Memo::new(move |_| {
        query
            .with(|q| q.get("phase").and_then(|p| AssessmentPhase::parse(&p)))
            .unwrap_or(if before_done {
                AssessmentPhase::After
            } else {
                AssessmentPhase::Before
            })
    });
    let before = RwSignal::new(
        runs.iter()
            .find(|r| r.phase == AssessmentPhase::Before)
            .cloned(),
    );
    let after = RwSignal::new(
        runs.iter()
            .find(|r| r.phase == AssessmentPhase::After)
            .cloned(),
    );
    let current = move || {
        if phase.get() == AssessmentPhase::Before {
            before
        } else {
            after
        }
    };

    let m = module.clone();
    let rate = move |statement: String, rating: u8| {
        let signal = current();
        let profile = app.profile.get_untracked();
        let mut record = signal.get_untracked().unwrap_or_else(|| {
            SelfAssessmentRecord::new(&profile, &m, phase.get_untracked(), now())
        });
        if record.rate(&m, &statement, rating, now()) {
            signal.set(Some(record.clone()));
            app.save_self_assessment(record);
        }
    };
    let m = module.clone();
    let finish = move |_| {
        let signal = current();
        if let Some(mut record) = signal.get_untracked() {
            if record.is_complete(&m) {
                record.completed_at = Some(now());
                signal.set(Some(record.clone()));
                app.save_self_assessment(record);
            }
        }
    };
    let m = module.clone();
    let complete = move || current().with(|r| r.as_ref().is_some_and(|r| r.is_complete(&m)));
    let finished = move || current().with(|r| r.as_ref().is_some_and(|r| r.completed_at.is_some()));
    let module_href = format!("/module/{}", module.id);
    let title = module.title.clone();
    let statements = module.self_assessment.clone();
    let m_compare = module.clone();
    let competences = LocalResource::new(|| async { source::load_competences().await.ok() });

    view! {
        <nav class="breadcrumb" aria-label=tr("nav.breadcrumb")>
            <A href="/">{tr("nav.catalog")}</A>
            " › "
            <A href=module_href.clone()>{move || title.get(&lang()).to_owned()}</A>
        </nav>
        <h1 tabindex="-1">{tr("self.title")}</h1>
        <p class="lead">{tr("self.lead")}</p>
        <nav class="tabs" aria-label=tr("self.phases")>
            // Plain links: the router's <A> marks both as current, since they differ only in the query.
            <a href="?phase=before" aria-current=move || (phase.get() == AssessmentPhase::Before).then_some("page")>
                {tr("self.before")}
            </a>
            <a href="?phase=after" aria-current=move || (phase.get() == AssessmentPhase::After).then_some("page")>
                {tr("self.after")}
            </a>
        </nav>
        <p class="meta">{move || if phase.get() == AssessmentPhase::Before { i18n.t("self.before.hint") } else { i18n.t("self.after.hint") }}</p>
        <ol class="statements">
            {statements
                .into_iter()
                .map(|s| {
                    let rate = rate.clone();
                    let sid = s.id.clone();
                    let legend_id = format!("statement-{}", s.id);
                    view! {
                        <li class="statement card">
                            <fieldset>
                                <legend id=legend_id>{move || s.text.get(&lang()).to_owned()}</legend>
                                <div class="scale">
                                    {RATING_RANGE
                                        .map(|n| {
                                            let rate = rate.clone();
                                            let sid = sid.clone();
                                            let sid_check = sid.clone();
                                            let checked = move || {
                                                current().with(|r| r.as_ref().and_then(|r| r.ratings.get(&sid_check).copied()) == Some(n))
                                            };
                                            let name = format!("rating-{}", sid);
                                            view! {
                                                <label class="scale-point">
                                                    <input
                                                        type="radio"
                                                        name=name
                                                        value=n.to_string()
                                                        prop:checked=checked
                                                        on:change=move |_| rate(sid.clone(), n)
                                                    />
                                                    <span class="scale-number">{n}</span>
                                                    <span class="scale-label">{move || i18n.t(&format!("self.scale.{n}"))}</span>
                                                </label>
                                            }
                                        })
                                        .collect_view()}
                                </div>
                            </fieldset>
                        </li>
                    }
                })
                .collect_view()}
        </ol>
        <div class="lesson-actions">
            <button class="button button-primary" on:click=finish prop:disabled=move || !complete() data-testid="finish-self">
                {tr("self.finish")}
            </button>
            <Show when=finished>
                <span class="badge badge-done" role="status">{tr("self.saved")}</span>
            </Show>
        </div>
        <Show when=move || before.with(|b| b.is_some()) || after.with(|a| a.is_some())>
            {
                let m = m_compare.clone();
                move || {
                    let m = m.clone();
                    let b = before.get().map(|r| r.by_competence(&m)).unwrap_or_default();
                    let a = after.get().map(|r| r.by_competence(&m)).unwrap_or_default();
                    let names = competences.get().flatten();
                    let lang = lang();
                    let fmt = |v: Option<&f64>| v.map(|x| format!("{x:.1}")).unwrap_or_else(|| "–".into());
                    view! {
                        <section class="card">
                            <h2>{tr("self.compare")}</h2>
                            <table class="progress-table" data-testid="self-compare">
                                <thead>
                                    <tr>
                                        <th scope="col">{tr("self.competence")}</th>
                                        <th scope="col">{tr("self.before")}</th>
                                        <th scope="col">{tr("self.after")}</th>
                                    </tr>
                                </thead>
                                <tbody>
                                    {m.competences
                                        .iter()
                                        .filter(|c| b.contains_key(*c) || a.contains_key(*c))
                                        .map(|c| {
                                            let name = names
                                                .as_ref()
                                                .and_then(|f| f.competences.iter().find(|x| &x.id == c))
                                                .map(|x| x.name.get(&lang).to_owned())
                                                .unwrap_or_else(|| c.clone());
                                            view! {
                                                <tr>
                                                    <th scope="row">{name}</th>
                                                    <td>{fmt(b.get(c))}</td>
                                                    <td>{fmt(a.get(c))}</td>
                                                </tr>
                                            }
                                        })
                                        .collect_view()}
                                </tbody>
                            </table>
                        </section>
                    }
                }
            }
        </Show>
        <p><A href=module_href>{tr("self.back")}</A></p>
    }
}
