#!/usr/bin/env bash
# Builds one libFuzzer target from the package's sources with swiftc (SwiftPM cannot build
# fuzzers) and runs it for a fixed time under AddressSanitizer.
#
#   Scripts/fuzz.sh TARGET [SECONDS]      TARGET: safetensors png jpeg abc midi poems options
#   Scripts/fuzz.sh TARGET --build        build only
#   Scripts/fuzz.sh TARGET FILE…          run the target once on each file (reproduce a crash)
#
# The entry points are Tests/Fuzz/<Target>Fuzzing.swift (with a token dictionary where one helps). Everything the fuzzer makes (objects,
# executables, the growing corpus, crashing inputs) lives in $BELAMY_FUZZ_DIR (default
# /tmp/belamy-fuzz), never in the repository. A crash or hang leaves `crash-…`/`timeout-…`/`oom-…`
# files in $BELAMY_FUZZ_DIR/artifacts/TARGET/; turn each into a regression test under Tests/.
# Runs at `nice 15`: fuzzing should not slow down anything else on the machine.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
work=${BELAMY_FUZZ_DIR:-/tmp/belamy-fuzz}
target=${1:?usage: Scripts/fuzz.sh safetensors|png|jpeg|abc|midi|poems|options [SECONDS|--build|FILE…]}
shift
build=$work/build
mkdir -p "$build"
# Lazily initialised Swift globals (and the runtime's metadata caches) live until exit, which
# LeakSanitizer reports as leaks; reading files must not crash or hang, leaks are not the question.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0}
# libFuzzer and ASan print the crash (as "Swift runtime failure: …" and a stack); Swift's own
# backtracer cannot stop the sanitizer's threads and leaves its helper process waiting.
export SWIFT_BACKTRACE=${SWIFT_BACKTRACE:-enable=no}

# Instrumented, optimised code: preconditions and overflow checks stay on (-O keeps them).
swift_flags=(-O -g -sanitize=fuzzer,address -parse-as-library -use-ld=lld -I "$build"
    -Xcc -fmodule-map-file="$root/Sources/CBLAS/module.modulemap"
    -Xcc -fmodule-map-file="$root/Sources/CPNG/module.modulemap"
    -Xcc -fmodule-map-file="$root/Sources/CJPEG/module.modulemap"
    -Xcc -fmodule-map-file="$root/Sources/CSndFile/module.modulemap"
    -Xcc -fmodule-map-file="$build/CJPEGDecoder/module.modulemap"
    -module-cache-path "$build/ModuleCache")

# True when $1 is missing or older than any file under the folders that follow.
stale() {
    local product=$1; shift
    [[ ! -e $product ]] || [[ -n $(find "$@" -newer "$product" -type f -print -quit) ]]
}

# A static library and module for Sources/$1, rebuilt when its sources change.
build_module() {
    local module=$1
    if stale "$build/lib$module.a" "$root/Sources/$module"; then
        echo "fuzz.sh: building $module" >&2
        local sources
        mapfile -t sources < <(find "$root/Sources/$module" -name '*.swift' | sort)
        nice -n 15 swiftc "${swift_flags[@]}" -module-name "$module" -emit-module \
            -emit-module-path "$build/$module.swiftmodule" -emit-library -static \
            -o "$build/lib$module.a" "${sources[@]}"
    fi
}

# Our C wrapper around libjpeg, compiled with the same instrumentation, and its module map.
build_jpeg_decoder() {
    mkdir -p "$build/CJPEGDecoder"
    printf 'module CJPEGDecoder {\n    header "%s"\n    export *\n}\n' \
        "$root/Sources/CJPEGDecoder/include/jpeg_decoder.h" > "$build/CJPEGDecoder/module.modulemap"
    if stale "$build/jpeg_decoder.o" "$root/Sources/CJPEGDecoder"; then
        echo "fuzz.sh: building CJPEGDecoder" >&2
        nice -n 15 clang -O1 -g -fsanitize=fuzzer-no-link,address -I "$root/Sources/CJPEGDecoder/include" \
            -c "$root/Sources/CJPEGDecoder/jpeg_decoder.c" -o "$build/jpeg_decoder.o"
    fi
}

build_media() {
    build_jpeg_decoder
    build_module AtomicWrite
    build_module Media
    media_link=(-L "$build" -lMedia -lAtomicWrite "$build/jpeg_decoder.o" -lpng16 -ljpeg -lsndfile)
}

