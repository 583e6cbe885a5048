#!/bin/bash
# meet-update <tag>: moves the stack's own images (meet-runtime, meet-site, meet-caddy) to <tag>: pull, restart
# with `docker compose up --wait`, then ask /api/health/ready through Caddy. If any step fails,
# the previous tag is put back the same way, and the command says so and fails.
# meet-update --rollback: returns to the release before the current one.
# meet-update --check: only asks /api/health/ready through Caddy (meet-release uses it).
# Releases are recorded in /etc/meet/releases (one tag per line, the current one last);
# volumes are never touched.
set -euo pipefail
log() { printf '[meet-update] %s\n' "$*" >&2; }
etc_dir="${MEET_ETC_DIR:-/etc/meet}"
read -r -a compose <<<"${MEET_COMPOSE:-docker compose --project-directory /opt/meet --project-name meet}"
write_env="${MEET_ENV_CMD:-/usr/local/sbin/meet-env}"
deploy_env="$etc_dir/deploy.env"
releases="$etc_dir/releases"
domain=$(sed -n 's/^DOMAIN=//p' "$deploy_env")
health_url="${MEET_HEALTH_URL:-https://$domain/api/health/ready}"
timeout="${MEET_UPDATE_TIMEOUT:-300}"
health_wait="${MEET_HEALTH_WAIT_SECONDS:-60}"

usage() { echo "usage: meet-update <image tag> | --rollback | --check" >&2; exit 2; }
set_tag() { sed -i "s/^IMAGE_TAG=.*/IMAGE_TAG=$1/" "$deploy_env" && "$write_env"; }
# The site through Caddy, as browsers reach it (--resolve: from the VM itself, by its name).
healthy() {
  local deadline=$((SECONDS + health_wait))
  until curl -fsS -o /dev/null --max-time 5 --resolve "$domain:443:127.0.0.1" "$health_url"; do
    ((SECONDS < deadline)) || return 1
    sleep 2
  done
}
deploy() {
  set_tag "$1" &&
    "${compose[@]}" pull runtime site caddy >&2 &&
    "${compose[@]}" up --detach --wait --wait-timeout "$timeout" >&2 &&
    healthy
}

[[ $# -eq 1 ]] || usage
role=$(sed -n 's/^MEET_ROLE=//p' "$deploy_env")
[[ "${role:-primary}" == primary ]] || { log "this instance is a ${role/media/media node}: it runs LiveKit's or Egress's images, not meet-runtime or meet-site; run meet-update on the primary"; exit 2; }
current=$(sed -n 's/^IMAGE_TAG=//p' "$deploy_env")
[[ -s "$releases" ]] || echo "$current" >"$releases"

if [[ "$1" == --check ]]; then
  healthy || { log "$current does not answer $health_url"; exit 1; }
  log "$current answers $health_url"
  exit 0
elif [[ "$1" == --rollback ]]; then
  target=$(tail -n 2 "$releases" | head -n 1)
  [[ $(wc -l <"$releases") -ge 2 && "$target" != "$current" ]] || { log "no earlier release to return to (releases: $(tr '\n' ' ' <"$releases"))"; exit 1; }
  rollback=1
else
  target="$1"
  [[ "$target" =~ ^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$ ]] || { log "not an image tag: $target"; exit 2; }
  rollback=0
fi

log "updating from $current to $target"
if deploy "$target"; then
  if ((rollback)); then sed -i '$ d' "$releases"; else echo "$target" >>"$releases"; fi
  log "now running $target (previous: $current; meet-update --rollback returns to it)"
  exit 0
fi
log "$target did not come up healthy; putting $current back"
if deploy "$current"; then
  log "rolled back: running $current again; $target was not kept"
else
  log "rolling back to $current failed too: see docker compose ps and docker compose logs"
fi
exit 1
