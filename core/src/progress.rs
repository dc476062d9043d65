//! Learner records and what is derived from them.
//!
//! The record types are the values stored in IndexedDB and written into backups: an API
//! boundary. Every record carries the `profile` it belongs to and an `id` unique within that
//! profile and store; together they are the record's key (`[profile, id]`).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::content::Module;

/// The profile used until a learner creates their own.
pub const DEFAULT_PROFILE: &str = "default";

/// Records that belong to no learner (the language, the active profile) use this profile id.
pub const DEVICE_PROFILE: &str = "device";

/// A device-wide (profile [`DEVICE_PROFILE`]) or per-profile setting.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Setting {
    pub profile: String,
    pub id: String,
    pub value: String,
}

/// The colours a profile can have (CSS classes `avatar-<colour>`), each with white initials at
/// a contrast of at least 4.5:1.
pub const PROFILE_COLORS: [&str; 8] = [
    "teal", "blue", "purple", "magenta", "red", "orange", "green", "slate",
];

/// The longest profile name, in characters.
pub const MAX_PROFILE_NAME: usize = 40;

/// A learner on this device. Profiles are not private: anyone using the device can switch to
/// any of them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Profile {
    /// Always equal to `id`: profiles are keyed like every other record.
    pub profile: String,
    pub id: String,
    /// The name the learner chose (may be a pseudonym); empty for the first, unnamed profile.
    pub name: String,
    /// Milliseconds since the Unix epoch.
    pub created_at: f64,
    /// One of [`PROFILE_COLORS`]; records written before colours existed have none.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub color: String,
}

/// Why a profile name was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ProfileNameError {
    #[error("a profile needs a name")]
    Empty,
    #[error("a profile name has at most {MAX_PROFILE_NAME} characters")]
    TooLong,
    #[error("another profile on this device has this name")]
    Taken,
}

impl ProfileNameError {
    /// The UI string key that explains the error.
    pub fn message_key(self) -> &'static str {
        match self {
            ProfileNameError::Empty => "profiles.error.empty",
            ProfileNameError::TooLong => "profiles.error.too_long",
            ProfileNameError::Taken => "profiles.error.taken",
        }
    }
}

impl Profile {
    /// A new profile.
    pub fn new(id: &str, name: &str, now: f64) -> Self {
        Profile {
            profile: id.to_owned(),
            id: id.to_owned(),
            name: name.to_owned(),
            created_at: now,
            color: String::new(),
        }
    }

    /// A fresh profile id from the time and a random number.
    pub fn new_id(now: f64, random: f64) -> String {
        let r = (random.clamp(0.0, 1.0) * f64::from(u32::MAX)) as u64;
        format!("p-{:x}-{:08x}", now.max(0.0) as u64, r)
    }

    /// The profile's colour: the stored one if valid, otherwise one derived from the id.
    pub fn color(&self) -> &'static str {
        PROFILE_COLORS
            .iter()
            .find(|c| **c == self.color)
            .copied()
            .unwrap_or_else(|| {
                let h = self
                    .id
                    .bytes()
                    .fold(0u32, |h, b| h.wrapping_mul(31).wrapping_add(u32::from(b)));
                PROFILE_COLORS[h as usize % PROFILE_COLORS.len()]
            })
    }

    /// The name to show: the chosen one, or `unnamed` for the first profile.
    pub fn display_name<'a>(&'a self, unnamed: &'a str) -> &'a str {
        if self.name.trim().is_empty() {
            unnamed
        } else {
            self.name.trim()
        }
    }

    /// One or two initials for the avatar.
    pub fn initials(&self, unnamed: &str) -> String {
        let name = self.display_name(unnamed);
        let mut words = name.split_whitespace().filter_map(|w| w.chars().next());
        let first = words.next();
        let last = words.next_back();
        first
            .into_iter()
            .chain(last)
            .flat_map(char::to_uppercase)
            .collect()
    }
}

/// Checks a new profile name against the others on the device; returns it trimmed.
pub fn check_profile_name(
    name: &str,
    others: &[Profile],
    except: Option<&str>,
) -> Result<String, ProfileNameError> {
    let name = name.trim();
    if name.is_empty() {
        return Err(ProfileNameError::Empty);
    }
    if name.chars().count() > MAX_PROFILE_NAME {
        return Err(ProfileNameError::TooLong);
    }
    let folded = name.to_lowercase();
    if others
        .iter()
        .any(|p| Some(p.id.as_str()) != except && p.name.trim().to_lowercase() == folded)
    {
        return Err(ProfileNameError::Taken);
    }
    Ok(name.to_owned())
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

/// A ticked checklist item of a blueprint (stored only while ticked).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChecklistTick {
    pub profile: String,
    /// `<blueprint id>/<item id>`.
    pub id: String,
    pub blueprint: String,
    pub item: String,
    /// When it was ticked (ms since the epoch).
    pub ticked_at: f64,
}

