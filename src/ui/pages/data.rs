//! The data-care sections of the settings page: backup, restore, storage health, erase.

use erasmi_core::backup::{self, Backup, Scope};
use leptos::prelude::*;

use crate::device;
use crate::i18n::{format_date, format_number, tr};
use crate::state::{today, use_app, AppState};
use crate::ui::components::avatar::Avatar;

fn megabytes(bytes: f64, lang: &str) -> String {
    if bytes >= 1e9 {
        format!("{} GB", format_number(bytes / 1e9, lang, 1))
    } else {
        format!("{} MB", format_number(bytes / 1e6, lang, 1))
    }
}

/// Export one profile or every profile, as a download or through the share sheet.
#[component]
pub fn BackupSection() -> impl IntoView {
    let app = use_app();
    let i18n = app.i18n;
    let status = RwSignal::new(None::<String>);
    let can_share = device::can_share_files();
    let run = move |scope: Scope, share: bool| {
        leptos::task::spawn_local(async move {
            let text = match app.export(scope).await {
                Ok(t) => t,
                Err(e) => {
                    status.set(Some(
                        i18n.format("backup.export_failed", &[("reason", &e.to_string())]),
                    ));
                    return;
                }
            };
            let label = match scope {
                Scope::Profile => app
                    .active_profile()
                    .map(|p| p.display_name(&i18n.t("profiles.unnamed")).to_owned())
                    .unwrap_or_default(),
                Scope::All => i18n.t("backup.all_file"),
            };
            let name = backup::file_name(&label, &today());
            let size = format!(
                "{} KB",
                format_number((text.len() as f64 / 1000.0).max(1.0), &i18n.lang(), 0)
            );
            let done = if share {
                match device::share(&text, &name).await {
                    Ok(true) => true,
                    Ok(false) => return,
                    Err(_) => device::download(&text, &name),
                }
            } else {
                device::download(&text, &name)
            };
            if done {
                status.set(Some(
                    i18n.format("backup.saved", &[("file", &name), ("size", &size)]),
                ));
            }
        });
    };
    view! {
        <section class="card" aria-labelledby="backup-title">
            <h2 id="backup-title">{tr("backup.title")}</h2>
            <p>{tr("backup.lead")}</p>
            <p class="meta">{tr("backup.ios")}</p>
            <div class="button-row">
                <button class="button button-primary" on:click=move |_| run(Scope::Profile, false) data-testid="backup-profile">
                    {tr("backup.profile")}
                </button>
                <button class="button" on:click=move |_| run(Scope::All, false) data-testid="backup-all">
                    {tr("backup.all")}
                </button>
                {can_share.then(|| view! {
                    <button class="button" on:click=move |_| run(Scope::Profile, true)>{tr("backup.share")}</button>
                })}
            </div>
            <p role="status" class="meta" data-testid="backup-status">{move || status.get()}</p>
        </section>
    }
}

