//! The note shown where content is not written in the learner's language and English is shown
//! instead.

use erasmi_core::content::Text;
use leptos::prelude::*;

use crate::i18n::use_i18n;

/// Says so when `text` has no version in the UI language (content falls back to English).
#[component]
pub fn FallbackNote(text: Text) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let lang = i18n.lang.get();
        text.localized(&lang).is_fallback.then(|| {
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
