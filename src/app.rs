//! Start-up and the router.

use erasmi_core::content::Language;
use erasmi_core::i18n::Strings;
use erasmi_core::routes::{self, Page, Part};
use leptos::prelude::*;
#[cfg(feature = "split")]
use leptos::wasm_split::wasm_split;
use leptos::wasm_split::SplitLoaderError;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{path, Lazy, LazyRoute, PartialPathMatch, PathSegment, PossibleRouteMatch};
use std::borrow::Cow;

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
    settings::SettingsPage, unavailable::UnavailablePage,
};

/// Loads what the first screen needs (store, language, strings, catalog), then mounts the app.
/// Until then index.html shows its static loading screen.
pub fn boot() {
    // Runs before `mount_to_body` sets up Leptos' executor, so it uses wasm-bindgen's directly.
    let path = window().location().pathname().unwrap_or_default();
    // A module's pages need its file: it arrives while the app starts.
    let module = match path.trim_start_matches('/').split('/').collect::<Vec<_>>()[..] {
        ["module", id, ..] => Some(id.to_owned()),
        _ => None,
    };
    if let Some(id) = &module {
        source::prefetch_module(id);
    }
    // A page other than the catalog written at build time (a lesson) is on screen: the app
    // mounts once it can draw the same page at once, with its part and its module here, so the
    // text never gives way to a loading state.
    let drawn_ahead = pre_rendered_path().is_some_and(|p| p != "/");
    // Any page from a part of the app is drawn whole when the app mounts: its part and all the
    // strings are here first. The router drops a first page that is still loading when the
    // learner follows a link to another page of the same part, and draws neither.
    let whole_page = drawn_ahead || routes::part_of(&path).is_some_and(|p| p != Part::Main);
    let page_ready = async move {
        #[cfg(feature = "split")]
        if whole_page {
            preload_part(&path).await;
        }
        if drawn_ahead {
            if let Some(id) = module {
                #[cfg(feature = "split")]
                let load = module_loader::module_loader(id).await;
                #[cfg(not(feature = "split"))]
                let load = module_loader::module_loader(id);
                if let Ok(load) = load {
                    load.await;
                }
            }
        }
    };
    // Start-up proper runs in a task of its own, after the one that compiled and started the
    // wasm (see `Drawn`).
    let start = async move {
        // The store opens while the first files arrive; English strings are the fallback of
        // every language, so they are fetched in any case. The strings of the language the
        // learner most likely reads come with them. Only the strings of the main module's
        // views are loaded (`crate::i18n::all_strings` brings the rest with the first page that
        // needs them), except behind a page from a part of the app, which is drawn whole.
        let load = move |lang: String| async move {
            if whole_page {
                source::load_strings(&lang).await
            } else {
                source::load_shell_strings(&lang).await
            }
        };
        let likely = likely_language().filter(|l| l != "en");
        let likely_strings = async {
            match &likely {
                Some(l) => Some(load(l.clone()).await),
                None => None,
            }
        };
        let (store, languages, english, catalog, likely_strings, ()) = futures::join!(
            Store::open(),
            source::load_languages(),
            load("en".to_owned()),
            source::load_catalog(),
            likely_strings,
            page_ready
        );
        let languages: Vec<Language> = match languages {
            Ok(l) => l.languages,
            Err(e) => return boot_failed(&format!("{}: {:?}", e.file, e.problem)),
        };
        let english = match english {
            Ok(s) => s,
            Err(e) => return boot_failed(&format!("{}: {:?}", e.file, e.problem)),
        };
        let language_and_strings = async {
            let lang = match stored_language(&store).await {
                Some(l) if languages.iter().any(|x| x.code == l) => l,
                _ => preferred_language(&languages),
            };
            let own = match likely_strings {
                _ if lang == "en" => english.clone(),
                Some(Ok(strings)) if likely.as_deref() == Some(lang.as_str()) => strings,
                _ => load(lang.clone()).await.unwrap_or_default(),
            };
            (lang, own)
        };
        let ((lang, own), learner) = futures::join!(language_and_strings, load_learner(&store));
        apply_document_language(&lang, &languages);

        let i18n = I18n {
            lang: RwSignal::new(lang.clone()),
            strings: RwSignal::new(Strings::new(&lang, own, english)),
            languages: StoredValue::new(languages),
        };
        crate::i18n::register(i18n, whole_page);
        let state = AppState::new(i18n, catalog, store, learner);
        let pwa = crate::pwa::Pwa::start();
        // The app is drawn outside the document, in steps of one browser task each (see
        // `Drawn`), while the page index.html brought stays on screen; then it takes that page's
        // place at once.
        let Some(root) = app_root() else {
            return boot_failed("the app's element could not be made");
        };
        let drawn = Drawn(RwSignal::new(Drawn::SHELL));
        leptos::mount::mount_to(root.clone(), move || {
            provide_context(i18n);
            provide_context(state);
            provide_context(pwa);
            provide_context(drawn);
            view! { <App/> }
        })
        .forget();
        for step in [Drawn::PAGE, Drawn::PREPARE, Drawn::BODY, Drawn::REST] {
            // A new task: the browser may paint and answer input in between.
            gloo_timers::future::TimeoutFuture::new(0).await;
            drawn.0.set(step);
        }
        match (document().get_element_by_id("boot"), document().body()) {
            (Some(boot), _) => drop(boot.replace_with_with_node_1(&root)),
            (None, Some(body)) => drop(body.append_child(&root)),
            (None, None) => {}
        }
        crate::ui::title::follow_main_heading(i18n);
    };
    gloo_timers::callback::Timeout::new(0, move || wasm_bindgen_futures::spawn_local(start))
        .forget();
}

