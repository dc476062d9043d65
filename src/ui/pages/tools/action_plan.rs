//! The regional action plan builder: goals with SMART hints, measures with responsible partners
//! (from a stakeholder map or typed), dates, resources and indicators, milestones, a timeline
//! picture, a CSV export and a print view.

use erasmi_core::worksheet::{
    plan_csv, smart_check, timeline, ActionPlan, Goal, Measure, Milestone, Month, PlanCsvLabels,
    Sheet, Timeline, Tool,
};
use leptos::prelude::*;
use leptos_router::components::A;

use super::{file_stem, Editor, WorksheetHead};
use crate::device;
use crate::i18n::{format_month, tr, I18n};
use crate::state::{random_id, use_app};

fn plan_of(editor: &Editor) -> ActionPlan {
    editor.record.with(|r| match &r.sheet {
        Sheet::ActionPlan(p) => p.clone(),
        _ => ActionPlan::default(),
    })
}

/// Changes the plan and saves it.
fn edit_plan(editor: Editor, f: impl FnOnce(&mut ActionPlan)) {
    editor.edit(|r| {
        if let Sheet::ActionPlan(p) = &mut r.sheet {
            f(p);
        }
    });
}

fn edit_measure(editor: Editor, id: &str, f: impl FnOnce(&mut Measure)) {
    edit_plan(editor, |p| {
        if let Some(m) = p.measure_mut(id) {
            f(m);
        }
    });
}

