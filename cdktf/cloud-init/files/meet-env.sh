#!/bin/bash
# Writes the stack's .env from three parts:
# - settings fixed at deploy time (/etc/meet/deploy.env, from cloud-init);
# - secrets made on the first run and kept after (/etc/meet/secrets.env), so they never
#   sit in Terraform state;
# - what only this machine can learn: the S3 credentials Terraform put in the instance
#   metadata, and the public IP (which may be a reserved one attached after boot).
set -euo pipefail
etc_dir="${MEET_ETC_DIR:-/etc/meet}"
env_file="${MEET_ENV_FILE:-/opt/meet/.env}"
imds="${MEET_IMDS_URL:-http://169.254.169.254/opc/v2}"
ip_services="${MEET_PUBLIC_IP_URLS:-https://checkip.amazonaws.com https://api.ipify.org https://ifconfig.me/ip}"
umask 077

if [[ ! -s "$etc_dir/secrets.env" ]]; then
  cat >"$etc_dir/secrets.env.new" <<SECRETS
POSTGRES_PASSWORD=$(openssl rand -hex 24)
LIVEKIT_API_KEY=API$(openssl rand -hex 8)
LIVEKIT_API_SECRET=$(openssl rand -hex 32)
SECRETS
  mv "$etc_dir/secrets.env.new" "$etc_dir/secrets.env"
fi
# Added after the first release: instances made before get it at their next start.
if ! grep -q '^GRAFANA_ADMIN_PASSWORD' "$etc_dir/secrets.env"; then
  echo "GRAFANA_ADMIN_PASSWORD=$(openssl rand -hex 18)" >>"$etc_dir/secrets.env"
fi

metadata() {
  curl -fsS --retry 10 --retry-delay 3 --retry-all-errors -H 'Authorization: Bearer Oracle' "$imds/instance/metadata/$1"
}

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
# Assigned first, so a failed lookup stops the script instead of writing an empty value.
s3_endpoint=$(metadata meet_s3_endpoint)
s3_access_key=$(metadata meet_s3_access_key)
s3_secret_key=$(metadata meet_s3_secret_key)
{
  echo "# Written by meet-env at every start of meet.service; edit /etc/meet/deploy.env instead."
  cat "$etc_dir/deploy.env" "$etc_dir/secrets.env"
  echo "S3_ENDPOINT=$s3_endpoint"
  echo "S3_ACCESS_KEY=$s3_access_key"
  echo "S3_SECRET_KEY=$s3_secret_key"
  echo "PUBLIC_IP=$ip"
  echo "LIVEKIT_NODE_IP=$ip"
} >"$env_file.new"
mv "$env_file.new" "$env_file"
