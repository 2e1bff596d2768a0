//! Fuzz target `parse`: arbitrary bytes → decode + parse → JSON, which must never panic.
//!
//! Every crash this target finds becomes a named regression test in
//! `tests/robustness.rs`, beside the pathological inputs there (none so far).

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // A 1 MiB limit keeps executions fast; the limit path itself is covered by tests.
    if let Ok(doc) = avtale::parse_bytes("fuzz.txt", data, 1 << 20) {
        let json = serde_json::to_vec(&doc).expect("a document always serializes");
        assert!(!json.is_empty());
    }
});
