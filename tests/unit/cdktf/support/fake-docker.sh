#!/bin/bash
# Stands in for the docker CLI in the watchdog test. $FAKE_DOCKER_DIR/containers holds one line
# per container of the project: "<name> <healthy|unhealthy|starting>"; restarts are appended to
# $FAKE_DOCKER_DIR/restarts (and make the container "starting", as Docker does).
set -euo pipefail
dir="$FAKE_DOCKER_DIR"
case "$1" in
  ps)
    args="$*"
    [[ "$args" == *"label=com.docker.compose.project=meet"* ]] || exit 0
    if [[ "$args" == *"health=unhealthy"* ]]; then awk '$2 == "unhealthy" { print $1 }' "$dir/containers"; else awk '{ print $1 }' "$dir/containers"; fi ;;
  inspect) echo 7 ;;
  restart)
    echo "$2" >>"$dir/restarts"
    awk -v name="$2" '$1 == name { $2 = "starting" } { print }' "$dir/containers" >"$dir/containers.new" && mv "$dir/containers.new" "$dir/containers"
    echo "$2" ;;
  *) echo "fake docker: unsupported $1" >&2; exit 64 ;;
esac
