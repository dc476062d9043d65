//! Reading content files and checking them.
//!
//! Three levels, each usable on its own:
//! - [`parse`]: JSON to a typed value, with the JSON path, line and column of the first error;
//! - [`check_module`] and friends: structural rules of one file (ids, answer keys, languages);
//! - [`check_bundle`]: cross-references between files, plus the editorial rules shipped content
//!   must meet (word counts, translations, feedback). The content test and `content-check` run all.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use serde::de::DeserializeOwned;

use crate::content::*;
use crate::markdown::{self, Markdown};

/// Why a content file could not be used.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ContentError {
    /// The file is not valid JSON, or does not match the content model.
    #[error("{message} (at {path}, line {line}, column {column})")]
    Syntax {
        /// JSON path of the failing value, e.g. `lessons[2].title`.
        path: String,
        line: usize,
        column: usize,
        /// The parser's own words (English), shown as a detail.
        message: String,
    },
    /// The file was written for a newer release of the app.
    #[error("content format {found} is newer than this app reads ({supported})")]
    FutureFormat { found: u32, supported: u32 },
    /// The file parsed, but breaks a structural rule.
    #[error("{}", .0.first().map(|p| p.to_string()).unwrap_or_default())]
    Invalid(Vec<Problem>),
}

/// One broken rule, located by its JSON-like path.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Problem {
    pub path: String,
    pub message: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// Every content file carries a format version.
pub trait Versioned {
    /// The `format` field.
    fn format(&self) -> u32;
}

macro_rules! versioned {
    ($($t:ty),*) => { $(impl Versioned for $t { fn format(&self) -> u32 { self.format } })* };
}
versioned!(
    Catalog,
    Module,
    CompetenceFramework,
    Taxonomy,
    Compendium,
    Blueprints,
    Glossary,
    HealthCheck,
    Languages,
    crate::search::SearchFile,
    crate::progress::ProgressFile
);

/// Parses one content file and checks its format version.
pub fn parse<T: DeserializeOwned + Versioned>(json: &str) -> Result<T, ContentError> {
    let mut de = serde_json::Deserializer::from_str(json);
    // The path of an error is found afterwards, from its line and column: tracking it during
    // every parse would cost code for every content type and time on every file.
    let value = match T::deserialize(&mut de) {
        Ok(v) => v,
        Err(e) => {
            let path = crate::json_path::path_at(json, e.line(), e.column());
            return Err(syntax(path, &e));
        }
    };
    if let Err(e) = de.end() {
        return Err(syntax(
            crate::json_path::path_at(json, e.line(), e.column()),
            &e,
        ));
    }
    if value.format() > CONTENT_FORMAT {
        return Err(ContentError::FutureFormat {
            found: value.format(),
            supported: CONTENT_FORMAT,
        });
    }
    Ok(value)
}

fn syntax(path: String, e: &serde_json::Error) -> ContentError {
    let full = e.to_string();
    let message = match full.rfind(" at line ") {
        Some(i) => full[..i].to_owned(),
        None => full,
    };
    ContentError::Syntax {
        path,
        line: e.line(),
        column: e.column(),
        message,
    }
}

/// Parses and structurally checks one module file.
pub fn parse_module(json: &str) -> Result<Module, ContentError> {
    let module: Module = parse(json)?;
    let problems = check_module(&module);
    if problems.is_empty() {
        Ok(module)
    } else {
        Err(ContentError::Invalid(problems))
    }
}

/// Collects problems with a path prefix.
#[derive(Default)]
struct Report {
    problems: Vec<Problem>,
}

impl Report {
    fn add(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.problems.push(Problem {
            path: path.into(),
            message: message.into(),
        });
    }

    fn id(&mut self, path: &str, id: &str) {
        if !markdown::is_id(id) {
            self.add(
                path,
                format!("id {id:?} must be lowercase letters, digits and single hyphens"),
            );
        }
    }

