//! The learner's side of assignments: `/assign#<code>` (receive and accept), `/assignment/:id`
//! (where I stand, and my report), and the list at the top of the catalog.

use erasmi_core::codes::{self, Assignment, CodeError};
use erasmi_core::group::{module_complete, Role};
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate, use_params_map};

use crate::device;
use crate::i18n::{format_date, tr, I18n};
use crate::state::{now, use_app};
use crate::ui::components::qr::QrCode;

/// A code error in the UI language.
pub fn code_message(i18n: I18n, e: &CodeError) -> String {
    let args = e.args();
    let args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
    i18n.format(e.message_key(), &args)
}

/// A due day (days since the epoch) as a date in the UI language.
pub fn due_text(day: u32, lang: &str) -> String {
    format_date(f64::from(day) * 86_400_000.0 + 43_200_000.0, lang)
}

/// Today as days since the epoch (local calendar day).
pub fn today_day() -> u32 {
    let d = js_sys::Date::new_0();
    let local = js_sys::Date::utc(f64::from(d.get_full_year()), f64::from(d.get_month()))
        + f64::from(d.get_date() - 1) * 86_400_000.0;
    (local / 86_400_000.0) as u32
}

fn module_title(id: &str, lang: &str) -> String {
    use_app()
        .catalog
        .with_untracked(|c| {
            c.as_ref()
                .ok()
                .and_then(|c| c.modules.iter().find(|m| m.id == id))
                .map(|m| m.title.get(lang).to_owned())
        })
        .unwrap_or_else(|| id.to_owned())
}

/// What an assignment asks, as a list.
#[component]
pub fn AssignmentSummary(assignment: Assignment) -> impl IntoView {
    let i18n = use_app().i18n;
    let lang = i18n.lang.get_untracked();
    let pass = assignment.pass_mark.to_string();
    view! {
        <dl class="facts">
            {(!assignment.trainer.is_empty()).then(|| view! {
                <div><dt>{tr("assign.trainer")}</dt><dd>{assignment.trainer.clone()}</dd></div>
            })}
            {assignment.due_day.map(|d| view! {
                <div><dt>{tr("assign.due")}</dt><dd>{due_text(d, &lang)}</dd></div>
            })}
            <div><dt>{tr("assign.pass_mark")}</dt><dd>{format!("{pass} %")}</dd></div>
        </dl>
        {(!assignment.message.is_empty()).then(|| view! {
            <blockquote class="trainer-message">{assignment.message.clone()}</blockquote>
        })}
        <ul class="assigned-modules">
            {assignment.modules.iter().map(|m| {
                let mut needs = vec![i18n.t("assign.needs.lessons")];
                if m.quiz { needs.push(i18n.t("assign.needs.quiz")); }
                if m.after_self_assessment { needs.push(i18n.t("assign.needs.self")); }
                view! {
                    <li>
                        <a href=format!("/module/{}", m.module)>{module_title(&m.module, &lang)}</a>
                        <span class="meta">" — "{needs.join(", ")}</span>
                    </li>
                }
            }).collect_view()}
            {assignment.tools.iter().map(|t| view! {
                <li>
                    <a href=format!("/tools/{}", t.slug())>{i18n.t(&format!("tools.{}.title", t.key()))}</a>
                    <span class="meta">" — "{i18n.t(&format!("tools.{}.task", t.key()))}</span>
                </li>
            }).collect_view()}
        </ul>
    }
}

