#!/usr/bin/env bash
# The scale benchmarks of docs/benchmarks.md ("At scale"): corpora of SIZES documents grown
# from ../shared/corpus/ant and ../shared/corpus/morocco (`marsad bench corpus`, seed 1),
# and for each size:
#   - `marsad ingest` into a fresh SQLite file, RUNS times (RUNS_1M times at 1M and more):
#     docs/s (median) and peak RSS (/usr/bin/time -v);
#   - into PostgreSQL too when MARSAD_BENCH_POSTGRES names a server database, for sizes up
#     to PG_MAX (default 10000), in a schema marsad_scale that is dropped and re-created;
#   - the baselines built from the same documents (`marsad bench index`): a plain FTS5
#     table and Bleve v2.5.7 with its Arabic analyzer, docs/s and peak RSS;
#   - `marsad bench search`: search latency p50/p95 of the three, relevant hits of each;
#   - at the largest size, `marsad serve` on the database, 5 rounds of the search queries
#     through the API, then 4 clients reading listings; its memory (VmRSS, and VmHWM, the
#     peak) after each step and the search latency seen by the client.
# First, `marsad bench extract` over the first size's corpus (one core, median of RUNS;
# EXTRACT=0 skips it).
#
#   SIZES="10000 100000 1000000" RUNS=3 scripts/bench-scale.sh 2>&1 | tee bench.log
#
# Everything generated goes to DIR (default a new temporary directory), removed at the end
# unless KEEP=1. 1M documents take about 15 GB of disk while it runs.
#
# The figures also go, as Markdown, to REPORT (default docs/benchmarks-scale.md; REPORT=
# to write none): machine, commit, command, and per size the medians, so that the file
# docs/benchmarks.md discusses is the one the last run wrote.
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=${MARSAD_SHARED:-$PWD/../shared}
export MARSAD_SHARED=$SHARED
SIZES=${SIZES:-"10000 100000 1000000"}
RUNS=${RUNS:-3}
RUNS_1M=${RUNS_1M:-1}
PG_MAX=${PG_MAX:-10000}
ROUNDS=${ROUNDS:-5}
DIR=${DIR:-$(mktemp -d /tmp/marsad-bench.XXXXXX)}
REPORT=${REPORT-docs/benchmarks-scale.md}
mkdir -p "$DIR"
SERVE_PID=
cleanup() {
  if [ -n "$SERVE_PID" ]; then kill "$SERVE_PID" 2>/dev/null || true; fi
  if [ "${KEEP:-0}" != 1 ]; then rm -rf "$DIR"; fi
}
trap cleanup EXIT
M=$DIR/marsad
go build -o "$M" ./cmd/marsad

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
rss() { awk -F: '/Maximum resident set size/ {printf "%.0f", $2/1024}' "$1"; }  # MB
rate() { sed -n 's/.*(\([0-9.]*\) docs\/s).*/\1/p' "$1"; }
cpu() { awk -F: '/User time|System time/ {s += $2} END {printf "%.1f", s}' "$1"; }  # CPU seconds

machine="$(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/Mem:/ {print $2}') GB, $(go version | cut -d' ' -f3)"
commit="$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- . || echo ' (with local changes)')"
echo "== machine: $machine, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== commit $commit, dir $DIR"
# report appends its arguments, one line each, to the Markdown report.
report() { if [ -n "$REPORT" ]; then printf '%s\n' "$@" >>"$REPORT"; fi; }
# block appends a file to the report as a block of text.
block() { report '```'; if [ -n "$REPORT" ]; then cat "$1" >>"$REPORT"; fi; report '```' ''; }
if [ -n "$REPORT" ]; then
  : >"$REPORT"
  report "# Scale benchmarks (written by scripts/bench-scale.sh)" "" \
    "Written $(date -u '+%Y-%m-%d %H:%M UTC') by \`SIZES=\"$SIZES\" RUNS=$RUNS RUNS_1M=$RUNS_1M ROUNDS=$ROUNDS scripts/bench-scale.sh\`$([ -n "${MARSAD_BENCH_POSTGRES:-}" ] && echo " with MARSAD_BENCH_POSTGRES (up to $PG_MAX documents)")." "" \
    "- machine: $machine; load average at the start $(cut -d' ' -f1-3 /proc/loadavg)" \
    "- commit: $commit" \
    "- corpus: \`marsad bench corpus --n N --seed 1\` grown from ../shared/corpus/ant and ../shared/corpus/morocco" \
    "" "docs/benchmarks.md (\"At scale\") explains the figures and compares them with the targets." ""
