//! Assignment and report codes: how a trainer's assignment reaches learners, and a learner's
//! report reaches the trainer, with no server — as text in a link, a QR code or a file.
//!
//! An API boundary: codes in old links and files must keep decoding. A code is base64url (no
//! padding) of this binary envelope:
//!
//! | bytes | meaning |
//! |---|---|
//! | 0 | format version ([`VERSION`]) |
//! | 1 | kind: 1 assignment, 2 report |
//! | 2–5 | length of the body, u32 little-endian |
//! | 6–9 | CRC-32 of the body, u32 little-endian |
//! | 10… | body: raw DEFLATE of the postcard encoding of [`Assignment`] or [`Report`] |
//!
//! Version 2 added the worksheet tasks of an assignment ([`Assignment::tools`]) and the tasks a
//! report says are done ([`Report::tools_done`]). Version 1 codes still decode: their bodies are
//! read with the version 1 types in [`v1`] and converted.
//!
//! Every code is size-limited before it is decoded, inflated with a limit, and checked after
//! decoding ([`Assignment::check`], [`Report::check`]). Codes are not signed: the checksum finds
//! damage, not forgery.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::worksheet::Tool;

/// The code format version this code writes and the newest it reads.
pub const VERSION: u8 = 2;

/// The longest assignment code accepted, in characters.
pub const MAX_ASSIGNMENT_CODE: usize = 4_000;
/// The longest report code accepted, in characters.
pub const MAX_REPORT_CODE: usize = 200_000;
/// The most a body may inflate to, in bytes.
const MAX_INFLATED: usize = 1_000_000;

const HEADER: usize = 10;

/// What a code holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Assignment = 1,
    Report = 2,
}

impl Kind {
    fn from_byte(b: u8) -> Option<Kind> {
        match b {
            1 => Some(Kind::Assignment),
            2 => Some(Kind::Report),
            _ => None,
        }
    }

    fn max_code(self) -> usize {
        match self {
            Kind::Assignment => MAX_ASSIGNMENT_CODE,
            Kind::Report => MAX_REPORT_CODE,
        }
    }
}

/// Why a code was refused. Each has a UI message ([`CodeError::message_key`]).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CodeError {
    #[error("the code is empty")]
    Empty,
    #[error("the code is longer than {limit} characters")]
    TooLong { limit: usize },
    #[error("the code has characters a code never has")]
    NotBase64,
    #[error("the code is incomplete")]
    Truncated,
    #[error("the code is damaged: its checksum does not match")]
    Corrupted,
    #[error("the code was made by a newer version of the app (format {found})")]
    FutureVersion { found: u8 },
    #[error("this is a {found:?} code, not a {expected:?} code")]
    WrongKind { expected: Kind, found: Kind },
    #[error("the code is not an ERASMI code")]
    Unknown,
    #[error("the code's content is damaged: {0}")]
    Malformed(String),
    #[error("the code's content is not valid: {0}")]
    Invalid(&'static str),
}

impl CodeError {
    /// The UI string key that explains the error.
    pub fn message_key(&self) -> &'static str {
        match self {
            CodeError::Empty => "code.error.empty",
            CodeError::TooLong { .. } => "code.error.too_long",
            CodeError::NotBase64 => "code.error.not_base64",
            CodeError::Truncated => "code.error.truncated",
            CodeError::Corrupted => "code.error.corrupted",
            CodeError::FutureVersion { .. } => "code.error.future_version",
            CodeError::WrongKind {
                expected: Kind::Assignment,
                ..
            } => "code.error.report_not_assignment",
            CodeError::WrongKind { .. } => "code.error.assignment_not_report",
            CodeError::Unknown => "code.error.unknown",
            CodeError::Malformed(_) => "code.error.malformed",
            CodeError::Invalid(_) => "code.error.invalid",
        }
    }

    /// The `{placeholders}` of the message.
    pub fn args(&self) -> Vec<(&'static str, String)> {
        match self {
            CodeError::TooLong { limit } => vec![("limit", limit.to_string())],
            CodeError::FutureVersion { found } => vec![("found", found.to_string())],
            CodeError::Invalid(reason) => vec![("reason", (*reason).to_owned())],
            _ => Vec::new(),
        }
    }

    /// Every message key, for the test that both languages have them.
    pub const MESSAGE_KEYS: [&'static str; 11] = [
        "code.error.empty",
        "code.error.too_long",
        "code.error.not_base64",
        "code.error.truncated",
        "code.error.corrupted",
        "code.error.future_version",
        "code.error.report_not_assignment",
        "code.error.assignment_not_report",
        "code.error.unknown",
        "code.error.malformed",
        "code.error.invalid",
    ];
}

