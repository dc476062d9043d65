//! `/cases` and `/cases/:id`: the best-practice compendium, filterable, with the filter in the URL.

use std::sync::Arc;

use erasmi_core::compendium::{self, CaseFilter};
use erasmi_core::content::{Case, Category, Compendium, RichText, Taxonomy};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};
use leptos_router::NavigateOptions;

use crate::i18n::{tr, use_i18n};
use crate::source::{self, LoadError};
use crate::state::use_app;
use crate::ui::components::content_error::ContentErrorView;
use crate::ui::components::markdown::Markdown;
use crate::ui::pages::not_found::NotFoundPage;

type CaseData = Result<(Arc<Compendium>, Arc<Taxonomy>), LoadError>;

fn use_cases() -> LocalResource<CaseData> {
    LocalResource::new(|| async {
        let cases = source::load_cases().await?;
        let taxonomy = source::load_taxonomy().await?;
        Ok((cases, taxonomy))
    })
}

fn label(categories: &[Category], id: &str, lang: &str) -> String {
    categories
        .iter()
        .find(|c| c.id == id)
        .map(|c| c.label.get(lang).to_owned())
        .unwrap_or_else(|| id.to_owned())
}

/// The compendium list.
#[component]
pub fn CasesPage() -> impl IntoView {
    let data = use_cases();
    view! {
        <div class="page cases-page">
            <h1 tabindex="-1">{tr("cases.title")}</h1>
            <p class="lead">{tr("cases.lead")}</p>
            <Suspense fallback=|| view! { <div class="skeleton" aria-busy="true"></div> }>
                {move || data.get().map(|r| match r {
                    Ok((cases, taxonomy)) => view! { <CaseList cases taxonomy/> }.into_any(),
                    Err(e) => view! { <ContentErrorView error=e/> }.into_any(),
                })}
            </Suspense>
        </div>
    }
}

