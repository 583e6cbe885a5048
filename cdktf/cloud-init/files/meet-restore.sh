#!/bin/bash
# meet-restore <file|object|latest>: puts a backup back as the stack's database. A local file is
# used as it is; anything else names a backup in the bucket. The dump is restored into a scratch
# database first and swapped in (by renaming) only when it restored completely: a corrupt or
# truncated dump is refused and the current database is left as it was.
set -euo pipefail
log() { printf '[meet-restore] %s\n' "$*" >&2; }
refuse() { log "Refused: $*. The database was not touched."; exit 1; }
[[ $# -eq 1 ]] || { echo "usage: meet-restore <file|object|latest>" >&2; exit 2; }
read -r -a compose <<<"${MEET_COMPOSE:-docker compose --project-directory /opt/meet --project-name meet}"
source="$1"
work=$(mktemp -d "${TMPDIR:-/var/tmp}/meet-restore.XXXXXX")
trap 'rm -rf "$work"' EXIT
pg() { "${compose[@]}" exec -T postgres "$@"; }
# psql on the maintenance database, as the stack's superuser; SQL on stdin.
sql() { pg sh -c 'psql -v ON_ERROR_STOP=1 -qAt -U "$POSTGRES_USER" -d postgres'; }

if [[ -f "$source" ]]; then
  cp "$source" "$work/meet.dump"
else
  "${compose[@]}" exec -T runtime node runtime/backup/main.ts download "$source" >"$work/meet.dump" || refuse "could not fetch $source from the bucket"
fi
pg pg_restore --list <"$work/meet.dump" >/dev/null 2>"$work/list.err" ||
  refuse "$source is not a readable pg_dump custom-format archive ($(head -n 2 "$work/list.err" | tr '\n' ' '))"

target=$(pg sh -c 'printf %s "$POSTGRES_DB"')
stamp=$(date -u +%Y%m%dt%H%M%S)
scratch="${target:0:40}_restore_$stamp"
previous="${target:0:40}_before_$stamp"
echo "create database \"$scratch\"" | sql
if ! pg sh -c 'pg_restore -U "$POSTGRES_USER" -d "$1" --no-owner --no-acl --exit-on-error --single-transaction' _ "$scratch" <"$work/meet.dump" 2>"$work/restore.err"; then
  echo "drop database if exists \"$scratch\" with (force)" | sql
  refuse "$source did not restore completely, it is probably truncated or damaged ($(head -n 2 "$work/restore.err" | tr '\n' ' '))"
fi

# Swap: nothing may write meanwhile, so the runtime stops for the few seconds this takes.
"${compose[@]}" stop runtime >&2
# The two renames commit together; a failure rolls both back and lets connections in again.
if ! sql <<SQL; then
alter database "$target" with allow_connections false;
begin;
select count(pg_terminate_backend(pid)) from pg_stat_activity where datname = '$target' and pid <> pg_backend_pid();
alter database "$target" rename to "$previous";
alter database "$scratch" rename to "$target";
commit;
SQL
  printf '%s\n' "alter database \"$target\" with allow_connections true" "drop database if exists \"$scratch\" with (force)" | sql || true
  "${compose[@]}" start runtime >&2
  refuse "could not set the current database aside"
fi
"${compose[@]}" start runtime >&2
log "restored $source; the database as it was is kept as $previous (drop it once you are satisfied: docker compose exec postgres dropdb -U meet $previous)"
