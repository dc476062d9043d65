//! The content model: the Rust types *are* the JSON format of `content/`.
//!
//! API boundary: files written for one release are read by the next. Every file carries
//! `"format": CONTENT_FORMAT`; a change that old files cannot satisfy bumps it. Every module
//! carries its own `version`, which a stored quiz attempt records, so a learner's history knows
//! which version of a quiz it answered. Every type denies unknown fields, so a typo in a field
//! name is an error with a line number instead of a silently ignored value.
//!
//! The JSON Schema in `content/schema/` is generated from these types (native builds only).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::markdown::{Markdown, Node};

/// The content format version this build reads and writes.
pub const CONTENT_FORMAT: u32 = 1;

/// Derives `schemars::JsonSchema` on native targets only, so schema generation never reaches the wasm.
macro_rules! content_type {
    ($($item:item)*) => {
        $(
            #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
            #[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
            #[serde(deny_unknown_fields)]
            $item
        )*
    };
}

/// A human-readable string in several languages: a map from language code (`en`, `de`, …) to text.
///
/// Adding a language is adding keys; no code changes.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(transparent)]
pub struct Text(pub BTreeMap<String, String>);

/// The language every text must have, and the one shown when a translation is missing.
pub const FALLBACK_LANGUAGE: &str = "en";

/// One text in one language, and whether it had to fall back to English.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Localized<'a> {
    /// The text to show.
    pub text: &'a str,
    /// True when the requested language was missing and English is shown instead.
    pub is_fallback: bool,
}

impl Text {
    /// Builds a text from `(language, text)` pairs (tests and generators).
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        Text(
            pairs
                .into_iter()
                .map(|(l, t)| (l.to_owned(), t.to_owned()))
                .collect(),
        )
    }

    /// The text in `lang`, falling back to English, then to any language present.
    pub fn localized(&self, lang: &str) -> Localized<'_> {
        if let Some(t) = self.0.get(lang) {
            return Localized {
                text: t,
                is_fallback: false,
            };
        }
        let text = self
            .0
            .get(FALLBACK_LANGUAGE)
            .or_else(|| self.0.values().next())
            .map(String::as_str)
            .unwrap_or("");
        Localized {
            text,
            is_fallback: true,
        }
    }

    /// The text in `lang` (with fallback), when the caller needs no fallback note.
    pub fn get(&self, lang: &str) -> &str {
        self.localized(lang).text
    }

    /// The codes of the languages the text is written in.
    pub fn languages(&self) -> Vec<String> {
        self.0.keys().cloned().collect()
    }
}

/// Markdown in several languages: a map from language code to markdown (lesson bodies,
/// activities, case sections, blueprint steps, scenario cases).
///
/// `content/` holds markdown source. The build ships each text parsed into its safe tree
/// (`content-check --compile`), so the app draws it without parsing.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(transparent)]
pub struct RichText(pub BTreeMap<String, Markdown>);

/// One markdown text in one language, and whether it had to fall back to English.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LocalizedMarkdown<'a> {
    pub markdown: &'a Markdown,
    /// True when the requested language was missing and English is shown instead.
    pub is_fallback: bool,
}

/// What a text with no language at all shows.
static NO_MARKDOWN: Markdown = Markdown::Parsed(Vec::new());

impl RichText {
    /// Builds a text of markdown source from `(language, markdown)` pairs (tests and generators).
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        RichText(
            pairs
                .into_iter()
                .map(|(l, t)| (l.to_owned(), Markdown::Source(t.to_owned())))
                .collect(),
        )
    }

    /// The text in `lang`, falling back to English, then to any language present.
    pub fn localized(&self, lang: &str) -> LocalizedMarkdown<'_> {
        if let Some(markdown) = self.0.get(lang) {
            return LocalizedMarkdown {
                markdown,
                is_fallback: false,
            };
        }
        let markdown = self
            .0
            .get(FALLBACK_LANGUAGE)
            .or_else(|| self.0.values().next())
            .unwrap_or(&NO_MARKDOWN);
        LocalizedMarkdown {
            markdown,
            is_fallback: true,
        }
    }

    /// The text in `lang` (with fallback).
    pub fn get(&self, lang: &str) -> &Markdown {
        self.localized(lang).markdown
    }

    /// The codes of the languages the text is written in.
    pub fn languages(&self) -> Vec<String> {
        self.0.keys().cloned().collect()
    }

    /// The markdown source of every language, for the content checks; a text that is already
    /// parsed gives its visible text.
    pub fn source(&self) -> Text {
        Text(
            self.0
                .iter()
                .map(|(lang, m)| {
                    let text = match m {
                        Markdown::Source(source) => source.clone(),
                        Markdown::Parsed(nodes) => crate::markdown::plain_text(nodes),
                    };
                    (lang.clone(), text)
                })
                .collect(),
        )
    }
}

