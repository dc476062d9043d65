//! The IndexedDB schema: an API boundary. Changing it means a new version here, a migration step
//! in `upgrade`, and a fixture of the old version in `tests/fixtures/schema/`.
//!
//! Every store is keyed by `[profile, id]` (key path `["profile", "id"]`), so every key starts with
//! the profile id, and has a `profile` index to list or erase one learner's records.

/// The database name.
pub const DB_NAME: &str = "erasmi";

/// The current schema version.
///
/// - 1: the first release: eleven stores.
/// - 2: `activity` (active time per module and day) for the progress dashboard.
/// - 3: `quiz_summaries` (derived: scores per module), so the dashboard never reads every attempt.
#[cfg(not(erasmi_next_schema))]
pub const VERSION: u32 = 3;

/// The update test's second build (`tools/build-next.mjs`, `--cfg erasmi_next_schema`) is one
/// schema version ahead, with one more upgrade step, so the test sees a real migration run
/// under a waiting update.
#[cfg(erasmi_next_schema)]
pub const VERSION: u32 = 4;

/// Key path shared by every store.
pub const KEY_PATH: [&str; 2] = ["profile", "id"];

/// The index on `profile` that every store has.
pub const PROFILE_INDEX: &str = "profile";

pub use erasmi_core::progress::DEVICE_PROFILE;

/// An object store and the extra indexes it has besides [`PROFILE_INDEX`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StoreDef {
    pub name: &'static str,
    /// `(index name, key path)`.
    pub indexes: &'static [(&'static str, &'static [&'static str])],
}

/// The object stores of a learner's data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum StoreName {
    Profiles,
    LessonProgress,
    QuizAttempts,
    SelfAssessments,
    Notes,
    Bookmarks,
    ChecklistTicks,
    Worksheets,
    Assignments,
    Reports,
    Settings,
    Activity,
    QuizSummaries,
}

impl StoreName {
    /// Every store, in the order a backup lists them.
    pub const ALL: [StoreName; 12] = [
        StoreName::Profiles,
        StoreName::LessonProgress,
        StoreName::QuizAttempts,
        StoreName::SelfAssessments,
        StoreName::Notes,
        StoreName::Bookmarks,
        StoreName::ChecklistTicks,
        StoreName::Worksheets,
        StoreName::Assignments,
        StoreName::Reports,
        StoreName::Settings,
        StoreName::Activity,
    ];

    /// Stores of data derived from the others and built again from them when missing: never in a
    /// backup, cleared by every import, erased with the profile.
    pub const DERIVED: [StoreName; 1] = [StoreName::QuizSummaries];

    /// Every store in the database: [`StoreName::ALL`] and [`StoreName::DERIVED`].
    pub fn every() -> impl Iterator<Item = StoreName> {
        StoreName::ALL.into_iter().chain(StoreName::DERIVED)
    }

    /// The IndexedDB name of the store.
    pub fn as_str(self) -> &'static str {
        self.def().name
    }

    /// The schema version that added the store.
    pub fn since(self) -> u32 {
        match self {
            StoreName::Activity => 2,
            StoreName::QuizSummaries => 3,
            _ => 1,
        }
    }

    /// The store with this IndexedDB name.
    pub fn parse(name: &str) -> Option<StoreName> {
        StoreName::every().find(|s| s.as_str() == name)
    }

    /// The IndexedDB names of every store a backup holds ([`StoreName::ALL`]).
    pub fn names() -> Vec<&'static str> {
        StoreName::ALL.iter().map(|s| s.as_str()).collect()
    }

    /// The store's definition (name and extra indexes).
    pub fn def(self) -> StoreDef {
        const MODULE: &[(&str, &[&str])] = &[("profile_module", &["profile", "module"])];
        match self {
            StoreName::Profiles => StoreDef {
                name: "profiles",
                indexes: &[],
            },
            StoreName::LessonProgress => StoreDef {
                name: "lesson_progress",
                indexes: MODULE,
            },
            StoreName::QuizAttempts => StoreDef {
                name: "quiz_attempts",
                indexes: MODULE,
            },
            StoreName::SelfAssessments => StoreDef {
                name: "self_assessments",
                indexes: MODULE,
            },
            StoreName::Notes => StoreDef {
                name: "notes",
                indexes: MODULE,
            },
            StoreName::Bookmarks => StoreDef {
                name: "bookmarks",
                indexes: MODULE,
            },
            StoreName::ChecklistTicks => StoreDef {
                name: "checklist_ticks",
                indexes: &[("profile_blueprint", &["profile", "blueprint"])],
            },
            StoreName::Worksheets => StoreDef {
                name: "worksheets",
                indexes: &[("profile_kind", &["profile", "kind"])],
            },
            StoreName::Assignments => StoreDef {
                name: "assignments",
                indexes: &[],
            },
            StoreName::Reports => StoreDef {
                name: "reports",
                indexes: &[("profile_assignment", &["profile", "assignment"])],
            },
            StoreName::Settings => StoreDef {
                name: "settings",
                indexes: &[],
            },
            StoreName::Activity => StoreDef {
                name: "activity",
                indexes: MODULE,
            },
            StoreName::QuizSummaries => StoreDef {
                name: "quiz_summaries",
                indexes: &[],
            },
        }
    }
}
