//! Learner records and what is derived from them.
//!
//! The record types are the values stored in IndexedDB and written into backups: an API
//! boundary. Every record carries the `profile` it belongs to and an `id` unique within that
//! profile and store; together they are the record's key (`[profile, id]`).

use serde::{Deserialize, Serialize};

/// The profile used until a learner creates their own.
pub const DEFAULT_PROFILE: &str = "default";

/// A learner on this device.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Profile {
    /// Always equal to `id`: profiles are keyed like every other record.
    pub profile: String,
    pub id: String,
    /// The name the learner chose (may be a pseudonym).
    pub name: String,
    /// Milliseconds since the Unix epoch.
    pub created_at: f64,
}

impl Profile {
    /// A new profile.
    pub fn new(id: &str, name: &str, now: f64) -> Self {
        Profile {
            profile: id.to_owned(),
            id: id.to_owned(),
            name: name.to_owned(),
            created_at: now,
        }
    }
}

/// What a learner has done with one lesson.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LessonProgress {
    pub profile: String,
    /// `<module id>/<lesson id>`.
    pub id: String,
    pub module: String,
    pub lesson: String,
    /// When the lesson was last opened (ms since the epoch).
    pub opened_at: f64,
    /// When the lesson was marked done, if it is.
    pub completed_at: Option<f64>,
}

impl LessonProgress {
    /// The record id of a lesson.
    pub fn key(module: &str, lesson: &str) -> String {
        format!("{module}/{lesson}")
    }

    /// A record for a lesson opened now (keeps completion if `previous` had it).
    pub fn opened(
        profile: &str,
        module: &str,
        lesson: &str,
        now: f64,
        previous: Option<&LessonProgress>,
    ) -> Self {
        LessonProgress {
            profile: profile.to_owned(),
            id: Self::key(module, lesson),
            module: module.to_owned(),
            lesson: lesson.to_owned(),
            opened_at: now,
            completed_at: previous.and_then(|p| p.completed_at),
        }
    }

    /// True once the lesson is marked done.
    pub fn is_done(&self) -> bool {
        self.completed_at.is_some()
    }
}

/// The lesson opened most recently, across all modules.
pub fn last_opened(progress: &[LessonProgress]) -> Option<&LessonProgress> {
    progress
        .iter()
        .max_by(|a, b| a.opened_at.total_cmp(&b.opened_at))
}

/// Lessons done out of `lesson_ids` (ids of one module, in order).
pub fn completion(module: &str, lesson_ids: &[String], progress: &[LessonProgress]) -> Completion {
    let done = lesson_ids
        .iter()
        .filter(|l| {
            progress
                .iter()
                .any(|p| p.module == module && &p.lesson == *l && p.is_done())
        })
        .count();
    Completion {
        done,
        total: lesson_ids.len(),
    }
}

/// Done out of total.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Completion {
    pub done: usize,
    pub total: usize,
}

impl Completion {
    /// Whole percent, 0 for an empty module.
    pub fn percent(self) -> u32 {
        (self.done * 100).checked_div(self.total).unwrap_or(0) as u32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(module: &str, lesson: &str, opened: f64, done: bool) -> LessonProgress {
        LessonProgress {
            profile: DEFAULT_PROFILE.into(),
            id: LessonProgress::key(module, lesson),
            module: module.into(),
            lesson: lesson.into(),
            opened_at: opened,
            completed_at: done.then_some(opened),
        }
    }

    #[test]
    fn last_opened_is_the_most_recent() {
        let p = vec![
            rec("a", "one", 5.0, false),
            rec("b", "two", 9.0, false),
            rec("a", "three", 7.0, true),
        ];
        assert_eq!(last_opened(&p).unwrap().lesson, "two");
        assert!(last_opened(&[]).is_none());
    }

    #[test]
    fn completion_counts_only_done_lessons_of_that_module() {
        let ids: Vec<String> = ["one", "two", "three"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let p = vec![
            rec("a", "one", 1.0, true),
            rec("a", "two", 2.0, false),
            rec("b", "three", 3.0, true),
        ];
        let c = completion("a", &ids, &p);
        assert_eq!((c.done, c.total, c.percent()), (1, 3, 33));
        assert_eq!(completion("a", &[], &p).percent(), 0);
    }

    #[test]
    fn reopening_keeps_completion() {
        let done = rec("a", "one", 1.0, true);
        let again = LessonProgress::opened(DEFAULT_PROFILE, "a", "one", 10.0, Some(&done));
        assert!(again.is_done());
        assert_eq!(again.opened_at, 10.0);
    }
}
