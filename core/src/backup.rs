//! Backup files: every record of one profile or of the whole device, as one JSON document.
//!
//! An API boundary: files written by one release are read by later ones. The format dumps every
//! IndexedDB store generically (`stores` maps a store name to its records), so data added later
//! (worksheets, assignments, reports) needs no new format version.
//!
//! ```json
//! { "format": "erasmi-backup", "version": 1, "app_version": "0.1.0", "schema_version": 2,
//!   "created_at": 1764140000000, "scope": "all",
//!   "checksum": "crc32:1c291ca3",
//!   "data": { "stores": { "profiles": [ … ], "lesson_progress": [ … ] } } }
//! ```
//!
//! The checksum is the CRC-32 of `data` serialised as compact JSON with sorted keys. It catches
//! truncated and edited files; it is not a signature. [`decode`] checks everything before the app
//! writes anything: a file it refuses changes nothing.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::progress::DEVICE_PROFILE;

/// The `format` field of every backup file.
pub const FORMAT: &str = "erasmi-backup";

/// The backup format version this code writes and the newest it reads.
pub const VERSION: u32 = 1;

/// The largest backup file accepted, in bytes (50 MB).
pub const MAX_BYTES: usize = 50 * 1000 * 1000;

/// What a backup holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    /// Every profile on the device and the device settings.
    All,
    /// One profile.
    Profile,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Envelope {
    format: String,
    version: u32,
    app_version: String,
    schema_version: u32,
    created_at: f64,
    scope: Scope,
    checksum: String,
    data: Data,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Data {
    stores: BTreeMap<String, Vec<Value>>,
}

/// A decoded, fully checked backup.
#[derive(Debug, Clone, PartialEq)]
pub struct Backup {
    pub app_version: String,
    pub schema_version: u32,
    pub created_at: f64,
    pub scope: Scope,
    /// Store name → records, each an object with string `profile` and `id`.
    pub stores: BTreeMap<String, Vec<Value>>,
}

/// Why a backup file was refused. Each has a UI message ([`BackupError::message_key`]) with the
/// arguments from [`BackupError::args`].
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum BackupError {
    #[error("the file is empty")]
    Empty,
    #[error("the file is larger than {limit} bytes")]
    TooLarge { limit: usize },
    #[error("the file is not text")]
    NotText,
    #[error("the file is not JSON (line {line}, column {column})")]
    NotJson { line: usize, column: usize },
    #[error("the file ends too early: it was cut off")]
    Truncated,
    #[error("the file is not an ERASMI backup")]
    Foreign,
    #[error("the backup was made by a newer version of the app (format {found})")]
    FutureVersion { found: u64 },
    #[error("the backup holds data of a newer version of the app (schema {found})")]
    NewerSchema { found: u64 },
    #[error("the backup has no checksum")]
    MissingChecksum,
    #[error("the backup was changed after it was made: its checksum does not match")]
    ChecksumMismatch,
    #[error("the backup is damaged at {path}: {reason}")]
    Malformed { path: String, reason: String },
    #[error("the backup has data of an unknown kind ({store})")]
    UnknownStore { store: String },
    #[error("record {index} in {store} is damaged: {reason}")]
    BadRecord {
        store: String,
        index: usize,
        reason: String,
    },
    #[error("{store} holds the record {id} twice")]
    Duplicate { store: String, id: String },
    #[error("a record in {store} belongs to a profile that is not in the backup ({profile})")]
    UnknownProfile { store: String, profile: String },
    #[error("the backup holds no profile")]
    NoProfiles,
}

impl BackupError {
    /// The UI string key that explains the error.
    pub fn message_key(&self) -> &'static str {
        match self {
            BackupError::Empty => "backup.error.empty",
            BackupError::TooLarge { .. } => "backup.error.too_large",
            BackupError::NotText => "backup.error.not_text",
            BackupError::NotJson { .. } => "backup.error.not_json",
            BackupError::Truncated => "backup.error.truncated",
            BackupError::Foreign => "backup.error.foreign",
            BackupError::FutureVersion { .. } => "backup.error.future_version",
            BackupError::NewerSchema { .. } => "backup.error.newer_schema",
            BackupError::MissingChecksum => "backup.error.missing_checksum",
            BackupError::ChecksumMismatch => "backup.error.checksum",
            BackupError::Malformed { .. } => "backup.error.malformed",
            BackupError::UnknownStore { .. } => "backup.error.unknown_store",
            BackupError::BadRecord { .. } => "backup.error.bad_record",
            BackupError::Duplicate { .. } => "backup.error.duplicate",
            BackupError::UnknownProfile { .. } => "backup.error.unknown_profile",
            BackupError::NoProfiles => "backup.error.no_profiles",
        }
    }

    /// Every message key, for the test that both languages have them.
    pub const MESSAGE_KEYS: [&'static str; 16] = [
        "backup.error.empty",
        "backup.error.too_large",
        "backup.error.not_text",
        "backup.error.not_json",
        "backup.error.truncated",
        "backup.error.foreign",
        "backup.error.future_version",
        "backup.error.newer_schema",
        "backup.error.missing_checksum",
        "backup.error.checksum",
        "backup.error.malformed",
        "backup.error.unknown_store",
        "backup.error.bad_record",
        "backup.error.duplicate",
        "backup.error.unknown_profile",
        "backup.error.no_profiles",
    ];

    /// The `{placeholders}` of the message.
    pub fn args(&self) -> Vec<(&'static str, String)> {
        match self {
            BackupError::TooLarge { limit } => vec![("limit", format!("{}", limit / 1_000_000))],
            BackupError::NotJson { line, column } => {
                vec![("line", line.to_string()), ("column", column.to_string())]
            }
            BackupError::FutureVersion { found } | BackupError::NewerSchema { found } => {
                vec![("found", found.to_string())]
            }
            BackupError::Malformed { path, reason } => {
                vec![("path", path.clone()), ("reason", reason.clone())]
            }
            BackupError::UnknownStore { store } => vec![("store", store.clone())],
            BackupError::BadRecord {
                store,
                index,
                reason,
            } => vec![
                ("store", store.clone()),
                ("index", (index + 1).to_string()),
                ("reason", reason.clone()),
            ],
            BackupError::Duplicate { store, id } => {
                vec![("store", store.clone()), ("id", id.clone())]
            }
            BackupError::UnknownProfile { store, profile } => {
                vec![("store", store.clone()), ("profile", profile.clone())]
            }
            _ => Vec::new(),
        }
    }
}

