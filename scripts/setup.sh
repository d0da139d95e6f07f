#!/usr/bin/env bash
# Installs what a fresh Debian machine lacks, for one of two jobs:
#
#   scripts/setup.sh run    what the main job (scripts/run.sh: build, load, query) needs, and nothing more:
#     libclang-dev + clang  (bindgen needs libclang to build RocksDB, Oxigraph's on-disk store)
#
#   scripts/setup.sh test   (the default) what the test command (scripts/test.sh) needs besides:
#     graphviz              (`dot`, to render SVG/PNG pictures of graph views; tests render them)
#     fonts-nanum           (a Korean font, so that Korean labels show in PNG renderings)
#     python3               (the gold-scoring script and the layer check)
#   and, for the end-to-end tests of `serve` and `push` (skipped with a visible warning if they cannot
#   be installed):
#     chromium              (Debian's, driven headless by playwright-core from tests/e2e)
#     playwright-core       (npm ci in tests/e2e, with the machine's Node.js)
#     oxigraph-cli 0.5.13   (`oxigraph serve`, the independent server `push` is tested against; built
#                            with cargo into ~/.cache/paperkg/tools: ~12 minutes the first time)
#     virtuoso-opensource   (Debian's Virtuoso 7: `virtuoso-t` and `isql-vt`, the second server `push`
#                            is tested against; the test starts its own, never the system service)
#
# Runs apt-get only when something is missing; needs root (or sudo) in that case.
set -euo pipefail
cd "$(dirname "$0")/.."
job="${1:-test}"
case "$job" in
  run | test) ;;
  *)
    echo "setup: usage: scripts/setup.sh [run|test]" >&2
    exit 2
    ;;
esac

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
apt_install() {
  echo "setup: installing $*" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

need=()
dpkg -s libclang-dev >/dev/null 2>&1 || need+=(libclang-dev)
command -v clang >/dev/null 2>&1 || need+=(clang)
if [ "$job" = test ]; then
  command -v dot >/dev/null 2>&1 || need+=(graphviz)
  dpkg -s fonts-nanum >/dev/null 2>&1 || need+=(fonts-nanum)
  command -v python3 >/dev/null 2>&1 || need+=(python3)
fi
[ ${#need[@]} -eq 0 ] || apt_install "${need[@]}"

if ! command -v cargo >/dev/null 2>&1; then
  echo "setup: cargo not found; install Rust (https://rustup.rs) and run again" >&2
  exit 2
fi
[ "$job" = test ] || exit 0

# From here on a failed install is reported and the end-to-end test that needs it fails.
if [ ! -x /usr/bin/chromium ]; then
  apt_install chromium || echo "setup: WARNING: could not install chromium; the browser test will fail" >&2
fi
if command -v npm >/dev/null 2>&1 && [ ! -d tests/e2e/node_modules ]; then
  npm ci --prefix tests/e2e --no-audit --no-fund --loglevel=error ||
    echo "setup: WARNING: npm ci in tests/e2e failed; the browser test will fail" >&2
fi
tools="$HOME/.cache/paperkg/tools"
if ! command -v oxigraph >/dev/null 2>&1 && [ ! -x "$tools/bin/oxigraph" ]; then
  echo "setup: building oxigraph-cli 0.5.13 into $tools (once; ~12 minutes on 2 cores)" >&2
  cargo install oxigraph-cli --version 0.5.13 --locked --root "$tools" --target-dir "$tools/target" ||
    echo "setup: WARNING: could not install oxigraph-cli; the push test against it will fail" >&2
fi
if ! command -v virtuoso-t >/dev/null 2>&1; then
  apt_install virtuoso-opensource ||
    echo "setup: WARNING: could not install virtuoso-opensource; the push test against Virtuoso will fail" >&2
fi