    fn unique<'a>(&mut self, path: &str, ids: impl IntoIterator<Item = &'a str>) {
        let mut seen = HashSet::new();
        for id in ids {
            self.id(path, id);
            if !seen.insert(id) {
                self.add(path, format!("id {id:?} is used twice"));
            }
        }
    }

    fn text(&mut self, path: &str, text: &Text) {
        match text.0.get(FALLBACK_LANGUAGE) {
            Some(t) if !t.trim().is_empty() => {}
            _ => self.add(path, "has no English text (\"en\")"),
        }
    }

    /// Markdown texts need English like any text. Raw HTML and unsafe links are not refused
    /// here: the app renders them inert. [`check_bundle`] keeps them out of shipped content.
    ///
    /// A parsed text is what the build made of source that passed this check, and may be empty
    /// (source that was only raw HTML): it counts as written.
    fn markdown(&mut self, path: &str, text: &RichText) {
        match text.0.get(FALLBACK_LANGUAGE) {
            Some(Markdown::Parsed(_)) => {}
            Some(Markdown::Source(s)) if !s.trim().is_empty() => {}
            _ => self.add(path, "has no English text (\"en\")"),
        }
    }
}

/// Structural rules of one module: ids, answer keys, required English text.
pub fn check_module(m: &Module) -> Vec<Problem> {
    let mut r = Report::default();
    r.id("id", &m.id);
    r.text("title", &m.title);
    r.text("summary", &m.summary);
    if m.version == 0 {
        r.add("version", "must be 1 or more");
    }
    for (i, o) in m.objectives.iter().enumerate() {
        r.text(&format!("objectives[{i}]"), o);
    }
    if m.lessons.is_empty() {
        r.add("lessons", "a module needs at least one lesson");
    }
    r.unique("lessons", m.lessons.iter().map(|l| l.id.as_str()));
    for (i, l) in m.lessons.iter().enumerate() {
        let p = format!("lessons[{i}]");
        r.text(&format!("{p}.title"), &l.title);
        r.markdown(&format!("{p}.body"), &l.body);
        r.text(&format!("{p}.activity.title"), &l.activity.title);
        r.markdown(&format!("{p}.activity.body"), &l.activity.body);
    }
    r.unique(
        "self_assessment",
        m.self_assessment.iter().map(|s| s.id.as_str()),
    );
    for (i, s) in m.self_assessment.iter().enumerate() {
        r.text(&format!("self_assessment[{i}].text"), &s.text);
    }
    if !(1..=100).contains(&m.quiz.pass_mark) {
        r.add("quiz.pass_mark", "must be a percentage from 1 to 100");
    }
    if m.quiz.questions.is_empty() {
        r.add("quiz.questions", "a quiz needs at least one question");
    }
    let mut question_ids = Vec::new();
    for (i, q) in m.quiz.questions.iter().enumerate() {
        let p = format!("quiz.questions[{i}]");
        question_ids.push(q.id.as_str());
        if q.competences.is_empty() {
            r.add(&p, "names no competence");
        }
        r.text(&format!("{p}.prompt"), &q.prompt);
        check_kind(&mut r, &format!("{p}.kind"), &q.kind, true);
        if let QuestionKind::Scenario { questions, .. } = &q.kind {
            question_ids.extend(questions.iter().map(|s| s.id.as_str()));
        }
    }
    r.unique("quiz.questions", question_ids);
    r.problems
}

