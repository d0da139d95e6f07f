#!/usr/bin/env bash
# End-to-end browser test of `paperkg serve`: builds a store from data/ in a temporary folder, starts the
# server on a free loopback port, and runs tests/e2e/page.mjs (playwright-core driving Debian's Chromium)
# against it. Needs a release binary (cargo build --release), /usr/bin/chromium and node; when Chromium,
# node or the test's npm packages are missing it fails ("e2e: FAILED — <reason>", exit 1), unless
# PAPERKG_SKIP_BROWSER=1 asks it to skip (then "e2e: SKIPPED — <reason>", exit 0).
# Then tests/e2e/report.mjs follows the page's link to the weekly report of 2025-W20 and checks it.
# Usage: scripts/e2e.sh            (the screenshots go to a temporary folder)
#        E2E_SCREENSHOT=docs/serve.png E2E_REPORT_SCREENSHOT=docs/report.png scripts/e2e.sh
set -euo pipefail
cd "$(dirname "$0")/.."
started=$SECONDS

# A missing browser, node or npm package fails the test, unless PAPERKG_SKIP_BROWSER=1 asks to skip
# it: a broken install must not pass unseen.
skip() {
  if [ -n "${PAPERKG_SKIP_BROWSER:-}" ]; then
    echo "e2e: SKIPPED — $1 (PAPERKG_SKIP_BROWSER is set)"
    exit 0
  fi
  echo "e2e: FAILED — $1 (set PAPERKG_SKIP_BROWSER=1 to skip the browser test on purpose)" >&2
  exit 1
}

[ -x /usr/bin/chromium ] || skip "/usr/bin/chromium is missing (apt-get install chromium)"
command -v node >/dev/null 2>&1 || skip "node is missing"
if [ ! -d tests/e2e/node_modules/playwright-core ]; then
  command -v npm >/dev/null 2>&1 || skip "npm is missing, so tests/e2e/node_modules cannot be installed"
  npm ci --prefix tests/e2e --no-audit --no-fund >&2 || skip "npm ci --prefix tests/e2e failed"
fi

bin="${CARGO_TARGET_DIR:-target}/release/paperkg"
if [ ! -x "$bin" ]; then
  echo "e2e: FAILED — no binary at $bin (run cargo build --release first)" >&2
  exit 1
fi

tmp="$(mktemp -d)"
server=""
cleanup() {
  if [ -n "$server" ]; then
    kill "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT

"$bin" build --store "$tmp/db" data >"$tmp/build.log" 2>&1 || {
  cat "$tmp/build.log" >&2
  echo "e2e: FAILED — paperkg build failed" >&2
  exit 1
}

port="$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')"
base="http://127.0.0.1:$port"
"$bin" serve --store "$tmp/db" --bind "127.0.0.1:$port" >"$tmp/serve.log" 2>&1 &
server=$!

# Asks for / over bash's /dev/tcp (curl may be missing) and succeeds once the answer's status is 200.
answers() {
  local status
  exec 3<>"/dev/tcp/127.0.0.1/$port" || return 1
  printf 'GET / HTTP/1.1\r\nHost: 127.0.0.1:%s\r\nConnection: close\r\n\r\n' "$port" >&3
  IFS= read -r -t 5 status <&3 || status=""
  exec 3<&- 3>&-
  [[ "$status" == "HTTP/1."?" 200"* ]]
}

deadline=$((SECONDS + 10))
until answers 2>/dev/null; do
  if ! kill -0 "$server" 2>/dev/null; then
    cat "$tmp/serve.log" >&2
    echo "e2e: FAILED — paperkg serve exited before answering" >&2
    exit 1
  fi
  if [ "$SECONDS" -ge "$deadline" ]; then
    cat "$tmp/serve.log" >&2
    echo "e2e: FAILED — $base/ did not answer within 10 s" >&2
    exit 1
  fi
  sleep 0.2
done

status=0
node tests/e2e/page.mjs "$base/" "${E2E_SCREENSHOT:-$tmp/serve.png}" || status=$?
if [ "$status" -eq 0 ]; then
  node tests/e2e/report.mjs "$base/" "${E2E_REPORT_SCREENSHOT:-$tmp/report.png}" || status=$?
fi
if [ "$status" -ne 0 ]; then
  echo "--- server log ---" >&2
  tail -n 40 "$tmp/serve.log" >&2
  echo "e2e: FAILED (page.mjs or report.mjs exited $status) after $((SECONDS - started)) s" >&2
  exit "$status"
fi
echo "e2e: passed in $((SECONDS - started)) s"
