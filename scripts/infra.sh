#!/usr/bin/env bash
# Private RabbitMQ and PostgreSQL for local runs and tests, without Docker.
#
#   scripts/infra.sh up      install what is missing (when allowed), start both servers on free loopback
#                            ports under .local/infra/, and write .local/infra/settings.json (read by the
#                            services and the tests) and .local/infra/env (for a shell: `. .local/infra/env`)
#   scripts/infra.sh down    stop both servers and remove .local/infra/
#   scripts/infra.sh status  say whether they run, and where
#   scripts/infra.sh fault KIND   a fault for the reliability tests, on servers this script runs:
#       stop-broker-app / start-broker-app   RabbitMQ's application stopped and started (the node stays up)
#       stop-broker / start-broker           the whole RabbitMQ node stopped and started again (same data)
#       crash-database / start-database      PostgreSQL stopped without a shutdown checkpoint (pg_ctl -m
#                                            immediate: recovery replays the WAL at start, as after a crash)
#
# Installing needs root (or passwordless sudo) and is allowed unless MONITORING_INSTALL=0.
# MONITORING_INFRA_DIR moves the state folder (default: <repo>/.local/infra).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
state=${MONITORING_INFRA_DIR:-$root/.local/infra}
settings=$state/settings.json
rabbit_bin=/usr/lib/rabbitmq/bin

