//! Quiz rules: answers, scoring per question type, feedback, seeded shuffling, and attempts.
//!
//! Every question is worth one point; partial credit gives a share of it. The UI only renders
//! and dispatches: it never decides what is right.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::content::{Module, QuestionKind, Text, FALLBACK_LANGUAGE};
use crate::search::fold;

/// A learner's answer to one question. Ids refer to options, items and pairs of the question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Answer {
    SingleChoice(String),
    MultipleChoice(Vec<String>),
    TrueFalse(bool),
    /// Item ids in the order the learner put them.
    Ordering(Vec<String>),
    /// Left pair id → the pair id whose right side the learner chose.
    Matching(BTreeMap<String, String>),
    ShortText(String),
    /// Sub-question id → answer.
    Scenario(BTreeMap<String, Answer>),
}

/// Points for one question, between 0 and 1.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Score(pub f64);

impl Score {
    /// True for full marks.
    pub fn is_correct(self) -> bool {
        self.0 >= 1.0 - 1e-9
    }
}

/// Scores an answer. A missing answer, or one of the wrong shape, scores 0.
pub fn score(kind: &QuestionKind, answer: Option<&Answer>, lang: &str) -> Score {
    let Some(answer) = answer else {
        return Score(0.0);
    };
    let points = match (kind, answer) {
        (QuestionKind::SingleChoice { correct, .. }, Answer::SingleChoice(a)) => {
            f64::from(u8::from(a == correct))
        }
        (QuestionKind::MultipleChoice { options, correct }, Answer::MultipleChoice(picked)) => {
            // Each right pick earns a share, each wrong pick takes one away; never below zero.
            let mut unique: Vec<&String> = picked
                .iter()
                .filter(|p| options.iter().any(|o| &o.id == *p))
                .collect();
            unique.sort();
            unique.dedup();
            let right = unique.iter().filter(|p| correct.contains(p)).count() as f64;
            let wrong = unique.len() as f64 - right;
            ((right - wrong) / correct.len().max(1) as f64).max(0.0)
        }
        (QuestionKind::TrueFalse { correct, .. }, Answer::TrueFalse(a)) => {
            f64::from(u8::from(a == correct))
        }
        (QuestionKind::Ordering { items }, Answer::Ordering(order)) => {
            let placed = items
                .iter()
                .enumerate()
                .filter(|(i, item)| order.get(*i) == Some(&item.id))
                .count();
            placed as f64 / items.len().max(1) as f64
        }
        (QuestionKind::Matching { pairs }, Answer::Matching(chosen)) => {
            let right = pairs
                .iter()
                .filter(|p| chosen.get(&p.id) == Some(&p.id))
                .count();
            right as f64 / pairs.len().max(1) as f64
        }
        (QuestionKind::ShortText { accepted, .. }, Answer::ShortText(text)) => {
            f64::from(u8::from(short_text_matches(accepted, text, lang)))
        }
        (QuestionKind::Scenario { questions, .. }, Answer::Scenario(subs)) => {
            let total: f64 = questions
                .iter()
                .map(|q| score(&q.kind, subs.get(&q.id), lang).0)
                .sum();
            total / questions.len().max(1) as f64
        }
        _ => 0.0,
    };
    Score(points.clamp(0.0, 1.0))
}

/// True when `text` equals an accepted answer of `lang` (or English) after folding.
pub fn short_text_matches(
    accepted: &BTreeMap<String, Vec<String>>,
    text: &str,
    lang: &str,
) -> bool {
    let given = fold(text);
    if given.is_empty() {
        return false;
    }
    [lang, FALLBACK_LANGUAGE]
        .iter()
        .filter_map(|l| accepted.get(*l))
        .flatten()
        .any(|a| fold(a) == given)
}

