#!/usr/bin/env bash
# The main job on a fresh machine: install what is missing, build paperkg, load data/ into ./paperkg.db
# and print the answer of a ready query.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cargo build --release --locked
bin="${CARGO_TARGET_DIR:-target}/release/paperkg"
"$bin" build --store paperkg.db data
"$bin" query --store paperkg.db queries/datasets-by-papers.rq
