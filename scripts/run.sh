#!/usr/bin/env bash
# Brings the whole system up and runs its main job: a private RabbitMQ and PostgreSQL (scripts/infra.sh),
# the four services on ports 5100-5103 and the centers' console on 5104, then the demo (tools/demo), whose outcome
# it prints, and the console's address with a Hangzhou center key to sign in with. The services keep running until
# Ctrl-C, which stops everything this script started, servers included.
# Beside them the operators' view (scripts/observe.sh): Prometheus with the project's rules, and a trace receiver;
# OBSERVE=0 leaves it out (the benchmarks do, to measure the services alone).
# DEMO_EXIT=1 stops everything as soon as the demo has printed its outcome; RUN_NAME names the run's database and
# virtual host (bench/peak.sh drops them afterwards). MONITORING_INFRA_DIR moves the servers' state folder, as for
# scripts/infra.sh (a second checkout's run beside a first one's servers). Arguments go to the demo (tools/demo/Program.cs
# lists them).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
logs=$root/.local/logs
mkdir -p "$logs"

pids=()
started_infra=0
observing=0
stop() {
  trap - INT TERM EXIT
  if [ ${#pids[@]} -gt 0 ]; then
    echo "stopping the services (they finish in-flight messages first)"
    kill -TERM "${pids[@]}" 2>/dev/null || true
    wait "${pids[@]}" 2>/dev/null || true
  fi
  if [ "$observing" = 1 ]; then scripts/observe.sh down; fi
  if [ "$started_infra" = 1 ]; then scripts/infra.sh down; fi
}
trap stop INT TERM EXIT

if ! scripts/infra.sh status >/dev/null 2>&1; then
  scripts/infra.sh up
  started_infra=1
fi
infra=${MONITORING_INFRA_DIR:-$root/.local/infra}
set -a; . "$infra/env"; set +a
# The services read the servers' settings (and the run's local secrets) from there, wherever the folder is.
export MONITORING_LOCAL_SETTINGS=$infra/settings.json
if [ "${OBSERVE:-1}" = 1 ]; then
  scripts/observe.sh up
  observing=1
  . .local/observe/env
fi

dotnet build Monitoring.sln -c Release -nologo -v quiet

# Every run plays its demo day on a database and a virtual host of its own, so a second run on the same
# servers starts from nothing, as on a fresh clone (an earlier run's people and certificates would
# otherwise be "one person, several certificates" for real). Earlier runs' databases stay for inspection.
run=${RUN_NAME:-demo_$(date -u +%Y%m%d%H%M%S)}
psql -q -h 127.0.0.1 -p "$INFRA_PG_PORT" -U monitoring -d monitoring -c "CREATE DATABASE $run" >/dev/null
mgmt="http://guest:guest@127.0.0.1:$INFRA_RABBIT_MANAGEMENT_PORT/api"
curl -sf -X PUT "$mgmt/vhosts/$run" >/dev/null
curl -sf -X PUT "$mgmt/permissions/$run/guest" -H 'content-type: application/json' -d '{"configure":".*","write":".*","read":".*"}' >/dev/null
export Database__ConnectionString="${Database__ConnectionString/Database=monitoring/Database=$run}" RabbitMq__VirtualHost=$run \
  DEMO_RABBIT_MANAGEMENT=$mgmt
echo "this run's database and virtual host: $run"

# API keys for this run, issued by ingest's own command (stored hashed; the clear keys only in the file).
keys=$root/.local/keys.json
issue() {
  local key
  key=$(cd services/ingest && dotnet bin/Release/net10.0/Monitoring.Ingest.dll keys create "$@" 2>>"$logs/keys.log" \
    | sed -n 's/.*"key":"\([^"]*\)".*/\1/p')
  [ -n "$key" ] || { echo "issuing a key failed; see .local/logs/keys.log" >&2; exit 1; }
  echo "$key"
}
platform=$(issue --name local-platform --role platform)
operator=$(issue --name local-operator --role operator)
center=$(issue --name local-center-hangzhou --role center --region 330100)
printf '{\n  "platform": "%s",\n  "operator": "%s",\n  "center-330100": "%s"\n}\n' "$platform" "$operator" "$center" >"$keys"
chmod 600 "$keys"
echo "issued API keys for this run: $keys"

wait_ready() {
  for _ in $(seq 1 300); do
    curl -sf "http://127.0.0.1:$1/health/ready" >/dev/null && return 0
    sleep 0.2
  done
  echo "the service on port $1 did not become ready; see .local/logs/" >&2
  exit 1
}

# Ingest starts last: on a new virtual host a queue exists only once its service has started, and ingest
# announces this run's keys (and the day's data) as soon as it runs.
# The console last: it calls the four (its defaults name ports 5100-5103) and keeps no state of its own.
for entry in scoring:5101:Scoring alerts:5102:Alerts notice:5103:Notice ingest:5100:Ingest console:5104:Console; do
  IFS=: read -r service port name <<<"$entry"
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "port $port is taken: stop whatever listens there (an earlier run?) and try again" >&2
    exit 1
  fi
  # The demo day sends a few thousand calls with one platform key: give it a busy upstream's budget.
  (cd "services/$service" && exec env Urls="http://127.0.0.1:$port" Ingest__RateLimitPerSecond=${Ingest__RateLimitPerSecond:-500} Ingest__RateLimitBurst=${Ingest__RateLimitBurst:-1000} \
    dotnet "bin/Release/net10.0/Monitoring.$name.dll") \
    >"$logs/$service.log" 2>&1 &
  pids+=($!)
  wait_ready "$port"
  echo "started $service on http://127.0.0.1:$port (log: .local/logs/$service.log)"
done

dotnet tools/demo/bin/Release/net10.0/Monitoring.Demo.dll "$@"

if [ "${DEMO_EXIT:-0}" = 1 ]; then exit 0; fi
echo
echo "The four services keep running: /health/ready, /metrics and the API on ports 5100-5103. Ctrl-C stops everything."
echo "The centers' console: http://127.0.0.1:5104/ (sign in as the Hangzhou center with the key $center; all keys: .local/keys.json)"
if [ "$observing" = 1 ]; then
  echo "Prometheus: $OBSERVE_PROMETHEUS_URL (alerts at /alerts, rules at /rules); traces: $OBSERVE_TRACES_URL/traces"
fi
wait "${pids[@]}"
