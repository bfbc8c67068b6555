#!/usr/bin/env bash
# The operators' view beside a local run, without Docker: Prometheus (deploy/prometheus: scrape configuration,
# recording and alert rules) scraping the four services, RabbitMQ's prometheus plugin and PostgreSQL's exporter, and
# the .NET Aspire Dashboard as the OTLP trace receiver (tools/trace-receiver downloads it).
#
#   scripts/observe.sh up       start them (scripts/infra.sh must be up), write .local/observe/env:
#                               OBSERVE_PROMETHEUS_URL, OBSERVE_TRACES_URL (UI and /api/telemetry/traces) and
#                               OTEL_EXPORTER_OTLP_ENDPOINT for the services
#   scripts/observe.sh target JOB HOST:PORT   point a scrape job at an address (Prometheus picks it up by itself)
#   scripts/observe.sh down     stop them and remove .local/observe/
#   scripts/observe.sh status   say whether they run, and where
#
# The services are expected on 127.0.0.1:5100-5103 and the console on 5104 (scripts/run.sh); OBSERVE_SERVICES="ingest=HOST:PORT ..." says
# otherwise, or "none" (set them later with `target`). The broker's prometheus endpoint and the database come from
# scripts/infra.sh unless OBSERVE_RABBIT_PROMETHEUS (HOST:PORT) and OBSERVE_POSTGRES_DSN (postgresql://…) name them.
# MONITORING_OBSERVE_DIR moves the state folder. Prometheus takes 9090 and the dashboard 18888/18889 when free,
# other free ports when not.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
state=${MONITORING_OBSERVE_DIR:-$root/.local/observe}
infra_env=${MONITORING_INFRA_DIR:-$root/.local/infra}/env

