#!/usr/bin/env bash
# Crash safety: the durability test (tests/integration/durability_test.cc) with more rounds of
# back-office writes through HTTP, the server killed with SIGKILL at a random moment and
# restarted on the same SQLite database each round. Prints its summary line ("durability:
# rounds=… writes_acknowledged=… writes_lost=…"); fails when an acknowledged write was lost, the
# integrity check or the audit chain failed. Usage: bench/durability_bench.sh [BUILD_DIR]
# (ROUNDS=100 by default).
set -euo pipefail
build=${1:-build/release}
cd "$(dirname "$0")/.."
cd "$build"
out=$(TREMPLIN_DURABILITY_ROUNDS=${ROUNDS:-100} ctest -R '^DurabilityCrash\.' --timeout 1200 -V 2>&1) || {
  echo "$out" | tail -60
  exit 1
}
grep -o 'durability: .*' <<<"$out"