#[component]
fn CaseList(cases: Arc<Compendium>, taxonomy: Arc<Taxonomy>) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let navigate = use_navigate();
    let filter = Memo::new(move |_| {
        query.with(|q| {
            CaseFilter::from_query(
                ["theme", "group", "region"]
                    .into_iter()
                    .filter_map(|k| q.get_str(k).map(|v| (k, v))),
            )
            .to_owned()
        })
    });
    let set = move |key: &'static str, value: String| {
        let mut f = filter.get_untracked();
        let v = (!value.is_empty()).then_some(value);
        match key {
            "theme" => f.theme = v,
            "group" => f.group = v,
            _ => f.region = v,
        }
        navigate(
            &format!("/cases{}", f.to_query()),
            NavigateOptions {
                replace: true,
                ..Default::default()
            },
        );
    };
    let select = {
        let set = set.clone();
        move |key: &'static str,
              label_key: &'static str,
              any_key: &'static str,
              cats: Vec<Category>| {
            let set = set.clone();
            let current = move || {
                let f = filter.get();
                match key {
                    "theme" => f.theme,
                    "group" => f.group,
                    _ => f.region,
                }
                .unwrap_or_default()
            };
            let id = format!("filter-{key}");
            view! {
                <div class="filter">
                    <label for=id.clone()>{tr(label_key)}</label>
                    <select id=id on:change=move |ev| set(key, event_target_value(&ev)) prop:value=current>
                        <option value="">{tr(any_key)}</option>
                        {cats
                            .into_iter()
                            .map(|c| {
                                let cid = c.id.clone();
                                view! {
                                    <option value=c.id.clone() selected=move || current() == cid>
                                        {move || c.label.get(&i18n.lang.get()).to_owned()}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </div>
            }
        }
    };
    let tax = taxonomy.clone();
    let shown = move || {
        let f = filter.get();
        compendium::filter(&cases.cases, &f)
            .into_iter()
            .cloned()
            .collect::<Vec<Case>>()
    };
    let clear = {
        let navigate = use_navigate();
        move |_| {
            navigate(
                "/cases",
                NavigateOptions {
                    replace: true,
                    ..Default::default()
                },
            )
        }
    };
    view! {
        <form class="filters card" role="search" aria-label=tr("cases.filters") on:submit=|ev| ev.prevent_default()>
            {select.clone()("theme", "cases.filter.theme", "cases.filter.any_theme", taxonomy.themes.clone())}
            {select.clone()("group", "cases.filter.group", "cases.filter.any_group", taxonomy.stakeholder_groups.clone())}
            {select("region", "cases.filter.region", "cases.filter.any_region", taxonomy.region_kinds.clone())}
        </form>
        {move || {
            let list = shown();
            let tax = tax.clone();
            let lang = i18n.lang.get();
            let clear = clear.clone();
            view! {
                <p role="status" class="result-count" data-testid="case-count">
                    {i18n.plural("cases.count", list.len(), &[])}
                    <Show when=move || !filter.get().is_empty()>
                        " "
                        <button type="button" class="button button-small" on:click=clear.clone()>{tr("cases.filter.clear")}</button>
                    </Show>
                </p>
                <ul class="card-grid case-grid">
                    {list
                        .into_iter()
                        .map(|c| {
                            let href = format!("/cases/{}", c.id);
                            let themes = c.themes.iter().map(|t| label(&tax.themes, t, &lang)).collect::<Vec<_>>().join(" · ");
                            let region = label(&tax.region_kinds, &c.region_kind, &lang);
                            let summary = c.summary.get(&lang).plain_text();
                            let title = c.title.get(&lang).to_owned();
                            view! {
                                <li class="card case-card">
                                    <h2><A href=href>{title}</A></h2>
                                    <p class="meta">{format!("{} · {}", c.country.get(&lang), region)}</p>
                                    <p>{summary}</p>
                                    <p class="meta">{themes}</p>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            }
        }}
    }
}

/// One case.
#[component]
pub fn CasePage() -> impl IntoView {
    let data = use_cases();
    let params = use_params_map();
    view! {
        <div class="page case-page">
            <Suspense fallback=|| view! { <div class="skeleton" aria-busy="true"></div> }>
                {move || data.get().map(|r| match r {
                    Ok((cases, taxonomy)) => {
                        let id = params.with(|p| p.get("id").unwrap_or_default());
                        match cases.cases.iter().find(|c| c.id == id) {
                            Some(c) => view! { <CaseView case=c.clone() taxonomy/> }.into_any(),
                            None => view! { <NotFoundPage/> }.into_any(),
                        }
                    }
                    Err(e) => view! { <ContentErrorView error=e/> }.into_any(),
                })}
            </Suspense>
        </div>
    }
}

fn section(key: &'static str, text: RichText, lang: String) -> impl IntoView {
    let nodes = text.get(&lang).nodes().into_owned();
    view! {
        <section>
            <h2>{tr(key)}</h2>
            <Markdown nodes/>
        </section>
    }
}

#[component]
fn CaseView(case: Case, taxonomy: Arc<Taxonomy>) -> impl IntoView {
    let app = use_app();
    let i18n = app.i18n;
    move || {
        let lang = i18n.lang.get();
        let c = case.clone();
        let themes = c
            .themes
            .iter()
            .map(|t| label(&taxonomy.themes, t, &lang))
            .collect::<Vec<_>>()
            .join(", ");
        let groups = c
            .stakeholder_groups
            .iter()
            .map(|g| label(&taxonomy.stakeholder_groups, g, &lang))
            .collect::<Vec<_>>()
            .join(", ");
        let region = label(&taxonomy.region_kinds, &c.region_kind, &lang);
        let catalog = app.catalog.get().ok();
        let related: Vec<(String, String)> = c
            .related_modules
            .iter()
            .map(|id| {
                let title = catalog
                    .as_ref()
                    .and_then(|cat| cat.modules.iter().find(|m| &m.id == id))
                    .map(|m| m.title.get(&lang).to_owned())
                    .unwrap_or_else(|| id.clone());
                (format!("/module/{id}"), title)
            })
            .collect();
        view! {
            <nav class="breadcrumb" aria-label=tr("nav.breadcrumb")>
                <A href="/cases">{tr("cases.title")}</A>
            </nav>
            <h1 tabindex="-1">{c.title.get(&lang).to_owned()}</h1>
            <p class="composite-note" data-testid="composite-note">{tr("cases.composite")}</p>
            <dl class="facts">
                <div><dt>{tr("cases.country")}</dt><dd>{c.country.get(&lang).to_owned()}</dd></div>
                <div><dt>{tr("cases.filter.region")}</dt><dd>{region}</dd></div>
                <div><dt>{tr("cases.filter.theme")}</dt><dd>{themes}</dd></div>
                <div><dt>{tr("cases.filter.group")}</dt><dd>{groups}</dd></div>
            </dl>
            {section("cases.summary", c.summary.clone(), lang.clone())}
            {section("cases.challenge", c.challenge.clone(), lang.clone())}
            {section("cases.approach", c.approach.clone(), lang.clone())}
            {section("cases.results", c.results.clone(), lang.clone())}
            <section>
                <h2>{tr("cases.lessons")}</h2>
                <ul>{c.lessons.iter().map(|l| view! { <li>{l.get(&lang).to_owned()}</li> }).collect_view()}</ul>
            </section>
            <section>
                <h2>{tr("cases.related")}</h2>
                <ul class="link-list">
                    {related.into_iter().map(|(href, title)| view! { <li><A href=href>{title}</A></li> }).collect_view()}
                </ul>
            </section>
        }
    }
}
