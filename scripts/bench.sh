#!/usr/bin/env bash
# Whole-process benchmark of paperkg at 1k, 10k and 100k papers (or the sizes given as arguments).
#
# For each size it writes a synthetic corpus (examples/synth.rs, deterministic), then measures, side by
# side in one run: `paperkg build` (time, peak RSS), Oxigraph's own bulk load of the same quads
# (`oxigraph load` from the oxigraph-cli crate, on `paperkg extract --format nq` output), the ratio of
# the two, parse+extract throughput (`paperkg extract --format nq > /dev/null`), a no-op rebuild (median of 3), and
# the latency of every ready query (median of 5 runs, whole process: start, open, query, print), the
# same queries over HTTP from a running `paperkg serve` (the first request, evaluated, and the median of
# the next 5, answered from the server's cache; curl), how long `serve` takes to answer the page's
# ready queries and views in the background after it starts, and `paperkg push` of the
# whole store into a fresh `oxigraph serve` (up to BENCH_PUSH_MAX papers, default 10000), then
# `trends` and `report` of the newest week (median of 5, whole process).
#
#   scripts/bench.sh                 # 1000 10000 100000
#   scripts/bench.sh 1000 10000      # smaller
#
# Needs GNU time (/usr/bin/time) for peak RSS and `oxigraph` on PATH (cargo install oxigraph-cli) for
# the comparison; without it that column says "n/a".
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000 100000)
work="${BENCH_DIR:-/tmp/paperkg-bench}"
mkdir -p "$work"
target="${CARGO_TARGET_DIR:-target}"
cargo build --release --locked --bin paperkg --example synth >&2
bin="$target/release/paperkg"
synth="$target/release/examples/synth"
oxigraph=$(command -v oxigraph || true)
[ -n "$oxigraph" ] || [ ! -x "$HOME/.cache/paperkg/tools/bin/oxigraph" ] || oxigraph="$HOME/.cache/paperkg/tools/bin/oxigraph"

# Runs a command, prints "seconds peak_rss_mb" of it.
measure() {
  local t="$work/time.txt"
  # GNU time puts "Command exited with non-zero status N" before the figures when the command fails
  # (build exits 1 when it skipped a file); the figures are on the last line either way.
  /usr/bin/time -f "%e %M" -o "$t" "$@" >/dev/null 2>"$work/stderr.txt" || true
  tail -n 1 "$t" | awk '{ printf "%.2f %.0f\n", $1, $2 / 1024 }'
}

median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

# Median whole-process time (ms) of 5 runs of a paperkg command, output thrown away.
median_ms() {
  for _ in 1 2 3 4 5; do
    s=$(date +%s%N); "$@" >/dev/null 2>&1 || true; e=$(date +%s%N)
    echo $(( (e - s) / 1000000 ))
  done | median
}

# `trends` (default 8-week window, and the whole history) and `report` of the newest week.
bench_trends() {
  local store=$1 week
  week=$("$bin" trends --store "$store" --weeks 1 --format csv 2>/dev/null | sed -n 1p | cut -d, -f5)
  printf "    %-48s %9s\n" "trends and report (median of 5)" "cli_ms"
  for by in task dataset method limitation-kind; do
    printf "    %-48s %9s\n" "trends --by $by" "$(median_ms "$bin" trends --store "$store" --by "$by" --format csv)"
  done
  printf "    %-48s %9s\n" "trends --format svg" "$(median_ms "$bin" trends --store "$store" --format svg)"
  printf "    %-48s %9s\n" "trends --weeks 520 (whole history)" "$(median_ms "$bin" trends --store "$store" --weeks 520 --format csv)"
  printf "    %-48s %9s\n" "report --week $week (html)" "$(median_ms "$bin" report --store "$store" --week "$week")"
  printf "    %-48s %9s\n" "report --week $week --format md" "$(median_ms "$bin" report --store "$store" --week "$week" --format md)"
}

# Whole-process medians (of 3) of the commands a person waits for: views, the table, centrality.
bench_exports() {
  local store=$1
  printf "    %-40s %9s %9s\n" "export / stats (median of 3)" "ms" "rss_MB"
  for args in "export full --top 50" "export dataset-cooccurrence --top 50" "export task-dataset --top 50" \
              "export table" "stats --central task-dataset"; do
    local runs
    runs=$(for _ in 1 2 3; do
      # shellcheck disable=SC2086 # the arguments are words on purpose
      measure "$bin" $args --store "$store"
    done)
    printf "    %-40s %9.0f %9s\n" "$args" "$(echo "$runs" | awk '{ print $1 * 1000 }' | median)" \
      "$(echo "$runs" | awk '{ print $2 }' | median)"
  done
}

printf "%-8s %8s %9s %9s %8s %9s %10s %9s %7s %6s %9s %9s %9s\n" \
  papers MB build_s papers/s triples triples/s extract_MB/s rss_MB ox_s ratio ox+opt_s ratio_opt noop_s
