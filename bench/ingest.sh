#!/usr/bin/env bash
# Ingest throughput over real HTTP on the real broker: one-message requests, 1,000-result batches, and a
# streamed NDJSON import of about 100 MB with ingest's peak memory. Each scenario runs RUNS times (3);
# bench/README.md records the medians. Usage: bench/ingest.sh  (starts scripts/infra.sh if nothing runs)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
runs=${RUNS:-3}
port=${BENCH_PORT:-5190}
out=$root/.local/bench
mkdir -p "$out"

. bench/servers.sh
ingest_pid=
cleanup() {
  [ -n "$ingest_pid" ] && kill -TERM "$ingest_pid" 2>/dev/null && wait "$ingest_pid" 2>/dev/null || true
  for type in "${types[@]}"; do curl -sf -X DELETE "$mgmt/queues/%2F/bench-$type" || true; done
  servers_down
}
trap cleanup EXIT
servers_up

dotnet build Monitoring.sln -c Release -nologo -v quiet >/dev/null

key="mk_bench_$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
hash=$(printf '%s' "$key" | sha256sum | cut -d' ' -f1)
types=(PlanClosed ResultsRecorded)
# Durable queues bound to the exchanges, as scoring's would be: the broker stores every message it confirms.
for type in "${types[@]}"; do
  curl -sf -X PUT "$mgmt/exchanges/%2F/Monitoring.Contracts:$type" -H 'content-type: application/json' -d '{"type":"fanout","durable":true}'
  curl -sf -X PUT "$mgmt/queues/%2F/bench-$type" -H 'content-type: application/json' -d '{"durable":true}'
  curl -sf -X POST "$mgmt/bindings/%2F/e/Monitoring.Contracts:$type/q/bench-$type" -H 'content-type: application/json' -d '{"routing_key":""}' >/dev/null
done
purge() { for type in "${types[@]}"; do curl -sf -X DELETE "$mgmt/queues/%2F/bench-$type/contents"; done; }

(cd services/ingest && exec env Urls="http://127.0.0.1:$port" Logging__LogLevel__Default=Warning \
  Ingest__RateLimitPerSecond=1000000 Ingest__RateLimitBurst=1000000 \
  Access__Keys__0__Name=bench Access__Keys__0__Role=platform Access__Keys__0__Hash="$hash" \
  dotnet bin/Release/net10.0/Monitoring.Ingest.dll) >"$out/ingest.log" 2>&1 &
ingest_pid=$!
for _ in $(seq 1 150); do curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null && break; sleep 0.2; done

driver() { INGEST_URL="http://127.0.0.1:$port/" INGEST_KEY="$key" dotnet bench/Monitoring.Bench.Ingest/bin/Release/net10.0/Monitoring.Bench.Ingest.dll "$@"; }
driver single 2000 32 >/dev/null   # warm-up: JIT, connections, channels
purge
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(. /etc/os-release; echo "$PRETTY_NAME"), .NET $(dotnet --version); broker, database, ingest and driver on the same machine"
scenarios=${SCENARIOS:-all}
for run in $(seq 1 "$runs"); do
  if [ "$scenarios" = import-small ]; then driver import 200000 1 "$ingest_pid"; purge; continue; fi
  driver single 20000 64; purge
  driver batch 200 8 1000; purge
  driver import 55000 10 "$ingest_pid"; purge
  driver import 200000 1 "$ingest_pid"; purge
done