/// The checksum of a backup's `data`: `crc32:` and eight hex digits.
fn checksum(data: &Value) -> String {
    // serde_json's maps are sorted, so equal data always serialises to the same text.
    let text = serde_json::to_string(data).unwrap_or_default();
    format!("crc32:{:08x}", crc32fast::hash(text.as_bytes()))
}

/// Writes a backup file.
pub fn encode(
    app_version: &str,
    schema_version: u32,
    created_at: f64,
    scope: Scope,
    stores: BTreeMap<String, Vec<Value>>,
) -> String {
    let data = Data { stores };
    let data_value = serde_json::to_value(&data).unwrap_or_default();
    let envelope = Envelope {
        format: FORMAT.into(),
        version: VERSION,
        app_version: app_version.into(),
        schema_version,
        created_at,
        scope,
        checksum: checksum(&data_value),
        data,
    };
    serde_json::to_string(&envelope).unwrap_or_default()
}

/// The file name a backup is saved under.
pub fn file_name(scope_name: &str, day: &str) -> String {
    let slug: String = scope_name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect::<String>()
        .split('-')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    if slug.is_empty() {
        format!("erasmi-backup-{day}.json")
    } else {
        format!("erasmi-backup-{slug}-{day}.json")
    }
}

/// Reads and checks a backup file. `known_stores` are the store names of the running app's
/// schema, `schema_version` its schema version.
pub fn decode(
    bytes: &[u8],
    known_stores: &[&str],
    schema_version: u32,
) -> Result<Backup, BackupError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(BackupError::Empty);
    }
    if bytes.len() > MAX_BYTES {
        return Err(BackupError::TooLarge { limit: MAX_BYTES });
    }
    let text = std::str::from_utf8(bytes).map_err(|_| BackupError::NotText)?;
    let value: Value = serde_json::from_str(text).map_err(|e| {
        if e.is_eof() {
            BackupError::Truncated
        } else {
            BackupError::NotJson {
                line: e.line(),
                column: e.column(),
            }
        }
    })?;
    let object = value.as_object().ok_or(BackupError::Foreign)?;
    if object.get("format").and_then(Value::as_str) != Some(FORMAT) {
        return Err(BackupError::Foreign);
    }
    let malformed = |path: &str, reason: &str| BackupError::Malformed {
        path: path.into(),
        reason: reason.into(),
    };
    let version = object
        .get("version")
        .and_then(Value::as_u64)
        .filter(|v| *v >= 1)
        .ok_or_else(|| malformed("version", "not a format version"))?;
    if version > u64::from(VERSION) {
        return Err(BackupError::FutureVersion { found: version });
    }
    if let Some(found) = object.get("schema_version").and_then(Value::as_u64) {
        if found > u64::from(schema_version) {
            return Err(BackupError::NewerSchema { found });
        }
    }
    let stated = object
        .get("checksum")
        .and_then(Value::as_str)
        .ok_or(BackupError::MissingChecksum)?;
    let data = object
        .get("data")
        .ok_or_else(|| malformed("data", "missing"))?;
    if checksum(data) != stated {
        return Err(BackupError::ChecksumMismatch);
    }
    let envelope: Envelope = serde_path_to_error::deserialize(&value).map_err(|e| {
        let path = e.path().to_string();
        BackupError::Malformed {
            path,
            reason: e.into_inner().to_string(),
        }
    })?;
    if !envelope.created_at.is_finite() {
        return Err(malformed("created_at", "not a time"));
    }
    check_stores(&envelope.data.stores, envelope.scope, known_stores)?;
    Ok(Backup {
        app_version: envelope.app_version,
        schema_version: envelope.schema_version,
        created_at: envelope.created_at,
        scope: envelope.scope,
        stores: envelope.data.stores,
    })
}

