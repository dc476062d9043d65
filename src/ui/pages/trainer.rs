//! The trainer area: `/trainer` (assignments, new assignment, import reports) and
//! `/trainer/:id` (share the assignment, the group's results, CSV and print), and `/report#<code>`
//! (a report link opened by the trainer).

use erasmi_core::codes::{self, AssignedModule, Assignment, Report};
use erasmi_core::group::{csv_modules, csv_questions, group_view, option_text, Role};
use erasmi_core::worksheet::Tool;
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate, use_params_map};

use crate::device;
use crate::i18n::{format_date, tr};
use crate::source;
use crate::state::use_app;
use crate::ui::components::qr::QrCode;
use crate::ui::pages::assignment::{
    code_message, due_text, now_secs, today_day, AssignmentSummary,
};

/// Switch the trainer area on, if it is off.
#[component]
fn TrainerGate(children: ChildrenFn) -> impl IntoView {
    let app = use_app();
    move || {
        if app.trainer_mode.get() {
            children().into_any()
        } else {
            view! {
                <section class="card">
                    <p>{tr("trainer.off")}</p>
                    <button class="button button-primary" on:click=move |_| app.set_trainer_mode(true) data-testid="trainer-on">
                        {tr("trainer.switch_on")}
                    </button>
                </section>
            }
            .into_any()
        }
    }
}

/// `/trainer`.
#[component]
pub fn TrainerPage() -> impl IntoView {
    let app = use_app();
    let i18n = app.i18n;
    let list = LocalResource::new(move || {
        app.revision.track();
        async move { app.assignments(Role::Trainer).await }
    });
    view! {
        <div class="page trainer-page">
            <h1 tabindex="-1">{tr("trainer.title")}</h1>
            <p class="lead">{tr("trainer.lead")}</p>
            <TrainerGate>
                <section aria-labelledby="my-assignments-title">
                    <h2 id="my-assignments-title">{tr("trainer.assignments")}</h2>
                    {move || list.get().map(|l| if l.is_empty() {
                        view! { <p class="empty">{tr("trainer.none")}</p> }.into_any()
                    } else {
                        let lang = i18n.lang.get();
                        view! {
                            <ul class="link-list">
                                {l.into_iter().map(|r| view! {
                                    <li>
                                        <a href=format!("/trainer/{}", r.assignment.id)>{r.assignment.title.clone()}</a>
                                        <span class="meta">" · "{i18n.plural("trainer.module_count", r.assignment.modules.len(), &[])}
                                        {r.assignment.due_day.map(|d| format!(" · {}", i18n.format("assign.due_on", &[("date", &due_text(d, &lang))])))}</span>
                                    </li>
                                }).collect_view()}
                            </ul>
                        }.into_any()
                    })}
                </section>
                <NewAssignment/>
                <ImportReports/>
            </TrainerGate>
        </div>
    }
}

