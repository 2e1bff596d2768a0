//! Pipeline stages → throughput in bytes per second (criterion), per stage and end to end.
//!
//! Every stage is timed alone on the output of the stages before it, computed
//! once outside the timing loop, so a slow stage shows up under its own name:
//!
//! ```text
//! decode → layout → lines → blocks → sections → extract → json
//! end_to_end = parse_bytes + output::append_json (compact, as JSON Lines)
//! ```
//!
//! Inputs: the fixtures parsed one by one (the realistic case), the same
//! texts as Windows-1252 with CRLF (the slow decode path), all fixtures
//! concatenated into one document, and pathological repetitions that catch
//! quadratic behaviour (thousands of bullets, one very long line, thousands of
//! headings, blank lines, dense dates, dashed quotes). Throughput is always
//! counted in raw input bytes, so stages can be compared with each other.
//!
//! ```text
//! cargo bench --bench pipeline                      # everything (~3 minutes)
//! cargo bench --bench pipeline -- end_to_end        # one stage
//! cargo bench --bench pipeline -- 'lines/bullets'   # one stage, one input
//! ```

use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use avtale::blocks::Stream;
use avtale::decode::DEFAULT_MAX_BYTES;
use avtale::lines::Line;
use avtale::model::{Document, Layout, Source};
use avtale::output::{JsonStyle, append_json};
use criterion::measurement::WallTime;
use criterion::{
    BatchSize, BenchmarkGroup, Criterion, Throughput, criterion_group, criterion_main,
};

/// One document of an input set, with every intermediate result precomputed.
struct Prepared {
    name: String,
    raw: Vec<u8>,
    text: String,
    layout: Layout,
    lines: Vec<Line>,
    stream: Stream,
    /// The document as `parse` has it just before extraction.
    before_extract: Document,
    /// The finished document, for the serialization bench.
    done: Document,
}

impl Prepared {
    fn new(name: &str, raw: Vec<u8>) -> Self {
        let decoded = avtale::decode::decode(&raw, Path::new(name), DEFAULT_MAX_BYTES)
            .unwrap_or_else(|err| panic!("bench input {name} must decode: {err}"));
        let text = decoded.text;
        let (layout, _) = avtale::layout::detect(&text);
        let lines = avtale::lines::classify(&text, layout);
        let furniture = avtale::blocks::FurnitureVerdicts::new(&lines);
        let stream = avtale::blocks::build(&text, &lines, &furniture, layout);
        let outline = avtale::sections::build(&text, &stream.blocks);
        let mut before_extract = Document::empty(Source::describe(name, &raw, decoded.encoding));
        before_extract.source.layout = layout;
        before_extract.title = outline.title;
        before_extract.subtitle = outline.subtitle;
        before_extract.sections = outline.sections;
        let done = avtale::parse(&text, before_extract.source.clone());
        Prepared {
            name: name.to_owned(),
            raw,
            text,
            layout,
            lines,
            stream,
            before_extract,
            done,
        }
    }
}

/// A named set of documents benchmarked together.
struct InputSet {
    name: &'static str,
    docs: Vec<Prepared>,
}

impl InputSet {
    fn bytes(&self) -> u64 {
        self.docs.iter().map(|doc| doc.raw.len() as u64).sum()
    }
}

/// The fixtures, sorted by name so runs compare like with like.
fn fixtures() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("fixtures directory")
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "txt"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path).expect("fixtures are UTF-8");
            (
                path.file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default(),
                text,
            )
        })
        .collect()
}

/// Repeats `unit` (with its index substituted for `{}`) until `bytes` are reached.
fn repeat(unit: &str, bytes: usize) -> Vec<u8> {
    let mut out = String::with_capacity(bytes + unit.len() + 8);
    let mut n = 0usize;
    while out.len() < bytes {
        n += 1;
        out.push_str(&unit.replace("{}", &n.to_string()));
    }
    out.into_bytes()
}

