//! Start-up and the router.

use erasmi_core::content::Language;
use erasmi_core::i18n::Strings;
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use crate::i18n::{apply_document_language, preferred_language, I18n};
use crate::source;
use crate::state::{load_learner, stored_language, AppState};
use crate::store::Store;
use crate::ui::components::banner::Banners;
use crate::ui::components::footer::Footer;
use crate::ui::components::header::Header;
use crate::ui::pages::tools::{WorksheetPage, WorksheetView};
use crate::ui::pages::{
    about::AboutPage, blueprints::BlueprintPage, blueprints::BlueprintsPage, cases::CasePage,
    cases::CasesPage, catalog::CatalogPage, glossary::GlossaryPage, lesson::LessonPage,
    module::ModulePage, not_found::NotFoundPage, profiles::ProfilesPage, progress::ProgressPage,
    quiz::QuizPage, saved::SavedPage, search::SearchPage, self_assessment::SelfAssessmentPage,
    settings::SettingsPage,
};

/// Loads what the first screen needs (store, language, strings, catalog), then mounts the app.
/// Until then index.html shows its static loading screen.
pub fn boot() {
    // Runs before `mount_to_body` sets up Leptos' executor, so it uses wasm-bindgen's directly.
    wasm_bindgen_futures::spawn_local(async {
        let store = Store::open().await;
        let languages: Vec<Language> = match source::load_languages().await {
            Ok(l) => l.languages,
            Err(e) => return boot_failed(&format!("{}: {:?}", e.file, e.problem)),
        };
        let lang = match stored_language(&store).await {
            Some(l) if languages.iter().any(|x| x.code == l) => l,
            _ => preferred_language(&languages),
        };
        let english = match source::load_strings("en").await {
            Ok(s) => s,
            Err(e) => return boot_failed(&format!("{}: {:?}", e.file, e.problem)),
        };
        let own = if lang == "en" {
            english.clone()
        } else {
            source::load_strings(&lang).await.unwrap_or_default()
        };
        apply_document_language(&lang, &languages);
        let catalog = source::load_catalog().await;
        let learner = load_learner(&store).await;

        let i18n = I18n {
            lang: RwSignal::new(lang.clone()),
            strings: RwSignal::new(Strings::new(&lang, own, english)),
            languages: StoredValue::new(languages),
        };
        let state = AppState::new(i18n, catalog, store, learner);
        let pwa = crate::pwa::Pwa::start();
        mount_to_body(move || {
            provide_context(i18n);
            provide_context(state);
            provide_context(pwa);
            view! { <App/> }
        });
        if let Some(boot) = document().get_element_by_id("boot") {
            boot.remove();
        }
    });
}

/// The app could not start at all (the string files did not arrive): say so in both languages
/// on the static loading screen, with what to do.
fn boot_failed(detail: &str) {
    leptos::logging::error!("start-up failed: {detail}");
    if let Some(el) = document().get_element_by_id("boot-status") {
        el.set_text_content(Some(
            "ERASMI Toolkit could not start: its files did not load. Check your connection and reload the page. \
             / ERASMI Toolkit konnte nicht starten: Die Dateien wurden nicht geladen. Prüfen Sie die Verbindung und laden Sie die Seite neu.",
        ));
    }
}