#[component]
fn NewAssignment() -> impl IntoView {
    let app = use_app();
    let i18n = app.i18n;
    let title = RwSignal::new(String::new());
    let trainer = RwSignal::new(
        app.active_profile()
            .map(|p| p.name.trim().to_owned())
            .unwrap_or_default(),
    );
    let message = RwSignal::new(String::new());
    let due = RwSignal::new(String::new());
    let pass = RwSignal::new("70".to_owned());
    let chosen = RwSignal::new(Vec::<AssignedModule>::new());
    let tools = RwSignal::new(Vec::<Tool>::new());
    let error = RwSignal::new(None::<String>);
    let navigate = use_navigate();
    let modules = app
        .catalog
        .get_untracked()
        .map(|c| c.modules.clone())
        .unwrap_or_default();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let due_day = {
            let d = due.get_untracked();
            (!d.is_empty())
                .then(|| js_sys::Date::parse(&format!("{d}T00:00:00Z")))
                .filter(|t| t.is_finite())
                .map(|t| (t / 86_400_000.0) as u32)
        };
        let a = Assignment {
            id: crate::state::random_id("a"),
            title: title.get_untracked().trim().to_owned(),
            trainer: trainer.get_untracked().trim().to_owned(),
            message: message.get_untracked().trim().to_owned(),
            due_day,
            pass_mark: pass.get_untracked().parse::<u8>().unwrap_or(101),
            modules: chosen.get_untracked(),
            created: now_secs(),
            // In the tools page's order, whatever order they were ticked in.
            tools: Tool::ALL
                .into_iter()
                .filter(|t| tools.with_untracked(|l| l.contains(t)))
                .collect(),
        };
        if let Err(e) = a.check() {
            error.set(Some(code_message(i18n, &e)));
            return;
        }
        error.set(None);
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            let id = a.id.clone();
            if app.save_assignment(Role::Trainer, a).await {
                navigate(&format!("/trainer/{id}"), Default::default());
            }
        });
    };
    let toggle = move |id: String, field: u8, on: bool| {
        chosen.update(|list| {
            let pos = list.iter().position(|m| m.module == id);
            match (field, on, pos) {
                (0, true, None) => list.push(AssignedModule {
                    module: id,
                    quiz: true,
                    after_self_assessment: true,
                }),
                (0, false, Some(i)) => {
                    list.remove(i);
                }
                (1, _, Some(i)) => list[i].quiz = on,
                (2, _, Some(i)) => list[i].after_self_assessment = on,
                _ => {}
            }
        });
    };
    view! {
        <section class="card" aria-labelledby="new-assignment-title">
            <h2 id="new-assignment-title">{tr("trainer.new")}</h2>
            <form class="assignment-form" on:submit=submit novalidate>
                <label for="a-title">{tr("trainer.field.title")}</label>
                <input id="a-title" type="text" maxlength="120" prop:value=move || title.get() on:input=move |ev| title.set(event_target_value(&ev))/>
                <label for="a-trainer">{tr("trainer.field.trainer")}</label>
                <input id="a-trainer" type="text" maxlength="120" prop:value=move || trainer.get() on:input=move |ev| trainer.set(event_target_value(&ev))/>
                <label for="a-message">{tr("trainer.field.message")}</label>
                <textarea id="a-message" rows="3" maxlength="500" prop:value=move || message.get() on:input=move |ev| message.set(event_target_value(&ev)) aria-describedby="a-message-count"></textarea>
                <p id="a-message-count" class="meta">{move || i18n.format("trainer.chars_left", &[("n", &(500usize.saturating_sub(message.get().chars().count())).to_string())])}</p>
                <div class="form-row">
                    <div>
                        <label for="a-due">{tr("trainer.field.due")}</label>
                        <input id="a-due" type="date" prop:value=move || due.get() on:input=move |ev| due.set(event_target_value(&ev))/>
                    </div>
                    <div>
                        <label for="a-pass">{tr("trainer.field.pass")}</label>
                        <input id="a-pass" type="number" min="0" max="100" prop:value=move || pass.get() on:input=move |ev| pass.set(event_target_value(&ev))/>
                    </div>
                </div>
                <fieldset class="module-picker">
                    <legend>{tr("trainer.field.modules")}</legend>
                    {modules.into_iter().map(move |m| {
                        let lang = i18n.lang.get_untracked();
                        let (id0, id1, id2) = (m.id.clone(), m.id.clone(), m.id.clone());
                        let picked = { let id = m.id.clone(); move || chosen.with(|l| l.iter().any(|x| x.module == id)) };
                        let mid = m.id.clone();
                        let req = move |field: u8| { let id = mid.clone(); move || chosen.with(|l| l.iter().find(|x| x.module == id).is_some_and(|x| if field == 1 { x.quiz } else { x.after_self_assessment })) };
                        let picked2 = picked.clone();
                        view! {
                            <div class="module-choice">
                                <label class="check">
                                    <input type="checkbox" prop:checked=picked.clone() on:change=move |ev| toggle(id0.clone(), 0, event_target_checked(&ev))/>
                                    <span>{m.title.get(&lang).to_owned()}</span>
                                </label>
                                <Show when=picked2.clone()>
                                    <div class="requirements">
                                        <label class="check">
                                            <input type="checkbox" prop:checked=req(1) on:change={let id = id1.clone(); move |ev| toggle(id.clone(), 1, event_target_checked(&ev))}/>
                                            <span>{tr("trainer.field.quiz")}</span>
                                        </label>
                                        <label class="check">
                                            <input type="checkbox" prop:checked=req(2) on:change={let id = id2.clone(); move |ev| toggle(id.clone(), 2, event_target_checked(&ev))}/>
                                            <span>{tr("trainer.field.self")}</span>
                                        </label>
                                    </div>
                                </Show>
                            </div>
                        }
                    }).collect_view()}
                </fieldset>
                <fieldset class="module-picker">
                    <legend>{tr("trainer.field.tools")}</legend>
                    <p class="meta">{tr("trainer.field.tools_hint")}</p>
                    {Tool::ALL.into_iter().map(|t| view! {
                        <label class="check">
                            <input type="checkbox" data-testid=format!("task-{}", t.slug())
                                prop:checked=move || tools.with(|l| l.contains(&t))
                                on:change=move |ev| { let on = event_target_checked(&ev); tools.update(|l| { l.retain(|x| *x != t); if on { l.push(t); } }); }/>
                            <span>{move || i18n.t(&format!("tools.{}.title", t.key()))}</span>
                        </label>
                    }).collect_view()}
                </fieldset>
                <p class="field-error" role="alert">{move || error.get()}</p>
                <button type="submit" class="button button-primary" data-testid="create-assignment">{tr("trainer.create")}</button>
            </form>
        </section>
    }
}

