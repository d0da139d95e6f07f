#!/usr/bin/env bash
# The main job on a fresh machine: install only what building paperkg needs (clang for RocksDB), build the
# binary alone (no tests, benches or examples), load data/ into ./paperkg.db and print a ready query.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh run
cargo build --release --locked --bin paperkg
bin="${CARGO_TARGET_DIR:-target}/release/paperkg"
"$bin" build --store paperkg.db data
"$bin" query --store paperkg.db queries/datasets-by-papers.rq