/// How much of the app start-up has drawn. Each step runs in a task of its own, so that no
/// single task holds the main thread for the whole first draw: most of that time is the browser
/// compiling each wasm function the first time it runs, in proportion to the code a step runs
/// (BENCHMARKS.md, "What would move the numbers"). The app is outside the document until the
/// last step, so what a step leaves for a later one never shows missing. Without this context
/// (the browser tests) everything is drawn at once.
#[derive(Clone, Copy)]
pub struct Drawn(RwSignal<u8>);

impl Drawn {
    /// The router, the header and the banners.
    pub const SHELL: u8 = 0;
    /// The page at the address, with its heading.
    pub const PAGE: u8 = 1;
    /// What the page's main content needs before it draws (a lesson's reading time).
    pub const PREPARE: u8 = 2;
    /// The page's main content (a lesson's text, the catalog's cards).
    pub const BODY: u8 = 3;
    /// The footer, and what a page draws below its main content.
    pub const REST: u8 = 4;
}

/// Whether start-up has drawn `step` yet (always, without a `Drawn` context, and after start-up).
pub fn drawn(step: u8) -> Memo<bool> {
    let drawn = use_context::<Drawn>();
    Memo::new(move |_| drawn.is_none_or(|d| d.0.get() >= step))
}

/// The element the app is drawn into, outside the document until start-up has drawn it all, so
/// the page never holds both the first screen and the app. With `display: contents` it adds no
/// box of its own.
fn app_root() -> Option<web_sys::HtmlElement> {
    use wasm_bindgen::JsCast;
    let root = document().create_element("div").ok()?;
    root.set_class_name("app-root");
    root.dyn_into().ok()
}

/// The address of the page `tools/first-paint.js` shows while the app starts, if it shows one.
fn pre_rendered_path() -> Option<String> {
    document()
        .query_selector("#boot .prerender:not([hidden])")
        .ok()
        .flatten()?
        .get_attribute("data-path")
}

/// The language whose strings start-up fetches before it knows the learner's choice: the one
/// the first screen shows (`tools/first-paint.js` kept its block, so this build ships it), else
/// the last visit's. A wrong guess costs one fetch; the learner's stored choice decides.
fn likely_language() -> Option<String> {
    let lang = match document().query_selector("#boot .prerender[data-lang]") {
        Ok(Some(block)) => block.get_attribute("data-lang"),
        _ => crate::device::remembered_language(),
    }?;
    erasmi_core::markdown::is_id(&lang).then_some(lang)
}

