# Sourced by the scripts that need Debian packages (infra.sh, check-*.sh). The sourcing script defines log and die.
#
#   apt_install [--with-recommends] PACKAGE...   install them with apt-get, as root or with passwordless sudo,
#                                               unless MONITORING_INSTALL=0 (then say how to install them)
#   node_ok                                     node >= 18 with npm is there
#   npm_ci DIR                                  npm ci in DIR, quietly (its log only when it fails)
#
# Debian's packages start their own services where they can (rabbitmq-server, prometheus and its exporters); the
# project runs its own privately, so those are stopped after installing.

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then sudo -n "$@"
  else return 1
  fi
}

apt_install() {
  local recommends=--no-install-recommends
  if [ "${1:-}" = --with-recommends ]; then recommends=; shift; fi
  [ $# -eq 0 ] && return 0
  [ "${MONITORING_INSTALL:-1}" = 0 ] && die "missing $* and MONITORING_INSTALL=0; install them: sudo apt-get install -y $recommends $*"
  command -v apt-get >/dev/null || die "missing $*; these scripts install them only on Debian or Ubuntu"
  log "installing $* with apt-get"
  # apt and dpkg print a line per package; keep them in a log that is shown only when something fails.
  local apt_log
  apt_log=$(mktemp /tmp/monitoring-apt.XXXXXX)
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >"$apt_log" 2>&1 ||
    { cat "$apt_log" >&2; die "cannot run apt-get as root; install $* yourself (sudo apt-get install -y $recommends $*)"; }
  # shellcheck disable=SC2086 # $recommends is empty or one option
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $recommends "$@" >>"$apt_log" 2>&1 ||
    { cat "$apt_log" >&2; die "apt-get install $* failed"; }
  rm -f "$apt_log"
  local service
  for service in rabbitmq-server prometheus prometheus-node-exporter prometheus-postgres-exporter; do
    as_root service "$service" stop >/dev/null 2>&1 || true
  done
}

node_ok() {
  command -v node >/dev/null && command -v npm >/dev/null &&
    node -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 18 ? 0 : 1)'
}

npm_ci() {
  local npm_log
  npm_log=$(mktemp /tmp/monitoring-npm.XXXXXX)
  if ! (cd "$1" && npm ci --no-audit --no-fund --loglevel=error) >"$npm_log" 2>&1; then
    cat "$npm_log" >&2
    rm -f "$npm_log"
    die "npm ci failed in ${1#"$root"/} (is the npm registry reachable?)"
  fi
  rm -f "$npm_log"
}