fi

first=1
for N in $SIZES; do
  C=$DIR/corpus-$N.jsonl
  echo
  echo "=== $N documents"
  "$M" bench corpus --n "$N" --seed 1 --out "$C" | tail -1
  if [ "$first" = 1 ] && [ "${EXTRACT:-1}" = 1 ]; then
    echo "== extraction, one core"
    "$M" bench extract --corpus "$C" --runs "$RUNS" | tail -n +2 | tee "$DIR/extract.out"
    report "## Extraction, one core ($N documents, median of $RUNS runs)" ""
    block "$DIR/extract.out"
    first=0
  fi
  runs=$RUNS
  [ "$N" -ge 1000000 ] && runs=$RUNS_1M
  DB=$DIR/marsad-$N.db
  echo "== marsad ingest into SQLite, $runs runs (docs/s, peak RSS MB, load before, CPU seconds)"
  for r in $(seq "$runs"); do
    rm -f "$DB" "$DB"-wal "$DB"-shm
    load=$(cut -d' ' -f1 /proc/loadavg)
    /usr/bin/time -v "$M" ingest --db "$DB" "$C" >"$DIR/ingest.out" 2>"$DIR/ingest.time" || { cat "$DIR/ingest.out" "$DIR/ingest.time" >&2; exit 1; }
    echo "$(rate "$DIR/ingest.out") $(rss "$DIR/ingest.time") $load $(cpu "$DIR/ingest.time")"
  done | tee "$DIR/sqlite.rates"
  echo "SQLite ingest median: $(cut -d' ' -f1 "$DIR/sqlite.rates" | median) docs/s, peak RSS median $(cut -d' ' -f2 "$DIR/sqlite.rates" | median) MB; $(tail -1 "$DIR/ingest.out")"
  echo "database: $(du -sm "$DB" | cut -f1) MB"
  report "## $N documents" "" "| measure | figure |" "| --- | --- |" \
    "| \`marsad ingest\` into SQLite, median of $runs | $(cut -d' ' -f1 "$DIR/sqlite.rates" | median) docs/s, peak RSS $(cut -d' ' -f2 "$DIR/sqlite.rates" | median) MB, $(cut -d' ' -f4 "$DIR/sqlite.rates" | median) CPU s |" \
    "| database | $(du -sm "$DB" | cut -f1) MB; $(tail -1 "$DIR/ingest.out" | sed 's/|/\\|/g') |"

  if [ -n "${MARSAD_BENCH_POSTGRES:-}" ] && [ "$N" -le "$PG_MAX" ]; then
    case "$MARSAD_BENCH_POSTGRES" in *\?*) PG="$MARSAD_BENCH_POSTGRES&search_path=marsad_scale" ;; *) PG="$MARSAD_BENCH_POSTGRES?search_path=marsad_scale" ;; esac
    echo "== marsad ingest into PostgreSQL, $runs runs (docs/s, peak RSS MB of marsad)"
    for r in $(seq "$runs"); do
      psql -q "$MARSAD_BENCH_POSTGRES" -c 'DROP SCHEMA IF EXISTS marsad_scale CASCADE' -c 'CREATE SCHEMA marsad_scale' >/dev/null 2>&1
      /usr/bin/time -v "$M" ingest --db "$PG" "$C" >"$DIR/ingest.out" 2>"$DIR/ingest.time" || { cat "$DIR/ingest.time" >&2; exit 1; }
      echo "$(rate "$DIR/ingest.out") $(rss "$DIR/ingest.time")"
    done | tee "$DIR/pg.rates"
    echo "PostgreSQL ingest median: $(cut -d' ' -f1 "$DIR/pg.rates" | median) docs/s"
    report "| \`marsad ingest\` into PostgreSQL, median of $runs | $(cut -d' ' -f1 "$DIR/pg.rates" | median) docs/s, peak RSS $(cut -d' ' -f2 "$DIR/pg.rates" | median) MB |"
    psql -q "$MARSAD_BENCH_POSTGRES" -c 'DROP SCHEMA IF EXISTS marsad_scale CASCADE' >/dev/null 2>&1
  fi

  for sys in fts5 bleve; do
    IX=$DIR/$sys-$N
    rm -rf "$IX"
    /usr/bin/time -v "$M" bench index --system "$sys" --corpus "$C" --out "$IX" >"$DIR/index.out" 2>"$DIR/index.time" || { cat "$DIR/index.time" >&2; exit 1; }
    line="$(tail -1 "$DIR/index.out"), peak RSS $(rss "$DIR/index.time") MB, $(cpu "$DIR/index.time") CPU s, $(du -sm "$IX" | cut -f1) MB on disk"
    echo "== $line"
    report "| baseline $sys, \`marsad bench index\` | $(printf '%s' "$line" | sed 's/|/\\|/g') |"
  done

  echo "== search"
  "$M" bench search --corpus "$C" --db "$DB" --fts5 "$DIR/fts5-$N" --bleve "$DIR/bleve-$N" --rounds "$ROUNDS" | tail -n +2 | tee "$DIR/search.out"
  report "" "Search (\`marsad bench search\`, $ROUNDS rounds):" ""
  block "$DIR/search.out"
  last_db=$DB
  rm -rf "$DIR/fts5-$N" "$DIR/bleve-$N" "$C"