/// The app could not start at all (the string files did not arrive): say so in both languages
/// on the static loading screen, with what to do.
fn boot_failed(detail: &str) {
    leptos::logging::error!("start-up failed: {detail}");
    // The pre-rendered catalog gives way to the plain start screen, which carries the message.
    use wasm_bindgen::JsCast;
    let doc = document();
    if let Ok(pre) = doc.query_selector_all("#boot .prerender") {
        for i in 0..pre.length() {
            if let Some(node) = pre.item(i) {
                if let Some(el) = node.dyn_ref::<web_sys::Element>() {
                    el.remove();
                }
            }
        }
    }
    if let Some(boot) = doc.get_element_by_id("boot") {
        boot.set_class_name("boot");
    }
    if let Some(plain) = doc.get_element_by_id("boot-plain") {
        let _ = plain.remove_attribute("hidden");
    }
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
    // True from a click on a link until the new page is ready to show.
    let (routing, set_routing) = signal(false);
    let page_drawn = drawn(Drawn::PAGE);
    let footer_drawn = drawn(Drawn::REST);
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
    // The page index.html shows before the app starts looks like the app as last seen.
    Effect::new(move |_| {
        let profile = app.active_profile();
        let named = profile.as_ref().filter(|p| !p.name.trim().is_empty());
        crate::device::remember_first_paint(&crate::device::FirstPaint {
            v: 1,
            lang: i18n.lang(),
            theme: app.theme.get().as_str(),
            size: app.text_size.get().percent(),
            name: named.map(|p| p.name.trim().to_owned()).unwrap_or_default(),
            initials: named.map(|p| p.initials("")).unwrap_or_default(),
            color: profile
                .as_ref()
                .map(|p| p.color())
                .unwrap_or(erasmi_core::progress::PROFILE_COLORS[0]),
            resume: crate::ui::pages::catalog::resume_point(&app),
        });
    });
    view! {
        // While a page's part is still being fetched, the previous page stays, marked busy, under a
        // thin progress bar.
        <Router set_is_routing=set_routing>
            <crate::ui::components::skip_link::SkipLink/>
            <RouteFocus routing/>
            <div class="route-progress" data-testid="route-progress" hidden=move || !routing.get()></div>
            <Header/>
            <Banners/>
            <crate::ui::components::activity::ActivityTracker/>
            <main id="main" tabindex="-1" aria-busy=move || routing.get().then_some("true")>
                // A profile switch renders the page again, so every view reads the new profile.
                // The main router knows one route per part of the app (`core::routes`); the part
                // draws the page for the address.
                {move || { profile.track(); page_drawn.get().then(|| view! { <Routes fallback=|| view! { <NotFoundPage/> }.into_any()>
                    <Route path=path!("/") view=|| view! { <CatalogPage/> }.into_any()/>
                    <Route path=PartAddresses(Part::Learn) view={Lazy::<LearnPart>::new()}/>
                    <Route path=PartAddresses(Part::Library) view={Lazy::<LibraryPart>::new()}/>
                    <Route path=PartAddresses(Part::Records) view={Lazy::<RecordsPart>::new()}/>
                    <Route path=PartAddresses(Part::Work) view={Lazy::<WorkPart>::new()}/>
                </Routes> }) }}
            </main>
            {move || footer_drawn.get().then(|| view! { <Footer/> })}
        </Router>
    }
}

/// One part of the app (`learn`, `library`, `records`, `work`): its pages' code, which the
/// release build moves out of the main wasm into the part's file, fetched the first time one of
/// its pages opens (see ARCHITECTURE.md, "Code splitting"). `$load` is the split point; it draws
/// the page `core::routes` names for the address, by `$pages`. When the part's file cannot be
/// fetched (offline before the app is stored), the page says so instead of the app stopping.
/// Without the `split` feature (the browser tests) `$load` is an ordinary function.
macro_rules! lazy_part {
    ($part:ident: $route:ident, $load:ident, $pages:expr) => {
        struct $route;
        impl LazyRoute for $route {
            fn data() -> Self {
                $route
            }
            async fn view(_: Self) -> AnyView {
                // The page is built once its part and all its strings are here (fetched
                // side by side).
                #[cfg(feature = "split")]
                let page = {
                    crate::i18n::start_loading_all_strings();
                    match $load::preload().await {
                        Ok(()) => {
                            crate::i18n::all_strings().await;
                            $load::$load().await
                        }
                        Err(e) => Err(e),
                    }
                };
                #[cfg(not(feature = "split"))]
                let page = {
                    crate::i18n::all_strings().await;
                    $load::$load()
                };
                page.unwrap_or_else(|_| view! { <UnavailablePage/> }.into_any())
            }
        }
        mod $load {
            use super::*;
            /// `preload()` fetches the part without building a page.
            #[cfg_attr(feature = "split", wasm_split(
                $part, wasm_split_path = ::leptos::wasm_split, fallible, preload(#[allow(dead_code)] preload)
            ))]
            pub fn $load() -> Result<AnyView, SplitLoaderError> {
                Ok(part_pages($pages))
            }
        }
    };
}

