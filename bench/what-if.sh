#!/usr/bin/env bash
# What-if of a draft policy over PLANS (100,000) stored plans in the scoring service's real path, RUNS (3) times,
# beside a raw read of the same rows by the same statements. Starts scripts/infra.sh if nothing runs; the bench's
# database is created and dropped by the bench. bench/README.md records the medians.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
. bench/servers.sh
trap servers_down EXIT
servers_up
dotnet build bench/Monitoring.Bench.Scoring -c Release -nologo -v quiet >/dev/null
dotnet run -c Release --project bench/Monitoring.Bench.Scoring --no-build -- what-if