fn encode<T: Serialize>(kind: Kind, value: &T) -> String {
    let raw = postcard::to_allocvec(value).unwrap_or_default();
    let body = miniz_oxide::deflate::compress_to_vec(&raw, 10);
    let mut bytes = Vec::with_capacity(HEADER + body.len());
    bytes.push(VERSION);
    bytes.push(kind as u8);
    bytes.extend_from_slice(&(body.len() as u32).to_le_bytes());
    bytes.extend_from_slice(&crc32fast::hash(&body).to_le_bytes());
    bytes.extend_from_slice(&body);
    URL_SAFE_NO_PAD.encode(bytes)
}

/// The code part of a link or of pasted text: whatever follows the last `#` or `=`, without
/// surrounding whitespace.
pub fn extract(text: &str) -> &str {
    let text = text.trim();
    let start = text.rfind(['#', '=']).map_or(0, |i| i + 1);
    text[start..].trim()
}

/// Decodes a code's body with the type of its format version: `Old` for version 1, `New` since.
fn decode<Old, New>(text: &str, expected: Kind) -> Result<New, CodeError>
where
    Old: DeserializeOwned + Into<New>,
    New: DeserializeOwned,
{
    let (version, raw) = open(text, expected)?;
    let malformed = |e: postcard::Error| CodeError::Malformed(e.to_string());
    match version {
        1 => postcard::from_bytes::<Old>(&raw)
            .map(Into::into)
            .map_err(malformed),
        _ => postcard::from_bytes::<New>(&raw).map_err(malformed),
    }
}

/// Checks a code's envelope and inflates its body: `(format version, body)`.
fn open(text: &str, expected: Kind) -> Result<(u8, Vec<u8>), CodeError> {
    let code = extract(text);
    if code.is_empty() {
        return Err(CodeError::Empty);
    }
    if code.len() > expected.max_code() {
        return Err(CodeError::TooLong {
            limit: expected.max_code(),
        });
    }
    let bytes = URL_SAFE_NO_PAD.decode(code).map_err(|e| match e {
        // A code cut off anywhere ends with a length or a last character a whole code never has.
        base64::DecodeError::InvalidLength(_) | base64::DecodeError::InvalidLastSymbol(..) => {
            CodeError::Truncated
        }
        _ => CodeError::NotBase64,
    })?;
    if bytes.len() < 2 {
        return Err(CodeError::Truncated);
    }
    match bytes[0] {
        0 => return Err(CodeError::Unknown),
        v if v > VERSION => return Err(CodeError::FutureVersion { found: v }),
        _ => {}
    }
    let kind = Kind::from_byte(bytes[1]).ok_or(CodeError::Unknown)?;
    if kind != expected {
        return Err(CodeError::WrongKind {
            expected,
            found: kind,
        });
    }
    if bytes.len() < HEADER {
        return Err(CodeError::Truncated);
    }
    let len = u32::from_le_bytes([bytes[2], bytes[3], bytes[4], bytes[5]]) as usize;
    let crc = u32::from_le_bytes([bytes[6], bytes[7], bytes[8], bytes[9]]);
    let body = &bytes[HEADER..];
    if body.len() < len {
        return Err(CodeError::Truncated);
    }
    if body.len() > len || crc32fast::hash(body) != crc {
        return Err(CodeError::Corrupted);
    }
    let raw = miniz_oxide::inflate::decompress_to_vec_with_limit(body, MAX_INFLATED)
        .map_err(|_| CodeError::Corrupted)?;
    Ok((bytes[0], raw))
}