/// `/assign#<code>`: an assignment link opened by a learner.
#[component]
pub fn ReceivePage() -> impl IntoView {
    let app = use_app();
    let i18n = app.i18n;
    let location = use_location();
    let pasted = RwSignal::new(String::new());
    let decoded = Memo::new(move |_| {
        let from_link = location.hash.get();
        let text = if from_link.trim_start_matches('#').is_empty() {
            pasted.get()
        } else {
            from_link
        };
        (!codes::extract(&text).is_empty()).then(|| Assignment::decode(&text))
    });
    let navigate = use_navigate();
    let accept = move |a: Assignment| {
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            let id = a.id.clone();
            if app.save_assignment(Role::Learner, a).await {
                navigate(&format!("/assignment/{id}"), Default::default());
            }
        });
    };
    view! {
        <div class="page receive-page">
            <h1 tabindex="-1">{tr("assign.receive.title")}</h1>
            {move || match decoded.get() {
                None => view! {
                    <p>{tr("assign.receive.paste_help")}</p>
                }.into_any(),
                Some(Err(e)) => view! {
                    <div class="notice notice-error" role="alert" data-testid="code-error">
                        <p><strong>{tr("assign.receive.refused")}</strong>" "{code_message(i18n, &e)}</p>
                        <p class="meta">{tr("restore.unchanged")}</p>
                    </div>
                }.into_any(),
                Some(Ok(a)) => {
                    let accept = accept.clone();
                    let a2 = a.clone();
                    view! {
                        <section class="card" data-testid="assignment-preview">
                            <h2>{a.title.clone()}</h2>
                            <AssignmentSummary assignment=a.clone()/>
                            <button class="button button-primary" on:click=move |_| accept(a2.clone()) data-testid="accept">
                                {tr("assign.accept")}
                            </button>
                            <p class="meta">{tr("assign.accept.help")}</p>
                        </section>
                    }.into_any()
                }
            }}
            <section class="card">
                <label for="paste-code">{tr("assign.receive.paste")}</label>
                <textarea id="paste-code" rows="3" class="code-input"
                    prop:value=move || pasted.get()
                    on:input=move |ev| pasted.set(event_target_value(&ev))></textarea>
            </section>
        </div>
    }
}

