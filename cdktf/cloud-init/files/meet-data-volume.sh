#!/bin/bash
# Mounts the data block volume (PostgreSQL, Redis, Caddy's certificates: all of Docker's data)
# at /var/lib/meet before Docker starts. Terraform attaches the volume shortly after the
# instance boots, so wait for it. A new, empty volume gets a filesystem; one that has a
# filesystem already (after the instance was replaced) is mounted as it is. Idempotent.
set -euo pipefail
log() { printf '[meet-data-volume] %s\n' "$*"; }
device="${MEET_DATA_DEVICE:-/dev/oracleoci/oraclevdb}"
mountpoint="${MEET_DATA_DIR:-/var/lib/meet}"
fstab="${MEET_FSTAB:-/etc/fstab}"

if mountpoint -q "$mountpoint"; then exit 0; fi
for attempt in $(seq 1 120); do
  [[ -b "$device" ]] && break
  ((attempt == 120)) && { log "no data volume at $device after 20 minutes"; exit 1; }
  log "waiting for the data volume at $device ($attempt)"
  sleep 10
done
if ! blkid "$device" >/dev/null 2>&1; then
  log "formatting the new data volume $device"
  mkfs.ext4 -q -L meet-data "$device"
fi
uuid=$(blkid -s UUID -o value "$device")
mkdir -p "$mountpoint"
if ! grep -q "^UUID=$uuid " "$fstab"; then
  # nofail: a missing volume must not stop the boot (SSH stays reachable to repair it).
  echo "UUID=$uuid $mountpoint ext4 defaults,nofail 0 2" >>"$fstab"
fi
mount "$mountpoint"
log "data volume mounted at $mountpoint"
