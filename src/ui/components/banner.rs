//! Banners that must not be missed: data is not being saved, or a write failed.

use leptos::prelude::*;

use crate::i18n::tr;
use crate::state::{use_app, WriteFailure};

/// Shown under the header on every page.
#[component]
pub fn Banners() -> impl IntoView {
    let app = use_app();
    let persistent = app.is_persistent();
    let pwa = crate::pwa::use_pwa();
    let storage_warning = RwSignal::new(false);
    check_storage_at_start(storage_warning);
    view! {
        <Show when=move || pwa.update_ready.get()>
            <div class="banner banner-update" role="status" data-testid="update-banner">
                <span>{tr("pwa.update")}</span>
                <button class="button button-small button-primary" on:click=move |_| pwa.apply_update() data-testid="update-reload">
                    {tr("pwa.reload")}
                </button>
            </div>
        </Show>
        <Show when=move || !persistent>
            <div class="banner banner-warning" role="alert" data-testid="memory-banner">
                <strong>{tr("banner.memory.title")}</strong>
                " "
                {tr("banner.memory.body")}
            </div>
        </Show>
        <Show when=move || storage_warning.get()>
            <div class="banner banner-warning" role="alert" data-testid="storage-banner">
                <span>{tr("storage.nearly_full")}</span>
                " "
                <a href="/settings">{tr("nav.settings")}</a>
            </div>
        </Show>
        <Show when=move || app.notice.get().is_some()>
            <div class="banner banner-notice" role="status" data-testid="notice">
                <span>{move || app.notice.get()}</span>
                <button class="button button-small" on:click=move |_| app.notice.set(None)>
                    {tr("action.dismiss")}
                </button>
            </div>
        </Show>
        <Show when=move || app.write_error.get().is_some()>
            <div class="banner banner-error" role="alert" data-testid="write-error">
                <span>{move || match app.write_error.get() {
                    Some(WriteFailure::Quota) => tr("banner.quota")(),
                    _ => tr("banner.write_failed")(),
                }}</span>
                <button class="button button-small" on:click=move |_| app.write_error.set(None)>
                    {tr("action.dismiss")}
                </button>
            </div>
        </Show>
    }
}

/// Checks storage at start: asks for persistence once the learner has something to lose, and
/// warns when the device is nearly full.
fn check_storage_at_start(warning: RwSignal<bool>) {
    leptos::task::spawn_local(async move {
        let Some(h) = crate::device::storage_health().await else {
            return;
        };
        warning.set(h.nearly_full());
        let installed = leptos::prelude::window()
            .match_media("(display-mode: standalone)")
            .ok()
            .flatten()
            .is_some_and(|m| m.matches());
        // Chromium decides silently (installed apps get it); other browsers may ask, so only ask
        // unprompted where no question is shown to the learner.
        if !h.persisted && installed {
            crate::device::request_persistence().await;
        }
    });
}