impl ChecklistTick {
    /// The record id of a checklist item.
    pub fn key(blueprint: &str, item: &str) -> String {
        format!("{blueprint}/{item}")
    }
}

/// When a self-assessment is taken: before working through a module, or after.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AssessmentPhase {
    Before,
    After,
}

impl AssessmentPhase {
    /// The name used in record ids and URLs.
    pub fn as_str(self) -> &'static str {
        match self {
            AssessmentPhase::Before => "before",
            AssessmentPhase::After => "after",
        }
    }

    /// Parses `before` / `after`.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "before" => Some(AssessmentPhase::Before),
            "after" => Some(AssessmentPhase::After),
            _ => None,
        }
    }
}

/// The lowest and highest rating of a self-assessment statement.
pub const RATING_RANGE: std::ops::RangeInclusive<u8> = 1..=5;

/// A learner's ratings of a module's self-assessment statements, saved as each one is given.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SelfAssessmentRecord {
    pub profile: String,
    /// `<module id>/<phase>`.
    pub id: String,
    pub module: String,
    pub phase: AssessmentPhase,
    /// The module content version the statements came from.
    pub module_version: u32,
    /// Statement id → rating 1–5.
    pub ratings: BTreeMap<String, u8>,
    /// Set when the learner finished the run.
    pub completed_at: Option<f64>,
    pub updated_at: f64,
}

impl SelfAssessmentRecord {
    /// The record id for a module and phase.
    pub fn key(module: &str, phase: AssessmentPhase) -> String {
        format!("{module}/{}", phase.as_str())
    }

    /// An empty run.
    pub fn new(profile: &str, module: &Module, phase: AssessmentPhase, now: f64) -> Self {
        SelfAssessmentRecord {
            profile: profile.to_owned(),
            id: Self::key(&module.id, phase),
            module: module.id.clone(),
            phase,
            module_version: module.version,
            ratings: BTreeMap::new(),
            completed_at: None,
            updated_at: now,
        }
    }

    /// This run as one tab has it, merged into the stored record another tab may have changed
    /// since: ratings are united (this tab's rating wins for a statement both rated).
    pub fn merged_into(&self, stored: Option<SelfAssessmentRecord>) -> SelfAssessmentRecord {
        let Some(mut merged) = stored.filter(|s| s.id == self.id) else {
            return self.clone();
        };
        for (k, v) in &self.ratings {
            merged.ratings.insert(k.clone(), *v);
        }
        merged.updated_at = merged.updated_at.max(self.updated_at);
        merged.completed_at = self.completed_at.or(merged.completed_at);
        merged
    }

    /// Records one rating; ratings outside 1–5 and unknown statements are ignored.
    pub fn rate(&mut self, module: &Module, statement: &str, rating: u8, now: f64) -> bool {
        if !RATING_RANGE.contains(&rating)
            || !module.self_assessment.iter().any(|s| s.id == statement)
        {
            return false;
        }
        self.ratings.insert(statement.to_owned(), rating);
        self.updated_at = now;
        true
    }

    /// True when every statement of the module has a rating.
    pub fn is_complete(&self, module: &Module) -> bool {
        module
            .self_assessment
            .iter()
            .all(|s| self.ratings.contains_key(&s.id))
    }

    /// The average rating per competence (only competences with at least one rating).
    pub fn by_competence(&self, module: &Module) -> BTreeMap<String, f64> {
        let mut sums: BTreeMap<String, (u32, u32)> = BTreeMap::new();
        for s in &module.self_assessment {
            if let Some(r) = self.ratings.get(&s.id) {
                let e = sums.entry(s.competence.clone()).or_default();
                e.0 += u32::from(*r);
                e.1 += 1;
            }
        }
        sums.into_iter()
            .map(|(k, (sum, n))| (k, f64::from(sum) / f64::from(n)))
            .collect()
    }
}

/// A bookmarked lesson (stored only while bookmarked).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Bookmark {
    pub profile: String,
    /// `<module id>/<lesson id>`.
    pub id: String,
    pub module: String,
    pub lesson: String,
    pub created_at: f64,
}

impl Bookmark {
    /// A bookmark of a lesson.
    pub fn new(profile: &str, module: &str, lesson: &str, now: f64) -> Self {
        Bookmark {
            profile: profile.to_owned(),
            id: LessonProgress::key(module, lesson),
            module: module.to_owned(),
            lesson: lesson.to_owned(),
            created_at: now,
        }
    }
}

