#!/bin/bash
# Run every minute by meet-watchdog.timer. Docker restarts containers that exit, not those whose
# health check fails: a container of the stack that has stayed unhealthy for longer than the
# grace period (MEET_WATCHDOG_GRACE_SECONDS, default 120) is restarted, and the restart is
# logged (journalctl -u meet-watchdog, or -t meet-watchdog). Healthy containers are never touched.
set -euo pipefail
project="${MEET_PROJECT:-meet}"
grace="${MEET_WATCHDOG_GRACE_SECONDS:-120}"
state="${MEET_WATCHDOG_STATE:-/run/meet-watchdog}"
docker="${MEET_DOCKER:-docker}"
now=$(date +%s)
log() { printf '[meet-watchdog] %s\n' "$*"; }
mkdir -p "$state"

unhealthy=$($docker ps --filter "label=com.docker.compose.project=$project" --filter health=unhealthy --format '{{.Names}}')
# Forget containers that are no longer unhealthy: a later failure starts a new grace period.
for seen in "$state"/*; do
  [[ -e "$seen" ]] || continue
  grep -qxF "$(basename "$seen")" <<<"$unhealthy" || rm -f "$seen"
done
for name in $unhealthy; do
  if [[ ! -f "$state/$name" ]]; then
    echo "$now" >"$state/$name"
    log "$name is unhealthy; restarting it if it still is in ${grace}s"
    continue
  fi
  since=$(<"$state/$name")
  if ((now - since >= grace)); then
    streak=$($docker inspect --format '{{.State.Health.FailingStreak}}' "$name" 2>/dev/null || true)
    log "restarting $name: unhealthy for $((now - since))s${streak:+, $streak failed health checks in a row}"
    $docker restart "$name" >/dev/null
    rm -f "$state/$name"
  fi
done
