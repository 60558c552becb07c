#!/usr/bin/env bash
# Writes cmd/marsad/default.pgo, the CPU profile the Go compiler uses to optimize the
# marsad binary (profile-guided optimization: `go build` reads default.pgo from the main
# package's folder on its own). The profile is of extraction, the work that dominates
# `marsad extract` and `marsad ingest`: BenchmarkExtract over the ANT corpus, 30 passes on
# one core. It holds function names and sample counts, no text of the corpus.
#
#   scripts/pgo-profile.sh          # needs ../shared (or MARSAD_SHARED)
#
# Rerun it after large changes to the extraction code: a stale profile still builds, it
# only guides less well (docs/benchmarks.md, "Seventh round"). Tests and benchmarks of
# internal/extract are built without it unless given -pgo (go test -pgo=auto only reads
# the folder of a main package): scripts/bench-instructions.sh passes it.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
SHARED=${MARSAD_SHARED:-$ROOT/../shared}
if [ ! -f "$SHARED/corpus/ant/ant-v1.1.jsonl" ]; then
  echo "pgo-profile: $SHARED/corpus/ant/ant-v1.1.jsonl not found; set MARSAD_SHARED to the shared data folder" >&2
  exit 1
fi
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"' EXIT
# built without a profile, so that the new one does not depend on the old one's choices
go test -pgo=off -c -o "$DIR/extract.test" ./internal/extract
(cd internal/extract && MARSAD_SHARED=$SHARED "$DIR/extract.test" -test.run '^$' -test.bench 'BenchmarkExtract$' \
  -test.benchtime 30x -test.cpu 1 -test.cpuprofile "$DIR/cpu.pprof" | grep Benchmark)
cp "$DIR/cpu.pprof" cmd/marsad/default.pgo
echo "pgo-profile: wrote cmd/marsad/default.pgo ($(wc -c <cmd/marsad/default.pgo) bytes)"
