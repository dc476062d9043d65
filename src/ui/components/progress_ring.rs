//! A small SVG ring showing a share done, with the number beside it for screen readers.

use leptos::prelude::*;

/// A progress ring for `percent` (0–100). `label` is the accessible text.
#[component]
pub fn ProgressRing(
    #[prop(into)] percent: Signal<u32>,
    #[prop(into)] label: Signal<String>,
    #[prop(optional)] large: bool,
) -> impl IntoView {
    const R: f64 = 16.0;
    let circumference = 2.0 * std::f64::consts::PI * R;
    let dash = move || {
        let done = circumference * f64::from(percent.get().min(100)) / 100.0;
        format!("{done:.2} {circumference:.2}")
    };
    view! {
        <span class="progress-ring" class:progress-ring-large=large role="img" aria-label=move || label.get()>
            <svg viewBox="0 0 40 40" width="40" height="40" aria-hidden="true">
                <circle class="ring-track" cx="20" cy="20" r="16"/>
                <circle class="ring-value" cx="20" cy="20" r="16" stroke-dasharray=dash transform="rotate(-90 20 20)"/>
            </svg>
            <span class="ring-text" aria-hidden="true">{move || format!("{}%", percent.get())}</span>
        </span>
    }
}
