//! Waiting for an element the page has not drawn yet.

use leptos::prelude::*;

/// Runs `act` on the first element matching `selector` once it is in the page, looking on the
/// next frame and then every 50 ms for about two seconds. Content may still be loading, or the
/// page may still be waiting for its part of the app.
pub fn when_in_page(selector: String, act: impl FnOnce(web_sys::Element) + 'static) {
    look(selector, Box::new(act), 40);
}

fn look(selector: String, act: Box<dyn FnOnce(web_sys::Element)>, tries: u32) {
    request_animation_frame(
        move || match document().query_selector(&selector).ok().flatten() {
            Some(el) => act(el),
            None if tries > 0 => {
                gloo_timers::callback::Timeout::new(50, move || look(selector, act, tries - 1))
                    .forget();
            }
            None => {}
        },
    );
}
