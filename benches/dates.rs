//! The date finder alone (`avtale::dates::find`), in MB/s: the fixtures concatenated and
//! repeated to a large text, plus pathological inputs built by repetition (number soup,
//! endless ranges, one long line of month names) to catch quadratic behaviour.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};

/// All fixtures, concatenated in name order.
fn fixtures() -> String {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .expect("fixtures/ exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap_or_default())
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// Repeats `unit` until the text holds at least `bytes` bytes.
fn repeat_to(unit: &str, bytes: usize) -> String {
    unit.repeat(bytes / unit.len().max(1) + 1)
}

fn bench(c: &mut Criterion) {
    let inputs = [
        ("fixtures x100", repeat_to(&fixtures(), 4 << 20)),
        (
            "number soup",
            repeat_to("1.1.1.1 10.000 22 24 90 90 2019.5 12:00 ", 1 << 20),
        ),
        ("endless range", repeat_to("2019-", 1 << 20)),
        (
            "month names on one line",
            repeat_to("23. oktober 2019 og september ", 1 << 20),
        ),
    ];
    let mut group = c.benchmark_group("dates::find");
    for (name, text) in &inputs {
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(*name, |b| {
            b.iter(|| avtale::dates::find(black_box(text)).len());
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = bench
}
criterion_main!(benches);
