//! App-wide state and the actions that change it. Components read signals from here and call
//! these actions; the actions write through the store and refresh the signals.

use erasmi_core::content::Catalog;
use erasmi_core::progress::{
    AssessmentPhase, Bookmark, ChecklistTick, LessonNote, LessonProgress, Profile,
    SelfAssessmentRecord, DEFAULT_PROFILE,
};
use erasmi_core::quiz::QuizAttempt;
use leptos::prelude::*;

use crate::i18n::{apply_document_language, I18n};
use crate::source::{self, LoadError};
use crate::store::schema::DEVICE_PROFILE;
use crate::store::{Store, StoreError, StoreName};

pub use erasmi_core::progress::Setting;

/// Setting ids.
pub mod setting {
    /// The UI language (device-wide).
    pub const LANGUAGE: &str = "language";
    /// The active learner profile (device-wide).
    pub const ACTIVE_PROFILE: &str = "active_profile";
}

/// Everything the pages share. `Copy`, so closures can capture it freely.
#[derive(Clone, Copy)]
pub struct AppState {
    pub i18n: I18n,
    /// The catalog, or why it could not be loaded.
    pub catalog: RwSignal<Result<Catalog, LoadError>>,
    /// The active profile id.
    pub profile: RwSignal<String>,
    /// Lesson progress of the active profile.
    pub progress: RwSignal<Vec<LessonProgress>>,
    /// The last write that failed, shown in a banner until dismissed.
    pub write_error: RwSignal<Option<String>>,
    store: StoredValue<Store, LocalStorage>,
}

/// The app state context.
pub fn use_app() -> AppState {
    expect_context::<AppState>()
}

/// Milliseconds since the Unix epoch.
pub fn now() -> f64 {
    js_sys::Date::now()
}

impl AppState {
    /// Builds the state from what `boot` loaded.
    pub fn new(
        i18n: I18n,
        catalog: Result<Catalog, LoadError>,
        store: Store,
        profile: String,
        progress: Vec<LessonProgress>,
    ) -> Self {
        AppState {
            i18n,
            catalog: RwSignal::new(catalog),
            profile: RwSignal::new(profile),
            progress: RwSignal::new(progress),
            write_error: RwSignal::new(None),
            store: StoredValue::new_local(store),
        }
    }

    /// The store handle.
    pub fn store(&self) -> Store {
        self.store.get_value()
    }

    /// True when progress survives a reload.
    pub fn is_persistent(&self) -> bool {
        self.store.with_value(|s| s.is_persistent())
    }

    fn report(&self, result: Result<(), StoreError>) {
        if let Err(e) = result {
            leptos::logging::warn!("write failed: {e}");
            self.write_error.set(Some(e.to_string()));
        }
    }

    /// Records that a lesson was opened now (it becomes "continue where you left off").
    pub fn open_lesson(&self, module: &str, lesson: &str) {
        let profile = self.profile.get_untracked();
        let previous = self.progress.with_untracked(|p| {
            p.iter()
                .find(|r| r.module == module && r.lesson == lesson)
                .cloned()
        });
        let record = LessonProgress::opened(&profile, module, lesson, now(), previous.as_ref());
        self.save_progress(record);
    }

    /// Marks a lesson done or not done.
    pub fn set_lesson_done(&self, module: &str, lesson: &str, done: bool) {
        let profile = self.profile.get_untracked();
        let previous = self.progress.with_untracked(|p| {
            p.iter()
                .find(|r| r.module == module && r.lesson == lesson)
                .cloned()
        });
        let mut record = LessonProgress::opened(&profile, module, lesson, now(), previous.as_ref());
        if let Some(prev) = &previous {
            record.opened_at = prev.opened_at;
        }
        record.completed_at = done.then(now);
        self.save_progress(record);
    }