done

echo
echo "== marsad serve on the $N-document database"
PORT=$(( 18000 + RANDOM % 1000 ))
"$M" user add --db "$last_db" --role viewer --password-stdin bench <<<"bench-password-$RANDOM$RANDOM" >/dev/null
TOKEN=$("$M" user token --db "$last_db" --name bench bench | tail -1)
"$M" user add --db "$last_db" --role analyst --password-stdin bench-poster <<<"bench-password-$RANDOM$RANDOM" >/dev/null
POSTER=$("$M" user token --db "$last_db" --name bench bench-poster | tail -1)
mem() { awk '/VmHWM|VmRSS/ {printf "%s%s %s kB", (n++ ? ", " : ""), $1, $2}' "/proc/$SERVE_PID/status"; }
"$M" serve --db "$last_db" --addr "127.0.0.1:$PORT" >"$DIR/serve.log" 2>&1 &
SERVE_PID=$!
for _ in $(seq 100); do curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break; sleep 0.2; done
echo "after start: $(grep -E 'VmRSS' /proc/$SERVE_PID/status | tr -s ' ')"
report "## marsad serve on the $N-document database" "" "Memory as /proc/PID/status gives it: VmHWM is the peak so far, VmRSS the resident size (kB of 1,024 bytes)." "" "| step | figure |" "| --- | --- |" \
  "| after start | $(mem) |"
search() { curl -s -o /dev/null --max-time "$1" -w '%{http_code} %{time_total}\n' -H "Authorization: Bearer $TOKEN" -G "http://127.0.0.1:$PORT/api/v1/search" --data-urlencode "q=$2"; }
# The first search builds the server's view of all events (resolution over the whole
# store): timed apart, and given SERVE_FIRST seconds at most.
first_search=$(search "${SERVE_FIRST:-180}" "خلية إرهابية")
echo "first search (status, seconds): $first_search"
echo "serve after the first search: $(grep -E 'VmHWM|VmRSS' /proc/$SERVE_PID/status | tr -s ' ' | tr '\n' ' ')"
report "| first search (status, seconds), while the view builds | $first_search |"
# The searches are timed once the view is built: while it builds, both cores resolve and
# a search may wait up to 2 s for it (then answers without cluster links).
for _ in $(seq 300); do grep -q 'view rebuilt' "$DIR/serve.log" && break; sleep 1; done
[ "${first_search%% *}" = 200 ] && for r in $(seq "$ROUNDS"); do
  for q in "خلية إرهابية" "الخلايا الإرهابية" "تفكيك خلية" "بتفكيك" "للإرهابيين" "المخدرات" "حجز أسلحة" "عناصر إرهابية" "الحرس الوطني" "القبض على أشخاص" "تهريب" "القصرين" "الإرهابيين" "بالمخدرات" "للأمن الوطني" "المهاجرين" "الأسلحة" "المهربين"; do
    search 30 "$q"
  done
