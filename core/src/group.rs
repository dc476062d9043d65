//! Assignments and reports as a learner and a trainer keep them: the stored records, the report
//! a learner builds from their own progress, the trainer's group view over imported reports, and
//! its CSV export.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::codes::{Assignment, ModuleResult, QuestionResult, QuizResult, Report};
use crate::content::{Module, QuestionKind};
use crate::progress::{completion, AssessmentPhase, LessonProgress, SelfAssessmentRecord};
use crate::quiz::{Answer, QuizAttempt};
use crate::worksheet::Tool;

/// Whose assignment a stored record is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Made on this device by a trainer.
    Trainer,
    /// Accepted on this device by a learner.
    Learner,
}

/// An assignment kept in the `assignments` store.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AssignmentRecord {
    pub profile: String,
    /// `<role>/<assignment id>`: a trainer who also accepts their own assignment keeps both.
    pub id: String,
    pub role: Role,
    pub assignment: Assignment,
    /// When it was made or accepted (ms since the epoch).
    pub saved_at: f64,
}

impl AssignmentRecord {
    /// The record id of an assignment in a role.
    pub fn key(role: Role, assignment: &str) -> String {
        let r = match role {
            Role::Trainer => "trainer",
            Role::Learner => "learner",
        };
        format!("{r}/{assignment}")
    }

    /// A record of `assignment` for `profile`.
    pub fn new(profile: &str, role: Role, assignment: Assignment, now: f64) -> Self {
        AssignmentRecord {
            profile: profile.to_owned(),
            id: Self::key(role, &assignment.id),
            role,
            assignment,
            saved_at: now,
        }
    }
}

/// A learner's report imported by a trainer, kept in the `reports` store.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportRecord {
    pub profile: String,
    /// `<assignment id>/<learner id>`: a newer report of the same learner replaces the older.
    pub id: String,
    pub assignment: String,
    pub report: Report,
    pub imported_at: f64,
}

impl ReportRecord {
    /// The record id of a learner's report on an assignment.
    pub fn key(report: &Report) -> String {
        format!("{}/{}", report.assignment, report.learner_id)
    }

    /// A record of `report` for the trainer's `profile`.
    pub fn new(profile: &str, report: Report, now: f64) -> Self {
        ReportRecord {
            profile: profile.to_owned(),
            id: Self::key(&report),
            assignment: report.assignment.clone(),
            report,
            imported_at: now,
        }
    }

    /// Whether `incoming` should replace `existing` (it is at least as new).
    pub fn replaces(incoming: &Report, existing: &Report) -> bool {
        incoming.created >= existing.created
    }
}

fn tenths(run: Option<&SelfAssessmentRecord>) -> Option<u8> {
    let run = run?;
    let n = run.ratings.len();
    (n > 0).then(|| {
        let avg = run.ratings.values().map(|r| f64::from(*r)).sum::<f64>() / n as f64;
        (avg * 10.0).round() as u8
    })
}

/// The option ids an answer chose, as a report shares them.
fn chosen(answer: Option<&Answer>) -> Vec<String> {
    match answer {
        Some(Answer::SingleChoice(id)) => vec![id.clone()],
        Some(Answer::MultipleChoice(ids)) => ids.clone(),
        Some(Answer::TrueFalse(b)) => vec![b.to_string()],
        _ => Vec::new(),
    }
}

