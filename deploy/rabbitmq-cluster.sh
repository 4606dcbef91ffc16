#!/usr/bin/env bash
# A three-node RabbitMQ cluster on loopback, for the fault tests and for trying the scale-out layout on one
# machine, without systemd or Docker. It runs beside the single node of deploy/rabbitmq.sh (5672).
#   deploy/rabbitmq-cluster.sh start             install rabbitmq-server if missing, start rc1..rc3, join rc2 and rc3 to rc1
#   deploy/rabbitmq-cluster.sh stop              stop the three nodes (their data stays until the next start)
#   deploy/rabbitmq-cluster.sh status            exit 0 when all three nodes run and form one cluster
#   deploy/rabbitmq-cluster.sh kill N            kill node N's Erlang VM at once, as a crash would
#   deploy/rabbitmq-cluster.sh restart N         start node N again; it rejoins the cluster by itself
#   deploy/rabbitmq-cluster.sh leader VHOST QUEUE   the node that leads a quorum queue (e.g. rc2@host)
#   deploy/rabbitmq-cluster.sh nodes             one line per node: N, node name, AMQP address
#   deploy/rabbitmq-cluster.sh uri [VHOST]       the amqp:// URI of node 1 (guest, loopback only)
# Node N is rcN@$(hostname): AMQP on 127.0.0.1:568N, Erlang distribution on 2568N, data under $DIR/rcN.
# The nodes share the Erlang cookie of the rabbitmq user, as the default node does. Idempotent.
set -euo pipefail

DIR="${SURVEY_RABBITMQ_CLUSTER_DIR:-/tmp/survey-rabbitmq-cluster}"
HOST="$(hostname -s)"
NODES=(1 2 3)

node_name() { echo "rc$1@$HOST"; }
amqp_port() { echo "568$1"; }
ctl() { local n=$1; shift; rabbitmqctl -q -n "$(node_name "$n")" "$@"; }
ready() { ctl "$1" await_startup --timeout 5 >/dev/null 2>&1; }
valid_node() { [[ "${1:-}" =~ ^[123]$ ]] || { echo "usage: $0 kill|restart 1|2|3" >&2; exit 2; }; }

install() {
  command -v rabbitmq-server >/dev/null 2>&1 && return
  echo "rabbitmq-cluster: installing rabbitmq-server from Debian's packages"
  [ -n "$(find /var/lib/apt/lists -maxdepth 1 -name '*Packages*' 2>/dev/null | head -1)" ] || apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq rabbitmq-server >/dev/null \
    || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq rabbitmq-server >/dev/null; }
}

# Starts node N detached with its own ports and folders (owned by rabbitmq: the server drops to that user).
launch() {
  local n=$1 base="$DIR/rc$1"
  mkdir -p "$base/mnesia" "$base/log"
  [ -f "$base/enabled_plugins" ] || echo '[].' > "$base/enabled_plugins"
  chown -R rabbitmq:rabbitmq "$DIR"
  env RABBITMQ_NODENAME="$(node_name "$n")" \
      RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 \
      RABBITMQ_NODE_PORT="$(amqp_port "$n")" \
      RABBITMQ_DIST_PORT="2568$n" \
      RABBITMQ_MNESIA_BASE="$base/mnesia" \
      RABBITMQ_LOG_BASE="$base/log" \
      RABBITMQ_PID_FILE="$base/pid" \
      RABBITMQ_ENABLED_PLUGINS_FILE="$base/enabled_plugins" \
      rabbitmq-server -detached >/dev/null 2>&1 || true
}

wait_ready() {
  for _ in $(seq 1 90); do
    if ready "$1"; then return 0; fi
    sleep 1
  done
  echo "rabbitmq-cluster: node $(node_name "$1") did not start within 90 s; see $DIR/rc$1/log/" >&2
  return 1
}

members() { ctl "$1" cluster_status --formatter json 2>/dev/null | grep -o "\"running_nodes\":\[[^]]*\]" || true; }
clustered() { local m; m="$(members 1)"; for n in "${NODES[@]}"; do [[ "$m" == *"$(node_name "$n")"* ]] || return 1; done; }

case "${1:-}" in
  start)
    install
    for n in "${NODES[@]}"; do ready "$n" || launch "$n"; done
    for n in "${NODES[@]}"; do wait_ready "$n"; done
    for n in 2 3; do
      if [[ "$(members "$n")" != *"$(node_name 1)"* ]]; then
        ctl "$n" stop_app >/dev/null
        ctl "$n" join_cluster "$(node_name 1)" >/dev/null 2>&1
        ctl "$n" start_app >/dev/null 2>&1
      fi
    done
    for n in "${NODES[@]}"; do wait_ready "$n"; done
    clustered || { echo "rabbitmq-cluster: the nodes did not form one cluster: $(members 1)" >&2; exit 1; }
    echo "rabbitmq-cluster: running on 127.0.0.1:5681,5682,5683 (guest/guest)"
    ;;
  stop)
    for n in "${NODES[@]}"; do
      if ready "$n"; then ctl "$n" shutdown >/dev/null 2>&1 || true; fi
    done
    # epmd refuses to end while another node (the single one on 5672) is registered with it.
    epmd -kill >/dev/null 2>&1 || true
    echo "rabbitmq-cluster: stopped"
    ;;
  status)
    if clustered; then echo "rabbitmq-cluster: running"; else echo "rabbitmq-cluster: not running (or not all three nodes)"; exit 3; fi
    ;;
  kill)
    valid_node "${2:-}"
    if [ -f "$DIR/rc$2/pid" ] && kill -0 "$(cat "$DIR/rc$2/pid")" 2>/dev/null; then
      kill -9 "$(cat "$DIR/rc$2/pid")"
      for _ in $(seq 1 50); do kill -0 "$(cat "$DIR/rc$2/pid")" 2>/dev/null || break; sleep 0.1; done
    fi
    echo "rabbitmq-cluster: killed $(node_name "$2")"
    ;;
  restart)
    valid_node "${2:-}"
    ready "$2" || launch "$2"
    wait_ready "$2"
    echo "rabbitmq-cluster: $(node_name "$2") running"
    ;;
  leader)
    [ $# -eq 3 ] || { echo "usage: $0 leader VHOST QUEUE" >&2; exit 2; }
    # Asked of any node that answers: the leader may be the node that is down.
    for n in "${NODES[@]}"; do
      if out="$(ctl "$n" list_queues -p "$2" name leader 2>/dev/null)"; then
        awk -F'\t' -v q="$3" '$1 == q { print $2 }' <<<"$out"
        exit 0
      fi
    done
    echo "rabbitmq-cluster: no node answers" >&2
    exit 1
    ;;
  nodes)
    for n in "${NODES[@]}"; do printf '%s\t%s\t127.0.0.1:%s\n' "$n" "$(node_name "$n")" "$(amqp_port "$n")"; done
    ;;
  uri)
    vhost="${2:-}"
    echo "amqp://guest:guest@127.0.0.1:$(amqp_port 1)/${vhost}"
    ;;
  *)
    echo "usage: $0 start|stop|status|kill N|restart N|leader VHOST QUEUE|nodes|uri [VHOST]" >&2
    exit 2
    ;;
esac
