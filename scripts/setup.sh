#!/usr/bin/env bash
# Installs what a fresh Debian machine lacks to build and test paperkg:
#   libclang-dev + clang  (bindgen needs libclang to build RocksDB, Oxigraph's on-disk store)
#   graphviz              (`dot`, to render SVG/PNG pictures of graph views)
#   fonts-nanum           (a Korean font, so that Korean labels show in PNG renderings)
#   python3               (the gold-scoring script)
# Runs apt-get only when something is missing; needs root (or sudo) in that case.
set -euo pipefail

need=()
dpkg -s libclang-dev >/dev/null 2>&1 || need+=(libclang-dev)
command -v clang >/dev/null 2>&1 || need+=(clang)
command -v dot >/dev/null 2>&1 || need+=(graphviz)
dpkg -s fonts-nanum >/dev/null 2>&1 || need+=(fonts-nanum)
command -v python3 >/dev/null 2>&1 || need+=(python3)

if [ ${#need[@]} -gt 0 ]; then
  echo "setup: installing ${need[*]}" >&2
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

if ! command -v cargo >/dev/null 2>&1; then
  echo "setup: cargo not found; install Rust (https://rustup.rs) and run again" >&2
  exit 2
fi
