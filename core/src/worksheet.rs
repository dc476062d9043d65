//! Worksheets: the tools a network uses in its own work — a stakeholder map, a regional action
//! plan and a network health check.
//!
//! Each worksheet is one record of the `worksheets` store, keyed `[profile, id]`, with its kind
//! in `kind` (the store's `profile_kind` index) and its content in `sheet`. Records are stored and
//! backed up, so this is an API boundary: a new field gets `#[serde(default)]`, a changed meaning a
//! new kind. The drawing geometry ([`grid`]) and the exports (SVG, CSV) live here too, so the
//! screen and the exported files agree and both are tested natively.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::{Deserialize, Serialize};

use crate::content::HealthCheck;

/// The longest worksheet title or stakeholder name, in characters.
pub const MAX_TITLE: usize = 120;
/// The longest free text (notes, goals, resources), in characters.
pub const MAX_TEXT: usize = 2_000;
/// The most stakeholders on a map, goals or measures in a plan, or runs of a health check.
pub const MAX_ITEMS: usize = 100;

/// The three worksheet tools. The variant order is part of the assignment code format (postcard
/// writes the index): add new tools at the end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Tool {
    StakeholderMap,
    ActionPlan,
    HealthCheck,
}

impl Tool {
    /// Every tool, in the order the tools page lists them.
    pub const ALL: [Tool; 3] = [Tool::StakeholderMap, Tool::ActionPlan, Tool::HealthCheck];

    /// The URL segment and content id (`/tools/stakeholder-map`, a module's `tools`).
    pub fn slug(self) -> &'static str {
        match self {
            Tool::StakeholderMap => "stakeholder-map",
            Tool::ActionPlan => "action-plan",
            Tool::HealthCheck => "health-check",
        }
    }

    /// The tool with this slug.
    pub fn from_slug(slug: &str) -> Option<Tool> {
        Tool::ALL.into_iter().find(|t| t.slug() == slug)
    }

    /// The stem of the tool's UI string keys (`tools.stakeholder_map.title`).
    pub fn key(self) -> &'static str {
        match self {
            Tool::StakeholderMap => "stakeholder_map",
            Tool::ActionPlan => "action_plan",
            Tool::HealthCheck => "health_check",
        }
    }
}

/// One saved worksheet.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WorksheetRecord {
    pub profile: String,
    pub id: String,
    pub title: String,
    /// Milliseconds since the epoch.
    pub created_at: f64,
    pub updated_at: f64,
    #[serde(flatten)]
    pub sheet: Sheet,
}

/// What a worksheet holds, tagged by `kind`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "sheet", rename_all = "snake_case")]
pub enum Sheet {
    StakeholderMap(StakeholderMap),
    ActionPlan(ActionPlan),
    HealthCheck(HealthLog),
}

impl Sheet {
    /// An empty worksheet of a tool.
    pub fn empty(tool: Tool) -> Sheet {
        match tool {
            Tool::StakeholderMap => Sheet::StakeholderMap(StakeholderMap::default()),
            Tool::ActionPlan => Sheet::ActionPlan(ActionPlan::default()),
            Tool::HealthCheck => Sheet::HealthCheck(HealthLog::default()),
        }
    }

    /// The tool this worksheet belongs to.
    pub fn tool(&self) -> Tool {
        match self {
            Sheet::StakeholderMap(_) => Tool::StakeholderMap,
            Sheet::ActionPlan(_) => Tool::ActionPlan,
            Sheet::HealthCheck(_) => Tool::HealthCheck,
        }
    }

    /// Whether the worksheet counts as done for an assignment task: a map with a stakeholder, a
    /// plan with a measure, a health check with a finished run.
    pub fn is_done(&self) -> bool {
        match self {
            Sheet::StakeholderMap(m) => !m.stakeholders.is_empty(),
            Sheet::ActionPlan(p) => p.goals.iter().any(|g| !g.measures.is_empty()),
            Sheet::HealthCheck(h) => !h.runs.is_empty(),
        }
    }
}

impl WorksheetRecord {
    /// A new, empty worksheet.
    pub fn new(profile: &str, id: String, tool: Tool, title: &str, now: f64) -> Self {
        WorksheetRecord {
            profile: profile.to_owned(),
            id,
            title: title.trim().to_owned(),
            created_at: now,
            updated_at: now,
            sheet: Sheet::empty(tool),
        }
    }

    /// The tool this worksheet belongs to.
    pub fn tool(&self) -> Tool {
        self.sheet.tool()
    }

    /// Checks what the types cannot (for records from a backup): lengths, counts and ranges.
    /// Returns what is wrong.
    pub fn check(&self) -> Result<(), &'static str> {
        let short = |s: &str| s.chars().count() <= MAX_TITLE;
        let text = |s: &str| s.chars().count() <= MAX_TEXT;
        if !short(&self.title) {
            return Err("the title is too long");
        }
        let ok = match &self.sheet {
            Sheet::StakeholderMap(m) => {
                m.stakeholders.len() <= MAX_ITEMS
                    && m.stakeholders.iter().all(|s| {
                        short(&s.name) && text(&s.notes) && s.influence <= 100 && s.interest <= 100
                    })
            }
            Sheet::ActionPlan(p) => {
                p.goals.len() <= MAX_ITEMS
                    && p.milestones.len() <= MAX_ITEMS
                    && p.measures().count() <= MAX_ITEMS
                    && p.goals.iter().all(|g| text(&g.text))
                    && p.measures().all(|(_, m)| {
                        text(&m.title)
                            && text(&m.resources)
                            && text(&m.indicator)
                            && m.partners.len() <= MAX_ITEMS
                    })
                    && p.milestones.iter().all(|m| text(&m.text))
            }
            Sheet::HealthCheck(h) => {
                h.runs.len() <= MAX_ITEMS
                    && h.runs
                        .iter()
                        .map(|r| &r.ratings)
                        .chain([&h.draft])
                        .all(|r| r.len() <= 1_000 && r.values().all(|v| (1..=5).contains(v)))
            }
        };
        if ok {
            Ok(())
        } else {
            Err("a worksheet holds more, or longer, entries than the app makes")
        }
    }
}

