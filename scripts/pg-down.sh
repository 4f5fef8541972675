#!/usr/bin/env bash
# Stops the throwaway PostgreSQL that scripts/pg-up.sh started in $SFBRIDGE_PG_DIR and deletes its files.
bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
dir="${SFBRIDGE_PG_DIR:?SFBRIDGE_PG_DIR must name the folder of the server to stop}"
if [ -n "$bin" ] && [ -d "$dir/data" ]; then
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1
  else "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1; fi
fi
rm -rf "$dir"
