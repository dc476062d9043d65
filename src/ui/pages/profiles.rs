//! `/profiles`: several learners on one shared device.

use erasmi_core::progress::{Profile, PROFILE_COLORS};
use leptos::prelude::*;

use crate::i18n::{format_date, tr};
use crate::state::use_app;
use crate::ui::components::avatar::Avatar;

/// The profiles page: create, switch, rename, erase.
#[component]
pub fn ProfilesPage() -> impl IntoView {
    let app = use_app();
    view! {
        <div class="page profiles-page">
            <h1 tabindex="-1">{tr("profiles.title")}</h1>
            <p class="lead">{tr("profiles.lead")}</p>
            <p class="notice notice-info" data-testid="profiles-not-private">
                <strong>{tr("profiles.not_private.title")}</strong>" "{tr("profiles.not_private.body")}
            </p>
            <ul class="profile-list">
                {move || app.profiles.get().into_iter().map(|p| view! { <ProfileRow profile=p/> }).collect_view()}
            </ul>
            <NewProfile/>
        </div>
    }
}

/// The colour choice of a profile form.
#[component]
fn ColorPicker(name: &'static str, selected: RwSignal<String>) -> impl IntoView {
    let i18n = use_app().i18n;
    view! {
        <fieldset class="color-picker">
            <legend>{tr("profiles.color")}</legend>
            {PROFILE_COLORS
                .iter()
                .map(|c| {
                    let c = *c;
                    view! {
                        <label class=format!("swatch avatar-{c}")>
                            <input
                                type="radio"
                                name=name
                                value=c
                                prop:checked=move || selected.get() == c
                                on:change=move |_| selected.set(c.to_owned())
                            />
                            <span class="visually-hidden">{move || i18n.t(&format!("profiles.color.{c}"))}</span>
                        </label>
                    }
                })
                .collect_view()}
        </fieldset>
    }
}

#[component]
fn NewProfile() -> impl IntoView {
    let app = use_app();
    let i18n = app.i18n;
    let name = RwSignal::new(String::new());
    let color = RwSignal::new(
        PROFILE_COLORS[(app.profiles.get_untracked().len() + 1) % PROFILE_COLORS.len()].to_owned(),
    );
    let error = RwSignal::new(None::<&'static str>);
    let created = RwSignal::new(None::<String>);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let n = name.get_untracked();
        let c = color.get_untracked();
        leptos::task::spawn_local(async move {
            match app.create_profile(&n, &c).await {
                Ok(()) => {
                    error.set(None);
                    created.set(Some(n.trim().to_owned()));
                    name.set(String::new());
                }
                Err(e) => error.set(Some(e.message_key())),
            }
        });
    };
    view! {
        <section class="card" aria-labelledby="new-profile-title">
            <h2 id="new-profile-title">{tr("profiles.new")}</h2>
            <form class="profile-form" on:submit=on_submit novalidate>
                <label for="new-profile-name">{tr("profiles.name")}</label>
                <input
                    id="new-profile-name"
                    type="text"
                    maxlength="40"
                    autocomplete="off"
                    prop:value=move || name.get()
                    on:input=move |ev| name.set(event_target_value(&ev))
                    aria-invalid=move || error.get().is_some().then_some("true")
                    aria-describedby="new-profile-hint new-profile-error"
                />
                <p id="new-profile-hint" class="meta">{tr("profiles.name_hint")}</p>
                <p id="new-profile-error" class="field-error" role="alert">
                    {move || error.get().map(|k| i18n.t(k))}
                </p>
                <ColorPicker name="new-profile-color" selected=color/>
                <button type="submit" class="button button-primary">{tr("profiles.create")}</button>
            </form>
            <p role="status" class="meta">
                {move || created.get().map(|n| i18n.format("profiles.created", &[("name", &n)]))}
            </p>
        </section>
    }
}

