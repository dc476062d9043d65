//! Report codes and links: any text a trainer might paste or import.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(r) = erasmi_core::codes::Report::decode(erasmi_core::codes::extract(text)) {
            // What decodes and passes the check must encode and decode to the same value.
            if r.check().is_ok() {
                assert_eq!(erasmi_core::codes::Report::decode(&r.encode()).ok(), Some(r));
            }
        }
    }
});
