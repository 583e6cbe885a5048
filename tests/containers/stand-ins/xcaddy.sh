#!/bin/sh
# Stand-in for xcaddy (test-only): `xcaddy build <version> [--with <module>@<version>]...` copies
# the prebuilt Caddy to ./caddy when its version and modules are the ones asked for, and fails
# naming the difference otherwise.
set -eu
prebuilt=/usr/local/share/meet-stand-in/caddy
[ "${1:-}" = build ] || { echo "xcaddy stand-in: only 'build' is supported" >&2; exit 1; }
version="$2"
shift 2
"$prebuilt" version | grep -q "^$version " || { echo "xcaddy stand-in: asked for Caddy $version, the prebuilt one is $("$prebuilt" version)" >&2; exit 1; }
while [ $# -gt 0 ]; do
  [ "$1" = --with ] || { echo "xcaddy stand-in: unsupported argument $1" >&2; exit 1; }
  module="${2%@*}" wanted="${2#*@}"
  "$prebuilt" build-info | grep -q "^dep	$module	$wanted	" || { echo "xcaddy stand-in: the prebuilt Caddy has no $module $wanted" >&2; exit 1; }
  shift 2
done
cp "$prebuilt" ./caddy