/// The largest QR code version that still scans from the back of a room (with error
/// correction M).
pub const MAX_QR_VERSION: i16 = 20;

/// A QR code (error correction M) as an SVG path over a `width`×`width` grid of modules, or
/// `None` when `text` needs a version above [`MAX_QR_VERSION`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Qr {
    pub width: usize,
    pub version: i16,
    /// `M x y h1 v1 h-1 z` for every dark module.
    pub path: String,
}

/// Draws `text` as a QR code, if it fits a scannable size.
pub fn qr(text: &str) -> Option<Qr> {
    let code = qrcode::QrCode::with_error_correction_level(text, qrcode::EcLevel::M).ok()?;
    let version = match code.version() {
        qrcode::Version::Normal(v) => v,
        qrcode::Version::Micro(_) => return None,
    };
    if version > MAX_QR_VERSION {
        return None;
    }
    let width = code.width();
    let mut path = String::new();
    for (i, c) in code.to_colors().iter().enumerate() {
        if *c == qrcode::Color::Dark {
            path.push_str(&format!("M{} {}h1v1h-1z", i % width, i / width));
        }
    }
    Some(Qr {
        width,
        version,
        path,
    })
}

/// The longest title, trainer name and learner name, in characters.
pub const MAX_NAME: usize = 120;
/// The longest trainer message, in characters.
pub const MAX_MESSAGE: usize = 500;
/// The most modules in one assignment.
pub const MAX_MODULES: usize = 40;

/// A module in an assignment, with what the trainer requires.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssignedModule {
    pub module: String,
    /// The quiz must be passed (with the assignment's pass mark).
    pub quiz: bool,
    /// The self-assessment after the module must be done.
    pub after_self_assessment: bool,
}

/// What a trainer asks a group to do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assignment {
    /// Random id: reports refer to it.
    pub id: String,
    pub title: String,
    pub trainer: String,
    pub message: String,
    /// Due date as days since 1970-01-01 (a calendar day, no time zone).
    pub due_day: Option<u32>,
    /// Percent needed to pass a required quiz.
    pub pass_mark: u8,
    pub modules: Vec<AssignedModule>,
    /// When it was made (seconds since the epoch).
    pub created: u64,
    /// Worksheets the group fills in as tasks (since code version 2).
    #[serde(default)]
    pub tools: Vec<Tool>,
}

fn text_ok(s: &str, max: usize) -> bool {
    s.chars().count() <= max && !s.chars().any(|c| c.is_control() && c != '\n')
}

fn id_ok(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 80
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

impl Assignment {
    /// The code of this assignment (for a link or a QR code).
    pub fn encode(&self) -> String {
        encode(Kind::Assignment, self)
    }

    /// Decodes and checks an assignment code (or a link or text containing one).
    pub fn decode(text: &str) -> Result<Assignment, CodeError> {
        let a: Assignment = decode::<v1::Assignment, _>(text, Kind::Assignment)?;
        a.check()?;
        Ok(a)
    }

    /// Checks what a decoder cannot: lengths, ids, the pass mark.
    pub fn check(&self) -> Result<(), CodeError> {
        if !id_ok(&self.id) {
            return Err(CodeError::Invalid("assignment id"));
        }
        if self.title.trim().is_empty() || !text_ok(&self.title, MAX_NAME) {
            return Err(CodeError::Invalid("title"));
        }
        if !text_ok(&self.trainer, MAX_NAME) {
            return Err(CodeError::Invalid("trainer"));
        }
        if !text_ok(&self.message, MAX_MESSAGE) {
            return Err(CodeError::Invalid("message"));
        }
        if self.pass_mark > 100 {
            return Err(CodeError::Invalid("pass mark"));
        }
        if (self.modules.is_empty() && self.tools.is_empty()) || self.modules.len() > MAX_MODULES {
            return Err(CodeError::Invalid("modules"));
        }
        if !unique_tools(&self.tools) {
            return Err(CodeError::Invalid("worksheets"));
        }
        if self.modules.iter().any(|m| !id_ok(&m.module)) {
            return Err(CodeError::Invalid("module id"));
        }
        Ok(())
    }
}

/// One question of a quiz attempt, as a report shares it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionResult {
    pub question: String,
    /// Points as a whole percent (0–100).
    pub score: u8,
    /// The option ids the learner chose (for choice questions; empty for others).
    pub chosen: Vec<String>,
}