/// Paste report links or codes, or choose report files; each is checked on its own.
#[component]
fn ImportReports() -> impl IntoView {
    let app = use_app();
    let i18n = app.i18n;
    let text = RwSignal::new(String::new());
    let outcome = RwSignal::new(None::<(usize, Vec<String>)>);
    let files: NodeRef<leptos::html::Input> = NodeRef::new();
    let run = move |sources: Vec<(String, String)>| {
        leptos::task::spawn_local(async move {
            let mut good = Vec::new();
            let mut refused = Vec::new();
            for (label, content) in sources {
                let parts: Vec<&str> = content.split_whitespace().collect();
                if parts.is_empty() {
                    refused.push(format!("{label}: {}", i18n.t("code.error.empty")));
                }
                for part in parts {
                    match Report::decode(part) {
                        Ok(r) => good.push(r),
                        Err(e) => refused.push(format!("{label}: {}", code_message(i18n, &e))),
                    }
                }
            }
            let kept = app.import_reports(good).await;
            outcome.set(Some((kept, refused)));
        });
    };
    let import_text = move |_| {
        let t = text.get_untracked();
        run(vec![(i18n.t("trainer.import.pasted"), t)]);
        text.set(String::new());
    };
    let import_files = move |_| {
        let Some(list) = files.get().and_then(|i| i.files()) else {
            return;
        };
        leptos::task::spawn_local(async move {
            let mut sources = Vec::new();
            for i in 0..list.length() {
                let Some(f) = list.get(i) else { continue };
                let content = if f.size() > codes::MAX_REPORT_CODE as f64 + 1000.0 {
                    String::from("#")
                } else {
                    device::read_file(&f)
                        .await
                        .map(|b| String::from_utf8_lossy(&b).into_owned())
                        .unwrap_or_default()
                };
                sources.push((f.name(), content));
            }
            run(sources);
        });
    };
    view! {
        <section class="card" aria-labelledby="import-title">
            <h2 id="import-title">{tr("trainer.import.title")}</h2>
            <p>{tr("trainer.import.lead")}</p>
            <label for="import-codes">{tr("trainer.import.paste")}</label>
            <textarea id="import-codes" rows="4" class="code-input" prop:value=move || text.get()
                on:input=move |ev| text.set(event_target_value(&ev)) data-testid="import-codes"></textarea>
            <button class="button button-primary" on:click=import_text data-testid="import-button">{tr("trainer.import.button")}</button>
            <label for="import-files" class="file-label button">{tr("trainer.import.files")}</label>
            <input id="import-files" type="file" class="file-input" multiple accept=".txt,text/plain" node_ref=files on:change=import_files data-testid="import-files"/>
            <div role="status" data-testid="import-outcome">
                {move || outcome.get().map(|(kept, refused)| view! {
                    <p>{i18n.format("trainer.import.done", &[("count", &kept.to_string())])}</p>
                    {(!refused.is_empty()).then(|| view! {
                        <ul class="refused">{refused.into_iter().map(|r| view! { <li>{r}</li> }).collect_view()}</ul>
                    })}
                })}
            </div>
            <p class="meta">{tr("trainer.unsigned")}</p>
        </section>
    }
}

