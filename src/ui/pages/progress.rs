//! `/progress`: what the active learner has done, module by module.

use std::collections::HashMap;
use std::sync::Arc;

use erasmi_core::activity::{format_duration, ActivityRecord};
use erasmi_core::content::CatalogEntry;
use erasmi_core::progress::{
    competence_profile, module_summary_with, CompetencePoint, ModuleFacts, ModuleSummary,
    ProgressFile,
};
use leptos::prelude::*;

use crate::i18n::{format_date, format_number, tr};
use crate::source;
use crate::state::use_app;
use crate::ui::components::avatar::Avatar;
use crate::ui::components::content_error::ContentErrorView;
use crate::ui::components::paged::PagedList;
use crate::ui::components::progress_ring::ProgressRing;
use crate::ui::components::radar_chart::{RadarChart, Series};

/// One dashboard row: module id, title, pass mark, summary.
type Row = (String, String, u32, ModuleSummary);

/// What the progress page shows, computed in one pass over the learner's records.
struct ProgressData {
    rows: Vec<Row>,
    /// Competence names and points; `None` when the competence framework cannot be loaded.
    profile: Option<(Vec<String>, Vec<CompetencePoint>)>,
}

/// Reads the active learner's records once and computes the dashboard and the competence
/// profile from them. Quiz attempts are not read: each module's scores come from its stored
/// summary ([`crate::state::AppState::quiz_summaries`]), so the page costs the same with fifty
/// attempts or fifty thousand. Module files are not read either: what the catalog does not say
/// (pass marks, the self-assessment's competences) comes from one small file,
/// `progress.json`. A module file is loaded only for a module that file does not describe at
/// its current version, or whose summary has to be built again.
fn progress_data() -> LocalResource<Option<Arc<ProgressData>>> {
    let app = use_app();
    let i18n = app.i18n;
    LocalResource::new(move || {
        app.revision.track();
        let progress = app.progress.get();
        let lang = i18n.lang.get();
        async move {
            let catalog = app.catalog.get_untracked().ok()?;
            let entries: Vec<(&str, u32)> = catalog
                .modules
                .iter()
                .map(|e| (e.id.as_str(), e.version))
                .collect();
            // Five independent reads, in flight together.
            let (file, framework, runs, summaries, activity) = futures::join!(
                source::load_progress_file(),
                source::load_competences(),
                app.all_self_assessments(),
                app.quiz_summaries(&entries, &lang),
                app.activity(),
            );
            let facts = module_facts(&catalog.modules, file.as_deref()).await;
            let framework = framework.ok();
            let profile = framework.map(|f| {
                let ids: Vec<String> = f.competences.iter().map(|c| c.id.clone()).collect();
                let names = f
                    .competences
                    .iter()
                    .map(|c| c.name.get(&lang).to_owned())
                    .collect();
                let listed: Vec<ModuleFacts> = facts.iter().flatten().cloned().collect();
                (names, competence_profile(&ids, &listed, &runs, &summaries))
            });
            let mut activity_of: HashMap<String, Vec<ActivityRecord>> = HashMap::new();
            for a in activity {
                activity_of.entry(a.module.clone()).or_default().push(a);
            }
            // A module whose facts neither file gives is left out; its own page says why.
            let rows = catalog
                .modules
                .iter()
                .zip(&facts)
                .zip(&summaries)
                .filter_map(|((entry, facts), quiz)| {
                    let facts = facts.as_ref()?;
                    let activity = activity_of.remove(&entry.id).unwrap_or_default();
                    let s = module_summary_with(
                        &entry.id,
                        &entry.lessons,
                        &progress,
                        quiz,
                        &runs,
                        &activity,
                    );
                    Some((
                        entry.id.clone(),
                        entry.title.get(&lang).to_owned(),
                        u32::from(facts.pass_mark),
                        s,
                    ))
                })
                .collect();
            Some(Arc::new(ProgressData { rows, profile }))
        }
    })
}