/// The learner's report on `assignment` from their own records: exactly the assignment's
/// modules, and for each the latest finished full quiz attempt; of the assignment's worksheet
/// tasks, those in `tools_done`.
#[allow(clippy::too_many_arguments)]
pub fn build_report(
    assignment: &Assignment,
    learner: &str,
    learner_id: &str,
    modules: &[Module],
    progress: &[LessonProgress],
    attempts: &[QuizAttempt],
    runs: &[SelfAssessmentRecord],
    tools_done: &[Tool],
    now_secs: u64,
    lang: &str,
) -> Report {
    let results = assignment
        .modules
        .iter()
        .filter_map(|am| modules.iter().find(|m| m.id == am.module))
        .map(|m| {
            let ids: Vec<String> = m.lessons.iter().map(|l| l.id.clone()).collect();
            let c = completion(&m.id, &ids, progress);
            let run = |phase| runs.iter().find(|r| r.module == m.id && r.phase == phase);
            let latest = attempts
                .iter()
                .filter(|a| {
                    a.module == m.id
                        && a.finished_at.is_some()
                        && a.questions.len() == m.quiz.questions.len()
                })
                .max_by(|a, b| {
                    a.finished_at
                        .unwrap_or_default()
                        .total_cmp(&b.finished_at.unwrap_or_default())
                });
            let quiz = latest.map(|a| {
                let result = a.result(m, lang);
                let pass = u32::from(assignment.pass_mark);
                QuizResult {
                    percent: result.percent.min(100) as u8,
                    passed: result.percent >= pass,
                    finished: (a.finished_at.unwrap_or_default() / 1000.0) as u64,
                    questions: result
                        .per_question
                        .iter()
                        .map(|(q, score)| QuestionResult {
                            question: q.clone(),
                            score: (score.0 * 100.0).round().clamp(0.0, 100.0) as u8,
                            chosen: chosen(a.answers.get(q)),
                        })
                        .collect(),
                }
            });
            ModuleResult {
                module: m.id.clone(),
                lessons_done: c.done as u16,
                lessons_total: c.total as u16,
                self_before: tenths(run(AssessmentPhase::Before)),
                self_after: tenths(run(AssessmentPhase::After)),
                quiz,
            }
        })
        .collect();
    Report {
        assignment: assignment.id.clone(),
        learner: learner.trim().to_owned(),
        learner_id: learner_id.to_owned(),
        created: now_secs,
        modules: results,
        tools_done: assignment
            .tools
            .iter()
            .copied()
            .filter(|t| tools_done.contains(t))
            .collect(),
    }
}

/// Whether a module result meets what the assignment requires.
pub fn module_complete(assignment: &Assignment, result: &ModuleResult) -> bool {
    let Some(req) = assignment
        .modules
        .iter()
        .find(|m| m.module == result.module)
    else {
        return false;
    };
    let lessons = result.lessons_total > 0 && result.lessons_done >= result.lessons_total;
    let quiz = !req.quiz || result.quiz.as_ref().is_some_and(|q| q.passed);
    let after = !req.after_self_assessment || result.self_after.is_some();
    lessons && quiz && after
}

/// Days since 1970-01-01 of a UTC moment in seconds.
pub fn day_of(secs: u64) -> u32 {
    (secs / 86_400) as u32
}

/// One learner's row in the group view.
#[derive(Debug, Clone, PartialEq)]
pub struct LearnerRow {
    pub learner: String,
    pub learner_id: String,
    pub reported: u64,
    /// One cell per assigned module, in the assignment's order (`None`: not in the report).
    pub cells: Vec<Option<ModuleResult>>,
    pub complete: usize,
    /// One per worksheet task of the assignment, in its order: done or not.
    pub tools: Vec<bool>,
    /// The due date passed and not every module and worksheet is complete.
    pub overdue: bool,
}

/// A quiz question most of the group found hard.
#[derive(Debug, Clone, PartialEq)]
pub struct QuestionStat {
    pub module: String,
    pub question: String,
    pub answered: usize,
    pub correct: usize,
    /// The wrong option chosen most often, and how often.
    pub common_wrong: Option<(String, usize)>,
    /// Learners who did not get full marks.
    pub missed_by: Vec<String>,
}

impl QuestionStat {
    /// Share answered fully right (0–1).
    pub fn share_correct(&self) -> f64 {
        if self.answered == 0 {
            0.0
        } else {
            self.correct as f64 / self.answered as f64
        }
    }
}

/// The trainer's view of one assignment over the imported reports.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupView {
    pub rows: Vec<LearnerRow>,
    /// Per assigned module: average lesson completion (0–1) and average quiz percent.
    pub module_averages: Vec<(f64, Option<f64>)>,
    /// Every answered question, hardest first.
    pub questions: Vec<QuestionStat>,
}

