//! App-wide state and the actions that change it. Components read signals from here and call
//! these actions; the actions write through the store and refresh the signals.

use std::future::Future;
use std::sync::Arc;

use erasmi_core::activity::ActivityRecord;
use erasmi_core::appearance::{TextSize, Theme};
use erasmi_core::backup::{self, Backup, Scope};
use erasmi_core::codes::{Assignment, Report};
use erasmi_core::content::Catalog;
use erasmi_core::group::{AssignmentRecord, ReportRecord, Role};
use erasmi_core::progress::QuizSummary;
use erasmi_core::progress::{
    check_profile_name, AssessmentPhase, Bookmark, ChecklistTick, LessonNote, LessonProgress,
    Profile, ProfileNameError, SelfAssessmentRecord, DEFAULT_PROFILE,
};
use erasmi_core::quiz::QuizAttempt;
use erasmi_core::worksheet::{Tool, WorksheetRecord};
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use crate::i18n::{apply_document_language, I18n};
use crate::source::{self, LoadError};
use crate::store::schema::{DEVICE_PROFILE, VERSION};
use crate::store::{Replace, Store, StoreError, StoreName};

pub use erasmi_core::progress::Setting;

/// Setting ids.
pub mod setting {
    /// The UI language (device-wide).
    pub const LANGUAGE: &str = "language";
    /// The active learner profile (device-wide).
    pub const ACTIVE_PROFILE: &str = "active_profile";
    /// "on" when the trainer area is switched on (per profile).
    pub const TRAINER_MODE: &str = "trainer_mode";
    /// The colour theme (device-wide): `system`, `light` or `dark`.
    pub const THEME: &str = "theme";
    /// The text size (device-wide): `normal`, `large` or `larger`.
    pub const TEXT_SIZE: &str = "text_size";
}

/// The name of the channel on which tabs of the app tell each other that data changed.
const CHANNEL: &str = "erasmi-data";

/// A write that could not be saved, even after retrying.
#[derive(Debug, Clone, PartialEq)]
pub enum WriteFailure {
    /// The device (or the browser's share of it) is full.
    Quota,
    /// Anything else, with the browser's words.
    Other(String),
}

/// Everything the pages share. `Copy`, so closures can capture it freely.
#[derive(Clone, Copy)]
pub struct AppState {
    pub i18n: I18n,
    /// The catalog, or why it could not be loaded. Shared, so reading it never copies a catalog
    /// of a thousand modules.
    pub catalog: RwSignal<Result<Arc<Catalog>, LoadError>>,
    /// The active profile id.
    pub profile: RwSignal<String>,
    /// Every profile on the device, oldest first.
    pub profiles: RwSignal<Vec<Profile>>,
    /// Lesson progress of the active profile.
    pub progress: RwSignal<Vec<LessonProgress>>,
    /// The last write that failed, shown in a banner until dismissed.
    pub write_error: RwSignal<Option<WriteFailure>>,
    /// Bumped whenever stored data changed from outside the page's own actions (another tab,
    /// an import, an erase): views that read the store track it to read again.
    pub revision: RwSignal<u64>,
    /// A confirmation shown in the status banner until dismissed (erase, restore).
    pub notice: RwSignal<Option<String>>,
    /// The trainer area is switched on for the active profile.
    pub trainer_mode: RwSignal<bool>,
    /// The colour theme and text size of this device.
    pub theme: RwSignal<Theme>,
    pub text_size: RwSignal<TextSize>,
    store: StoredValue<Store, LocalStorage>,
    channel: StoredValue<Option<SendWrapper<web_sys::BroadcastChannel>>, LocalStorage>,
}

/// A fresh random id with a prefix (`ws-3f9a0c1b2d`).
pub fn random_id(prefix: &str) -> String {
    let r = (js_sys::Math::random() * 2f64.powi(40)) as u64;
    format!("{prefix}-{r:x}")
}

/// The app state context.
pub fn use_app() -> AppState {
    expect_context::<AppState>()
}

/// Milliseconds since the Unix epoch.
pub fn now() -> f64 {
    js_sys::Date::now()
}

/// Today's local date as `YYYY-MM-DD`.
pub fn today() -> String {
    let d = js_sys::Date::new_0();
    erasmi_core::activity::day_key(d.get_full_year(), d.get_month() + 1, d.get_date())
}

/// What the app loaded about the learner at start.
pub struct Learner {
    pub profile: String,
    pub profiles: Vec<Profile>,
    pub progress: Vec<LessonProgress>,
    pub trainer_mode: bool,
    pub theme: Theme,
    pub text_size: TextSize,
}