fn check_kind(r: &mut Report, p: &str, kind: &QuestionKind, top_level: bool) {
    fn choices(r: &mut Report, p: &str, options: &[Choice], min: usize) {
        if options.len() < min {
            r.add(p, format!("needs at least {min} options"));
        }
        r.unique(p, options.iter().map(|o| o.id.as_str()));
        for (i, o) in options.iter().enumerate() {
            r.text(&format!("{p}[{i}].text"), &o.text);
            r.text(&format!("{p}[{i}].feedback"), &o.feedback);
        }
    }
    match kind {
        QuestionKind::SingleChoice { options, correct } => {
            choices(r, &format!("{p}.options"), options, 2);
            if !options.iter().any(|o| &o.id == correct) {
                r.add(
                    format!("{p}.correct"),
                    format!("{correct:?} is not one of the options"),
                );
            }
        }
        QuestionKind::MultipleChoice { options, correct } => {
            choices(r, &format!("{p}.options"), options, 2);
            if correct.is_empty() {
                r.add(format!("{p}.correct"), "names no correct option");
            }
            let mut seen = HashSet::new();
            for c in correct {
                if !options.iter().any(|o| &o.id == c) {
                    r.add(
                        format!("{p}.correct"),
                        format!("{c:?} is not one of the options"),
                    );
                }
                if !seen.insert(c) {
                    r.add(format!("{p}.correct"), format!("{c:?} is listed twice"));
                }
            }
        }
        QuestionKind::TrueFalse {
            feedback_true,
            feedback_false,
            ..
        } => {
            r.text(&format!("{p}.feedback_true"), feedback_true);
            r.text(&format!("{p}.feedback_false"), feedback_false);
        }
        QuestionKind::Ordering { items } => choices(r, &format!("{p}.items"), items, 2),
        QuestionKind::Matching { pairs } => {
            if pairs.len() < 2 {
                r.add(format!("{p}.pairs"), "needs at least 2 pairs");
            }
            r.unique(&format!("{p}.pairs"), pairs.iter().map(|x| x.id.as_str()));
            for (i, x) in pairs.iter().enumerate() {
                r.text(&format!("{p}.pairs[{i}].left"), &x.left);
                r.text(&format!("{p}.pairs[{i}].right"), &x.right);
                r.text(&format!("{p}.pairs[{i}].feedback"), &x.feedback);
            }
        }
        QuestionKind::ShortText {
            accepted,
            feedback_correct,
            feedback_incorrect,
        } => {
            match accepted.get(FALLBACK_LANGUAGE) {
                Some(a) if a.iter().any(|s| !s.trim().is_empty()) => {}
                _ => r.add(format!("{p}.accepted"), "has no accepted English answer"),
            }
            r.text(&format!("{p}.feedback_correct"), feedback_correct);
            r.text(&format!("{p}.feedback_incorrect"), feedback_incorrect);
        }
        QuestionKind::Scenario { case, questions } => {
            if !top_level {
                r.add(p, "a scenario cannot contain another scenario");
                return;
            }
            r.markdown(&format!("{p}.case"), case);
            if questions.is_empty() {
                r.add(
                    format!("{p}.questions"),
                    "a scenario needs at least one question",
                );
            }
            for (i, s) in questions.iter().enumerate() {
                let sp = format!("{p}.questions[{i}]");
                if s.competences.is_empty() {
                    r.add(&sp, "names no competence");
                }
                r.text(&format!("{sp}.prompt"), &s.prompt);
                check_kind(r, &format!("{sp}.kind"), &s.kind, false);
            }
        }
    }
}

/// Every content file of a release, loaded.
#[derive(Debug, Clone)]
pub struct Bundle {
    pub catalog: Catalog,
    pub modules: Vec<Module>,
    pub competences: CompetenceFramework,
    pub taxonomy: Taxonomy,
    pub cases: Compendium,
    pub blueprints: Blueprints,
    pub glossary: Glossary,
    pub health_check: HealthCheck,
    pub languages: Languages,
}

impl Bundle {
    /// The codes of the languages the bundle offers (`i18n/languages.json`).
    pub fn language_codes(&self) -> Vec<&str> {
        self.languages
            .languages
            .iter()
            .map(|l| l.code.as_str())
            .collect()
    }

    /// Every rule of [`check_bundle`], requiring every offered language in every text.
    pub fn check(&self) -> Vec<Problem> {
        check_bundle(self, &self.language_codes())
    }
}