/// Why a worksheet title or entry was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum EntryError {
    #[error("the name is empty")]
    Empty,
    #[error("the name is longer than {MAX_TITLE} characters")]
    TooLong,
    #[error("the list is full")]
    Full,
}

impl EntryError {
    /// The UI string key that explains the error.
    pub fn message_key(self) -> &'static str {
        match self {
            EntryError::Empty => "tools.error.empty",
            EntryError::TooLong => "tools.error.too_long",
            EntryError::Full => "tools.error.full",
        }
    }

    /// Every message key, for the test that both languages have them.
    pub const MESSAGE_KEYS: [&'static str; 3] = [
        "tools.error.empty",
        "tools.error.too_long",
        "tools.error.full",
    ];
}

/// Checks a title or a name: not blank, at most [`MAX_TITLE`] characters.
pub fn check_name(name: &str) -> Result<String, EntryError> {
    let name = name.trim();
    if name.is_empty() {
        Err(EntryError::Empty)
    } else if name.chars().count() > MAX_TITLE {
        Err(EntryError::TooLong)
    } else {
        Ok(name.to_owned())
    }
}

/// Cuts free text to [`MAX_TEXT`] characters.
pub fn clip(text: &str) -> String {
    text.chars().take(MAX_TEXT).collect()
}

/// A file name (without extension) from a worksheet title: lower-case letters and digits, words
/// joined by dashes, at most 60 characters.
pub fn file_stem(title: &str) -> String {
    let mut out = String::new();
    for c in title.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out: String = out.trim_end_matches('-').chars().take(60).collect();
    if out.is_empty() {
        "worksheet".to_owned()
    } else {
        out
    }
}

// ---------------------------------------------------------------------------------------------
// Stakeholder map

/// A power/interest map of the stakeholders of a region's inclusion work.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct StakeholderMap {
    pub stakeholders: Vec<Stakeholder>,
}

/// A stakeholder's stance towards the network's aims.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Attitude {
    Supportive,
    #[default]
    Neutral,
    Critical,
}

impl Attitude {
    /// Every attitude, for a select.
    pub const ALL: [Attitude; 3] = [Attitude::Supportive, Attitude::Neutral, Attitude::Critical];

    /// The stored name, also the UI key stem and the CSS class suffix.
    pub fn as_str(self) -> &'static str {
        match self {
            Attitude::Supportive => "supportive",
            Attitude::Neutral => "neutral",
            Attitude::Critical => "critical",
        }
    }

    /// The attitude with this name.
    pub fn parse(s: &str) -> Option<Attitude> {
        Attitude::ALL.into_iter().find(|a| a.as_str() == s)
    }

    /// The colour of the attitude in exported pictures (the screen uses CSS).
    fn colour(self) -> &'static str {
        match self {
            Attitude::Supportive => "#1b7a4a",
            Attitude::Neutral => "#5b6573",
            Attitude::Critical => "#b3261e",
        }
    }
}

/// One stakeholder on a map. Influence and interest run from 0 to 100.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Stakeholder {
    pub id: String,
    pub name: String,
    /// A stakeholder group id from the taxonomy, or empty.
    #[serde(default)]
    pub group: String,
    pub influence: u8,
    pub interest: u8,
    #[serde(default)]
    pub attitude: Attitude,
    #[serde(default)]
    pub notes: String,
}

/// The four fields of the power/interest grid and the usual strategy for each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Quadrant {
    /// High influence, high interest.
    ManageClosely,
    /// High influence, low interest.
    KeepSatisfied,
    /// Low influence, high interest.
    KeepInformed,
    /// Low influence, low interest.
    Monitor,
}

impl Quadrant {
    /// In reading order on the grid: top left, top right, bottom left, bottom right.
    pub const ALL: [Quadrant; 4] = [
        Quadrant::KeepSatisfied,
        Quadrant::ManageClosely,
        Quadrant::Monitor,
        Quadrant::KeepInformed,
    ];

    /// The UI key stem (`tools.stakeholder_map.quadrant.manage_closely`).
    pub fn key(self) -> &'static str {
        match self {
            Quadrant::ManageClosely => "manage_closely",
            Quadrant::KeepSatisfied => "keep_satisfied",
            Quadrant::KeepInformed => "keep_informed",
            Quadrant::Monitor => "monitor",
        }
    }
}

impl Stakeholder {
    /// A new stakeholder in the middle of the grid.
    pub fn new(id: String, name: String) -> Self {
        Stakeholder {
            id,
            name,
            group: String::new(),
            influence: 50,
            interest: 50,
            attitude: Attitude::Neutral,
            notes: String::new(),
        }
    }

