#!/usr/bin/env bash
# Builds the libFuzzer harness of the Parquet decoder (Sources/Parquet + scripts/fuzz/ParquetFuzzEntry.swift,
# with AddressSanitizer) and runs it on a seed corpus of the parquet-testing files.
#
#   scripts/fuzz-parquet.sh [SECONDS]     build, seed, fuzz for SECONDS (default 1800)
#   scripts/fuzz-parquet.sh build         build only
#   scripts/fuzz-parquet.sh FILE...       replay inputs (e.g. a crash-* file) once each
#
# Everything generated lives in .build/fuzz/ (ignored by git): the binary, corpus/, crash-*, the log.
set -euo pipefail
cd "$(dirname "$0")/.."
out=.build/fuzz
mkdir -p "$out/corpus" "$out/artifacts"
binary="$out/parquet-fuzz"

build() {
  rm -f "$binary"  # a failed build must not leave an older harness to run
  # -sanitize=fuzzer links libFuzzer's main; address catches out-of-bounds reads Swift's checks would not
  # (the C codecs); -O keeps overflow and bounds checks but runs many more inputs per second.
  swiftc -O -sanitize=fuzzer,address -parse-as-library -module-name Parquet \
    -I Sources/CZlib -I Sources/CSnappy -I Sources/CZstd -I Sources/CLZ4 \
    $(find Sources/Parquet -name '*.swift' | sort) scripts/fuzz/ParquetFuzzEntry.swift \
    -o "$binary" 2>&1 | grep -v "Cannot export local symbol" || true
  [ -x "$binary" ]
}

seed() {
  samples=../shared/samples/parquet-testing
  # Seeds up to 64 KiB: larger files mutate slowly and add no new code paths.
  if [ -d "$samples" ]; then
    find "$samples/data" "$samples/bad_data" -name '*.parquet' -size -64k -exec cp -n {} "$out/corpus/" \;
  fi
  # The files the tests write with pyarrow and DuckDB (every codec, encoding and page version).
  if [ ! -d "$out/generated" ] && python3 -c "import pyarrow, duckdb" 2>/dev/null; then
    PARQUET_FIXTURE_SCALE=0.05 python3 scripts/parquet_fixtures.py generate "$out/generated" >/dev/null
  fi
  if [ -d "$out/generated" ]; then
    find "$out/generated" -name '*.parquet' -size -64k -exec cp -n {} "$out/corpus/" \;
  fi
}

if [ "${1:-}" = build ]; then build; exit 0; fi
if [ $# -gt 0 ] && [ -f "$1" ]; then build; "$binary" -runs=1 "$@"; exit 0; fi
seconds="${1:-1800}"
build
seed
# -timeout reports any input taking over 10 s as a hang; -rss_limit_mb bounds memory per input.
"$binary" "$out/corpus" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
  -artifact_prefix="$out/artifacts/" -print_final_stats=1 2>&1 | tee "$out/fuzz.log" | grep -E "DONE|ERROR|SUMMARY|crash-|leak-|timeout-|Test unit written" || true
