//! `/settings`: language and where progress is kept.

use erasmi_core::appearance::{TextSize, Theme};
use leptos::prelude::*;

use crate::i18n::{format_number, tr};
use crate::state::use_app;
use crate::ui::pages::data::{BackupSection, EraseSection, RestoreSection, StorageSection};

/// The settings page.
#[component]
pub fn SettingsPage() -> impl IntoView {
    let app = use_app();
    let i18n = app.i18n;
    let languages = i18n.languages.get_value();
    let pwa = crate::pwa::use_pwa();
    pwa.refresh_status();
    // While content is still being stored, look again every few seconds.
    let poll = leptos::prelude::set_interval_with_handle(
        move || {
            if pwa.offline.get_untracked().is_some_and(|s| !s.complete()) {
                pwa.refresh_status();
            }
        },
        std::time::Duration::from_secs(2),
    )
    .ok();
    on_cleanup(move || {
        if let Some(h) = poll {
            h.clear();
        }
    });
    view! {
        <div class="page settings-page">
            <h1 tabindex="-1">{tr("settings.title")}</h1>
            <section class="card">
                <h2>{tr("settings.language")}</h2>
                <fieldset class="choice-group">
                    <legend class="visually-hidden">{tr("settings.language")}</legend>
                    {languages
                        .into_iter()
                        .map(|l| {
                            let code = l.code.clone();
                            let checked = {
                                let code = code.clone();
                                move || i18n.lang.get() == code
                            };
                            view! {
                                <label class="choice">
                                    <input
                                        type="radio"
                                        name="language"
                                        value=code.clone()
                                        prop:checked=checked
                                        on:change=move |_| app.set_language(code.clone())
                                    />
                                    <span lang=l.code.clone()>{l.name.clone()}</span>
                                </label>
                            }
                        })
                        .collect_view()}
                </fieldset>
            </section>
            <section class="card" aria-labelledby="appearance-title">
                <h2 id="appearance-title">{tr("settings.appearance")}</h2>
                <fieldset class="choice-group">
                    <legend>{tr("settings.theme")}</legend>
                    {Theme::ALL.map(|t| view! {
                        <label class="choice">
                            <input type="radio" name="theme" value=t.as_str() data-testid=format!("theme-{}", t.as_str())
                                prop:checked=move || app.theme.get() == t
                                on:change=move |_| app.set_appearance(t, app.text_size.get_untracked())/>
                            <span>{move || i18n.t(&format!("settings.theme.{}", t.as_str()))}</span>
                        </label>
                    }).collect_view()}
                </fieldset>
                <fieldset class="choice-group">
                    <legend>{tr("settings.text_size")}</legend>
                    {TextSize::ALL.map(|size| view! {
                        <label class="choice">
                            <input type="radio" name="text-size" value=size.as_str() data-testid=format!("text-size-{}", size.as_str())
                                prop:checked=move || app.text_size.get() == size
                                on:change=move |_| app.set_appearance(app.theme.get_untracked(), size)/>
                            <span>{move || i18n.t(&format!("settings.text_size.{}", size.as_str()))}</span>
                        </label>
                    }).collect_view()}
                </fieldset>
            </section>
            <section class="card">
                <h2>{tr("settings.offline")}</h2>
                <p data-testid="offline-status">
                    {move || {
                        let lang = i18n.lang.get();
                        let mb = |b: f64| format!("{} MB", format_number(b / 1_000_000.0, &lang, 1));
                        if pwa.unsupported.get() {
                            return i18n.t("settings.offline.unsupported");
                        }
                        match pwa.offline.get() {
                            None => i18n.t("settings.offline.unknown"),
                            Some(s) if s.complete() => i18n.format("settings.offline.complete", &[("size", &mb(s.bytes))]),
                            Some(s) => i18n.format(
                                "settings.offline.progress",
                                &[
                                    ("stored", &s.stored.to_string()),
                                    ("files", &s.files.to_string()),
                                    ("size", &mb(s.stored_bytes)),
                                    ("total", &mb(s.bytes)),
                                ],
                            ),
                        }
                    }}
                </p>
                {move || pwa.offline.get().filter(|s| !s.complete()).map(|s| {
                    let pct = (f64::from(s.stored) / f64::from(s.files.max(1)) * 100.0).round().to_string();
                    view! { <progress max="100" value=pct aria-label=tr("settings.offline")></progress> }
                })}
                {move || (!pwa.download_approved.get() && pwa.offline.get().is_some_and(|s| !s.complete())).then(|| {
                    let size = pwa.offline.get().map(|s| format!("{} MB", format_number((s.bytes - s.stored_bytes).max(0.0) / 1_000_000.0, &i18n.lang.get(), 1))).unwrap_or_default();
                    view! {
                        <p data-testid="save-data">{tr("settings.offline.save_data")}</p>
                        <button class="button button-primary" on:click=move |_| pwa.download_all() data-testid="download-all">
                            {i18n.format("settings.offline.download", &[("size", &size)])}
                        </button>
                    }
                })}
                <p class="meta">{tr("settings.offline.help")}</p>
                <h3>{tr("settings.install")}</h3>
                {move || if pwa.installed.get() {
                    view! { <p data-testid="installed">{tr("settings.install.done")}</p> }.into_any()
                } else if pwa.can_install.get() {
                    view! {
                        <button class="button button-primary" on:click=move |_| pwa.install() data-testid="install">
                            {tr("settings.install.button")}
                        </button>
                        <p class="meta">{tr("settings.install.why")}</p>
                    }.into_any()
                } else {
                    view! { <p class="meta">{tr("settings.install.help")}</p> }.into_any()
                }}
            </section>
            <section class="card" aria-labelledby="trainer-title">
                <h2 id="trainer-title">{tr("settings.trainer")}</h2>
                <p>{tr("settings.trainer.help")}</p>
                <label class="check">
                    <input type="checkbox" prop:checked=move || app.trainer_mode.get()
                        on:change=move |ev| app.set_trainer_mode(event_target_checked(&ev)) data-testid="trainer-toggle"/>
                    <span>{tr("settings.trainer.toggle")}</span>
                </label>
                <Show when=move || app.trainer_mode.get()>
                    <p><a href="/trainer">{tr("nav.trainer")}</a></p>
                </Show>
            </section>
            <BackupSection/>
            <RestoreSection/>
            <StorageSection/>
            <EraseSection/>
        </div>
    }
}
