#!/usr/bin/env bash
# PostgreSQL with a streaming standby on loopback, for the fault tests and for trying failover on one machine,
# without systemd or Docker. It runs beside the single server of deploy/postgres.sh (55432).
#   deploy/postgres-standby.sh start       make the pair whole: create it if missing, start both servers, and rebuild
#                                          a server retired by `promote` as the standby of the new primary
#   deploy/postgres-standby.sh stop        stop both servers (their data stays)
#   deploy/postgres-standby.sh status      exit 0 when a primary runs and a standby streams from it synchronously
#   deploy/postgres-standby.sh restart [S] stop the primary, wait S seconds (default 3), start it again, wait for the standby
#   deploy/postgres-standby.sh promote     stop the primary at once (as a crash would) and promote the standby;
#                                          the old primary is retired until the next `start` rebuilds it as a standby
#   deploy/postgres-standby.sh primary     the port of the server that is primary now
#   deploy/postgres-standby.sh connection  the multi-host connection string the services take
#   deploy/postgres-standby.sh destroy     stop both and delete their data
# The two servers are 127.0.0.1:55442 and :55443 (data under $DIR/55442 and $DIR/55443); either may be the primary.
# Replication is synchronous (synchronous_standby_names = '*'): a commit returns only when the standby has the WAL, so a
# crashed primary loses no committed tally when the standby takes over. Idempotent.
set -euo pipefail

DIR="${SURVEY_PG_STANDBY_DIR:-/tmp/survey-postgres-standby}"
PORTS=(55442 55443)
PASSWORD="${SURVEY_PG_PASSWORD:-survey-local}"