/// Visits every [`Text`] in the bundle with a path, for language and duplication checks.
fn for_each_text(b: &Bundle, f: &mut dyn FnMut(String, &Text, bool)) {
    for m in &b.modules {
        let p = format!("modules/{}.json", m.id);
        f(format!("{p} title"), &m.title, false);
        f(format!("{p} summary"), &m.summary, false);
        for (i, o) in m.objectives.iter().enumerate() {
            f(format!("{p} objectives[{i}]"), o, false);
        }
        for l in &m.lessons {
            f(format!("{p} lesson {} title", l.id), &l.title, false);
            f(format!("{p} lesson {} body", l.id), &l.body.source(), true);
            f(
                format!("{p} lesson {} activity title", l.id),
                &l.activity.title,
                false,
            );
            f(
                format!("{p} lesson {} activity", l.id),
                &l.activity.body.source(),
                true,
            );
        }
        for s in &m.self_assessment {
            f(format!("{p} self_assessment {}", s.id), &s.text, false);
        }
        for q in &m.quiz.questions {
            f(format!("{p} question {} prompt", q.id), &q.prompt, false);
            kind_texts(&format!("{p} question {}", q.id), &q.kind, f);
        }
    }
    for c in &b.competences.competences {
        let p = format!("competences.json {}", c.id);
        f(format!("{p} name"), &c.name, false);
        f(format!("{p} description"), &c.description, false);
        for (i, l) in c.levels.iter().enumerate() {
            f(format!("{p} levels[{i}]"), l, false);
        }
    }
    for (name, cats) in [
        ("themes", &b.taxonomy.themes),
        ("stakeholder_groups", &b.taxonomy.stakeholder_groups),
        ("region_kinds", &b.taxonomy.region_kinds),
    ] {
        for c in cats {
            f(format!("taxonomy.json {name} {}", c.id), &c.label, false);
        }
    }
    for c in &b.cases.cases {
        let p = format!("cases.json {}", c.id);
        f(format!("{p} title"), &c.title, false);
        f(format!("{p} country"), &c.country, false);
        f(format!("{p} summary"), &c.summary.source(), true);
        f(format!("{p} challenge"), &c.challenge.source(), true);
        f(format!("{p} approach"), &c.approach.source(), true);
        f(format!("{p} results"), &c.results.source(), true);
        for (i, l) in c.lessons.iter().enumerate() {
            f(format!("{p} lessons[{i}]"), l, false);
        }
    }
    for bp in &b.blueprints.blueprints {
        let p = format!("blueprints.json {}", bp.id);
        f(format!("{p} title"), &bp.title, false);
        f(format!("{p} summary"), &bp.summary, false);
        for s in &bp.steps {
            f(format!("{p} step {} title", s.id), &s.title, false);
            f(format!("{p} step {} body", s.id), &s.body.source(), true);
            for c in &s.checklist {
                f(format!("{p} step {} item {}", s.id, c.id), &c.text, false);
            }
        }
    }
    for t in &b.glossary.terms {
        f(format!("glossary.json {} term", t.id), &t.term, false);
        f(
            format!("glossary.json {} definition", t.id),
            &t.definition,
            false,
        );
    }
    for d in &b.health_check.dimensions {
        let p = format!("health-check.json {}", d.id);
        f(format!("{p} name"), &d.name, false);
        f(format!("{p} description"), &d.description, false);
        for s in &d.statements {
            f(format!("{p} statement {}", s.id), &s.text, false);
        }
    }
}

fn kind_texts(p: &str, kind: &QuestionKind, f: &mut dyn FnMut(String, &Text, bool)) {
    match kind {
        QuestionKind::SingleChoice { options, .. }
        | QuestionKind::MultipleChoice { options, .. }
        | QuestionKind::Ordering { items: options } => {
            for o in options {
                f(format!("{p} option {} text", o.id), &o.text, false);
                f(format!("{p} option {} feedback", o.id), &o.feedback, false);
            }
        }
        QuestionKind::TrueFalse {
            feedback_true,
            feedback_false,
            ..
        } => {
            f(format!("{p} feedback_true"), feedback_true, false);
            f(format!("{p} feedback_false"), feedback_false, false);
        }
        QuestionKind::Matching { pairs } => {
            for x in pairs {
                f(format!("{p} pair {} left", x.id), &x.left, false);
                f(format!("{p} pair {} right", x.id), &x.right, false);
                f(format!("{p} pair {} feedback", x.id), &x.feedback, false);
            }
        }
        QuestionKind::ShortText {
            feedback_correct,
            feedback_incorrect,
            ..
        } => {
            f(format!("{p} feedback_correct"), feedback_correct, false);
            f(format!("{p} feedback_incorrect"), feedback_incorrect, false);
        }
        QuestionKind::Scenario { case, questions } => {
            f(format!("{p} case"), &case.source(), true);
            for s in questions {
                f(format!("{p} sub {} prompt", s.id), &s.prompt, false);
                kind_texts(&format!("{p} sub {}", s.id), &s.kind, f);
            }
        }
    }
}

