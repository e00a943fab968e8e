#!/usr/bin/env bash
# Builds and runs costtop's libFuzzer harnesses (docs/reliability.md, "Fuzzing").
#
#   scripts/fuzz.sh NAME MINUTES [-- extra libFuzzer flags]   fuzz one target
#   scripts/fuzz.sh --smoke [SECONDS]                          every target briefly (default 20 s each)
#   scripts/fuzz.sh --build NAME                               only build Fuzz/.build/NAME
#   scripts/fuzz.sh --list                                     the targets
#
# Why swiftc and not SwiftPM: a harness needs the *internal* parsers (`@testable import`), so the
# modules are compiled with -enable-testing, and libFuzzer supplies `main`, so the harness cannot be
# an ordinary executable target of Package.swift (it would break `swift build`). The script compiles
# each library module once with `swiftc -sanitize=fuzzer,address` (C with clang's
# -fsanitize=fuzzer-no-link,address) into Fuzz/.build/modules, rebuilding a module only when one
# of its sources changed, then links a harness against them. Outputs stay out of git.
#
# Adding a target: write Fuzz/Harnesses/NAME.swift (a function marked
# `@_cdecl("LLVMFuzzerTestOneInput")`) and add one line to TARGETS below.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

# name | seed generators (shell functions seeds_KIND below, run with the corpus folder)
TARGETS=(
  "csv|csv"
  "gzip|gzip"
  "cache|builtin"
  "decimal|builtin decimal"
  "timestamp|builtin timestamp"
  "tags|builtin tags"
  "jsonl|builtin"
  "parquet|parquet"
)

# Library modules every harness links, in dependency order (Swift ones; CSVScan is C).
MODULES=(ByteStreams CostModel CostCache Parquet CostIngest CostEngine)
# COSTTOP_FUZZ_BUILD moves the outputs (to time a build from scratch beside a running fuzzer).
build="${COSTTOP_FUZZ_BUILD:-$root/Fuzz/.build}"
samples="$root/../shared/samples"

die() { echo "fuzz.sh: $*" >&2; exit 64; }

target_line() {
  local line
  for line in "${TARGETS[@]}"; do
    [ "${line%%|*}" = "$1" ] && { echo "$line"; return; }
  done
  die "unknown target '$1' (targets: $(names))"
}
names() { local line; for line in "${TARGETS[@]}"; do printf '%s ' "${line%%|*}"; done; }

# True when $1 is missing or older than any file after it.
stale() {
  local output=$1; shift
  [ -e "$output" ] || return 0
  [ -n "$(find "$@" -type f -newer "$output" -print -quit)" ]
}

# MARK: - Build

build_modules() {
  mkdir -p "$build/modules/CSVScan"
  # The C record parser, instrumented too: the csv fuzzer's coverage is mostly in it.
  local scan="$build/modules/CSVScan.o"
  if stale "$scan" Sources/CSVScan; then
    echo "fuzz.sh: compiling CSVScan" >&2
    clang -O1 -g -fsanitize=fuzzer-no-link,address -ISources/CSVScan/include \
      -c Sources/CSVScan/csvscan.c -o "$scan"
  fi
  printf 'module CSVScan {\n  header "%s"\n  export *\n}\n' "$root/Sources/CSVScan/include/csvscan.h" \
    > "$build/modules/CSVScan/module.modulemap.new"
  if cmp -s "$build/modules/CSVScan/module.modulemap.new" "$build/modules/CSVScan/module.modulemap"; then
    rm "$build/modules/CSVScan/module.modulemap.new"
  else
    mv "$build/modules/CSVScan/module.modulemap.new" "$build/modules/CSVScan/module.modulemap"
  fi
  local module previous=()
  for module in "${MODULES[@]}"; do
    local object="$build/modules/$module.o"
    # A module is rebuilt when its sources or a module it imports changed.
    if stale "$object" "Sources/$module" "${previous[@]/#/$build/modules/}"; then
      echo "fuzz.sh: compiling $module" >&2
      mapfile -t sources < <(find "Sources/$module" -name '*.swift' | sort)
      # -O keeps preconditions, overflow traps and exclusivity checks (only -Ounchecked drops them).
      swiftc -O -g -wmo -parse-as-library -enable-testing -sanitize=fuzzer,address \
        -swift-version 6 -module-name "$module" \
        -I "$build/modules" -I Sources/CZlib -I Sources/CSnappy -I Sources/CZstd -I Sources/CLZ4 -I "$build/modules/CSVScan" \
        -emit-module -emit-module-path "$build/modules/$module.swiftmodule" \
        -c "${sources[@]}" -o "$object"
      # swiftc leaves an output it would write unchanged untouched; mark the module as checked.
      touch "$object"
    fi
    previous+=("$module.o")
  done
}