/// The facts of each catalog module, in catalog order: from `progress.json` where it has the
/// module at its catalog version, otherwise from the module's file (fetched together). `None`
/// for a module whose file cannot be loaded either.
async fn module_facts(
    entries: &[CatalogEntry],
    file: Option<&ProgressFile>,
) -> Vec<Option<ModuleFacts>> {
    let described: HashMap<&str, &ModuleFacts> = file
        .map(|f| f.modules.iter().map(|m| (m.id.as_str(), m)).collect())
        .unwrap_or_default();
    let from_file = |e: &CatalogEntry| {
        described
            .get(e.id.as_str())
            .copied()
            .filter(|m| m.version == e.version)
    };
    let missing = entries.iter().filter(|e| from_file(e).is_none());
    let loaded: HashMap<String, ModuleFacts> =
        futures::future::join_all(missing.map(|e| source::load_module(&e.id)))
            .await
            .into_iter()
            .filter_map(Result::ok)
            .map(|m| (m.id.clone(), ModuleFacts::of(&m)))
            .collect();
    entries
        .iter()
        .map(|e| from_file(e).or_else(|| loaded.get(&e.id)).cloned())
        .collect()
}

/// The progress page: the dashboard of the active profile.
#[component]
pub fn ProgressPage() -> impl IntoView {
    let app = use_app();
    let data = progress_data();
    view! {
        <div class="page progress-page">
            <h1 tabindex="-1">{tr("progress.title")}</h1>
            {move || app.active_profile().map(|p| {
                let name = p.display_name(&app.i18n.t("profiles.unnamed")).to_owned();
                view! {
                    <p class="progress-owner">
                        <Avatar profile=p/>
                        <span>{move || app.i18n.format("progress.of", &[("name", &name)])}</span>
                        " "
                        <a href="/profiles">{tr("profiles.manage")}</a>
                    </p>
                }
            })}
            {move || match app.catalog.with(|c| c.as_ref().err().cloned()) {
                Some(e) => view! { <ContentErrorView error=e/> }.into_any(),
                None => view! {
                    <Dashboard data/>
                    <p class="backup-hint" data-testid="backup-hint">
                        {tr("progress.backup_hint")}" "
                        <a href="/settings#backup-title">{tr("progress.backup_link")}</a>
                    </p>
                    <CompetenceProfile data/>
                }.into_any(),
            }}
        </div>
    }
}