/// The plan editor.
#[component]
pub fn PlanEditor(editor: Editor) -> impl IntoView {
    let app = use_app();
    let i18n = app.i18n;
    let plan = Memo::new(move |_| plan_of(&editor));
    let maps =
        LocalResource::new(move || async move { app.worksheets(Some(Tool::StakeholderMap)).await });
    let partner_names = move || -> Vec<String> {
        let chosen = plan.with(|p| p.map.clone());
        maps.get()
            .unwrap_or_default()
            .into_iter()
            .find(|w| Some(&w.id) == chosen.as_ref())
            .and_then(|w| match w.sheet {
                Sheet::StakeholderMap(m) => Some(m.names()),
                _ => None,
            })
            .unwrap_or_default()
    };
    let goal_ids = move || plan.with(|p| p.goals.iter().map(|g| g.id.clone()).collect::<Vec<_>>());
    let milestone_ids = move || {
        plan.with(|p| {
            p.milestones
                .iter()
                .map(|m| m.id.clone())
                .collect::<Vec<_>>()
        })
    };
    let add_goal = move |_| {
        let id = random_id("g");
        edit_plan(editor, |p| {
            if p.goals.len() < erasmi_core::worksheet::MAX_ITEMS {
                p.goals.push(Goal {
                    id: id.clone(),
                    text: String::new(),
                    measures: Vec::new(),
                });
            }
        });
        focus_later(format!("goal-{id}"));
    };
    let add_milestone = move |_| {
        let id = random_id("ms");
        let month = plan.with_untracked(|p| {
            p.measures()
                .filter_map(|(_, m)| m.span())
                .map(|(_, b)| b)
                .max()
        });
        let month = month
            .or_else(|| Month::parse(&crate::state::today()[..7]))
            .unwrap_or(Month {
                year: 2027,
                month: 1,
            });
        edit_plan(editor, |p| {
            if p.milestones.len() < erasmi_core::worksheet::MAX_ITEMS {
                p.milestones.push(Milestone {
                    id: id.clone(),
                    month,
                    text: String::new(),
                });
            }
        });
        focus_later(format!("milestone-text-{id}"));
    };
    let csv = move |_| {
        let labels = csv_labels(i18n);
        let title = editor.record.with_untracked(|r| r.title.clone());
        let text = plan_csv(&plan.get_untracked(), &labels);
        device::download_as(
            &text,
            &format!("{}.csv", file_stem(&title)),
            "text/csv;charset=utf-8",
        );
    };
    let print_href = move || {
        editor
            .record
            .with(|r| format!("/tools/action-plan/{}/print", r.id))
    };

    view! {
        <WorksheetHead editor/>
        <p class="lead">{tr("tools.action_plan.how")}</p>
        <section class="card plan-basics">
            <label for="plan-region">{tr("tools.action_plan.region")}</label>
            <input id="plan-region" type="text" maxlength="120" prop:value=move || plan.with(|p| p.region.clone())
                on:input=move |ev| { let v: String = event_target_value(&ev).chars().take(120).collect(); edit_plan(editor, |p| p.region = v); }/>
            <label for="plan-map">{tr("tools.action_plan.map")}</label>
            <select id="plan-map" prop:value=move || plan.with(|p| p.map.clone().unwrap_or_default())
                on:change=move |ev| { let v = event_target_value(&ev); edit_plan(editor, |p| p.map = (!v.is_empty()).then_some(v)); }>
                <option value="">{tr("tools.action_plan.map.none")}</option>
                {move || maps.get().unwrap_or_default().into_iter().map(|w| view! { <option value=w.id.clone()>{w.title.clone()}</option> }).collect_view()}
            </select>
            <p class="meta">{tr("tools.action_plan.map.hint")}</p>
            <datalist id="partner-names">
                {move || partner_names().into_iter().map(|n| view! { <option value=n></option> }).collect_view()}
            </datalist>
        </section>

        <h2>{tr("tools.action_plan.goals")}</h2>
        <Show when=move || plan.with(|p| p.goals.is_empty())>
            <p class="empty">{tr("tools.action_plan.no_goals")}</p>
        </Show>
        <ol class="goal-list">
            <For each=goal_ids key=|id| id.clone() let:id>
                <GoalEditor editor plan id/>
            </For>
        </ol>
        <button class="button button-primary" on:click=add_goal data-testid="add-goal">{tr("tools.action_plan.add_goal")}</button>

        <h2>{tr("tools.action_plan.milestones")}</h2>
        <p class="meta">{tr("tools.action_plan.milestones.hint")}</p>
        <ul class="milestone-list">
            <For each=milestone_ids key=|id| id.clone() let:id>
                {
                    let mid = StoredValue::new(id.clone());
                    let get = move || plan.with(|p| p.milestones.iter().find(|m| m.id == mid.get_value()).cloned());
                    let g2 = get;
                    let month_error = RwSignal::new(false);
                    view! {
                        <li class="milestone card">
                            <div class="form-row">
                                <div>
                                    <label for=format!("milestone-month-{id}")>{tr("tools.action_plan.month")}</label>
                                    <input id=format!("milestone-month-{id}") type="month" prop:value=move || get().map(|m| m.month.to_string()).unwrap_or_default()
                                        on:change=move |ev| match Month::parse(&event_target_value(&ev)) {
                                            Some(month) => { month_error.set(false); edit_plan(editor, |p| if let Some(m) = p.milestones.iter_mut().find(|m| m.id == mid.get_value()) { m.month = month; }); }
                                            None => month_error.set(true),
                                        }/>
                                </div>
                                <div class="grow">
                                    <label for=format!("milestone-text-{id}")>{tr("tools.action_plan.milestone")}</label>
                                    <input id=format!("milestone-text-{id}") type="text" maxlength="2000" prop:value=move || g2().map(|m| m.text).unwrap_or_default()
                                        on:input=move |ev| { let v = event_target_value(&ev); edit_plan(editor, |p| if let Some(m) = p.milestones.iter_mut().find(|m| m.id == mid.get_value()) { m.text = erasmi_core::worksheet::clip(&v); }); }/>
                                </div>
                            </div>
                            <p class="field-error" role="alert">{move || month_error.get().then(|| i18n.t("tools.action_plan.month.invalid"))}</p>
                            <button class="button button-small" on:click=move |_| edit_plan(editor, |p| p.milestones.retain(|m| m.id != mid.get_value()))>{tr("tools.action_plan.remove_milestone")}</button>
                        </li>
                    }
                }
            </For>
        </ul>
        <button class="button" on:click=add_milestone data-testid="add-milestone">{tr("tools.action_plan.add_milestone")}</button>

        <section class="card" aria-labelledby="timeline-title">
            <h2 id="timeline-title">{tr("tools.action_plan.timeline")}</h2>
            {move || match timeline(&plan.get()) {
                Some(t) => view! { <PlanTimeline timeline=t/> }.into_any(),
                None => view! { <p class="empty">{tr("tools.action_plan.timeline.empty")}</p> }.into_any(),
            }}
        </section>
        <section class="card exports no-print" aria-labelledby="plan-export-title">
            <h2 id="plan-export-title">{tr("tools.export")}</h2>
            <div class="button-row">
                <A href=print_href attr:class="button button-primary" attr:data-testid="print-view">{tr("tools.action_plan.print_view")}</A>
                <button class="button" on:click=csv data-testid="export-csv">{tr("tools.export.csv")}</button>
            </div>
        </section>
    }
}