/// A learner's personal note on a lesson.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LessonNote {
    pub profile: String,
    /// `<module id>/<lesson id>`.
    pub id: String,
    pub module: String,
    pub lesson: String,
    pub text: String,
    pub updated_at: f64,
}

impl LessonNote {
    /// A note on a lesson.
    pub fn new(profile: &str, module: &str, lesson: &str, text: &str, now: f64) -> Self {
        LessonNote {
            profile: profile.to_owned(),
            id: LessonProgress::key(module, lesson),
            module: module.to_owned(),
            lesson: lesson.to_owned(),
            text: text.to_owned(),
            updated_at: now,
        }
    }

    /// A note with nothing but whitespace is no note: it is deleted rather than stored.
    pub fn is_empty(&self) -> bool {
        self.text.trim().is_empty()
    }
}

/// One competence on the learner's profile: self-rated before and after (1–5) and mastery
/// measured by quizzes (0–1). `None` where there is nothing to show yet.
#[derive(Debug, Clone, PartialEq)]
pub struct CompetencePoint {
    pub competence: String,
    pub before: Option<f64>,
    pub after: Option<f64>,
    pub mastery: Option<f64>,
}

/// The competence profile over every module: self-ratings averaged per competence across all
/// before and all after runs, and quiz mastery from the latest finished attempt of each module
/// (each summary's [`QuizSummary::mastery`]). Only the modules of `modules` count.
pub fn competence_profile(
    competences: &[String],
    modules: &[ModuleFacts],
    self_runs: &[SelfAssessmentRecord],
    summaries: &[QuizSummary],
) -> Vec<CompetencePoint> {
    let mut before: BTreeMap<&str, (f64, u32)> = BTreeMap::new();
    let mut after: BTreeMap<&str, (f64, u32)> = BTreeMap::new();
    let mut mastery: BTreeMap<&str, (f64, u32)> = BTreeMap::new();
    // Inserted one by one: `collect` would sort, which costs the app a sort function of its own.
    let mut by_id: BTreeMap<&str, &ModuleFacts> = BTreeMap::new();
    for m in modules {
        by_id.insert(m.id.as_str(), m);
    }
    for run in self_runs {
        let Some(module) = by_id.get(run.module.as_str()) else {
            continue;
        };
        let target = match run.phase {
            AssessmentPhase::Before => &mut before,
            AssessmentPhase::After => &mut after,
        };
        for (statement, competence) in &module.self_assessment {
            if let Some(r) = run.ratings.get(statement) {
                let e = target.entry(competence.as_str()).or_default();
                e.0 += f64::from(*r);
                e.1 += 1;
            }
        }
    }
    for summary in summaries
        .iter()
        .filter(|s| by_id.contains_key(s.module.as_str()))
    {
        for c in &summary.mastery {
            let e = mastery.entry(c.competence.as_str()).or_default();
            e.0 += c.sum;
            e.1 += c.questions;
        }
    }
    let avg = |m: &BTreeMap<&str, (f64, u32)>, c: &str| {
        m.get(c)
            .filter(|(_, n)| *n > 0)
            .map(|(s, n)| s / f64::from(*n))
    };
    competences
        .iter()
        .map(|c| CompetencePoint {
            competence: c.clone(),
            before: avg(&before, c),
            after: avg(&after, c),
            mastery: avg(&mastery, c),
        })
        .collect()
}

/// `content/progress.json`: what the progress page needs from each module beyond the catalog,
/// written with the catalog at publishing time (`make catalog`), so that the page reads one
/// small file instead of every module file. The content test fails when it is out of date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProgressFile {
    /// Content format version, see [`crate::content::CONTENT_FORMAT`].
    pub format: u32,
    /// One entry per module, in catalog order.
    pub modules: Vec<ModuleFacts>,
}

impl ProgressFile {
    /// The file's path under `content/`.
    pub const PATH: &'static str = "progress.json";

    /// The facts of `id` at content `version`, if the file has them for that version.
    pub fn facts(&self, id: &str, version: u32) -> Option<&ModuleFacts> {
        self.modules
            .iter()
            .find(|m| m.id == id && m.version == version)
    }
}

/// What the progress page needs from one module beyond its catalog entry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModuleFacts {
    pub id: String,
    /// The module content version these facts were taken from.
    pub version: u32,
    /// The quiz's pass mark, whole percent.
    pub pass_mark: u8,
    /// The competence each self-assessment statement speaks to, by statement id.
    pub self_assessment: BTreeMap<String, String>,
}

