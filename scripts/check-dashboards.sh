#!/usr/bin/env bash
# Checks the Grafana dashboards in deploy/grafana/dashboards (deploy/grafana/README.md says what is checked):
# they type-check against Grafana's published schema (@grafana/schema, strict TypeScript), every panel has
# Prometheus queries on the datasource `prometheus`, every variable used is defined, ids and uids are unique, and
# every query parses (promtool).
#
#   scripts/check-dashboards.sh
#
# Needs node (>= 18) with npm, and promtool. Missing ones are installed with apt-get (Debian packages nodejs, npm,
# prometheus) as root or with passwordless sudo (scripts/lib/packages.sh), unless MONITORING_INSTALL=0. GRAFANA_CHECK_PROMTOOL=0 skips
# the PromQL check (and says so).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
check=$root/deploy/grafana/check

log() { printf 'check-dashboards: %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }

. "$root/scripts/lib/packages.sh"

install_missing() {
  local need=()
  node_ok || { command -v node >/dev/null || need+=(nodejs); command -v npm >/dev/null || need+=(npm); }
  if [ "${GRAFANA_CHECK_PROMTOOL:-1}" != 0 ] && ! command -v promtool >/dev/null; then need+=(prometheus); fi
  [[ " ${need[*]} " == *" prometheus "* ]] && log "(prometheus brings promtool; GRAFANA_CHECK_PROMTOOL=0 skips the PromQL check)"
  apt_install "${need[@]}"
  node_ok || die "node >= 18 with npm is needed; found node $(node --version 2>/dev/null || echo none)"
}

install_missing

cd "$check"
# npm ci: exactly the versions in package-lock.json. Its output only matters when it fails.
npm_ci "$check"

node check.mjs || die "the dashboards in deploy/grafana/dashboards do not pass the check (errors above)"