/// Moves focus to a new field once it is on the page.
fn focus_later(id: String) {
    request_animation_frame(move || {
        if let Some(el) = document().get_element_by_id(&id) {
            use wasm_bindgen::JsCast;
            if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
        }
    });
}

fn csv_labels(i18n: I18n) -> PlanCsvLabels {
    PlanCsvLabels {
        headers: [
            "type",
            "goal",
            "title",
            "partners",
            "start",
            "end",
            "resources",
            "indicator",
        ]
        .map(|k| i18n.t(&format!("tools.action_plan.csv.{k}"))),
        measure: i18n.t("tools.action_plan.csv.measure"),
        milestone: i18n.t("tools.action_plan.csv.milestone"),
    }
}

#[component]
fn GoalEditor(editor: Editor, plan: Memo<ActionPlan>, id: String) -> impl IntoView {
    let i18n = use_app().i18n;
    let gid = StoredValue::new(id.clone());
    let goal = move || plan.with(|p| p.goals.iter().find(|g| g.id == gid.get_value()).cloned());
    let text = move || goal().map(|g| g.text).unwrap_or_default();
    let number = move || {
        plan.with(|p| {
            p.goals
                .iter()
                .position(|g| g.id == gid.get_value())
                .unwrap_or(0)
                + 1
        })
    };
    let measure_ids = move || {
        goal()
            .map(|g| g.measures.iter().map(|m| m.id.clone()).collect::<Vec<_>>())
            .unwrap_or_default()
    };
    let confirm_remove = RwSignal::new(false);
    let add_measure = move |_| {
        let id = random_id("m");
        edit_plan(editor, |p| {
            if p.measures().count() < erasmi_core::worksheet::MAX_ITEMS {
                if let Some(g) = p.goal_mut(&gid.get_value()) {
                    g.measures.push(Measure::new(id.clone(), String::new()));
                }
            }
        });
        focus_later(format!("measure-title-{id}"));
    };
    let smart = move || smart_check(&text());
    let hint = move |ok: bool, key: &'static str| {
        view! {
            <li class:ok=ok>
                <span aria-hidden="true">{if ok { "✓ " } else { "○ " }}</span>
                {move || i18n.t(key)}
                <span class="visually-hidden">{move || if ok { i18n.t("tools.action_plan.smart.found") } else { i18n.t("tools.action_plan.smart.missing") }}</span>
            </li>
        }
    };
    view! {
        <li class="goal card" data-testid="goal">
            <label for=format!("goal-{id}")><strong>{move || i18n.format("tools.action_plan.goal_n", &[("n", &number().to_string())])}</strong></label>
            <textarea id=format!("goal-{id}") rows="3" maxlength="2000" aria-describedby=format!("smart-{id}")
                prop:value=text
                on:input=move |ev| { let v = erasmi_core::worksheet::clip(&event_target_value(&ev)); edit_plan(editor, |p| if let Some(g) = p.goal_mut(&gid.get_value()) { g.text = v; }); }></textarea>
            <div id=format!("smart-{id}") class="smart-hints">
                <p class="meta">{tr("tools.action_plan.smart.lead")}</p>
                {move || { let c = smart(); view! {
                    <ul>
                        {hint(c.specific, "tools.action_plan.smart.specific")}
                        {hint(c.measurable, "tools.action_plan.smart.measurable")}
                        <li><span aria-hidden="true">"? "</span>{tr("tools.action_plan.smart.achievable")}</li>
                        <li><span aria-hidden="true">"? "</span>{tr("tools.action_plan.smart.relevant")}</li>
                        {hint(c.time_bound, "tools.action_plan.smart.time_bound")}
                    </ul>
                } }}
            </div>
            <h3>{tr("tools.action_plan.measures")}</h3>
            <ul class="measure-list">
                <For each=measure_ids key=|id| id.clone() let:mid>
                    <MeasureEditor editor plan id=mid/>
                </For>
            </ul>
            <div class="button-row">
                <button class="button" on:click=add_measure data-testid="add-measure">{tr("tools.action_plan.add_measure")}</button>
                {move || if confirm_remove.get() {
                    view! {
                        <button class="button button-danger" on:click=move |_| edit_plan(editor, |p| p.goals.retain(|g| g.id != gid.get_value()))>{tr("tools.action_plan.remove_goal.confirm")}</button>
                        <button class="button" on:click=move |_| confirm_remove.set(false)>{tr("action.cancel")}</button>
                    }.into_any()
                } else {
                    view! { <button class="button button-small" on:click=move |_| confirm_remove.set(true)>{tr("tools.action_plan.remove_goal")}</button> }.into_any()
                }}
            </div>
        </li>
    }
}

