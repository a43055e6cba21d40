#!/usr/bin/env bash
# Soak: the real server under steady load for a long time, on loopback, with wrk and a mix of
# pages and API calls (bench/soak.lua). First measures the capacity of the mix, then runs at
# half of it for SOAK_MINUTES (10 by default) in SEGMENT_SECONDS slices (30 by default),
# printing per slice: requests, errors (socket errors and non-2xx/3xx answers), p99 latency and
# the server's resident memory (VmRSS); at the end the memory growth from the first slice.
# Usage: bench/soak.sh PATH/TO/tremplin
set -euo pipefail
bin=${1:?usage: soak.sh path/to/tremplin}
minutes=${SOAK_MINUTES:-10}
segment=${SEGMENT_SECONDS:-30}
connections=16
cd "$(dirname "$0")/.."
for tool in wrk curl; do command -v $tool >/dev/null || { echo "$tool is missing: run scripts/install-deps.sh"; exit 1; }; done
dir=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; rm -rf "$dir"' EXIT
"$bin" geo build --out "$dir/coords.csv" 2>/dev/null
"$bin" --database "sqlite:$dir/db" --communes-csv "$dir/coords.csv" seed --demo 2>/dev/null
# wrk is one client: the per-client rate limit is off.
printf '[limits]\nrequests_per_second = 0\n' >"$dir/tremplin.toml"
"$bin" --config "$dir/tremplin.toml" --database "sqlite:$dir/db" --communes-csv "$dir/coords.csv" \
  serve --port 0 --threads 2 2>"$dir/log" &
pid=$!
for _ in $(seq 100); do grep -q "serving on" "$dir/log" && break; sleep 0.1; done
port=$(sed -n 's|.*serving on http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$dir/log")
base="http://127.0.0.1:$port"
course=$(curl -s "$base/api/v1/courses?per_page=1" | grep -o '"id":[0-9]*' | head -1 | cut -d: -f2)
organisation=$(curl -s "$base/api/v1/courses?per_page=1" | grep -o '"organisation":{"id":[0-9]*' | head -1 | grep -o '[0-9]*$')
paths=("/formations?q=developpeur&where=59350" "/api/v1/courses?q=developpeur&where=59350"
       "/api/v1/courses?q=data&per_page=50" "/api/v1/places?q=lil" "/" "/formations?q=cybersecurite"
       "/formations/$course" "/api/v1/courses/$course" "/organismes/$organisation" "/healthz")
rss_kb() { awk '/^VmRSS/ {print $2}' "/proc/$pid/status"; }
# "requests errors p99" of one wrk run.
summary() {
  awk '/requests in/ {req=$1}
       /Socket errors/ {for (i=1;i<=NF;i++) if ($i ~ /^[0-9]+,?$/) {gsub(",","",$i); err+=$i}}
       /Non-2xx or 3xx/ {err+=$NF}
       $1 == "99%" {p99=$2}
       END {printf "%s %d %s\n", req, err, p99}'
}

out=$(wrk -t2 -c$connections -d10s --latency -s bench/soak.lua "$base" -- 0 $connections "${paths[@]}")
capacity=$(awk '/Requests\/sec/ {printf "%d", $2}' <<<"$out")
rate=$((capacity / 2))
echo "soak: capacity of the mix $capacity req/s (wrk -t2 -c$connections, server with 2 threads, demo catalogue); running at $rate req/s for $minutes min"
printf '%8s %10s %8s %10s %10s\n' "minute" "requests" "errors" "p99" "RSS (MiB)"
slices=$((minutes * 60 / segment))
total_errors=0 total_requests=0 first_rss=""
for i in $(seq "$slices"); do
  read -r requests errors p99 < <(wrk -t2 -c$connections -d${segment}s --latency -s bench/soak.lua "$base" \
    -- "$rate" $connections "${paths[@]}" | summary)
  rss=$(rss_kb)
  [ -n "$first_rss" ] || first_rss=$rss
  total_errors=$((total_errors + errors)) total_requests=$((total_requests + requests))
  printf '%8.1f %10s %8s %10s %10.1f\n' "$(echo "$i * $segment / 60" | bc -l)" "$requests" "$errors" "$p99" "$(echo "$rss / 1024" | bc -l)"
done
growth=$(echo "scale=2; 100 * ($rss - $first_rss) / $first_rss" | bc -l)
echo "soak: minutes=$minutes requests=$total_requests errors=$total_errors rss_first_slice_kib=$first_rss rss_end_kib=$rss growth_percent=$growth"