/// `/trainer/:id`: share the assignment and see the group.
#[component]
pub fn TrainerAssignmentPage() -> impl IntoView {
    let app = use_app();
    let i18n = app.i18n;
    let params = use_params_map();
    let data = LocalResource::new(move || {
        let id = params.with(|p| p.get("id").unwrap_or_default());
        app.revision.track();
        async move {
            let rec = app.assignment(Role::Trainer, &id).await?;
            let reports: Vec<Report> = app
                .reports(&id)
                .await
                .into_iter()
                .map(|r| r.report)
                .collect();
            let mut modules = Vec::new();
            for m in &rec.assignment.modules {
                if let Ok(module) = source::load_module(&m.module).await {
                    modules.push((*module).clone());
                }
            }
            Some((rec.assignment, reports, modules))
        }
    });
    view! {
        <div class="page trainer-assignment-page">
            <nav class="breadcrumb" aria-label=tr("nav.breadcrumb")>
                <a href="/trainer">{tr("trainer.title")}</a>
            </nav>
            <Suspense fallback=|| view! { <div class="skeleton" aria-busy="true"></div> }>
                {move || data.get().map(|d| match d {
                    None => view! {
                        <h1 tabindex="-1">{tr("assign.missing.title")}</h1>
                        <p>{tr("trainer.missing")}</p>
                    }.into_any(),
                    Some((a, reports, modules)) => {
                        let lang = i18n.lang.get();
                        let link = format!("{}/assign#{}", device::origin(), a.encode());
                        let qr = codes::qr(&link);
                        let view_ = group_view(&a, &reports, today_day());
                        let csv1 = csv_modules(&a, &view_);
                        let csv2 = csv_questions(&view_);
                        let slug = a.id.clone();
                        let title_of = |id: &str| modules.iter().find(|m| m.id == id).map(|m| m.title.get(&lang).to_owned()).unwrap_or_else(|| id.to_owned());
                        let link_copy = link.clone();
                        view! {
                            <h1 tabindex="-1">{a.title.clone()}</h1>
                            <AssignmentSummary assignment=a.clone()/>
                            <section class="card share" aria-labelledby="share-title">
                                <h2 id="share-title">{tr("trainer.share")}</h2>
                                <label for="assignment-link">{tr("trainer.link")}</label>
                                <input id="assignment-link" type="text" readonly prop:value=link.clone() class="code-input" data-testid="assignment-link"/>
                                <div class="button-row no-print">
                                    <button class="button button-primary" on:click=move |_| { let l = link_copy.clone(); leptos::task::spawn_local(async move { device::copy(&l).await; }); }>{tr("report.copy")}</button>
                                    <button class="button" on:click=move |_| device::print()>{tr("trainer.print")}</button>
                                </div>
                                {qr.map(|qr| view! { <QrCode qr label=i18n.t("trainer.qr")/> })}
                            </section>
                            <section aria-labelledby="group-title">
                                <h2 id="group-title">{tr("trainer.group")}</h2>
                                {if view_.rows.is_empty() {
                                    view! { <p class="empty">{tr("trainer.no_reports")}</p> }.into_any()
                                } else {
                                    view! {
                                        // Scrolls sideways on a phone: focusable, so keyboards can scroll it too.
                                        <div class="table-scroll" tabindex="0" role="region" aria-labelledby="group-title">
                                            <table class="progress-table group-table" data-testid="group-table">
                                                <caption>{i18n.format("trainer.group_caption", &[("count", &view_.rows.len().to_string())])}</caption>
                                                <thead>
                                                    <tr>
                                                        <th scope="col">{tr("trainer.learner")}</th>
                                                        {a.modules.iter().map(|m| view! { <th scope="col">{title_of(&m.module)}</th> }).collect_view()}
                                                        {a.tools.iter().map(|t| view! { <th scope="col">{i18n.t(&format!("tools.{}.title", t.key()))}</th> }).collect_view()}
                                                        <th scope="col">{tr("trainer.complete")}</th>
                                                    </tr>
                                                </thead>
                                                <tbody>
                                                    {view_.rows.iter().map(|r| view! {
                                                        <tr class:overdue=r.overdue>
                                                            <th scope="row">{r.learner.clone()}
                                                                {r.overdue.then(|| view! { " " <span class="badge badge-overdue">{tr("assign.overdue")}</span> })}
                                                                <br/><span class="meta">{format_date(r.reported as f64 * 1000.0, &lang)}</span>
                                                            </th>
                                                            {r.cells.iter().map(|c| match c {
                                                                None => view! { <td class="none">"–"</td> }.into_any(),
                                                                Some(c) => {
                                                                    let quiz = c.quiz.as_ref().map(|q| format!(" · {} %{}", q.percent, if q.passed { " ✓" } else { "" })).unwrap_or_default();
                                                                    view! { <td>{format!("{}/{}{quiz}", c.lessons_done, c.lessons_total)}</td> }.into_any()
                                                                }
                                                            }).collect_view()}
                                                            {r.tools.iter().map(|done| view! { <td>{if *done { i18n.t("trainer.tool_done") } else { "–".to_owned() }}</td> }).collect_view()}
                                                            <td>{format!("{} / {}", r.complete + r.tools.iter().filter(|d| **d).count(), a.modules.len() + a.tools.len())}</td>
                                                        </tr>
                                                    }).collect_view()}
                                                </tbody>
                                                <tfoot>
                                                    <tr>
                                                        <th scope="row">{tr("trainer.average")}</th>
                                                        {view_.module_averages.iter().map(|(l, q)| view! {
                                                            <td>{format!("{:.0} %", l * 100.0)}{q.map(|q| format!(" · {q:.0} %"))}</td>
                                                        }).collect_view()}
                                                        {a.tools.iter().enumerate().map(|(i, _)| { let done = view_.rows.iter().filter(|r| r.tools.get(i).copied().unwrap_or(false)).count(); view! { <td>{format!("{done} / {}", view_.rows.len())}</td> } }).collect_view()}
                                                        <td></td>
                                                    </tr>
                                                </tfoot>
                                            </table>
                                        </div>
                                        <h3>{tr("trainer.difficult")}</h3>
                                        <ol class="difficult" data-testid="difficult">
                                            {view_.questions.iter().filter(|q| q.correct < q.answered).take(10).map(|q| {
                                                let module = modules.iter().find(|m| m.id == q.module);
                                                let prompt = module.and_then(|m| m.quiz.questions.iter().find(|x| x.id == q.question)).map(|x| x.prompt.get(&lang).to_owned()).unwrap_or_else(|| q.question.clone());
                                                let wrong = q.common_wrong.as_ref().map(|(o, n)| {
                                                    let text = match o.as_str() {
                                                        "true" => i18n.t("quiz.true"),
                                                        "false" => i18n.t("quiz.false"),
                                                        _ => module.map(|m| option_text(m, &q.question, o, &lang)).unwrap_or_else(|| o.clone()),
                                                    };
                                                    i18n.format("trainer.common_wrong", &[("option", &text), ("count", &n.to_string())])
                                                });
                                                view! {
                                                    <li>
                                                        <strong>{prompt}</strong>
                                                        <span class="meta">" ("{title_of(&q.module)}")"</span>
                                                        <p>{i18n.format("trainer.share_correct", &[("correct", &q.correct.to_string()), ("answered", &q.answered.to_string())])}
                                                        {wrong.map(|w| format!(" {w}"))}</p>
                                                        <p class="meta">{i18n.format("trainer.missed_by", &[("names", &q.missed_by.join(", "))])}</p>
                                                    </li>
                                                }
                                            }).collect_view()}
                                        </ol>
                                        <div class="button-row no-print">
                                            <button class="button" on:click={let s = slug.clone(); move |_| { device::download_as(&csv1, &format!("erasmi-{s}-modules.csv"), "text/csv;charset=utf-8"); }} data-testid="csv-modules">{tr("trainer.csv_modules")}</button>
                                            <button class="button" on:click={let s = slug.clone(); move |_| { device::download_as(&csv2, &format!("erasmi-{s}-answers.csv"), "text/csv;charset=utf-8"); }}>{tr("trainer.csv_questions")}</button>
                                            <button class="button" on:click=move |_| device::print()>{tr("trainer.print")}</button>
                                        </div>
                                    }.into_any()
                                }}
                            </section>
                        }.into_any()
                    }
                })}
            </Suspense>
            // Outside the results, so a new import's outcome stays while they are read again.
            <ImportReports/>
        </div>
    }
}

