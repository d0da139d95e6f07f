#!/usr/bin/env bash
# The test command: the one that CI runs (.ci/run) and that the README gives.
# Installs what is missing, then checks formatting, lints and the one-way imports (scripts/check_layers.py),
# runs every test of both crates in release mode (one RocksDB build serves the binary, the tests and the
# benchmarks), and the browser test of `serve`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh test
export CARGO_TERM_COLOR=never
cargo fmt --all --check
python3 scripts/check_layers.py
cargo clippy --release --workspace --all-targets --locked -- -D warnings
cargo test --release --workspace --locked
bash scripts/e2e.sh