fn check_stores(
    stores: &BTreeMap<String, Vec<Value>>,
    scope: Scope,
    known_stores: &[&str],
) -> Result<(), BackupError> {
    for name in stores.keys() {
        if !known_stores.contains(&name.as_str()) {
            return Err(BackupError::UnknownStore {
                store: name.clone(),
            });
        }
    }
    let mut profiles = BTreeSet::new();
    for (store, records) in stores {
        let mut seen = BTreeSet::new();
        for (index, record) in records.iter().enumerate() {
            let bad = |reason: &str| BackupError::BadRecord {
                store: store.clone(),
                index,
                reason: reason.into(),
            };
            let obj = record.as_object().ok_or_else(|| bad("not an object"))?;
            let field = |name: &str| {
                obj.get(name)
                    .and_then(Value::as_str)
                    .filter(|s| !s.is_empty())
                    .ok_or_else(|| bad(&format!("no {name}")))
            };
            let profile = field("profile")?;
            let id = field("id")?;
            check_record(store, record).map_err(|reason| bad(&reason))?;
            if !seen.insert((profile, id)) {
                return Err(BackupError::Duplicate {
                    store: store.clone(),
                    id: format!("{profile}/{id}"),
                });
            }
            if store == "profiles" {
                if profile != id {
                    return Err(bad("profile and id differ"));
                }
                profiles.insert(id.to_owned());
            }
        }
    }
    if profiles.is_empty() {
        return Err(BackupError::NoProfiles);
    }
    if scope == Scope::Profile && profiles.len() != 1 {
        return Err(BackupError::Malformed {
            path: "scope".into(),
            reason: "a one-profile backup holds several profiles".into(),
        });
    }
    for (store, records) in stores {
        for record in records {
            let profile = record["profile"].as_str().unwrap_or_default();
            let device_setting = store == "settings" && profile == DEVICE_PROFILE;
            let allowed = profiles.contains(profile) || (device_setting && scope == Scope::All);
            if !allowed {
                return Err(BackupError::UnknownProfile {
                    store: store.clone(),
                    profile: profile.to_owned(),
                });
            }
        }
    }
    Ok(())
}