/// `/report#<code>`: a report link opened on the trainer's device.
#[component]
pub fn ReportLinkPage() -> impl IntoView {
    let app = use_app();
    let i18n = app.i18n;
    let location = use_location();
    let decoded = Memo::new(move |_| Report::decode(&location.hash.get()));
    let done = RwSignal::new(false);
    view! {
        <div class="page report-page">
            <h1 tabindex="-1">{tr("trainer.report.title")}</h1>
            {move || match decoded.get() {
                Err(e) => view! {
                    <div class="notice notice-error" role="alert" data-testid="code-error">
                        <p>{code_message(i18n, &e)}</p>
                        <p class="meta">{tr("restore.unchanged")}</p>
                    </div>
                }.into_any(),
                Ok(r) => {
                    let id = r.assignment.clone();
                    let learner = r.learner.clone();
                    let count = r.modules.len();
                    view! {
                        <section class="card">
                            <p>{i18n.plural("trainer.report.preview", count, &[("learner", &learner)])}</p>
                            <Show when=move || !done.get() fallback=move || view! {
                                <p role="status">{tr("trainer.report.imported")}" "<a href=format!("/trainer/{}", id.clone())>{tr("trainer.report.open")}</a></p>
                            }>
                                <button class="button button-primary" on:click={let r = r.clone(); move |_| {
                                    let r = r.clone();
                                    leptos::task::spawn_local(async move {
                                        if !app.trainer_mode.get_untracked() { app.set_trainer_mode(true); }
                                        app.import_reports(vec![r]).await;
                                        done.set(true);
                                    });
                                }}>{tr("trainer.report.import")}</button>
                            </Show>
                            <p class="meta">{tr("trainer.unsigned")}</p>
                        </section>
                    }.into_any()
                }
            }}
        </div>
    }
}
