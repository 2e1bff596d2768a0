//! The single integration-test binary (one link step for all tiers of tests).

// Harness: fixture loader, temp dirs, the CLI command wrapper.
mod util;

// Schema: the committed file equals the generated one; emitted JSON validates.
mod schema;
// One JSON snapshot and one outline snapshot per fixture, each validated against the schema.
mod fixtures;
// Span invariants, CRLF/BOM equivalence, determinism, property tests over generated documents.
mod spans;
// The reader on layout variations: numbered headings, capitals, wrapping, bullets, web furniture.
mod reader;
// Tables, the streaming mapper, the DuckDB proof, show, check, completions (issue 8).
mod pipelines;
// Phrase tables in tests/cases/*.txt (dates, term and signing), one runner for all.
mod cases;
// Key facts about parties and signatories per fixture.
mod facts_parties;
// Key facts per fixture: title, kind, signing, term, obligation actors and counts.
mod facts;
// `avtale convert` on archives in temp dirs: bad files reported, nothing partial or outside --out (issue 6).
mod convert;
// The probe set: hand-written documents of the genre against their keys, with known gaps listed.
mod probe;
// Never panic: proptest over arbitrary bytes and fixture-line mixes, pathological inputs, fuzz regressions.
mod robustness;
