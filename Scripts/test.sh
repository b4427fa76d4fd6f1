#!/usr/bin/env bash
# The README's second command (and CI's): the whole test suite, built optimised because
# numeric code in debug builds is far too slow to test real kernels.
set -euo pipefail
cd "$(dirname "$0")/.."
Scripts/install-dependencies.sh
swift build -c release -Xswiftc -enable-testing --build-tests
swift test -c release -Xswiftc -enable-testing --skip-build "$@"
