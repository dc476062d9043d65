//! `/about`: what ERASMI is, funding, privacy, versions.

use leptos::prelude::*;

use crate::i18n::{tr, use_i18n};
use crate::state::use_app;

/// The about page.
#[component]
pub fn AboutPage() -> impl IntoView {
    let i18n = use_i18n();
    let app = use_app();
    let version = env!("CARGO_PKG_VERSION");
    // Each module carries its own version, which stored quiz attempts record.
    let content = move || {
        app.catalog.with(|c| {
            c.as_ref().ok().map(|c| {
                let lang = i18n.lang.get();
                let versions: Vec<String> = c
                    .modules
                    .iter()
                    .map(|m| format!("{} {}", m.title.get(&lang), m.version))
                    .collect();
                i18n.format(
                    "about.content_version",
                    &[
                        ("format", &c.format.to_string()),
                        ("versions", &versions.join(" · ")),
                    ],
                )
            })
        })
    };
    view! {
        <div class="page about-page">
            <h1 tabindex="-1">{tr("about.title")}</h1>
            <p class="lead">{tr("about.lead")}</p>
            <h2>{tr("about.outputs")}</h2>
            <ol class="outputs">
                <li><strong>{tr("about.output1.title")}</strong>" — "{tr("about.output1.body")}</li>
                <li><strong>{tr("about.output2.title")}</strong>" — "{tr("about.output2.body")}</li>
                <li><strong>{tr("about.output3.title")}</strong>" — "{tr("about.output3.body")}</li>
                <li><strong>{tr("about.output4.title")}</strong>" — "{tr("about.output4.body")}</li>
            </ol>
            <h2>{tr("about.privacy.title")}</h2>
            <p>{tr("about.privacy.body")}</p>
            <h2>{tr("about.funding.title")}</h2>
            <p>{tr("about.funding.body")}</p>
            <h2>{tr("about.licence.title")}</h2>
            <p>{tr("about.licence.body")}</p>
            <p class="meta">{move || i18n.format("about.version", &[("version", version)])}</p>
            <p class="meta" data-testid="content-version">{content}</p>
        </div>
    }
}
