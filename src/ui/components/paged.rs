//! Long lists of module cards, a page at a time.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::i18n::{format_number, use_i18n};

/// Items rendered at first, and added by each "show more": a list of a thousand modules paints
/// as fast as one of two dozen.
pub const PAGE: usize = 24;

/// A `<ul>` that renders [`PAGE`] items and the next [`PAGE`] on each "show more", with a line
/// saying how many of how many are shown. Each page is rendered once; after "show more" the focus
/// moves to the first link of the first new item.
#[component]
pub fn PagedList<T, F, V>(
    items: Vec<T>,
    /// The list's class; its first name also finds the new item to focus.
    class: &'static str,
    /// The list's accessible name.
    #[prop(optional, into)]
    label: Option<Signal<String>>,
    #[prop(optional)] testid: Option<&'static str>,
    render: F,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    F: Fn(T) -> V + Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let i18n = use_i18n();
    let total = items.len();
    let items = StoredValue::new(items);
    let pages = RwSignal::new(1usize);
    let shown = move || (pages.get() * PAGE).min(total);
    let first_class = class.split_whitespace().next().unwrap_or(class);
    let more = move |_| {
        let first_new = shown();
        pages.update(|p| *p += 1);
        request_animation_frame(move || {
            let selector = format!(".{first_class} > li:nth-child({}) a", first_new + 1);
            if let Some(link) = document()
                .query_selector(&selector)
                .ok()
                .flatten()
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
            {
                let _ = link.focus();
            }
        });
    };
    view! {
        <ul class=class aria-label=move || label.map(|l| l.get()) data-testid=testid>
            <For each=move || 0..pages.get() key=|p| *p let(page)>
                {
                    let render = render.clone();
                    items.with_value(|all| {
                        all.iter()
                            .skip(page * PAGE)
                            .take(PAGE)
                            .cloned()
                            .map(&render)
                            .collect_view()
                    })
                }
            </For>
        </ul>
        {move || (shown() < total).then(|| {
            let next = PAGE.min(total - shown());
            let lang = i18n.lang.get();
            let n = |v: usize| format_number(v as f64, &lang, 0);
            view! {
                <div class="list-more">
                    <p class="meta" data-testid="list-shown">
                        {i18n.format("catalog.shown", &[("shown", &n(shown())), ("total", &n(total))])}
                    </p>
                    <button type="button" class="button" on:click=more data-testid="list-more">
                        {i18n.format("catalog.more", &[("count", &n(next))])}
                    </button>
                </div>
            }
        })}
    }
}
