#!/usr/bin/env bash
# Runs the whole test suite against a real RabbitMQ and PostgreSQL. Unless MONITORING_TEST_RABBITMQ and
# MONITORING_TEST_POSTGRES name servers, it starts private ones (scripts/infra.sh, installing them with
# apt-get when allowed) and stops them afterwards. First the operators' view and the deployment are checked: the
# Prometheus configuration and rules (promtool check and unit tests), the Grafana dashboards (types and queries)
# and deploy/k8s (rendered with kubectl kustomize, type-checked against the Kubernetes, KEDA and Prometheus-operator
# models, policies).
# Extra arguments go to `dotnet test`.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

if [ -z "${MONITORING_TEST_RABBITMQ:-}" ] && ! scripts/infra.sh status >/dev/null 2>&1; then
  scripts/infra.sh up
  trap 'scripts/infra.sh down' EXIT
fi

# The console's browser tests drive Debian's chromium through Playwright (its own browser download does not work
# here), and it shows Chinese with the font notice embeds in its PDFs.
log() { printf 'test: %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }
. scripts/lib/packages.sh
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
[ -f /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ] || need+=(fonts-wqy-microhei)
apt_install "${need[@]}"

scripts/check-prometheus.sh
scripts/check-dashboards.sh
scripts/check-k8s.sh

dotnet build Monitoring.sln -c Release -nologo -v quiet
# Every service log of the run goes to a file here as well as into its test (tests/Monitoring.Testing/TestLogs.cs).
export MONITORING_TEST_LOGS=$root/.local/test-logs
rm -rf "$MONITORING_TEST_LOGS"
# Minimal verbosity: a line per failed test with its message, and the totals of each test project. The
# services under test log into their tests (kept for failure messages), not onto this console.
status=0
# A TRX file per project (TestResults/) keeps the whole message of a failure the console line cuts short.
dotnet test Monitoring.sln -c Release --no-build -nologo --logger "console;verbosity=minimal" --logger trx \
  --blame-hang-timeout 10m "$@" || status=$?

# Whatever each test checked of its own services: no service of the whole run may have logged an unhandled exception.
if grep -il "unhandled exception" "$MONITORING_TEST_LOGS"/*.log 2>/dev/null; then
  echo "test.sh: the service logs above (in $MONITORING_TEST_LOGS) hold an unhandled exception:" >&2
  grep -ih -m 3 "unhandled exception" "$MONITORING_TEST_LOGS"/*.log | cut -c1-400 >&2
  status=1
else
  echo "test.sh: $(ls "$MONITORING_TEST_LOGS" 2>/dev/null | wc -l) service logs of the run, none with an unhandled exception"
fi
exit $status
