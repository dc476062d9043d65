//! `/blueprints` and `/blueprints/:id`: step-by-step guides whose checklist ticks persist per learner.

use std::collections::BTreeSet;
use std::sync::Arc;

use erasmi_core::content::{Blueprint, Blueprints};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use crate::i18n::{tr, use_i18n};
use crate::source::{self, LoadError};
use crate::state::use_app;
use crate::ui::components::content_error::ContentErrorView;
use crate::ui::components::markdown::Markdown;
use crate::ui::pages::not_found::NotFoundPage;

fn use_blueprints() -> LocalResource<Result<Arc<Blueprints>, LoadError>> {
    LocalResource::new(|| async { source::load_blueprints().await })
}

/// The list of blueprints.
#[component]
pub fn BlueprintsPage() -> impl IntoView {
    let data = use_blueprints();
    let i18n = use_i18n();
    view! {
        <div class="page blueprints-page">
            <h1 tabindex="-1">{tr("blueprints.title")}</h1>
            <p class="lead">{tr("blueprints.lead")}</p>
            <Suspense fallback=|| view! { <div class="skeleton" aria-busy="true"></div> }>
                {move || data.get().map(|r| match r {
                    Ok(b) => {
                        let lang = i18n.lang.get();
                        view! {
                            <ul class="card-grid">
                                {b.blueprints
                                    .iter()
                                    .map(|bp| {
                                        let href = format!("/blueprints/{}", bp.id);
                                        let title = bp.title.get(&lang).to_owned();
                                        let summary = bp.summary.get(&lang).to_owned();
                                        let steps = i18n.plural("blueprints.steps", bp.steps.len(), &[]);
                                        view! {
                                            <li class="card">
                                                <h2><A href=href>{title}</A></h2>
                                                <p>{summary}</p>
                                                <p class="meta">{steps}</p>
                                            </li>
                                        }
                                    })
                                    .collect::<Vec<_>>()}
                            </ul>
                        }
                        .into_any()
                    }
                    Err(e) => view! { <ContentErrorView error=e/> }.into_any(),
                })}
            </Suspense>
        </div>
    }
}

/// One blueprint with its checklists.
#[component]
pub fn BlueprintPage() -> impl IntoView {
    let data = use_blueprints();
    let params = use_params_map();
    view! {
        <div class="page blueprint-page">
            <Suspense fallback=|| view! { <div class="skeleton" aria-busy="true"></div> }>
                {move || data.get().map(|r| match r {
                    Ok(b) => {
                        let id = params.with(|p| p.get("id").unwrap_or_default());
                        match b.blueprints.iter().find(|x| x.id == id) {
                            Some(bp) => view! { <BlueprintView blueprint=bp.clone()/> }.into_any(),
                            None => view! { <NotFoundPage/> }.into_any(),
                        }
                    }
                    Err(e) => view! { <ContentErrorView error=e/> }.into_any(),
                })}
            </Suspense>
        </div>
    }
}

#[component]
fn BlueprintView(blueprint: Blueprint) -> impl IntoView {
    let app = use_app();
    let i18n = app.i18n;
    let ticked: RwSignal<BTreeSet<String>> = RwSignal::new(BTreeSet::new());
    {
        let bp = blueprint.id.clone();
        leptos::task::spawn_local(async move {
            let ticks = app.checklist_ticks(&bp).await;
            ticked.set(ticks.into_iter().map(|t| t.item).collect());
        });
    }
    let total: usize = blueprint.steps.iter().map(|s| s.checklist.len()).sum();
    let bp = blueprint.clone();
    move || {
        let lang = i18n.lang.get();
        let bp = bp.clone();
        let done = ticked.with(|t| t.len());
        view! {
            <nav class="breadcrumb" aria-label=tr("nav.breadcrumb")>
                <A href="/blueprints">{tr("blueprints.title")}</A>
            </nav>
            <h1 tabindex="-1">{bp.title.get(&lang).to_owned()}</h1>
            <p class="lead">{bp.summary.get(&lang).to_owned()}</p>
            <p class="meta" role="status" data-testid="checklist-count">
                {i18n.format("blueprints.ticked", &[("done", &done.to_string()), ("total", &total.to_string())])}
            </p>
            <ol class="steps">
                {bp.steps
                    .iter()
                    .map(|step| {
                        let nodes = step.body.get(&lang).nodes().into_owned();
                        let bp_id = bp.id.clone();
                        view! {
                            <li class="step card">
                                <h2 id=step.id.clone()>{step.title.get(&lang).to_owned()}</h2>
                                <Markdown nodes/>
                                <fieldset class="checklist">
                                    <legend>{tr("blueprints.checklist")}</legend>
                                    {step
                                        .checklist
                                        .iter()
                                        .map(|item| {
                                            let item_id = item.id.clone();
                                            let checked = {
                                                let id = item_id.clone();
                                                move || ticked.with(|t| t.contains(&id))
                                            };
                                            let bp_id = bp_id.clone();
                                            let on_change = move |ev: leptos::ev::Event| {
                                                let on = event_target_checked(&ev);
                                                ticked.update(|t| {
                                                    if on {
                                                        t.insert(item_id.clone());
                                                    } else {
                                                        t.remove(&item_id);
                                                    }
                                                });
                                                app.set_tick(&bp_id, &item_id, on);
                                            };
                                            view! {
                                                <label class="check">
                                                    <input type="checkbox" prop:checked=checked on:change=on_change/>
                                                    <span>{item.text.get(&lang).to_owned()}</span>
                                                </label>
                                            }
                                        })
                                        .collect_view()}
                                </fieldset>
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
        }
    }
}
