//! The network health check: a questionnaire over the dimensions of `health-check.json`, a radar
//! chart of every run so a network can compare this year with last year, and recommendations
//! that link to the lessons addressing the weakest dimensions.

use std::sync::Arc;

use erasmi_core::content::HealthCheck;
use erasmi_core::worksheet::{dimension_scores, unanswered, weakest, HealthLog, Sheet, WEAK_BELOW};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

use super::{Editor, WorksheetHead};
use crate::i18n::{format_date, format_number, tr};
use crate::source;
use crate::state::{now, random_id, use_app};
use crate::ui::components::content_error::ContentErrorView;
use crate::ui::components::radar_chart::{RadarChart, Series};

/// Runs drawn on the chart at once (the newest ones).
const RUNS_ON_CHART: usize = 4;

fn log_of(editor: &Editor) -> HealthLog {
    editor.record.with(|r| match &r.sheet {
        Sheet::HealthCheck(h) => h.clone(),
        _ => HealthLog::default(),
    })
}

fn edit_log(editor: Editor, f: impl FnOnce(&mut HealthLog)) {
    editor.edit(|r| {
        if let Sheet::HealthCheck(h) = &mut r.sheet {
            f(h);
        }
    });
}

fn use_check() -> LocalResource<Result<Arc<HealthCheck>, source::LoadError>> {
    LocalResource::new(|| async { source::load_health_check().await })
}

