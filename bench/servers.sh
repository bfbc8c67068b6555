# Sourced by the bench scripts: the local RabbitMQ and PostgreSQL of scripts/infra.sh, started if none run (and
# then stopped again by servers_down, which the scripts call on exit), their addresses exported (.local/infra/env),
# and drop_run, which removes a run's database and virtual host (leftovers slow the broker).
started_infra=0
# The figures are the services' own: no Prometheus scraping and no trace export beside them (scripts/run.sh), unless
# OBSERVE=1 asks for the operators' view too (to measure what it costs).
export OBSERVE=${OBSERVE:-0}
servers_up() {
  if ! scripts/infra.sh status >/dev/null 2>&1; then
    scripts/infra.sh up
    started_infra=1
  fi
  set -a; . .local/infra/env; set +a
  mgmt="http://guest:guest@127.0.0.1:$INFRA_RABBIT_MANAGEMENT_PORT/api"
}
servers_down() { [ "$started_infra" = 1 ] && scripts/infra.sh down || true; }
drop_run() {
  psql -q -h 127.0.0.1 -p "$INFRA_PG_PORT" -U monitoring -d monitoring -c "DROP DATABASE IF EXISTS $1 WITH (FORCE)" >/dev/null
  curl -sf -X DELETE "$mgmt/vhosts/$1" >/dev/null || true
}