impl ModuleFacts {
    /// The facts of `module`.
    pub fn of(module: &Module) -> ModuleFacts {
        let mut self_assessment = BTreeMap::new();
        for s in &module.self_assessment {
            self_assessment.insert(s.id.clone(), s.competence.clone());
        }
        ModuleFacts {
            id: module.id.clone(),
            version: module.version,
            pass_mark: module.quiz.pass_mark,
            self_assessment,
        }
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

/// What the progress dashboard shows for one module.
#[derive(Debug, Clone, PartialEq)]
pub struct ModuleSummary {
    pub completion: Completion,
    /// Best and latest score (whole percent) of finished attempts over the whole quiz.
    pub best: Option<u32>,
    pub last: Option<u32>,
    /// Finished attempts over the whole quiz.
    pub attempts: usize,
    /// Average self-rating after minus before (on the 1–5 scale), once both exist.
    pub growth: Option<f64>,
    /// Active time in the module (ms).
    pub time_ms: f64,
    /// The latest moment anything happened in the module (ms since the epoch).
    pub last_activity: Option<f64>,
}

/// What a certificate of completion states about a module.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CertificateFacts {
    /// The best quiz score, whole percent.
    pub score: u32,
    /// When the learner last worked in the module (ms since the epoch): the completion date.
    pub date: f64,
}

/// The certificate of a module, once it is complete: every lesson done and the quiz passed
/// (best full attempt at or above the module's pass mark).
pub fn certificate_facts(module: &Module, summary: &ModuleSummary) -> Option<CertificateFacts> {
    let lessons =
        summary.completion.total > 0 && summary.completion.done >= summary.completion.total;
    let best = summary.best?;
    (lessons && best >= u32::from(module.quiz.pass_mark)).then(|| CertificateFacts {
        score: best,
        date: summary.last_activity.unwrap_or_default(),
    })
}

fn average_rating(run: &SelfAssessmentRecord) -> Option<f64> {
    let n = run.ratings.len();
    (n > 0).then(|| run.ratings.values().map(|r| f64::from(*r)).sum::<f64>() / n as f64)
}

/// What the dashboard needs from the quiz attempts of one module in one language: kept in the
/// `quiz_summaries` store so the dashboard never reads every attempt. Derived data: the store
/// drops a module's summary whenever one of its attempts is written, and the dashboard builds
/// it again from that module's attempts ([`QuizSummary::build`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuizSummary {
    pub profile: String,
    /// The module id (one summary per module).
    pub id: String,
    pub module: String,
    /// The module content version the attempts were scored against.
    pub module_version: u32,
    /// The language they were scored in (short-text answers are scored per language).
    pub lang: String,
    /// Best and latest score (whole percent) of finished attempts over the whole quiz.
    pub best: Option<u32>,
    pub last: Option<u32>,
    /// Finished attempts over the whole quiz.
    pub attempts: usize,
    /// The latest start or finish of any attempt (ms since the epoch).
    pub last_moment: Option<f64>,
    /// The competence profile's quiz scores: each competence's questions in the finished
    /// attempt started last (whole quiz or retry), empty before any finished attempt.
    #[serde(default)]
    pub mastery: Vec<CompetenceScore>,
    /// [`QUIZ_SUMMARY_FORMAT`] when built; absent (0) in summaries of earlier versions, which
    /// held the latest attempt itself and are built again.
    #[serde(default)]
    pub format: u32,
}

/// The form of [`QuizSummary`] this version builds. Summaries are derived data: one of another
/// form is never current, so the dashboard builds it again from the attempts.
pub const QUIZ_SUMMARY_FORMAT: u32 = 2;

/// One competence's questions in a quiz attempt: their scores (0–1 each) added up, and how many.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CompetenceScore {
    pub competence: String,
    pub sum: f64,
    pub questions: u32,
}

