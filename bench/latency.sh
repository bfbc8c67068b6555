#!/usr/bin/env bash
# Latency at a steady load: PLANS (2,000) plans filed, then their facts (about 26,000 calls) sent to ingest at RATE
# (1,000) calls a second through the four services (scripts/run.sh with the demo's --steady), RUNS (3) times; for
# every 50th call, seconds from its 202 until the plan's score covers it (GET …/score, its messages). UNIT=facts
# makes RATE count facts (results, survey answers, segments: what a 202 counts as accepted) instead of calls. Each
# run's database and virtual host are dropped afterwards. bench/README.md records the medians.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
runs=${RUNS:-3}
plans=${PLANS:-2000}
rate=${RATE:-1000}
unit=${UNIT:-calls}
out=$root/.local/bench
mkdir -p "$out"
. bench/servers.sh
trap servers_down EXIT
servers_up
for run in $(seq 1 "$runs"); do
  name=latency_$(date -u +%Y%m%d%H%M%S)
  echo "run $run of $runs ($name)…" >&2
  # A steady upstream of 1,000 calls a second needs a budget above it.
  if ! RUN_NAME=$name DEMO_EXIT=1 Ingest__RateLimitPerSecond=5000 Ingest__RateLimitBurst=10000 \
      scripts/run.sh --plans "$plans" --candidates 50 --steady "$rate" --steady-unit "$unit" --measure "$out/latency-$run.json" >"$out/latency-$run.log" 2>&1; then
    echo "run $run failed; see $out/latency-$run.log" >&2
    drop_run "$name"
    exit 1
  fi
  grep -E 'calls in' "$out/latency-$run.log" >&2 || true
  drop_run "$name"
done
python3 - "$out" "$runs" <<'PY'
import json, statistics, sys
out, runs = sys.argv[1], int(sys.argv[2])
data = [json.load(open(f"{out}/latency-{i}.json"))["steady"] for i in range(1, runs + 1)]
print("| run | calls | facts | achieved calls/s | achieved facts/s | probes | p50 s | p95 s | p99 s | max s |")
print("|---|---|---|---|---|---|---|---|---|---|")
for i, d in enumerate(data, 1):
    print(f"| {i} | {d['Calls']} | {d['Facts']} | {d['AchievedRate']} | {d['AchievedFactRate']} | {d['Probes']} | {d['P50']} | {d['P95']} | {d['P99']} | {d['Max']} |")
med = lambda k: statistics.median(d[k] for d in data)
print(f"| **median** | | | **{med('AchievedRate')}** | **{med('AchievedFactRate')}** | | **{med('P50')}** | **{med('P95')}** | **{med('P99')}** | **{med('Max')}** |")
PY
