//! `/module/:id/lesson/:lesson`: the lesson reader.

use std::sync::Arc;

use erasmi_core::content::Module;
use erasmi_core::markdown;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use crate::i18n::tr;
use crate::state::use_app;
use crate::ui::components::markdown::Markdown;
use crate::ui::pages::module::WithModule;
use crate::ui::pages::not_found::NotFoundPage;

/// The lesson page.
#[component]
pub fn LessonPage() -> impl IntoView {
    let params = use_params_map();
    let render = move |m: Arc<Module>| {
        let id = params.with(|p| p.get("lesson").unwrap_or_default());
        if m.lesson(&id).is_some() {
            view! { <LessonView module=m lesson=id/> }.into_any()
        } else {
            view! { <NotFoundPage/> }.into_any()
        }
    };
    view! { <WithModule class="page lesson-page" render/> }
}

#[component]
fn LessonView(module: Arc<Module>, lesson: String) -> impl IntoView {
    let app = use_app();
    let i18n = app.i18n;
    let lang = move || i18n.lang.get();
    app.open_lesson(&module.id, &lesson);

    let l = module
        .lesson(&lesson)
        .cloned()
        .expect("checked by the caller");
    let (prev, next) = module.neighbours(&lesson);
    let (prev, next) = (prev.cloned(), next.cloned());
    let module_id = module.id.clone();
    let module_title = module.title.clone();
    let module_href = format!("/module/{}", module.id);
    let body = l.body.clone();
    let written_in = l.body.languages();
    let activity = l.activity.clone();
    let title = l.title.clone();
    // Start-up prepares the text in a step of its own (see `Drawn`), and counts the words of
    // the English text for the reading time then.
    let prepare = crate::app::drawn(crate::app::Drawn::PREPARE);
    let words = {
        let english = l.body.get("en").clone();
        Memo::new(move |_| prepare.get().then(|| markdown::words(&english.nodes())))
    };
    let is_done = {
        let (m, id) = (module_id.clone(), lesson.clone());
        Memo::new(move |_| {
            app.progress.with(|p| {
                p.iter()
                    .any(|r| r.module == m && r.lesson == id && r.is_done())
            })
        })
    };
    let toggle = {
        let (m, id) = (module_id.clone(), lesson.clone());
        move |_| app.set_lesson_done(&m, &id, !is_done.get_untracked())
    };
    let extras_module = module_id.clone();
    // Start-up counts the words, draws the text, and then what follows it, in tasks of their own.
    let body_drawn = crate::app::drawn(crate::app::Drawn::BODY);
    let rest = crate::app::drawn(crate::app::Drawn::REST);
    let nav_link = move |target: Option<erasmi_core::content::Lesson>,
                         key: &'static str,
                         class: &'static str| {
        let module_id = module_id.clone();
        target.map(|t| {
            let href = format!("/module/{}/lesson/{}", module_id, t.id);
            view! {
                <A href=href attr:class=class>
                    <span class="pager-label">{tr(key)}</span>
                    <span class="pager-title">{move || t.title.get(&lang()).to_owned()}</span>
                </A>
            }
        })
    };
    view! {
        <nav class="breadcrumb" aria-label=tr("nav.breadcrumb")>
            <A href="/">{tr("nav.catalog")}</A>
            " › "
            <A href=module_href>{move || module_title.get(&lang()).to_owned()}</A>
        </nav>
        <article class="lesson" data-testid="lesson">
            <h1 tabindex="-1">{move || title.get(&lang()).to_owned()}</h1>
            <div class="lesson-tools">
                <extras::BookmarkToggle module=extras_module.clone() lesson=lesson.clone()/>
            </div>
            <p class="meta">
                {move || words.get().map(|w| i18n.format("lesson.reading_time", &[("minutes", &markdown::reading_minutes(w).to_string())]))}
            </p>
            <crate::ui::components::fallback_note::FallbackNote written_in=written_in.clone()/>
            {move || body_drawn.get().then(|| {
                let text = body.localized(&lang());
                // English shown in place of a missing translation keeps its own language and
                // direction, so screen readers pronounce it right and a right-to-left page does
                // not reorder its punctuation.
                let (content_lang, dir) = if text.is_fallback {
                    (Some(erasmi_core::content::FALLBACK_LANGUAGE), Some("ltr"))
                } else {
                    (None, None)
                };
                view! { <div lang=content_lang dir=dir><Markdown nodes=text.markdown.nodes().into_owned()/></div> }
            })}
            {move || rest.get().then(|| {
                let activity = activity.clone();
                view! {
                    <aside class="activity" aria-labelledby="activity-title">
                        <h2 id="activity-title">{move || activity.title.get(&lang()).to_owned()}</h2>
                        {move || {
                            let nodes = activity.body.get(&lang()).nodes().into_owned();
                            view! { <Markdown nodes/> }
                        }}
                    </aside>
                }
            })}
            {
                let (module, lesson) = (extras_module.clone(), lesson.clone());
                move || rest.get().then(|| view! {
                    <extras::EndOfLesson module=module.clone() lesson=lesson.clone() is_done/>
                })
            }
            <div class="lesson-actions">
                <button
                    class="button"
                    class:button-primary=move || !is_done.get()
                    aria-pressed=move || is_done.get().to_string()
                    on:click=toggle
                    data-testid="mark-done"
                >
                    {move || if is_done.get() { i18n.t("lesson.done_undo") } else { i18n.t("lesson.mark_done") }}
                </button>
                <Show when=move || is_done.get()>
                    <span class="badge badge-done" role="status">{tr("lesson.done")}</span>
                </Show>
            </div>
        </article>
        {move || rest.get().then(|| view! {
            <extras::LessonNoteField module=extras_module.clone() lesson=lesson.clone()/>
            <nav class="pager" aria-label=tr("lesson.pager")>
                {nav_link.clone()(prev.clone(), "lesson.previous", "pager-prev")}
                {nav_link.clone()(next.clone(), "lesson.next", "pager-next")}
            </nav>
        })}
    }
}

