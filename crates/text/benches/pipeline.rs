//! Criterion benchmarks of the text stages that run per digest: parse and extract (with entity linking),
//! on each sample digest, reported as bytes of digest text per second (one core). They build against
//! this crate alone, without RocksDB; the RDF stage is benched in the root crate (benches/rdf.rs).

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

use paperkg_text::Vocab;

fn samples() -> Vec<(String, Vec<u8>)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data");
    let mut v: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .expect("data/")
        .filter_map(|e| {
            let p = e.ok()?.path();
            let name = p.file_name()?.to_str()?.to_owned();
            let digest = name.starts_with("20") && name.ends_with(".md");
            digest
                .then(|| std::fs::read(&p).ok().map(|b| (name, b)))
                .flatten()
        })
        .collect();
    v.sort();
    v
}

fn stages(c: &mut Criterion) {
    let vocab = Vocab::embedded();
    let mut group = c.benchmark_group("per_digest");
    for (name, bytes) in samples() {
        let path = std::path::PathBuf::from(&name);
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        group.bench_with_input(BenchmarkId::new("parse", &name), &bytes, |b, bytes| {
            b.iter(|| paperkg_text::digest::parse(&path, bytes, &vocab).expect("sample parses"))
        });
        let digest = paperkg_text::digest::parse(&path, &bytes, &vocab).expect("sample parses");
        group.bench_with_input(BenchmarkId::new("extract", &name), &digest, |b, d| {
            b.iter(|| paperkg_text::extract::digest(d, &vocab))
        });
        group.bench_with_input(
            BenchmarkId::new("parse+extract", &name),
            &bytes,
            |b, bytes| {
                b.iter(|| {
                    let d =
                        paperkg_text::digest::parse(&path, bytes, &vocab).expect("sample parses");
                    paperkg_text::extract::digest(&d, &vocab)
                })
            },
        );
    }
    group.finish();
}

fn vocabulary(c: &mut Criterion) {
    c.bench_function("vocab_load", |b| b.iter(Vocab::embedded));
}

criterion_group!(benches, stages, vocabulary);
criterion_main!(benches);
