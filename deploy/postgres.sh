#!/usr/bin/env bash
# A throwaway PostgreSQL cluster on loopback for local runs and tests, without systemd or Docker.
#   deploy/postgres.sh start   create the cluster if missing (in $SURVEY_PG_DIR), start it, wait until ready
#   deploy/postgres.sh stop    stop it
#   deploy/postgres.sh status
# Prints the connection string on start. Idempotent.
set -euo pipefail

PORT="${SURVEY_PG_PORT:-55432}"
DIR="${SURVEY_PG_DIR:-/tmp/survey-postgres-$PORT}"
PASSWORD="${SURVEY_PG_PASSWORD:-survey-local}"

# shellcheck source=deploy/postgres-bin.sh
source "$(dirname "$0")/postgres-bin.sh"
connection() { echo "Host=127.0.0.1;Port=$PORT;Username=postgres;Password=$PASSWORD;Database=postgres"; }

case "${1:-}" in
  start)
    if [ ! -f "$DIR/data/PG_VERSION" ]; then
      mkdir -p "$DIR"
      chown postgres:postgres "$DIR"
      printf '%s\n' "$PASSWORD" > "$DIR/pw"
      chown postgres:postgres "$DIR/pw"
      as_pg "$BIN/initdb" -D "$DIR/data" -U postgres --pwfile="$DIR/pw" --auth=scram-sha-256 -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null
    fi
    if as_pg "$BIN/pg_ctl" -D "$DIR/data" status >/dev/null 2>&1; then
      echo "postgres: already running; $(connection)"
      exit 0
    fi
    as_pg "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/log" -w -t 60 \
      -o "-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c max_connections=200" start >/dev/null
    echo "postgres: running; $(connection)"
    ;;
  stop)
    if [ -f "$DIR/data/PG_VERSION" ] && as_pg "$BIN/pg_ctl" -D "$DIR/data" status >/dev/null 2>&1; then
      as_pg "$BIN/pg_ctl" -D "$DIR/data" -m fast -w stop >/dev/null
    fi
    echo "postgres: stopped"
    ;;
  status)
    if [ -f "$DIR/data/PG_VERSION" ] && as_pg "$BIN/pg_ctl" -D "$DIR/data" status >/dev/null 2>&1; then
      echo "postgres: running; $(connection)"
    else
      echo "postgres: not running"; exit 3
    fi
    ;;
  connection)
    connection
    ;;
  *)
    echo "usage: $0 start|stop|status|connection" >&2
    exit 2
    ;;
esac
