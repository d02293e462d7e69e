#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the test suite, on a loopback port and a socket in a
# temp dir. Installs Debian's postgresql when it is missing (root only).
#
#   eval "$(bash scripts/pg-test-cluster.sh start)"   # exports CASTLIST_TEST_DATABASE_URL, CASTLIST_TEST_PG_DIR
#   bash scripts/pg-test-cluster.sh stop "$CASTLIST_TEST_PG_DIR"
#
# `start` prints only the export lines on stdout; progress and errors go to stderr.
# initdb refuses to run as root, so as root the cluster belongs to the `postgres` user
# that Debian's package creates. Durability is switched off (fsync, synchronous_commit):
# the data is thrown away, and the suite spends its time on our code, not on disk flushes.
set -euo pipefail

find_bindir() {
  local dir
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then echo "$dir"; return 0; fi
  done
  if command -v pg_ctl >/dev/null && command -v initdb >/dev/null; then
    dirname "$(command -v pg_ctl)"; return 0
  fi
  return 1
}

install_postgres() {
  if [ "$(id -u)" != "0" ]; then
    echo "pg-test-cluster: PostgreSQL is not installed and we are not root to apt-get it" >&2
    return 1
  fi
  echo "pg-test-cluster: installing Debian's postgresql" >&2
  apt-get update -qq >&2
  # policy-rc.d 101: the package must not start its own 'main' cluster; ours is separate.
  local policy=/usr/sbin/policy-rc.d created=""
  if [ ! -e "$policy" ]; then printf '#!/bin/sh\nexit 101\n' > "$policy"; chmod +x "$policy"; created=1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  if [ -n "$created" ]; then rm -f "$policy"; fi
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

as_owner() {
  if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start() {
  local bindir dir port
  bindir="$(find_bindir)" || { install_postgres && bindir="$(find_bindir)"; } || {
    echo "pg-test-cluster: no PostgreSQL server binaries found" >&2; return 1; }
  dir="$(mktemp -d /tmp/castlist-pg.XXXXXX)"
  chmod 755 "$dir"
  if [ "$(id -u)" = "0" ]; then
    id postgres >/dev/null 2>&1 || { echo "pg-test-cluster: no 'postgres' user to own the cluster" >&2; return 1; }
    chown postgres: "$dir"
  fi
  port="$(free_port)"
  as_owner "$bindir/initdb" -D "$dir/data" -U castlist -A trust -E UTF8 --locale=C.UTF-8 --no-sync >"$dir/initdb.log" 2>&1 || {
    cat "$dir/initdb.log" >&2; return 1; }
  as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start \
    -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" >&2 || {
    cat "$dir/server.log" >&2; return 1; }
  "$bindir/createdb" -h 127.0.0.1 -p "$port" -U castlist castlist >&2
  echo "pg-test-cluster: PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (data in $dir)" >&2
  echo "export CASTLIST_TEST_DATABASE_URL=postgresql+psycopg://castlist@127.0.0.1:$port/castlist"
  echo "export CASTLIST_TEST_PG_DIR=$dir"
}

stop() {
  local dir="${1:?usage: pg-test-cluster.sh stop DIR}" bindir
  bindir="$(find_bindir)"
  if [ -d "$dir/data" ]; then
    as_owner "$bindir/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  case "$dir" in /tmp/castlist-pg.*) rm -rf "$dir" ;; esac
}

case "${1:-}" in
  start) start ;;
  stop) stop "${2:-}" ;;
  *) echo "usage: $0 start | stop DIR" >&2; exit 2 ;;
esac