for n in "${sizes[@]}"; do
  corpus="$work/corpus-$n"
  [ -d "$corpus" ] || "$synth" --papers "$n" --out "$corpus" >&2
  mb=$(du -sm "$corpus" | cut -f1)
  bytes=$(du -sb "$corpus" | cut -f1)
  store="$work/store-$n"
  rm -rf "$store" "$work/ox-$n"
  read -r build_s rss <<<"$(measure "$bin" build --store "$store" "$corpus")"
  triples=$("$bin" query --store "$store" --format csv 'SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }' | tail -1 | tr -d '\r')
  read -r extract_s _ <<<"$(measure sh -c "\"$bin\" extract --format nq \"$corpus\" > \"$work/all-$n.nq\"")"
  ox_s="n/a"; ratio="n/a"; opt_s="n/a"; ratio_opt="n/a"
  if [ -n "$oxigraph" ]; then
    read -r ox_s ox_rss <<<"$(measure "$oxigraph" load --location "$work/ox-$n" --file "$work/all-$n.nq")"
    ratio=$(awk -v a="$build_s" -v b="$ox_s" 'BEGIN { printf "%.2f", a / b }')
    # `build` compacts the store after a large build (see `Store::compact`); `oxigraph load` does not,
    # and says to run `oxigraph optimize` before a read-heavy workload. Both figures are printed: the
    # load alone, and the load with the compaction that makes the two stores alike.
    read -r compact_s _ <<<"$(measure "$oxigraph" optimize --location "$work/ox-$n")"
    opt_s=$(awk -v a="$ox_s" -v b="$compact_s" 'BEGIN { printf "%.2f", a + b }')
    ratio_opt=$(awk -v a="$build_s" -v b="$opt_s" 'BEGIN { printf "%.2f", a / b }')
  fi
  # The median of 3: the first no-op reads the corpus from disk, as `oxigraph load` has just pushed
  # it out of the page cache; a user who rebuilds after adding a digest finds it cached.
  noop_s=$(for _ in 1 2 3; do measure "$bin" build --store "$store" "$corpus" | cut -d' ' -f1; done | median)
  awk -v n="$n" -v mb="$mb" -v s="$build_s" -v t="$triples" -v e="$extract_s" -v by="$bytes" -v r="$rss" \
      -v o="$ox_s" -v q="$ratio" -v oo="$opt_s" -v qo="$ratio_opt" -v z="$noop_s" \
    'BEGIN { printf "%-8d %8d %9.2f %9.0f %8d %9.0f %10.1f %9d %7s %6s %9s %9s %9.2f\n", n, mb, s, n / s, t, t / s, by / 1e6 / e, r, o, q, oo, qo, z }'
  rm -f "$work/all-$n.nq"
  port=$((20000 + RANDOM % 20000))
  # Not warmed, so that the CLI figures are not taken while the server works in the background.
  "$bin" serve --store "$store" --bind "127.0.0.1:$port" --no-warm 2>/dev/null &
  server=$!
  sleep 1
  # http_first_ms: the first request, evaluated; http_kept_ms: the median of the next 5, which
  # `serve` answers from its cache (the store cannot change under a read-only server).
  printf "    %-32s %9s %13s %12s\n" "ready query (median of 5)" "cli_ms" "http_first_ms" "http_kept_ms"
  for q in queries/*.rq; do
    ms=$(for _ in 1 2 3 4 5; do
      s=$(date +%s%N); "$bin" query --store "$store" --format csv "$q" >/dev/null; e=$(date +%s%N)
      echo $(( (e - s) / 1000000 ))
    done | median)
    http_ms=$(for _ in 1 2 3 4 5 6; do
      curl -s -o /dev/null -w '%{time_total}\n' -H 'Accept: text/csv' --data-urlencode "query@$q" \
        "http://127.0.0.1:$port/sparql" | awk '{ printf "%d\n", $1 * 1000 }'
    done)
    first_ms=$(echo "$http_ms" | head -n 1)
    kept_ms=$(echo "$http_ms" | tail -n 5 | median)
    printf "    %-32s %9s %13s %12s\n" "$(basename "$q")" "$ms" "$first_ms" "$kept_ms"
  done
  kill "$server"; wait "$server" 2>/dev/null || true
  # How long a server takes, from its start, to have every answer of the page (ready queries and views).
  "$bin" serve --store "$store" --bind "127.0.0.1:$port" 2>"$work/serve.log" &
  server=$!
  until grep -q "kept the answers" "$work/serve.log"; do sleep 0.2; done
  printf "    %s\n" "$(grep -o "kept the answers.*" "$work/serve.log")"
  kill "$server"; wait "$server" 2>/dev/null || true
  bench_exports "$store"
  bench_trends "$store"
  if [ -n "$oxigraph" ] && [ "$n" -le "${BENCH_PUSH_MAX:-10000}" ]; then
    rm -rf "$work/remote-$n"
    "$oxigraph" serve --location "$work/remote-$n" --bind "127.0.0.1:$port" --union-default-graph 2>/dev/null &
    server=$!
    sleep 1
    read -r push_s push_rss <<<"$(measure "$bin" push --quiet --store "$store" --endpoint "http://127.0.0.1:$port/store")"
    awk -v s="$push_s" -v t="$triples" -v r="$push_rss" \
      'BEGIN { printf "    push to oxigraph serve: %.2f s, %.0f triples/s, paperkg RSS %d MB\n", s, t / s, r }'
    kill "$server"; wait "$server" 2>/dev/null || true
    rm -rf "$work/remote-$n"
  fi
done
