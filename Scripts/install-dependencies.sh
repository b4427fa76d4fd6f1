#!/usr/bin/env bash
# Installs the Debian packages Belamy builds against, skipping any already present.
set -euo pipefail
packages=(libopenblas-dev libpng-dev libjpeg62-turbo-dev libsndfile1-dev zlib1g-dev)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing ${missing[*]}" >&2
  sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi
command -v swift >/dev/null || { echo "error: swift is not on PATH (install the Swift toolchain from swift.org)" >&2; exit 1; }