impl QuizSummary {
    /// Scores the finished attempts of `module` among `attempts` (attempts of other modules are
    /// ignored).
    pub fn build(
        profile: &str,
        module: &Module,
        attempts: &[crate::quiz::QuizAttempt],
        lang: &str,
    ) -> QuizSummary {
        let quiz_len = module.quiz.questions.len();
        let own: Vec<&crate::quiz::QuizAttempt> =
            attempts.iter().filter(|a| a.module == module.id).collect();
        let mut finished: Vec<&crate::quiz::QuizAttempt> = own
            .iter()
            .copied()
            .filter(|a| a.finished_at.is_some())
            .filter(|a| quiz_len > 0 && a.questions.len() == quiz_len)
            .collect();
        finished.sort_by(|a, b| {
            a.finished_at
                .unwrap_or_default()
                .total_cmp(&b.finished_at.unwrap_or_default())
        });
        let scores: Vec<u32> = finished
            .iter()
            .map(|a| a.result(module, lang).percent)
            .collect();
        let last_moment = own
            .iter()
            .flat_map(|a| [Some(a.started_at), a.finished_at])
            .flatten()
            .fold(None, |m: Option<f64>, t| Some(m.map_or(t, |m| m.max(t))));
        let latest = own
            .iter()
            .filter(|a| a.finished_at.is_some())
            .max_by(|a, b| a.started_at.total_cmp(&b.started_at));
        let mut mastery: Vec<CompetenceScore> = Vec::new();
        if let Some(attempt) = latest {
            for q in module
                .quiz
                .questions
                .iter()
                .filter(|q| attempt.questions.contains(&q.id))
            {
                let score = crate::quiz::score(&q.kind, attempt.answers.get(&q.id), lang).0;
                for c in &q.competences {
                    match mastery.iter_mut().find(|m| &m.competence == c) {
                        Some(m) => {
                            m.sum += score;
                            m.questions += 1;
                        }
                        None => mastery.push(CompetenceScore {
                            competence: c.clone(),
                            sum: score,
                            questions: 1,
                        }),
                    }
                }
            }
        }
        QuizSummary {
            profile: profile.to_owned(),
            id: module.id.clone(),
            module: module.id.clone(),
            module_version: module.version,
            lang: lang.to_owned(),
            best: scores.iter().copied().max(),
            last: scores.last().copied(),
            attempts: scores.len(),
            last_moment,
            mastery,
            format: QUIZ_SUMMARY_FORMAT,
        }
    }

    /// The summary of a module without attempts, made without its file: what [`QuizSummary::build`]
    /// gives for no attempts (a test checks that).
    pub fn empty(profile: &str, module: &str, version: u32, lang: &str) -> QuizSummary {
        QuizSummary {
            profile: profile.to_owned(),
            id: module.to_owned(),
            module: module.to_owned(),
            module_version: version,
            lang: lang.to_owned(),
            best: None,
            last: None,
            attempts: 0,
            last_moment: None,
            mastery: Vec::new(),
            format: QUIZ_SUMMARY_FORMAT,
        }
    }

    /// True when this summary was scored against module `id` at content `version`, in
    /// `lang`, and has this version's form.
    pub fn is_current(&self, id: &str, version: u32, lang: &str) -> bool {
        self.format == QUIZ_SUMMARY_FORMAT
            && self.module == id
            && self.module_version == version
            && self.lang == lang
    }
}

/// The dashboard's figures for one module, from its attempts.
pub fn module_summary(
    module: &Module,
    progress: &[LessonProgress],
    attempts: &[crate::quiz::QuizAttempt],
    runs: &[SelfAssessmentRecord],
    activity: &[crate::activity::ActivityRecord],
    lang: &str,
) -> ModuleSummary {
    let quiz = QuizSummary::build("", module, attempts, lang);
    let lessons: Vec<String> = module.lessons.iter().map(|l| l.id.clone()).collect();
    module_summary_with(&module.id, &lessons, progress, &quiz, runs, activity)
}

