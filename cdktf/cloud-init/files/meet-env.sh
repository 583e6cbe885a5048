#!/bin/bash
# Writes the stack's .env from four parts:
# - settings fixed at deploy time (/etc/meet/deploy.env, from cloud-init), MEET_ROLE among them;
# - secrets made on the primary's first run and kept after (/etc/meet/secrets.env), so they
#   never sit in Terraform state; media nodes and recorders read the ones they share with the
#   primary (Redis password, LiveKit keys) from the deployment's bucket, where the primary puts
#   them (cluster/secrets.env, with the S3 key every instance already has: docs/scaling.md);
# - what only this machine can learn: the S3 credentials Terraform put in the instance
#   metadata, the public IP (which may be a reserved one attached after boot) and the private one;
# - the settings of a deployment with media nodes or recorders (metadata meet_cluster_env), which
#   a later `cdktf deploy` changes without replacing the instance.
set -euo pipefail
etc_dir="${MEET_ETC_DIR:-/etc/meet}"
env_file="${MEET_ENV_FILE:-/opt/meet/.env}"
imds="${MEET_IMDS_URL:-http://169.254.169.254/opc/v2}"
ip_services="${MEET_PUBLIC_IP_URLS:-https://checkip.amazonaws.com https://api.ipify.org https://ifconfig.me/ip}"
s3="${MEET_S3:-/usr/local/sbin/meet-s3}"
shared_key=cluster/secrets.env
umask 077
log() { printf '[meet-env] %s\n' "$*" >&2; }
role=$(sed -n 's/^MEET_ROLE=//p' "$etc_dir/deploy.env")
role=${role:-primary}

metadata() {
  curl -fsS --retry 10 --retry-delay 3 --retry-all-errors -H 'Authorization: Bearer Oracle' "$imds/instance/metadata/$1"
}

# meet_cluster_env is set only when the deployment has media nodes or recorders: 404 means none.
cluster_settings() {
  local status
  status=$(curl -sS --retry 10 --retry-delay 3 -o "$1" -w '%{http_code}' -H 'Authorization: Bearer Oracle' "$imds/instance/metadata/meet_cluster_env") || return 1
  case "$status" in
    200) echo >>"$1" ;;
    404) : >"$1" ;;
    *) return 1 ;;
  esac
}

# Assigned first, so a failed lookup stops the script instead of writing an empty value.
s3_endpoint=$(metadata meet_s3_endpoint)
s3_access_key=$(metadata meet_s3_access_key)
s3_secret_key=$(metadata meet_s3_secret_key)
cluster_file=$(mktemp)
trap 'rm -f "$cluster_file"' EXIT
cluster_settings "$cluster_file"
bucket_env() {
  S3_ENDPOINT="$s3_endpoint" S3_ACCESS_KEY="$s3_access_key" S3_SECRET_KEY="$s3_secret_key" \
    S3_REGION=$(sed -n 's/^S3_REGION=//p' "$etc_dir/deploy.env") S3_BUCKET=$(sed -n 's/^S3_BUCKET=//p' "$etc_dir/deploy.env") "$@"
}

if [[ "$role" == primary ]]; then
  if [[ ! -s "$etc_dir/secrets.env" ]]; then
    cat >"$etc_dir/secrets.env.new" <<SECRETS
POSTGRES_PASSWORD=$(openssl rand -hex 24)
LIVEKIT_API_KEY=API$(openssl rand -hex 8)
LIVEKIT_API_SECRET=$(openssl rand -hex 32)
SECRETS
    mv "$etc_dir/secrets.env.new" "$etc_dir/secrets.env"
  fi
  # Added after the first release: instances made before get them at their next start.
  if ! grep -q '^GRAFANA_ADMIN_PASSWORD' "$etc_dir/secrets.env"; then
    echo "GRAFANA_ADMIN_PASSWORD=$(openssl rand -hex 18)" >>"$etc_dir/secrets.env"
  fi
  if ! grep -q '^REDIS_PASSWORD' "$etc_dir/secrets.env"; then
    echo "REDIS_PASSWORD=$(openssl rand -hex 24)" >>"$etc_dir/secrets.env"
  fi
  if grep -q '^MEET_CLUSTER=1$' "$cluster_file"; then
    # What the other instances need, and nothing else (not the database's or Grafana's password).
    grep -E '^(REDIS_PASSWORD|LIVEKIT_API_KEY|LIVEKIT_API_SECRET)=' "$etc_dir/secrets.env" >"$etc_dir/shared.env"
    bucket_env "$s3" put "$shared_key" "$etc_dir/shared.env" || log "could not store $shared_key in the bucket: media nodes and recorders cannot start until it is there"
  fi
else
  # The primary stores the shared secrets when its stack first starts, which may be after this
  # node boots: wait for them (30 minutes), or keep the copy from an earlier start.
  for attempt in $(seq 1 "${MEET_SHARED_ATTEMPTS:-180}"); do
    if bucket_env "$s3" get "$shared_key" >"$etc_dir/secrets.env.new" 2>/dev/null && grep -q '^REDIS_PASSWORD' "$etc_dir/secrets.env.new"; then
      mv "$etc_dir/secrets.env.new" "$etc_dir/secrets.env"
      break
    fi
    rm -f "$etc_dir/secrets.env.new"
    [[ -s "$etc_dir/secrets.env" ]] && { log "using the shared secrets of the last start"; break; }
    ((attempt % 6 == 1)) && log "waiting for the primary to store $shared_key in the bucket"
    sleep "${MEET_SHARED_RETRY_SECONDS:-10}"
  done
  [[ -s "$etc_dir/secrets.env" ]] || { log "no shared secrets from the primary"; exit 1; }
fi

public_ip() {
  local rounds=$1
  for round in $(seq 1 "$rounds"); do
    for url in $ip_services; do
      ip=$(curl -fsS --max-time 5 "$url" 2>/dev/null | tr -d '[:space:]') || continue
      if [[ "$ip" =~ ^([0-9]{1,3}\.){3}[0-9]{1,3}$ ]]; then
        echo "$ip"
        return 0
      fi
    done
    ((round < rounds)) && sleep "$round"
  done
  return 1
}

# At a reboot the address is usually known already: do not keep the stack down waiting
# for an IP echo service, fall back to the last address seen.
previous=$(sed -n 's/^PUBLIC_IP=//p' "$env_file" 2>/dev/null || true)
ip=$(public_ip "$([[ -n "$previous" ]] && echo 3 || echo 30)") || ip="$previous"
if [[ -z "$ip" ]]; then
  echo "meet-env: could not learn the public IP from $ip_services" >&2
  exit 1
fi
# The address the other instances of the VCN reach this one at (Redis, webhooks, signalling).
private_ip=${MEET_PRIVATE_IP:-$(ip -4 -o route get 10.0.0.1 2>/dev/null | sed -n 's/.* src \([0-9.]*\).*/\1/p' || true)}
{
  echo "# Written by meet-env at every start of meet.service; edit /etc/meet/deploy.env instead."
  cat "$etc_dir/deploy.env" "$etc_dir/secrets.env"
  echo "S3_ENDPOINT=$s3_endpoint"
  echo "S3_ACCESS_KEY=$s3_access_key"
  echo "S3_SECRET_KEY=$s3_secret_key"
  echo "PUBLIC_IP=$ip"
  echo "LIVEKIT_NODE_IP=$ip"
  echo "PRIVATE_IP=$private_ip"
  cat "$cluster_file"
} >"$env_file.new"
mv "$env_file.new" "$env_file"