#[component]
fn MeasureEditor(editor: Editor, plan: Memo<ActionPlan>, id: String) -> impl IntoView {
    let i18n = use_app().i18n;
    let mid = StoredValue::new(id.clone());
    let measure = move || {
        plan.with(|p| {
            p.measures()
                .find(|(_, m)| m.id == mid.get_value())
                .map(|(_, m)| m.clone())
        })
    };
    let field =
        move |f: fn(&Measure) -> String| move || measure().map(|m| f(&m)).unwrap_or_default();
    let partner = RwSignal::new(String::new());
    let month_error = RwSignal::new(false);
    let add_partner = move || {
        let name: String = partner
            .get_untracked()
            .trim()
            .chars()
            .take(erasmi_core::worksheet::MAX_TITLE)
            .collect();
        if name.is_empty() {
            return;
        }
        edit_measure(editor, &mid.get_value(), |m| {
            if !m.partners.contains(&name) && m.partners.len() < erasmi_core::worksheet::MAX_ITEMS {
                m.partners.push(name);
            }
        });
        partner.set(String::new());
    };
    let set_month = move |start: bool, value: String| {
        let month = if value.trim().is_empty() {
            None
        } else {
            match Month::parse(&value) {
                Some(m) => Some(m),
                None => {
                    month_error.set(true);
                    return;
                }
            }
        };
        month_error.set(false);
        edit_measure(editor, &mid.get_value(), |m| {
            if start {
                m.start = month
            } else {
                m.end = month
            }
        });
    };
    let text_input = move |f: fn(&mut Measure, String)| {
        move |ev: leptos::ev::Event| {
            let v = erasmi_core::worksheet::clip(&event_target_value(&ev));
            edit_measure(editor, &mid.get_value(), |m| f(m, v));
        }
    };
    view! {
        <li class="measure" data-testid="measure">
            <label for=format!("measure-title-{id}")>{tr("tools.action_plan.measure")}</label>
            <input id=format!("measure-title-{id}") type="text" maxlength="2000" prop:value=field(|m| m.title.clone())
                on:input=text_input(|m, v| m.title = v)/>
            <fieldset class="partners">
                <legend>{tr("tools.action_plan.partners")}</legend>
                <ul class="chips">
                    {move || measure().map(|m| m.partners).unwrap_or_default().into_iter().map(|p| {
                        let name = p.clone();
                        view! {
                            <li class="chip">{p.clone()}
                                <button type="button" class="chip-remove" aria-label=i18n.format("tools.action_plan.remove_partner", &[("name", &p)])
                                    on:click=move |_| { let n = name.clone(); edit_measure(editor, &mid.get_value(), |m| m.partners.retain(|x| *x != n)); }>"×"</button>
                            </li>
                        }
                    }).collect_view()}
                </ul>
                <div class="inline-form">
                    <label for=format!("partner-{id}") class="visually-hidden">{tr("tools.action_plan.partner")}</label>
                    <input id=format!("partner-{id}") type="text" list="partner-names" maxlength="120" placeholder=move || i18n.t("tools.action_plan.partner.placeholder")
                        prop:value=move || partner.get() on:input=move |ev| partner.set(event_target_value(&ev))
                        on:keydown=move |ev| if ev.key() == "Enter" { ev.prevent_default(); add_partner(); }/>
                    <button type="button" class="button button-small" on:click=move |_| add_partner()>{tr("tools.action_plan.add_partner")}</button>
                </div>
            </fieldset>
            <div class="form-row">
                <div>
                    <label for=format!("measure-start-{id}")>{tr("tools.action_plan.start")}</label>
                    <input id=format!("measure-start-{id}") type="month" prop:value=field(|m| m.start.map(|x| x.to_string()).unwrap_or_default())
                        on:change=move |ev| set_month(true, event_target_value(&ev))/>
                </div>
                <div>
                    <label for=format!("measure-end-{id}")>{tr("tools.action_plan.end")}</label>
                    <input id=format!("measure-end-{id}") type="month" prop:value=field(|m| m.end.map(|x| x.to_string()).unwrap_or_default())
                        on:change=move |ev| set_month(false, event_target_value(&ev))/>
                </div>
            </div>
            <p class="field-error" role="alert">{move || month_error.get().then(|| i18n.t("tools.action_plan.month.invalid"))}</p>
            <label for=format!("measure-resources-{id}")>{tr("tools.action_plan.resources")}</label>
            <textarea id=format!("measure-resources-{id}") rows="2" maxlength="2000" prop:value=field(|m| m.resources.clone())
                on:input=text_input(|m, v| m.resources = v)></textarea>
            <label for=format!("measure-indicator-{id}")>{tr("tools.action_plan.indicator")}</label>
            <input id=format!("measure-indicator-{id}") type="text" maxlength="2000" prop:value=field(|m| m.indicator.clone())
                on:input=text_input(|m, v| m.indicator = v)/>
            <button type="button" class="button button-small" on:click=move |_| edit_plan(editor, |p| for g in &mut p.goals { g.measures.retain(|m| m.id != mid.get_value()); })>
                {tr("tools.action_plan.remove_measure")}
            </button>
        </li>
    }
}