/// Checks a record of a store whose record type this crate knows against that type.
fn check_record(store: &str, record: &Value) -> Result<(), String> {
    fn typed<T: serde::de::DeserializeOwned>(record: &Value) -> Result<(), String> {
        T::deserialize(record)
            .map(|_| ())
            .map_err(|e| e.to_string())
    }
    use crate::progress as p;
    match store {
        "profiles" => typed::<p::Profile>(record),
        "lesson_progress" => typed::<p::LessonProgress>(record),
        "quiz_attempts" => typed::<crate::quiz::QuizAttempt>(record),
        "self_assessments" => typed::<p::SelfAssessmentRecord>(record),
        "notes" => typed::<p::LessonNote>(record),
        "bookmarks" => typed::<p::Bookmark>(record),
        "checklist_ticks" => typed::<p::ChecklistTick>(record),
        "activity" => typed::<crate::activity::ActivityRecord>(record),
        "settings" => typed::<p::Setting>(record),
        "assignments" => typed::<crate::group::AssignmentRecord>(record),
        "reports" => typed::<crate::group::ReportRecord>(record),
        "worksheets" => crate::worksheet::WorksheetRecord::deserialize(record)
            .map_err(|e| e.to_string())
            .and_then(|w| w.check().map_err(str::to_owned)),
        _ => Ok(()),
    }
}

/// One profile in a backup, as the import preview shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct ProfilePreview {
    pub id: String,
    pub name: String,
    pub color: String,
    /// Records of this profile in all stores (the profile record itself not counted).
    pub records: usize,
    /// Earliest and latest time stamp in its records (ms since the epoch).
    pub first: Option<f64>,
    pub last: Option<f64>,
}

impl Backup {
    /// What the import preview shows: each profile with its record count and dates.
    pub fn preview(&self) -> Vec<ProfilePreview> {
        let mut out: Vec<ProfilePreview> = self
            .stores
            .get("profiles")
            .into_iter()
            .flatten()
            .filter_map(p_profile)
            .map(|p| ProfilePreview {
                id: p.id.clone(),
                name: p.name.clone(),
                color: p.color().to_owned(),
                records: 0,
                first: None,
                last: None,
            })
            .collect();
        for (store, records) in &self.stores {
            if store == "profiles" {
                continue;
            }
            for record in records {
                let Some(p) = out
                    .iter_mut()
                    .find(|p| record["profile"].as_str() == Some(p.id.as_str()))
                else {
                    continue;
                };
                p.records += 1;
                for t in timestamps(record) {
                    p.first = Some(p.first.map_or(t, |f| f.min(t)));
                    p.last = Some(p.last.map_or(t, |l| l.max(t)));
                }
            }
        }
        out
    }

    /// Every record, as `(store, record)`.
    pub fn records(&self) -> impl Iterator<Item = (&str, &Value)> {
        self.stores
            .iter()
            .flat_map(|(s, rs)| rs.iter().map(move |r| (s.as_str(), r)))
    }

    /// The ids of the profiles in the backup.
    pub fn profile_ids(&self) -> Vec<String> {
        self.preview().into_iter().map(|p| p.id).collect()
    }
}

fn p_profile(v: &Value) -> Option<crate::progress::Profile> {
    crate::progress::Profile::deserialize(v).ok()
}