    /// The field of the grid the stakeholder is in (50 counts as high).
    pub fn quadrant(&self) -> Quadrant {
        match (self.influence >= 50, self.interest >= 50) {
            (true, true) => Quadrant::ManageClosely,
            (true, false) => Quadrant::KeepSatisfied,
            (false, true) => Quadrant::KeepInformed,
            (false, false) => Quadrant::Monitor,
        }
    }

    /// Moves the stakeholder by `d_interest` (right) and `d_influence` (up), within the grid.
    pub fn nudge(&mut self, d_interest: i32, d_influence: i32) {
        self.interest = (i32::from(self.interest) + d_interest).clamp(0, 100) as u8;
        self.influence = (i32::from(self.influence) + d_influence).clamp(0, 100) as u8;
    }
}

impl StakeholderMap {
    /// The stakeholder with this id.
    pub fn get_mut(&mut self, id: &str) -> Option<&mut Stakeholder> {
        self.stakeholders.iter_mut().find(|s| s.id == id)
    }

    /// Adds a stakeholder with a checked name.
    pub fn add(&mut self, id: String, name: &str) -> Result<(), EntryError> {
        let name = check_name(name)?;
        if self.stakeholders.len() >= MAX_ITEMS {
            return Err(EntryError::Full);
        }
        let mut s = Stakeholder::new(id, name);
        (s.interest, s.influence) = self.free_spot();
        self.stakeholders.push(s);
        Ok(())
    }

    /// Where a new stakeholder goes: the middle of the grid, or the nearest free spot above or
    /// below it (names are written to the right of their dot, so a column keeps them apart), then
    /// in columns to the left and right. New stakeholders never hide each other.
    fn free_spot(&self) -> (u8, u8) {
        const COLUMNS: [i32; 3] = [0, -30, 30];
        const ROWS: [i32; 11] = [0, 8, -8, 16, -16, 24, -24, 32, -32, 40, -40];
        for dx in COLUMNS {
            for dy in ROWS {
                let (x, y) = (50 + dx, 50 + dy);
                let taken = self.stakeholders.iter().any(|s| {
                    (i32::from(s.interest) - x).abs() < 4 && (i32::from(s.influence) - y).abs() < 4
                });
                if !taken {
                    return (x as u8, y as u8);
                }
            }
        }
        (50, 50)
    }

    /// The stakeholders' names, for picking responsible partners in a plan.
    pub fn names(&self) -> Vec<String> {
        self.stakeholders.iter().map(|s| s.name.clone()).collect()
    }

    /// The map as a JSON file of its own (`erasmi-stakeholder-map` version 1).
    pub fn to_json(&self, title: &str) -> String {
        let file = serde_json::json!({
            "format": "erasmi-stakeholder-map",
            "version": 1,
            "title": title,
            "stakeholders": self.stakeholders,
        });
        serde_json::to_string_pretty(&file).unwrap_or_default()
    }
}

/// The geometry of the power/interest grid, shared by the screen and the exported picture.
/// Interest runs left to right, influence bottom to top.
pub mod grid {
    /// The picture's width and height in SVG units (also the PNG size in CSS pixels).
    pub const WIDTH: f64 = 800.0;
    pub const HEIGHT: f64 = 600.0;
    /// The grid area inside the picture.
    pub const LEFT: f64 = 64.0;
    pub const TOP: f64 = 24.0;
    pub const RIGHT: f64 = 776.0;
    pub const BOTTOM: f64 = 520.0;

    /// The point of a stakeholder with this interest and influence.
    pub fn to_xy(interest: u8, influence: u8) -> (f64, f64) {
        let x = LEFT + (RIGHT - LEFT) * f64::from(interest.min(100)) / 100.0;
        let y = BOTTOM - (BOTTOM - TOP) * f64::from(influence.min(100)) / 100.0;
        (x, y)
    }

    /// The interest and influence at a point (clamped to the grid).
    pub fn from_xy(x: f64, y: f64) -> (u8, u8) {
        let v = |t: f64| {
            if t.is_finite() {
                (t * 100.0).round().clamp(0.0, 100.0) as u8
            } else {
                50
            }
        };
        (
            v((x - LEFT) / (RIGHT - LEFT)),
            v((BOTTOM - y) / (BOTTOM - TOP)),
        )
    }
}

/// The words of the exported picture, in the learner's language.
#[derive(Debug, Clone, Default)]
pub struct MapLabels {
    pub title: String,
    pub influence: String,
    pub interest: String,
    /// In [`Quadrant::ALL`] order.
    pub quadrants: [String; 4],
    /// In [`Attitude::ALL`] order.
    pub attitudes: [String; 3],
}

