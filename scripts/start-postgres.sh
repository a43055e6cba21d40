#!/usr/bin/env bash
# A throwaway PostgreSQL cluster (tests, benchmarks, trying the PostgreSQL backend): created in
# a temporary folder, listening on a free port of the loopback interface only, with one
# database "tremplin" owned by the role "tremplin" (trust authentication: never expose it).
#
#   scripts/start-postgres.sh start [--no-fsync]   prints three lines for `eval` or a file:
#       PGFOLDER=/tmp/tremplin-postgres-XXXXXX
#       PGPORT=54321
#       DATABASE_URL=postgresql://tremplin@127.0.0.1:54321/tremplin
#   scripts/start-postgres.sh restart FOLDER        stops (fast) and starts it again, same port
#   scripts/start-postgres.sh stop FOLDER           stops it and deletes the folder
#
# --no-fsync trades crash safety for speed (test suites); the default keeps PostgreSQL's.
# As root, the server runs as the "postgres" account (PostgreSQL refuses to run as root).
set -euo pipefail

die() { echo "start-postgres: $*" >&2; exit 1; }

bin_dir() {
  if [[ -n "${PG_BINDIR:-}" ]]; then echo "$PG_BINDIR"; return; fi
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5 -n | tail -1)
  [[ -x "$dir/initdb" && -x "$dir/pg_ctl" ]] ||
    die "PostgreSQL server binaries not found: run scripts/install-deps.sh (postgresql-15)"
  echo "$dir"
}

# Runs a command as the cluster's owner.
as_owner() {
  if [[ $EUID -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# Whether something listens on 127.0.0.1:$1.
port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Refuses to touch a folder this script did not make.
check_folder() {
  [[ -n "${1:-}" && -f "$1/.tremplin-postgres" ]] || die "not a cluster folder made by this script: ${1:-(none)}"
}

start() {
  local fsync=on
  [[ "${1:-}" == "--no-fsync" ]] && fsync=off
  local bin folder
  bin=$(bin_dir)
  folder=$(mktemp -d "${TMPDIR:-/tmp}/tremplin-postgres-XXXXXX")
  touch "$folder/.tremplin-postgres"
  [[ $EUID -eq 0 ]] && chown postgres: "$folder"
  as_owner "$bin/initdb" -D "$folder/data" -U tremplin --auth=trust --encoding=UTF8 \
    --locale=C.UTF-8 --no-sync >"$folder/initdb.log" 2>&1 ||
    die "initdb failed: $(tail -5 "$folder/initdb.log")"
  cat >>"$folder/data/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
unix_socket_directories = '$folder'
fsync = $fsync
max_connections = 200
EOF
  # Another program may take the port between the check and the start: then try another.
  local port="" attempt
  for attempt in 1 2 3 4 5; do
    port=$((20000 + RANDOM % 40000))
    port_busy "$port" && continue
    if as_owner "$bin/pg_ctl" start -w -t 60 -D "$folder/data" -l "$folder/server.log" \
        -o "-p $port" >"$folder/pg_ctl.log" 2>&1; then
      break
    fi
    port=""
  done
  [[ -n "$port" ]] || die "the server did not start: $(tail -5 "$folder/server.log" 2>/dev/null)"
  echo "$port" >"$folder/port"
  as_owner "$bin/createdb" -h 127.0.0.1 -p "$port" -U tremplin tremplin ||
    die "createdb failed"
  echo "PGFOLDER=$folder"
  echo "PGPORT=$port"
  echo "DATABASE_URL=postgresql://tremplin@127.0.0.1:$port/tremplin"
}

restart() {
  check_folder "${1:-}"
  local bin port
  bin=$(bin_dir)
  port=$(cat "$1/port")
  as_owner "$bin/pg_ctl" restart -w -t 60 -m fast -D "$1/data" -l "$1/server.log" \
    -o "-p $port" >>"$1/pg_ctl.log" 2>&1 || die "restart failed: $(tail -5 "$1/server.log")"
}

stop() {
  check_folder "${1:-}"
  local bin
  bin=$(bin_dir)
  if [[ -f "$1/data/postmaster.pid" ]]; then
    as_owner "$bin/pg_ctl" stop -w -t 60 -m fast -D "$1/data" >>"$1/pg_ctl.log" 2>&1 || true
  fi
  rm -rf "$1"
}

case "${1:-}" in
  start) shift; start "$@" ;;
  restart) shift; restart "$@" ;;
  stop) shift; stop "$@" ;;
  *) die "usage: $0 start [--no-fsync] | restart FOLDER | stop FOLDER" ;;
esac