done | awk '$1 == 200 {print $2}' | sort -n | awk '{a[NR]=$1} END {if (NR) printf "API search, %d answered requests: p50 %.1f ms, p95 %.1f ms\n", NR, a[int(NR*0.5)+1]*1000, a[int(NR*0.95)+1]*1000}' | tee "$DIR/api-search.out"
echo "view: $(grep -o 'view rebuilt.*' "$DIR/serve.log" | head -1)"
echo "serve after the searches: $(grep -E 'VmHWM|VmRSS' /proc/$SERVE_PID/status | tr -s ' ' | tr '\n' ' ')"
report "| searches through the API once the view is built | $(cat "$DIR/api-search.out") |" \
  "| the view | $(grep -o 'view rebuilt.*' "$DIR/serve.log" | head -1 | tr -d '"') |" \
  "| after the view and the searches | $(mem) |"
# Listings that read their events whole and large answers (a page of 200 contradictions,
# the balance by place), 4 clients at once, 10 rounds each.
CLIENTS=""
for c in 1 2 3 4; do
  (for i in $(seq 10); do
    for p in "api/v1/events?limit=500&offset=$((i*500))" "api/v1/clusters?limit=500&offset=$((i*500))" \
      "api/v1/contradictions?limit=200" "api/v1/entities?limit=200" "api/v1/events?type=arrest&limit=200" "api/v1/stats?by=year,type,place"; do
      curl -s -o /dev/null -w '%{http_code}\n' -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT/$p"
    done
  done) >"$DIR/listings-$c.txt" &
  CLIENTS="$CLIENTS $!"
done
wait $CLIENTS
echo "listings (count, status): $(cat "$DIR"/listings-*.txt | sort | uniq -c | tr -s ' ' | tr '\n' ' ')"
echo "serve at the end: $(grep -E 'VmHWM|VmRSS' /proc/$SERVE_PID/status | tr -s ' ' | tr '\n' ' ')"
report "| 4 clients, 240 listings (count, status) | $(cat "$DIR"/listings-*.txt | sort | uniq -c | tr -s ' ' | tr '\n' ' ') |" \
  "| after the listings | $(mem) |"
# A change: one document posted. The server rebuilds its view from the previous one's
# events while it still answers from the previous view. VmHWM is reset first (Linux:
# clear_refs 5) so that the peak read after is the rebuild's.
echo 5 >"/proc/$SERVE_PID/clear_refs" 2>/dev/null || echo "(VmHWM not reset: the peak below may be an earlier one)"
built=$(grep -c 'view rebuilt' "$DIR/serve.log")
post=$(curl -s -o /dev/null -w '%{http_code} %{time_total}' -H "Authorization: Bearer $POSTER" -H 'Content-Type: application/json' \
  --data "{\"id\": \"bench-rebuild-$RANDOM$RANDOM\", \"lang\": \"ar\", \"published\": \"2025-03-04\", \"text\": \"أعلن المكتب المركزي للأبحاث القضائية عن تفكيك خلية إرهابية بمدينة طنجة وتوقيف أربعة عناصر.\"}" \
  "http://127.0.0.1:$PORT/api/v1/documents")
curl -s -o /dev/null -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT/api/v1/stats"
for _ in $(seq 300); do [ "$(grep -c 'view rebuilt' "$DIR/serve.log")" -gt "$built" ] && break; sleep 1; done
sleep 2
echo "one document posted (status, seconds): $post; $(grep -o 'view rebuilt.*' "$DIR/serve.log" | tail -1)"
echo "serve after the rebuild: $(mem)"
report "| one document posted (status, seconds) | $post |" \
  "| the rebuild after it | $(grep -o 'view rebuilt.*' "$DIR/serve.log" | tail -1 | tr -d '"') |" \
  "| peak over the rebuild, and after | $(mem) |"
kill "$SERVE_PID"; wait "$SERVE_PID" 2>/dev/null || true; SERVE_PID=
