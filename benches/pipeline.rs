//! Criterion benchmarks of the stages that run per digest: parse, extract, and RDF, on each sample
//! digest, reported as bytes of digest text per second (one core).

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

use paperkg::Vocab;

fn samples() -> Vec<(String, Vec<u8>)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
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
            b.iter(|| paperkg::digest::parse(&path, bytes, &vocab).expect("sample parses"))
        });
        let digest = paperkg::digest::parse(&path, &bytes, &vocab).expect("sample parses");
        group.bench_with_input(BenchmarkId::new("extract", &name), &digest, |b, d| {
            b.iter(|| paperkg::extract::digest(d, &vocab))
        });
        let facts = paperkg::extract::digest(&digest, &vocab);
        group.bench_with_input(BenchmarkId::new("rdf", &name), &facts, |b, f| {
            b.iter(|| paperkg::rdf::quads(&digest, f, &vocab))
        });
        group.bench_with_input(
            BenchmarkId::new("parse+extract+rdf", &name),
            &bytes,
            |b, bytes| {
                b.iter(|| {
                    let d = paperkg::digest::parse(&path, bytes, &vocab).expect("sample parses");
                    let f = paperkg::extract::digest(&d, &vocab);
                    paperkg::rdf::quads(&d, &f, &vocab)
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
