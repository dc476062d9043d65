//! The installable, offline app: service worker registration, the "new version" prompt, the
//! online indicator and the offline storage status. The service worker itself (`sw.js`) is
//! generated at build time by `tools/post-build.mjs`.

use leptos::prelude::*;
use send_wrapper::SendWrapper;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

/// How much of this build is stored for offline use, as the service worker reports it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct OfflineStatus {
    pub files: u32,
    pub stored: u32,
    pub bytes: f64,
    pub stored_bytes: f64,
}

impl OfflineStatus {
    /// True when every file is stored.
    pub fn complete(&self) -> bool {
        self.files > 0 && self.stored >= self.files
    }
}

/// PWA state, provided as context.
#[derive(Clone, Copy)]
pub struct Pwa {
    /// The browser believes it is online.
    pub online: RwSignal<bool>,
    /// A new build is installed and waiting.
    pub update_ready: RwSignal<bool>,
    /// Offline storage status, once the service worker answered.
    pub offline: RwSignal<Option<OfflineStatus>>,
    /// Service workers are not available here (no https, or an old browser).
    pub unsupported: RwSignal<bool>,
    /// The learner agreed to store all content for offline use. True from the start unless the
    /// browser asks to save data (metered connection), where it waits for the learner's choice.
    pub download_approved: RwSignal<bool>,
    /// The browser offered to install the app (`beforeinstallprompt`).
    pub can_install: RwSignal<bool>,
    /// The app runs installed (standalone) or was just installed.
    pub installed: RwSignal<bool>,
    install_prompt: StoredValue<Option<SendWrapper<JsValue>>>,
    registration: StoredValue<Option<SendWrapper<web_sys::ServiceWorkerRegistration>>>,
}

/// The PWA context.
pub fn use_pwa() -> Pwa {
    expect_context::<Pwa>()
}

pub(crate) fn on<E: wasm_bindgen::convert::FromWasmAbi + 'static>(
    target: &web_sys::EventTarget,
    name: &str,
    f: impl FnMut(E) + 'static,
) {
    let closure = Closure::<dyn FnMut(E)>::new(f);
    let _ = target.add_event_listener_with_callback(name, closure.as_ref().unchecked_ref());
    closure.forget();
}

/// The browser asks sites to save data (a metered or slow connection, or the learner's choice).
fn save_data() -> bool {
    let nav = window().navigator();
    js_sys::Reflect::get(&nav, &"connection".into())
        .ok()
        .filter(|c| c.is_object())
        .and_then(|c| js_sys::Reflect::get(&c, &"saveData".into()).ok())
        .and_then(|v| v.as_bool())
        .unwrap_or(false)
}

/// The app runs as an installed app rather than in a browser tab.
fn runs_installed() -> bool {
    window()
        .match_media("(display-mode: standalone)")
        .ok()
        .flatten()
        .is_some_and(|m| m.matches())
}

impl Pwa {
    /// Creates the state and starts watching the network; registers the service worker once the
    /// page has loaded, so storing content never competes with the first paint.
    pub fn start() -> Pwa {
        let pwa = Pwa {
            online: RwSignal::new(window().navigator().on_line()),
            update_ready: RwSignal::new(false),
            offline: RwSignal::new(None),
            unsupported: RwSignal::new(false),
            download_approved: RwSignal::new(!save_data()),
            can_install: RwSignal::new(false),
            installed: RwSignal::new(runs_installed()),
            install_prompt: StoredValue::new(None),
            registration: StoredValue::new(None),
        };
        let w: web_sys::EventTarget = window().into();
        on(&w, "beforeinstallprompt", move |ev: web_sys::Event| {
            // Keep the browser's own mini-infobar away; the settings page offers the button.
            ev.prevent_default();
            pwa.install_prompt
                .set_value(Some(SendWrapper::new(ev.into())));
            pwa.can_install.set(true);
        });
        on(&w, "appinstalled", move |_: web_sys::Event| {
            pwa.can_install.set(false);
            pwa.installed.set(true);
        });
        on(&w, "online", move |_: web_sys::Event| pwa.online.set(true));
        on(&w, "offline", move |_: web_sys::Event| {
            pwa.online.set(false)
        });
        if document().ready_state() == "complete" {
            pwa.register();
        } else {
            on(&w, "load", move |_: web_sys::Event| pwa.register());
        }
        pwa
    }

    fn container() -> Option<web_sys::ServiceWorkerContainer> {
        let nav = window().navigator();
        let has = js_sys::Reflect::has(&nav, &JsValue::from_str("serviceWorker")).unwrap_or(false);
        has.then(|| nav.service_worker())
    }

