//! `/settings`: language and where progress is kept.

use leptos::prelude::*;

use crate::i18n::tr;
use crate::state::use_app;

/// The settings page.
#[component]
pub fn SettingsPage() -> impl IntoView {
    let app = use_app();
    let i18n = app.i18n;
    let languages = i18n.languages.get_value();
    let persistent = app.is_persistent();
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
            <section class="card">
                <h2>{tr("settings.storage")}</h2>
                <p data-testid="storage-status">
                    {if persistent { tr("settings.storage.persistent")() } else { tr("settings.storage.memory")() }}
                </p>
                <p>{tr("settings.storage.device")}</p>
            </section>
        </div>
    }
}