/// The markdown texts of a content file that has them (modules, cases, blueprints), to parse in
/// place (see [`Markdown`]).
pub trait MarkdownFields {
    /// Calls `f` on every markdown text of the file.
    fn each_markdown(&mut self, f: &mut dyn FnMut(&mut Markdown));

    /// True when some text is still source.
    fn has_markdown_source(&mut self) -> bool {
        let mut found = false;
        self.each_markdown(&mut |m| found |= m.is_source());
        found
    }

    /// Parses every text that is still source with `parse`.
    fn parse_markdown(&mut self, parse: &dyn Fn(&str) -> Vec<Node>) {
        self.each_markdown(&mut |m| m.parse_with(parse));
    }
}

fn each_in(text: &mut RichText, f: &mut dyn FnMut(&mut Markdown)) {
    text.0.values_mut().for_each(f);
}

impl MarkdownFields for Module {
    fn each_markdown(&mut self, f: &mut dyn FnMut(&mut Markdown)) {
        for lesson in &mut self.lessons {
            each_in(&mut lesson.body, f);
            each_in(&mut lesson.activity.body, f);
        }
        for question in &mut self.quiz.questions {
            if let QuestionKind::Scenario { case, .. } = &mut question.kind {
                each_in(case, f);
            }
        }
    }
}

impl MarkdownFields for Compendium {
    fn each_markdown(&mut self, f: &mut dyn FnMut(&mut Markdown)) {
        for case in &mut self.cases {
            for text in [
                &mut case.summary,
                &mut case.challenge,
                &mut case.approach,
                &mut case.results,
            ] {
                each_in(text, f);
            }
        }
    }
}

impl MarkdownFields for Blueprints {
    fn each_markdown(&mut self, f: &mut dyn FnMut(&mut Markdown)) {
        for step in self.blueprints.iter_mut().flat_map(|b| &mut b.steps) {
            each_in(&mut step.body, f);
        }
    }
}

content_type! {
    /// `content/catalog.json`: what the catalog page needs, without loading any module file.
    pub struct Catalog {
        /// Content format version, see [`CONTENT_FORMAT`].
        pub format: u32,
        /// Modules in the order the catalog shows them.
        pub modules: Vec<CatalogEntry>,
        /// The names of the competences the cards list, copied from `competences.json`, so
        /// that the catalog draws without that file. Optional in the format; the content check
        /// requires one for every competence a card lists.
        #[serde(default)]
        pub competences: Vec<CompetenceName>,
    }

    /// A competence's id and name, as `competences.json` has them.
    pub struct CompetenceName {
        pub id: String,
        pub name: Text,
    }

    /// One module card in the catalog. Mirrors the head of its module file; the content test
    /// checks that the two agree.
    pub struct CatalogEntry {
        /// Stable id; also the file name `modules/<id>.json` and the URL segment.
        pub id: String,
        /// Module content version (same as in the module file).
        pub version: u32,
        pub title: Text,
        pub summary: Text,
        /// Estimated time to work through the module, in minutes.
        pub duration_minutes: u32,
        /// Competence ids this module builds.
        pub competences: Vec<String>,
        /// Lesson ids in reading order, so progress can be shown without the module file.
        pub lessons: Vec<String>,
    }

    /// `content/modules/<id>.json`: one toolkit module with its lessons, self-assessment and quiz.
    pub struct Module {
        pub format: u32,
        pub id: String,
        /// Bumped whenever lessons, self-assessment or quiz change in substance.
        pub version: u32,
        pub title: Text,
        pub summary: Text,
        /// Three to five learning objectives.
        pub objectives: Vec<Text>,
        pub duration_minutes: u32,
        pub competences: Vec<String>,
        pub lessons: Vec<Lesson>,
        /// Statements rated 1–5 before and after the module.
        #[serde(default)]
        pub self_assessment: Vec<SelfAssessmentStatement>,
        pub quiz: Quiz,
        /// Interactive worksheets that belong to this module (`stakeholder-map`, `action-plan`,
        /// `health-check`).
        #[serde(default)]
        pub tools: Vec<String>,
    }

    /// One lesson. Its `body` is markdown (a subset: headings, lists, emphasis, links, tables,
    /// block quotes; no raw HTML). Glossary links are written `[term](glossary:<id>)`.
    pub struct Lesson {
        /// Stable id, unique within the module; used in URLs and stored progress.
        pub id: String,
        pub title: Text,
        /// Estimated reading time in minutes.
        pub minutes: u32,
        pub body: RichText,
        /// The closing "try it in your network" activity.
        pub activity: Activity,
    }

    /// A practical task that closes a lesson.
    pub struct Activity {
        pub title: Text,
        /// Markdown, same subset as lesson bodies.
        pub body: RichText,
    }

    /// A statement a learner rates on a 5-point scale (1 = not at all like me, 5 = fully).
    pub struct SelfAssessmentStatement {
        pub id: String,
        pub text: Text,
        /// The competence this statement speaks to.
        pub competence: String,
    }

    /// A knowledge quiz.
    pub struct Quiz {
        /// Share of the maximum score, in percent, needed to pass.
        pub pass_mark: u8,
        pub questions: Vec<Question>,
    }

    /// One quiz question.
    pub struct Question {
        /// Stable id, unique within the module.
        pub id: String,
        /// Competences this question measures (at least one).
        pub competences: Vec<String>,
        pub prompt: Text,
        /// The question type with its options and answer key.
        pub kind: QuestionKind,
    }

    /// An answer option with the feedback shown when it is chosen (or, for ordering and
    /// matching, when it is placed).
    pub struct Choice {
        /// Stable id, unique within the question.
        pub id: String,
        pub text: Text,
        /// Why this option is right or wrong.
        pub feedback: Text,
    }

    /// A pair in a matching question: `left` is matched with `right`.
    pub struct MatchPair {
        pub id: String,
        pub left: Text,
        pub right: Text,
        /// Why these two belong together.
        pub feedback: Text,
    }

    /// A sub-question of a scenario (any type but scenario).
    pub struct SubQuestion {
        pub id: String,
        pub competences: Vec<String>,
        pub prompt: Text,
        pub kind: QuestionKind,
    }
}

