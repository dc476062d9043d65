//! `/saved`: everything the learner bookmarked or wrote notes on.

use std::collections::HashMap;

use erasmi_core::progress::{Bookmark, LessonNote};
use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::{tr, use_i18n};
use crate::source;
use crate::state::use_app;

/// A saved lesson, with the titles to show.
#[derive(Clone)]
struct Entry {
    href: String,
    lesson_title: String,
    module_title: String,
}

/// The bookmarks and notes page.
#[component]
pub fn SavedPage() -> impl IntoView {
    let app = use_app();
    let i18n = use_i18n();
    let data = LocalResource::new(move || {
        let lang = i18n.lang.get();
        async move {
            let (bookmarks, notes) = app.saved().await;
            // Titles come from the module files of the saved lessons only.
            let mut titles: HashMap<String, Entry> = HashMap::new();
            let ids: Vec<(String, String)> = bookmarks
                .iter()
                .map(|b| (b.module.clone(), b.lesson.clone()))
                .chain(notes.iter().map(|n| (n.module.clone(), n.lesson.clone())))
                .collect();
            for (m, l) in ids {
                let key = format!("{m}/{l}");
                if titles.contains_key(&key) {
                    continue;
                }
                let entry = match source::load_module(&m).await {
                    Ok(module) => Entry {
                        href: format!("/module/{m}/lesson/{l}"),
                        lesson_title: module
                            .lesson(&l)
                            .map(|x| x.title.get(&lang).to_owned())
                            .unwrap_or_else(|| l.clone()),
                        module_title: module.title.get(&lang).to_owned(),
                    },
                    Err(_) => Entry {
                        href: format!("/module/{m}/lesson/{l}"),
                        lesson_title: l.clone(),
                        module_title: m.clone(),
                    },
                };
                titles.insert(key, entry);
            }
            (bookmarks, notes, titles)
        }
    });
    view! {
        <div class="page saved-page">
            <h1 tabindex="-1">{tr("saved.title")}</h1>
            <Suspense fallback=|| view! { <div class="skeleton" aria-busy="true"></div> }>
                {move || data.get().map(|(bookmarks, notes, titles): (Vec<Bookmark>, Vec<LessonNote>, HashMap<String, Entry>)| {
                    let entry = |id: &str| titles.get(id).cloned();
                    view! {
                        <section aria-labelledby="bookmarks-title">
                            <h2 id="bookmarks-title">{tr("saved.bookmarks")}</h2>
                            {if bookmarks.is_empty() {
                                view! { <p class="empty" data-testid="no-bookmarks">{tr("saved.bookmarks.empty")}</p> }.into_any()
                            } else {
                                view! {
                                    <ul class="saved-list" data-testid="bookmarks">
                                        {bookmarks.iter().filter_map(|b| entry(&b.id)).map(|e| view! {
                                            <li><A href=e.href>{e.lesson_title}</A>" "<span class="meta">{e.module_title}</span></li>
                                        }).collect_view()}
                                    </ul>
                                }.into_any()
                            }}
                        </section>
                        <section aria-labelledby="notes-title">
                            <h2 id="notes-title">{tr("saved.notes")}</h2>
                            {if notes.is_empty() {
                                view! { <p class="empty" data-testid="no-notes">{tr("saved.notes.empty")}</p> }.into_any()
                            } else {
                                view! {
                                    <ul class="saved-list" data-testid="notes">
                                        {notes.iter().filter_map(|n| entry(&n.id).map(|e| (e, n.text.clone()))).map(|(e, text)| view! {
                                            <li class="card">
                                                <A href=e.href>{e.lesson_title}</A>" "<span class="meta">{e.module_title}</span>
                                                <p class="note-text">{text}</p>
                                            </li>
                                        }).collect_view()}
                                    </ul>
                                }.into_any()
                            }}
                        </section>
                    }
                })}
            </Suspense>
        </div>
    }
}