/// The learner's assignments at the top of the catalog: due date, progress, overdue.
#[component]
pub fn MyAssignments() -> impl IntoView {
    let app = use_app();
    let i18n = app.i18n;
    let data = LocalResource::new(move || {
        app.revision.track();
        app.progress.track();
        async move {
            let mut out = Vec::new();
            for rec in app.assignments(Role::Learner).await {
                let report = app.my_report(&rec.assignment, "me").await;
                let done = report
                    .modules
                    .iter()
                    .filter(|m| module_complete(&rec.assignment, m))
                    .count()
                    + report.tools_done.len();
                out.push((rec.assignment, done));
            }
            out
        }
    });
    move || {
        data.get().filter(|l| !l.is_empty()).map(|list| {
            let lang = i18n.lang.get();
            let today = today_day();
            view! {
                <section class="assignments" aria-labelledby="assignments-title" data-testid="my-assignments">
                    <h2 id="assignments-title">{tr("assign.mine")}</h2>
                    <ul class="card-grid">
                        {list.into_iter().map(|(a, done)| {
                            let total = a.modules.len() + a.tools.len();
                            let overdue = a.due_day.is_some_and(|d| today > d) && done < total;
                            let pct = (done * 100 / total.max(1)).to_string();
                            view! {
                                <li class="card assignment-card" class:overdue=overdue>
                                    <h3><a href=format!("/assignment/{}", a.id)>{a.title.clone()}</a></h3>
                                    <p class="meta">
                                        {(!a.trainer.is_empty()).then(|| i18n.format("assign.from", &[("trainer", &a.trainer)]))}
                                        " "
                                        {a.due_day.map(|d| i18n.format("assign.due_on", &[("date", &due_text(d, &lang))]))}
                                    </p>
                                    {overdue.then(|| view! { <p class="badge badge-overdue">{tr("assign.overdue")}</p> })}
                                    <progress max="100" value=pct aria-label=tr("assign.progress")></progress>
                                    <p>{i18n.plural("assign.modules_done", total, &[("done", &done.to_string())])}</p>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                </section>
            }
        })
    }
}

/// `/assignment/:id`: where the learner stands, and the report for the trainer.
#[component]
pub fn LearnerAssignmentPage() -> impl IntoView {
    let app = use_app();
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").unwrap_or_default());
    let record = LocalResource::new(move || {
        let id = id();
        async move { app.assignment(Role::Learner, &id).await }
    });
    view! {
        <div class="page learner-assignment-page">
            <nav class="breadcrumb" aria-label=tr("nav.breadcrumb")>
                <a href="/">{tr("nav.catalog")}</a>
            </nav>
            <Suspense fallback=|| view! { <div class="skeleton" aria-busy="true"></div> }>
                {move || record.get().map(|r| match r {
                    None => view! {
                        <h1 tabindex="-1">{tr("assign.missing.title")}</h1>
                        <p>{tr("assign.missing.body")}</p>
                    }.into_any(),
                    Some(r) => view! {
                        <h1 tabindex="-1">{r.assignment.title.clone()}</h1>
                        <AssignmentSummary assignment=r.assignment.clone()/>
                        <ReportMaker assignment=r.assignment.clone()/>
                    }.into_any(),
                })}
            </Suspense>
        </div>
    }
}

#[component]
fn ReportMaker(assignment: Assignment) -> impl IntoView {
    let app = use_app();
    let i18n = app.i18n;
    let default_name = app
        .active_profile()
        .map(|p| p.name.trim().to_owned())
        .unwrap_or_default();
    let name = RwSignal::new(default_name);
    let made = RwSignal::new(None::<(String, String)>);
    let error = RwSignal::new(None::<String>);
    let status = RwSignal::new(None::<String>);
    let count = assignment.modules.len();
    let a = StoredValue::new(assignment);
    let create = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let n = name.get_untracked();
        if n.trim().is_empty() {
            error.set(Some(i18n.t("report.error.name")));
            return;
        }
        error.set(None);
        leptos::task::spawn_local(async move {
            let report = app.my_report(&a.get_value(), &n).await;
            if let Err(e) = report.check() {
                error.set(Some(code_message(i18n, &e)));
                return;
            }
            let code = report.encode();
            let link = format!("{}/report#{code}", device::origin());
            made.set(Some((link, report.learner.clone())));
        });
    };
    view! {
        <section class="card" aria-labelledby="report-title">
            <h2 id="report-title">{tr("report.title")}</h2>
            <p>{tr("report.lead")}</p>
            <div class="notice notice-info" data-testid="report-shares">
                <p><strong>{tr("report.shares.title")}</strong></p>
                <ul>
                    <li>{tr("report.shares.name")}</li>
                    <li>{i18n.format("report.shares.modules", &[("count", &count.to_string())])}</li>
                    <li>{tr("report.shares.quiz")}</li>
                    <li>{tr("report.shares.self")}</li>
                </ul>
                <p>{tr("report.shares.not")}</p>
            </div>
            <form class="profile-form" on:submit=create novalidate>
                <label for="report-name">{tr("report.name")}</label>
                <input id="report-name" type="text" maxlength="120"
                    prop:value=move || name.get()
                    on:input=move |ev| name.set(event_target_value(&ev))
                    aria-describedby="report-name-error"/>
                <p id="report-name-error" class="field-error" role="alert">{move || error.get()}</p>
                <button type="submit" class="button button-primary" data-testid="make-report">{tr("report.create")}</button>
            </form>
            {move || made.get().map(|(link, learner)| {
                let qr = codes::qr(&link);
                let file = format!("erasmi-report-{}.txt", learner.to_lowercase().split_whitespace().collect::<Vec<_>>().join("-"));
                let (l1, l2, l3) = (link.clone(), link.clone(), link.clone());
                let can_share = device::can_share_files();
                view! {
                    <div class="report-out" data-testid="report-out">
                        <label for="report-link">{tr("report.link")}</label>
                        <input id="report-link" type="text" readonly prop:value=link.clone() class="code-input" data-testid="report-link"/>
                        <div class="button-row">
                            <button class="button button-primary" on:click=move |_| {
                                let l = l1.clone();
                                leptos::task::spawn_local(async move {
                                    if device::copy(&l).await { status.set(Some(i18n.t("report.copied"))); }
                                });
                            }>{tr("report.copy")}</button>
                            <button class="button" on:click={
                                let file = file.clone();
                                move |_| { if device::download_as(&l2, &file, "text/plain") { status.set(Some(i18n.t("report.saved"))); } }
                            } data-testid="report-file">{tr("report.file")}</button>
                            {can_share.then(|| {
                                let file = file.clone();
                                view! {
                                    <button class="button" on:click=move |_| {
                                        let (l, f) = (l3.clone(), file.clone());
                                        leptos::task::spawn_local(async move { let _ = device::share_as(&l, &f, "text/plain").await; });
                                    }>{tr("report.share")}</button>
                                }
                            })}
                        </div>
                        <p role="status" class="meta">{move || status.get()}</p>
                        {match qr {
                            Some(qr) => view! { <QrCode qr label=i18n.t("report.qr")/> }.into_any(),
                            None => view! { <p class="meta">{tr("report.no_qr")}</p> }.into_any(),
                        }}
                    </div>
                }
            })}
        </section>
    }
}

/// Milliseconds now, as whole seconds (codes store seconds).
pub fn now_secs() -> u64 {
    (now() / 1000.0) as u64
}
