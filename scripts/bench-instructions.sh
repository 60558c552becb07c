#!/usr/bin/env bash
# Counts the instructions extraction executes over one pass of the ANT corpus, for the
# working tree and for any revisions named, so that two versions of the code can be
# compared on a machine whose speed drifts (docs/benchmarks.md, "Fifth round": the same
# binary ran at 8.6–13.3 MB/s within minutes) and whose hardware counters `perf` cannot
# read (a VM).
#
#   scripts/bench-instructions.sh              # the working tree
#   scripts/bench-instructions.sh 2a2deba      # a revision, then the working tree
#
# It runs `BenchmarkExtract` once (-benchtime 1x, one core) under valgrind's callgrind,
# counting only what runs inside extract.(*Extractor).Extract, with the collector off
# (GOGC=off: the count does not then depend on when collections fall; two runs of the same
# binary differ by about 0.05%, from the maps' random hash seeds) and asynchronous
# preemption off (callgrind cannot follow Go's preemption signals). Each revision is built
# with the working tree's internal/extract/bench_test.go, so that all are measured the
# same way, and with the revision's profile for the compiler (cmd/marsad/default.pgo, as
# `go build ./cmd/marsad` uses it; none where the revision has none). A pass takes about a minute and a half; it needs valgrind (Debian: apt-get
# install valgrind) and ../shared (or MARSAD_SHARED).
#
# For each version it prints the instructions of the pass, per byte of text, and the
# functions that execute the most (their own instructions, callees apart).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
SHARED=${MARSAD_SHARED:-$ROOT/../shared}
export MARSAD_SHARED=$SHARED
TOP=${TOP:-15}
if ! command -v valgrind >/dev/null; then
  echo "bench-instructions: valgrind not found; install it (Debian: apt-get install valgrind)" >&2
  exit 1
fi
if [ ! -f "$SHARED/corpus/ant/ant-v1.1.jsonl" ]; then
  echo "bench-instructions: $SHARED/corpus/ant/ant-v1.1.jsonl not found; set MARSAD_SHARED to the shared data folder" >&2
  exit 1
fi
DIR=$(mktemp -d)
cleanup() {
  for wt in "$DIR"/wt-*; do
    [ -d "$wt" ] && git -C "$ROOT" worktree remove --force "$wt" >/dev/null 2>&1
  done
  git -C "$ROOT" worktree prune
  rm -rf "$DIR"
}
trap cleanup EXIT

# count NAME SRC: builds the extract test binary of the tree SRC and counts one pass
count() {
  local name=$1 src=$2
  # built with the profile the marsad binary is built with, where the tree has one
  local pgo=off
  [ -f "$src/cmd/marsad/default.pgo" ] && pgo="$src/cmd/marsad/default.pgo"
  (cd "$src" && go test -pgo="$pgo" -c -o "$DIR/$name.test" ./internal/extract)
  (cd "$ROOT/internal/extract" && GOGC=off GODEBUG=asyncpreemptoff=1 valgrind --tool=callgrind \
    --toggle-collect='marsad/internal/extract.(*Extractor).Extract' \
    --callgrind-out-file="$DIR/$name.out" \
    "$DIR/$name.test" -test.run '^$' -test.bench 'BenchmarkExtract$' -test.benchtime 1x -test.cpu 1 \
    >"$DIR/$name.log" 2>&1) || { cat "$DIR/$name.log" >&2; exit 1; }
  local ins bytes
  ins=$(sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$DIR/$name.log")
  bytes=$(sed -n 's/.* \([0-9]*\) bytes\/pass.*/\1/p' "$DIR/$name.log")
  echo "== $name: $ins instructions in one pass over $bytes bytes: $(awk -v i="$ins" -v b="$bytes" 'BEGIN {printf "%.1f", i/b}') per byte"
  callgrind_annotate --show-percs=no "$DIR/$name.out" 2>/dev/null |
    sed -n '/file:function/,$p' | sed -n "3,$((TOP + 2))p" |
    sed -E 's/ \[[^]]*\]$//; s|/usr/local/go/src/||; s|'"$ROOT"'/||; s|'"$DIR"'/wt-[^/]*/||'
}

for rev in "$@"; do
  wt="$DIR/wt-$rev"
  git worktree add --detach "$wt" "$rev" >/dev/null 2>&1
  cp internal/extract/bench_test.go "$wt/internal/extract/bench_test.go"
  count "$rev" "$wt"
done
count "working-tree" "$ROOT"
