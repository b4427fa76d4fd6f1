#!/usr/bin/env bash
# The README's first command: install what is missing, build optimised, run the main job.
set -euo pipefail
cd "$(dirname "$0")/.."
Scripts/install-dependencies.sh
swift build -c release --product belamy
.build/release/belamy demo "$@"