impl Catalog {
    /// The name of competence `id` in `lang` (with fallback), if the catalog carries it.
    pub fn competence_name(&self, id: &str, lang: &str) -> Option<&str> {
        self.competences
            .iter()
            .find(|c| c.id == id)
            .map(|c| c.name.get(lang))
    }
}

/// A question type with its options and answer key. Externally tagged in JSON:
/// `"kind": {"single_choice": {…}}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum QuestionKind {
    /// Exactly one option is correct.
    SingleChoice {
        options: Vec<Choice>,
        /// Id of the correct option.
        correct: String,
    },
    /// One or more options are correct; partial credit.
    MultipleChoice {
        options: Vec<Choice>,
        /// Ids of all correct options.
        correct: Vec<String>,
    },
    /// A statement that is true or false.
    TrueFalse {
        correct: bool,
        /// Feedback when the learner answers "true".
        feedback_true: Text,
        /// Feedback when the learner answers "false".
        feedback_false: Text,
    },
    /// Put the items in order. The order listed here is the correct one; the app shuffles.
    Ordering { items: Vec<Choice> },
    /// Match each left item with its right item. Listed pairs are correct; the app shuffles.
    Matching { pairs: Vec<MatchPair> },
    /// A short typed answer, compared after folding case, whitespace and diacritics.
    ShortText {
        /// Accepted answers per language code.
        accepted: BTreeMap<String, Vec<String>>,
        feedback_correct: Text,
        feedback_incorrect: Text,
    },
    /// A case text followed by sub-questions.
    Scenario {
        /// Markdown.
        case: RichText,
        questions: Vec<SubQuestion>,
    },
}

impl QuestionKind {
    /// The snake_case name used in JSON and in the UI string keys.
    pub fn type_name(&self) -> &'static str {
        match self {
            QuestionKind::SingleChoice { .. } => "single_choice",
            QuestionKind::MultipleChoice { .. } => "multiple_choice",
            QuestionKind::TrueFalse { .. } => "true_false",
            QuestionKind::Ordering { .. } => "ordering",
            QuestionKind::Matching { .. } => "matching",
            QuestionKind::ShortText { .. } => "short_text",
            QuestionKind::Scenario { .. } => "scenario",
        }
    }
}

