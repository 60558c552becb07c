#!/usr/bin/env bash
# Produces the figures of docs/benchmarks.md, "Store and search": the ingest rate of
# `marsad ingest` on the ANT corpus into SQLite (and PostgreSQL when MARSAD_BENCH_POSTGRES
# names a server database, e.g. postgres://postgres@127.0.0.1:54329/marsad_test?sslmode=disable),
# the median of RUNS fresh runs (default 3); then the search latency (p50/p95) of the
# queries of internal/store/storebench over ANT plus the French and English Wikinews.
# Needs psql for PostgreSQL (it resets the schema marsad_bench between runs).
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=${MARSAD_SHARED:-$PWD/../shared}
ANT=$SHARED/corpus/ant/ant-v1.1.jsonl
WIKI=("$SHARED/corpus/wikinews/wikinews-fr.jsonl" "$SHARED/corpus/wikinews/wikinews-en.jsonl")
RUNS=${RUNS:-3}
[ -f "$ANT" ] || { echo "bench-store: $ANT not found: put the shared data beside the checkout or set MARSAD_SHARED" >&2; exit 1; }
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
go build -o "$OUT/marsad" ./cmd/marsad

rate() { sed -n 's/.*(\([0-9.]*\) docs\/s).*/\1/p'; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(go version | cut -d' ' -f3)"
echo "== ingest $ANT into SQLite, $RUNS runs"
for _ in $(seq "$RUNS"); do
  rm -f "$OUT"/ant.db*
  "$OUT/marsad" ingest --db "$OUT/ant.db" "$ANT" 2>/dev/null | rate
done | tee "$OUT/sqlite.rates"
echo "SQLite median: $(median < "$OUT/sqlite.rates") docs/s"

PG=
if [ -n "${MARSAD_BENCH_POSTGRES:-}" ]; then
  case "$MARSAD_BENCH_POSTGRES" in *\?*) PG="$MARSAD_BENCH_POSTGRES&search_path=marsad_bench" ;; *) PG="$MARSAD_BENCH_POSTGRES?search_path=marsad_bench" ;; esac
  echo "== ingest $ANT into PostgreSQL, $RUNS runs"
  for _ in $(seq "$RUNS"); do
    psql -q "$MARSAD_BENCH_POSTGRES" -c 'DROP SCHEMA IF EXISTS marsad_bench CASCADE' -c 'CREATE SCHEMA marsad_bench' >/dev/null 2>&1
    "$OUT/marsad" ingest --db "$PG" "$ANT" 2>/dev/null | rate
  done | tee "$OUT/pg.rates"
  echo "PostgreSQL median: $(median < "$OUT/pg.rates") docs/s"
fi

echo "== search latency over ANT + Wikinews fr/en"
"$OUT/marsad" ingest --db "$OUT/ant.db" "${WIKI[@]}" 2>/dev/null | tail -1
MARSAD_BENCH_DB="$OUT/ant.db" go test ./internal/store/storebench -run SearchLatency -count=1 -v | grep -E 'storebench_test|search over'
if [ -n "$PG" ]; then
  "$OUT/marsad" ingest --db "$PG" "${WIKI[@]}" 2>/dev/null | tail -1
  MARSAD_BENCH_DB="$PG" go test ./internal/store/storebench -run SearchLatency -count=1 -v | grep -E 'storebench_test|search over'
fi
