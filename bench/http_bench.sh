#!/usr/bin/env bash
# HTTP throughput of the real server on the demo catalogue, with wrk on the same machine
# (server and load generator share the cores). Usage: bench/http_bench.sh PATH/TO/tremplin
set -euo pipefail
bin=${1:?usage: http_bench.sh path/to/tremplin}
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { echo "wrk is missing: run scripts/install-deps.sh"; exit 1; }
dir=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; rm -rf "$dir"' EXIT
"$bin" geo build --out "$dir/coords.csv" 2>/dev/null
"$bin" --database "sqlite:$dir/db" --communes-csv "$dir/coords.csv" seed --demo 2>/dev/null
# wrk is one client at thousands of requests a second: the per-client rate limit is off.
printf '[server]\ncompression_level = 1\n[limits]\nrequests_per_second = 0\n' >"$dir/tremplin.toml"
"$bin" --config "$dir/tremplin.toml" --database "sqlite:$dir/db" --communes-csv "$dir/coords.csv" serve --port 0 2>"$dir/log" &
pid=$!
for _ in $(seq 100); do grep -q "serving on" "$dir/log" && break; sleep 0.1; done
port=$(sed -n 's|.*serving on http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$dir/log")
base="http://127.0.0.1:$port"
run() {  # name path [wrk options]
  local out rps p99
  out=$(wrk -t2 -c64 -d"${DURATION:-10s}" --latency "${@:3}" "$base$2")
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  printf '%-28s %10s req/s   p99 %s\n' "$1" "$rps" "$p99"
}
echo "wrk -t2 -c64 -d${DURATION:-10s}, server with 2 threads, demo catalogue"
run "/healthz" "/healthz"
run "API search (text + place)" "/api/v1/courses?q=developpeur&where=59350"
run "API search (all France)" "/api/v1/courses"
run "results page (HTML)" "/formations?q=developpeur&where=59350"
# What browsers get ([server] compression_level = 1, the default): the same page in gzip.
run "results page, gzip" "/formations?q=developpeur&where=59350" -H "Accept-Encoding: gzip"
run "API search, gzip" "/api/v1/courses?q=developpeur&where=59350" -H "Accept-Encoding: gzip"
run "place autocomplete" "/api/v1/places?q=lil"