content_type! {
    /// `content/competences.json`: the ERASMI competence framework.
    pub struct CompetenceFramework {
        pub format: u32,
        pub competences: Vec<Competence>,
    }

    /// One competence with three level descriptors.
    pub struct Competence {
        pub id: String,
        pub name: Text,
        pub description: Text,
        /// Exactly three: foundation, practitioner, advanced.
        pub levels: Vec<Text>,
    }

    /// `content/taxonomy.json`: the enumerated categories cases and worksheets are filtered by.
    pub struct Taxonomy {
        pub format: u32,
        pub themes: Vec<Category>,
        pub stakeholder_groups: Vec<Category>,
        pub region_kinds: Vec<Category>,
    }

    /// One category value with its label.
    pub struct Category {
        pub id: String,
        pub label: Text,
    }

    /// `content/cases.json`: the best-practice compendium.
    pub struct Compendium {
        pub format: u32,
        pub cases: Vec<Case>,
    }

    /// One best-practice case. Every case is an illustrative composite; the app says so.
    pub struct Case {
        pub id: String,
        pub title: Text,
        /// Must be `true`: cases are composites of common practice, not reports on real bodies.
        pub composite: bool,
        /// A taxonomy region kind id.
        pub region_kind: String,
        /// The country context, e.g. "Germany".
        pub country: Text,
        /// Taxonomy stakeholder group ids.
        pub stakeholder_groups: Vec<String>,
        /// Taxonomy theme ids (at least one).
        pub themes: Vec<String>,
        pub summary: RichText,
        pub challenge: RichText,
        pub approach: RichText,
        pub results: RichText,
        /// Transferable lessons, one text each.
        pub lessons: Vec<Text>,
        /// Module ids.
        pub related_modules: Vec<String>,
    }

    /// `content/blueprints.json`: step-by-step guides for network work.
    pub struct Blueprints {
        pub format: u32,
        pub blueprints: Vec<Blueprint>,
    }

    /// One blueprint.
    pub struct Blueprint {
        pub id: String,
        pub title: Text,
        pub summary: Text,
        pub steps: Vec<BlueprintStep>,
        pub related_modules: Vec<String>,
    }

    /// One step of a blueprint, with a checklist whose ticks persist per learner.
    pub struct BlueprintStep {
        pub id: String,
        pub title: Text,
        /// Markdown.
        pub body: RichText,
        pub checklist: Vec<ChecklistItem>,
    }

    /// One checklist item.
    pub struct ChecklistItem {
        pub id: String,
        pub text: Text,
    }

    /// `content/glossary.json`.
    pub struct Glossary {
        pub format: u32,
        pub terms: Vec<GlossaryTerm>,
    }

    /// One glossary entry.
    pub struct GlossaryTerm {
        pub id: String,
        pub term: Text,
        pub definition: Text,
        /// Ids of related terms.
        #[serde(default)]
        pub related: Vec<String>,
    }

    /// `content/health-check.json`: the network health check's dimensions and statements.
    pub struct HealthCheck {
        pub format: u32,
        pub dimensions: Vec<HealthDimension>,
    }

    /// One dimension of network health.
    pub struct HealthDimension {
        pub id: String,
        pub name: Text,
        pub description: Text,
        /// Statements rated 1–5.
        pub statements: Vec<HealthStatement>,
        /// Lessons recommended when this dimension scores low.
        pub lessons: Vec<LessonRef>,
    }

    /// One health-check statement.
    pub struct HealthStatement {
        pub id: String,
        pub text: Text,
    }

    /// A reference to a lesson in a module.
    pub struct LessonRef {
        pub module: String,
        pub lesson: String,
    }

    /// `content/i18n/languages.json`: the languages the app offers.
    pub struct Languages {
        pub format: u32,
        pub languages: Vec<Language>,
    }

    /// One UI language.
    pub struct Language {
        /// BCP 47 code, also the key in every [`Text`] and the string file name.
        pub code: String,
        /// The language's own name for itself ("Deutsch").
        pub name: String,
        /// Text direction.
        pub dir: TextDirection,
    }
}

/// Writing direction of a language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum TextDirection {
    Ltr,
    Rtl,
}

impl TextDirection {
    /// The value for the HTML `dir` attribute.
    pub fn as_str(self) -> &'static str {
        match self {
            TextDirection::Ltr => "ltr",
            TextDirection::Rtl => "rtl",
        }
    }
}

impl Module {
    /// The lesson with this id.
    pub fn lesson(&self, id: &str) -> Option<&Lesson> {
        self.lessons.iter().find(|l| l.id == id)
    }

    /// The lessons before and after `id`, for previous / next navigation.
    pub fn neighbours(&self, id: &str) -> (Option<&Lesson>, Option<&Lesson>) {
        let Some(pos) = self.lessons.iter().position(|l| l.id == id) else {
            return (None, None);
        };
        let prev = pos.checked_sub(1).and_then(|p| self.lessons.get(p));
        (prev, self.lessons.get(pos + 1))
    }
}
