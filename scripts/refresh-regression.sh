#!/usr/bin/env bash
# Rewrites the stored expected results of the regression test (tests/cli/regression_test.cpp).
# Run it only when a change to the model's results is intended, and say so in the commit.
set -euo pipefail
cd "$(dirname "$0")/.."
./build/samspel run tests/regression/scenario.toml --threads 2 --out tests/regression/expected >/dev/null
rm -f tests/regression/expected/provenance.json  # holds the command line and revision
echo "refreshed tests/regression/expected"