/// The name of the route parameter that carries the matched page's address pattern
/// (`core::routes::ROUTES`). No pattern names a segment so.
const PAGE_PARAM: &str = "+page";

/// Matches every address of one part of the app, binding the values of its page's `:name`
/// segments and, under `PAGE_PARAM`, the page's pattern.
#[derive(Clone, Copy, Debug, PartialEq)]
struct PartAddresses(Part);

impl PossibleRouteMatch for PartAddresses {
    fn optional(&self) -> bool {
        false
    }

    fn test<'a>(&self, path: &'a str) -> Option<PartialPathMatch<'a>> {
        let found = routes::match_path(path).filter(|m| m.page.part() == self.0)?;
        let pattern = found.pattern;
        let params = found
            .params
            .into_iter()
            .map(|(name, value)| (Cow::Borrowed(name), value))
            .chain([(Cow::Borrowed(PAGE_PARAM), pattern.to_owned())])
            .collect();
        Some(PartialPathMatch::new("", params, path))
    }

    fn generate_path(&self, path: &mut Vec<PathSegment>) {
        path.push(PathSegment::Splat(PAGE_PARAM.into()));
    }
}

/// The page of a part for the current address. The part's route stays matched while the learner
/// moves between its pages; the page changes with the pattern the route bound, in the same
/// update as the page's own parameters, so a new page never reads the previous one's.
fn part_pages(page_view: fn(Page) -> AnyView) -> AnyView {
    let params = leptos_router::hooks::use_params_map();
    let page = Memo::new(move |_| params.with(|p| routes::page_of(p.get_str(PAGE_PARAM)?)));
    (move || page.get().map(page_view)).into_any()
}

/// Starts fetching the part that holds the page at `path`. `boot` calls it for the address being
/// opened, so the part's file arrives while the store and the catalog load rather than after
/// them.
#[cfg(feature = "split")]
async fn preload_part(path: &str) {
    let _ = match routes::part_of(path) {
        Some(Part::Learn) => learn_pages::preload().await,
        Some(Part::Library) => library_pages::preload().await,
        Some(Part::Records) => records_pages::preload().await,
        Some(Part::Work) => work_pages::preload().await,
        Some(Part::Main) | None => Ok(()),
    };
}

mod module_loader {
    use super::*;
    /// Parses and keeps the module file start-up fetched, so that a module's page drawn when
    /// the app mounts has it. Module parsing and checks live in the `learn` part, with the
    /// pages that show modules, not in the main wasm.
    #[cfg_attr(feature = "split", wasm_split(
        learn, wasm_split_path = ::leptos::wasm_split, fallible
    ))]
    pub fn module_loader(
        id: String,
    ) -> Result<futures::future::LocalBoxFuture<'static, ()>, SplitLoaderError> {
        Ok(Box::pin(async move {
            let _ = source::load_module(&id).await;
        }))
    }
}

