#!/usr/bin/env bash
# The exam-peak day: PLANS (2,000) plans, about 50 candidates each, as one NDJSON import through the four services
# (scripts/run.sh with the demo's --import --measure), RUNS (3) times, each on a database and virtual host of its
# own that are dropped afterwards. Per run: seconds from the import's first byte until every plan is final and every
# notice issued (checked against what the scenario planted), broker messages a line, CPU-seconds by process, each
# service's peak RSS; and, on the same broker in the same run, the raw broker's time to move the reference volume of
# 7.478 messages a line (bench/Monitoring.Bench.Broker), whose ratio to the day's time is the work ratio.
# bench/README.md records the medians.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
runs=${RUNS:-3}
plans=${PLANS:-2000}
out=$root/.local/bench
mkdir -p "$out"

. bench/servers.sh
trap servers_down EXIT
servers_up
dotnet build Monitoring.sln -c Release -nologo -v quiet >/dev/null

for run in $(seq 1 "$runs"); do
  name=peak_$(date -u +%Y%m%d%H%M%S)
  echo "run $run of $runs ($name)…" >&2
  if ! RUN_NAME=$name DEMO_EXIT=1 scripts/run.sh --plans "$plans" --candidates 50 --import --measure "$out/peak-$run.json" >"$out/peak-$run.log" 2>&1; then
    echo "run $run did not come out as planted; see $out/peak-$run.log" >&2
    drop_run "$name"
    exit 1
  fi
  lines=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['lines'])" "$out/peak-$run.json")
  reference=$(python3 -c "print(round(7.478 * $lines))")
  raw=$(RABBIT_URI="amqp://guest:guest@127.0.0.1:$INFRA_RABBIT_PORT/$name" MESSAGES=$reference \
    dotnet bench/Monitoring.Bench.Broker/bin/Release/net10.0/Monitoring.Bench.Broker.dll)
  python3 - "$out/peak-$run.json" "$raw" "$reference" <<'PY'
import json, sys
path, raw, reference = sys.argv[1], float(sys.argv[2]), int(sys.argv[3])
run = json.load(open(path))
run.update(rawBrokerSeconds=raw, referenceMessages=reference, workRatio=round(raw / run["seconds"], 3))
json.dump(run, open(path, "w"), indent=2)
PY
  drop_run "$name"
done

python3 - "$out" "$runs" <<'PY'
import json, statistics, sys
out, runs = sys.argv[1], int(sys.argv[2])
data = [json.load(open(f"{out}/peak-{i}.json")) for i in range(1, runs + 1)]
procs = sorted({p for d in data for p in d["cpuSeconds"]})
print("| run | seconds | broker msgs/line | raw broker s | work ratio | " + " | ".join(f"CPU {p}" for p in procs) + " | peak RSS MB (ingest/scoring/alerts/notice) |")
print("|---" * (6 + len(procs)) + "|")
for i, d in enumerate(data, 1):
    rss = "/".join(str(int(d["peakRssMb"].get(s, 0))) for s in ["ingest", "scoring", "alerts", "notice"])
    print(f"| {i} | {d['seconds']} | {d['brokerMessagesPerLine']} | {d['rawBrokerSeconds']} | {d['workRatio']} | "
          + " | ".join(str(d["cpuSeconds"].get(p, 0)) for p in procs) + f" | {rss} |")
med = lambda key: statistics.median(d[key] for d in data)
print(f"| **median** | **{med('seconds')}** | **{med('brokerMessagesPerLine')}** | **{med('rawBrokerSeconds')}** | **{med('workRatio')}** | "
      + " | ".join(f"**{statistics.median(d['cpuSeconds'].get(p, 0) for d in data)}**" for p in procs) + " | |")
print(f"lines a run: {data[0]['lines']}, plans: {data[0]['plans']}, ingest messages: {data[0]['ingestMessages']}")
PY