# shellcheck source=deploy/postgres-bin.sh
source "$(dirname "$0")/postgres-bin.sh"
data() { echo "$DIR/$1/data"; }
exists() { [ -f "$(data "$1")/PG_VERSION" ]; }
running() { exists "$1" && as_pg "$BIN/pg_ctl" -D "$(data "$1")" status >/dev/null 2>&1; }
is_standby() { [ -f "$(data "$1")/standby.signal" ]; }
retired() { [ -f "$DIR/$1/retired" ]; }
sql() { local port=$1; shift; PGPASSWORD="$PASSWORD" "$BIN/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -XAtq -c "$@"; }
other() { [ "$1" = "${PORTS[0]}" ] && echo "${PORTS[1]}" || echo "${PORTS[0]}"; }

# The port of the primary: the server that is neither a standby nor retired.
primary() {
  for port in "${PORTS[@]}"; do
    if exists "$port" && ! is_standby "$port" && ! retired "$port"; then echo "$port"; return 0; fi
  done
  return 1
}

launch() {
  running "$1" && return 0
  as_pg "$BIN/pg_ctl" -D "$(data "$1")" -l "$DIR/$1/log" -w -t 60 \
    -o "-p $1 -k $DIR/$1 -c listen_addresses=127.0.0.1 -c max_connections=200" start >/dev/null
}

# A fresh standby of the primary on port $2 in $1's folder (pg_basebackup -R writes primary_conninfo and standby.signal).
build_standby() {
  local port=$1 from=$2
  as_pg "$BIN/pg_ctl" -D "$(data "$port")" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "${DIR:?}/$port"
  mkdir -p "$DIR/$port"
  chown postgres:postgres "$DIR/$port"
  runuser -u postgres -- env PGPASSWORD="$PASSWORD" "$BIN/pg_basebackup" -h 127.0.0.1 -p "$from" -U postgres \
    -D "$(data "$port")" -R -X stream --checkpoint=fast >/dev/null
  chmod 700 "$(data "$port")"
  launch "$port"
}

wait_streaming() {
  for _ in $(seq 1 60); do
    [ "$(sql "$1" "select count(*) from pg_stat_replication where state = 'streaming'")" -ge 1 ] && return 0
    sleep 0.5
  done
  return 1
}

# Commits on the primary wait for the standby from now on; waits until the standby streams.
make_synchronous() {
  local primary=$1
  wait_streaming "$primary" || true
  sql "$primary" "alter system set synchronous_standby_names = '*'"
  sql "$primary" "select pg_reload_conf()" >/dev/null
}

connection() {
  echo "Host=127.0.0.1:${PORTS[0]},127.0.0.1:${PORTS[1]};Username=postgres;Password=$PASSWORD;Database=postgres;Target Session Attributes=primary"
}

healthy() {
  local p; p="$(primary)" || return 1
  running "$p" && running "$(other "$p")" && is_standby "$(other "$p")" || return 1
  [ "$(sql "$p" "select count(*) from pg_stat_replication where state = 'streaming' and sync_state = 'sync'" 2>/dev/null)" = 1 ]
}

case "${1:-}" in
  start)
    mkdir -p "$DIR"
    if ! primary >/dev/null; then
      # Nothing yet (or nothing usable): a new primary on the first port.
      first="${PORTS[0]}"
      rm -rf "${DIR:?}/$first"
      mkdir -p "$DIR/$first"
      chown postgres:postgres "$DIR" "$DIR/$first"
      printf '%s\n' "$PASSWORD" > "$DIR/pw"
      chown postgres:postgres "$DIR/pw"
      # initdb's pg_hba.conf lets 127.0.0.1 connect for replication with the password (scram-sha-256).
      as_pg "$BIN/initdb" -D "$(data "$first")" -U postgres --pwfile="$DIR/pw" --auth=scram-sha-256 -E UTF8 \
        --locale=C.UTF-8 --no-sync >/dev/null
    fi
    p="$(primary)"
    launch "$p"
    s="$(other "$p")"
    if exists "$s" && is_standby "$s" && ! retired "$s"; then launch "$s"; else build_standby "$s" "$p"; fi
    make_synchronous "$p"
    healthy || { echo "postgres-standby: the standby on $s does not stream from $p; see $DIR/*/log" >&2; exit 1; }
    echo "postgres-standby: primary on $p, synchronous standby on $s; $(connection)"
    ;;
  stop)
    for port in "${PORTS[@]}"; do
      if running "$port"; then as_pg "$BIN/pg_ctl" -D "$(data "$port")" -m fast -w stop >/dev/null; fi
    done
    echo "postgres-standby: stopped"
    ;;
  status)
    if healthy; then echo "postgres-standby: primary on $(primary), standby streaming; $(connection)"
    else echo "postgres-standby: not running (or no streaming standby)"; exit 3; fi
    ;;
  restart)
    p="$(primary)"
    as_pg "$BIN/pg_ctl" -D "$(data "$p")" -m fast -w stop >/dev/null
    sleep "${2:-3}"
    launch "$p"
    # Commits wait for the standby, which reconnects within wal_retrieve_retry_interval (5 s).
    wait_streaming "$p" || true
    echo "postgres-standby: primary on $p restarted"
    ;;
  promote)
    p="$(primary)"
    s="$(other "$p")"
    is_standby "$s" && running "$s" || { echo "postgres-standby: no running standby to promote" >&2; exit 1; }
    as_pg "$BIN/pg_ctl" -D "$(data "$p")" -m immediate stop >/dev/null 2>&1 || true
    touch "$DIR/$p/retired"
    as_pg "$BIN/pg_ctl" -D "$(data "$s")" -w -t 60 promote >/dev/null
    # Alone now: its commits must not wait for a standby that is not there.
    sql "$s" "alter system set synchronous_standby_names = ''"
    sql "$s" "select pg_reload_conf()" >/dev/null
    echo "postgres-standby: $s promoted to primary; $p retired (the next start rebuilds it as a standby)"
    ;;
  primary)
    primary
    ;;
  connection)
    connection
    ;;
  destroy)
    for port in "${PORTS[@]}"; do
      if running "$port"; then as_pg "$BIN/pg_ctl" -D "$(data "$port")" -m immediate -w stop >/dev/null || true; fi
    done
    rm -rf "${DIR:?}"
    echo "postgres-standby: destroyed"
    ;;
  *)
    echo "usage: $0 start|stop|status|restart [S]|promote|primary|connection|destroy" >&2
    exit 2
    ;;
esac