build_harness() {
  local name=$1
  target_line "$name" >/dev/null
  [ -f "Fuzz/Harnesses/$name.swift" ] || die "no harness Fuzz/Harnesses/$name.swift"
  build_modules
  local binary="$build/$name"
  if stale "$binary" "Fuzz/Harnesses/$name.swift" Fuzz/Support "$build/modules"; then
    echo "fuzz.sh: linking $name" >&2
    local objects=("$build/modules/CSVScan.o")
    local module
    for module in "${MODULES[@]}"; do objects+=("$build/modules/$module.o"); done
    swiftc -O -g -parse-as-library -sanitize=fuzzer,address -swift-version 6 -module-name "Fuzz_$name" \
      -I "$build/modules" -I Sources/CZlib -I Sources/CSnappy -I Sources/CZstd -I Sources/CLZ4 -I "$build/modules/CSVScan" \
      -use-ld=lld "Fuzz/Harnesses/$name.swift" Fuzz/Support/*.swift "${objects[@]}" -lz -lsnappy -lzstd -llz4 -o "$binary"
  fi
}

# MARK: - Seed corpora (kept out of git; regenerated when missing)

# Heads of the sample exports (header + a few hundred lines) and every csv-spectrum case.
seeds_csv() {
  local dir=$1 file index=0
  for file in $(find sample-data -name '*.csv.gz' | sort); do
    index=$((index + 1))
    gzip -dc "$file" | head -c 4000 > "$dir/sample-$index.csv" || true
    gzip -dc "$file" | head -n 3 > "$dir/sample-$index-short.csv" || true
  done
  if [ -d "$samples/csv-spectrum/csvs" ]; then
    for file in "$samples"/csv-spectrum/csvs/*.csv; do cp "$file" "$dir/spectrum-$(basename "$file")"; done
  fi
}

# Small gzip files: one member, several members, an empty member, trailing zeros and garbage.
seeds_gzip() {
  local dir=$1 file
  file=$(find sample-data -name '*.csv.gz' | sort | head -n 1)
  gzip -dc "$file" | head -c 4000 > "$dir/plain.txt" || true
  gzip -9 -c "$dir/plain.txt" > "$dir/one.gz"
  gzip -1 -c "$dir/plain.txt" > "$dir/fast.gz"
  printf 'a,b\n1,2\n' | gzip -c > "$dir/tiny.gz"
  { gzip -c < "$dir/plain.txt"; printf 'x\n' | gzip -c; } > "$dir/two-members.gz"
  { printf '' | gzip -c; printf 'y\n' | gzip -c; } > "$dir/empty-member.gz"
  { printf 'z\n' | gzip -c; printf '\0\0\0\0'; } > "$dir/trailing-zeros.gz"
  { printf 'z\n' | gzip -c; printf 'garbage'; } > "$dir/trailing-garbage.gz"
  rm "$dir/plain.txt"
}

# Field values of one column of the sample exports, one file each (a few dozen distinct ones).
sample_column() {
  local dir=$1 pattern=$2 file
  file=$(find sample-data/aws-cur -name '*.csv.gz' | sort | head -n 1)
  gzip -dc "$file" | head -n 2000 | python3 -c '
import csv, sys, re
rows = csv.reader(sys.stdin)
header = next(rows)
columns = [i for i, name in enumerate(header) if re.search(sys.argv[1], name)]
seen = set()
for row in rows:
    for i in columns:
        if i < len(row) and row[i] and row[i] not in seen and len(seen) < 60:
            seen.add(row[i])
            open(f"{sys.argv[2]}/sample-{len(seen)}", "w").write(row[i])
' "$pattern" "$dir" || true  # head closes the pipe early on purpose
}
seeds_decimal() { sample_column "$1" 'Cost|Rate|Amount|Quantity'; }
seeds_timestamp() { sample_column "$1" 'Date|Period|Time'; }
seeds_tags() {
  local file
  file=$(find sample-data/focus -name '*.csv.gz' | sort | head -n 1)
  gzip -dc "$file" | head -n 2000 | python3 -c '
import csv, sys
rows = csv.DictReader(sys.stdin)
seen = set()
for row in rows:
    value = row.get("Tags", "")
    if value and value not in seen and len(seen) < 60:
        seen.add(value)
        open(f"{sys.argv[1]}/sample-{len(seen)}", "w").write(value)
' "$1" || true
}
# Parquet files up to 64 KiB (larger ones mutate slowly and add no code paths): Apache's
# parquet-testing (data/ and bad_data/) and the files the tests write with pyarrow and DuckDB
# (every codec, encoding and page version), when pyarrow and duckdb are installed.
seeds_parquet() {
  local dir=$1
  if [ -d "$samples/parquet-testing" ]; then
    find "$samples/parquet-testing/data" "$samples/parquet-testing/bad_data" -name '*.parquet' -size -64k \
      -exec cp -n {} "$dir/" \;
  fi
  if python3 -c "import pyarrow, duckdb" 2>/dev/null; then
    PARQUET_FIXTURE_SCALE=0.05 python3 scripts/parquet_fixtures.py generate "$build/parquet-generated" >/dev/null || true
    find "$build/parquet-generated" -name '*.parquet' -size -64k -exec cp -n {} "$dir/" \; 2>/dev/null || true
  fi
}
# The harness writes its own seeds (hand-written edge cases, caches from CacheWriter) when
# COSTTOP_FUZZ_SEEDS names a folder.
seeds_builtin() { COSTTOP_FUZZ_SEEDS="$1" "$build/$2" -runs=0 >/dev/null 2>&1 || true; }

make_seeds() {
  local name=$1 dir="$build/seeds/$1"
  [ -d "$dir" ] && [ -n "$(ls -A "$dir")" ] && return
  mkdir -p "$dir"
  local kind line
  line=$(target_line "$name")
  for kind in ${line#*|}; do "seeds_$kind" "$dir" "$name"; done
  echo "fuzz.sh: $(ls "$dir" | wc -l) seeds in $dir" >&2
}

# MARK: - Run

# Runs target $1 for $2 seconds with extra libFuzzer flags after; the log goes to Fuzz/.build/logs.
run_target() {
  local name=$1 seconds=$2; shift 2
  build_harness "$name"
  make_seeds "$name"
  local corpus="$build/corpus/$name" artifacts="$build/artifacts/$name/" log
  mkdir -p "$corpus" "$artifacts" "$build/logs"
  log="$build/logs/$name-$(date +%Y%m%d-%H%M%S).log"
  echo "fuzz.sh: fuzzing $name for $seconds s (log $log)" >&2
  local status=0
  # Swift's own crash handler reads the stack in a way AddressSanitizer reports as a second error;
  # libFuzzer's report of the first one is all that is needed.
  export SWIFT_BACKTRACE=enable=no
  # New inputs go to the first folder (the growing corpus), the seeds are read only.
  # -rss_limit_mb: ASan's shadow memory counts too; -timeout: a hang is a finding.
  "$build/$name" "$corpus" "$build/seeds/$name" -max_total_time="$seconds" -timeout=10 \
    -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 -artifact_prefix="$artifacts" "$@" \
    > "$log" 2>&1 || status=$?
  grep -E '^(stat::|Done|#[0-9]+ +DONE)' "$log" | sed "s/^/$name: /" >&2 || true
  if [ "$status" -ne 0 ]; then
    echo "fuzz.sh: $name FAILED (exit $status); crashing input in $artifacts, see $log" >&2
    grep -E 'ERROR|Fatal error|SUMMARY|Test unit written' "$log" | head -n 5 >&2 || true
  fi
  return "$status"
}

case "${1:-}" in
  --list) names; echo ;;
  --build) [ $# -eq 2 ] || die "usage: scripts/fuzz.sh --build NAME"; build_harness "$2" ;;
  --smoke)
    seconds=${2:-20}
    failed=()
    for line in "${TARGETS[@]}"; do
      run_target "${line%%|*}" "$seconds" || failed+=("${line%%|*}")
    done
    [ ${#failed[@]} -eq 0 ] || { echo "fuzz.sh: smoke run failed: ${failed[*]}" >&2; exit 1; }
    ;;
  ""|-h|--help) sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
  *)
    [ $# -ge 2 ] || die "usage: scripts/fuzz.sh NAME MINUTES [-- libFuzzer flags]"
    name=$1 minutes=$2; shift 2
    [ "${1:-}" = "--" ] && shift
    [[ "$minutes" =~ ^[1-9][0-9]*$ ]] || die "MINUTES must be a whole number above 0"
    run_target "$name" $((minutes * 60)) "$@"
    ;;
esac
