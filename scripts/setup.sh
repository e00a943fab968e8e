#!/usr/bin/env bash
# Installs the Debian packages costtop needs, only those missing: zlib headers (gzip, CRC-32),
# ncurses (the explorer), tmux (end-to-end terminal tests), python3 (the reconciliation oracle),
# snappy, zstd and lz4 headers (Parquet codecs), chromium (renders `costtop report --format html` to
# PNG in the report tests); then pyarrow and DuckDB from PyPI, which write the
# Parquet files the decoder's tests compare against.
set -euo pipefail
needed=()
for package in zlib1g-dev libncurses-dev tmux python3 python3-pip libsnappy-dev libzstd-dev liblz4-dev chromium; do
  dpkg -s "$package" >/dev/null 2>&1 || needed+=("$package")
done
if [ ${#needed[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update
  $sudo apt-get install -y "${needed[@]}"
fi
if ! python3 -c "import pyarrow, duckdb" >/dev/null 2>&1; then
  # Debian marks its Python as externally managed; these are test tools, not system packages.
  python3 -m pip install --quiet pyarrow duckdb 2>/dev/null \
    || python3 -m pip install --quiet --break-system-packages pyarrow duckdb
fi