/// Limits the editorial rules apply.
pub mod rules {
    /// Lesson body length in words (each language).
    pub const LESSON_WORDS: std::ops::RangeInclusive<usize> = 300..=900;
    /// Lessons per module.
    pub const LESSONS: std::ops::RangeInclusive<usize> = 3..=6;
    /// Learning objectives per module.
    pub const OBJECTIVES: std::ops::RangeInclusive<usize> = 3..=5;
    /// Self-assessment statements per module.
    pub const SELF_ASSESSMENT: std::ops::RangeInclusive<usize> = 5..=10;
    /// Minimum quiz questions per module.
    pub const MIN_QUESTIONS: usize = 8;
    /// Minimum distinct question types per quiz.
    pub const MIN_QUESTION_TYPES: usize = 3;
    /// German/English word ratio per lesson.
    pub const DE_EN_RATIO: std::ops::RangeInclusive<f64> = 0.7..=1.4;
}

/// Every structural, cross-reference and editorial rule over a whole release of content.
/// `required_languages` are the languages every text must have.
pub fn check_bundle(b: &Bundle, required_languages: &[&str]) -> Vec<Problem> {
    let mut r = Report::default();

    // Structural rules per module, and catalog agreement.
    for m in &b.modules {
        for p in check_module(m) {
            r.add(format!("modules/{}.json {}", m.id, p.path), p.message);
        }
    }
    r.unique(
        "catalog.json modules",
        b.catalog.modules.iter().map(|e| e.id.as_str()),
    );
    let module_ids: BTreeSet<&str> = b.modules.iter().map(|m| m.id.as_str()).collect();
    for e in &b.catalog.modules {
        let p = format!("catalog.json {}", e.id);
        let Some(m) = b.modules.iter().find(|m| m.id == e.id) else {
            r.add(&p, "has no module file");
            continue;
        };
        if e.version != m.version || e.title != m.title || e.summary != m.summary {
            r.add(&p, "version, title or summary differ from the module file");
        }
        if e.duration_minutes != m.duration_minutes || e.competences != m.competences {
            r.add(&p, "duration or competences differ from the module file");
        }
        let lesson_ids: Vec<&str> = m.lessons.iter().map(|l| l.id.as_str()).collect();
        if e.lessons.iter().map(String::as_str).ne(lesson_ids) {
            r.add(&p, "lesson ids differ from the module file");
        }
    }
    r.unique(
        "catalog.json competences",
        b.catalog.competences.iter().map(|c| c.id.as_str()),
    );
    for c in &b.catalog.competences {
        let p = format!("catalog.json competence {}", c.id);
        match b.competences.competences.iter().find(|f| f.id == c.id) {
            None => r.add(&p, "is not in competences.json"),
            Some(f) if f.name != c.name => r.add(&p, "name differs from competences.json"),
            Some(_) => {}
        }
    }
    for e in &b.catalog.modules {
        for c in &e.competences {
            if !b.catalog.competences.iter().any(|n| &n.id == c) {
                r.add(
                    format!("catalog.json {}", e.id),
                    format!("competence {c:?} has no name in the catalog (run `make catalog`)"),
                );
            }
        }
    }
    for m in &b.modules {
        if !b.catalog.modules.iter().any(|e| e.id == m.id) {
            r.add(
                format!("modules/{}.json", m.id),
                "is not listed in catalog.json",
            );
        }
    }

    // Ids and references.
    let competences: BTreeSet<&str> = b
        .competences
        .competences
        .iter()
        .map(|c| c.id.as_str())
        .collect();
    r.unique(
        "competences.json",
        b.competences.competences.iter().map(|c| c.id.as_str()),
    );
    for c in &b.competences.competences {
        if c.levels.len() != 3 {
            r.add(
                format!("competences.json {}", c.id),
                "needs exactly 3 level descriptors",
            );
        }
    }
    let glossary: BTreeSet<&str> = b.glossary.terms.iter().map(|t| t.id.as_str()).collect();
    r.unique(
        "glossary.json",
        b.glossary.terms.iter().map(|t| t.id.as_str()),
    );
    for t in &b.glossary.terms {
        for rel in &t.related {
            if !glossary.contains(rel.as_str()) {
                r.add(
                    format!("glossary.json {}", t.id),
                    format!("related term {rel:?} does not exist"),
                );
            }
        }
    }
    let themes: BTreeSet<&str> = b.taxonomy.themes.iter().map(|c| c.id.as_str()).collect();
    let groups: BTreeSet<&str> = b
        .taxonomy
        .stakeholder_groups
        .iter()
        .map(|c| c.id.as_str())
        .collect();
    let regions: BTreeSet<&str> = b
        .taxonomy
        .region_kinds
        .iter()
        .map(|c| c.id.as_str())
        .collect();
    r.unique("taxonomy.json themes", themes.iter().copied());
    r.unique("taxonomy.json stakeholder_groups", groups.iter().copied());
    r.unique("taxonomy.json region_kinds", regions.iter().copied());

    let check_comp = |r: &mut Report, p: &str, ids: &[String]| {
        for c in ids {
            if !competences.contains(c.as_str()) {
                r.add(p, format!("competence {c:?} does not exist"));
            }
        }
    };
    for m in &b.modules {
        let p = format!("modules/{}.json", m.id);
        check_comp(&mut r, &p, &m.competences);
        for s in &m.self_assessment {
            check_comp(
                &mut r,
                &format!("{p} self_assessment {}", s.id),
                std::slice::from_ref(&s.competence),
            );
        }
        for q in &m.quiz.questions {
            check_comp(&mut r, &format!("{p} question {}", q.id), &q.competences);
            if let QuestionKind::Scenario { questions, .. } = &q.kind {
                for s in questions {
                    check_comp(&mut r, &format!("{p} question {}", s.id), &s.competences);
                }
            }
        }
        for tool in &m.tools {
            if !["stakeholder-map", "action-plan", "health-check"].contains(&tool.as_str()) {
                r.add(&p, format!("tool {tool:?} does not exist"));
            }
        }
    }
    let check_modules = |r: &mut Report, p: &str, ids: &[String]| {
        for id in ids {
            if !module_ids.contains(id.as_str()) {
                r.add(p, format!("module {id:?} does not exist"));
            }
        }
    };
    r.unique("cases.json", b.cases.cases.iter().map(|c| c.id.as_str()));
    for c in &b.cases.cases {
        let p = format!("cases.json {}", c.id);
        if !c.composite {
            r.add(&p, "must be marked as a composite case");
        }
        if !regions.contains(c.region_kind.as_str()) {
            r.add(
                &p,
                format!("region kind {:?} does not exist", c.region_kind),
            );
        }
        for g in &c.stakeholder_groups {
            if !groups.contains(g.as_str()) {
                r.add(&p, format!("stakeholder group {g:?} does not exist"));
            }
        }
        if c.themes.is_empty() {
            r.add(&p, "needs at least one theme");
        }
        for t in &c.themes {
            if !themes.contains(t.as_str()) {
                r.add(&p, format!("theme {t:?} does not exist"));
            }
        }
        check_modules(&mut r, &p, &c.related_modules);
    }
    r.unique(
        "blueprints.json",
        b.blueprints.blueprints.iter().map(|x| x.id.as_str()),
    );
    for bp in &b.blueprints.blueprints {
        let p = format!("blueprints.json {}", bp.id);
        check_modules(&mut r, &p, &bp.related_modules);
        r.unique(&p, bp.steps.iter().map(|s| s.id.as_str()));
        let mut items = Vec::new();
        for s in &bp.steps {
            items.extend(s.checklist.iter().map(|c| c.id.as_str()));
        }
        r.unique(&format!("{p} checklist"), items);
    }
    r.unique(
        "health-check.json",
        b.health_check.dimensions.iter().map(|d| d.id.as_str()),
    );
    let mut statement_ids = Vec::new();
    for d in &b.health_check.dimensions {
        statement_ids.extend(d.statements.iter().map(|s| s.id.as_str()));
        for l in &d.lessons {
            let ok = b
                .modules
                .iter()
                .any(|m| m.id == l.module && m.lesson(&l.lesson).is_some());
            if !ok {
                r.add(
                    format!("health-check.json {}", d.id),
                    format!("lesson {}/{} does not exist", l.module, l.lesson),
                );
            }
        }
    }
    r.unique("health-check.json statements", statement_ids);

    // Languages, glossary links, internal links, duplicated paragraphs.
    let mut paragraphs: BTreeMap<String, String> = BTreeMap::new();
    let mut text_problems = Vec::new();
    for_each_text(b, &mut |path, text, is_markdown| {
        for lang in required_languages {
            match text.0.get(*lang) {
                Some(t) if !t.trim().is_empty() => {}
                _ => text_problems.push(Problem {
                    path: path.clone(),
                    message: format!("has no {lang:?} text"),
                }),
            }
        }
        if required_languages.len() > 1 {
            let values: Vec<&String> = text.0.values().collect();
            let long = values
                .first()
                .is_some_and(|v| v.split_whitespace().count() > 3);
            if long && values.windows(2).any(|w| w[0].trim() == w[1].trim()) {
                text_problems.push(Problem {
                    path: path.clone(),
                    message: "is the same in two languages (untranslated?)".into(),
                });
            }
        }
        if is_markdown {
            for (lang, md) in &text.0 {
                let doc = markdown::parse(md);
                if !doc.findings.raw_html.is_empty() {
                    text_problems.push(Problem {
                        path: format!("{path} [{lang}]"),
                        message: "contains raw HTML".into(),
                    });
                }
                if !doc.findings.unsafe_links.is_empty() {
                    text_problems.push(Problem {
                        path: format!("{path} [{lang}]"),
                        message: format!(
                            "has links that are not allowed: {:?}",
                            doc.findings.unsafe_links
                        ),
                    });
                }
                for id in &doc.findings.glossary_links {
                    if !glossary.contains(id.as_str()) {
                        text_problems.push(Problem {
                            path: format!("{path} [{lang}]"),
                            message: format!(
                                "links to glossary entry {id:?}, which does not exist"
                            ),
                        });
                    }
                }
                for block in md.split("\n\n") {
                    let block = block.trim();
                    if block.split_whitespace().count() < 12 {
                        continue;
                    }
                    let key = block.split_whitespace().collect::<Vec<_>>().join(" ");
                    if let Some(first) = paragraphs.get(&key) {
                        text_problems.push(Problem {
                            path: format!("{path} [{lang}]"),
                            message: format!("repeats a paragraph from {first}"),
                        });
                    } else {
                        paragraphs.insert(key, format!("{path} [{lang}]"));
                    }
                }
            }
        }
    });
    r.problems.extend(text_problems);

    // Editorial rules for modules.
    for m in &b.modules {
        for p in check_module_editorial(m, required_languages) {
            r.problems.push(p);
        }
    }
    r.problems
}