impl AppState {
    /// Builds the state from what `boot` loaded, and starts listening to other tabs.
    pub fn new(
        i18n: I18n,
        catalog: Result<Catalog, LoadError>,
        store: Store,
        learner: Learner,
    ) -> Self {
        let state = AppState {
            i18n,
            catalog: RwSignal::new(catalog.map(Arc::new)),
            profile: RwSignal::new(learner.profile),
            profiles: RwSignal::new(learner.profiles),
            progress: RwSignal::new(learner.progress),
            write_error: RwSignal::new(None),
            revision: RwSignal::new(0),
            notice: RwSignal::new(None),
            trainer_mode: RwSignal::new(learner.trainer_mode),
            theme: RwSignal::new(learner.theme),
            text_size: RwSignal::new(learner.text_size),
            store: StoredValue::new_local(store),
            channel: StoredValue::new_local(None),
        };
        state.listen_to_other_tabs();
        state
    }

    /// The store handle.
    pub fn store(&self) -> Store {
        self.store.get_value()
    }

    /// True when progress survives a reload.
    pub fn is_persistent(&self) -> bool {
        self.store.with_value(|s| s.is_persistent())
    }

    /// The active profile record.
    pub fn active_profile(&self) -> Option<Profile> {
        let id = self.profile.get();
        self.profiles
            .with(|p| p.iter().find(|p| p.id == id).cloned())
    }

