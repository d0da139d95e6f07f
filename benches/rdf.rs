//! Criterion benchmark of the store side's per-digest stage: linked facts to quads (`rdf::quads`), on
//! each sample digest, in bytes of digest text per second (one core). Parse and extract are benched in
//! the text crate (crates/text/benches/pipeline.rs), which builds without RocksDB.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

use paperkg::Vocab;

/// The sample digests of data/, read the way `build` reads its inputs.
fn samples() -> Vec<(String, Vec<u8>)> {
    let data = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    paperkg::build::collect(&[data])
        .found
        .iter()
        .map(|input| {
            let name = input
                .path()
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (name, input.read().expect("a sample digest is readable"))
        })
        .collect()
}

fn rdf(c: &mut Criterion) {
    let vocab = Vocab::embedded();
    let mut group = c.benchmark_group("per_digest");
    for (name, bytes) in samples() {
        let path = std::path::PathBuf::from(&name);
        let digest = paperkg::digest::parse(&path, &bytes, &vocab).expect("sample parses");
        let facts = paperkg::extract::digest(&digest, &vocab);
        let extractor = paperkg::build::extractor(&vocab);
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        group.bench_with_input(BenchmarkId::new("rdf", &name), &facts, |b, f| {
            b.iter(|| paperkg::rdf::quads(&digest, f, &extractor))
        });
    }
    group.finish();
}

criterion_group!(benches, rdf);
criterion_main!(benches);