build_poetry() {
    build_module AtomicWrite
    build_module NeuralCore
    build_module Poetry
    poetry_link=(-L "$build" -lPoetry -lNeuralCore -lAtomicWrite -lopenblas)
}

# Per target: the entry point, what it links, extra sources compiled into it, its seeds.
build_jpeg_decoder
extra_sources=()
max_length=8192
seeds=$work/seeds/$target
rm -rf "$seeds" && mkdir -p "$seeds"
case $target in
safetensors)
    entry=SafeTensorsFuzzing
    build_module AtomicWrite; build_module NeuralCore
    link=(-L "$build" -lNeuralCore -lAtomicWrite -lopenblas)
    cp "$root"/Tests/NeuralCoreTests/Fixtures/*.safetensors "$seeds"/
    max_length=32768 ;;
png)
    entry=PNGFuzzing; build_media; link=("${media_link[@]}")
    cp "$root"/Tests/MediaTests/Fixtures/Images/*.png "$seeds"/ ;;
jpeg)
    entry=JPEGFuzzing; build_media; link=("${media_link[@]}")
    cp "$root"/Tests/MediaTests/Fixtures/Images/*.jpg "$seeds"/ ;;
abc)
    entry=ABCFuzzing; build_media; link=("${media_link[@]}"); dictionary_file=ABC.dict
    cp "$root"/Tests/MediaTests/Fixtures/abc/*.abc "$seeds"/
    cp "$root"/Tests/MelodyTests/Fixtures/tunes.abc "$seeds"/ ;;
midi)
    entry=MIDIFuzzing; build_media; link=("${media_link[@]}"); dictionary_file=MIDI.dict
    cp "$root"/Tests/MediaTests/Fixtures/midi/*.mid "$seeds"/ ;;
poems)
    entry=PoemCorpusFuzzing; build_poetry; link=("${poetry_link[@]}")
    # No poem fixtures are committed; the first lines of the shipped corpora serve instead.
    for file in "$root"/Corpora/poems/*.txt; do
        [[ -e $file ]] && head -c 2000 "$file" > "$seeds/$(basename "$file")"
    done
    printf 'first line\nsecond line\n\nanother poem\n' > "$seeds/plain.txt" ;;
options)
    entry=OptionsFuzzing; link=()
    # The belamy executable's types are internal: its argument parser is compiled into the fuzzer.
    extra_sources=("$root"/Sources/belamy/CommandLine/{ParsedOptions,OptionSpecification,Errors}.swift)
    # Arguments are NUL-separated, as in argv.
    printf 'rose\0--count\0003\0--seed=42\0-q' > "$seeds/keywords"
    printf -- '--text\0a.txt\0--text\0b.txt\0--steps\0-5\0--\0--json' > "$seeds/repeated" ;;
*)
    echo "fuzz.sh: unknown target '$target' (safetensors png jpeg abc midi poems options)" >&2; exit 2 ;;
esac

executable=$build/fuzz-$target
if stale "$executable" "$root/Tests/Fuzz" "${extra_sources[@]:-$root/Tests/Fuzz}" || \
   [[ -n $(find "$build" -maxdepth 1 -name '*.a' -newer "$executable" -print -quit) ]]; then
    echo "fuzz.sh: linking $executable" >&2
    nice -n 15 swiftc "${swift_flags[@]}" -module-name "${entry}" "$root/Tests/Fuzz/$entry.swift" \
        "${extra_sources[@]}" "${link[@]}" -o "$executable"
fi

[[ ${1:-} == --build ]] && exit 0
if [[ -e ${1:-} ]]; then
    exec "$executable" -rss_limit_mb=2048 -timeout=10 "$@"
fi

seconds=${1:-600}
corpus=$work/corpus/$target
artifacts=$work/artifacts/$target
mkdir -p "$corpus" "$artifacts"
dictionary=()
[[ -n ${dictionary_file:-} ]] && dictionary=(-dict="$root/Tests/Fuzz/$dictionary_file")
exec nice -n 15 "$executable" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 \
    -max_len="$max_length" -print_final_stats=1 "${dictionary[@]}" \
    -artifact_prefix="$artifacts/" "$corpus" "$seeds"
