#!/usr/bin/env bash
# Plans scored per second on one core under the default policy, next to a raw NRules session on the same
# compiled rules (BenchmarkDotNet). RUNS (3) separate BenchmarkDotNet runs; bench/README.md records them.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
dotnet build bench/Monitoring.Bench.Scoring -c Release -nologo -v quiet >/dev/null
for run in $(seq 1 "${RUNS:-3}"); do
  dotnet run -c Release --project bench/Monitoring.Bench.Scoring --no-build -- --artifacts "$root/.local/bench/scoring-$run" >/dev/null
  grep -E '^\| (Method|RawNRules|ScorePlan|RawNRulesBatch|ScoreBatch)' "$root/.local/bench/scoring-$run/results/"*-report-github.md
done
