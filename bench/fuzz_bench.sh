#!/usr/bin/env bash
# Runs every libFuzzer target of fuzz/ for SECONDS each (JOBS at once) on a fresh copy of its
# seed corpus, then prints per target the executions, executions per second, coverage (cov:
# edges, ft: features, from libFuzzer's last status line), corpus size and crashes, and a
# "fuzz:" summary line. Exits 1 when any target crashed, leaked, timed out or ran out of memory;
# the input that did it is in BUILD_DIR/fuzz/artifacts/<target>/ (add it to fuzz/corpus/<target>/
# and to a unit test once fixed).
#   bench/fuzz_bench.sh [BUILD_DIR=build/fuzz] [SECONDS=60]   (JOBS=2 in the environment;
#   TARGETS="http_request_fuzz place_fuzz" runs only those)
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${1:-build/fuzz}
seconds=${2:-60}
jobs=${JOBS:-2}
work="$build_dir/fuzz/bench"
rm -rf "$work"
mkdir -p "$work"

targets=()
if [ -n "${TARGETS:-}" ]; then
  read -r -a targets <<< "$TARGETS"
else
  for source in fuzz/*_fuzz.cc; do targets+=("$(basename "$source" .cc)"); done
fi

run() {
  local target=$1 corpus="$work/$1" artifacts="$build_dir/fuzz/artifacts/$1/"
  mkdir -p "$corpus" "$artifacts"
  cp fuzz/corpus/"$target"/* "$corpus"/
  local status=0
  "$build_dir/fuzz/$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix="$artifacts" "$corpus" > "$work/$target.log" 2>&1 || status=$?
  echo "$status" > "$work/$target.status"
}

echo "fuzz: ${#targets[@]} targets, ${seconds} s each, ${jobs} at once"
for target in "${targets[@]}"; do
  while (($(jobs -rp | wc -l) >= jobs)); do wait -n || true; done
  run "$target" &
done
wait

printf '%-24s %14s %10s %8s %8s %8s %8s\n' target executions exec/s cov ft corpus crashes
total_execs=0
total_crashes=0
for target in "${targets[@]}"; do
  log="$work/$target.log"
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  last=$(grep -E '^#[0-9]+' "$log" | grep ' cov: ' | tail -1 || true)
  cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<< "$last")
  ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<< "$last")
  corpus=$(sed -n 's/.* corp: \([0-9]*\).*/\1/p' <<< "$last")
  crashes=0
  [ "$(cat "$work/$target.status")" = 0 ] || crashes=1
  printf '%-24s %14s %10s %8s %8s %8s %8s\n' "$target" "${execs:-?}" "${rate:-?}" "${cov:-?}" \
    "${ft:-?}" "${corpus:-?}" "$crashes"
  if ((crashes)); then
    grep -E 'ERROR: |runtime error|Test unit written' "$log" | head -5 | sed 's/^/    /'
  fi
  total_execs=$((total_execs + ${execs:-0}))
  total_crashes=$((total_crashes + crashes))
done
echo "fuzz: targets=${#targets[@]} seconds=$seconds executions=$total_execs crashes=$total_crashes"
((total_crashes == 0))
