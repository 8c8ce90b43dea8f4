#!/usr/bin/env bash
# Builds samspel and runs the whole test suite (what CI runs, see .ci/run): first the Release
# build in build/, then the suite again built with AddressSanitizer and UndefinedBehaviorSanitizer
# in build-san/, where any report of either fails the test that caused it. The slow statistical
# tests (label validation) and the browser tests run in the Release build only: under the
# sanitizers they would take most of CI's time and check no more memory. The tests under mpirun
# (studies and sensitivity analyses across MPI ranks) run in the Release build only: under
# mpirun, LeakSanitizer reports memory that OpenMPI's plugins keep, which it cannot name once
# they are unloaded (so no suppression by library applies); it is not samspel's code.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/build.sh all
ctest --test-dir build --output-on-failure -j2

cmake -S . -B build-san -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1" \
  -DSAMSPEL_SANITIZE=ON -DSAMSPEL_BUILD_BENCHMARKS=OFF >/dev/null
cmake --build build-san -j "$(nproc)"
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
export LSAN_OPTIONS="suppressions=$PWD/tests/sanitizer/lsan.supp:print_suppressions=0"
ctest --test-dir build-san --output-on-failure -j2 -LE 'validation|browser' -E 'ThreeMpiRanks|UnderMpi'
