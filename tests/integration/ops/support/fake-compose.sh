#!/bin/bash
# Stands in for `docker compose` when testing meet-backup and meet-restore without Docker:
# `exec -T postgres CMD…` runs CMD with PostgreSQL 18's client programs against the test
# server (as the postgres image would, with POSTGRES_USER and POSTGRES_DB set);
# `exec -T runtime CMD…` runs CMD in the repository with the runtime's environment;
# `stop`/`start` are recorded in $FAKE_COMPOSE_LOG. Anything else fails loudly.
set -euo pipefail
echo "$*" >>"$FAKE_COMPOSE_LOG"
case "$1" in
  exec)
    [[ "$2" == -T ]] || { echo "fake-compose: expected exec -T" >&2; exit 64; }
    service="$3"; shift 3
    case "$service" in
      postgres) PATH="$PG_BIN_DIR:$PATH" exec "$@" ;;
      runtime) cd "$REPO_ROOT" && exec "$@" ;;
      *) echo "fake-compose: no service $service" >&2; exit 64 ;;
    esac ;;
  stop | start) ;;
  *) echo "fake-compose: unsupported $1" >&2; exit 64 ;;
esac