/// Bookmark toggle, note and "reached the end" detection for one lesson.
mod extras {
    use erasmi_core::progress::{Bookmark, LessonNote};
    use gloo_timers::callback::Timeout;
    use leptos::html::Div;
    use leptos::prelude::*;
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;

    use crate::i18n::tr;
    use crate::state::{now, use_app};

    /// How long typing must pause before a note is saved.
    const NOTE_DEBOUNCE_MS: u32 = 600;

    /// A button that bookmarks the lesson (saved per profile).
    #[component]
    pub fn BookmarkToggle(module: String, lesson: String) -> impl IntoView {
        let app = use_app();
        let on = RwSignal::new(false);
        {
            let (m, l) = (module.clone(), lesson.clone());
            leptos::task::spawn_local(async move {
                on.set(app.bookmark(&m, &l).await.is_some());
            });
        }
        let toggle = move |_| {
            let next = !on.get_untracked();
            on.set(next);
            let profile = app.profile.get_untracked();
            app.set_bookmark(Bookmark::new(&profile, &module, &lesson, now()), next);
        };
        view! {
            <button
                class="button button-small bookmark"
                aria-pressed=move || on.get().to_string()
                on:click=toggle
                data-testid="bookmark"
            >
                <span aria-hidden="true">{move || if on.get() { "★" } else { "☆" }}</span>
                {move || if on.get() { tr("lesson.bookmarked")() } else { tr("lesson.bookmark")() }}
            </button>
        }
    }

    /// A personal note, saved as it is typed (after a short pause) and when the field is left.
    #[component]
    pub fn LessonNoteField(module: String, lesson: String) -> impl IntoView {
        let app = use_app();
        let text = RwSignal::new(String::new());
        let status: RwSignal<Option<&'static str>> = RwSignal::new(None);
        let pending: StoredValue<Option<Timeout>, LocalStorage> = StoredValue::new_local(None);
        {
            let (m, l) = (module.clone(), lesson.clone());
            leptos::task::spawn_local(async move {
                if let Some(n) = app.note(&m, &l).await {
                    text.set(n.text);
                }
            });
        }
        let save = {
            let (m, l) = (module.clone(), lesson.clone());
            move || {
                pending.update_value(|p| {
                    if let Some(t) = p.take() {
                        t.cancel();
                    }
                });
                let profile = app.profile.get_untracked();
                let note = LessonNote::new(&profile, &m, &l, &text.get_untracked(), now());
                app.save_note(note);
                status.set(Some("lesson.note.saved"));
            }
        };
        let on_input = {
            let save = save.clone();
            move |ev: leptos::ev::Event| {
                text.set(event_target_value(&ev));
                status.set(Some("lesson.note.saving"));
                let save = save.clone();
                let timeout = Timeout::new(NOTE_DEBOUNCE_MS, save);
                pending.update_value(|p| {
                    if let Some(old) = p.replace(timeout) {
                        old.cancel();
                    }
                });
            }
        };
        let flush = save.clone();
        on_cleanup(move || {
            if pending.with_value(|p| p.is_some()) {
                flush();
            }
        });
        // A hidden page (the learner switched apps) may be frozen or discarded, and a closed one
        // never runs the timer: what was typed is saved at once.
        let flush_now = {
            let save = save.clone();
            move || {
                if pending.with_value(|p| p.is_some()) {
                    save();
                }
            }
        };
        let hidden = window_event_listener_untyped("visibilitychange", {
            let flush_now = flush_now.clone();
            move |_| {
                if document().visibility_state() == web_sys::VisibilityState::Hidden {
                    flush_now();
                }
            }
        });
        let closing = window_event_listener(leptos::ev::pagehide, move |_| flush_now());
        on_cleanup(move || {
            hidden.remove();
            closing.remove();
        });
        let on_blur = move |_| {
            if pending.with_value(|p| p.is_some()) {
                save();
            }
        };
        let id = format!("note-{module}-{lesson}");
        view! {
            <section class="note card">
                <label for=id.clone()><h2>{tr("lesson.note")}</h2></label>
                <p class="meta">{tr("lesson.note.hint")}</p>
                <textarea id=id rows="4" prop:value=move || text.get() on:input=on_input on:blur=on_blur data-testid="note"></textarea>
                <p class="meta" role="status" aria-live="polite">{move || status.get().map(|k| tr(k)())}</p>
            </section>
        }
    }

    /// How long the end of the lesson must stay in view before the lesson counts as read: long
    /// enough that scrolling past it to press a button does not count.
    const DWELL_MS: u32 = 1500;

    /// An invisible marker at the end of the lesson: when the reader has scrolled to it and stays
    /// there, the lesson is marked done (once per visit, so "Mark as not done" is respected).
    #[component]
    pub fn EndOfLesson(module: String, lesson: String, is_done: Memo<bool>) -> impl IntoView {
        let app = use_app();
        let node: NodeRef<Div> = NodeRef::new();
        let fired = StoredValue::new(false);
        let seen_hidden = StoredValue::new(false);
        let dwell: StoredValue<Option<Timeout>, LocalStorage> = StoredValue::new_local(None);
        Effect::new(move |_| {
            let Some(el) = node.get() else { return };
            let (m, l) = (module.clone(), lesson.clone());
            let callback =
                Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
                    for entry in entries.iter() {
                        let entry: web_sys::IntersectionObserverEntry = entry.unchecked_into();
                        if !entry.is_intersecting() {
                            seen_hidden.set_value(true);
                            dwell.update_value(|d| {
                                if let Some(t) = d.take() {
                                    t.cancel();
                                }
                            });
                            continue;
                        }
                        // Only a reader who scrolled to the end counts, not a lesson short enough
                        // to fit on the screen when it opens.
                        if seen_hidden.get_value() && !fired.get_value() && !is_done.get_untracked()
                        {
                            let (m, l) = (m.clone(), l.clone());
                            let timeout = Timeout::new(DWELL_MS, move || {
                                if !fired.get_value() && !is_done.get_untracked() {
                                    fired.set_value(true);
                                    app.set_lesson_done(&m, &l, true);
                                }
                            });
                            dwell.update_value(|d| {
                                if let Some(old) = d.replace(timeout) {
                                    old.cancel();
                                }
                            });
                        }
                    }
                });
            let Ok(observer) =
                web_sys::IntersectionObserver::new(callback.as_ref().unchecked_ref())
            else {
                return;
            };
            observer.observe(&el);
            callback.forget();
            let observer = send_wrapper::SendWrapper::new(observer);
            on_cleanup(move || observer.disconnect());
        });
        on_cleanup(move || {
            dwell.update_value(|d| {
                if let Some(t) = d.take() {
                    t.cancel();
                }
            })
        });
        view! { <div class="end-of-lesson" node_ref=node aria-hidden="true"></div> }
    }
}