lazy_part!(learn: LearnPart, learn_pages, |page| match page {
    Page::Module => view! { <ModulePage/> }.into_any(),
    Page::Lesson => view! { <LessonPage/> }.into_any(),
    Page::Quiz => view! { <QuizPage/> }.into_any(),
    Page::Certificate => view! { <crate::ui::pages::certificate::CertificatePage/> }.into_any(),
    Page::SelfAssessment => view! { <SelfAssessmentPage/> }.into_any(),
    _ => view! { <NotFoundPage/> }.into_any(),
});
lazy_part!(library: LibraryPart, library_pages, |page| match page {
    Page::Cases => view! { <CasesPage/> }.into_any(),
    Page::Case => view! { <CasePage/> }.into_any(),
    Page::Blueprints => view! { <BlueprintsPage/> }.into_any(),
    Page::Blueprint => view! { <BlueprintPage/> }.into_any(),
    Page::Glossary => view! { <GlossaryPage/> }.into_any(),
    Page::Search => view! { <SearchPage/> }.into_any(),
    Page::Saved => view! { <SavedPage/> }.into_any(),
    Page::About => view! { <AboutPage/> }.into_any(),
    _ => view! { <NotFoundPage/> }.into_any(),
});
lazy_part!(records: RecordsPart, records_pages, |page| match page {
    Page::Progress => view! { <ProgressPage/> }.into_any(),
    Page::Profiles => view! { <ProfilesPage/> }.into_any(),
    Page::Settings => view! { <SettingsPage/> }.into_any(),
    _ => view! { <NotFoundPage/> }.into_any(),
});
lazy_part!(work: WorkPart, work_pages, |page| {
    use crate::ui::pages::{assignment, tools, trainer};
    match page {
        Page::Receive => view! { <assignment::ReceivePage/> }.into_any(),
        Page::LearnerAssignment => view! { <assignment::LearnerAssignmentPage/> }.into_any(),
        Page::Trainer => view! { <trainer::TrainerPage/> }.into_any(),
        Page::TrainerAssignment => view! { <trainer::TrainerAssignmentPage/> }.into_any(),
        Page::Report => view! { <trainer::ReportLinkPage/> }.into_any(),
        Page::Tools => view! { <tools::ToolsPage/> }.into_any(),
        Page::Tool => view! { <tools::ToolPage/> }.into_any(),
        Page::WorksheetEdit => view! { <WorksheetPage view=WorksheetView::Edit/> }.into_any(),
        Page::WorksheetPrint => view! { <WorksheetPage view=WorksheetView::Print/> }.into_any(),
        Page::WorksheetRun => view! { <WorksheetPage view=WorksheetView::Run/> }.into_any(),
        _ => view! { <NotFoundPage/> }.into_any(),
    }
});

/// Moves the focus to the new page's main heading after every navigation within the app (not on
/// the first load, where the skip link comes first), so screen readers announce the new page and
/// keyboard users continue from its top.
#[component]
fn RouteFocus(routing: ReadSignal<bool>) -> impl IntoView {
    let location = leptos_router::hooks::use_location();
    let pending = StoredValue::new(false);
    // The heading of the page being left: the focus must not land on it.
    let left: StoredValue<Option<web_sys::Element>, LocalStorage> = StoredValue::new_local(None);
    // Only a new path moves the focus: not the first load, not a query or profile change. The
    // focus moves once the new page is shown, after its part of the app has arrived.
    Effect::new(move |previous: Option<String>| {
        let path = location.pathname.get();
        if previous.is_some_and(|p| p != path) {
            pending.set_value(true);
            left.set_value(document().query_selector("main h1").ok().flatten());
        }
        if pending.get_value() && !routing.get() {
            // The router may say that it is waiting for the new page's part only after the
            // address has changed, so this looks again once the browser is about to paint.
            request_animation_frame(move || {
                if !pending.get_value() || routing.get_untracked() {
                    return;
                }
                pending.set_value(false);
                // An address with `#entry` leaves the focus to the page, which brings that entry
                // into view (the glossary).
                if location.hash.get_untracked().len() <= 1 {
                    focus_heading(left.get_value());
                }
            });
        }
        path
    });
}

/// Focuses `main h1` once it is on the page (content may still be loading), not the heading of
/// the page that was left.
fn focus_heading(left: Option<web_sys::Element>) {
    crate::ui::dom::when_new_in_page("main h1".into(), left, |h| {
        use wasm_bindgen::JsCast;
        if let Ok(h) = h.dyn_into::<web_sys::HtmlElement>() {
            let _ = h.focus();
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn a_part_route_takes_only_its_own_addresses_and_names_the_page() {
        let learn = PartAddresses(Part::Learn);
        let found = learn
            .test("/module/m1/lesson/l2")
            .expect("a lesson is in the learn part");
        assert!(found.is_complete());
        let params = found.params();
        for (name, value) in [
            ("id", "m1"),
            ("lesson", "l2"),
            (PAGE_PARAM, "/module/:id/lesson/:lesson"),
        ] {
            assert!(
                params.contains(&(Cow::Borrowed(name), value.to_owned())),
                "{name}"
            );
        }
        // Another part's address, an unknown page and the catalog fall through to the other
        // routes and to the 404 page.
        assert!(learn.test("/cases").is_none());
        assert!(learn.test("/module/m1/unknown").is_none());
        assert!(learn.test("/").is_none());
        assert!(PartAddresses(Part::Library).test("/cases/c1").is_some());
        assert!(PartAddresses(Part::Work)
            .test("/tools/action-plan/w1/run")
            .is_some());
    }
}