    fn register(self) {
        let Some(container) = Self::container() else {
            self.unsupported.set(true);
            return;
        };
        // The new build took over after the learner chose "reload": load it.
        on(
            &container.clone().into(),
            "controllerchange",
            move |_: web_sys::Event| {
                if self.update_ready.get_untracked() {
                    let _ = window().location().reload();
                }
            },
        );
        let promise = container.register("/sw.js");
        wasm_bindgen_futures::spawn_local(async move {
            let Ok(reg) = wasm_bindgen_futures::JsFuture::from(promise).await else {
                self.unsupported.set(true);
                return;
            };
            // A browser that blocks service workers may resolve with nothing.
            let Ok(reg) = reg.dyn_into::<web_sys::ServiceWorkerRegistration>() else {
                self.unsupported.set(true);
                return;
            };
            let has_controller = Self::container().and_then(|c| c.controller()).is_some();
            if reg.waiting().is_some() && has_controller {
                self.update_ready.set(true);
            }
            let reg_for_update = reg.clone();
            on(
                &reg.clone().into(),
                "updatefound",
                move |_: web_sys::Event| {
                    let Some(installing) = reg_for_update.installing() else {
                        return;
                    };
                    let worker = installing.clone();
                    on(
                        &installing.into(),
                        "statechange",
                        move |_: web_sys::Event| {
                            let controlled =
                                Self::container().and_then(|c| c.controller()).is_some();
                            if worker.state() == web_sys::ServiceWorkerState::Installed
                                && controlled
                            {
                                self.update_ready.set(true);
                            }
                        },
                    );
                },
            );
            self.registration.set_value(Some(SendWrapper::new(reg)));
            self.refresh_status();
        });
    }

    /// Stores all content for offline use now (the learner chose to, on a metered connection).
    pub fn download_all(&self) {
        self.download_approved.set(true);
        self.refresh_status();
    }

    /// Shows the browser's install dialog, where it offered one.
    pub fn install(&self) {
        let Some(prompt) = self
            .install_prompt
            .with_value(|p| p.as_ref().map(|p| (**p).clone()))
        else {
            return;
        };
        let pwa = *self;
        let call = js_sys::Reflect::get(&prompt, &"prompt".into())
            .ok()
            .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
            .and_then(|f| f.call0(&prompt).ok());
        if let Some(promise) = call.and_then(|p| p.dyn_into::<js_sys::Promise>().ok()) {
            wasm_bindgen_futures::spawn_local(async move {
                let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
                // The event can be used once, whatever the learner chose.
                pwa.install_prompt.set_value(None);
                pwa.can_install.set(false);
            });
        }
    }

    /// Activates the waiting build; the page reloads when it has taken over.
    pub fn apply_update(&self) {
        let waiting = self
            .registration
            .with_value(|r| r.as_ref().and_then(|r| r.waiting()));
        if let Some(w) = waiting {
            let msg = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&msg, &"type".into(), &"SKIP_WAITING".into());
            let _ = w.post_message(&msg);
        } else {
            let _ = window().location().reload();
        }
    }

    /// Asks the active service worker how much is stored; retries storing what is missing.
    pub fn refresh_status(&self) {
        let Some(container) = Self::container() else {
            return;
        };
        let pwa = *self;
        wasm_bindgen_futures::spawn_local(async move {
            let Ok(ready) = container.ready() else { return };
            let Ok(reg) = wasm_bindgen_futures::JsFuture::from(ready).await else {
                return;
            };
            // A browser that blocks service workers may resolve with nothing.
            let Ok(reg) = reg.dyn_into::<web_sys::ServiceWorkerRegistration>() else {
                pwa.unsupported.set(true);
                return;
            };
            let Some(active) = reg.active() else { return };
            let Ok(channel) = web_sys::MessageChannel::new() else {
                return;
            };
            let answer = js_sys::Promise::new(&mut |resolve, _| {
                let cb = Closure::once_into_js(move |ev: web_sys::MessageEvent| {
                    let _ = resolve.call1(&JsValue::NULL, &ev.data());
                });
                channel.port1().set_onmessage(Some(cb.unchecked_ref()));
            });
            let msg = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&msg, &"type".into(), &"STATUS".into());
            let ports = js_sys::Array::of1(&channel.port2());
            if active.post_message_with_transferable(&msg, &ports).is_err() {
                return;
            }
            let Ok(data) = wasm_bindgen_futures::JsFuture::from(answer).await else {
                return;
            };
            let num = |k: &str| {
                js_sys::Reflect::get(&data, &k.into())
                    .ok()
                    .and_then(|v| v.as_f64())
                    .unwrap_or(0.0)
            };
            let status = OfflineStatus {
                files: num("files") as u32,
                stored: num("stored") as u32,
                bytes: num("bytes"),
                stored_bytes: num("storedBytes"),
            };
            pwa.offline.set(Some(status));
            if !status.complete() && pwa.download_approved.get_untracked() {
                let msg = js_sys::Object::new();
                let _ = js_sys::Reflect::set(&msg, &"type".into(), &"PRECACHE".into());
                let _ = active.post_message(&msg);
            }
        });
    }
}
