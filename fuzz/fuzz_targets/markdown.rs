//! Lesson markdown: any text a content file may carry, turned into the safe node tree.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = erasmi_core::markdown::parse(text);
    }
});