/// A learner's latest finished quiz attempt of a module.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuizResult {
    pub percent: u8,
    pub passed: bool,
    /// Seconds since the epoch.
    pub finished: u64,
    pub questions: Vec<QuestionResult>,
}

/// Where a learner stands in one module of an assignment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModuleResult {
    pub module: String,
    pub lessons_done: u16,
    pub lessons_total: u16,
    /// Average self-ratings before and after, in tenths (10–50).
    pub self_before: Option<u8>,
    pub self_after: Option<u8>,
    pub quiz: Option<QuizResult>,
}

/// What a learner shares with the trainer about one assignment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    pub assignment: String,
    /// The name or pseudonym the learner chose for this report.
    pub learner: String,
    /// A random id of the learner's profile, so a newer report replaces an older one.
    pub learner_id: String,
    /// Seconds since the epoch.
    pub created: u64,
    pub modules: Vec<ModuleResult>,
    /// The assignment's worksheet tasks the learner has done (since code version 2).
    #[serde(default)]
    pub tools_done: Vec<Tool>,
}

impl Report {
    /// The code of this report (for a link, a file or a QR code).
    pub fn encode(&self) -> String {
        encode(Kind::Report, self)
    }

    /// Decodes and checks a report code (or a link or text containing one).
    pub fn decode(text: &str) -> Result<Report, CodeError> {
        let r: Report = decode::<v1::Report, _>(text, Kind::Report)?;
        r.check()?;
        Ok(r)
    }

    /// Checks what a decoder cannot.
    pub fn check(&self) -> Result<(), CodeError> {
        if !id_ok(&self.assignment) || !id_ok(&self.learner_id) {
            return Err(CodeError::Invalid("id"));
        }
        if self.learner.trim().is_empty() || !text_ok(&self.learner, MAX_NAME) {
            return Err(CodeError::Invalid("learner"));
        }
        if self.modules.len() > MAX_MODULES {
            return Err(CodeError::Invalid("modules"));
        }
        if !unique_tools(&self.tools_done) {
            return Err(CodeError::Invalid("worksheets"));
        }
        for m in &self.modules {
            if !id_ok(&m.module) || m.lessons_done > m.lessons_total {
                return Err(CodeError::Invalid("module"));
            }
            let rating_ok = |r: Option<u8>| r.is_none_or(|r| (10..=50).contains(&r));
            if !rating_ok(m.self_before) || !rating_ok(m.self_after) {
                return Err(CodeError::Invalid("self-assessment"));
            }
            if let Some(q) = &m.quiz {
                if q.percent > 100
                    || q.questions
                        .iter()
                        .any(|x| x.score > 100 || !id_ok(&x.question))
                {
                    return Err(CodeError::Invalid("quiz"));
                }
            }
        }
        Ok(())
    }
}

fn unique_tools(tools: &[Tool]) -> bool {
    tools.len() <= Tool::ALL.len()
        && tools
            .iter()
            .enumerate()
            .all(|(i, t)| !tools[..i].contains(t))
}

/// The bodies of format version 1 codes, read by today's decoder and converted.
pub mod v1 {
    use super::{AssignedModule, ModuleResult};
    use serde::Deserialize;

    /// An assignment as version 1 wrote it: no worksheet tasks.
    #[derive(Deserialize)]
    pub struct Assignment {
        id: String,
        title: String,
        trainer: String,
        message: String,
        due_day: Option<u32>,
        pass_mark: u8,
        modules: Vec<AssignedModule>,
        created: u64,
    }

    impl From<Assignment> for super::Assignment {
        fn from(a: Assignment) -> Self {
            super::Assignment {
                id: a.id,
                title: a.title,
                trainer: a.trainer,
                message: a.message,
                due_day: a.due_day,
                pass_mark: a.pass_mark,
                modules: a.modules,
                created: a.created,
                tools: Vec::new(),
            }
        }
    }

