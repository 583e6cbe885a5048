#!/bin/bash
# Nightly (meet-backup.timer) or by hand: a custom-format pg_dump of the stack's database,
# checked readable, uploaded to the bucket under backups/ by the runtime container (it holds
# the S3 settings), which then prunes to 7 daily + 4 weekly backups.
set -euo pipefail
log() { printf '[meet-backup] %s\n' "$*" >&2; }
read -r -a compose <<<"${MEET_COMPOSE:-docker compose --project-directory /opt/meet --project-name meet}"
work=$(mktemp -d "${TMPDIR:-/var/tmp}/meet-backup.XXXXXX")
trap 'rm -rf "$work"' EXIT

"${compose[@]}" exec -T postgres sh -c 'pg_dump -U "$POSTGRES_USER" -d "$POSTGRES_DB" --format=custom --no-owner --no-acl' >"$work/meet.dump"
if ! "${compose[@]}" exec -T postgres pg_restore --list <"$work/meet.dump" >/dev/null; then
  log "the dump is unreadable; nothing was uploaded"
  exit 1
fi
key=$("${compose[@]}" exec -T runtime node runtime/backup/main.ts upload - <"$work/meet.dump")
log "uploaded $key ($(stat -c %s "$work/meet.dump") bytes)"
