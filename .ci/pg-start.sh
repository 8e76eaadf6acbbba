#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster on a local port and prints the connection string for
# the store tests. Usage: .ci/pg-start.sh [DIR] [PORT]. Runs initdb/pg_ctl as the postgres user
# when started as root (PostgreSQL refuses to run as root).
set -euo pipefail
dir="${1:-/tmp/ascribe-pg}"
port="${2:-55432}"
bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
if [ ! -f "$dir/PG_VERSION" ]; then
  mkdir -p "$dir"
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$dir"
  as_pg "$bin/initdb" -D "$dir" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
fi
port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
if as_pg "$bin/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
  # Already running from an earlier call: use the port it listens on (line 4 of postmaster.pid).
  port="$(sed -n 4p "$dir/postmaster.pid")"
else
  # Another server may hold the wanted port: take the next free one.
  while port_busy "$port"; do port=$((port + 1)); done
  as_pg "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" -w \
    -o "-p $port -k /tmp -c listen_addresses=127.0.0.1 -c max_connections=200" start >/dev/null
fi
as_pg "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname='ascribe_test'" | grep -q 1 \
  || as_pg "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres ascribe_test
echo "Host=127.0.0.1;Port=$port;Username=postgres;Database=ascribe_test"