/// The timeline picture: a row per dated measure, coloured by goal, and milestone marks.
#[component]
pub fn PlanTimeline(timeline: Timeline) -> impl IntoView {
    let i18n = use_app().i18n;
    let lang = i18n.lang.get_untracked();
    const LABEL: f64 = 230.0;
    const ROW: f64 = 30.0;
    const HEAD: f64 = 34.0;
    let col = (620.0 / f64::from(timeline.months)).clamp(14.0, 60.0);
    // Room on the right for the last month's label.
    let width = LABEL + col * f64::from(timeline.months) + 64.0;
    let marks_top = HEAD + ROW * timeline.bars.len() as f64 + 8.0;
    let height = marks_top + 26.0 + 20.0 * timeline.marks.len() as f64;
    let every = if timeline.months <= 12 {
        1
    } else if timeline.months <= 36 {
        3
    } else {
        12
    };
    let first = timeline.first;
    let clip = |s: &str, n: usize| {
        if s.chars().count() > n {
            format!("{}…", s.chars().take(n - 1).collect::<String>())
        } else {
            s.to_owned()
        }
    };
    let untitled = i18n.t("tools.action_plan.untitled");
    let summary = i18n.format(
        "tools.action_plan.timeline.summary",
        &[
            ("from", &format_month(first, &lang)),
            ("to", &format_month(first.plus(timeline.months - 1), &lang)),
            ("measures", &timeline.bars.len().to_string()),
            ("milestones", &timeline.marks.len().to_string()),
        ],
    );
    view! {
        <div class="table-scroll timeline-scroll" tabindex="0" role="region" aria-label=summary.clone()>
            <svg class="timeline" viewBox=format!("0 0 {width:.0} {height:.0}") width=format!("{width:.0}") role="img" aria-label=summary.clone() data-testid="timeline">
                {(0..timeline.months).filter(|m| m % every == 0).map(|m| {
                    let x = LABEL + col * f64::from(m);
                    view! {
                        <line class="timeline-grid" x1=x y1=HEAD - 6.0 x2=x y2=marks_top/>
                        <text class="timeline-month" x=x + 2.0 y="20">{format_month(first.plus(m), &lang)}</text>
                    }
                }).collect_view()}
                {timeline.bars.iter().enumerate().map(|(i, b)| {
                    let y = HEAD + ROW * i as f64;
                    let label = if b.label.trim().is_empty() { untitled.clone() } else { clip(&b.label, 30) };
                    view! {
                        <text class="timeline-label" x="0" y=y + 19.0>{label}</text>
                        <rect class=format!("timeline-bar goal-{}", b.goal % 6) x=LABEL + col * f64::from(b.start) y=y + 6.0 width=col * f64::from(b.len) - 2.0 height=ROW - 10.0 rx="4"/>
                    }
                }).collect_view()}
                {timeline.marks.iter().enumerate().map(|(i, m)| {
                    let x = LABEL + col * (f64::from(m.at) + 0.5);
                    let y = marks_top + 18.0 + 20.0 * i as f64;
                    view! {
                        <line class="timeline-mark-line" x1=x y1=HEAD - 6.0 x2=x y2=y - 8.0/>
                        <path class="timeline-mark" d=format!("M{x:.1} {:.1}l6 6l-6 6l-6 -6z", y - 14.0)/>
                        <text class="timeline-mark-label" x=x + 10.0 y=y>{clip(&m.label, 50)}</text>
                    }
                }).collect_view()}
            </svg>
        </div>
        {(timeline.undated > 0).then(|| view! { <p class="meta">{i18n.format("tools.action_plan.timeline.undated", &[("count", &timeline.undated.to_string())])}</p> })}
    }
}

