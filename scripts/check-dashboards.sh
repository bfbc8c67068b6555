#!/usr/bin/env bash
# Checks the Grafana dashboards in deploy/grafana/dashboards (deploy/grafana/README.md says what is checked):
# they type-check against Grafana's published schema (@grafana/schema, strict TypeScript), every panel has
# Prometheus queries on the datasource `prometheus`, every variable used is defined, ids and uids are unique, and
# every query parses (promtool).
#
#   scripts/check-dashboards.sh
#
# Needs node (>= 18) with npm, and promtool. Missing ones are installed with apt-get (Debian packages nodejs, npm,
# prometheus) when running as root or with CI=true, unless MONITORING_INSTALL=0. GRAFANA_CHECK_PROMTOOL=0 skips
# the PromQL check (and says so).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
check=$root/deploy/grafana/check

log() { printf 'check-dashboards: %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then sudo -n "$@"
  else return 1
  fi
}

node_ok() {
  command -v node >/dev/null && command -v npm >/dev/null &&
    node -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 18 ? 0 : 1)'
}

install_missing() {
  local need=()
  node_ok || { command -v node >/dev/null || need+=(nodejs); command -v npm >/dev/null || need+=(npm); }
  if [ "${GRAFANA_CHECK_PROMTOOL:-1}" != 0 ] && ! command -v promtool >/dev/null; then need+=(prometheus); fi
  [ ${#need[@]} -eq 0 ] && return 0
  if [ "${MONITORING_INSTALL:-1}" = 0 ] || { [ "$(id -u)" != 0 ] && [ "${CI:-}" != true ]; }; then
    local hint=
    [[ " ${need[*]} " == *" prometheus "* ]] && hint=" (prometheus brings promtool; GRAFANA_CHECK_PROMTOOL=0 skips the PromQL check)"
    die "missing ${need[*]}$hint; install them (sudo apt-get install -y --no-install-recommends ${need[*]}), or run as root or with CI=true to let this script do it"
  fi
  command -v apt-get >/dev/null || die "missing ${need[*]}; this script installs them only on Debian or Ubuntu"
  log "installing ${need[*]} with apt-get"
  # apt and dpkg print a line per package; keep them in a log that is shown only when something fails.
  local apt_log
  apt_log=$(mktemp /tmp/monitoring-apt.XXXXXX)
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >"$apt_log" 2>&1 ||
    { cat "$apt_log" >&2; die "cannot run apt-get as root; install ${need[*]} yourself (sudo apt-get install -y ${need[*]})"; }
  # Only promtool is wanted from prometheus: not its recommended node exporter.
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >>"$apt_log" 2>&1 ||
    { cat "$apt_log" >&2; die "apt-get install ${need[*]} failed"; }
  rm -f "$apt_log"
  # Debian's prometheus package starts its own server where it can; only its promtool is used here.
  if [[ " ${need[*]} " == *" prometheus "* ]]; then as_root service prometheus stop >/dev/null 2>&1 || true; fi
  node_ok || die "node >= 18 with npm is needed; found node $(node --version 2>/dev/null || echo none)"
}

install_missing

cd "$check"
# npm ci: exactly the versions in package-lock.json. Its output only matters when it fails.
npm_log=$(mktemp /tmp/monitoring-npm.XXXXXX)
if ! npm ci --no-audit --no-fund --loglevel=error >"$npm_log" 2>&1; then
  cat "$npm_log" >&2
  rm -f "$npm_log"
  die "npm ci failed in deploy/grafana/check (is the npm registry reachable?)"
fi
rm -f "$npm_log"

node check.mjs || die "the dashboards in deploy/grafana/dashboards do not pass the check (errors above)"