    fn listen_to_other_tabs(&self) {
        let Ok(channel) = web_sys::BroadcastChannel::new(CHANNEL) else {
            return;
        };
        let state = *self;
        let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |_| {
            wasm_bindgen_futures::spawn_local(async move { state.reload().await });
        });
        channel.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        on_message.forget();
        self.channel.set_value(Some(SendWrapper::new(channel)));
    }

    /// Tells the app's other tabs that stored data changed.
    fn notify_others(&self) {
        self.channel.with_value(|c| {
            if let Some(c) = c {
                let _ = c.post_message(&self.profile.get_untracked().into());
            }
        });
    }

    /// Reads profiles and progress again (after another tab, an import or an erase changed
    /// them) and lets every view read again.
    pub async fn reload(&self) {
        let store = self.store();
        let learner = load_learner(&store).await;
        let current = self.profile.get_untracked();
        // This tab keeps its own profile unless it no longer exists.
        let profile = if learner.profiles.iter().any(|p| p.id == current) {
            current
        } else {
            learner.profile
        };
        let progress = store
            .all(StoreName::LessonProgress, &profile)
            .await
            .unwrap_or_default();
        self.trainer_mode.set(trainer_mode(&store, &profile).await);
        self.theme.set(learner.theme);
        self.text_size.set(learner.text_size);
        self.profiles.set(learner.profiles);
        self.progress.set(progress);
        self.profile.set(profile);
        self.revision.update(|r| *r += 1);
    }

    /// Runs a write, retrying twice (after 0.2 s and 1 s) before it reports the failure in a
    /// banner; a full device is reported at once. Returns whether the write was saved.
    pub async fn write<F, Fut>(&self, op: F) -> bool
    where
        F: Fn(Store) -> Fut,
        Fut: Future<Output = Result<(), StoreError>>,
    {
        let store = self.store();
        let mut wait = 200;
        for attempt in 1..=3 {
            match op(store.clone()).await {
                Ok(()) => {
                    self.notify_others();
                    return true;
                }
                Err(e) => {
                    leptos::logging::warn!("write failed (attempt {attempt}): {e}");
                    if e.is_quota() {
                        self.write_error.set(Some(WriteFailure::Quota));
                        return false;
                    }
                    if attempt == 3 {
                        self.write_error
                            .set(Some(WriteFailure::Other(e.to_string())));
                        return false;
                    }
                    gloo_timers::future::TimeoutFuture::new(wait).await;
                    wait *= 5;
                }
            }
        }
        false
    }

    /// [`AppState::write`] in the background.
    fn save<F, Fut>(&self, op: F)
    where
        F: Fn(Store) -> Fut + 'static,
        Fut: Future<Output = Result<(), StoreError>> + 'static,
    {
        let state = *self;
        leptos::task::spawn_local(async move {
            state.write(op).await;
        });
    }

    /// Records that a lesson was opened now (it becomes "continue where you left off").
    pub fn open_lesson(&self, module: &str, lesson: &str) {
        self.change_lesson(module, lesson, None);
    }

    /// Marks a lesson done or not done.
    pub fn set_lesson_done(&self, module: &str, lesson: &str, done: bool) {
        self.change_lesson(module, lesson, Some(done));
    }

    /// Opens a lesson, or sets whether it is done, from the stored record (read and written in
    /// one transaction, so another tab's change to it is kept).
    fn change_lesson(&self, module: &str, lesson: &str, done: Option<bool>) {
        let profile = self.profile.get_untracked();
        let at = now();
        let apply = move |previous: Option<&LessonProgress>, module: &str, lesson: &str| {
            let mut record = LessonProgress::opened(&profile, module, lesson, at, previous);
            if let Some(done) = done {
                if let Some(prev) = previous {
                    record.opened_at = prev.opened_at;
                }
                record.completed_at = done.then_some(at);
            }
            record
        };
        let in_memory = self.progress.with_untracked(|p| {
            p.iter()
                .find(|r| r.module == module && r.lesson == lesson)
                .cloned()
        });
        let record = apply(in_memory.as_ref(), module, lesson);
        self.progress.update(|p| {
            p.retain(|r| r.id != record.id);
            p.push(record.clone());
        });
        let (module, lesson) = (module.to_owned(), lesson.to_owned());
        self.save(move |store| {
            let (module, lesson, apply) = (module.clone(), lesson.clone(), apply.clone());
            let profile = record.profile.clone();
            let id = record.id.clone();
            async move {
                store
                    .update(StoreName::LessonProgress, &profile, &id, |old| {
                        Some(apply(old.as_ref(), &module, &lesson))
                    })
                    .await
            }
        });
    }

    /// Adds active time to a module's record of today, for `profile`.
    pub fn add_activity(&self, profile: &str, module: &str, ms: f64) {
        if ms.is_nan() || ms <= 0.0 {
            return;
        }
        let profile = profile.to_owned();
        let module = module.to_owned();
        let day = today();
        self.save(move |store| {
            let (profile, module, day) = (profile.clone(), module.clone(), day.clone());
            async move {
                let id = ActivityRecord::key(&module, &day);
                store
                    .update(StoreName::Activity, &profile, &id, |old| {
                        Some(ActivityRecord::add(old, &profile, &module, &day, ms, now()))
                    })
                    .await
            }
        });
    }

    /// Puts one record in the background, with retries.
    fn put<T: serde::Serialize + Clone + 'static>(&self, store_name: StoreName, record: T) {
        self.save(move |store| {
            let record = record.clone();
            async move { store.put(store_name, &record).await }
        });
    }

    /// Writes `merge(stored)` in place of the stored record, read and written in one transaction,
    /// in the background with retries.
    fn save_merged<T, F>(&self, store_name: StoreName, profile: String, id: String, merge: F)
    where
        T: crate::store::Record + Clone + 'static,
        F: Fn(Option<T>) -> T + Clone + 'static,
    {
        self.save(move |store| {
            let (profile, id, merge) = (profile.clone(), id.clone(), merge.clone());
            async move {
                store
                    .update(store_name, &profile, &id, |old| Some(merge(old)))
                    .await
            }
        });
    }

    /// Deletes one record of the active profile in the background, with retries.
    fn remove(&self, store_name: StoreName, id: String) {
        let profile = self.profile.get_untracked();
        self.save(move |store| {
            let (profile, id) = (profile.clone(), id.clone());
            async move { store.delete(store_name, &profile, &id).await }
        });
    }

    fn read_failed(&self, e: StoreError) {
        leptos::logging::warn!("read failed: {e}");
        self.write_error
            .set(Some(WriteFailure::Other(e.to_string())));
    }

    /// The active profile's self-assessment runs of one module (before, after).
    pub async fn self_assessments(&self, module: &str) -> Vec<SelfAssessmentRecord> {
        let profile = self.profile.get_untracked();
        let mut out = Vec::new();
        for phase in [AssessmentPhase::Before, AssessmentPhase::After] {
            let key = SelfAssessmentRecord::key(module, phase);
            match self
                .store()
                .get(StoreName::SelfAssessments, &profile, &key)
                .await
            {
                Ok(Some(r)) => out.push(r),
                Ok(None) => {}
                Err(e) => self.read_failed(e),
            }
        }
        out
    }

    /// Saves a self-assessment run (every rating is saved as it is given), merged with what
    /// another tab may have stored meanwhile.
    pub fn save_self_assessment(&self, record: SelfAssessmentRecord) {
        let (profile, id) = (record.profile.clone(), record.id.clone());
        self.save_merged(StoreName::SelfAssessments, profile, id, move |old| {
            record.merged_into(old)
        });
    }

    /// The active profile's bookmark of a lesson, if any.
    pub async fn bookmark(&self, module: &str, lesson: &str) -> Option<Bookmark> {
        let profile = self.profile.get_untracked();
        let key = LessonProgress::key(module, lesson);
        self.store()
            .get(StoreName::Bookmarks, &profile, &key)
            .await
            .ok()
            .flatten()
    }

    /// Adds or removes a bookmark.
    pub fn set_bookmark(&self, bookmark: Bookmark, on: bool) {
        if on {
            self.put(StoreName::Bookmarks, bookmark);
        } else {
            self.remove(StoreName::Bookmarks, bookmark.id);
        }
    }

    /// The active profile's note on a lesson, if any.
    pub async fn note(&self, module: &str, lesson: &str) -> Option<LessonNote> {
        let profile = self.profile.get_untracked();
        let key = LessonProgress::key(module, lesson);
        self.store()
            .get(StoreName::Notes, &profile, &key)
            .await
            .ok()
            .flatten()
    }

    /// Saves a note; an empty note is deleted.
    pub fn save_note(&self, note: LessonNote) {
        if note.is_empty() {
            self.remove(StoreName::Notes, note.id);
        } else {
            self.put(StoreName::Notes, note);
        }
    }

    /// Every bookmark and note of the active profile.
    pub async fn saved(&self) -> (Vec<Bookmark>, Vec<LessonNote>) {
        let profile = self.profile.get_untracked();
        let store = self.store();
        let bookmarks = store
            .all(StoreName::Bookmarks, &profile)
            .await
            .unwrap_or_default();
        let notes = store
            .all(StoreName::Notes, &profile)
            .await
            .unwrap_or_default();
        (bookmarks, notes)
    }

    /// The active profile's attempts at one module's quiz, oldest first.
    pub async fn quiz_attempts(&self, module: &str) -> Vec<QuizAttempt> {
        let profile = self.profile.get_untracked();
        match self
            .store()
            .all::<QuizAttempt>(StoreName::QuizAttempts, &profile)
            .await
        {
            Ok(all) => {
                let mut list: Vec<QuizAttempt> =
                    all.into_iter().filter(|a| a.module == module).collect();
                list.sort_by(|a, b| a.started_at.total_cmp(&b.started_at));
                list
            }
            Err(e) => {
                self.read_failed(e);
                Vec::new()
            }
        }
    }

    /// Saves a quiz attempt (after every answer, so nothing is lost on reload), merged with
    /// what another tab may have stored meanwhile.
    pub fn save_quiz_attempt(&self, attempt: QuizAttempt) {
        let (profile, id) = (attempt.profile.clone(), attempt.id.clone());
        self.save_merged(StoreName::QuizAttempts, profile, id, move |old| {
            attempt.merged_into(old)
        });
    }

    /// Deletes an unfinished attempt the learner chose to restart.
    pub fn delete_quiz_attempt(&self, id: &str) {
        self.remove(StoreName::QuizAttempts, id.to_owned());
    }

    /// Every self-assessment run of the active profile, all modules.
    pub async fn all_self_assessments(&self) -> Vec<SelfAssessmentRecord> {
        let profile = self.profile.get_untracked();
        self.store()
            .all(StoreName::SelfAssessments, &profile)
            .await
            .unwrap_or_default()
    }

    /// Every self-assessment run and quiz attempt of the active profile (for reports and the
    /// certificate).
    pub async fn assessment_history(&self) -> (Vec<SelfAssessmentRecord>, Vec<QuizAttempt>) {
        let profile = self.profile.get_untracked();
        let runs = self.all_self_assessments().await;
        let attempts = self
            .store()
            .all(StoreName::QuizAttempts, &profile)
            .await
            .unwrap_or_default();
        (runs, attempts)
    }

    /// The active profile's quiz summary of each of `modules` (id and content version), in
    /// their order. A summary that is missing (never built, or dropped because an attempt of
    /// its module was written), of an earlier form, or scored against another version or
    /// language is built again and stored; the others are read as they are, so the dashboard
    /// reads one small record per module instead of every attempt, and no module file. A
    /// module without attempts needs no file for its summary either: only a module whose
    /// attempts have to be scored is loaded.
    pub async fn quiz_summaries(&self, modules: &[(&str, u32)], lang: &str) -> Vec<QuizSummary> {
        let profile = self.profile.get_untracked();
        let store = self.store();
        let version: std::collections::HashMap<&str, u32> = modules.iter().copied().collect();
        let mut have: std::collections::HashMap<String, QuizSummary> = store
            .all::<QuizSummary>(StoreName::QuizSummaries, &profile)
            .await
            .unwrap_or_default()
            .into_iter()
            .filter(|s| {
                version
                    .get(s.module.as_str())
                    .is_some_and(|v| s.is_current(&s.module, *v, lang))
            })
            .map(|s| (s.module.clone(), s))
            .collect();
        let stale: Vec<String> = modules
            .iter()
            .filter(|(id, _)| !have.contains_key(*id))
            .map(|(id, _)| (*id).to_owned())
            .collect();
        if !stale.is_empty() {
            // Only a module with attempts to score needs its file: counted first, without
            // reading the attempts, then loaded together (one round trip, not one per module).
            let counts = store
                .count_by_module(StoreName::QuizAttempts, &profile, &stale)
                .await
                .ok();
            let scored = stale
                .iter()
                .enumerate()
                .filter(|(i, _)| counts.as_ref().is_none_or(|c| c.get(*i) != Some(&0)));
            let loaded: Vec<std::sync::Arc<erasmi_core::content::Module>> =
                futures::future::join_all(scored.map(|(_, id)| crate::source::load_module(id)))
                    .await
                    .into_iter()
                    .filter_map(Result::ok)
                    .collect();
            let by_id: std::collections::HashMap<&str, &erasmi_core::content::Module> =
                loaded.iter().map(|m| (m.id.as_str(), &**m)).collect();
            // A module without attempts has the empty summary. One whose attempts cannot be
            // scored (its file did not load, or its first attempt came after the count) gets
            // none stored, and is built again on the next visit.
            // `attempts` may hold other modules' attempts too (the fallback below).
            let build = |id: &str, attempts: &[QuizAttempt]| match by_id.get(id) {
                Some(m) => Some(QuizSummary::build(&profile, m, attempts, lang)),
                None => (!attempts.iter().any(|a| a.module == id))
                    .then(|| QuizSummary::empty(&profile, id, version[id], lang)),
            };
            let built = match store
                .rebuild(
                    StoreName::QuizAttempts,
                    StoreName::QuizSummaries,
                    &profile,
                    &stale,
                    &mut |id: &str, attempts: Vec<QuizAttempt>| build(id, &attempts),
                )
                .await
            {
                Ok(built) => built,
                // Not stored (the device is full, say): the same figures, from every attempt.
                Err(_) => {
                    let attempts: Vec<QuizAttempt> = store
                        .all(StoreName::QuizAttempts, &profile)
                        .await
                        .unwrap_or_default();
                    stale.iter().filter_map(|id| build(id, &attempts)).collect()
                }
            };
            have.extend(built.into_iter().map(|s| (s.module.clone(), s)));
        }
        // A module whose summary could not be built shows no quiz score rather than a stale one.
        modules
            .iter()
            .map(|(id, v)| {
                have.remove(*id)
                    .unwrap_or_else(|| QuizSummary::empty(&profile, id, *v, lang))
            })
            .collect()
    }

    /// The active profile's active time, per module and day.
    pub async fn activity(&self) -> Vec<ActivityRecord> {
        let profile = self.profile.get_untracked();
        self.store()
            .all(StoreName::Activity, &profile)
            .await
            .unwrap_or_default()
    }

    /// The ticked items of one blueprint for the active profile.
    pub async fn checklist_ticks(&self, blueprint: &str) -> Vec<ChecklistTick> {
        let profile = self.profile.get_untracked();
        match self
            .store()
            .all::<ChecklistTick>(StoreName::ChecklistTicks, &profile)
            .await
        {
            Ok(all) => all
                .into_iter()
                .filter(|t| t.blueprint == blueprint)
                .collect(),
            Err(e) => {
                self.read_failed(e);
                Vec::new()
            }
        }
    }

    /// Ticks or unticks a blueprint checklist item.
    pub fn set_tick(&self, blueprint: &str, item: &str, ticked: bool) {
        let profile = self.profile.get_untracked();
        let tick = ChecklistTick {
            profile,
            id: ChecklistTick::key(blueprint, item),
            blueprint: blueprint.to_owned(),
            item: item.to_owned(),
            ticked_at: now(),
        };
        if ticked {
            self.put(StoreName::ChecklistTicks, tick);
        } else {
            self.remove(StoreName::ChecklistTicks, tick.id);
        }
    }

    /// The active profile's worksheets of one tool (or all), most recently changed first.
    pub async fn worksheets(&self, tool: Option<Tool>) -> Vec<WorksheetRecord> {
        let profile = self.profile.get_untracked();
        match self
            .store()
            .all::<WorksheetRecord>(StoreName::Worksheets, &profile)
            .await
        {
            Ok(mut all) => {
                all.retain(|w| tool.is_none_or(|t| w.tool() == t));
                all.sort_by(|a, b| b.updated_at.total_cmp(&a.updated_at));
                all
            }
            Err(e) => {
                self.read_failed(e);
                Vec::new()
            }
        }
    }

    /// One of the active profile's worksheets.
    pub async fn worksheet(&self, id: &str) -> Option<WorksheetRecord> {
        let profile = self.profile.get_untracked();
        self.store()
            .get(StoreName::Worksheets, &profile, id)
            .await
            .ok()
            .flatten()
    }

    /// Saves a worksheet (stamped with the time of the change). Returns whether it was saved.
    pub async fn save_worksheet(&self, mut record: WorksheetRecord) -> bool {
        record.updated_at = now();
        self.write(move |store| {
            let record = record.clone();
            async move { store.put(StoreName::Worksheets, &record).await }
        })
        .await
    }

    /// Deletes one of the active profile's worksheets.
    pub async fn delete_worksheet(&self, id: &str) -> bool {
        let profile = self.profile.get_untracked();
        let id = id.to_owned();
        self.write(move |store| {
            let (profile, id) = (profile.clone(), id.clone());
            async move { store.delete(StoreName::Worksheets, &profile, &id).await }
        })
        .await
    }

    /// The tools of which the active profile has a finished worksheet (for reports).
    pub async fn tools_done(&self) -> Vec<Tool> {
        let sheets = self.worksheets(None).await;
        Tool::ALL
            .into_iter()
            .filter(|t| sheets.iter().any(|w| w.tool() == *t && w.sheet.is_done()))
            .collect()
    }

    /// Sets this device's colour theme and text size, applies them at once and remembers them.
    pub fn set_appearance(&self, theme: Theme, text_size: TextSize) {
        self.theme.set(theme);
        self.text_size.set(text_size);
        crate::device::apply_appearance(theme, text_size);
        for (id, value) in [
            (setting::THEME, theme.as_str()),
            (setting::TEXT_SIZE, text_size.as_str()),
        ] {
            self.put(
                StoreName::Settings,
                Setting {
                    profile: DEVICE_PROFILE.into(),
                    id: id.into(),
                    value: value.into(),
                },
            );
        }
    }

    /// Switches the trainer area on or off for the active profile.
    pub fn set_trainer_mode(&self, on: bool) {
        self.trainer_mode.set(on);
        self.put(
            StoreName::Settings,
            Setting {
                profile: self.profile.get_untracked(),
                id: setting::TRAINER_MODE.into(),
                value: if on { "on" } else { "off" }.into(),
            },
        );
    }

    /// The active profile's assignments in one role, newest first.
    pub async fn assignments(&self, role: Role) -> Vec<AssignmentRecord> {
        let profile = self.profile.get_untracked();
        let mut list: Vec<AssignmentRecord> = self
            .store()
            .all(StoreName::Assignments, &profile)
            .await
            .unwrap_or_default();
        list.retain(|a| a.role == role);
        list.sort_by(|a, b| b.saved_at.total_cmp(&a.saved_at));
        list
    }

    /// One of the active profile's assignments.
    pub async fn assignment(&self, role: Role, id: &str) -> Option<AssignmentRecord> {
        let profile = self.profile.get_untracked();
        self.store()
            .get(
                StoreName::Assignments,
                &profile,
                &AssignmentRecord::key(role, id),
            )
            .await
            .ok()
            .flatten()
    }

    /// Keeps an assignment (made here, or accepted); accepting twice changes nothing.
    pub async fn save_assignment(&self, role: Role, assignment: Assignment) -> bool {
        let record = AssignmentRecord::new(&self.profile.get_untracked(), role, assignment, now());
        let ok = self
            .write(move |store| {
                let record = record.clone();
                async move {
                    store
                        .update(
                            StoreName::Assignments,
                            &record.profile.clone(),
                            &record.id.clone(),
                            |old: Option<AssignmentRecord>| Some(old.unwrap_or(record)),
                        )
                        .await
                }
            })
            .await;
        if ok {
            self.revision.update(|r| *r += 1);
        }
        ok
    }

    /// The reports imported for one assignment.
    pub async fn reports(&self, assignment: &str) -> Vec<ReportRecord> {
        let profile = self.profile.get_untracked();
        let mut list: Vec<ReportRecord> = self
            .store()
            .all(StoreName::Reports, &profile)
            .await
            .unwrap_or_default();
        list.retain(|r| r.assignment == assignment);
        list
    }

    /// Imports checked reports; a report older than the one already kept for the same learner
    /// is skipped. Returns how many were kept.
    pub async fn import_reports(&self, reports: Vec<Report>) -> usize {
        let profile = self.profile.get_untracked();
        let mut kept = 0;
        for report in reports {
            let record = ReportRecord::new(&profile, report, now());
            let newer = std::rc::Rc::new(std::cell::Cell::new(false));
            let flag = newer.clone();
            let ok = self
                .write(move |store| {
                    let (record, flag) = (record.clone(), flag.clone());
                    async move {
                        store
                            .update(
                                StoreName::Reports,
                                &record.profile.clone(),
                                &record.id.clone(),
                                |old: Option<ReportRecord>| match old {
                                    Some(old)
                                        if !ReportRecord::replaces(&record.report, &old.report) =>
                                    {
                                        Some(old)
                                    }
                                    _ => {
                                        flag.set(true);
                                        Some(record)
                                    }
                                },
                            )
                            .await
                    }
                })
                .await;
            if ok && newer.get() {
                kept += 1;
            }
        }
        if kept > 0 {
            self.revision.update(|r| *r += 1);
        }
        kept
    }

    /// A stable id of the active learner for reports: the profile id with its creation time,
    /// so the unnamed first profiles of two devices never look like one learner.
    pub fn learner_id(&self) -> String {
        let id = self.profile.get_untracked();
        let created = self
            .profiles
            .with_untracked(|p| p.iter().find(|p| p.id == id).map(|p| p.created_at))
            .unwrap_or_default();
        format!("{id}-{:x}", created as u64)
    }

    /// The active learner's report on an assignment, from their own records.
    pub async fn my_report(&self, assignment: &Assignment, name: &str) -> Report {
        let mut modules = Vec::new();
        for m in &assignment.modules {
            if let Ok(module) = source::load_module(&m.module).await {
                modules.push((*module).clone());
            }
        }
        let (runs, attempts) = self.assessment_history().await;
        let progress = self.progress.get_untracked();
        let tools = self.tools_done().await;
        erasmi_core::group::build_report(
            assignment,
            name,
            &self.learner_id(),
            &modules,
            &progress,
            &attempts,
            &runs,
            &tools,
            (now() / 1000.0) as u64,
            &self.i18n.lang(),
        )
    }

    /// Shows a short message in the status banner (it outlives a page rendered again).
    pub fn tell(&self, message: String) {
        self.notice.set(Some(message));
    }

    /// Switches the UI language, loads its strings and remembers the choice.
    pub fn set_language(&self, code: String) {
        let state = *self;
        leptos::task::spawn_local(async move {
            match source::load_strings(&code).await {
                Ok(own) => {
                    state.i18n.strings.update(|s| {
                        *s = erasmi_core::i18n::Strings::new(&code, own, s.fallback().clone());
                    });
                    state.i18n.lang.set(code.clone());
                    crate::i18n::switched_to(&code);
                    state
                        .i18n
                        .languages
                        .with_value(|l| apply_document_language(&code, l));
                    state.put(
                        StoreName::Settings,
                        Setting {
                            profile: DEVICE_PROFILE.into(),
                            id: setting::LANGUAGE.into(),
                            value: code,
                        },
                    );
                }
                Err(e) => {
                    leptos::logging::warn!("language {code} could not be loaded: {e:?}");
                    state.write_error.set(Some(WriteFailure::Other(format!(
                        "{}: {:?}",
                        e.file, e.problem
                    ))));
                }
            }
        });
    }

    /// Creates a profile and switches to it.
    pub async fn create_profile(&self, name: &str, color: &str) -> Result<(), ProfileNameError> {
        let name = self
            .profiles
            .with_untracked(|p| check_profile_name(name, p, None))?;
        let id = Profile::new_id(now(), js_sys::Math::random());
        let mut profile = Profile::new(&id, &name, now());
        profile.color = color.to_owned();
        let record = profile.clone();
        if self
            .write(move |store| {
                let record = record.clone();
                async move { store.put(StoreName::Profiles, &record).await }
            })
            .await
        {
            self.profiles.update(|p| p.push(profile));
            self.switch_profile(&id).await;
        }
        Ok(())
    }

    /// Renames a profile and sets its colour.
    pub async fn edit_profile(
        &self,
        id: &str,
        name: &str,
        color: &str,
    ) -> Result<(), ProfileNameError> {
        let name = self
            .profiles
            .with_untracked(|p| check_profile_name(name, p, Some(id)))?;
        let Some(mut profile) = self
            .profiles
            .with_untracked(|p| p.iter().find(|p| p.id == id).cloned())
        else {
            return Ok(());
        };
        profile.name = name;
        profile.color = color.to_owned();
        let record = profile.clone();
        if self
            .write(move |store| {
                let record = record.clone();
                async move { store.put(StoreName::Profiles, &record).await }
            })
            .await
        {
            self.profiles.update(|list| {
                if let Some(p) = list.iter_mut().find(|p| p.id == profile.id) {
                    *p = profile;
                }
            });
        }
        Ok(())
    }

    /// Makes `id` the active profile on this device and shows its progress.
    pub async fn switch_profile(&self, id: &str) {
        let store = self.store();
        let setting = Setting {
            profile: DEVICE_PROFILE.into(),
            id: setting::ACTIVE_PROFILE.into(),
            value: id.to_owned(),
        };
        self.write(move |store| {
            let setting = setting.clone();
            async move { store.put(StoreName::Settings, &setting).await }
        })
        .await;
        let progress = store
            .all(StoreName::LessonProgress, id)
            .await
            .unwrap_or_default();
        self.trainer_mode.set(trainer_mode(&store, id).await);
        self.progress.set(progress);
        self.profile.set(id.to_owned());
        self.revision.update(|r| *r += 1);
    }

    /// Deletes one profile and everything it recorded; switches to another profile (creating
    /// a fresh one when it was the last).
    pub async fn erase_profile(&self, id: &str) -> bool {
        let target = id.to_owned();
        let ok = self
            .write(move |store| {
                let target = target.clone();
                async move { store.erase(Some(&target)).await }
            })
            .await;
        if ok {
            self.after_erase().await;
        }
        ok
    }

    /// Deletes every record on this device: all profiles and settings.
    pub async fn erase_everything(&self) -> bool {
        let ok = self
            .write(|store| async move { store.erase(None).await })
            .await;
        if ok {
            self.after_erase().await;
        }
        ok
    }

    async fn after_erase(&self) {
        let learner = load_learner(&self.store()).await;
        let current = self.profile.get_untracked();
        let next = if learner.profiles.iter().any(|p| p.id == current) {
            current
        } else {
            learner.profile
        };
        self.profiles.set(learner.profiles);
        self.switch_profile(&next).await;
    }

    /// A backup file of the active profile (`Scope::Profile`) or of the whole device.
    pub async fn export(&self, scope: Scope) -> Result<String, StoreError> {
        let profile = self.profile.get_untracked();
        let which = match scope {
            Scope::Profile => Some(profile.as_str()),
            Scope::All => None,
        };
        let stores = self.store().dump(which).await?;
        Ok(backup::encode(
            env!("CARGO_PKG_VERSION"),
            VERSION,
            now(),
            scope,
            stores,
        ))
    }

    /// Checks a backup file without changing anything.
    pub fn check_backup(bytes: &[u8]) -> Result<Backup, backup::BackupError> {
        backup::decode(bytes, &StoreName::names(), VERSION)
    }

    /// Writes a checked backup in one transaction: merged with what is here, or replacing the
    /// data of its profiles (a one-profile backup) or of the whole device (a full backup).
    pub async fn import(&self, backup: &Backup, replace: bool) -> Result<usize, StoreError> {
        let mode = match (replace, backup.scope) {
            (false, _) => Replace::Nothing,
            (true, Scope::All) => Replace::Everything,
            (true, Scope::Profile) => Replace::Profiles(backup.profile_ids()),
        };
        let written = self.store().import(&backup.stores, mode).await?;
        self.notify_others();
        self.reload().await;
        // A full restore brings back the device's active profile; otherwise stay put.
        let learner = load_learner(&self.store()).await;
        if backup.scope == Scope::All && replace {
            self.switch_profile(&learner.profile).await;
        }
        Ok(written)
    }
}