/// Overall progress and one card per module, pictures first with the numbers beside them.
#[component]
fn Dashboard(data: LocalResource<Option<Arc<ProgressData>>>) -> impl IntoView {
    let i18n = use_app().i18n;
    view! {
        // As tall as a screen, so what follows the dashboard stays below the fold until it is
        // there and nothing visible moves when it arrives.
        <Suspense fallback=|| view! { <div class="skeleton skeleton-screen" aria-busy="true"></div> }>
            {move || data.get().flatten().map(|data| {
                let rows = data.rows.clone();
                let done: usize = rows.iter().map(|r| r.3.completion.done).sum();
                let total: usize = rows.iter().map(|r| r.3.completion.total).sum();
                let overall = (done * 100).checked_div(total).unwrap_or(0);
                let finished = rows.iter().filter(|r| r.3.completion.total > 0 && r.3.completion.done == r.3.completion.total).count();
                let passed = rows.iter().filter(|r| r.3.best.is_some_and(|b| b >= r.2)).count();
                let time: f64 = rows.iter().map(|r| r.3.time_ms).sum();
                let started = rows.iter().any(|r| r.3.last_activity.is_some());
                view! {
                    <section class="card overall" aria-labelledby="overall-title" data-testid="overall">
                        <h2 id="overall-title">{tr("progress.overall")}</h2>
                        <div class="overall-body">
                            <ProgressRing percent=overall as u32 label=i18n.format("progress.overall_label", &[("percent", &overall.to_string())]) large=true/>
                            <dl class="stats">
                                <div><dt>{tr("progress.lessons")}</dt><dd data-testid="stat-lessons">{format!("{done} / {total}")}</dd></div>
                                <div><dt>{tr("progress.modules_done")}</dt><dd data-testid="stat-modules">{format!("{finished} / {}", rows.len())}</dd></div>
                                <div><dt>{tr("progress.quizzes_passed")}</dt><dd data-testid="stat-quizzes">{format!("{passed} / {}", rows.len())}</dd></div>
                                <div><dt>{tr("progress.time")}</dt><dd data-testid="stat-time">{format_duration(time)}</dd></div>
                            </dl>
                        </div>
                        <progress max="100" value=overall.to_string() aria-label=tr("progress.overall")></progress>
                        {(!started).then(|| view! { <p class="empty" data-testid="progress-empty">{tr("progress.empty")} " " <a href="/">{tr("progress.start")}</a></p> })}
                    </section>
                    <h2>{tr("progress.by_module")}</h2>
                    <PagedList
                        items=rows
                        class="dashboard-grid"
                        testid="module-progress"
                        render=move |(id, title, pass, s): Row| {
                            let lang = i18n.lang.get_untracked();
                            let pct = s.completion.percent();
                            let growth = s.growth.map(|g| {
                                let sign = if g > 0.0 { "+" } else { "" };
                                format!("{sign}{}", format_number(g, &lang, 1))
                            });
                            let best_w = s.best.unwrap_or(0).min(100).to_string();
                            let best_class = if s.best.is_some_and(|b| b >= pass) { "bar-value passed" } else { "bar-value" };
                            view! {
                                <li class="card dashboard-card" data-module=id.clone()>
                                    <div class="card-head">
                                        <h3><a href=format!("/module/{id}")>{title.clone()}</a></h3>
                                        <ProgressRing percent=pct label=i18n.format("progress.module_label", &[("title", &title), ("percent", &pct.to_string())])/>
                                    </div>
                                    <dl class="facts-compact">
                                        <div>
                                            <dt>{tr("progress.lessons")}</dt>
                                            <dd data-testid="lessons">{format!("{} / {}", s.completion.done, s.completion.total)}</dd>
                                        </div>
                                        <div>
                                            <dt>{tr("progress.quiz")}</dt>
                                            {match (s.best, s.last) {
                                                (Some(best), Some(last)) => view! {
                                                    <dd data-testid="quiz">
                                                        {i18n.format("progress.quiz_scores", &[("best", &format!("{best} %")), ("last", &format!("{last} %"))])}
                                                        <svg class="bar" viewBox="0 0 100 6" preserveAspectRatio="none" aria-hidden="true">
                                                            <rect class="bar-track" width="100" height="6"/>
                                                            <rect class=best_class width=best_w height="6"/>
                                                        </svg>
                                                    </dd>
                                                }.into_any(),
                                                _ => view! { <dd class="none" data-testid="quiz">{tr("progress.quiz_none")}</dd> }.into_any(),
                                            }}
                                        </div>
                                        <div>
                                            <dt>{tr("progress.growth")}</dt>
                                            <dd class:none=growth.is_none() data-testid="growth">{growth.clone().unwrap_or_else(|| i18n.t("progress.growth_none"))}</dd>
                                        </div>
                                        <div>
                                            <dt>{tr("progress.time")}</dt>
                                            <dd class:none=s.time_ms <= 0.0 data-testid="time">{format_duration(s.time_ms)}</dd>
                                        </div>
                                        <div>
                                            <dt>{tr("progress.last")}</dt>
                                            <dd class:none=s.last_activity.is_none() data-testid="last">{s.last_activity.map(|t| format_date(t, &lang)).unwrap_or_else(|| i18n.t("progress.never"))}</dd>
                                        </div>
                                    </dl>
                                </li>
                            }
                        }
                    />
                }
            })}
        </Suspense>
    }
}

/// The competence profile: self-rated before and after, and mastery measured by quizzes, as a
/// radar chart (bars on narrow screens) with a table as its text alternative.
#[component]
fn CompetenceProfile(data: LocalResource<Option<Arc<ProgressData>>>) -> impl IntoView {
    let i18n = use_app().i18n;
    view! {
        <section class="card competence-profile" aria-labelledby="profile-title">
            <h2 id="profile-title">{tr("profile.title")}</h2>
            <p>{tr("profile.lead")}</p>
            <Suspense fallback=|| view! { <div class="skeleton" aria-busy="true"></div> }>
                {move || data.get().flatten().and_then(|data| data.profile.clone()).map(|(names, points)| {
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
                        // Four columns of competence names do not fit a phone: the table scrolls
                        // within its card, not the page.
                        <div class="table-scroll" tabindex="0" role="region" aria-labelledby="profile-title">
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
                        </div>
                    }
                    .into_any()
                })}
            </Suspense>
        </section>
    }
}
