//! Waiting for an element the page has not drawn yet.

use leptos::prelude::*;

/// Runs `act` on the first element matching `selector` once it is in the page, looking on the
/// next frame and then every 50 ms for about two seconds. Content may still be loading, or the
/// page may still be waiting for its part of the app.
pub fn when_in_page(selector: String, act: impl FnOnce(web_sys::Element) + 'static) {
    look(selector, None, Box::new(act), 40);
}

/// As `when_in_page`, but an element that is `gone` (one the page is about to replace) counts only
/// if it is still the one in the page at the last look.
pub fn when_new_in_page(
    selector: String,
    gone: Option<web_sys::Element>,
    act: impl FnOnce(web_sys::Element) + 'static,
) {
    look(selector, gone, Box::new(act), 40);
}

fn look(
    selector: String,
    gone: Option<web_sys::Element>,
    act: Box<dyn FnOnce(web_sys::Element)>,
    tries: u32,
) {
    request_animation_frame(move || {
        let found = document()
            .query_selector(&selector)
            .ok()
            .flatten()
            .filter(|el| tries == 0 || gone.as_ref() != Some(el));
        match found {
            Some(el) => act(el),
            None if tries > 0 => {
                gloo_timers::callback::Timeout::new(50, move || {
                    look(selector, gone, act, tries - 1)
                })
                .forget();
            }
            None => {}
        }
    });
}
