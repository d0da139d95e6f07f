#!/usr/bin/env bash
# Fuzzes digest parsing + extraction with entity linking (fuzz/fuzz_targets/digest.rs, against the paperkg-text crate
# alone: no RocksDB) with cargo-fuzz (libFuzzer).
# Usage: scripts/fuzz.sh [SECONDS]   (default 600)
# Needs a nightly toolchain (`rustup toolchain install nightly`) and `cargo install cargo-fuzz`.
# The corpus starts from the sample digests and the bad-input fixtures; crashes land in
# fuzz/artifacts/digest/ — turn each into a regression test (tests/fuzz_regressions.rs) before fixing it.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-600}"
corpus=fuzz/corpus/digest
mkdir -p "$corpus"
cp data/*.md tests/fixtures/bad/* "$corpus"/ 2>/dev/null || true
# A target dir of its own: the fuzzer's instrumented build must not evict the warm release build.
target="${CARGO_TARGET_DIR:-$HOME/.cache/paperkg/target}-fuzz"
cargo +nightly fuzz run digest --release --sanitizer none --target-dir "$target" --fuzz-dir fuzz "$corpus" -- \
  -max_total_time="$seconds" -max_len=65536 -timeout=10 -print_final_stats=1