/// Choose a backup file, see what it holds, then merge or replace.
#[component]
pub fn RestoreSection() -> impl IntoView {
    let app = use_app();
    let i18n = app.i18n;
    let error = RwSignal::new(None::<String>);
    let checked = RwSignal::new(None::<StoredValue<Backup, LocalStorage>>);
    let replace = RwSignal::new(false);
    let input: NodeRef<leptos::html::Input> = NodeRef::new();
    let on_change = move |_| {
        let Some(file) = input.get().and_then(|i| i.files()).and_then(|f| f.get(0)) else {
            return;
        };
        error.set(None);
        checked.set(None);
        leptos::task::spawn_local(async move {
            let outcome = if file.size() > backup::MAX_BYTES as f64 {
                Err(backup::BackupError::TooLarge {
                    limit: backup::MAX_BYTES,
                })
            } else {
                match device::read_file(&file).await {
                    Ok(bytes) => AppState::check_backup(&bytes),
                    Err(_) => Err(backup::BackupError::NotText),
                }
            };
            match outcome {
                Ok(b) => checked.set(Some(StoredValue::new_local(b))),
                Err(e) => {
                    let args = e.args();
                    let args: Vec<(&str, &str)> =
                        args.iter().map(|(k, v)| (*k, v.as_str())).collect();
                    error.set(Some(i18n.format(e.message_key(), &args)));
                }
            }
        });
    };
    let clear = move || {
        checked.set(None);
        if let Some(i) = input.get() {
            i.set_value("");
        }
    };
    let restore = move |_| {
        let Some(b) = checked.get_untracked() else {
            return;
        };
        let backup = b.get_value();
        let replace = replace.get_untracked();
        leptos::task::spawn_local(async move {
            match app.import(&backup, replace).await {
                Ok(n) => {
                    app.tell(i18n.plural("restore.done", n, &[]));
                    clear();
                }
                Err(e) => error.set(Some(
                    i18n.format("restore.failed", &[("reason", &e.to_string())]),
                )),
            }
        });
    };
    view! {
        <section class="card" aria-labelledby="restore-title">
            <h2 id="restore-title">{tr("restore.title")}</h2>
            <p>{move || i18n.format("restore.lead", &[("limit", &(backup::MAX_BYTES / 1_000_000).to_string())])}</p>
            <label for="restore-file" class="file-label button">{tr("restore.choose")}</label>
            <input id="restore-file" type="file" class="file-input" accept=".json,application/json" node_ref=input on:change=on_change
                aria-describedby="restore-error" data-testid="restore-file"/>
            <div id="restore-error" role="alert" class="field-error" data-testid="restore-error">
                {move || error.get().map(|e| view! {
                    <p><strong>{tr("restore.refused")}</strong>" "{e}</p>
                    <p class="meta">{tr("restore.unchanged")}</p>
                })}
            </div>
            {move || checked.get().map(|b| {
                let backup = b.get_value();
                let lang = i18n.lang.get();
                let existing: Vec<String> = app.profiles.get().into_iter().map(|p| p.id).collect();
                let scope = match backup.scope { Scope::All => i18n.t("restore.scope.all"), Scope::Profile => i18n.t("restore.scope.profile") };
                view! {
                    <div class="restore-preview" data-testid="restore-preview">
                        <h3>{tr("restore.preview")}</h3>
                        <p>{i18n.format("restore.made", &[("date", &format_date(backup.created_at, &lang)), ("scope", &scope), ("version", &backup.app_version)])}</p>
                        <ul class="profile-list compact">
                            {backup.preview().into_iter().map(|p| {
                                let profile = erasmi_core::progress::Profile { color: p.color.clone(), ..erasmi_core::progress::Profile::new(&p.id, &p.name, 0.0) };
                                let name = profile.display_name(&i18n.t("profiles.unnamed")).to_owned();
                                let dates = match (p.first, p.last) {
                                    (Some(f), Some(l)) if format_date(f, &lang) == format_date(l, &lang) => i18n.format("restore.date", &[("date", &format_date(f, &lang))]),
                                    (Some(f), Some(l)) => i18n.format("restore.dates", &[("first", &format_date(f, &lang)), ("last", &format_date(l, &lang))]),
                                    _ => String::new(),
                                };
                                let here = existing.contains(&p.id);
                                view! {
                                    <li>
                                        <Avatar profile=profile/>
                                        <span>
                                            <strong>{name}</strong>" · "
                                            {i18n.plural("restore.records", p.records, &[])}
                                            " "{dates}
                                            {here.then(|| view! { <span class="badge">{tr("restore.exists")}</span> })}
                                        </span>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                        <fieldset class="choice-list">
                            <legend>{tr("restore.how")}</legend>
                            <label class="choice">
                                <input type="radio" name="restore-mode" prop:checked=move || !replace.get() on:change=move |_| replace.set(false)/>
                                <span><strong>{tr("restore.merge")}</strong>" — "{tr("restore.merge.help")}</span>
                            </label>
                            <label class="choice">
                                <input type="radio" name="restore-mode" prop:checked=move || replace.get() on:change=move |_| replace.set(true) data-testid="restore-replace"/>
                                <span><strong>{tr("restore.replace")}</strong>" — "
                                {if backup.scope == Scope::All { tr("restore.replace.all")() } else { tr("restore.replace.profile")() }}</span>
                            </label>
                        </fieldset>
                        <div class="button-row">
                            <button class="button button-primary" on:click=restore data-testid="restore-confirm">{tr("restore.confirm")}</button>
                            <button class="button" on:click=move |_| clear()>{tr("action.cancel")}</button>
                        </div>
                    </div>
                }
            })}
        </section>
    }
}

/// Usage and quota, and whether the browser may evict the data.
#[component]
pub fn StorageSection() -> impl IntoView {
    let app = use_app();
    let i18n = app.i18n;
    let persistent = app.is_persistent();
    let refresh = RwSignal::new(0u32);
    let health = LocalResource::new(move || {
        refresh.track();
        device::storage_health()
    });
    let protect = move |_| {
        leptos::task::spawn_local(async move {
            device::request_persistence().await;
            refresh.update(|r| *r += 1);
        });
    };
    view! {
        <section class="card" aria-labelledby="storage-title">
            <h2 id="storage-title">{tr("settings.storage")}</h2>
            <p data-testid="storage-status">
                {if persistent { tr("settings.storage.persistent")() } else { tr("settings.storage.memory")() }}
            </p>
            <p>{tr("settings.storage.device")}</p>
            {move || health.get().flatten().map(|h| {
                let lang = i18n.lang.get();
                let pct = format!("{:.0}", h.used_share() * 100.0);
                view! {
                    <p data-testid="storage-usage">{i18n.format("storage.usage", &[("used", &megabytes(h.usage, &lang)), ("quota", &megabytes(h.quota, &lang))])}</p>
                    <progress max="100" value=pct aria-label=tr("storage.usage_label")></progress>
                    {h.nearly_full().then(|| view! { <p class="notice notice-error" role="alert">{tr("storage.nearly_full")}</p> })}
                    {if h.persisted {
                        view! { <p data-testid="storage-persisted">{tr("storage.persisted")}</p> }.into_any()
                    } else {
                        view! {
                            <p>{tr("storage.not_persisted")}</p>
                            <button class="button" on:click=protect>{tr("storage.protect")}</button>
                        }.into_any()
                    }}
                }
            })}
        </section>
    }
}

/// Delete everything on this device, after a confirmation.
#[component]
pub fn EraseSection() -> impl IntoView {
    let app = use_app();
    let confirming = RwSignal::new(false);
    let erase = move |_| {
        leptos::task::spawn_local(async move {
            if app.erase_everything().await {
                confirming.set(false);
                app.tell(app.i18n.t("erase.done"));
            }
        });
    };
    view! {
        <section class="card danger-zone" aria-labelledby="erase-title">
            <h2 id="erase-title">{tr("erase.title")}</h2>
            <p>{tr("erase.lead")}</p>
            <p>
                <a href="/profiles">{tr("erase.one_profile")}</a>
            </p>
            <Show when=move || !confirming.get()>
                <button class="button button-danger" on:click=move |_| confirming.set(true) data-testid="erase-all">
                    {tr("erase.all")}
                </button>
            </Show>
            <Show when=move || confirming.get()>
                <div class="confirm" role="alertdialog" aria-labelledby="erase-question">
                    <p id="erase-question"><strong>{tr("erase.question")}</strong>" "{tr("erase.body")}</p>
                    <button class="button button-danger" on:click=erase data-testid="confirm-erase-all">{tr("erase.confirm")}</button>
                    <button class="button" on:click=move |_| confirming.set(false)>{tr("action.cancel")}</button>
                </div>
            </Show>
        </section>
    }
}
