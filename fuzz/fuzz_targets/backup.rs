//! Backup files: any bytes a learner might choose in "restore".
#![no_main]

use libfuzzer_sys::fuzz_target;

/// The stores of the app's current IndexedDB schema (src/store/schema.rs).
const STORES: [&str; 12] = [
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

fuzz_target!(|data: &[u8]| {
    if let Ok(backup) = erasmi_core::backup::decode(data, &STORES, 2) {
        let _ = backup.preview();
        let _ = backup.profile_ids();
    }
});
