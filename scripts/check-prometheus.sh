#!/usr/bin/env bash
# Checks deploy/prometheus: the scrape configuration, the recording and alert rules, their promtool unit tests, that
# every alert has a firing and a quiet test case and a runbook (docs/runbooks/<AlertName>.md), and the YAML style.
# Exits non-zero, naming each failed check, if any fails.
#
# Needs promtool (Debian's `prometheus` package). When it is missing the script installs that package with apt-get
# if it may: as root or with passwordless sudo (scripts/lib/packages.sh), unless MONITORING_INSTALL=0 (as scripts/infra.sh does
# for the servers). yamllint runs when it is installed (apt-get install -y yamllint); it is not installed here.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
dir=$root/deploy/prometheus
runbooks=$root/docs/runbooks
runbook_base=https://git.example.invalid/monitoring/-/blob/main/docs/runbooks/

log() { printf 'check-prometheus: %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }

. "$root/scripts/lib/packages.sh"

install_promtool() {
  command -v promtool >/dev/null && return 0
  apt_install prometheus
  command -v promtool >/dev/null || die "the prometheus package installed no promtool"
}

failed=()
step() {
  local name=$1
  shift
  log "$name"
  # Everything on stderr, in order with these lines.
  if ! "$@" >&2; then
    failed+=("$name")
    log "FAILED: $name"
  fi
}

# The configuration as committed: target files are written at run time, so missing ones are only warnings.
check_config() {
  promtool check config "$dir/prometheus.yml"
}

# The same configuration with the shipped targets/*.json.example as its target files: checks their shape.
check_config_with_example_targets() {
  local tmp rc=0
  tmp=$(mktemp -d /tmp/monitoring-prometheus.XXXXXX)
  cp -r "$dir/prometheus.yml" "$dir/rules" "$tmp/"
  mkdir "$tmp/targets"
  local example
  for example in "$dir"/targets/*.json.example; do
    cp "$example" "$tmp/targets/$(basename "$example" .example)"
  done
  local out
  out=$(promtool check config "$tmp/prometheus.yml" 2>&1) || rc=$?
  printf '%s\n' "$out"
  if printf '%s\n' "$out" | grep -q 'WARNING'; then
    log "a job has no example target file, or one is not a valid file_sd file"
    rc=1
  fi
  rm -rf "$tmp"
  return "$rc"
}

check_rules() {
  promtool check rules "$dir"/rules/*.yml
}

test_rules() {
  (cd "$dir" && promtool test rules tests/*.yml)
}

# Every alert of rules/*.yml: labels and annotations in the mixin style, a runbook, and promtool test cases in which
# it fires (each of its severities) and in which it stays quiet.
check_alert_coverage() {
  local python=python3
  # Debian's python3 has PyYAML when yamllint is installed; a python3 of its own (pyenv) may not.
  if ! python3 -c 'import yaml' 2>/dev/null && [ -x /usr/bin/python3 ] && /usr/bin/python3 -c 'import yaml' 2>/dev/null; then
    python=/usr/bin/python3
  fi
  "$python" - "$dir" "$runbooks" "$runbook_base" <<'EOF'
import glob, os, re, sys

prom_dir, runbooks, base = sys.argv[1:4]
rule_files = sorted(glob.glob(os.path.join(prom_dir, "rules", "*.yml")))
test_files = sorted(glob.glob(os.path.join(prom_dir, "tests", "*.yml")))
problems = []

try:
    import yaml
except ImportError:
    yaml = None

if yaml:
    rules = []
    for path in rule_files:
        for group in (yaml.safe_load(open(path, encoding="utf-8")) or {}).get("groups", []):
            rules += [r for r in group.get("rules", []) if "alert" in r]
    firing, quiet = set(), set()
    for path in test_files:
        for test in (yaml.safe_load(open(path, encoding="utf-8")) or {}).get("tests", []):
            for case in test.get("alert_rule_test", []) or []:
                name, expected = case.get("alertname"), case.get("exp_alerts") or []
                if not expected:
                    quiet.add(name)
                for alert in expected:
                    severity = (alert.get("exp_labels") or {}).get("severity")
                    firing.add((name, severity))
                    if not (alert.get("exp_annotations") or {}):
                        problems.append(f"{os.path.basename(path)}: a firing case of {name} does not state its annotations")
    for rule in rules:
        name = rule["alert"]
        labels, annotations = rule.get("labels") or {}, rule.get("annotations") or {}
        severity = labels.get("severity")
        if severity not in ("critical", "warning", "info"):
            problems.append(f"{name}: severity is {severity!r}, not critical, warning or info")
        for key in ("summary", "description", "runbook_url"):
            if not annotations.get(key):
                problems.append(f"{name}: no {key} annotation")
        if annotations.get("runbook_url") and annotations["runbook_url"] != f"{base}{name}.md":
            problems.append(f"{name}: runbook_url is {annotations['runbook_url']}, not {base}{name}.md")
        if not os.path.isfile(os.path.join(runbooks, f"{name}.md")):
            problems.append(f"{name}: no runbook docs/runbooks/{name}.md")
        if (name, severity) not in firing:
            problems.append(f"{name}: no test case in which it fires with severity {severity}")
        if name not in quiet:
            problems.append(f"{name}: no test case in which it stays quiet (exp_alerts: [])")
    names = {r["alert"] for r in rules}
else:
    # Without PyYAML: read the files line by line, as they are laid out here.
    print("PyYAML is not installed: checking alert names, runbooks and test cases by their lines only", file=sys.stderr)
    names = set()
    for path in rule_files:
        names |= set(re.findall(r"^\s*- alert:\s*(\S+)\s*$", open(path, encoding="utf-8").read(), re.M))
    firing, quiet = set(), set()
    for path in test_files:
        current = None
        for line in open(path, encoding="utf-8"):
            m = re.match(r"^\s*alertname:\s*(\S+)\s*$", line)
            if m:
                current = m.group(1)
                continue
            m = re.match(r"^\s*exp_alerts:\s*(\[\])?\s*$", line)
            if m and current:
                (quiet if m.group(1) else firing).add(current)
                current = None
    for name in sorted(names):
        if not os.path.isfile(os.path.join(runbooks, f"{name}.md")):
            problems.append(f"{name}: no runbook docs/runbooks/{name}.md")
        if name not in firing:
            problems.append(f"{name}: no test case in which it fires")
        if name not in quiet:
            problems.append(f"{name}: no test case in which it stays quiet (exp_alerts: [])")

tested = {n for n, _ in firing} | quiet if yaml else firing | quiet
for name in sorted(tested - names):
    problems.append(f"tests name {name}, which no rule defines")
for runbook in sorted(glob.glob(os.path.join(runbooks, "*.md"))):
    name = os.path.basename(runbook)[:-3]
    if name != "README" and name not in names:
        problems.append(f"docs/runbooks/{name}.md is the runbook of no alert")

problems = list(dict.fromkeys(problems))
for problem in problems:
    print(problem, file=sys.stderr)
if problems:
    sys.exit(1)
print(f"{len(names)} alerts, each with a runbook and a firing and a quiet test case")
EOF
}

lint_yaml() {
  if ! command -v yamllint >/dev/null; then
    log "yamllint is not installed; skipped (apt-get install -y yamllint)"
    return 0
  fi
  # Relaxed: descriptions and test series are long lines by nature.
  yamllint -s -d '{extends: relaxed, rules: {line-length: disable}}' "$dir"
}

install_promtool
log "$(promtool --version 2>&1 | head -n 1)"
step "promtool check config" check_config
step "promtool check config with the example target files" check_config_with_example_targets
step "promtool check rules" check_rules
step "promtool test rules" test_rules
step "every alert has a runbook and a firing and a quiet test" check_alert_coverage
step "yamllint" lint_yaml

if [ ${#failed[@]} -gt 0 ]; then
  log "failed: $(printf '%s; ' "${failed[@]}")"
  exit 1
fi
log "all checks passed"