/// Escapes text for XML.
pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// The map as a standalone SVG picture: the grid with its four fields, every stakeholder as a dot
/// in its attitude's colour with its name as a `<text>` node, and a legend. Presentation
/// attributes only, so it looks the same in any viewer.
pub fn map_svg(map: &StakeholderMap, labels: &MapLabels) -> String {
    use grid::*;
    let mut s = String::new();
    let _ = write!(
        s,
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" font-family="system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"><title>{title}</title><rect width="{w}" height="{h}" fill="#ffffff"/>"##,
        w = WIDTH,
        h = HEIGHT,
        title = xml_escape(&labels.title)
    );
    let mid_x = (LEFT + RIGHT) / 2.0;
    let mid_y = (TOP + BOTTOM) / 2.0;
    let fields = [
        (LEFT, TOP, "#eef3f8"),
        (mid_x, TOP, "#e3ecf5"),
        (LEFT, mid_y, "#f7f9fb"),
        (mid_x, mid_y, "#eef3f8"),
    ];
    for ((x, y, fill), name) in fields.iter().zip(&labels.quadrants) {
        let _ = write!(
            s,
            r##"<rect x="{x}" y="{y}" width="{fw}" height="{fh}" fill="{fill}" stroke="#c5d0dc"/><text x="{tx}" y="{ty}" font-size="14" fill="#4a5868">{name}</text>"##,
            fw = mid_x - LEFT,
            fh = mid_y - TOP,
            tx = x + 10.0,
            ty = y + 22.0,
            name = xml_escape(name)
        );
    }
    let _ = write!(
        s,
        r##"<text x="{cx}" y="{ay}" font-size="15" text-anchor="middle" fill="#1f2a37">{interest} →</text><text x="20" y="{mid_y}" font-size="15" text-anchor="middle" fill="#1f2a37" transform="rotate(-90 20 {mid_y})">{influence} →</text>"##,
        cx = mid_x,
        ay = BOTTOM + 28.0,
        interest = xml_escape(&labels.interest),
        influence = xml_escape(&labels.influence),
    );
    for st in &map.stakeholders {
        let (x, y) = to_xy(st.interest, st.influence);
        // Names near the right edge go to the left of the dot so they stay in the picture.
        let (tx, anchor) = if x > RIGHT - 160.0 {
            (x - 12.0, "end")
        } else {
            (x + 12.0, "start")
        };
        let _ = write!(
            s,
            r##"<g><circle cx="{x:.1}" cy="{y:.1}" r="8" fill="{c}" stroke="#ffffff" stroke-width="2"/><text x="{tx:.1}" y="{ty:.1}" font-size="14" text-anchor="{anchor}" fill="#1f2a37">{name}</text></g>"##,
            c = st.attitude.colour(),
            ty = y + 5.0,
            name = xml_escape(&st.name)
        );
    }
    let mut lx = LEFT;
    for (a, name) in Attitude::ALL.iter().zip(&labels.attitudes) {
        let _ = write!(
            s,
            r##"<circle cx="{cx}" cy="{cy}" r="7" fill="{c}"/><text x="{tx}" y="{ty}" font-size="14" fill="#1f2a37">{name}</text>"##,
            cx = lx + 7.0,
            cy = HEIGHT - 26.0,
            c = a.colour(),
            tx = lx + 20.0,
            ty = HEIGHT - 21.0,
            name = xml_escape(name)
        );
        lx += 40.0 + 9.0 * name.chars().count() as f64;
    }
    s.push_str("</svg>");
    s
}

// ---------------------------------------------------------------------------------------------
// Regional action plan

/// A calendar month, stored as `"YYYY-MM"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Month {
    pub year: u16,
    /// 1–12.
    pub month: u8,
}

impl Month {
    /// Reads `YYYY-MM` (as an `<input type="month">` gives it), years 2000–2100.
    pub fn parse(s: &str) -> Option<Month> {
        let (y, m) = s.trim().split_once('-')?;
        if y.len() != 4 || m.len() != 2 {
            return None;
        }
        let year: u16 = y.parse().ok()?;
        let month: u8 = m.parse().ok()?;
        ((2000..=2100).contains(&year) && (1..=12).contains(&month))
            .then_some(Month { year, month })
    }

    /// Months since January 2000.
    pub fn index(self) -> u32 {
        u32::from(self.year.saturating_sub(2000)) * 12 + u32::from(self.month) - 1
    }

    /// The month `n` months after this one.
    pub fn plus(self, n: u32) -> Month {
        let i = self.index() + n;
        Month {
            year: 2000 + (i / 12) as u16,
            month: (i % 12) as u8 + 1,
        }
    }
}

impl std::fmt::Display for Month {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

impl TryFrom<String> for Month {
    type Error = String;
    fn try_from(s: String) -> Result<Month, String> {
        Month::parse(&s).ok_or_else(|| format!("{s:?} is not a month (YYYY-MM)"))
    }
}

impl From<Month> for String {
    fn from(m: Month) -> String {
        m.to_string()
    }
}

/// A regional action plan: goals, the measures that serve them, and milestones.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ActionPlan {
    /// The region or network the plan is for.
    #[serde(default)]
    pub region: String,
    /// The stakeholder map whose names are offered as responsible partners.
    #[serde(default)]
    pub map: Option<String>,
    #[serde(default)]
    pub goals: Vec<Goal>,
    #[serde(default)]
    pub milestones: Vec<Milestone>,
}

/// A goal of the plan, written as a SMART objective, with its measures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Goal {
    pub id: String,
    pub text: String,
    #[serde(default)]
    pub measures: Vec<Measure>,
}

/// A measure: what is done, by whom, when, with what, and how success shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Measure {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub partners: Vec<String>,
    #[serde(default)]
    pub start: Option<Month>,
    #[serde(default)]
    pub end: Option<Month>,
    #[serde(default)]
    pub resources: String,
    #[serde(default)]
    pub indicator: String,
}

impl Measure {
    /// A new measure with only a title.
    pub fn new(id: String, title: String) -> Self {
        Measure {
            id,
            title,
            partners: Vec::new(),
            start: None,
            end: None,
            resources: String::new(),
            indicator: String::new(),
        }
    }