/// `/tools/action-plan/:id/print`: the whole plan as a document, ready to print.
#[component]
pub fn PlanPrint(editor: Editor) -> impl IntoView {
    let i18n = use_app().i18n;
    let plan = plan_of(&editor);
    let record = editor.record.get_untracked();
    let lang = i18n.lang.get_untracked();
    let month = |m: Option<Month>| {
        m.map(|m| format_month(m, &lang))
            .unwrap_or_else(|| "–".into())
    };
    let untitled = i18n.t("tools.action_plan.untitled");
    view! {
        <div class="plan-print">
            <div class="button-row no-print">
                <A href=format!("/tools/action-plan/{}", record.id) attr:class="button">{tr("tools.action_plan.back")}</A>
                <button class="button button-primary" on:click=move |_| device::print()>{tr("tools.print")}</button>
            </div>
            <p class="eyebrow">{tr("tools.action_plan.title")}</p>
            <h1 tabindex="-1">{record.title.clone()}</h1>
            {(!plan.region.is_empty()).then(|| view! { <p class="lead">{plan.region.clone()}</p> })}
            {plan.goals.is_empty().then(|| view! { <p class="empty">{tr("tools.action_plan.no_goals")}</p> })}
            {plan.goals.iter().enumerate().map(|(i, g)| view! {
                <section class="print-goal">
                    <h2>{i18n.format("tools.action_plan.goal_n", &[("n", &(i + 1).to_string())])}": "{g.text.clone()}</h2>
                    {if g.measures.is_empty() {
                        view! { <p class="meta">{tr("tools.action_plan.no_measures")}</p> }.into_any()
                    } else {
                        view! {
                            <table class="progress-table plan-table" data-testid="print-measures">
                                <thead><tr>
                                    <th scope="col">{tr("tools.action_plan.measure")}</th>
                                    <th scope="col">{tr("tools.action_plan.partners")}</th>
                                    <th scope="col">{tr("tools.action_plan.period")}</th>
                                    <th scope="col">{tr("tools.action_plan.resources")}</th>
                                    <th scope="col">{tr("tools.action_plan.indicator")}</th>
                                </tr></thead>
                                <tbody>
                                    {g.measures.iter().map(|m| view! {
                                        <tr>
                                            <th scope="row">{if m.title.trim().is_empty() { untitled.clone() } else { m.title.clone() }}</th>
                                            <td>{m.partners.join(", ")}</td>
                                            <td>{match m.span() { Some((a, b)) if a == b => month(Some(a)), Some((a, b)) => format!("{} – {}", month(Some(a)), month(Some(b))), None => "–".into() }}</td>
                                            <td>{m.resources.clone()}</td>
                                            <td>{m.indicator.clone()}</td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        }.into_any()
                    }}
                </section>
            }).collect_view()}
            {(!plan.milestones.is_empty()).then(|| view! {
                <section>
                    <h2>{tr("tools.action_plan.milestones")}</h2>
                    <ul class="print-milestones">
                        {plan.milestones_in_order().into_iter().map(|m| view! { <li><strong>{format_month(m.month, &lang)}</strong>" — "{m.text.clone()}</li> }).collect_view()}
                    </ul>
                </section>
            })}
            {timeline(&plan).map(|t| view! {
                <section>
                    <h2>{tr("tools.action_plan.timeline")}</h2>
                    <PlanTimeline timeline=t/>
                </section>
            })}
        </div>
    }
}