log() { printf 'observe: %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
port_or_free() {
  local port=$1
  if ! port_in_use "$port"; then echo "$port"; return; fi
  for _ in $(seq 1 200); do
    port=$((20000 + RANDOM % 40000))
    port_in_use "$port" || { echo "$port"; return; }
  done
  die "no free loopback port found"
}

wait_http() {
  for _ in $(seq 1 150); do
    curl -sf -o /dev/null "$1" && return 0
    sleep 0.2
  done
  return 1
}

receiver() {
  local dir
  dir=$(dotnet nuget locals global-packages -l | sed 's/^global-packages: //')/aspire.dashboard.sdk.linux-x64/13.6.5/tools
  if [ ! -x "$dir/Aspire.Dashboard" ]; then
    dotnet restore "$root/tools/trace-receiver/TraceReceiver.csproj" -v quiet >&2 || die "could not download the trace receiver (NuGet Aspire.Dashboard.Sdk.linux-x64)"
  fi
  [ -x "$dir/Aspire.Dashboard" ] || die "the trace receiver is not at $dir"
  echo "$dir/Aspire.Dashboard"
}

target() { printf '[{"targets": ["%s"], "labels": {"env": "local"}}]\n' "$2" >"$state/prometheus/targets/$1.json"; }

up() {
  if [ -z "${OBSERVE_RABBIT_PROMETHEUS:-}" ] || [ -z "${OBSERVE_POSTGRES_DSN:-}" ]; then
    [ -f "$infra_env" ] || die "scripts/infra.sh is not up (or set OBSERVE_RABBIT_PROMETHEUS and OBSERVE_POSTGRES_DSN)"
    . "$infra_env"
  fi
  local rabbit=${OBSERVE_RABBIT_PROMETHEUS:-127.0.0.1:${INFRA_RABBIT_PROMETHEUS_PORT:-}}
  local dsn=${OBSERVE_POSTGRES_DSN:-postgresql://monitoring@127.0.0.1:${INFRA_PG_PORT:-}/monitoring?sslmode=disable}
  if [ -f "$state/env" ]; then down_quietly; fi
  command -v prometheus >/dev/null && command -v prometheus-postgres-exporter >/dev/null ||
    die "prometheus and prometheus-postgres-exporter are missing: scripts/infra.sh up installs them"
  mkdir -p "$state/prometheus/targets" "$state/data"
  cp "$root/deploy/prometheus/prometheus.yml" "$state/prometheus/"
  cp -r "$root/deploy/prometheus/rules" "$state/prometheus/"

  local prom_port exporter_port ui_port otlp_port
  prom_port=$(port_or_free 9090); exporter_port=$(port_or_free 9187)
  ui_port=$(port_or_free 18888); otlp_port=$(port_or_free 18889)

  if [ "${OBSERVE_SERVICES:-}" != none ]; then
    declare -A services=([ingest]=127.0.0.1:5100 [scoring]=127.0.0.1:5101 [alerts]=127.0.0.1:5102 [notice]=127.0.0.1:5103
      [console]=127.0.0.1:5104)
    for entry in ${OBSERVE_SERVICES:-}; do services[${entry%%=*}]=${entry#*=}; done
    for job in ingest scoring alerts notice console; do target "$job" "${services[$job]}"; done
  fi
  target rabbitmq "$rabbit"
  target rabbitmq-detailed "$rabbit"
  target postgres "127.0.0.1:$exporter_port"

  (DATA_SOURCE_NAME="$dsn" \
    exec setsid prometheus-postgres-exporter --web.listen-address="127.0.0.1:$exporter_port" \
    >"$state/postgres-exporter.log" 2>&1 </dev/null) &
  echo $! >"$state/exporter.pid"
  (exec setsid prometheus --config.file="$state/prometheus/prometheus.yml" --storage.tsdb.path="$state/data" \
    --web.listen-address="127.0.0.1:$prom_port" --storage.tsdb.retention.time=2d \
    >"$state/prometheus.log" 2>&1 </dev/null) &
  echo $! >"$state/prometheus.pid"
  local dashboard
  dashboard=$(receiver)
  (cd "$state" && ASPNETCORE_URLS="http://127.0.0.1:$ui_port" ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL="http://127.0.0.1:$otlp_port" \
    ASPIRE_DASHBOARD_UNSECURED_ALLOW_ANONYMOUS=true Dashboard__Api__Enabled=true Dashboard__Api__AuthMode=Unsecured \
    exec setsid "$dashboard" >"$state/trace-receiver.log" 2>&1 </dev/null) &
  echo $! >"$state/receiver.pid"

  cat >"$state/env" <<EOF
OBSERVE_PROMETHEUS_URL=http://127.0.0.1:$prom_port
OBSERVE_TRACES_URL=http://127.0.0.1:$ui_port
export OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:$otlp_port
EOF
  wait_http "http://127.0.0.1:$prom_port/-/ready" || { tail -n 20 "$state/prometheus.log" >&2; die "Prometheus did not start"; }
  wait_http "http://127.0.0.1:$ui_port/api/telemetry/traces?limit=1" || { tail -n 20 "$state/trace-receiver.log" >&2; die "the trace receiver did not start"; }
  log "Prometheus on http://127.0.0.1:$prom_port (alerts: /alerts), traces on http://127.0.0.1:$ui_port (OTLP on $otlp_port)"
}

down_quietly() {
  for pid_file in "$state"/*.pid; do
    [ -f "$pid_file" ] || continue
    kill -TERM "$(cat "$pid_file")" 2>/dev/null || true
  done
  sleep 0.5
  for pid_file in "$state"/*.pid; do
    [ -f "$pid_file" ] || continue
    kill -KILL "$(cat "$pid_file")" 2>/dev/null || true
  done
  rm -rf "$state"
}

case "${1:-}" in
  up) up ;;
  target)
    [ $# -eq 3 ] && [ -d "$state/prometheus/targets" ] || die "usage: scripts/observe.sh target JOB HOST:PORT (after up)"
    target "$2" "$3" ;;
  down) down_quietly; log "stopped" ;;
  status)
    if [ -f "$state/env" ]; then . "$state/env"; log "Prometheus $OBSERVE_PROMETHEUS_URL, traces $OBSERVE_TRACES_URL"; else log "not running"; exit 1; fi ;;
  *) echo "usage: scripts/observe.sh up|down|status" >&2; exit 2 ;;
esac