/// `unit` repeated up to `bytes`, each `{}` replaced by a distinct capitalised letter-only
/// name (`Baaaa`, `Daaaa`, …): names with digits read neither as signatures nor as bodies.
fn repeat_named(unit: &str, bytes: usize) -> Vec<u8> {
    const LETTERS: &[u8] = b"abdefghijklmnoprstuv";
    let mut out = String::with_capacity(bytes + unit.len() + 8);
    let mut n = 0usize;
    while out.len() < bytes {
        n += 1;
        let mut name = String::new();
        let mut k = n;
        for _ in 0..5 {
            name.push(char::from(LETTERS[k % LETTERS.len()]));
            k /= LETTERS.len();
        }
        let name = name[..1].to_uppercase() + &name[1..];
        out.push_str(&unit.replace("{}", &name));
    }
    out.into_bytes()
}

fn inputs() -> Vec<InputSet> {
    let fixtures = fixtures();
    let one_by_one = fixtures
        .iter()
        .map(|(name, text)| Prepared::new(name, text.clone().into_bytes()))
        .collect();
    let legacy = fixtures
        .iter()
        .map(|(name, text)| {
            let crlf = text.replace('\n', "\r\n");
            let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(&crlf);
            Prepared::new(name, bytes.into_owned())
        })
        .collect();
    let joined: Vec<&str> = fixtures.iter().map(|(_, text)| text.as_str()).collect();
    let concatenated = Prepared::new("all-fixtures.txt", joined.join("\n\n\n").into_bytes());
    let pathological = |name: &'static str, raw: Vec<u8>| InputSet {
        name,
        docs: vec![Prepared::new(name, raw)],
    };
    vec![
        InputSet {
            name: "fixtures",
            docs: one_by_one,
        },
        InputSet {
            name: "fixtures-cp1252-crlf",
            docs: legacy,
        },
        InputSet {
            name: "concatenated",
            docs: vec![concatenated],
        },
        pathological(
            "bullets",
            repeat("- punkt nummer {} i en lang liste\n", 512 * 1024),
        ),
        pathological(
            "long-line",
            repeat("partene vil i fellesskap bidra til {} ", 1024 * 1024),
        ),
        pathological(
            "headings",
            repeat(
                "## **Overskrift {}**\n\nKS vil\n\n- tiltak {}\n\n",
                512 * 1024,
            ),
        ),
        pathological("blank-lines", repeat("\n \n\u{a0}\n", 256 * 1024)),
        pathological(
            "dates",
            repeat(
                "Avtalen gjelder fra {}. januar 2020 til 31.12.2023, jf. Meld. St. {} (2019–2020). ",
                512 * 1024,
            ),
        ),
        pathological(
            "quotes",
            repeat(
                "– Dette er en god avtale {}, sier styreleder i KS Ola Nordmann.\n\n",
                512 * 1024,
            ),
        ),
        pathological(
            "surname-quotes",
            repeat(
                "Styreleder i KS, Halvdan Nordmann, er fornøyd {}.\n\n– Bra {}, sier Nordmann.\n\n",
                256 * 1024,
            ),
        ),
        pathological(
            "signature-area",
            repeat_named("\nFor {}kommune\n\n{} Nordmann\nordfører\n\n", 256 * 1024),
        ),
        pathological(
            "unknown-parties",
            repeat_named(
                "Avtale mellom {}direktoratet og {}forbundet om samarbeid.\n\n",
                256 * 1024,
            ),
        ),
        pathological(
            "one-line-paragraphs",
            repeat_named("Partene skal styrke {} og KS skal bidra.\n", 256 * 1024),
        ),
        pathological(
            "crumbs-then-paragraphs",
            [
                repeat_named("{}\n·\n", 128 * 1024),
                repeat_named("{} er bra.\n", 128 * 1024),
            ]
            .concat(),
        ),
        // Small: every list binds every party, so the output grows as their product.
        pathological(
            "parties-times-lists",
            [
                repeat_named(
                    "Avtale mellom {}direktoratet og {}forbundet om samarbeid.\n\n",
                    16 * 1024,
                ),
                repeat_named("Partene vil:\n- styrke {}\n\n", 16 * 1024),
            ]
            .concat(),
        ),
        pathological(
            "signature-columns",
            [
                b"Oslo, 1. mai 2020\n\n".to_vec(),
                repeat_named("For {}kommune   ", 96 * 1024),
                b"\n\n".to_vec(),
                repeat_named("{} Nordmann   ", 96 * 1024),
                b"\n".to_vec(),
                repeat("ordfører   ", 96 * 1024),
                b"\n".to_vec(),
            ]
            .concat(),
        ),
        pathological(
            "day-dates",
            repeat("Møtet 3. januar 2001 var godt ({}).\n\n", 256 * 1024),
        ),
        pathological(
            "signatures",
            repeat(
                "Oslo, {}.9.2006\n\n\n\nKari Nordmann\nHelseminister\n\n\n\n",
                256 * 1024,
            ),
        ),
    ]
}