/// The feedback to show for an answer: `(text, is_right)` per chosen option, placed item, pair
/// or typed answer.
pub fn feedback<'a>(kind: &'a QuestionKind, answer: &Answer, lang: &str) -> Vec<(&'a Text, bool)> {
    match (kind, answer) {
        (QuestionKind::SingleChoice { options, correct }, Answer::SingleChoice(a)) => options
            .iter()
            .filter(|o| &o.id == a)
            .map(|o| (&o.feedback, &o.id == correct))
            .collect(),
        (QuestionKind::MultipleChoice { options, correct }, Answer::MultipleChoice(picked)) => {
            options
                .iter()
                .filter(|o| picked.contains(&o.id))
                .map(|o| (&o.feedback, correct.contains(&o.id)))
                .collect()
        }
        (
            QuestionKind::TrueFalse {
                correct,
                feedback_true,
                feedback_false,
            },
            Answer::TrueFalse(a),
        ) => vec![(
            if *a { feedback_true } else { feedback_false },
            a == correct,
        )],
        (QuestionKind::Ordering { items }, Answer::Ordering(order)) => items
            .iter()
            .enumerate()
            .map(|(i, item)| (&item.feedback, order.get(i) == Some(&item.id)))
            .collect(),
        (QuestionKind::Matching { pairs }, Answer::Matching(chosen)) => pairs
            .iter()
            .map(|p| (&p.feedback, chosen.get(&p.id) == Some(&p.id)))
            .collect(),
        (
            QuestionKind::ShortText {
                accepted,
                feedback_correct,
                feedback_incorrect,
            },
            Answer::ShortText(t),
        ) => {
            if short_text_matches(accepted, t, lang) {
                vec![(feedback_correct, true)]
            } else {
                vec![(feedback_incorrect, false)]
            }
        }
        (QuestionKind::Scenario { questions, .. }, Answer::Scenario(subs)) => questions
            .iter()
            .filter_map(|q| subs.get(&q.id).map(|a| feedback(&q.kind, a, lang)))
            .flatten()
            .collect(),
        _ => Vec::new(),
    }
}

/// A small deterministic generator (SplitMix64): the same seed gives the same order on every
/// device and after every reload.
fn splitmix(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// A permutation of `0..n` determined by `seed` and `salt` (Fisher–Yates).
pub fn shuffled(n: usize, seed: u64, salt: &str) -> Vec<usize> {
    let mut state = seed
        ^ salt.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
        });
    let mut order: Vec<usize> = (0..n).collect();
    for i in (1..n).rev() {
        let j = (splitmix(&mut state) % (i as u64 + 1)) as usize;
        order.swap(i, j);
    }
    order
}

/// One run through a module's quiz, saved after every answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuizAttempt {
    pub profile: String,
    /// `<module id>/<started at, ms>`.
    pub id: String,
    pub module: String,
    /// The module content version the attempt answered.
    pub module_version: u32,
    /// Seed of the option order, so a resumed attempt shows the same order.
    pub seed: u64,
    pub started_at: f64,
    pub finished_at: Option<f64>,
    /// Question ids in this attempt, in order (all, or the ones retried).
    pub questions: Vec<String>,
    /// Index into `questions` of the question on screen.
    pub current: usize,
    /// Question id → answer, for every question answered so far.
    pub answers: BTreeMap<String, Answer>,
}

impl QuizAttempt {
    /// A new attempt over `questions` (all of the module's when `None`).
    pub fn start(
        profile: &str,
        module: &Module,
        questions: Option<Vec<String>>,
        seed: u64,
        now: f64,
    ) -> Self {
        QuizAttempt {
            profile: profile.to_owned(),
            id: format!("{}/{}", module.id, now as u64),
            module: module.id.clone(),
            module_version: module.version,
            seed,
            started_at: now,
            finished_at: None,
            questions: questions
                .unwrap_or_else(|| module.quiz.questions.iter().map(|q| q.id.clone()).collect()),
            current: 0,
            answers: BTreeMap::new(),
        }
    }

    /// This attempt as one tab has it, merged into the stored record another tab may have
    /// changed since: answers are united (this tab's answer wins for a question both answered),
    /// the position is the furthest either reached, and a finished attempt stays finished.
    pub fn merged_into(&self, stored: Option<QuizAttempt>) -> QuizAttempt {
        let Some(mut merged) = stored.filter(|s| s.id == self.id) else {
            return self.clone();
        };
        for (q, a) in &self.answers {
            merged.answers.insert(q.clone(), a.clone());
        }
        merged.current = merged.current.max(self.current);
        merged.finished_at = self.finished_at.or(merged.finished_at);
        merged
    }

