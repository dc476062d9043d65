//! The note shown where content is not written in the learner's language and English is shown
//! instead.

use leptos::prelude::*;

use crate::i18n::use_i18n;

/// Says so when a text is not written in the UI language (content falls back to English):
/// `written_in` names the languages it is written in.
#[component]
pub fn FallbackNote(written_in: Vec<String>) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let lang = i18n.lang.get();
        (!written_in.contains(&lang)).then(|| {
            let name = i18n
                .languages
                .with_value(|l| l.iter().find(|x| x.code == lang).map(|x| x.name.clone()))
                .unwrap_or(lang.clone());
            view! {
                <p class="notice notice-info fallback-note" data-testid="fallback-note">
                    {i18n.format("content.fallback", &[("language", &name)])}
                </p>
            }
        })
    }
}
