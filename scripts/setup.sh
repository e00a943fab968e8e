#!/usr/bin/env bash
# Installs the Debian packages costtop needs, only those missing: zlib headers (gzip, CRC-32),
# ncurses (the explorer), tmux (end-to-end terminal tests), python3 (the reconciliation oracle),
# snappy, zstd and lz4 headers (Parquet codecs), chromium (renders `costtop report --format html` to
# PNG in the report tests), a Java runtime (Spark, for the roll-up SQL test); then pyarrow and
# DuckDB from PyPI, which write the Parquet files the decoder's tests compare against, pyspark,
# which runs the Spark roll-up SQL in local mode, and sqlglot, which checks the grammar of the
# roll-up SQL for engines not at hand (docs/rollup.md).
set -euo pipefail
needed=()
for package in zlib1g-dev libncurses-dev tmux python3 python3-pip libsnappy-dev libzstd-dev liblz4-dev chromium; do
  dpkg -s "$package" >/dev/null 2>&1 || needed+=("$package")
done
# Any Java 17 or later will do for pyspark; install Debian's default only when there is none.
command -v java >/dev/null 2>&1 || needed+=(default-jre-headless)
if [ ${#needed[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update
  $sudo apt-get install -y "${needed[@]}"
fi
if ! python3 -c "import pyarrow, duckdb, pyspark, sqlglot" >/dev/null 2>&1; then
  # Debian marks its Python as externally managed; these are test tools, not system packages.
  python3 -m pip install --quiet pyarrow duckdb pyspark sqlglot 2>/dev/null \
    || python3 -m pip install --quiet --break-system-packages pyarrow duckdb pyspark sqlglot
fi
