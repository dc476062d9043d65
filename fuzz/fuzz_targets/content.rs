//! Content JSON: a module file as partners write it, parsed and checked like the app does.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(module) = erasmi_core::validate::parse_module(text) {
            let _ = erasmi_core::validate::check_module(&module);
            let _ = erasmi_core::validate::check_module_editorial(&module, &["en", "de"]);
        }
    }
});