    /// The months the measure runs, first and last (one month when only one date is set; the
    /// dates in order when they were entered the wrong way round).
    pub fn span(&self) -> Option<(Month, Month)> {
        match (self.start, self.end) {
            (Some(a), Some(b)) => Some((a.min(b), a.max(b))),
            (Some(a), None) | (None, Some(a)) => Some((a, a)),
            (None, None) => None,
        }
    }
}

/// A milestone: a month and what should be reached by then.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Milestone {
    pub id: String,
    pub month: Month,
    pub text: String,
}

impl ActionPlan {
    /// The goal with this id.
    pub fn goal_mut(&mut self, id: &str) -> Option<&mut Goal> {
        self.goals.iter_mut().find(|g| g.id == id)
    }

    /// The measure with this id, in any goal.
    pub fn measure_mut(&mut self, id: &str) -> Option<&mut Measure> {
        self.goals
            .iter_mut()
            .flat_map(|g| g.measures.iter_mut())
            .find(|m| m.id == id)
    }

    /// Every measure, in plan order.
    pub fn measures(&self) -> impl Iterator<Item = (&Goal, &Measure)> {
        self.goals
            .iter()
            .flat_map(|g| g.measures.iter().map(move |m| (g, m)))
    }

    /// Milestones in date order.
    pub fn milestones_in_order(&self) -> Vec<&Milestone> {
        let mut m: Vec<&Milestone> = self.milestones.iter().collect();
        m.sort_by_key(|m| m.month);
        m
    }
}

/// What the wording of a goal shows of SMART. Only what text can show is checked: whether it is
/// achievable and relevant is for the network to discuss.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SmartCheck {
    /// Long enough to say who, what and where (eight words or more).
    pub specific: bool,
    /// Contains a number.
    pub measurable: bool,
    /// Contains a year.
    pub time_bound: bool,
}

/// Looks at a goal's wording for the SMART hints.
pub fn smart_check(text: &str) -> SmartCheck {
    let words = text.split_whitespace().count();
    let has_year = text
        .split(|c: char| !c.is_ascii_digit())
        .any(|n| n.len() == 4 && (n.starts_with("20") || n.starts_with("19")));
    SmartCheck {
        specific: words >= 8,
        measurable: text.chars().any(|c| c.is_ascii_digit()),
        time_bound: has_year,
    }
}

/// The longest timeline drawn, in months (ten years).
pub const MAX_TIMELINE_MONTHS: u32 = 120;

/// The plan's timeline: a bar per dated measure and a mark per milestone, in months from the
/// first month.
#[derive(Debug, Clone, PartialEq)]
pub struct Timeline {
    pub first: Month,
    /// Months shown (at least one).
    pub months: u32,
    pub bars: Vec<TimelineBar>,
    pub marks: Vec<TimelineMark>,
    /// Measures without a date (not drawn).
    pub undated: usize,
}

/// One measure on the timeline.
#[derive(Debug, Clone, PartialEq)]
pub struct TimelineBar {
    /// Index of the goal in the plan (for its colour).
    pub goal: usize,
    pub label: String,
    /// Months from [`Timeline::first`].
    pub start: u32,
    /// Months, at least one.
    pub len: u32,
}

/// One milestone on the timeline.
#[derive(Debug, Clone, PartialEq)]
pub struct TimelineMark {
    pub label: String,
    pub at: u32,
}

/// The plan's timeline, or `None` when nothing in it has a date.
pub fn timeline(plan: &ActionPlan) -> Option<Timeline> {
    let spans: Vec<(usize, &Measure, (Month, Month))> = plan
        .goals
        .iter()
        .enumerate()
        .flat_map(|(i, g)| g.measures.iter().map(move |m| (i, m)))
        .filter_map(|(i, m)| m.span().map(|s| (i, m, s)))
        .collect();
    let dates = spans
        .iter()
        .flat_map(|(_, _, (a, b))| [*a, *b])
        .chain(plan.milestones.iter().map(|m| m.month));
    let first = dates.clone().min()?;
    let last = dates.max()?;
    let months = (last.index() - first.index() + 1).min(MAX_TIMELINE_MONTHS);
    let clamp = |m: Month| (m.index() - first.index()).min(months - 1);
    let bars = spans
        .iter()
        .map(|(goal, m, (a, b))| {
            let start = clamp(*a);
            TimelineBar {
                goal: *goal,
                label: m.title.clone(),
                start,
                len: clamp(*b) - start + 1,
            }
        })
        .collect();
    let marks = plan
        .milestones_in_order()
        .into_iter()
        .map(|m| TimelineMark {
            label: m.text.clone(),
            at: clamp(m.month),
        })
        .collect();
    let undated = plan.measures().count() - spans.len();
    Some(Timeline {
        first,
        months,
        bars,
        marks,
        undated,
    })
}

/// The words of the plan's CSV file, in the learner's language.
#[derive(Debug, Clone, Default)]
pub struct PlanCsvLabels {
    /// Column headers: type, goal, title, partners, start, end, resources, indicator.
    pub headers: [String; 8],
    /// The type column's values for a measure and a milestone.
    pub measure: String,
    pub milestone: String,
}

