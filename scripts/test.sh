#!/usr/bin/env bash
# The test command: the one that CI runs (.ci/run) and that the README gives.
# Installs what is missing, then checks formatting and lints, runs every test in release mode (one
# RocksDB build serves the binary, the tests and the benchmarks), and the browser test of `serve`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export CARGO_TERM_COLOR=never
# The end-to-end tests that need programs from outside say so here, where CI's log shows it.
if [ -z "${OXIGRAPH_BIN:-}" ] && ! command -v oxigraph >/dev/null 2>&1 &&
  [ ! -x "$HOME/.cache/paperkg/tools/bin/oxigraph" ]; then
  echo "test: WARNING: no oxigraph command; tests/push.rs will SKIP its test against oxigraph serve"
fi
cargo fmt --all --check
cargo clippy --release --all-targets --locked -- -D warnings
cargo test --release --locked
bash scripts/e2e.sh