/// Editorial rules of one module: counts of lessons, objectives, statements and questions; the mix
/// of question types; distinct feedback; lesson length and the German/English length ratio.
pub fn check_module_editorial(m: &Module, required_languages: &[&str]) -> Vec<Problem> {
    let mut r = Report::default();
    let p = format!("modules/{}.json", m.id);
    if !rules::LESSONS.contains(&m.lessons.len()) {
        r.add(
            &p,
            format!("has {} lessons; 3 to 6 expected", m.lessons.len()),
        );
    }
    if !rules::OBJECTIVES.contains(&m.objectives.len()) {
        r.add(
            &p,
            format!("has {} objectives; 3 to 5 expected", m.objectives.len()),
        );
    }
    if !rules::SELF_ASSESSMENT.contains(&m.self_assessment.len()) {
        r.add(
            &p,
            format!(
                "has {} self-assessment statements; 5 to 10 expected",
                m.self_assessment.len()
            ),
        );
    }
    if m.quiz.questions.len() < rules::MIN_QUESTIONS {
        r.add(
            &p,
            format!(
                "has {} quiz questions; at least 8 expected",
                m.quiz.questions.len()
            ),
        );
    }
    let types: BTreeSet<&str> = m
        .quiz
        .questions
        .iter()
        .map(|q| q.kind.type_name())
        .collect();
    if types.len() < rules::MIN_QUESTION_TYPES {
        r.add(
            &p,
            format!(
                "quiz uses {} question types; at least 3 expected",
                types.len()
            ),
        );
    }
    for q in &m.quiz.questions {
        check_feedback_distinct(&mut r, &format!("{p} question {}", q.id), &q.kind);
    }
    for l in &m.lessons {
        let lp = format!("{p} lesson {}", l.id);
        let mut counts = BTreeMap::new();
        for lang in required_languages {
            let words = markdown::words(&l.body.get(lang).parsed());
            counts.insert(*lang, words);
            if !rules::LESSON_WORDS.contains(&words) {
                r.add(
                    &lp,
                    format!("[{lang}] has {words} words; 300 to 900 expected"),
                );
            }
        }
        if let (Some(en), Some(de)) = (counts.get("en"), counts.get("de")) {
            let ratio = *de as f64 / (*en).max(1) as f64;
            if !rules::DE_EN_RATIO.contains(&ratio) {
                r.add(
                    &lp,
                    format!("German/English word ratio {ratio:.2} is outside 0.7 to 1.4"),
                );
            }
        }
    }
    r.problems
}