/// Builds the group view. `today` is the current day (days since the epoch).
pub fn group_view(assignment: &Assignment, reports: &[Report], today: u32) -> GroupView {
    let mut rows: Vec<LearnerRow> = reports
        .iter()
        .filter(|r| r.assignment == assignment.id)
        .map(|r| {
            let cells: Vec<Option<ModuleResult>> = assignment
                .modules
                .iter()
                .map(|am| r.modules.iter().find(|m| m.module == am.module).cloned())
                .collect();
            let complete = cells
                .iter()
                .flatten()
                .filter(|c| module_complete(assignment, c))
                .count();
            let tools: Vec<bool> = assignment
                .tools
                .iter()
                .map(|t| r.tools_done.contains(t))
                .collect();
            let overdue = assignment.due_day.is_some_and(|d| today > d)
                && (complete < assignment.modules.len() || tools.contains(&false));
            LearnerRow {
                learner: r.learner.clone(),
                learner_id: r.learner_id.clone(),
                reported: r.created,
                cells,
                complete,
                tools,
                overdue,
            }
        })
        .collect();
    rows.sort_by_key(|r| r.learner.to_lowercase());
    let module_averages = (0..assignment.modules.len())
        .map(|i| {
            let cells: Vec<&ModuleResult> =
                rows.iter().filter_map(|r| r.cells[i].as_ref()).collect();
            let lessons = if cells.is_empty() {
                0.0
            } else {
                cells
                    .iter()
                    .map(|c| f64::from(c.lessons_done) / f64::from(c.lessons_total.max(1)))
                    .sum::<f64>()
                    / cells.len() as f64
            };
            let quizzes: Vec<f64> = cells
                .iter()
                .filter_map(|c| c.quiz.as_ref().map(|q| f64::from(q.percent)))
                .collect();
            let quiz =
                (!quizzes.is_empty()).then(|| quizzes.iter().sum::<f64>() / quizzes.len() as f64);
            (lessons, quiz)
        })
        .collect();
    let mut stats: BTreeMap<(String, String), (QuestionStat, BTreeMap<String, usize>)> =
        BTreeMap::new();
    for row in &rows {
        for cell in row.cells.iter().flatten() {
            let Some(quiz) = &cell.quiz else { continue };
            for q in &quiz.questions {
                let (stat, wrong) = stats
                    .entry((cell.module.clone(), q.question.clone()))
                    .or_insert_with(|| {
                        (
                            QuestionStat {
                                module: cell.module.clone(),
                                question: q.question.clone(),
                                answered: 0,
                                correct: 0,
                                common_wrong: None,
                                missed_by: Vec::new(),
                            },
                            BTreeMap::new(),
                        )
                    });
                stat.answered += 1;
                if q.score >= 100 {
                    stat.correct += 1;
                } else {
                    stat.missed_by.push(row.learner.clone());
                    for c in &q.chosen {
                        *wrong.entry(c.clone()).or_default() += 1;
                    }
                }
            }
        }
    }
    let mut questions: Vec<QuestionStat> = stats
        .into_values()
        .map(|(mut stat, wrong)| {
            stat.common_wrong = wrong
                .into_iter()
                .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)));
            stat
        })
        .collect();
    questions.sort_by(|a, b| {
        a.share_correct()
            .total_cmp(&b.share_correct())
            .then(b.answered.cmp(&a.answered))
            .then(a.question.cmp(&b.question))
    });
    GroupView {
        rows,
        module_averages,
        questions,
    }
}

/// The wrong option a question's stat names, as text for people: the option's own words where
/// the question has options.
pub fn option_text(module: &Module, question: &str, option: &str, lang: &str) -> String {
    let Some(q) = module.quiz.questions.iter().find(|q| q.id == question) else {
        return option.to_owned();
    };
    match &q.kind {
        QuestionKind::SingleChoice { options, .. }
        | QuestionKind::MultipleChoice { options, .. } => options
            .iter()
            .find(|o| o.id == option)
            .map(|o| o.text.get(lang).to_owned())
            .unwrap_or_else(|| option.to_owned()),
        _ => option.to_owned(),
    }
}