/// The plan as CSV (RFC 4180, UTF-8 with BOM): a row per measure, then a row per milestone.
pub fn plan_csv(plan: &ActionPlan, labels: &PlanCsvLabels) -> String {
    let mut rows = vec![labels.headers.to_vec()];
    let month = |m: Option<Month>| m.map(|m| m.to_string()).unwrap_or_default();
    for (g, m) in plan.measures() {
        rows.push(vec![
            labels.measure.clone(),
            g.text.clone(),
            m.title.clone(),
            m.partners.join("; "),
            month(m.start),
            month(m.end),
            m.resources.clone(),
            m.indicator.clone(),
        ]);
    }
    for ms in plan.milestones_in_order() {
        rows.push(vec![
            labels.milestone.clone(),
            String::new(),
            ms.text.clone(),
            String::new(),
            ms.month.to_string(),
            ms.month.to_string(),
            String::new(),
            String::new(),
        ]);
    }
    crate::group::csv(rows)
}

// ---------------------------------------------------------------------------------------------
// Network health check

/// A network's health checks over time: each finished run, and the answers of the run in progress.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct HealthLog {
    #[serde(default)]
    pub runs: Vec<HealthRun>,
    /// Ratings of the run in progress, saved as they are given.
    #[serde(default)]
    pub draft: BTreeMap<String, u8>,
}

/// One finished health check.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HealthRun {
    pub id: String,
    /// Milliseconds since the epoch.
    pub taken_at: f64,
    /// Statement id → rating 1–5.
    pub ratings: BTreeMap<String, u8>,
}

/// A dimension scoring below this average (1–5) is recommended for work.
pub const WEAK_BELOW: f64 = 3.5;

/// The most dimensions recommended at once.
pub const MAX_RECOMMENDED: usize = 3;

/// The average rating (1–5) of each dimension, in content order; `None` where nothing is rated.
pub fn dimension_scores(check: &HealthCheck, ratings: &BTreeMap<String, u8>) -> Vec<Option<f64>> {
    check
        .dimensions
        .iter()
        .map(|d| {
            let rated: Vec<f64> = d
                .statements
                .iter()
                .filter_map(|s| ratings.get(&s.id))
                .filter(|r| (1..=5).contains(*r))
                .map(|r| f64::from(*r))
                .collect();
            (!rated.is_empty()).then(|| rated.iter().sum::<f64>() / rated.len() as f64)
        })
        .collect()
}

/// The statements not yet rated, in content order.
pub fn unanswered<'a>(check: &'a HealthCheck, ratings: &BTreeMap<String, u8>) -> Vec<&'a str> {
    check
        .dimensions
        .iter()
        .flat_map(|d| &d.statements)
        .filter(|s| !ratings.get(&s.id).is_some_and(|r| (1..=5).contains(r)))
        .map(|s| s.id.as_str())
        .collect()
}

/// The dimensions to work on: those scoring below [`WEAK_BELOW`], weakest first, at most
/// [`MAX_RECOMMENDED`], as `(dimension index, score)`.
pub fn weakest(check: &HealthCheck, ratings: &BTreeMap<String, u8>) -> Vec<(usize, f64)> {
    let mut weak: Vec<(usize, f64)> = dimension_scores(check, ratings)
        .into_iter()
        .enumerate()
        .filter_map(|(i, s)| s.filter(|s| *s < WEAK_BELOW).map(|s| (i, s)))
        .collect();
    weak.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)));
    weak.truncate(MAX_RECOMMENDED);
    weak
}

impl HealthLog {
    /// Turns a complete draft into a run. Returns the statements still unanswered otherwise.
    pub fn finish(&mut self, check: &HealthCheck, id: String, now: f64) -> Result<(), usize> {
        let missing = unanswered(check, &self.draft).len();
        if missing > 0 {
            return Err(missing);
        }
        if self.runs.len() >= MAX_ITEMS {
            self.runs.remove(0);
        }
        self.runs.push(HealthRun {
            id,
            taken_at: now,
            ratings: std::mem::take(&mut self.draft),
        });
        Ok(())
    }

