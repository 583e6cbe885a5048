#!/bin/bash
# First boot (and any later run): open the firewall, mount the data volume, install Docker,
# start the stack.
# Every step checks before it acts, so running it again changes nothing that is already right.
set -euo pipefail
log() { printf '[meet-bootstrap] %s\n' "$*"; }

# With a reserved public IP the instance has no route out until Terraform attaches
# the address, a minute or so after boot: wait for it instead of failing.
for attempt in $(seq 1 120); do
  curl -fsS -o /dev/null --max-time 10 https://download.docker.com/ && break
  ((attempt == 120)) && { log "no internet access after 20 minutes"; exit 1; }
  log "waiting for internet access ($attempt)"
  sleep 10
done

# primary, or media / recorder on the other instances of a deployment (docs/scaling.md).
role=$(sed -n 's/^MEET_ROLE=//p' /etc/meet/deploy.env)
/usr/local/sbin/meet-firewall
# Only the primary keeps data (PostgreSQL, Redis, certificates), on its block volume.
if [[ "${role:-primary}" == primary ]]; then /usr/local/sbin/meet-data-volume; fi
/usr/local/sbin/meet-install-docker
systemctl daemon-reload
systemctl enable meet.service
if [[ "${role:-primary}" == primary ]]; then
  systemctl enable --now meet-backup.timer meet-watchdog.timer meet-release.timer
else
  systemctl enable --now meet-watchdog.timer
fi
# restart, not start: a second run picks up changed files and settings.
systemctl restart meet.service
log "meet.service started; follow it with: journalctl -u meet -f"
