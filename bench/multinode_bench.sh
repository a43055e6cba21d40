#!/usr/bin/env bash
# Several nodes and the write path, on this one machine (everything shares its cores):
#  1. the search API through nginx with one and with two `tremplin serve` nodes over one
#     PostgreSQL, next to one node answering wrk directly;
#  2. course edits (PATCH /api/v1/courses/{id} on random courses of the demo) on one node over
#     SQLite and over PostgreSQL.
# Usage: bench/multinode_bench.sh PATH/TO/tremplin   (DURATION=10s by default)
set -euo pipefail
bin=$(realpath "${1:?usage: multinode_bench.sh path/to/tremplin}")
cd "$(dirname "$0")/.."
for tool in wrk nginx; do
  command -v "$tool" >/dev/null || [ -x "/usr/sbin/$tool" ] || { echo "$tool is missing: run scripts/install-deps.sh"; exit 1; }
done
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)
duration=${DURATION:-10s}
token=$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')
dir=$(mktemp -d)
chmod 755 "$dir"
pids=()
pgfolder=
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  [ -n "$pgfolder" ] && scripts/start-postgres.sh stop "$pgfolder" >/dev/null 2>&1
  rm -rf "$dir"
}
trap cleanup EXIT

"$bin" geo build --out "$dir/coords.csv" 2>/dev/null
eval "$(scripts/start-postgres.sh start)"
pgfolder=$PGFOLDER
pg_url=$DATABASE_URL
sqlite_url="sqlite:$dir/db"
"$bin" --database "$pg_url" --communes-csv "$dir/coords.csv" seed --demo 2>/dev/null
"$bin" --database "$sqlite_url" --communes-csv "$dir/coords.csv" seed --demo 2>/dev/null

# wrk is one client at thousands of requests a second: the per-client rate limit is off.
printf '[limits]\nrequests_per_second = 0\n' >"$dir/tremplin.toml"
start_node() {  # name database → sets $port
  TREMPLIN_API_TOKEN=$token "$bin" --config "$dir/tremplin.toml" --database "$2" --communes-csv "$dir/coords.csv" serve --port 0 \
    --threads 2 2>"$dir/$1.log" &
  pids+=($!)
  for _ in $(seq 200); do grep -q "serving on" "$dir/$1.log" && break; sleep 0.1; done
  port=$(sed -n 's|.*serving on http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$dir/$1.log")
  [ -n "$port" ] || { cat "$dir/$1.log"; exit 1; }
}

start_nginx() {  # name port... → sets $proxy_port
  local name=$1; shift
  local conf="$dir/$name"
  mkdir -p "$conf"
  proxy_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  {
    [ "$(id -u)" = 0 ] && echo "user root;"
    echo "worker_processes 1; pid $conf/nginx.pid; error_log $conf/error.log;"
    echo "events { worker_connections 1024; }"
    echo "http { access_log off;"
    echo "  client_body_temp_path $conf/body; proxy_temp_path $conf/proxy;"
    echo "  fastcgi_temp_path $conf/fastcgi; uwsgi_temp_path $conf/uwsgi; scgi_temp_path $conf/scgi;"
    echo "  upstream tremplin {"
    for p in "$@"; do echo "    server 127.0.0.1:$p;"; done
    echo "    keepalive 32; }"
    echo "  server { listen 127.0.0.1:$proxy_port;"
    echo "    location / { proxy_pass http://tremplin; proxy_http_version 1.1;"
    echo "      proxy_set_header Connection \"\"; proxy_next_upstream error timeout http_502; } } }"
  } >"$conf/nginx.conf"
  "$nginx_bin" -p "$conf" -c "$conf/nginx.conf" -g 'daemon off;' 2>"$conf/stderr" &
  pids+=($!)
  for _ in $(seq 50); do curl -sf "http://127.0.0.1:$proxy_port/healthz" >/dev/null && return; sleep 0.1; done
  cat "$conf/stderr" "$conf/error.log"; exit 1
}

search="/api/v1/courses?q=developpeur&where=59350"
measure() {  # label url [wrk options...]
  local label=$1 url=$2 out rps p99 errors
  shift 2
  out=$(wrk -t2 -c64 -d"$duration" --latency "$@" "$url")
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  errors=$(awk '/Non-2xx/ {print $NF}' <<<"$out")
  printf '%-44s %10s req/s   p99 %-9s non-2xx %s\n' "$label" "$rps" "$p99" "${errors:-0}"
}

echo "wrk -t2 -c64 -d$duration; nodes with 2 threads each; nginx 1 worker; demo catalogue; $(nproc) cores shared by all"
echo "-- search API: $search"
start_node a "$pg_url"; port_a=$port
start_node b "$pg_url"; port_b=$port
measure "one node, direct (PostgreSQL)" "http://127.0.0.1:$port_a$search"
start_nginx one "$port_a"
measure "nginx -> one node" "http://127.0.0.1:$proxy_port$search"
start_nginx two "$port_a" "$port_b"
measure "nginx -> two nodes (round robin)" "http://127.0.0.1:$proxy_port$search"

echo "-- course edits: PATCH /api/v1/courses/{random 1..500}, a new title each time"
cat >"$dir/patch.lua" <<LUA
wrk.method = "PATCH"
wrk.headers["Authorization"] = "Bearer $token"
wrk.headers["Content-Type"] = "application/json"
local n = 0
request = function()
  n = n + 1
  local id = math.random(1, 500)
  return wrk.format(nil, "/api/v1/courses/" .. id, nil,
                    '{"title":"Développeur web, édition ' .. n .. '"}')
end
LUA
start_node sqlite "$sqlite_url"
measure "edits, one node, SQLite (WAL, synchronous=NORMAL)" "http://127.0.0.1:$port" -s "$dir/patch.lua"
measure "edits, one node, PostgreSQL (fsync on)" "http://127.0.0.1:$port_a" -s "$dir/patch.lua"
measure "edits through nginx, two nodes, PostgreSQL" "http://127.0.0.1:$proxy_port" -s "$dir/patch.lua"