#[component]
fn ProfileRow(profile: Profile) -> impl IntoView {
    let app = use_app();
    let i18n = app.i18n;
    let id = profile.id.clone();
    let is_active = {
        let id = id.clone();
        move || app.profile.get() == id
    };
    let editing = RwSignal::new(false);
    let confirming = RwSignal::new(false);
    let name = RwSignal::new(profile.name.clone());
    let color = RwSignal::new(profile.color().to_owned());
    let error = RwSignal::new(None::<&'static str>);
    let display = profile.display_name(&i18n.t("profiles.unnamed")).to_owned();
    let created = profile.created_at;
    let switch = {
        let id = id.clone();
        move |_| {
            let id = id.clone();
            leptos::task::spawn_local(async move { app.switch_profile(&id).await });
        }
    };
    let save = {
        let id = id.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let id = id.clone();
            leptos::task::spawn_local(async move {
                match app
                    .edit_profile(&id, &name.get_untracked(), &color.get_untracked())
                    .await
                {
                    Ok(()) => {
                        error.set(None);
                        editing.set(false);
                    }
                    Err(e) => error.set(Some(e.message_key())),
                }
            });
        }
    };
    let erase = {
        let id = id.clone();
        let name = display.clone();
        move |_| {
            let (id, name) = (id.clone(), name.clone());
            leptos::task::spawn_local(async move {
                if app.erase_profile(&id).await {
                    app.tell(i18n.format("profiles.erased", &[("name", &name)]));
                }
            });
        }
    };
    let field_id = format!("edit-{id}");
    let error_id = format!("edit-error-{id}");
    let display_for_erase = display.clone();
    view! {
        <li class="profile-row card" data-testid="profile-row">
            <div class="profile-row-head">
                <Avatar profile=profile.clone() large=true/>
                <div>
                    <h2 class="profile-title">{display.clone()}</h2>
                    <p class="meta">{move || i18n.format("profiles.since", &[("date", &format_date(created, &i18n.lang.get()))])}</p>
                </div>
                {
                    let is_active = is_active.clone();
                    move || is_active().then(|| view! { <span class="badge badge-done">{tr("profiles.active")}</span> })
                }
            </div>
            <div class="profile-actions">
                <Show when={let a = is_active.clone(); move || !a()}>
                    <button class="button button-primary" on:click=switch.clone()>{tr("profiles.switch")}</button>
                </Show>
                <button class="button" aria-expanded=move || editing.get().to_string() on:click=move |_| editing.update(|e| *e = !*e)>
                    {tr("profiles.edit")}
                </button>
                <button class="button button-danger" on:click=move |_| confirming.set(true)>{tr("profiles.erase")}</button>
            </div>
            <Show when=move || editing.get()>
                <form class="profile-form" on:submit=save.clone() novalidate>
                    <label for=field_id.clone()>{tr("profiles.name")}</label>
                    <input
                        id=field_id.clone()
                        type="text"
                        maxlength="40"
                        prop:value=move || name.get()
                        on:input=move |ev| name.set(event_target_value(&ev))
                        aria-invalid=move || error.get().is_some().then_some("true")
                        aria-describedby=error_id.clone()
                    />
                    <p id=error_id.clone() class="field-error" role="alert">{move || error.get().map(|k| i18n.t(k))}</p>
                    <ColorPicker name="edit-profile-color" selected=color/>
                    <button type="submit" class="button button-primary">{tr("profiles.save")}</button>
                </form>
            </Show>
            <Show when=move || confirming.get()>
                <div class="confirm" role="alertdialog" aria-labelledby=format!("erase-q-{}", id.clone())>
                    <p id=format!("erase-q-{}", id.clone())>
                        <strong>{
                            let n = display_for_erase.clone();
                            move || i18n.format("profiles.erase.question", &[("name", &n)])
                        }</strong>
                        " "
                        {tr("profiles.erase.body")}
                    </p>
                    <button class="button button-danger" on:click=erase.clone() data-testid="confirm-erase-profile">{tr("profiles.erase.confirm")}</button>
                    <button class="button" on:click=move |_| confirming.set(false)>{tr("action.cancel")}</button>
                </div>
            </Show>
        </li>
    }
}
