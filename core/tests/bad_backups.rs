//! The bad backup files in `tests/bad-input/backup/`: each is refused with its own message.
//! The end-to-end suite feeds the same files to the restore form and checks the data is unchanged.
//!
//! `cargo test -p erasmi-core --test bad_backups -- --ignored` writes the corpus again from the
//! cases below (after a change of the backup format).

use std::collections::BTreeMap;
use std::path::PathBuf;

use erasmi_core::backup::{self, Scope};
use serde_json::{json, Value};

const KNOWN: &[&str] = &[
    "profiles",
    "lesson_progress",
    "quiz_attempts",
    "self_assessments",
    "notes",
    "bookmarks",
    "checklist_ticks",
    "worksheets",
    "assignments",
    "reports",
    "settings",
    "activity",
];
const SCHEMA: u32 = 2;

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/bad-input/backup")
}

fn good_stores() -> BTreeMap<String, Vec<Value>> {
    let mut s = BTreeMap::new();
    s.insert(
        "profiles".into(),
        vec![json!({"profile":"p-amal","id":"p-amal","name":"Amal","created_at":1764133200000.0,"color":"teal"})],
    );
    s.insert(
        "lesson_progress".into(),
        vec![json!({"profile":"p-amal","id":"stakeholder-mapping/why-map","module":"stakeholder-mapping",
                    "lesson":"why-map","opened_at":1764133300000.0,"completed_at":1764133400000.0})],
    );
    s
}

fn envelope(stores: BTreeMap<String, Vec<Value>>) -> Value {
    serde_json::from_str(&backup::encode(
        "0.1.0",
        SCHEMA,
        1764140000000.0,
        Scope::All,
        stores,
    ))
    .unwrap()
}

/// Recomputes the checksum after an edit of `data`, as a careful forger would.
fn resign(mut v: Value) -> String {
    let stores: BTreeMap<String, Vec<Value>> =
        serde_json::from_value(v["data"]["stores"].clone()).unwrap();
    let fresh = envelope(stores);
    v["checksum"] = fresh["checksum"].clone();
    serde_json::to_string_pretty(&v).unwrap()
}

/// (file name, contents, expected message key)
fn cases() -> Vec<(&'static str, Vec<u8>, &'static str)> {
    let good = envelope(good_stores());
    let text = serde_json::to_string_pretty(&good).unwrap();
    let edit = |f: &dyn Fn(&mut Value)| {
        let mut v = good.clone();
        f(&mut v);
        v
    };
    let plain = |v: Value| serde_json::to_string_pretty(&v).unwrap().into_bytes();
    vec![
        ("01-empty.json", Vec::new(), "backup.error.empty"),
        (
            "02-binary.json",
            vec![0x89, b'P', b'N', b'G', 0xff, 0x00, 0xfe],
            "backup.error.not_text",
        ),
        (
            "03-not-json.json",
            b"Amal's progress: 3 lessons done".to_vec(),
            "backup.error.not_json",
        ),
        (
            "04-truncated.json",
            text.as_bytes()[..text.len() * 2 / 3].to_vec(),
            "backup.error.truncated",
        ),
        (
            "05-foreign.json",
            plain(json!({"format":"moodle-export","version":1,"users":[]})),
            "backup.error.foreign",
        ),
        (
            "06-future-version.json",
            plain(edit(&|v| v["version"] = json!(7))),
            "backup.error.future_version",
        ),
        (
            "07-newer-schema.json",
            plain(edit(&|v| v["schema_version"] = json!(99))),
            "backup.error.newer_schema",
        ),
        (
            "08-no-checksum.json",
            plain(edit(&|v| {
                v.as_object_mut().unwrap().remove("checksum");
            })),
            "backup.error.missing_checksum",
        ),
        (
            "09-tampered.json",
            plain(edit(&|v| {
                v["data"]["stores"]["lesson_progress"][0]["completed_at"] = json!(1764133999000.0)
            })),
            "backup.error.checksum",
        ),
        (
            "10-unknown-store.json",
            resign(edit(&|v| v["data"]["stores"]["grades"] = json!([]))).into_bytes(),
            "backup.error.unknown_store",
        ),
        (
            "11-record-without-id.json",
            resign(edit(&|v| {
                v["data"]["stores"]["lesson_progress"][0]
                    .as_object_mut()
                    .unwrap()
                    .remove("id");
            }))
            .into_bytes(),
            "backup.error.bad_record",
        ),
        (
            "12-record-wrong-type.json",
            resign(edit(&|v| {
                v["data"]["stores"]["lesson_progress"][0]["opened_at"] = json!("yesterday")
            }))
            .into_bytes(),
            "backup.error.bad_record",
        ),
        (
            "13-duplicate.json",
            resign(edit(&|v| {
                let r = v["data"]["stores"]["lesson_progress"][0].clone();
                v["data"]["stores"]["lesson_progress"]
                    .as_array_mut()
                    .unwrap()
                    .push(r);
            }))
            .into_bytes(),
            "backup.error.duplicate",
        ),
        (
            "14-foreign-profile.json",
            resign(edit(&|v| {
                v["data"]["stores"]["lesson_progress"][0]["profile"] = json!("p-someone-else")
            }))
            .into_bytes(),
            "backup.error.unknown_profile",
        ),
        (
            "15-no-profiles.json",
            resign(edit(&|v| {
                v["data"]["stores"] = json!({"profiles": []});
            }))
            .into_bytes(),
            "backup.error.no_profiles",
        ),
        (
            "16-bad-envelope.json",
            resign(edit(&|v| v["scope"] = json!("everything"))).into_bytes(),
            "backup.error.malformed",
        ),
    ]
}

#[test]
#[ignore = "writes the corpus; run after changing the backup format"]
fn write_corpus() {
    let dir = dir();
    std::fs::create_dir_all(&dir).unwrap();
    let mut manifest = BTreeMap::new();
    for (name, bytes, key) in cases() {
        std::fs::write(dir.join(name), bytes).unwrap();
        manifest.insert(name, key);
    }
    std::fs::write(
        dir.join("expected.json"),
        serde_json::to_string_pretty(&manifest).unwrap() + "\n",
    )
    .unwrap();
}

#[test]
fn every_bad_backup_in_the_corpus_is_refused_with_its_message() {
    let dir = dir();
    let manifest: BTreeMap<String, String> =
        serde_json::from_str(&std::fs::read_to_string(dir.join("expected.json")).unwrap()).unwrap();
    assert!(manifest.len() >= 12, "at least twelve bad backups");
    for (name, key) in &manifest {
        let bytes = std::fs::read(dir.join(name)).unwrap();
        let err =
            backup::decode(&bytes, KNOWN, SCHEMA).expect_err(&format!("{name} must be refused"));
        assert_eq!(err.message_key(), key, "{name}: {err}");
    }
    // The corpus is what the cases say (regenerate it when they change).
    for (name, bytes, key) in cases() {
        assert_eq!(manifest.get(name).map(String::as_str), Some(key), "{name}");
        assert_eq!(
            std::fs::read(dir.join(name)).unwrap(),
            bytes,
            "{name} is stale"
        );
    }
}

#[test]
fn the_good_backup_the_corpus_starts_from_is_accepted() {
    let text = serde_json::to_string(&envelope(good_stores())).unwrap();
    let b = backup::decode(text.as_bytes(), KNOWN, SCHEMA).unwrap();
    assert_eq!(b.preview()[0].name, "Amal");
}
