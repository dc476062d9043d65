//! `/progress`: what the active learner has done, module by module.

use erasmi_core::progress::{competence_profile, completion};
use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::tr;
use crate::source;
use crate::state::use_app;
use crate::ui::components::content_error::ContentErrorView;
use crate::ui::components::radar_chart::{RadarChart, Series};

/// The progress page.
#[component]
pub fn ProgressPage() -> impl IntoView {
    let app = use_app();
    let i18n = app.i18n;
    view! {
        <div class="page progress-page">
            <h1 tabindex="-1">{tr("progress.title")}</h1>
            {move || match app.catalog.get() {
                Err(e) => view! { <ContentErrorView error=e/> }.into_any(),
                Ok(catalog) => {
                    let lang = i18n.lang.get();
                    let rows: Vec<_> = app.progress.with(|p| {
                        catalog
                            .modules
                            .iter()
                            .map(|m| (m.id.clone(), m.title.get(&lang).to_owned(), completion(&m.id, &m.lessons, p)))
                            .collect()
                    });
                    let done: usize = rows.iter().map(|r| r.2.done).sum();
                    let total: usize = rows.iter().map(|r| r.2.total).sum();
                    let overall = (done * 100).checked_div(total).unwrap_or(0);
                    view! {
                        <section class="card">
                            <h2>{tr("progress.overall")}</h2>
                            <progress max="100" value=overall.to_string() aria-label=tr("progress.overall")></progress>
                            <p>{i18n.format("progress.lessons_done", &[("done", &done.to_string()), ("total", &total.to_string())])}</p>
                        </section>
                        <table class="progress-table">
                            <caption class="visually-hidden">{tr("progress.by_module")}</caption>
                            <thead>
                                <tr>
                                    <th scope="col">{tr("progress.module")}</th>
                                    <th scope="col">{tr("progress.lessons")}</th>
                                </tr>
                            </thead>
                            <tbody>
                                {rows
                                    .into_iter()
                                    .map(|(id, title, c)| view! {
                                        <tr>
                                            <th scope="row"><A href=format!("/module/{id}")>{title}</A></th>
                                            <td>
                                                <progress max="100" value=c.percent().to_string() aria-hidden="true"></progress>
                                                " "
                                                {i18n.format("progress.lessons_done", &[("done", &c.done.to_string()), ("total", &c.total.to_string())])}
                                            </td>
                                        </tr>
                                    })
                                    .collect_view()}
                            </tbody>
                        </table>
                        <CompetenceProfile/>
                    }
                    .into_any()
                }
            }}
        </div>
    }
}

/// The competence profile: self-rated before and after, and mastery measured by quizzes, as a
/// radar chart (bars on narrow screens) with a table as its text alternative.
#[component]
fn CompetenceProfile() -> impl IntoView {
    let app = use_app();
    let i18n = app.i18n;
    let data = LocalResource::new(move || {
        let lang = i18n.lang.get();
        async move {
            let framework = source::load_competences().await.ok()?;
            let catalog = app.catalog.get_untracked().ok()?;
            let mut modules = Vec::new();
            for entry in &catalog.modules {
                if let Ok(m) = source::load_module(&entry.id).await {
                    modules.push((*m).clone());
                }
            }
            let (runs, attempts) = app.assessment_history().await;
            let ids: Vec<String> = framework.competences.iter().map(|c| c.id.clone()).collect();
            let points = competence_profile(&ids, &modules, &runs, &attempts, &lang);
            let names: Vec<String> = framework
                .competences
                .iter()
                .map(|c| c.name.get(&lang).to_owned())
                .collect();
            Some((names, points))
        }
    });
    view! {
        <section class="card competence-profile" aria-labelledby="profile-title">
            <h2 id="profile-title">{tr("profile.title")}</h2>
            <p>{tr("profile.lead")}</p>
            <Suspense fallback=|| view! { <div class="skeleton" aria-busy="true"></div> }>
                {move || data.get().flatten().map(|(names, points)| {
                    let any = points.iter().any(|p| p.before.is_some() || p.after.is_some() || p.mastery.is_some());
                    if !any {
                        return view! { <p class="empty" data-testid="profile-empty">{tr("profile.empty")}</p> }.into_any();
                    }
                    let scale = |v: Option<f64>| v.map(|x| (x - 1.0) / 4.0);
                    let series = vec![
                        Series { class: "series-before", values: points.iter().map(|p| scale(p.before)).collect() },
                        Series { class: "series-after", values: points.iter().map(|p| scale(p.after)).collect() },
                        Series { class: "series-mastery", values: points.iter().map(|p| p.mastery).collect() },
                    ];
                    let fmt = |v: Option<f64>| v.map(|x| format!("{x:.1}")).unwrap_or_else(|| "–".into());
                    let pct = |v: Option<f64>| v.map(|x| format!("{:.0} %", x * 100.0)).unwrap_or_else(|| "–".into());
                    let bar = |v: Option<f64>, class: &'static str| {
                        let w = format!("{:.0}", v.unwrap_or(0.0).clamp(0.0, 1.0) * 100.0);
                        view! { <svg class="bar" viewBox="0 0 100 6" preserveAspectRatio="none" aria-hidden="true">
                            <rect class="bar-track" width="100" height="6"/>
                            <rect class=class width=w height="6"/>
                        </svg> }
                    };
                    view! {
                        <ul class="legend" aria-hidden="true">
                            <li class="series-before">{tr("profile.before")}</li>
                            <li class="series-after">{tr("profile.after")}</li>
                            <li class="series-mastery">{tr("profile.mastery")}</li>
                        </ul>
                        <RadarChart labels=names.clone() series label=i18n.t("profile.chart_label")/>
                        <ul class="competence-bars" aria-hidden="true">
                            {names.iter().zip(points.iter()).map(|(name, p)| view! {
                                <li>
                                    <span>{name.clone()}</span>
                                    {bar(scale(p.before), "series-before")}
                                    {bar(scale(p.after), "series-after")}
                                    {bar(p.mastery, "series-mastery")}
                                </li>
                            }).collect_view()}
                        </ul>
                        <table class="progress-table" data-testid="profile-table">
                            <caption>{tr("profile.table")}</caption>
                            <thead>
                                <tr>
                                    <th scope="col">{tr("self.competence")}</th>
                                    <th scope="col">{tr("profile.before")}</th>
                                    <th scope="col">{tr("profile.after")}</th>
                                    <th scope="col">{tr("profile.mastery")}</th>
                                </tr>
                            </thead>
                            <tbody>
                                {names.into_iter().zip(points).map(|(name, p)| view! {
                                    <tr>
                                        <th scope="row">{name}</th>
                                        <td>{fmt(p.before)}</td>
                                        <td>{fmt(p.after)}</td>
                                        <td>{pct(p.mastery)}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    }
                    .into_any()
                })}
            </Suspense>
        </section>
    }
}