    /// True when writing `new` in place of `old` (either missing for a created or deleted
    /// attempt) can change its module's quiz summary: the scores of finished attempts and the
    /// latest start or finish ([`crate::progress::QuizSummary::build`]). An answer saved to an
    /// attempt that stays unfinished changes neither.
    pub fn changes_summary(old: Option<&QuizAttempt>, new: Option<&QuizAttempt>) -> bool {
        match (old, new) {
            (Some(old), Some(new)) => {
                old.finished_at.is_some()
                    || new.finished_at.is_some()
                    || old.started_at != new.started_at
                    || old.module != new.module
            }
            _ => true,
        }
    }

    /// True when the quiz changed since this attempt started.
    pub fn is_stale(&self, module: &Module) -> bool {
        self.module_version != module.version
    }

    /// The result of the attempt against the module.
    pub fn result(&self, module: &Module, lang: &str) -> AttemptResult {
        let per_question: Vec<(String, Score)> = self
            .questions
            .iter()
            .filter_map(|id| module.quiz.questions.iter().find(|q| &q.id == id))
            .map(|q| (q.id.clone(), score(&q.kind, self.answers.get(&q.id), lang)))
            .collect();
        let points: f64 = per_question.iter().map(|(_, s)| s.0).sum();
        let max = per_question.len() as f64;
        let percent = if max == 0.0 {
            0
        } else {
            (points / max * 100.0).round() as u32
        };
        AttemptResult {
            points,
            max,
            percent,
            passed: percent >= u32::from(module.quiz.pass_mark),
            per_question,
        }
    }
}

/// The outcome of an attempt.
#[derive(Debug, Clone, PartialEq)]
pub struct AttemptResult {
    pub points: f64,
    pub max: f64,
    /// Whole percent of the maximum.
    pub percent: u32,
    pub passed: bool,
    /// Question id → score, in attempt order.
    pub per_question: Vec<(String, Score)>,
}