/// The positive numbers in fields named `*_at` (time stamps in ms).
fn timestamps(record: &Value) -> impl Iterator<Item = f64> + '_ {
    record
        .as_object()
        .into_iter()
        .flatten()
        .filter(|(k, _)| k.ends_with("_at"))
        .filter_map(|(_, v)| v.as_f64())
        .filter(|t| t.is_finite() && *t > 0.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const KNOWN: &[&str] = &[
        "profiles",
        "lesson_progress",
        "quiz_attempts",
        "settings",
        "worksheets",
    ];

    fn sample() -> BTreeMap<String, Vec<Value>> {
        let mut stores = BTreeMap::new();
        stores.insert(
            "profiles".into(),
            vec![json!({"profile":"a","id":"a","name":"Amal","created_at":1000.0,"color":"teal"})],
        );
        stores.insert(
            "lesson_progress".into(),
            vec![
                json!({"profile":"a","id":"m/one","module":"m","lesson":"one","opened_at":2000.0,"completed_at":3000.0}),
            ],
        );
        stores.insert(
            "settings".into(),
            vec![json!({"profile":"device","id":"language","value":"de"})],
        );
        stores.insert(
            "worksheets".into(),
            vec![json!({"profile":"a","id":"map-1","kind":"stakeholder_map","title":"Nord","created_at":2500.0,"updated_at":2500.0,"sheet":{"stakeholders":[{"id":"s1","name":"Jobcenter","influence":80,"interest":40}]}})],
        );
        stores
    }

    fn file() -> String {
        encode("0.1.0", 2, 5000.0, Scope::All, sample())
    }

    /// Edits the file's JSON and writes it back (without fixing the checksum).
    fn edit(f: impl FnOnce(&mut Value)) -> String {
        let mut v: Value = serde_json::from_str(&file()).unwrap();
        f(&mut v);
        serde_json::to_string(&v).unwrap()
    }

    /// Edits the data and fixes the checksum, as a careful forger would.
    fn edit_data(f: impl FnOnce(&mut Value)) -> String {
        let mut v: Value = serde_json::from_str(&file()).unwrap();
        f(&mut v["data"]);
        v["checksum"] = Value::String(checksum(&v["data"]));
        serde_json::to_string(&v).unwrap()
    }

    fn err(text: &str) -> BackupError {
        decode(text.as_bytes(), KNOWN, 2).unwrap_err()
    }

    #[test]
    fn a_backup_round_trips_and_previews() {
        let b = decode(file().as_bytes(), KNOWN, 2).unwrap();
        assert_eq!(b.stores, sample());
        assert_eq!(b.scope, Scope::All);
        assert_eq!(b.schema_version, 2);
        let preview = b.preview();
        assert_eq!(preview.len(), 1);
        assert_eq!(preview[0].name, "Amal");
        assert_eq!(preview[0].records, 2);
        assert_eq!(preview[0].first, Some(2000.0));
        assert_eq!(preview[0].last, Some(3000.0));
        assert_eq!(b.records().count(), 4);
    }

    #[test]
    fn an_older_schema_is_accepted() {
        let text = encode("0.1.0", 1, 5000.0, Scope::All, sample());
        assert!(decode(text.as_bytes(), KNOWN, 2).is_ok());
    }

    #[test]
    fn every_kind_of_bad_file_is_refused_with_its_reason() {
        let full = file();
        assert_eq!(err(""), BackupError::Empty);
        assert_eq!(err(" \n"), BackupError::Empty);
        assert_eq!(
            decode(&[0xff, 0xfe, 0x00], KNOWN, 2).unwrap_err(),
            BackupError::NotText
        );
        assert!(matches!(err("hello"), BackupError::NotJson { line: 1, .. }));
        assert_eq!(err(&full[..full.len() / 2]), BackupError::Truncated);
        assert_eq!(err(r#"{"name":"x","version":"1.0"}"#), BackupError::Foreign);
        assert_eq!(err("[1,2]"), BackupError::Foreign);
        assert_eq!(
            err(&edit(|v| v["version"] = json!(2))),
            BackupError::FutureVersion { found: 2 }
        );
        assert!(matches!(
            err(&edit(|v| v["version"] = json!("one"))),
            BackupError::Malformed { .. }
        ));
        assert_eq!(
            err(&edit(|v| v["schema_version"] = json!(9))),
            BackupError::NewerSchema { found: 9 }
        );
        assert_eq!(
            err(&edit(|v| {
                v.as_object_mut().unwrap().remove("checksum");
            })),
            BackupError::MissingChecksum
        );
        assert_eq!(
            err(&edit(
                |v| v["data"]["stores"]["lesson_progress"][0]["completed_at"] = json!(null)
            )),
            BackupError::ChecksumMismatch
        );
        assert_eq!(
            err(&edit_data(|d| d["stores"]["spells"] = json!([]))),
            BackupError::UnknownStore {
                store: "spells".into()
            }
        );
        assert!(matches!(
            err(&edit_data(|d| {
                d["stores"]["lesson_progress"][0]
                    .as_object_mut()
                    .unwrap()
                    .remove("id");
            })),
            BackupError::BadRecord { index: 0, .. }
        ));
        assert!(matches!(
            err(&edit_data(
                |d| d["stores"]["lesson_progress"][0]["opened_at"] = json!("yesterday")
            )),
            BackupError::BadRecord { .. }
        ));
        assert!(matches!(
            err(&edit_data(|d| d["stores"]["quiz_attempts"] = json!([42]))),
            BackupError::BadRecord { .. }
        ));
        assert!(matches!(
            err(&edit_data(|d| d["stores"]["worksheets"][0]["sheet"]
                ["stakeholders"][0]["influence"] =
                json!(300))),
            BackupError::BadRecord { .. }
        ));
        assert!(matches!(
            err(&edit_data(
                |d| d["stores"]["worksheets"][0]["kind"] = json!("mind_map")
            )),
            BackupError::BadRecord { .. }
        ));
        assert!(matches!(
            err(&edit_data(
                |d| d["stores"]["worksheets"][0]["title"] = json!("x".repeat(500))
            )),
            BackupError::BadRecord { .. }
        ));
        assert!(matches!(
            err(&edit_data(|d| {
                let r = d["stores"]["lesson_progress"][0].clone();
                d["stores"]["lesson_progress"]
                    .as_array_mut()
                    .unwrap()
                    .push(r);
            })),
            BackupError::Duplicate { .. }
        ));
        assert_eq!(
            err(&edit_data(
                |d| d["stores"]["lesson_progress"][0]["profile"] = json!("b")
            )),
            BackupError::UnknownProfile {
                store: "lesson_progress".into(),
                profile: "b".into()
            }
        );
        assert_eq!(
            err(&edit_data(|d| {
                d["stores"]["profiles"] = json!([]);
                d["stores"]["lesson_progress"] = json!([]);
                d["stores"]["worksheets"] = json!([]);
                d["stores"]["settings"] = json!([]);
            })),
            BackupError::NoProfiles
        );
        assert!(matches!(
            err(&edit_data(|d| d["extra"] = json!(1))),
            BackupError::Malformed { .. }
        ));
        let big = format!("{}{}", full, " ".repeat(MAX_BYTES));
        assert_eq!(err(&big), BackupError::TooLarge { limit: MAX_BYTES });
    }

    #[test]
    fn a_profile_backup_may_not_carry_device_settings_or_other_profiles() {
        let mut stores = sample();
        let text = encode("0.1.0", 2, 1.0, Scope::Profile, stores.clone());
        assert!(matches!(
            decode(text.as_bytes(), KNOWN, 2).unwrap_err(),
            BackupError::UnknownProfile { .. }
        ));
        stores.remove("settings");
        let text = encode("0.1.0", 2, 1.0, Scope::Profile, stores.clone());
        assert!(decode(text.as_bytes(), KNOWN, 2).is_ok());
        stores
            .get_mut("profiles")
            .unwrap()
            .push(json!({"profile":"b","id":"b","name":"Lea","created_at":1.0}));
        let text = encode("0.1.0", 2, 1.0, Scope::Profile, stores);
        assert!(matches!(
            decode(text.as_bytes(), KNOWN, 2).unwrap_err(),
            BackupError::Malformed { .. }
        ));
    }

    #[test]
    fn every_error_has_a_message_key_listed() {
        let errors = [
            BackupError::Empty,
            BackupError::TooLarge { limit: 1 },
            BackupError::NotText,
            BackupError::NotJson { line: 1, column: 1 },
            BackupError::Truncated,
            BackupError::Foreign,
            BackupError::FutureVersion { found: 2 },
            BackupError::NewerSchema { found: 3 },
            BackupError::MissingChecksum,
            BackupError::ChecksumMismatch,
            BackupError::Malformed {
                path: "p".into(),
                reason: "r".into(),
            },
            BackupError::UnknownStore { store: "s".into() },
            BackupError::BadRecord {
                store: "s".into(),
                index: 0,
                reason: "r".into(),
            },
            BackupError::Duplicate {
                store: "s".into(),
                id: "i".into(),
            },
            BackupError::UnknownProfile {
                store: "s".into(),
                profile: "p".into(),
            },
            BackupError::NoProfiles,
        ];
        let keys: BTreeSet<&str> = errors.iter().map(BackupError::message_key).collect();
        assert_eq!(keys.len(), errors.len());
        assert_eq!(keys, BackupError::MESSAGE_KEYS.into_iter().collect());
    }

    #[test]
    fn file_names_are_safe() {
        assert_eq!(
            file_name("Amal Haddad / Team", "2026-11-26"),
            "erasmi-backup-amal-haddad-team-2026-11-26.json"
        );
        assert_eq!(file_name("", "2026-11-26"), "erasmi-backup-2026-11-26.json");
    }
}