fn check_feedback_distinct(r: &mut Report, p: &str, kind: &QuestionKind) {
    let feedback: Vec<&Text> = match kind {
        QuestionKind::SingleChoice { options, .. }
        | QuestionKind::MultipleChoice { options, .. }
        | QuestionKind::Ordering { items: options } => {
            options.iter().map(|o| &o.feedback).collect()
        }
        QuestionKind::Matching { pairs } => pairs.iter().map(|x| &x.feedback).collect(),
        QuestionKind::TrueFalse {
            feedback_true,
            feedback_false,
            ..
        } => vec![feedback_true, feedback_false],
        QuestionKind::ShortText {
            feedback_correct,
            feedback_incorrect,
            ..
        } => vec![feedback_correct, feedback_incorrect],
        QuestionKind::Scenario { questions, .. } => {
            for s in questions {
                check_feedback_distinct(r, &format!("{p} sub {}", s.id), &s.kind);
            }
            return;
        }
    };
    for (i, a) in feedback.iter().enumerate() {
        for b in &feedback[i + 1..] {
            if a.0.iter().any(|(lang, t)| b.0.get(lang) == Some(t)) {
                r.add(p, "two options share the same feedback");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syntax_errors_name_path_line_and_column() {
        let json = "{\n  \"format\": 1,\n  \"modules\": [\n    {\"id\": \"a\", \"version\": \"one\"}\n  ]\n}";
        let Err(ContentError::Syntax {
            path,
            line,
            message,
            ..
        }) = parse::<Catalog>(json)
        else {
            panic!("expected a syntax error")
        };
        assert_eq!(path, "modules[0].version");
        assert_eq!(line, 4);
        assert!(message.contains("invalid type"), "{message}");
    }

    #[test]
    fn unknown_fields_are_errors() {
        let json = r#"{"format": 1, "modules": [], "extra": true}"#;
        let err = parse::<Catalog>(json).unwrap_err();
        assert!(err.to_string().contains("unknown field `extra`"), "{err}");
    }

    #[test]
    fn future_formats_are_refused() {
        let json = r#"{"format": 99, "modules": []}"#;
        assert_eq!(
            parse::<Catalog>(json).unwrap_err(),
            ContentError::FutureFormat {
                found: 99,
                supported: CONTENT_FORMAT
            }
        );
    }

    #[test]
    fn trailing_garbage_is_an_error() {
        assert!(parse::<Catalog>(r#"{"format": 1, "modules": []} x"#).is_err());
    }
}