/// The dashboard's figures for one module, from its [`QuizSummary`].
/// `lesson_ids`: the module's lessons, as its catalog entry lists them.
pub fn module_summary_with(
    module: &str,
    lesson_ids: &[String],
    progress: &[LessonProgress],
    quiz: &QuizSummary,
    runs: &[SelfAssessmentRecord],
    activity: &[crate::activity::ActivityRecord],
) -> ModuleSummary {
    let completion = completion(module, lesson_ids, progress);
    let phase_avg = |phase: AssessmentPhase| {
        runs.iter()
            .find(|r| r.module == module && r.phase == phase)
            .and_then(average_rating)
    };
    let growth = match (
        phase_avg(AssessmentPhase::Before),
        phase_avg(AssessmentPhase::After),
    ) {
        (Some(b), Some(a)) => Some(a - b),
        _ => None,
    };
    let activity: Vec<_> = activity.iter().filter(|a| a.module == module).collect();
    let time_ms = activity.iter().map(|a| a.ms).sum();
    let moments = progress
        .iter()
        .filter(|p| p.module == module)
        .flat_map(|p| [Some(p.opened_at), p.completed_at])
        .chain([quiz.last_moment])
        .chain(
            runs.iter()
                .filter(|r| r.module == module)
                .map(|r| Some(r.updated_at)),
        )
        .chain(activity.iter().map(|a| Some(a.updated_at)))
        .flatten();
    let last_activity = moments.fold(None, |m: Option<f64>, t| Some(m.map_or(t, |m| m.max(t))));
    ModuleSummary {
        completion,
        best: quiz.best,
        last: quiz.last,
        attempts: quiz.attempts,
        growth,
        time_ms,
        last_activity,
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

    fn module_with_statements() -> Module {
        let json = r#"{"format":1,"id":"m","version":3,"title":{"en":"M"},"summary":{"en":"S"},"objectives":[],
            "duration_minutes":10,"competences":["a","b"],"lessons":[],"quiz":{"pass_mark":70,"questions":[]},
            "self_assessment":[
              {"id":"s1","text":{"en":"one"},"competence":"a"},
              {"id":"s2","text":{"en":"two"},"competence":"a"},
              {"id":"s3","text":{"en":"three"},"competence":"b"}]}"#;
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn self_assessment_averages_per_competence_and_rejects_bad_ratings() {
        let m = module_with_statements();
        let mut r = SelfAssessmentRecord::new("p", &m, AssessmentPhase::Before, 1.0);
        assert_eq!(r.id, "m/before");
        assert_eq!(r.module_version, 3);
        assert!(r.rate(&m, "s1", 2, 2.0));
        assert!(r.rate(&m, "s2", 5, 3.0));
        assert!(!r.rate(&m, "s3", 0, 4.0));
        assert!(!r.rate(&m, "s3", 6, 4.0));
        assert!(!r.rate(&m, "nope", 3, 4.0));
        assert!(!r.is_complete(&m));
        assert!(r.rate(&m, "s3", 4, 5.0));
        assert!(r.is_complete(&m));
        let avg = r.by_competence(&m);
        assert_eq!(avg["a"], 3.5);
        assert_eq!(avg["b"], 4.0);
        assert_eq!(r.updated_at, 5.0);
    }

    #[test]
    fn competence_profile_combines_self_ratings_and_quiz_mastery() {
        let mut m = module_with_statements();
        m.quiz.questions = serde_json::from_str(
            r#"[{"id":"q1","competences":["a"],"prompt":{"en":"p"},
                 "kind":{"true_false":{"correct":true,"feedback_true":{"en":"y"},"feedback_false":{"en":"n"}}}},
                {"id":"q2","competences":["a","b"],"prompt":{"en":"p"},
                 "kind":{"true_false":{"correct":false,"feedback_true":{"en":"y2"},"feedback_false":{"en":"n2"}}}}]"#,
        )
        .unwrap();
        let mut before = SelfAssessmentRecord::new("p", &m, AssessmentPhase::Before, 1.0);
        before.rate(&m, "s1", 2, 1.0);
        before.rate(&m, "s2", 4, 1.0);
        let mut after = SelfAssessmentRecord::new("p", &m, AssessmentPhase::After, 2.0);
        after.rate(&m, "s3", 5, 2.0);
        let mut old = crate::quiz::QuizAttempt::start("p", &m, None, 1, 1.0);
        old.finished_at = Some(1.5);
        let mut latest = crate::quiz::QuizAttempt::start("p", &m, None, 1, 3.0);
        latest
            .answers
            .insert("q1".into(), crate::quiz::Answer::TrueFalse(true));
        latest
            .answers
            .insert("q2".into(), crate::quiz::Answer::TrueFalse(true));
        latest.finished_at = Some(4.0);
        let comps = vec!["a".to_string(), "b".to_string(), "c".to_string()];
        let summary = QuizSummary::build("p", &m, &[old, latest], "en");
        let facts = ModuleFacts::of(&m);
        assert_eq!(facts.self_assessment["s1"], "a");
        let profile = competence_profile(
            &comps,
            std::slice::from_ref(&facts),
            &[before.clone(), after.clone()],
            std::slice::from_ref(&summary),
        );
        assert_eq!(profile[0].before, Some(3.0));
        assert_eq!(profile[0].after, None);
        assert_eq!(
            profile[0].mastery,
            Some(0.5),
            "latest attempt: q1 right, q2 wrong"
        );
        assert_eq!(profile[1].after, Some(5.0));
        assert_eq!(profile[1].mastery, Some(0.0));
        assert_eq!(
            profile[2],
            CompetencePoint {
                competence: "c".into(),
                before: None,
                after: None,
                mastery: None
            }
        );
        // A summary or a run of a module the page does not list counts for nothing.
        let mut other = summary.clone();
        other.module = "gone".into();
        let mut other_run = before;
        other_run.module = "gone".into();
        let alone = competence_profile(&comps, &[facts], &[other_run, after], &[other]);
        assert_eq!((alone[0].before, alone[0].mastery), (None, None));
        assert_eq!(alone[1].after, Some(5.0));
    }

    #[test]
    fn reopening_keeps_completion() {
        let done = rec("a", "one", 1.0, true);
        let again = LessonProgress::opened(DEFAULT_PROFILE, "a", "one", 10.0, Some(&done));
        assert!(again.is_done());
        assert_eq!(again.opened_at, 10.0);
    }

    #[test]
    fn profile_names_are_checked_and_initials_derived() {
        let a = Profile::new("a", "Amal Haddad", 1.0);
        let b = Profile::new("b", "", 1.0);
        assert_eq!(a.initials("Me"), "AH");
        assert_eq!(b.initials("My profile"), "MP");
        assert_eq!(Profile::new("c", "jo", 1.0).initials(""), "J");
        assert_eq!(b.display_name("My profile"), "My profile");
        let others = vec![a.clone(), b];
        assert_eq!(
            check_profile_name("  ", &others, None),
            Err(ProfileNameError::Empty)
        );
        assert_eq!(
            check_profile_name(&"x".repeat(41), &others, None),
            Err(ProfileNameError::TooLong)
        );
        assert_eq!(
            check_profile_name("amal haddad", &others, None),
            Err(ProfileNameError::Taken)
        );
        assert_eq!(
            check_profile_name("Amal Haddad", &others, Some("a")),
            Ok("Amal Haddad".into())
        );
        assert_eq!(check_profile_name(" Lea ", &others, None), Ok("Lea".into()));
        assert!(PROFILE_COLORS.contains(&a.color()));
        assert_ne!(Profile::new_id(1.0, 0.1), Profile::new_id(1.0, 0.2));
    }

    #[test]
    fn the_first_profile_is_blue_as_on_the_prerendered_page() {
        // tools/prerender.mjs draws the first profile's avatar before the app starts.
        assert_eq!(Profile::new(DEFAULT_PROFILE, "", 0.0).color(), "blue");
    }

    #[test]
    fn profiles_written_before_colours_existed_still_read() {
        let p: Profile = serde_json::from_str(
            r#"{"profile":"default","id":"default","name":"","created_at":5}"#,
        )
        .unwrap();
        assert_eq!(p.color, "");
        assert!(PROFILE_COLORS.contains(&p.color()));
    }

    #[test]
    fn module_summary_gathers_what_the_dashboard_shows() {
        let mut m = module_with_statements();
        m.lessons = serde_json::from_str(
            r#"[{"id":"one","title":{"en":"One"},"minutes":1,"body":{"en":"x"},"activity":{"title":{"en":"t"},"body":{"en":"b"}}},
                {"id":"two","title":{"en":"Two"},"minutes":1,"body":{"en":"y"},"activity":{"title":{"en":"t"},"body":{"en":"b"}}}]"#,
        )
        .unwrap();
        m.quiz.questions = serde_json::from_str(
            r#"[{"id":"q1","competences":["a"],"prompt":{"en":"p"},
                 "kind":{"true_false":{"correct":true,"feedback_true":{"en":"y"},"feedback_false":{"en":"n"}}}},
                {"id":"q2","competences":["a"],"prompt":{"en":"p"},
                 "kind":{"true_false":{"correct":true,"feedback_true":{"en":"y"},"feedback_false":{"en":"n"}}}}]"#,
        )
        .unwrap();
        let progress = vec![rec("m", "one", 10.0, true), rec("other", "one", 99.0, true)];
        let answer = |a: &mut crate::quiz::QuizAttempt, q: &str, v: bool| {
            a.answers
                .insert(q.into(), crate::quiz::Answer::TrueFalse(v));
        };
        let mut first = crate::quiz::QuizAttempt::start("p", &m, None, 1, 20.0);
        answer(&mut first, "q1", true);
        answer(&mut first, "q2", true);
        first.finished_at = Some(21.0);
        let mut second = crate::quiz::QuizAttempt::start("p", &m, None, 1, 30.0);
        answer(&mut second, "q1", true);
        second.finished_at = Some(31.0);
        // A retry of one question is not a score over the whole quiz.
        let mut retry = crate::quiz::QuizAttempt::start("p", &m, Some(vec!["q2".into()]), 1, 40.0);
        answer(&mut retry, "q2", true);
        retry.finished_at = Some(41.0);
        let unfinished = crate::quiz::QuizAttempt::start("p", &m, None, 1, 50.0);
        let mut before = SelfAssessmentRecord::new("p", &m, AssessmentPhase::Before, 5.0);
        before.rate(&m, "s1", 2, 5.0);
        before.rate(&m, "s2", 2, 5.0);
        let mut after = SelfAssessmentRecord::new("p", &m, AssessmentPhase::After, 45.0);
        after.rate(&m, "s1", 4, 45.0);
        let activity = vec![
            crate::activity::ActivityRecord::add(None, "p", "m", "2026-11-25", 60_000.0, 12.0),
            crate::activity::ActivityRecord::add(None, "p", "m", "2026-11-26", 30_000.0, 13.0),
            crate::activity::ActivityRecord::add(None, "p", "other", "2026-11-26", 5.0, 99.0),
        ];
        let attempts = [first, second.clone(), retry.clone(), unfinished];
        let s = module_summary(
            &m,
            &progress,
            &attempts,
            &[before.clone(), after.clone()],
            &activity,
            "en",
        );
        // The stored summary gives the same figures as the attempts themselves.
        let quiz = QuizSummary::build("p", &m, &attempts, "en");
        let lessons: Vec<String> = m.lessons.iter().map(|l| l.id.clone()).collect();
        assert_eq!(
            module_summary_with(
                &m.id,
                &lessons,
                &progress,
                &quiz,
                &[before, after],
                &activity
            ),
            s
        );
        assert_eq!((quiz.profile.as_str(), quiz.id.as_str()), ("p", "m"));
        assert_eq!(quiz.last_moment, Some(50.0));
        // The store keeps a summary through a write that cannot change it: an answer saved to
        // an attempt that stays unfinished. Every other write changes it.
        let rebuilt =
            |attempts: &[crate::quiz::QuizAttempt]| QuizSummary::build("p", &m, attempts, "en");
        let mut answered = attempts.clone();
        answer(&mut answered[3], "q1", false);
        answered[3].current = 1;
        assert!(!crate::quiz::QuizAttempt::changes_summary(
            Some(&attempts[3]),
            Some(&answered[3])
        ));
        assert_eq!(rebuilt(&answered), quiz);
        let mut finished = answered.clone();
        finished[3].finished_at = Some(51.0);
        assert!(crate::quiz::QuizAttempt::changes_summary(
            Some(&answered[3]),
            Some(&finished[3])
        ));
        assert_ne!(rebuilt(&finished), quiz);
        let mut changed = attempts.clone();
        answer(&mut changed[1], "q2", true);
        assert!(crate::quiz::QuizAttempt::changes_summary(
            Some(&attempts[1]),
            Some(&changed[1])
        ));
        assert_ne!(
            rebuilt(&changed),
            quiz,
            "a finished attempt's score changed"
        );
        assert!(crate::quiz::QuizAttempt::changes_summary(
            None,
            Some(&attempts[3])
        ));
        assert_ne!(rebuilt(&attempts[..3]), quiz, "an attempt started");
        assert!(crate::quiz::QuizAttempt::changes_summary(
            Some(&attempts[3]),
            None
        ));

        // The latest finished attempt, retry included, is what the competence profile scores.
        // The retry holds q2 alone, answered right: one question of competence "a".
        assert_eq!(
            quiz.mastery,
            vec![CompetenceScore {
                competence: "a".into(),
                sum: 1.0,
                questions: 1
            }]
        );
        assert!(quiz.is_current("m", m.version, "en"));
        assert!(
            !quiz.is_current("m", m.version, "de"),
            "scored in another language"
        );
        assert!(
            !quiz.is_current("m", m.version + 1, "en"),
            "scored against an older version"
        );
        // A summary stored by an earlier version (the latest attempt itself, no form) reads,
        // and is not current: the dashboard builds it again.
        let mut earlier = serde_json::to_value(&quiz).unwrap();
        let fields = earlier.as_object_mut().unwrap();
        fields.remove("mastery");
        fields.remove("format");
        fields.insert("latest".into(), serde_json::to_value(&retry).unwrap());
        let earlier: QuizSummary = serde_json::from_value(earlier).unwrap();
        assert!(earlier.mastery.is_empty());
        assert!(!earlier.is_current("m", m.version, "en"));
        // A module without attempts needs no module file for its summary: the empty one is
        // what scoring no attempts gives.
        let empty = QuizSummary::empty("p", "m", m.version, "en");
        assert_eq!(empty, QuizSummary::build("p", &m, &[], "en"));
        assert!(empty.is_current("m", m.version, "en"));
        assert_eq!((s.completion.done, s.completion.total), (1, 2));
        assert_eq!((s.best, s.last, s.attempts), (Some(100), Some(50), 2));
        assert_eq!(s.growth, Some(2.0));
        assert_eq!(s.time_ms, 90_000.0);
        assert_eq!(s.last_activity, Some(50.0));
        assert_eq!(
            certificate_facts(&m, &s),
            None,
            "one of two lessons done: no certificate yet"
        );
        let mut done = s.clone();
        done.completion.done = 2;
        assert_eq!(
            certificate_facts(&m, &done),
            Some(CertificateFacts {
                score: 100,
                date: 50.0
            })
        );
        done.best = Some(u32::from(m.quiz.pass_mark) - 1);
        assert_eq!(certificate_facts(&m, &done), None, "quiz not passed");

        let empty = module_summary(&m, &[], &[], &[], &[], "en");
        assert_eq!(
            (empty.best, empty.growth, empty.last_activity),
            (None, None, None)
        );
    }
}