fn csv_field(s: &str) -> String {
    // A cell a spreadsheet program would run as a formula is written as text.
    let formula = s.starts_with(['=', '+', '@', '\t', '\r'])
        || (s.starts_with('-') && s.parse::<f64>().is_err());
    let s = if formula {
        format!("'{s}")
    } else {
        s.to_owned()
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

/// Rows as CSV text (RFC 4180).
pub(crate) fn csv(rows: Vec<Vec<String>>) -> String {
    // UTF-8 with a byte order mark, so spreadsheet programs read umlauts right; CRLF lines.
    let mut out = String::from("\u{feff}");
    for row in rows {
        let line: Vec<String> = row.iter().map(|f| csv_field(f)).collect();
        out.push_str(&line.join(","));
        out.push_str("\r\n");
    }
    out
}

/// One row per learner and module, then per learner and worksheet task (the tool's slug in the
/// `module` column) (RFC 4180). Numbers are plain numbers; missing values empty.
pub fn csv_modules(assignment: &Assignment, view: &GroupView) -> String {
    let mut rows = vec![[
        "learner",
        "module",
        "lessons_done",
        "lessons_total",
        "quiz_percent",
        "quiz_passed",
        "self_before",
        "self_after",
        "complete",
        "overdue",
    ]
    .map(String::from)
    .to_vec()];
    let opt = |v: Option<String>| v.unwrap_or_default();
    for row in &view.rows {
        for (am, cell) in assignment.modules.iter().zip(&row.cells) {
            let c = cell.as_ref();
            rows.push(vec![
                row.learner.clone(),
                am.module.clone(),
                opt(c.map(|c| c.lessons_done.to_string())),
                opt(c.map(|c| c.lessons_total.to_string())),
                opt(c
                    .and_then(|c| c.quiz.as_ref())
                    .map(|q| q.percent.to_string())),
                opt(c
                    .and_then(|c| c.quiz.as_ref())
                    .map(|q| q.passed.to_string())),
                opt(c
                    .and_then(|c| c.self_before)
                    .map(|t| format!("{:.1}", f64::from(t) / 10.0))),
                opt(c
                    .and_then(|c| c.self_after)
                    .map(|t| format!("{:.1}", f64::from(t) / 10.0))),
                c.is_some_and(|c| module_complete(assignment, c))
                    .to_string(),
                row.overdue.to_string(),
            ]);
        }
        for (tool, done) in assignment.tools.iter().zip(&row.tools) {
            let mut line = vec![String::new(); 10];
            line[0] = row.learner.clone();
            line[1] = tool.slug().to_owned();
            line[8] = done.to_string();
            line[9] = row.overdue.to_string();
            rows.push(line);
        }
    }
    csv(rows)
}

/// One row per learner and quiz question (RFC 4180).
pub fn csv_questions(view: &GroupView) -> String {
    let mut rows = vec![["learner", "module", "question", "score_percent", "chosen"]
        .map(String::from)
        .to_vec()];
    for row in &view.rows {
        for cell in row.cells.iter().flatten() {
            let Some(quiz) = &cell.quiz else { continue };
            for q in &quiz.questions {
                rows.push(vec![
                    row.learner.clone(),
                    cell.module.clone(),
                    q.question.clone(),
                    q.score.to_string(),
                    q.chosen.join(" "),
                ]);
            }
        }
    }
    csv(rows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codes::AssignedModule;

    fn assignment() -> Assignment {
        Assignment {
            id: "a-1".into(),
            title: "Herbst".into(),
            trainer: "Miriam".into(),
            message: String::new(),
            due_day: Some(100),
            pass_mark: 70,
            modules: ["m1", "m2"]
                .iter()
                .map(|m| AssignedModule {
                    module: (*m).into(),
                    quiz: true,
                    after_self_assessment: false,
                })
                .collect(),
            created: 1,
            tools: Vec::new(),
        }
    }

    /// (question, score, chosen option)
    type Answers<'a> = Vec<(&'a str, u8, &'a str)>;

    fn result(module: &str, done: u16, quiz: Option<(u8, Answers)>) -> ModuleResult {
        ModuleResult {
            module: module.into(),
            lessons_done: done,
            lessons_total: 4,
            self_before: None,
            self_after: None,
            quiz: quiz.map(|(percent, qs)| QuizResult {
                percent,
                passed: percent >= 70,
                finished: 5,
                questions: qs
                    .into_iter()
                    .map(|(q, score, chosen)| QuestionResult {
                        question: q.into(),
                        score,
                        chosen: vec![chosen.into()],
                    })
                    .collect(),
            }),
        }
    }

    fn report(learner: &str, modules: Vec<ModuleResult>) -> Report {
        Report {
            assignment: "a-1".into(),
            learner: learner.into(),
            learner_id: format!("id-{learner}"),
            created: 10,
            modules,
            tools_done: Vec::new(),
        }
    }

    #[test]
    fn the_group_view_shows_rows_averages_and_hard_questions() {
        let a = assignment();
        let reports = vec![
            report(
                "Zoë",
                vec![result(
                    "m1",
                    4,
                    Some((100, vec![("q1", 100, "a"), ("q2", 100, "c")])),
                )],
            ),
            report(
                "amal",
                vec![
                    result("m1", 4, Some((50, vec![("q1", 100, "a"), ("q2", 0, "b")]))),
                    result("m2", 2, None),
                ],
            ),
            report(
                "Lea",
                vec![result(
                    "m1",
                    1,
                    Some((50, vec![("q1", 0, "d"), ("q2", 0, "b")])),
                )],
            ),
        ];
        let v = group_view(&a, &reports, 101);
        let names: Vec<&str> = v.rows.iter().map(|r| r.learner.as_str()).collect();
        assert_eq!(names, ["amal", "Lea", "Zoë"]);
        assert!(
            v.rows.iter().all(|r| r.overdue),
            "past the due day, none finished both modules"
        );
        assert_eq!(
            v.rows[2].complete, 1,
            "Zoë finished m1: all lessons, quiz passed"
        );
        assert_eq!(v.module_averages[0].1, Some(200.0 / 3.0));
        assert_eq!(v.module_averages[1], (0.5, None));
        let hardest = &v.questions[0];
        assert_eq!(
            (hardest.question.as_str(), hardest.correct, hardest.answered),
            ("q2", 1, 3)
        );
        assert_eq!(hardest.common_wrong, Some(("b".into(), 2)));
        assert_eq!(hardest.missed_by, ["amal", "Lea"]);
        assert!(
            !group_view(&a, &reports, 100).rows[0].overdue,
            "not overdue on the due day"
        );
    }

    #[test]
    fn csv_is_rfc4180_with_a_bom() {
        let a = assignment();
        let v = group_view(
            &a,
            &[report(
                "Müller, \"Jo\"",
                vec![result("m1", 3, Some((80, vec![("q1", 100, "a")])))],
            )],
            0,
        );
        let text = csv_modules(&a, &v);
        assert!(text.starts_with('\u{feff}'));
        let lines: Vec<&str> = text.trim_start_matches('\u{feff}').split("\r\n").collect();
        assert_eq!(lines[0], "learner,module,lessons_done,lessons_total,quiz_percent,quiz_passed,self_before,self_after,complete,overdue");
        assert_eq!(
            lines[1],
            "\"Müller, \"\"Jo\"\"\",m1,3,4,80,true,,,false,false"
        );
        assert_eq!(lines[2], "\"Müller, \"\"Jo\"\"\",m2,,,,,,,false,false");
        assert_eq!(lines.len(), 4, "two rows, header, and the final CRLF");
        let q = csv_questions(&v);
        assert!(q.contains("\r\n\"Müller, \"\"Jo\"\"\",m1,q1,100,a\r\n"));
    }

    #[test]
    fn worksheet_tasks_count_in_the_view_and_the_csv() {
        let mut a = assignment();
        a.modules.truncate(1);
        a.tools = vec![Tool::StakeholderMap, Tool::HealthCheck];
        let mut done = report("Lea", vec![result("m1", 4, Some((100, vec![])))]);
        done.tools_done = vec![Tool::HealthCheck, Tool::StakeholderMap];
        let mut half = report("Amal", vec![result("m1", 4, Some((100, vec![])))]);
        half.tools_done = vec![Tool::HealthCheck];
        let v = group_view(&a, &[done, half], 101);
        assert_eq!(v.rows[0].learner, "Amal");
        assert_eq!(v.rows[0].tools, [false, true]);
        assert!(v.rows[0].overdue, "a worksheet is still missing");
        assert_eq!(v.rows[1].tools, [true, true]);
        assert!(!v.rows[1].overdue);
        let text = csv_modules(&a, &v);
        assert!(
            text.contains("\r\nAmal,stakeholder-map,,,,,,,false,true\r\n"),
            "{text}"
        );
    }

    #[test]
    fn a_newer_report_replaces_an_older_one() {
        let old = report("Lea", vec![]);
        let mut new = old.clone();
        new.created = 11;
        assert!(ReportRecord::replaces(&new, &old));
        assert!(!ReportRecord::replaces(&old, &new));
        assert_eq!(ReportRecord::key(&new), "a-1/id-Lea");
    }
}
