#!/usr/bin/env bash
# Checks the Kubernetes deployment in deploy/k8s without a cluster (docs/deploying.md says what this does and does
# not prove):
#   1. base/generated/ is what deploy/k8s/generate.sh makes of deploy/prometheus/rules and deploy/grafana/dashboards;
#   2. `kubectl kustomize` renders every overlay (deploy/k8s/overlays/*);
#   3. every rendered document type-checks strictly against the published Kubernetes, KEDA and Prometheus-operator
#      models (and deploy/k8s/check/crds.ts for RabbitmqCluster and CloudNativePG's Cluster), passes the models'
#      validate(), and agrees with the code: probes, ports, images, scrape jobs, rules and dashboards, secrets,
#      security and network policies, scaling (deploy/k8s/check/check.mjs lists each check; which queues the
#      ScaledObjects watch and which options the environment sets are checked against the built services by
#      tests/Monitoring.EndToEnd.Tests/DeploymentTests.cs);
#   4. yamllint (relaxed, strict on warnings) is clean on deploy/k8s.
#
#   scripts/check-k8s.sh
#
# Needs kubectl (v1.27 or later: its built-in kustomize v5 renders components and replacements), node (>= 18) with
# npm, and yamllint. node, npm and yamllint are installed with apt-get (Debian packages nodejs, npm, yamllint) when
# running as root or with passwordless sudo (scripts/lib/packages.sh), unless MONITORING_INSTALL=0; kubectl is not in Debian's archive and must be there.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
k8s=$root/deploy/k8s
check=$k8s/check

log() { printf 'check-k8s: %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }

. "$root/scripts/lib/packages.sh"

require_kubectl() {
  command -v kubectl >/dev/null ||
    die "kubectl is missing: install the Kubernetes client (v1.27 or later) from the Kubernetes project's package repository or release binaries (see \"Install kubectl on Linux\" in the Kubernetes documentation); no cluster is needed, only \`kubectl kustomize\`"
  local version
  version=$(kubectl version --client -o json 2>/dev/null | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{try{const v=JSON.parse(s);console.log(v.kustomizeVersion||"")}catch{console.log("")}})' 2>/dev/null || true)
  case "$version" in
    v5.*) log "kubectl $(kubectl version --client -o json | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).clientVersion.gitVersion))') with kustomize $version" ;;
    *) die "kubectl's kustomize is ${version:-unknown}; v5 (kubectl 1.27 or later) is needed for components and replacements" ;;
  esac
}

install_missing() {
  local need=()
  node_ok || { command -v node >/dev/null || need+=(nodejs); command -v npm >/dev/null || need+=(npm); }
  command -v yamllint >/dev/null || need+=(yamllint)
  apt_install "${need[@]}"
  node_ok || die "node >= 18 with npm is needed; found node $(node --version 2>/dev/null || echo none)"
}

install_missing
require_kubectl

log "generated files (deploy/k8s/generate.sh --check)"
node "$check/generate.mjs" --check || die "deploy/k8s/base/generated/ is stale: run deploy/k8s/generate.sh and commit the result"

rm -rf "$check/rendered"
mkdir -p "$check/rendered"
for overlay_dir in "$k8s"/overlays/*/; do
  overlay=$(basename "$overlay_dir")
  kubectl kustomize "$overlay_dir" >"$check/rendered/$overlay.yaml" ||
    die "kubectl kustomize deploy/k8s/overlays/$overlay failed (errors above)"
  log "rendered overlays/$overlay: $(grep -c '^kind:' "$check/rendered/$overlay.yaml") documents"
done

cd "$check"
npm_ci "$check"
node check.mjs || die "the rendered overlays do not pass the check (problems above)"

log "yamllint deploy/k8s"
# Relaxed, with warnings as errors; lines up to 120 characters, except in the generated files (dashboards' JSON).
(cd "$k8s" && yamllint -s -d '{extends: relaxed, ignore: [check/node_modules/, check/rendered/, check/generated/],
  rules: {line-length: {max: 120, ignore: [base/generated/]}}}' .) || die "yamllint found problems in deploy/k8s"

log "all checks passed"
