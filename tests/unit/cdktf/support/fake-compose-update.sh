#!/bin/bash
# Stands in for `docker compose` in the meet-update test. `up --wait` "runs" the IMAGE_TAG of
# $FAKE_DIR/.env (written by the meet-env stand-in) into $FAKE_DIR/running, and fails as
# Compose does when a health check fails: for tags starting with "unhealthy".
set -euo pipefail
echo "$*" >>"$FAKE_DIR/calls"
case "$1" in
  pull) [[ "$(sed -n 's/^IMAGE_TAG=//p' "$FAKE_DIR/.env")" != missing* ]] ;;
  up)
    tag=$(sed -n 's/^IMAGE_TAG=//p' "$FAKE_DIR/.env")
    echo "$tag" >"$FAKE_DIR/running"
    [[ "$tag" != unhealthy* ]] || { echo "container meet-runtime-1 is unhealthy" >&2; exit 1; } ;;
  *) echo "fake compose: unsupported $1" >&2; exit 64 ;;
esac
