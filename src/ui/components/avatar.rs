//! A profile's initials on its colour.

use erasmi_core::progress::Profile;
use leptos::prelude::*;

use crate::i18n::use_i18n;

/// The avatar of a profile (decorative: the name is always written beside it or in a label).
#[component]
pub fn Avatar(profile: Profile, #[prop(optional)] large: bool) -> impl IntoView {
    let i18n = use_i18n();
    let class = format!(
        "avatar avatar-{}{}",
        profile.color(),
        if large { " avatar-large" } else { "" }
    );
    let initials = move || profile.initials(&i18n.t("profiles.unnamed"));
    view! { <span class=class aria-hidden="true">{initials}</span> }
}
