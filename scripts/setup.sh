#!/usr/bin/env bash
# Installs the Debian packages costtop needs, only those missing: zlib headers (gzip, CRC-32),
# ncurses (the explorer), tmux (end-to-end terminal tests), python3 (the reconciliation oracle).
set -euo pipefail
needed=()
for package in zlib1g-dev libncurses-dev tmux python3; do
  dpkg -s "$package" >/dev/null 2>&1 || needed+=("$package")
done
if [ ${#needed[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update
  $sudo apt-get install -y "${needed[@]}"
fi
