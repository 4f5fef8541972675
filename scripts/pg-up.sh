#!/usr/bin/env bash
# Starts a throwaway PostgreSQL on 127.0.0.1 for the state-store tests (installs it first if the machine has
# none); safe to re-run. Prints the connection string of an empty "sfbridge" database owned by role sfbridge.
# Autovacuum is off: the tests drop their databases, and a vacuum worker holding one makes the drop fail.
#   PGPORT (default 55432) and SFBRIDGE_PG_DIR (default $TMPDIR/sfbridge-pg) choose port and data folder.
set -euo pipefail
port="${PGPORT:-55432}"
dir="${SFBRIDGE_PG_DIR:-${TMPDIR:-/tmp}/sfbridge-pg}"
bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)"
if [ -z "$bin" ] || [ ! -x "$bin/pg_ctl" ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >/dev/null && apt-get install -y -q postgresql >/dev/null
  bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
fi
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
mkdir -p "$dir"
[ "$(id -u)" = 0 ] && chown postgres:postgres "$dir"
if [ ! -s "$dir/data/PG_VERSION" ]; then
  rm -rf "$dir/data"
  as_pg "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
fi
if ! as_pg "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
  as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200 -c autovacuum=off" start >/dev/null
fi
psql_pg() { as_pg psql -h 127.0.0.1 -p "$port" -U postgres -v ON_ERROR_STOP=1 -qtA "$@"; }
psql_pg -c "SELECT 1 FROM pg_roles WHERE rolname = 'sfbridge'" | grep -q 1 || psql_pg -c "CREATE ROLE sfbridge LOGIN CREATEDB PASSWORD 'sfbridge'" >/dev/null
psql_pg -c "SELECT 1 FROM pg_database WHERE datname = 'sfbridge'" | grep -q 1 || psql_pg -c "CREATE DATABASE sfbridge OWNER sfbridge" >/dev/null
echo "Host=127.0.0.1;Port=$port;Database=sfbridge;Username=sfbridge;Password=sfbridge"
