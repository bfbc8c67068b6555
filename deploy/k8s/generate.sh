#!/usr/bin/env bash
# Regenerates deploy/k8s/base/generated/ from the single sources of the operators' view:
#   deploy/prometheus/rules/*.yml     → base/generated/prometheus-rules.yaml   (PrometheusRule per file)
#   deploy/grafana/dashboards/*.json  → base/generated/grafana-dashboards.yaml (ConfigMap per dashboard, labelled
#                                       grafana_dashboard: "1" for Grafana's sidecar)
# Run it after changing a rule or a dashboard and commit the result; scripts/check-k8s.sh fails while it is stale.
#
#   deploy/k8s/generate.sh            write the files
#   deploy/k8s/generate.sh --check    only say whether they are up to date (exit 1 if not)
#
# Needs node (any version >= 18; no npm packages).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
command -v node >/dev/null || { echo "generate.sh: node is needed (Debian: apt-get install nodejs)" >&2; exit 1; }
exec node "$here/check/generate.mjs" "$@"
