#!/bin/bash
# Run every minute by meet-release.timer: delivers the release the deploy workflow asked for.
# The workflow writes releases/wanted.json ({id, tag}) into this deployment's bucket; this reads
# it (through the runtime image, which holds the S3 settings), and for a request it has not seen
# runs meet-update <tag>, then writes releases/status.json (updating, then healthy or failed)
# that the workflow waits for. Each request is tried once: a tag that failed is asked for again
# with a new id. Nothing listens for it: the VM pulls, the workflow needs no SSH key.
set -euo pipefail
log() { printf '[meet-release] %s\n' "$*" >&2; }
etc_dir="${MEET_ETC_DIR:-/etc/meet}"
read -r -a objects <<<"${MEET_RELEASE_OBJECTS:-docker compose --project-directory /opt/meet --project-name meet run --rm --no-deps -T runtime node runtime/release/main.ts}"
update="${MEET_UPDATE_CMD:-/usr/local/sbin/meet-update}"
# Until the stack's first start has finished there is nothing to update (nor a health to report).
ready="${MEET_READY_CMD:-systemctl is-active --quiet meet.service}"
handled="$etc_dir/release-handled"

$ready || exit 0
wanted=$("${objects[@]}" wanted) || { log "could not read the release request from the bucket"; exit 1; }
[[ -n "$wanted" ]] || exit 0
read -r id tag <<<"$wanted"
[[ "$id" != "$(cat "$handled" 2>/dev/null)" ]] || exit 0
# Marked first: an update that is cut short (a reboot) is not started again by itself.
echo "$id" >"$handled"
current=$(sed -n 's/^IMAGE_TAG=//p' "$etc_dir/deploy.env")
report() { "${objects[@]}" report "$id" "$tag" "$1" "$(sed -n 's/^IMAGE_TAG=//p' "$etc_dir/deploy.env")"; }

log "release $id asks for $tag (running $current)"
echo "meet-update $tag started (running $current)" | report updating
if [[ "$tag" == "$current" ]]; then
  command=("$update" --check)
else
  command=("$update" "$tag")
fi
if output=$("${command[@]}" 2>&1); then
  state=healthy
else
  state=failed
fi
printf '%s\n' "$output" >&2
# The last lines say what happened (taken, rolled back, or the rollback failed too).
tail -n 6 <<<"$output" | report "$state"
log "release $id: $tag $state"
