#!/bin/bash
# Oracle's Ubuntu images reject every inbound connection but SSH in their own iptables
# rules (/etc/iptables/rules.v4, loaded at boot by netfilter-persistent), whatever the
# VCN security list allows. Accept the deployment's ports ahead of that REJECT, both in
# the saved rules (for the next boot) and in the running ones. Idempotent.
set -euo pipefail
rules_file="${MEET_RULES_V4:-/etc/iptables/rules.v4}"
ports_file="${MEET_FIREWALL_PORTS:-/etc/meet/firewall-ports}"
live="${MEET_FIREWALL_LIVE:-1}"

# Each line of the ports file: protocol, port or first:last range, one-word name, and optionally
# the only source CIDR allowed (the VCN, for Redis, webhooks and signalling between instances).
while read -r proto ports name source; do
  [[ -z "$proto" || "$proto" == \#* ]] && continue
  from=()
  [[ -n "${source:-}" ]] && from=(-s "$source")
  rule=("${from[@]}" -p "$proto" -m state --state NEW -m "$proto" --dport "$ports" -m comment --comment "meet-$name" -j ACCEPT)
  saved="-A INPUT ${rule[*]}"
  if [[ -f "$rules_file" ]] && ! grep -qxF -- "$saved" "$rules_file"; then
    # Saving with iptables-save would also capture Docker's own chains: edit the file instead.
    awk -v rule="$saved" '!done && /^-A INPUT .*-j REJECT/ { print rule; done = 1 } { print }' "$rules_file" >"$rules_file.meet"
    cat "$rules_file.meet" >"$rules_file" && rm "$rules_file.meet"
  fi
  if [[ "$live" == 1 ]] && ! iptables -C INPUT "${rule[@]}" 2>/dev/null; then
    reject=$(iptables -L INPUT --line-numbers -n | awk '$2 == "REJECT" { print $1; exit }')
    if [[ -n "$reject" ]]; then iptables -I INPUT "$reject" "${rule[@]}"; fi
  fi
done <"$ports_file"
