//! Assignment codes and links: any text a learner might paste or open.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(a) = erasmi_core::codes::Assignment::decode(erasmi_core::codes::extract(text)) {
            // What decodes and passes the check must encode and decode to the same value.
            if a.check().is_ok() {
                assert_eq!(erasmi_core::codes::Assignment::decode(&a.encode()).ok(), Some(a));
            }
        }
    }
});