impl AttemptResult {
    /// Ids of the questions without full marks (for "retry only the ones I got wrong").
    pub fn wrong(&self) -> Vec<String> {
        self.per_question
            .iter()
            .filter(|(_, s)| !s.is_correct())
            .map(|(id, _)| id.clone())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_attempt_saved_from_two_tabs_keeps_every_answer() {
        let base = QuizAttempt {
            profile: "p".into(),
            id: "m/1".into(),
            module: "m".into(),
            module_version: 1,
            seed: 1,
            started_at: 1.0,
            finished_at: None,
            questions: vec!["q1".into(), "q2".into(), "q3".into()],
            current: 0,
            answers: BTreeMap::new(),
        };
        let mut stored = base.clone();
        stored.answers.insert("q1".into(), Answer::TrueFalse(true));
        stored.current = 1;
        let mut mine = base.clone();
        mine.answers.insert("q2".into(), Answer::TrueFalse(false));
        mine.answers.insert("q1".into(), Answer::TrueFalse(false));
        let merged = mine.merged_into(Some(stored.clone()));
        assert_eq!(merged.answers.len(), 2);
        assert_eq!(
            merged.answers["q1"],
            Answer::TrueFalse(false),
            "the writing tab's answer wins"
        );
        assert_eq!(merged.current, 1);
        let mut finished = stored.clone();
        finished.finished_at = Some(9.0);
        assert_eq!(mine.merged_into(Some(finished)).finished_at, Some(9.0));
        assert_eq!(mine.merged_into(None), mine);
    }
    use crate::content::{Choice, MatchPair, SubQuestion};

    fn t(s: &str) -> Text {
        Text::from_pairs([("en", s), ("de", s)])
    }

    fn choice(id: &str) -> Choice {
        Choice {
            id: id.into(),
            text: t(id),
            feedback: t(&format!("feedback {id}")),
        }
    }

    fn multiple() -> QuestionKind {
        QuestionKind::MultipleChoice {
            options: ["a", "b", "c", "d"].iter().map(|i| choice(i)).collect(),
            correct: vec!["a".into(), "b".into()],
        }
    }

    fn ids(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn single_choice_and_true_false() {
        let k = QuestionKind::SingleChoice {
            options: vec![choice("a"), choice("b")],
            correct: "b".into(),
        };
        assert_eq!(
            score(&k, Some(&Answer::SingleChoice("b".into())), "en"),
            Score(1.0)
        );
        assert_eq!(
            score(&k, Some(&Answer::SingleChoice("a".into())), "en"),
            Score(0.0)
        );
        assert_eq!(score(&k, None, "en"), Score(0.0));
        assert_eq!(
            score(&k, Some(&Answer::TrueFalse(true)), "en"),
            Score(0.0),
            "wrong shape scores 0"
        );
        let tf = QuestionKind::TrueFalse {
            correct: false,
            feedback_true: t("no"),
            feedback_false: t("yes"),
        };
        assert!(score(&tf, Some(&Answer::TrueFalse(false)), "en").is_correct());
        assert_eq!(
            feedback(&tf, &Answer::TrueFalse(true), "en"),
            vec![(&t("no"), false)]
        );
    }

    #[test]
    fn multiple_choice_gives_partial_credit_and_subtracts_wrong_picks() {
        let k = multiple();
        let s = |picked: &[&str]| score(&k, Some(&Answer::MultipleChoice(ids(picked))), "en").0;
        assert_eq!(s(&["a", "b"]), 1.0);
        assert_eq!(s(&["a"]), 0.5);
        assert_eq!(s(&["a", "c"]), 0.0);
        assert_eq!(s(&["a", "b", "c"]), 0.5);
        assert_eq!(
            s(&["a", "b", "c", "d"]),
            0.0,
            "picking everything earns nothing"
        );
        assert_eq!(s(&["c", "d"]), 0.0, "never below zero");
        assert_eq!(s(&[]), 0.0, "empty answer");
        assert_eq!(s(&["a", "a", "b"]), 1.0, "a repeated pick counts once");
        assert_eq!(s(&["a", "zzz"]), 0.5, "unknown ids are ignored");
    }

    #[test]
    fn ordering_credits_correctly_placed_items() {
        let k = QuestionKind::Ordering {
            items: ["1", "2", "3", "4"].iter().map(|i| choice(i)).collect(),
        };
        let s = |o: &[&str]| score(&k, Some(&Answer::Ordering(ids(o))), "en").0;
        assert_eq!(s(&["1", "2", "3", "4"]), 1.0);
        assert_eq!(s(&["1", "2", "4", "3"]), 0.5);
        assert_eq!(s(&["4", "3", "2", "1"]), 0.0);
        assert_eq!(s(&[]), 0.0);
    }

    #[test]
    fn matching_credits_correct_pairs() {
        let pair = |id: &str| MatchPair {
            id: id.into(),
            left: t(id),
            right: t(id),
            feedback: t(id),
        };
        let k = QuestionKind::Matching {
            pairs: vec![pair("x"), pair("y"), pair("z")],
        };
        let m = |pairs: &[(&str, &str)]| {
            Answer::Matching(
                pairs
                    .iter()
                    .map(|(a, b)| (a.to_string(), b.to_string()))
                    .collect(),
            )
        };
        assert_eq!(
            score(&k, Some(&m(&[("x", "x"), ("y", "y"), ("z", "z")])), "en").0,
            1.0
        );
        let two_thirds = score(&k, Some(&m(&[("x", "x"), ("y", "z"), ("z", "z")])), "en").0;
        assert!((two_thirds - 1.0 / 3.0 * 2.0).abs() < 1e-9);
        assert_eq!(score(&k, Some(&m(&[])), "en").0, 0.0);
    }

    #[test]
    fn short_text_folds_case_spaces_and_diacritics() {
        let mut accepted = BTreeMap::new();
        accepted.insert("en".to_string(), vec!["theory of change".to_string()]);
        accepted.insert(
            "de".to_string(),
            vec![
                "Wirkungslogik".to_string(),
                "Öffentlichkeitsarbeit".to_string(),
            ],
        );
        let k = QuestionKind::ShortText {
            accepted,
            feedback_correct: t("right"),
            feedback_incorrect: t("wrong"),
        };
        let s = |text: &str, lang: &str| score(&k, Some(&Answer::ShortText(text.into())), lang).0;
        assert_eq!(s("  Theory   of CHANGE ", "en"), 1.0);
        assert_eq!(s("wirkungslogik", "de"), 1.0);
        assert_eq!(s("Oeffentlichkeitsarbeit", "de"), 1.0);
        assert_eq!(
            s("theory of change", "de"),
            1.0,
            "English answers count in every language"
        );
        assert_eq!(s("Wirkungslogik", "en"), 0.0);
        assert_eq!(s("", "en"), 0.0);
        assert_eq!(
            s("théory of chänge", "en"),
            0.0,
            "ä folds to ae, so this is a different word"
        );
        assert_eq!(s("théory of change", "en"), 1.0);
    }

    #[test]
    fn scenarios_average_their_sub_questions() {
        let k = QuestionKind::Scenario {
            case: crate::content::RichText::from_pairs([("en", "case")]),
            questions: vec![
                SubQuestion {
                    id: "s1".into(),
                    competences: vec![],
                    prompt: t("p"),
                    kind: QuestionKind::TrueFalse {
                        correct: true,
                        feedback_true: t("a"),
                        feedback_false: t("b"),
                    },
                },
                SubQuestion {
                    id: "s2".into(),
                    competences: vec![],
                    prompt: t("p"),
                    kind: multiple(),
                },
            ],
        };
        let mut subs = BTreeMap::new();
        subs.insert("s1".to_string(), Answer::TrueFalse(true));
        subs.insert("s2".to_string(), Answer::MultipleChoice(ids(&["a"])));
        assert_eq!(
            score(&k, Some(&Answer::Scenario(subs.clone())), "en").0,
            0.75
        );
        subs.remove("s2");
        assert_eq!(score(&k, Some(&Answer::Scenario(subs)), "en").0, 0.5);
    }

    #[test]
    fn shuffling_is_a_seeded_permutation() {
        let a = shuffled(10, 42, "q1");
        let b = shuffled(10, 42, "q1");
        assert_eq!(a, b);
        let mut sorted = a.clone();
        sorted.sort();
        assert_eq!(sorted, (0..10).collect::<Vec<_>>());
        assert_ne!(shuffled(10, 43, "q1"), a);
        assert!(shuffled(0, 1, "x").is_empty());
    }

    #[test]
    fn a_shuffled_question_scores_the_same_as_the_unshuffled_one() {
        // Property: for many seeds and answers, presenting options in a shuffled order and mapping
        // the learner's picks back by id gives the same score as the original order.
        let k = multiple();
        let QuestionKind::MultipleChoice { options, .. } = &k else {
            unreachable!()
        };
        for seed in 0..200u64 {
            let order = shuffled(options.len(), seed, "q");
            let shown: Vec<&Choice> = order.iter().map(|i| &options[*i]).collect();
            // The learner picks the first and third option *as shown*.
            let picks: Vec<String> = [0usize, 2].iter().map(|i| shown[*i].id.clone()).collect();
            let shuffled_score = score(&k, Some(&Answer::MultipleChoice(picks.clone())), "en");
            let mut unshuffled_picks = picks;
            unshuffled_picks.sort();
            let plain_score = score(&k, Some(&Answer::MultipleChoice(unshuffled_picks)), "en");
            assert_eq!(shuffled_score, plain_score, "seed {seed}");
        }
    }

    #[test]
    fn unicode_short_answers_never_panic() {
        let mut accepted = BTreeMap::new();
        accepted.insert("en".to_string(), vec!["ﬁ 🧭 ǅ".to_string()]);
        let k = QuestionKind::ShortText {
            accepted,
            feedback_correct: t("r"),
            feedback_incorrect: t("w"),
        };
        for text in ["🧭", "ǅ", "\u{0}", "İstanbul", "ß".repeat(10_000).as_str()] {
            let _ = score(&k, Some(&Answer::ShortText(text.into())), "en");
        }
    }
}
