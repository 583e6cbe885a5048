#!/bin/sh
# The official image builds Redis with protected mode off (its network is the container's);
# Debian's default is on, which would refuse the other containers.
set -eu
if [ "$1" = redis-server ]; then
  shift
  exec redis-server "$@" --protected-mode no
fi
exec "$@"
