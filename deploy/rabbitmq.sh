#!/usr/bin/env bash
# RabbitMQ on loopback for local runs and tests, without systemd or Docker.
#   deploy/rabbitmq.sh start   install Debian's rabbitmq-server if missing, start it, wait until ready
#   deploy/rabbitmq.sh stop    stop it
#   deploy/rabbitmq.sh status
# Idempotent: starting a running broker, or stopping a stopped one, does nothing.
set -euo pipefail

ready() { rabbitmqctl -q await_startup --timeout 5 >/dev/null 2>&1; }

case "${1:-}" in
  start)
    if ! command -v rabbitmq-server >/dev/null 2>&1; then
      echo "rabbitmq: installing rabbitmq-server from Debian's packages"
      [ -n "$(find /var/lib/apt/lists -maxdepth 1 -name '*Packages*' 2>/dev/null | head -1)" ] || apt-get update -qq
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq rabbitmq-server >/dev/null \
        || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq rabbitmq-server >/dev/null; }
    fi
    if ready; then echo "rabbitmq: already running on 127.0.0.1:5672"; exit 0; fi
    # Loopback only; guest/guest is allowed from loopback by default.
    export RABBITMQ_NODE_IP_ADDRESS=127.0.0.1
    rabbitmq-server -detached >/dev/null 2>&1 || true
    for _ in $(seq 1 60); do
      if ready; then echo "rabbitmq: running on 127.0.0.1:5672 (guest/guest)"; exit 0; fi
      sleep 1
    done
    echo "rabbitmq: did not start within 60 s; see /var/log/rabbitmq/" >&2
    exit 1
    ;;
  stop)
    if ready; then rabbitmqctl -q shutdown >/dev/null 2>&1 || true; fi
    epmd -kill >/dev/null 2>&1 || true
    echo "rabbitmq: stopped"
    ;;
  status)
    if ready; then echo "rabbitmq: running"; else echo "rabbitmq: not running"; exit 3; fi
    ;;
  *)
    echo "usage: $0 start|stop|status" >&2
    exit 2
    ;;
esac
