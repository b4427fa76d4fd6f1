#!/usr/bin/env bash
# Installs the Debian packages Belamy builds against, skipping any already present.
set -euo pipefail
command -v swift >/dev/null || { echo "error: swift is not on PATH (install the Swift toolchain from swift.org)" >&2; exit 1; }
packages=(libopenblas-dev libpng-dev libjpeg62-turbo-dev libsndfile1-dev zlib1g-dev)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing ${missing[*]}" >&2
  sudo=""
  if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null || { echo "error: installing ${missing[*]} needs root: run 'apt-get install ${missing[*]}' as root, then this again" >&2; exit 1; }
    sudo="sudo"
  fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi
