//! The header's profile switch: who is learning on this device right now.

use leptos::prelude::*;

use crate::i18n::tr;
use crate::state::use_app;
use crate::ui::components::avatar::Avatar;

/// A disclosure menu listing the device's profiles; choosing one switches to it.
#[component]
pub fn ProfileMenu() -> impl IntoView {
    let app = use_app();
    let i18n = app.i18n;
    let details: NodeRef<leptos::html::Details> = NodeRef::new();
    let close = move || {
        if let Some(d) = details.get() {
            d.set_open(false);
        }
    };
    let name = move || {
        app.active_profile()
            .map(|p| p.display_name(&i18n.t("profiles.unnamed")).to_owned())
            .unwrap_or_default()
    };
    view! {
        <details class="profile-menu" node_ref=details data-testid="profile-menu">
            <summary>
                {move || app.active_profile().map(|p| view! { <Avatar profile=p/> })}
                <span class="profile-name">{name}</span>
                <span class="visually-hidden">{tr("profiles.menu_hint")}</span>
            </summary>
            <div class="profile-menu-panel">
                <p class="meta">{tr("profiles.switch_to")}</p>
                <ul>
                    {move || {
                        let active = app.profile.get();
                        app.profiles
                            .get()
                            .into_iter()
                            .map(|p| {
                                let id = p.id.clone();
                                let current = p.id == active;
                                let label = p.display_name(&i18n.t("profiles.unnamed")).to_owned();
                                view! {
                                    <li>
                                        <button
                                            class="profile-choice"
                                            aria-current=current.then_some("true")
                                            on:click=move |_| {
                                                close();
                                                let id = id.clone();
                                                leptos::task::spawn_local(async move {
                                                    app.switch_profile(&id).await;
                                                });
                                            }
                                        >
                                            <Avatar profile=p/>
                                            <span>{label}</span>
                                        </button>
                                    </li>
                                }
                            })
                            .collect_view()
                    }}
                </ul>
                <a href="/profiles" class="button button-small" on:click=move |_| close()>{tr("profiles.manage")}</a>
            </div>
        </details>
    }
}