/// `/tools/health-check/:id`: the results of every run and what to work on.
#[component]
pub fn CheckResults(editor: Editor) -> impl IntoView {
    let check = use_check();
    view! {
        <WorksheetHead editor/>
        <Suspense fallback=|| view! { <div class="skeleton" aria-busy="true"></div> }>
            {move || check.get().map(|r| match r {
                Ok(c) => view! { <Results editor check=c/> }.into_any(),
                Err(e) => view! { <ContentErrorView error=e/> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn Results(editor: Editor, check: Arc<HealthCheck>) -> impl IntoView {
    let app = use_app();
    let i18n = app.i18n;
    let lang = move || i18n.lang.get();
    let log = Memo::new(move |_| log_of(&editor));
    let total = check
        .dimensions
        .iter()
        .map(|d| d.statements.len())
        .sum::<usize>();
    let run_href = move || {
        editor
            .record
            .with(|r| format!("/tools/health-check/{}/run", r.id))
    };
    let c_chart = check.clone();
    let c_recs = check.clone();
    let start_label = move || {
        let answered = log.with(|l| l.draft.len());
        if answered > 0 {
            i18n.format(
                "tools.health_check.continue",
                &[
                    ("answered", &answered.to_string()),
                    ("total", &total.to_string()),
                ],
            )
        } else if log.with(|l| l.runs.is_empty()) {
            i18n.t("tools.health_check.start")
        } else {
            i18n.t("tools.health_check.again")
        }
    };
    view! {
        <p class="lead">{tr("tools.health_check.how")}</p>
        <div class="button-row no-print">
            <A href=run_href attr:class="button button-primary" attr:data-testid="run-check">{start_label}</A>
            <Show when=move || log.with(|l| !l.runs.is_empty())>
                <button class="button" on:click=move |_| crate::device::print()>{tr("tools.print")}</button>
            </Show>
        </div>
        {move || {
            let check = c_chart.clone();
            let runs: Vec<_> = log.with(|l| l.runs_in_order().into_iter().cloned().collect());
            if runs.is_empty() {
                return view! { <p class="empty">{tr("tools.health_check.no_runs")}</p> }.into_any();
            }
            let shown: Vec<_> = runs.iter().rev().take(RUNS_ON_CHART).rev().cloned().collect();
            let offset = RUNS_ON_CHART - shown.len();
            let names: Vec<String> = check.dimensions.iter().map(|d| d.name.get(&lang()).to_owned()).collect();
            let series: Vec<Series> = shown.iter().enumerate().map(|(i, r)| Series {
                class: ["series-run-0", "series-run-1", "series-run-2", "series-run-3"][i + offset],
                values: dimension_scores(&check, &r.ratings).into_iter().map(|s| s.map(|s| s / 5.0)).collect(),
            }).collect();
            let language = lang();
            // Numbered, since two checks may fall on one day.
            let first_number = runs.len() - shown.len() + 1;
            let dates: Vec<String> = shown.iter().enumerate().map(|(i, r)| i18n.format("tools.health_check.run_label", &[("n", &(first_number + i).to_string()), ("date", &format_date(r.taken_at, &language))])).collect();
            let scores: Vec<Vec<Option<f64>>> = shown.iter().map(|r| dimension_scores(&check, &r.ratings)).collect();
            view! {
                <section class="card health-chart" aria-labelledby="chart-title">
                    <h2 id="chart-title">{tr("tools.health_check.chart")}</h2>
                    <ul class="legend" data-testid="run-legend">
                        {dates.iter().enumerate().map(|(i, d)| view! { <li class=format!("series-run-{}", i + offset)>{d.clone()}</li> }).collect_view()}
                    </ul>
                    <RadarChart labels=names.clone() series label=i18n.t("tools.health_check.chart_label")/>
                    <div class="table-scroll" tabindex="0" role="region" aria-labelledby="chart-title">
                        <table class="progress-table" data-testid="health-table">
                            <caption>{tr("tools.health_check.table")}</caption>
                            <thead><tr>
                                <th scope="col">{tr("tools.health_check.dimension")}</th>
                                {dates.iter().map(|d| view! { <th scope="col">{d.clone()}</th> }).collect_view()}
                            </tr></thead>
                            <tbody>
                                {names.iter().enumerate().map(|(i, n)| view! {
                                    <tr>
                                        <th scope="row"><span class="dim-num" aria-hidden="true">{(i + 1).to_string()}</span>{n.clone()}</th>
                                        {scores.iter().map(|s| view! { <td>{s[i].map(|v| format_number(v, &language, 1)).unwrap_or_else(|| "–".into())}</td> }).collect_view()}
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                </section>
            }.into_any()
        }}
        {move || {
            let check = c_recs.clone();
            let latest = log.with(|l| l.runs_in_order().last().map(|r| (*r).clone()))?;
            let weak = weakest(&check, &latest.ratings);
            let language = lang();
            Some(view! {
                <section class="card recommendations" aria-labelledby="recs-title" data-testid="recommendations">
                    <h2 id="recs-title">{tr("tools.health_check.recommendations")}</h2>
                    {if weak.is_empty() {
                        view! { <p>{i18n.format("tools.health_check.all_strong", &[("threshold", &format_number(WEAK_BELOW, &language, 1))])}</p> }.into_any()
                    } else {
                        view! {
                            <p>{i18n.format("tools.health_check.weak_lead", &[("threshold", &format_number(WEAK_BELOW, &language, 1))])}</p>
                            <ol class="recommendation-list">
                                {weak.into_iter().map(|(i, score)| {
                                    let d = check.dimensions[i].clone();
                                    view! {
                                        <li>
                                            <h3>{d.name.get(&language).to_owned()}" · "{format_number(score, &language, 1)}</h3>
                                            <p>{d.description.get(&language).to_owned()}</p>
                                            <p class="meta">{tr("tools.health_check.read")}</p>
                                            <ul class="link-list">
                                                {d.lessons.iter().map(|l| view! { <LessonLink module=l.module.clone() lesson=l.lesson.clone()/> }).collect_view()}
                                            </ul>
                                        </li>
                                    }
                                }).collect_view()}
                            </ol>
                        }.into_any()
                    }}
                </section>
            })
        }}
    }
}

/// A link to a lesson, titled from its module file.
#[component]
fn LessonLink(module: String, lesson: String) -> impl IntoView {
    let i18n = use_app().i18n;
    let (m, l) = (module.clone(), lesson.clone());
    let titles = LocalResource::new(move || {
        let (m, l) = (m.clone(), l.clone());
        async move {
            let module = source::load_module(&m).await.ok()?;
            let lesson = module.lesson(&l)?.title.clone();
            Some((module.title.clone(), lesson))
        }
    });
    let href = format!("/module/{module}/lesson/{lesson}");
    view! {
        <li>
            <A href=href>
                {move || match titles.get().flatten() {
                    Some((m, l)) => { let lang = i18n.lang.get(); format!("{} — {}", l.get(&lang), m.get(&lang)) }
                    None => lesson.clone(),
                }}
            </A>
        </li>
    }
}

/// `/tools/health-check/:id/run`: the questionnaire. Every answer is saved as it is given, so a
/// check can be continued later; finishing adds it to the history.
#[component]
pub fn CheckRun(editor: Editor) -> impl IntoView {
    let check = use_check();
    view! {
        <WorksheetHead editor/>
        <Suspense fallback=|| view! { <div class="skeleton" aria-busy="true"></div> }>
            {move || check.get().map(|r| match r {
                Ok(c) => view! { <Questionnaire editor check=c/> }.into_any(),
                Err(e) => view! { <ContentErrorView error=e/> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn Questionnaire(editor: Editor, check: Arc<HealthCheck>) -> impl IntoView {
    let app = use_app();
    let i18n = app.i18n;
    let lang = move || i18n.lang.get();
    let draft = Memo::new(move |_| log_of(&editor).draft);
    let total = check
        .dimensions
        .iter()
        .map(|d| d.statements.len())
        .sum::<usize>();
    let error = RwSignal::new(None::<String>);
    let navigate = use_navigate();
    let c_finish = check.clone();
    let finish = move |_| {
        let missing = unanswered(&c_finish, &draft.get_untracked());
        if let Some(first) = missing.first() {
            error.set(Some(i18n.format(
                "tools.health_check.missing",
                &[("count", &missing.len().to_string())],
            )));
            if let Some(el) = document().get_element_by_id(&format!("rate-{first}-1")) {
                use wasm_bindgen::JsCast;
                if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                    let _ = el.focus();
                }
            }
            return;
        }
        let check = c_finish.clone();
        edit_log(editor, |l| {
            let _ = l.finish(&check, random_id("run"), now());
        });
        let href = editor
            .record
            .with_untracked(|r| format!("/tools/health-check/{}", r.id));
        navigate(&href, Default::default());
    };
    let rate = move |statement: String, value: u8| {
        error.set(None);
        edit_log(editor, |l| {
            l.draft.insert(statement, value);
        });
    };
    view! {
        <p class="lead">{tr("tools.health_check.run_lead")}</p>
        <p class="meta" role="status" data-testid="check-progress">
            {move || i18n.format("tools.health_check.answered", &[("answered", &draft.with(|d| d.len()).to_string()), ("total", &total.to_string())])}
        </p>
        {check.dimensions.iter().map(|d| {
            let d = d.clone();
            let (name, description) = (d.name.clone(), d.description.clone());
            view! {
                <section class="card health-dimension">
                    <h2>{move || name.get(&lang()).to_owned()}</h2>
                    <p class="meta">{move || description.get(&lang()).to_owned()}</p>
                    <ol class="statements">
                        {d.statements.iter().map(|s| {
                            let sid = s.id.clone();
                            let text = s.text.clone();
                            view! {
                                <li class="statement">
                                    <fieldset>
                                        <legend>{move || text.get(&lang()).to_owned()}</legend>
                                        <div class="scale">
                                            {(1..=5u8).map(|n| {
                                                let id = sid.clone();
                                                let checked_id = sid.clone();
                                                view! {
                                                    <label class="scale-point">
                                                        <input type="radio" id=format!("rate-{sid}-{n}") name=format!("rate-{sid}") value=n.to_string()
                                                            prop:checked=move || draft.with(|d| d.get(&checked_id) == Some(&n))
                                                            on:change=move |_| rate(id.clone(), n)/>
                                                        <span class="scale-number">{n}</span>
                                                        <span class="scale-label">{move || i18n.t(&format!("tools.health_check.scale.{n}"))}</span>
                                                    </label>
                                                }
                                            }).collect_view()}
                                        </div>
                                    </fieldset>
                                </li>
                            }
                        }).collect_view()}
                    </ol>
                </section>
            }
        }).collect_view()}
        <p class="field-error" role="alert">{move || error.get()}</p>
        <div class="button-row">
            <button class="button button-primary" on:click=finish data-testid="finish-check">{tr("tools.health_check.finish")}</button>
            <A href=move || editor.record.with(|r| format!("/tools/health-check/{}", r.id)) attr:class="button">{tr("tools.health_check.later")}</A>
        </div>
    }
}