log() { printf 'infra: %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }

. "$root/scripts/lib/packages.sh"

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

install_missing() {
  local need=()
  [ -x "$rabbit_bin/rabbitmq-server" ] || need+=(rabbitmq-server)
  [ -n "$(pg_bin)" ] || need+=(postgresql)
  # Notice sets its PDFs in WenQuanYi Micro Hei (Apache-2.0 or GPL-3 with the font exception: CJK and Latin
  # glyphs in one font); its tests read the PDFs back with pdftotext.
  [ -f /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ] || need+=(fonts-wqy-microhei)
  command -v pdftotext >/dev/null || need+=(poppler-utils)
  # The operators' view (scripts/observe.sh, the rule and dashboard tests): Prometheus with promtool, and the
  # database's exporter.
  command -v promtool >/dev/null || need+=(prometheus)
  command -v prometheus-postgres-exporter >/dev/null || need+=(prometheus-postgres-exporter)
  # Recommended packages too: the servers' own (erlang's) are wanted.
  apt_install --with-recommends "${need[@]}"
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

free_port() {
  local port
  for _ in $(seq 1 200); do
    port=$((20000 + RANDOM % 40000))
    if ! port_in_use "$port" && ! grep -qx "$port" "$state/.ports" 2>/dev/null; then
      echo "$port" >>"$state/.ports"
      echo "$port"
      return
    fi
  done
  die "no free loopback port found"
}

read_env() { [ -f "$state/env" ] && . "$state/env"; }

running() {
  read_env || return 1
  [ -n "${INFRA_PG_PORT:-}" ] && port_in_use "$INFRA_PG_PORT" && port_in_use "$INFRA_RABBIT_PORT"
}

# initdb refuses to run as root: as root, the cluster belongs to (and is driven as) the postgres user.
as_cluster_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start_postgres() {
  local bin port=$1 dir=$2
  bin=$(pg_bin)
  mkdir -p "$dir"
  [ "$(id -u)" = 0 ] && chown -R postgres:postgres "$dir"
  as_cluster_owner "$bin/initdb" -D "$dir/data" -A trust -U monitoring -E UTF8 --locale=C.UTF-8 >"$state/pg-init.log" 2>&1 ||
    { cat "$state/pg-init.log" >&2; die "initdb failed"; }
  run_postgres "$port" "$dir"
  "$bin/createdb" -h 127.0.0.1 -p "$port" -U monitoring monitoring
}

run_postgres() {
  local port=$1 dir=$2
  as_cluster_owner "$(pg_bin)/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=400 -c fsync=off" start >/dev/null
}

start_rabbitmq() {
  local node=$1 port=$2 mgmt=$3 prom=$4 dist=$5 dir=$state/rabbitmq
  mkdir -p "$dir/mnesia" "$dir/log"
  cat >"$dir/rabbitmq.conf" <<EOF
listeners.tcp.default = 127.0.0.1:$port
management.tcp.port = $mgmt
management.tcp.ip = 127.0.0.1
prometheus.tcp.port = $prom
prometheus.tcp.ip = 127.0.0.1
EOF
  echo '[rabbitmq_management,rabbitmq_prometheus].' >"$dir/enabled_plugins"
  # Started from its own folder: Erlang writes crash dumps (MnesiaCore.*, erl_crash.dump) to the working directory.
  (cd "$dir" && RABBITMQ_NODENAME=$node RABBITMQ_MNESIA_BASE=$dir/mnesia RABBITMQ_LOG_BASE=$dir/log \
    RABBITMQ_PID_FILE=$dir/rabbitmq.pid RABBITMQ_CONFIG_FILE=$dir/rabbitmq \
    RABBITMQ_ENABLED_PLUGINS_FILE=$dir/enabled_plugins RABBITMQ_DIST_PORT=$dist \
    exec setsid nohup "$rabbit_bin/rabbitmq-server" >"$dir/server.out" 2>&1 </dev/null) &
  # await_startup gives up at once while the Erlang node itself is not reachable yet: ask again.
  local deadline=$((SECONDS + 120)) server=$!
  until timeout 60 "$rabbit_bin/rabbitmqctl" -n "$node" await_startup >/dev/null 2>&1; do
    if [ $SECONDS -ge $deadline ] || ! kill -0 "$server" 2>/dev/null; then
      timeout 30 "$rabbit_bin/rabbitmqctl" -n "$node" stop >/dev/null 2>&1 || kill "$server" 2>/dev/null || true
      tail -n 20 "$dir/server.out" >&2
      die "RabbitMQ did not start; see $dir/log"
    fi
    sleep 1
  done
}

up() {
  if running; then
    log "already running (PostgreSQL on $INFRA_PG_PORT, RabbitMQ on $INFRA_RABBIT_PORT); settings in $settings"
    return 0
  fi
  [ -d "$state" ] && down_quietly
  install_missing
  mkdir -p "$state"
  : >"$state/.ports"
  local pg_port rabbit_port mgmt_port prom_port dist_port node
  pg_port=$(free_port); rabbit_port=$(free_port); mgmt_port=$(free_port); prom_port=$(free_port); dist_port=$(free_port)
  node="monitoring-$rabbit_port@localhost"

  # As root the cluster runs as the postgres user, who may not traverse the checkout (under /root, say):
  # its folder then lives under /tmp.
  local pg_dir=$state/pg
  [ "$(id -u)" = 0 ] && pg_dir=$(mktemp -d /tmp/monitoring-pg.XXXXXX)
  # Written first so that `down` can stop PostgreSQL even if starting RabbitMQ fails.
  write_env "$pg_port" "$rabbit_port" "$mgmt_port" "$prom_port" "$node" "$pg_dir" "$dist_port"
  log "starting PostgreSQL on 127.0.0.1:$pg_port"
  start_postgres "$pg_port" "$pg_dir"
  log "starting RabbitMQ $node on 127.0.0.1:$rabbit_port (management $mgmt_port, prometheus $prom_port)"
  start_rabbitmq "$node" "$rabbit_port" "$mgmt_port" "$prom_port" "$dist_port"

  # Local secrets of this run's own (never checked-in values): ingest keys the candidate-ID hash with one,
  # alerts seals webhook signing secrets with the other.
  local hash_key webhook_key
  hash_key=$(head -c 32 /dev/urandom | base64 -w0)
  webhook_key=$(head -c 32 /dev/urandom | base64 -w0)
  cat >"$settings" <<EOF
{
  "Privacy": {
    "CandidateHashKey": "$hash_key"
  },
  "Alerts": {
    "Webhooks": {
      "SecretKey": "$webhook_key"
    }
  },
  "RabbitMq": {
    "Host": "127.0.0.1",
    "Port": $rabbit_port,
    "ManagementPort": $mgmt_port,
    "PrometheusPort": $prom_port,
    "VirtualHost": "/",
    "Username": "guest",
    "Password": "guest"
  },
  "Database": {
    "ConnectionString": "Host=127.0.0.1;Port=$pg_port;Username=monitoring;Database=monitoring;Maximum Pool Size=50"
  }
}
EOF
  log "up; settings in $settings"
}

write_env() {
  cat >"$state/env" <<EOF
INFRA_PG_PORT=$1
INFRA_RABBIT_PORT=$2
INFRA_RABBIT_MANAGEMENT_PORT=$3
INFRA_RABBIT_PROMETHEUS_PORT=$4
INFRA_RABBIT_NODE=$5
INFRA_PG_DIR=$6
INFRA_RABBIT_DIST_PORT=$7
export RabbitMq__Host=127.0.0.1 RabbitMq__Port=$2 RabbitMq__Username=guest RabbitMq__Password=guest
export Database__ConnectionString="Host=127.0.0.1;Port=$1;Username=monitoring;Database=monitoring;Maximum Pool Size=50"
EOF
}

down_quietly() {
  read_env || true
  if [ -n "${INFRA_RABBIT_NODE:-}" ]; then
    timeout 60 "$rabbit_bin/rabbitmqctl" -n "$INFRA_RABBIT_NODE" stop >/dev/null 2>&1 || true
  fi
  if [ -n "${INFRA_PG_DIR:-}" ] && [ -d "$INFRA_PG_DIR/data" ]; then
    as_cluster_owner "$(pg_bin)/pg_ctl" -D "$INFRA_PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$INFRA_PG_DIR"
  fi
  rm -rf "$state"
}

fault() {
  read_env || die "not running"
  case "${1:-}" in
    stop-broker-app) "$rabbit_bin/rabbitmqctl" -n "$INFRA_RABBIT_NODE" stop_app >/dev/null ;;
    start-broker-app) "$rabbit_bin/rabbitmqctl" -n "$INFRA_RABBIT_NODE" start_app >/dev/null ;;
    stop-broker) timeout 60 "$rabbit_bin/rabbitmqctl" -n "$INFRA_RABBIT_NODE" stop >/dev/null ;;
    start-broker)
      start_rabbitmq "$INFRA_RABBIT_NODE" "$INFRA_RABBIT_PORT" "$INFRA_RABBIT_MANAGEMENT_PORT" "$INFRA_RABBIT_PROMETHEUS_PORT" \
        "${INFRA_RABBIT_DIST_PORT:?started by an older infra.sh: run down and up}" ;;
    crash-database) as_cluster_owner "$(pg_bin)/pg_ctl" -D "$INFRA_PG_DIR/data" -m immediate -w stop >/dev/null ;;
    start-database) run_postgres "$INFRA_PG_PORT" "$INFRA_PG_DIR" ;;
    *) echo "usage: $0 fault stop-broker-app|start-broker-app|stop-broker|start-broker|crash-database|start-database" >&2; exit 2 ;;
  esac
}

case "${1:-}" in
  up) up ;;
  fault) fault "${2:-}" ;;
  down) down_quietly; log "stopped" ;;
  status)
    if running; then
      log "running: PostgreSQL 127.0.0.1:$INFRA_PG_PORT, RabbitMQ 127.0.0.1:$INFRA_RABBIT_PORT (management http://127.0.0.1:$INFRA_RABBIT_MANAGEMENT_PORT)"
    else
      log "not running"; exit 1
    fi ;;
  *) echo "usage: $0 up|down|status|fault KIND" >&2; exit 2 ;;
esac
