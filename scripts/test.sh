#!/usr/bin/env bash
# The test command: the one that CI runs (.ci/run) and that the README gives.
# Installs what is missing, then checks formatting and lints and runs every test in release mode
# (one RocksDB build serves the binary, the tests and the benchmarks).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export CARGO_TERM_COLOR=never
cargo fmt --all --check
cargo clippy --release --all-targets --locked -- -D warnings
cargo test --release --locked
