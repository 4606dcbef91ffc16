# Sourced by deploy/postgres.sh and deploy/postgres-standby.sh: sets BIN to PostgreSQL's binaries (15 when present, else
# the newest installed), installing Debian's postgresql first when there is none, and as_pg to run as the postgres user.
find_bin() {
  if [ -x /usr/lib/postgresql/15/bin/pg_ctl ]; then echo /usr/lib/postgresql/15/bin; return; fi
  local found; found=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
  [ -n "$found" ] && echo "$found"
}
BIN="$(find_bin || true)"
if [ -z "$BIN" ]; then
  echo "$(basename "$0" .sh): installing PostgreSQL from Debian's packages"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  BIN="$(find_bin)"
fi
as_pg() { runuser -u postgres -- "$@"; }