    fn save_progress(&self, record: LessonProgress) {
        self.progress.update(|p| {
            p.retain(|r| r.id != record.id);
            p.push(record.clone());
        });
        let state = *self;
        let store = self.store();
        leptos::task::spawn_local(async move {
            state.report(store.put(StoreName::LessonProgress, &record).await);
        });
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
                Err(e) => self.write_error.set(Some(e.to_string())),
            }
        }
        out
    }

    /// Saves a self-assessment run (every rating is saved as it is given).
    pub fn save_self_assessment(&self, record: SelfAssessmentRecord) {
        let state = *self;
        let store = self.store();
        leptos::task::spawn_local(async move {
            state.report(store.put(StoreName::SelfAssessments, &record).await);
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
        let state = *self;
        let store = self.store();
        leptos::task::spawn_local(async move {
            let result = if on {
                store.put(StoreName::Bookmarks, &bookmark).await
            } else {
                store
                    .delete(StoreName::Bookmarks, &bookmark.profile, &bookmark.id)
                    .await
            };
            state.report(result);
        });
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
        let state = *self;
        let store = self.store();
        leptos::task::spawn_local(async move {
            let result = if note.is_empty() {
                store
                    .delete(StoreName::Notes, &note.profile, &note.id)
                    .await
            } else {
                store.put(StoreName::Notes, &note).await
            };
            state.report(result);
        });
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
                self.write_error.set(Some(e.to_string()));
                Vec::new()
            }
        }
    }

    /// Saves a quiz attempt (after every answer, so nothing is lost on reload).
    pub fn save_quiz_attempt(&self, attempt: QuizAttempt) {
        let state = *self;
        let store = self.store();
        leptos::task::spawn_local(async move {
            state.report(store.put(StoreName::QuizAttempts, &attempt).await);
        });
    }

    /// Deletes an unfinished attempt the learner chose to restart.
    pub fn delete_quiz_attempt(&self, id: &str) {
        let state = *self;
        let store = self.store();
        let profile = self.profile.get_untracked();
        let id = id.to_owned();
        leptos::task::spawn_local(async move {
            state.report(store.delete(StoreName::QuizAttempts, &profile, &id).await);
        });
    }

    /// Every self-assessment run and quiz attempt of the active profile (for the competence profile).
    pub async fn assessment_history(&self) -> (Vec<SelfAssessmentRecord>, Vec<QuizAttempt>) {
        let profile = self.profile.get_untracked();
        let store = self.store();
        let runs = store
            .all(StoreName::SelfAssessments, &profile)
            .await
            .unwrap_or_default();
        let attempts = store
            .all(StoreName::QuizAttempts, &profile)
            .await
            .unwrap_or_default();
        (runs, attempts)
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
                self.write_error.set(Some(e.to_string()));
                Vec::new()
            }
        }
    }

    /// Ticks or unticks a blueprint checklist item.
    pub fn set_tick(&self, blueprint: &str, item: &str, ticked: bool) {
        let state = *self;
        let profile = self.profile.get_untracked();
        let store = self.store();
        let tick = ChecklistTick {
            profile: profile.clone(),
            id: ChecklistTick::key(blueprint, item),
            blueprint: blueprint.to_owned(),
            item: item.to_owned(),
            ticked_at: now(),
        };
        leptos::task::spawn_local(async move {
            let result = if ticked {
                store.put(StoreName::ChecklistTicks, &tick).await
            } else {
                store
                    .delete(StoreName::ChecklistTicks, &profile, &tick.id)
                    .await
            };
            state.report(result);
        });
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
                    state
                        .i18n
                        .languages
                        .with_value(|l| apply_document_language(&code, l));
                    let setting = Setting {
                        profile: DEVICE_PROFILE.into(),
                        id: setting::LANGUAGE.into(),
                        value: code,
                    };
                    state.report(state.store().put(StoreName::Settings, &setting).await);
                }
                Err(e) => {
                    leptos::logging::warn!("language {code} could not be loaded: {e:?}");
                    state
                        .write_error
                        .set(Some(format!("{}: {:?}", e.file, e.problem)));
                }
            }
        });
    }
}

/// Reads the device settings and the active profile's progress; creates the default profile on
/// first start.
pub async fn load_learner(store: &Store) -> (String, Vec<LessonProgress>) {
    let active: Option<Setting> = store
        .get(StoreName::Settings, DEVICE_PROFILE, setting::ACTIVE_PROFILE)
        .await
        .ok()
        .flatten();
    let profile = active
        .map(|s| s.value)
        .unwrap_or_else(|| DEFAULT_PROFILE.to_owned());
    if profile == DEFAULT_PROFILE {
        let existing: Option<Profile> = store
            .get(StoreName::Profiles, DEFAULT_PROFILE, DEFAULT_PROFILE)
            .await
            .ok()
            .flatten();
        if existing.is_none() {
            let _ = store
                .put(
                    StoreName::Profiles,
                    &Profile::new(DEFAULT_PROFILE, "", now()),
                )
                .await;
        }
    }
    let progress = store
        .all(StoreName::LessonProgress, &profile)
        .await
        .unwrap_or_default();
    (profile, progress)
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
