//! `/progress`: what the active learner has done, module by module.

use erasmi_core::progress::completion;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::tr;
use crate::state::use_app;
use crate::ui::components::content_error::ContentErrorView;

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
                    }
                    .into_any()
                }
            }}
        </div>
    }
}