/// Reads the device settings, every profile and the active profile's progress; creates the
/// first profile on first start (or after everything was erased).
pub async fn load_learner(store: &Store) -> Learner {
    let device = |id: &'static str| async move {
        store
            .get::<Setting>(StoreName::Settings, DEVICE_PROFILE, id)
            .await
            .ok()
            .flatten()
            .map(|s| s.value)
            .unwrap_or_default()
    };
    // Independent reads run together: each waits for the database, not for the one before.
    let (active, profiles, theme, text_size) = futures::join!(
        device(setting::ACTIVE_PROFILE),
        store.everything::<Profile>(StoreName::Profiles),
        device(setting::THEME),
        device(setting::TEXT_SIZE)
    );
    let mut profiles = profiles.unwrap_or_default();
    profiles.sort_by(|a, b| a.created_at.total_cmp(&b.created_at));
    if profiles.is_empty() {
        let first = Profile::new(DEFAULT_PROFILE, "", now());
        let _ = store.put(StoreName::Profiles, &first).await;
        profiles.push(first);
    }
    let profile = if profiles.iter().any(|p| p.id == active) {
        active
    } else {
        profiles[0].id.clone()
    };
    let (progress, trainer_mode) = futures::join!(
        store.all(StoreName::LessonProgress, &profile),
        trainer_mode(store, &profile)
    );
    let progress = progress.unwrap_or_default();
    let theme = Theme::parse(&theme);
    let text_size = TextSize::parse(&text_size);
    crate::device::apply_appearance(theme, text_size);
    Learner {
        profile,
        profiles,
        progress,
        trainer_mode,
        theme,
        text_size,
    }
}

async fn trainer_mode(store: &Store, profile: &str) -> bool {
    store
        .get::<Setting>(StoreName::Settings, profile, setting::TRAINER_MODE)
        .await
        .ok()
        .flatten()
        .is_some_and(|s| s.value == "on")
}

/// The stored language choice, if any.
pub async fn stored_language(store: &Store) -> Option<String> {
    store
        .get::<Setting>(StoreName::Settings, DEVICE_PROFILE, setting::LANGUAGE)
        .await
        .ok()
        .flatten()
        .map(|s| s.value)
}
