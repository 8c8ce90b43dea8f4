#!/usr/bin/env bash
# Configures and builds samspel (Release) into build/: by default only the program, which is all
# `samspel run` needs; `scripts/build.sh all` builds the tests and benchmarks too (what
# scripts/test.sh does).
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:-samspel}
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j "$(nproc)" --target "$target"