    /// A report as version 1 wrote it: no worksheet tasks.
    #[derive(Deserialize)]
    pub struct Report {
        assignment: String,
        learner: String,
        learner_id: String,
        created: u64,
        modules: Vec<ModuleResult>,
    }

    impl From<Report> for super::Report {
        fn from(r: Report) -> Self {
            super::Report {
                assignment: r.assignment,
                learner: r.learner,
                learner_id: r.learner_id,
                created: r.created,
                modules: r.modules,
                tools_done: Vec::new(),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MODULES: [&str; 8] = [
        "inclusion-regional-task",
        "stakeholder-mapping",
        "network-governance",
        "migrant-participation",
        "regional-action-plan",
        "measuring-impact",
        "communication-data-protection",
        "sustaining-networks",
    ];

    fn typical_assignment() -> Assignment {
        Assignment {
            id: "a-7f3k9x2q".into(),
            title: "Regionales Netzwerk Integration – Herbstschulung 2026".into(),
            trainer: "Dr. Miriam Okonkwo-Schäfer".into(),
            message: "Liebe Teilnehmende, bitte bearbeiten Sie die acht Module bis zum nächsten \
                      Netzwerktreffen. Die Quizze zählen, die Selbsteinschätzung danach hilft uns \
                      bei der Planung. Fragen gern an mich oder an das Integrationsbüro."
                .chars()
                .take(200)
                .collect(),
            due_day: Some(20_800),
            pass_mark: 70,
            modules: MODULES
                .iter()
                .map(|m| AssignedModule {
                    module: (*m).into(),
                    quiz: true,
                    after_self_assessment: true,
                })
                .collect(),
            created: 1_764_140_000,
            tools: vec![Tool::StakeholderMap, Tool::HealthCheck],
        }
    }

    fn typical_report() -> Report {
        Report {
            assignment: "a-7f3k9x2q".into(),
            learner: "Amal H.".into(),
            learner_id: "p-19c3e2a7b10-3f2a9c81".into(),
            created: 1_764_150_000,
            modules: MODULES
                .iter()
                .enumerate()
                .map(|(n, m)| ModuleResult {
                    module: (*m).into(),
                    lessons_done: 4,
                    lessons_total: 5,
                    self_before: Some(24),
                    self_after: Some(38),
                    quiz: Some(QuizResult {
                        percent: 80,
                        passed: true,
                        finished: 1_764_149_000,
                        questions: (1..=10)
                            .map(|i| QuestionResult {
                                question: format!("{}-q{i}", &m[..6]),
                                score: ((i * 37 + n * 11) % 101) as u8,
                                chosen: vec![
                                    format!("opt-{}", (i * 7 + n) % 5),
                                    format!("opt-{}", (i + n * 3) % 5),
                                ],
                            })
                            .collect(),
                    }),
                })
                .collect(),
            tools_done: vec![Tool::HealthCheck],
        }
    }

    #[test]
    fn version_1_codes_still_decode() {
        let fixture = |name: &str| {
            std::fs::read_to_string(format!(
                "{}/../tests/fixtures/codes/{name}",
                env!("CARGO_MANIFEST_DIR")
            ))
            .unwrap()
        };
        let a = Assignment::decode(&fixture("v1-assignment.txt")).unwrap();
        assert_eq!(a.title, "Autumn course 2026");
        assert_eq!(a.modules.len(), 2);
        assert!(a.modules[0].quiz && a.modules[1].after_self_assessment);
        assert_eq!(a.due_day, Some(20_800));
        assert!(a.tools.is_empty());
        let r = Report::decode(&fixture("v1-report.txt")).unwrap();
        assert_eq!(r.learner, "Amal H.");
        assert_eq!(r.modules[0].quiz.as_ref().unwrap().percent, 80);
        assert!(r.tools_done.is_empty());
    }

    #[test]
    fn worksheet_tasks_are_checked() {
        let mut a = typical_assignment();
        a.modules.clear();
        assert_eq!(
            Assignment::decode(&a.encode()),
            Ok(a.clone()),
            "worksheets alone are a task"
        );
        a.tools.clear();
        assert_eq!(
            Assignment::decode(&a.encode()),
            Err(CodeError::Invalid("modules"))
        );
        a.tools = vec![Tool::ActionPlan, Tool::ActionPlan];
        assert_eq!(
            Assignment::decode(&a.encode()),
            Err(CodeError::Invalid("worksheets"))
        );
    }

    #[test]
    fn codes_round_trip() {
        let a = typical_assignment();
        assert_eq!(Assignment::decode(&a.encode()), Ok(a.clone()));
        let link = format!("https://erasmi.example.org/assign#{}", a.encode());
        assert_eq!(Assignment::decode(&link), Ok(a));
        let r = typical_report();
        assert_eq!(Report::decode(&format!("  {}\n", r.encode())), Ok(r));
    }

    #[test]
    fn a_typical_assignment_link_fits_a_scannable_qr_code() {
        let link = format!(
            "https://erasmi.example.org/assign#{}",
            typical_assignment().encode()
        );
        println!("typical assignment link: {} characters", link.len());
        assert!(link.len() <= 650, "{} characters", link.len());
        let qr = qr(&link).expect("the link fits a QR code of version 20 or below");
        println!(
            "its QR code: version {}, {} modules wide",
            qr.version, qr.width
        );
        assert!(qr.version <= MAX_QR_VERSION);
        assert_eq!(qr.width, 17 + 4 * qr.version as usize);
        assert!(
            super::qr(&"x".repeat(2000)).is_none(),
            "too long for a scannable code"
        );
    }

    #[test]
    fn a_report_for_eight_modules_stays_under_eight_kilobytes() {
        let code = typical_report().encode();
        println!("report for 8 modules: {} bytes", code.len());
        assert!(code.len() <= 8_000, "{} bytes", code.len());
    }

    #[test]
    fn round_trips_hold_for_many_generated_assignments_and_reports() {
        let mut g = Gen(0x9e37_79b9_7f4a_7c15);
        for _ in 0..300 {
            let modules = (0..g.below(12) + 1)
                .map(|i| AssignedModule {
                    module: g.id(i),
                    quiz: g.below(2) == 0,
                    after_self_assessment: g.below(2) == 0,
                })
                .collect();
            let a = Assignment {
                id: g.id(0),
                title: format!("T{}", g.text(100)),
                trainer: g.text(100),
                message: g.text(500),
                due_day: (g.below(2) == 0).then(|| g.below(40_000) as u32),
                pass_mark: g.below(101) as u8,
                modules,
                created: g.below(4_000_000_000),
                tools: Tool::ALL[..g.below(4) as usize].to_vec(),
            };
            assert_eq!(Assignment::decode(&a.encode()), Ok(a));
            let mut modules = Vec::new();
            for i in 0..g.below(9) {
                let total = g.below(20) as u16;
                let quiz = (g.below(2) == 0).then(|| {
                    let mut questions = Vec::new();
                    for q in 0..g.below(15) {
                        let chosen = (0..g.below(4))
                            .map(|c| format!("{}{c}", g.text(10)))
                            .collect();
                        questions.push(QuestionResult {
                            question: g.id(q),
                            score: g.below(101) as u8,
                            chosen,
                        });
                    }
                    QuizResult {
                        percent: g.below(101) as u8,
                        passed: g.below(2) == 0,
                        finished: g.next(),
                        questions,
                    }
                });
                modules.push(ModuleResult {
                    module: g.id(i),
                    lessons_done: total / 2,
                    lessons_total: total,
                    self_before: Some((10 + g.below(41)) as u8),
                    self_after: None,
                    quiz,
                });
            }
            let r = Report {
                assignment: g.id(1),
                learner: format!("L{}", g.text(60)),
                learner_id: g.id(2),
                created: g.next(),
                modules,
                tools_done: Tool::ALL[g.below(4) as usize..].to_vec(),
            };
            assert_eq!(Report::decode(&r.encode()), Ok(r));
        }
    }

    /// A small deterministic generator (xorshift) in place of a property-testing crate.
    struct Gen(u64);

    impl Gen {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
        fn below(&mut self, n: u64) -> u64 {
            self.next() % n
        }
        fn id(&mut self, salt: u64) -> String {
            format!("id-{salt}-{:x}", self.next() % 100_000)
        }
        fn text(&mut self, max: u64) -> String {
            const ALPHABET: &str = "abcdefghijklmnopqrstuvwxyzäöüßÄÖÜ éèçğışñ-_.,!?0123456789\n";
            let chars: Vec<char> = ALPHABET.chars().collect();
            let n = self.below(max + 1);
            (0..n)
                .map(|_| chars[self.below(chars.len() as u64) as usize])
                .collect()
        }
    }

    fn raw(code: &str) -> Vec<u8> {
        URL_SAFE_NO_PAD.decode(code).unwrap()
    }

    fn text(bytes: &[u8]) -> String {
        URL_SAFE_NO_PAD.encode(bytes)
    }

    #[test]
    fn bad_codes_are_refused_each_with_its_reason() {
        let good = typical_assignment().encode();
        let report = typical_report().encode();
        let mut future = raw(&good);
        future[0] = VERSION + 1;
        let mut zero = raw(&good);
        zero[0] = 0;
        let mut other_kind = raw(&good);
        other_kind[1] = 9;
        let mut flipped = raw(&good);
        let last = flipped.len() - 3;
        flipped[last] ^= 0b0000_0100;
        let mut longer = raw(&good);
        longer.push(0);
        let cases: Vec<(String, CodeError)> = vec![
            (String::new(), CodeError::Empty),
            (
                "https://erasmi.example.org/assign#".into(),
                CodeError::Empty,
            ),
            (
                "A".repeat(MAX_ASSIGNMENT_CODE + 1),
                CodeError::TooLong {
                    limit: MAX_ASSIGNMENT_CODE,
                },
            ),
            ("not a code!".into(), CodeError::NotBase64),
            (good[..good.len() / 2].into(), CodeError::Truncated),
            (good[..4].into(), CodeError::Truncated),
            (text(&flipped), CodeError::Corrupted),
            (text(&longer), CodeError::Corrupted),
            (
                text(&future),
                CodeError::FutureVersion { found: VERSION + 1 },
            ),
            (text(&zero), CodeError::Unknown),
            (text(&other_kind), CodeError::Unknown),
            (
                report.clone(),
                CodeError::WrongKind {
                    expected: Kind::Assignment,
                    found: Kind::Report,
                },
            ),
        ];
        assert!(cases.len() >= 10);
        for (code, expected) in cases {
            assert_eq!(Assignment::decode(&code), Err(expected), "{code:.40}");
        }
        assert_eq!(
            Report::decode(&good),
            Err(CodeError::WrongKind {
                expected: Kind::Report,
                found: Kind::Assignment
            })
        );
        // Valid encoding, invalid content.
        let mut bad = typical_assignment();
        bad.modules.clear();
        bad.tools.clear();
        assert_eq!(
            Assignment::decode(&bad.encode()),
            Err(CodeError::Invalid("modules"))
        );
        let mut bad = typical_assignment();
        bad.pass_mark = 140;
        assert_eq!(
            Assignment::decode(&bad.encode()),
            Err(CodeError::Invalid("pass mark"))
        );
        // A body that is not the postcard form of an assignment.
        let body = miniz_oxide::deflate::compress_to_vec(b"\xff\xff\xff\xff\xff", 10);
        let mut forged = vec![VERSION, Kind::Assignment as u8];
        forged.extend_from_slice(&(body.len() as u32).to_le_bytes());
        forged.extend_from_slice(&crc32fast::hash(&body).to_le_bytes());
        forged.extend_from_slice(&body);
        assert!(matches!(
            Assignment::decode(&text(&forged)),
            Err(CodeError::Malformed(_))
        ));
    }

    #[test]
    fn every_error_has_a_distinct_message_key() {
        let keys: std::collections::BTreeSet<&str> = CodeError::MESSAGE_KEYS.into_iter().collect();
        assert_eq!(keys.len(), CodeError::MESSAGE_KEYS.len());
    }
}