/// The app shell: header, banners, and the routed page.
#[component]
pub fn App() -> impl IntoView {
    let app = crate::state::use_app();
    // Only an actual change of profile renders the page again (setting the same id does not).
    let profile = Memo::new(move |_| app.profile.get());
    // The error screen speaks the language the app shows.
    let i18n = app.i18n;
    Effect::new(move |_| {
        crate::panic::set_texts(crate::panic::Texts {
            lang: i18n.lang(),
            title: i18n.t("panic.title"),
            body: i18n.t("panic.body"),
            reload: i18n.t("panic.reload"),
            copy: i18n.t("panic.copy"),
            copied: i18n.t("panic.copied"),
            details: i18n.t("panic.details"),
        })
    });
    view! {
        <Router>
            <crate::ui::components::skip_link::SkipLink/>
            <RouteFocus/>
            <Header/>
            <Banners/>
            <crate::ui::components::activity::ActivityTracker/>
            <main id="main" tabindex="-1">
                // A profile switch renders the page again, so every view reads the new profile.
                {move || { profile.track(); view! { <Routes fallback=|| view! { <NotFoundPage/> }.into_any()>
                    <Route path=path!("/") view=|| view! { <CatalogPage/> }.into_any()/>
                    <Route path=path!("/module/:id") view=|| view! { <ModulePage/> }.into_any()/>
                    <Route path=path!("/module/:id/lesson/:lesson") view=|| view! { <LessonPage/> }.into_any()/>
                    <Route path=path!("/module/:id/quiz") view=|| view! { <QuizPage/> }.into_any()/>
                    <Route path=path!("/module/:id/certificate") view=|| view! { <crate::ui::pages::certificate::CertificatePage/> }.into_any()/>
                    <Route path=path!("/module/:id/self-assessment") view=|| view! { <SelfAssessmentPage/> }.into_any()/>
                    <Route path=path!("/cases") view=|| view! { <CasesPage/> }.into_any()/>
                    <Route path=path!("/cases/:id") view=|| view! { <CasePage/> }.into_any()/>
                    <Route path=path!("/blueprints") view=|| view! { <BlueprintsPage/> }.into_any()/>
                    <Route path=path!("/blueprints/:id") view=|| view! { <BlueprintPage/> }.into_any()/>
                    <Route path=path!("/glossary") view=|| view! { <GlossaryPage/> }.into_any()/>
                    <Route path=path!("/search") view=|| view! { <SearchPage/> }.into_any()/>
                    <Route path=path!("/saved") view=|| view! { <SavedPage/> }.into_any()/>
                    <Route path=path!("/progress") view=|| view! { <ProgressPage/> }.into_any()/>
                    <Route path=path!("/assign") view=|| view! { <crate::ui::pages::assignment::ReceivePage/> }.into_any()/>
                    <Route path=path!("/assignment/:id") view=|| view! { <crate::ui::pages::assignment::LearnerAssignmentPage/> }.into_any()/>
                    <Route path=path!("/trainer") view=|| view! { <crate::ui::pages::trainer::TrainerPage/> }.into_any()/>
                    <Route path=path!("/trainer/:id") view=|| view! { <crate::ui::pages::trainer::TrainerAssignmentPage/> }.into_any()/>
                    <Route path=path!("/report") view=|| view! { <crate::ui::pages::trainer::ReportLinkPage/> }.into_any()/>
                    <Route path=path!("/tools") view=|| view! { <crate::ui::pages::tools::ToolsPage/> }.into_any()/>
                    <Route path=path!("/tools/:tool") view=|| view! { <crate::ui::pages::tools::ToolPage/> }.into_any()/>
                    <Route path=path!("/tools/:tool/:id") view=|| view! { <WorksheetPage view=WorksheetView::Edit/> }.into_any()/>
                    <Route path=path!("/tools/:tool/:id/print") view=|| view! { <WorksheetPage view=WorksheetView::Print/> }.into_any()/>
                    <Route path=path!("/tools/:tool/:id/run") view=|| view! { <WorksheetPage view=WorksheetView::Run/> }.into_any()/>
                    <Route path=path!("/profiles") view=|| view! { <ProfilesPage/> }.into_any()/>
                    <Route path=path!("/settings") view=|| view! { <SettingsPage/> }.into_any()/>
                    <Route path=path!("/about") view=|| view! { <AboutPage/> }.into_any()/>
                </Routes> } }}
            </main>
            <Footer/>
        </Router>
    }
}

/// Moves the focus to the new page's main heading after every navigation within the app (not on
/// the first load, where the skip link comes first), so screen readers announce the new page and
/// keyboard users continue from its top.
#[component]
fn RouteFocus() -> impl IntoView {
    let location = leptos_router::hooks::use_location();
    // Only a new path moves the focus: not the first load, not a query or profile change.
    Effect::new(move |previous: Option<String>| {
        let path = location.pathname.get();
        if previous.is_some_and(|p| p != path) {
            focus_heading(40);
        }
        path
    });
}

/// Focuses `main h1` once it is on the page (content may still be loading), trying for about two
/// seconds.
fn focus_heading(tries: u32) {
    request_animation_frame(move || {
        use wasm_bindgen::JsCast;
        match document().query_selector("main h1").ok().flatten() {
            Some(h) => {
                if let Ok(h) = h.dyn_into::<web_sys::HtmlElement>() {
                    let _ = h.focus();
                }
            }
            None if tries > 0 => {
                gloo_timers::callback::Timeout::new(50, move || focus_heading(tries - 1)).forget();
            }
            None => {}
        }
    });
}