/// A benchmark group with short rounds: ten inputs times eight stages must finish in
/// minutes on a shared 2-core machine.
fn short_group<'a>(c: &'a mut Criterion, name: &str) -> BenchmarkGroup<'a, WallTime> {
    let mut group = c.benchmark_group(name);
    group
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
        .sample_size(20);
    group
}

fn pipeline(c: &mut Criterion) {
    let inputs = inputs();
    let stage = |c: &mut Criterion, stage: &str, run: &dyn Fn(&Prepared)| {
        let mut group = short_group(c, stage);
        for input in &inputs {
            group.throughput(Throughput::Bytes(input.bytes()));
            group.bench_function(input.name, |b| {
                b.iter(|| {
                    for doc in &input.docs {
                        run(doc);
                    }
                });
            });
        }
        group.finish();
    };
    stage(c, "decode", &|doc| {
        black_box(
            avtale::decode::decode(black_box(&doc.raw), Path::new(&doc.name), DEFAULT_MAX_BYTES)
                .ok(),
        );
    });
    stage(c, "layout", &|doc| {
        black_box(avtale::layout::detect(black_box(&doc.text)));
    });
    stage(c, "lines", &|doc| {
        black_box(avtale::lines::classify(black_box(&doc.text), doc.layout));
    });
    stage(c, "blocks", &|doc| {
        // Fresh verdicts: the stage pays for its furniture tests.
        let furniture = avtale::blocks::FurnitureVerdicts::new(&doc.lines);
        black_box(avtale::blocks::build(
            black_box(&doc.text),
            &doc.lines,
            &furniture,
            doc.layout,
        ));
    });
    stage(c, "sections", &|doc| {
        black_box(avtale::sections::build(
            black_box(&doc.text),
            &doc.stream.blocks,
        ));
    });
    stage(c, "json", &|doc| {
        let mut out = Vec::with_capacity(doc.raw.len() * 4);
        append_json(&mut out, black_box(&doc.done), JsonStyle::Compact);
        black_box(out);
    });
    stage(c, "end_to_end", &|doc| {
        let parsed = avtale::parse_bytes(&doc.name, black_box(&doc.raw), DEFAULT_MAX_BYTES)
            .expect("inputs decode");
        let mut out = Vec::with_capacity(doc.raw.len() * 4);
        append_json(&mut out, &parsed, JsonStyle::Compact);
        black_box(out);
    });

    // Extraction fills the document in place, so each round gets a fresh
    // copy of the pre-extraction document, made outside the timing.
    let mut group = short_group(c, "extract");
    for input in &inputs {
        group.throughput(Throughput::Bytes(input.bytes()));
        group.bench_function(input.name, |b| {
            b.iter_batched_ref(
                || {
                    input
                        .docs
                        .iter()
                        .map(|doc| doc.before_extract.clone())
                        .collect::<Vec<_>>()
                },
                |fresh| {
                    for (doc, out) in input.docs.iter().zip(fresh.iter_mut()) {
                        let cx = avtale::extract::Context {
                            text: &doc.text,
                            layout: doc.layout,
                            blocks: &doc.stream.blocks,
                        };
                        avtale::extract::run(&cx, out);
                    }
                },
                BatchSize::SmallInput,
            );
        });
    }
    group.finish();
}

criterion_group!(benches, pipeline);
criterion_main!(benches);
