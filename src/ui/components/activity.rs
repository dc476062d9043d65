//! Measures time spent in each module: only while the tab is visible and the learner has given
//! input in the last two minutes ([`ActivityClock`]). Time is saved every 30 seconds, when the
//! learner leaves the module or switches profile, and when the page is hidden.

use erasmi_core::activity::ActivityClock;
use leptos::ev;
use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::state::{now, use_app, AppState};

fn visible() -> bool {
    document().visibility_state() == web_sys::VisibilityState::Visible
}

/// The module a path belongs to (`/module/<id>` and everything under it).
fn module_of(path: &str) -> Option<String> {
    let rest = path.strip_prefix("/module/")?;
    let id = rest.split('/').next().filter(|s| !s.is_empty())?;
    Some(id.to_owned())
}

/// Renders nothing; runs for the app's lifetime.
#[component]
pub fn ActivityTracker() -> impl IntoView {
    let app = use_app();
    let location = use_location();
    let clock = StoredValue::new_local(ActivityClock::new(now(), visible()));
    // Where the time now being measured belongs: (profile, module).
    let segment = StoredValue::new_local(None::<(String, String)>);
    let flush = move || {
        let mut ms = 0.0;
        clock.update_value(|c| ms = c.take(now()));
        if let Some((profile, module)) = segment.get_value() {
            record(app, profile, module, ms);
        }
    };
    Effect::new(move |_| {
        let path = location.pathname.get();
        let profile = app.profile.get();
        let known = |id: &String| {
            app.catalog.with_untracked(|c| {
                c.as_ref()
                    .is_ok_and(|c| c.modules.iter().any(|m| &m.id == id))
            })
        };
        let next = module_of(&path).filter(known).map(|m| (profile, m));
        if next != segment.get_value() {
            flush();
            segment.set_value(next);
        }
    });
    let input = move || clock.update_value(|c| c.input(now()));
    let _ = window_event_listener(ev::keydown, move |_| input());
    let _ = window_event_listener(ev::pointerdown, move |_| input());
    let _ = window_event_listener(ev::wheel, move |_| input());
    let _ = window_event_listener(ev::touchstart, move |_| input());
    let _ = window_event_listener(ev::scroll, move |_| input());
    let _ = window_event_listener(ev::pagehide, move |_| flush());
    let doc: web_sys::EventTarget = document().into();
    crate::pwa::on(&doc, "visibilitychange", move |_: web_sys::Event| {
        let v = visible();
        clock.update_value(|c| c.visibility(v, now()));
        if !v {
            flush();
        }
    });
    let _ = set_interval_with_handle(flush, std::time::Duration::from_secs(30));
}

/// Adds `ms` of active time to the module's record. Only a module's pages record time, so the
/// code that writes it is in their part (`learn`), not in the main wasm.
fn record(app: AppState, profile: String, module: String, ms: f64) {
    if ms.is_nan() || ms <= 0.0 {
        return;
    }
    leptos::task::spawn_local(async move {
        #[cfg(feature = "split")]
        let writer = writer::activity_writer().await;
        #[cfg(not(feature = "split"))]
        let writer = writer::activity_writer();
        if let Ok(write) = writer {
            write(app, &profile, &module, ms);
        }
    });
}

mod writer {
    use crate::state::AppState;
    #[cfg(feature = "split")]
    use leptos::wasm_split::wasm_split;
    use leptos::wasm_split::SplitLoaderError;

    /// Adds active time to a profile's record of a module.
    pub type Write = fn(AppState, &str, &str, f64);

    /// The function that writes active time (see `record`).
    #[cfg_attr(feature = "split", wasm_split(
        learn, wasm_split_path = ::leptos::wasm_split, fallible
    ))]
    pub fn activity_writer() -> Result<Write, SplitLoaderError> {
        Ok(|app, profile, module, ms| app.add_activity(profile, module, ms))
    }
}

#[cfg(test)]
mod tests {
    use super::module_of;
    use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

    // The crate's own tests run in the browser, like `tests/browser.rs`.
    wasm_bindgen_test_configure!(run_in_browser);

    #[wasm_bindgen_test]
    fn paths_map_to_their_module() {
        assert_eq!(module_of("/module/a/lesson/b").as_deref(), Some("a"));
        assert_eq!(module_of("/module/a").as_deref(), Some("a"));
        assert_eq!(module_of("/module/"), None);
        assert_eq!(module_of("/cases"), None);
    }
}