    /// Runs, oldest first.
    pub fn runs_in_order(&self) -> Vec<&HealthRun> {
        let mut r: Vec<&HealthRun> = self.runs.iter().collect();
        r.sort_by(|a, b| a.taken_at.total_cmp(&b.taken_at));
        r
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::{HealthDimension, HealthStatement, LessonRef, Text};

    fn text(s: &str) -> Text {
        Text::from_pairs([("en", s)])
    }

    fn check() -> HealthCheck {
        let dim = |id: &str, n: usize| HealthDimension {
            id: id.into(),
            name: text(id),
            description: text(id),
            statements: (1..=n)
                .map(|i| HealthStatement {
                    id: format!("{id}-{i}"),
                    text: text("s"),
                })
                .collect(),
            lessons: vec![LessonRef {
                module: "m".into(),
                lesson: format!("{id}-lesson"),
            }],
        };
        HealthCheck {
            format: 1,
            dimensions: vec![dim("purpose", 2), dim("trust", 2), dim("resources", 2)],
        }
    }

    fn ratings(pairs: &[(&str, u8)]) -> BTreeMap<String, u8> {
        pairs.iter().map(|(k, v)| ((*k).into(), *v)).collect()
    }

    fn map_record() -> WorksheetRecord {
        let mut r = WorksheetRecord::new(
            "p",
            "ws-1".into(),
            Tool::StakeholderMap,
            " Region Nord ",
            5.0,
        );
        if let Sheet::StakeholderMap(m) = &mut r.sheet {
            m.add("s1".into(), "Jobcenter").unwrap();
            m.add("s2".into(), "Verein <Hand & Herz>").unwrap();
        }
        r
    }

    #[test]
    fn a_worksheet_record_is_stored_with_its_kind_beside_the_key() {
        let r = map_record();
        assert_eq!(r.title, "Region Nord");
        let v = serde_json::to_value(&r).unwrap();
        assert_eq!(v["kind"], "stakeholder_map");
        assert_eq!(v["profile"], "p");
        assert_eq!(
            v["sheet"]["stakeholders"][1]["name"],
            "Verein <Hand & Herz>"
        );
        let back: WorksheetRecord = serde_json::from_value(v).unwrap();
        assert_eq!(back, r);
        assert!(r.sheet.is_done());
        let empty = WorksheetRecord::new("p", "x".into(), Tool::HealthCheck, "n", 1.0);
        assert!(!empty.sheet.is_done());
        assert_eq!(Tool::from_slug("action-plan"), Some(Tool::ActionPlan));
        assert_eq!(Tool::from_slug("nothing"), None);
    }

    #[test]
    fn an_unknown_kind_is_refused() {
        let v = serde_json::json!({"profile":"p","id":"x","title":"t","created_at":1.0,
            "updated_at":1.0,"kind":"mind_map","sheet":{}});
        assert!(serde_json::from_value::<WorksheetRecord>(v).is_err());
    }

    #[test]
    fn stakeholders_move_within_the_grid() {
        let mut s = Stakeholder::new("s".into(), "A".into());
        assert_eq!(s.quadrant(), Quadrant::ManageClosely);
        s.nudge(-60, 0);
        assert_eq!((s.interest, s.influence), (0, 50));
        assert_eq!(s.quadrant(), Quadrant::KeepSatisfied);
        s.nudge(5, -51);
        assert_eq!((s.interest, s.influence), (5, 0));
        assert_eq!(s.quadrant(), Quadrant::Monitor);
        s.nudge(200, 200);
        assert_eq!((s.interest, s.influence), (100, 100));
    }

    #[test]
    fn grid_points_and_values_convert_both_ways() {
        for (interest, influence) in [(0, 0), (100, 100), (25, 80), (50, 50)] {
            let (x, y) = grid::to_xy(interest, influence);
            assert_eq!(grid::from_xy(x, y), (interest, influence));
        }
        let (x, y) = grid::to_xy(0, 100);
        assert_eq!((x, y), (grid::LEFT, grid::TOP));
        assert_eq!(grid::from_xy(-500.0, 9999.0), (0, 0));
        assert_eq!(grid::from_xy(f64::NAN, 1e9), (50, 0));
    }

    #[test]
    fn new_stakeholders_do_not_hide_each_other() {
        let mut m = StakeholderMap::default();
        for i in 0..33 {
            m.add(format!("s{i}"), "n").unwrap();
        }
        let spots: std::collections::BTreeSet<(u8, u8)> = m
            .stakeholders
            .iter()
            .map(|s| (s.interest, s.influence))
            .collect();
        assert_eq!(spots.len(), 33);
        assert_eq!(
            (m.stakeholders[1].interest, m.stakeholders[1].influence),
            (50, 58)
        );
        assert_eq!(
            (m.stakeholders[0].interest, m.stakeholders[0].influence),
            (50, 50)
        );
    }

    #[test]
    fn file_names_come_from_titles() {
        assert_eq!(file_stem("Landkreis Nord 2027"), "landkreis-nord-2027");
        assert_eq!(
            file_stem("  Zugang zu Arbeit: 2027–2028 "),
            "zugang-zu-arbeit-2027-2028"
        );
        assert_eq!(file_stem("../../etc/passwd"), "etc-passwd");
        assert_eq!(file_stem("???"), "worksheet");
    }

    #[test]
    fn names_are_checked() {
        assert_eq!(check_name("  Jobcenter "), Ok("Jobcenter".into()));
        assert_eq!(check_name("   "), Err(EntryError::Empty));
        assert_eq!(check_name(&"x".repeat(121)), Err(EntryError::TooLong));
        let mut m = StakeholderMap::default();
        for i in 0..MAX_ITEMS {
            m.add(format!("s{i}"), "n").unwrap();
        }
        assert_eq!(m.add("one-more".into(), "n"), Err(EntryError::Full));
    }

    #[test]
    fn the_svg_names_every_stakeholder_safely() {
        let Sheet::StakeholderMap(map) = map_record().sheet else {
            unreachable!()
        };
        let labels = MapLabels {
            title: "Map".into(),
            influence: "Influence".into(),
            interest: "Interest".into(),
            quadrants: ["a", "b", "c", "d"].map(String::from),
            attitudes: ["x", "y", "z"].map(String::from),
        };
        let svg = map_svg(&map, &labels);
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        assert!(svg.ends_with("</svg>"));
        assert!(svg.contains(">Jobcenter</text>"));
        assert!(svg.contains(">Verein &lt;Hand &amp; Herz&gt;</text>"));
        assert!(!svg.contains("<Hand"));
        // Every element opened is closed: the file parses as XML.
        assert_eq!(svg.matches("<text").count(), svg.matches("</text>").count());
    }

    #[test]
    fn months_parse_order_and_count() {
        let m = Month::parse("2027-03").unwrap();
        assert_eq!(m.to_string(), "2027-03");
        assert_eq!(m.plus(10).to_string(), "2028-01");
        for bad in [
            "2027-3", "27-03", "2027-13", "2027-00", "1999-01", "", "2027/03", "abcd-ef",
        ] {
            assert_eq!(Month::parse(bad), None, "{bad}");
        }
        let json = serde_json::to_string(&m).unwrap();
        assert_eq!(json, "\"2027-03\"");
        assert!(serde_json::from_str::<Month>("\"2027-13\"").is_err());
    }

    fn plan() -> ActionPlan {
        let mut m1 = Measure::new("m1".into(), "Job fair".into());
        m1.start = Month::parse("2027-05");
        m1.end = Month::parse("2027-03");
        m1.partners = vec!["Jobcenter".into(), "Chamber, Crafts".into()];
        let mut m2 = Measure::new("m2".into(), "=cmd".into());
        m2.end = Month::parse("2027-09");
        let m3 = Measure::new("m3".into(), "Undated".into());
        ActionPlan {
            region: "Nord".into(),
            map: None,
            goals: vec![
                Goal {
                    id: "g1".into(),
                    text: "By 2027, 40 refugee women complete a course".into(),
                    measures: vec![m1, m3],
                },
                Goal {
                    id: "g2".into(),
                    text: "Better work".into(),
                    measures: vec![m2],
                },
            ],
            milestones: vec![Milestone {
                id: "ms".into(),
                month: Month::parse("2027-01").unwrap(),
                text: "Kick-off".into(),
            }],
        }
    }

    #[test]
    fn the_timeline_spans_every_dated_measure_and_milestone() {
        let t = timeline(&plan()).unwrap();
        assert_eq!(t.first.to_string(), "2027-01");
        assert_eq!(t.months, 9);
        assert_eq!(t.undated, 1);
        assert_eq!(t.bars.len(), 2);
        // Dates entered the wrong way round still give a bar from March to May.
        assert_eq!((t.bars[0].start, t.bars[0].len), (2, 3));
        assert_eq!((t.bars[1].goal, t.bars[1].start, t.bars[1].len), (1, 8, 1));
        assert_eq!(t.marks[0].at, 0);
        assert_eq!(timeline(&ActionPlan::default()), None);
        let mut long = plan();
        long.milestones[0].month = Month::parse("2000-01").unwrap();
        let t = timeline(&long).unwrap();
        assert_eq!(t.months, MAX_TIMELINE_MONTHS);
        assert!(t.bars.iter().all(|b| b.start + b.len <= t.months));
    }

    #[test]
    fn the_plan_csv_has_a_row_per_measure_and_milestone() {
        let labels = PlanCsvLabels {
            headers: [
                "type",
                "goal",
                "title",
                "partners",
                "start",
                "end",
                "resources",
                "indicator",
            ]
            .map(String::from),
            measure: "measure".into(),
            milestone: "milestone".into(),
        };
        let csv = plan_csv(&plan(), &labels);
        let lines: Vec<&str> = csv.trim_start_matches('\u{feff}').split("\r\n").collect();
        assert_eq!(
            lines[0],
            "type,goal,title,partners,start,end,resources,indicator"
        );
        assert_eq!(lines.len(), 1 + 3 + 1 + 1, "{lines:?}");
        assert!(lines[1].contains("\"Jobcenter; Chamber, Crafts\",2027-05,2027-03"));
        // A cell a spreadsheet would run as a formula is written as text.
        assert!(lines[3].contains(",'=cmd,"), "{}", lines[3]);
        assert_eq!(lines[4], "milestone,,Kick-off,,2027-01,2027-01,,");
    }

    #[test]
    fn smart_hints_read_the_wording() {
        let c =
            smart_check("By the end of 2027, 40 refugee women in the district complete a course");
        assert!(c.specific && c.measurable && c.time_bound);
        let c = smart_check("Improve access to the labour market");
        assert!(!c.specific && !c.measurable && !c.time_bound);
        let c = smart_check("Hold 3 fairs");
        assert!(c.measurable && !c.time_bound);
    }

    #[test]
    fn health_scores_find_the_weakest_dimensions() {
        let c = check();
        let r = ratings(&[
            ("purpose-1", 5),
            ("purpose-2", 4),
            ("trust-1", 2),
            ("trust-2", 3),
            ("resources-1", 1),
        ]);
        let s = dimension_scores(&c, &r);
        assert_eq!(s, vec![Some(4.5), Some(2.5), Some(1.0)]);
        assert_eq!(weakest(&c, &r), vec![(2, 1.0), (1, 2.5)]);
        assert_eq!(unanswered(&c, &r), vec!["resources-2"]);
        let strong = ratings(&[("purpose-1", 5), ("trust-1", 4), ("resources-1", 4)]);
        assert!(weakest(&c, &strong).is_empty());
        // Out-of-range ratings count as unanswered.
        assert_eq!(dimension_scores(&c, &ratings(&[("purpose-1", 9)]))[0], None);
    }

    #[test]
    fn a_health_run_is_finished_only_when_complete() {
        let c = check();
        let mut log = HealthLog {
            draft: ratings(&[("purpose-1", 3)]),
            ..HealthLog::default()
        };
        assert_eq!(log.finish(&c, "r1".into(), 10.0), Err(5));
        assert!(log.runs.is_empty());
        for s in [
            "purpose-2",
            "trust-1",
            "trust-2",
            "resources-1",
            "resources-2",
        ] {
            log.draft.insert(s.into(), 4);
        }
        log.finish(&c, "r1".into(), 10.0).unwrap();
        assert!(log.draft.is_empty());
        assert_eq!(log.runs.len(), 1);
        assert!(Sheet::HealthCheck(log).is_done());
    }
}
