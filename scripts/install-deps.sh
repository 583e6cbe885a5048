#!/usr/bin/env bash
# Installs what the tests run for real on a fresh Debian machine (as root):
# redis-server, cloud-init, chromium, coturn, prometheus, docker.io, debootstrap, qemu-user-static
# (apt), Caddy with layer4 and docker buildx (Go), MiniStack (PyPI, in a venv), livekit-server built
# from the Go module proxy and PostgreSQL 18's client programs built from Debian's source, into a
# cache reused by later runs.
# Idempotent and quick when everything is already present.
set -uo pipefail

# The pinned versions (LIVEKIT_VERSION, MINISTACK_VERSION, CADDY_VERSION, …): versions.env.
# shellcheck source=../versions.env
source "$(dirname "$0")/../versions.env"
CACHE_DIR="${MEET_CACHE_DIR:-$HOME/.cache/meet}"
LIVEKIT_BIN="$CACHE_DIR/bin/livekit-server-$LIVEKIT_VERSION"
LIVEKIT_LOG="$CACHE_DIR/livekit-build.log"
MINISTACK_VENV="$CACHE_DIR/ministack"
APT_LOG="$CACHE_DIR/apt.log"
failed=0

log() { printf '[install-deps] %s\n' "$*" >&2; }
fail() { log "FAILED: $*"; failed=1; }

# The Go build takes minutes on 2 cores: start it first, in the background.
build_livekit() {
  local gobin
  gobin="$(mktemp -d)"
  GOFLAGS=-mod=mod GOBIN="$gobin" \
    go install "github.com/livekit/livekit-server/cmd/server@$LIVEKIT_VERSION" &&
    mv "$gobin/server" "$LIVEKIT_BIN.tmp" && mv "$LIVEKIT_BIN.tmp" "$LIVEKIT_BIN"
  local status=$?
  rm -rf "$gobin"
  return $status
}

# Docker Compose's CLI, for `docker compose config` in the stack tests (tests only).
COMPOSE_BIN="$CACHE_DIR/bin/docker-compose-v5.6.0"
COMPOSE_LOG="$CACHE_DIR/compose-build.log"

# The official Go tarball's place, in case it is not on PATH.
command -v go >/dev/null || PATH="$PATH:/usr/local/go/bin"

mkdir -p "$CACHE_DIR/bin"
livekit_pid=""
if [[ -n "${LIVEKIT_SERVER_BIN:-}" ]]; then
  [[ -x "$LIVEKIT_SERVER_BIN" ]] || fail "LIVEKIT_SERVER_BIN=$LIVEKIT_SERVER_BIN is not executable"
elif [[ ! -x "$LIVEKIT_BIN" ]]; then
  if command -v go >/dev/null; then
    log "building livekit-server $LIVEKIT_VERSION in the background (log: $LIVEKIT_LOG)"
    build_livekit >"$LIVEKIT_LOG" 2>&1 &
    livekit_pid=$!
  else
    fail "go is not installed: needed to build livekit-server $LIVEKIT_VERSION"
  fi
fi

compose_pid=""
if [[ "${1:-}" != "--run" && ! -x "$COMPOSE_BIN" ]] && command -v go >/dev/null; then
  log "building docker compose in the background (log: $COMPOSE_LOG)"
  bash "$(dirname "$0")/build-compose.sh" "$COMPOSE_BIN" >"$COMPOSE_LOG" 2>&1 &
  compose_pid=$!
fi
# BuildKit's Dockerfile front end, the same checks as `docker build --check` (tests only).
DOCKERFILE_LINT_BIN="$CACHE_DIR/bin/dockerfile-lint-buildkit-v0.33.1"
if [[ "${1:-}" != "--run" && ! -x "$DOCKERFILE_LINT_BIN" ]] && command -v go >/dev/null; then
  log "building dockerfile-lint (BuildKit)"
  { GOFLAGS=-mod=mod go build -C "$(dirname "$0")/dockerfile-lint" -o "$DOCKERFILE_LINT_BIN.tmp" . &&
    mv "$DOCKERFILE_LINT_BIN.tmp" "$DOCKERFILE_LINT_BIN"; } >>"$COMPOSE_LOG.dockerfile-lint" 2>&1 || fail "dockerfile-lint build (see $COMPOSE_LOG.dockerfile-lint)"
fi
# Docker's buildx plugin: Debian's docker client has none, and Compose builds through it
# (tests only: `docker compose up --watch` in the container suite). Cached, then linked where
# the docker CLI looks for plugins.
BUILDX_VERSION=v0.38.2
BUILDX_BIN="$CACHE_DIR/bin/docker-buildx-$BUILDX_VERSION"
buildx_pid=""
if [[ "${1:-}" != "--run" && ! -x "$BUILDX_BIN" ]] && command -v go >/dev/null; then
  log "building docker buildx $BUILDX_VERSION in the background (log: $COMPOSE_LOG.buildx)"
  ( gobin="$(mktemp -d)" &&
    GOFLAGS=-mod=mod GOBIN="$gobin" go install -ldflags "-X github.com/docker/buildx/version.Version=$BUILDX_VERSION" \
      "github.com/docker/buildx/cmd/buildx@$BUILDX_VERSION" &&
    mv "$gobin/buildx" "$BUILDX_BIN" && rm -rf "$gobin" ) >"$COMPOSE_LOG.buildx" 2>&1 &
  buildx_pid=$!
fi
# actionlint checks .github/workflows (tests only); small, built after compose's modules are in.
ACTIONLINT_BIN="$CACHE_DIR/bin/actionlint-v1.7.12"
if [[ "${1:-}" != "--run" && ! -x "$ACTIONLINT_BIN" ]] && command -v go >/dev/null; then
  log "building actionlint"
  gobin="$(mktemp -d)"
  { GOFLAGS=-mod=mod GOBIN="$gobin" go install github.com/rhysd/actionlint/cmd/actionlint@v1.7.12 &&
    mv "$gobin/actionlint" "$ACTIONLINT_BIN"; } >>"$COMPOSE_LOG.actionlint" 2>&1 || fail "actionlint build (see $COMPOSE_LOG.actionlint)"
  rm -rf "$gobin"
fi

# Caddy with the layer4 module (TURN/TLS beside HTTPS on one port), the versions caddy/Dockerfile
# builds for production; the Caddy tests run it (tests only).
CADDY_BIN="$CACHE_DIR/bin/caddy-l4-v$CADDY_VERSION"
if [[ "${1:-}" != "--run" && ! -x "$CADDY_BIN" ]] && command -v go >/dev/null; then
  log "building caddy with layer4"
  { GOFLAGS=-mod=mod go build -C "$(dirname "$0")/caddy-l4" -o "$CADDY_BIN.tmp" . &&
    mv "$CADDY_BIN.tmp" "$CADDY_BIN"; } >>"$COMPOSE_LOG.caddy" 2>&1 || fail "caddy build (see $COMPOSE_LOG.caddy)"
fi

# apt: one update, only when something is missing. `--run` (npm start's prestart) skips
# what only the tests use.
# Each entry is package:command (the command tells whether the package is there); coturn's
# turnutils_uclient is the TURN client of the TURN/TLS test; prometheus brings promtool (alert
# rule tests); bison, flex, gcc, make and the -dev packages below build PostgreSQL 18's client.
# docker.io, debootstrap and qemu-user-static serve the container suite (tests/containers/): its
# own dockerd, the Debian rootfs of its stand-in images, the arm64 checks under emulation.
apt_packages=(redis-server:redis-server cloud-init:cloud-init chromium:chromium iptables:iptables coturn:turnutils_uclient
  prometheus:promtool bison:bison flex:flex gcc:gcc make:make
  docker.io:dockerd debootstrap:debootstrap qemu-user-static:qemu-aarch64-static)
build_packages=(zlib1g-dev libssl-dev)
[[ "${1:-}" == "--run" ]] && apt_packages=(redis-server:redis-server) build_packages=()
missing=()
for entry in "${apt_packages[@]}"; do
  command -v "${entry#*:}" >/dev/null || PATH="$PATH:/usr/sbin:/sbin" command -v "${entry#*:}" >/dev/null || missing+=("${entry%%:*}")
done
for pkg in "${build_packages[@]}"; do
  dpkg-query -W -f '${Status}' "$pkg" 2>/dev/null | grep -q 'ok installed' || missing+=("$pkg")
done
# MiniStack gets its own venv (it pins botocore, which would clash with other Python tools).
python3 -c 'import ensurepip, venv' 2>/dev/null || missing+=(python3-venv)
if ((${#missing[@]})); then
  log "apt-get install ${missing[*]} (log: $APT_LOG)"
  export DEBIAN_FRONTEND=noninteractive
  { apt-get update && apt-get install -y --no-install-recommends "${missing[@]}"; } >"$APT_LOG" 2>&1 ||
    { tail -n 20 "$APT_LOG" >&2; fail "apt-get install ${missing[*]}"; }
fi

# A venv breaks when the Python it was made from goes away: check it still imports, at the tested version.
ministack_check="import importlib.metadata as m; assert m.version('ministack') == '$MINISTACK_VERSION'"
if [[ -z "${MINISTACK_BIN:-}" ]] && ! "$MINISTACK_VENV/bin/python" -c "$ministack_check" 2>/dev/null; then
  log "pip install ministack==$MINISTACK_VERSION into $MINISTACK_VENV"
  { python3 -m venv --clear "$MINISTACK_VENV" &&
    "$MINISTACK_VENV/bin/pip" install --quiet "ministack==$MINISTACK_VERSION"; } >&2 ||
    fail "pip install ministack==$MINISTACK_VERSION"
fi

# pg_dump/pg_restore 18 for backups (npm run backup/restore and their tests).
PG_CLIENT_DIR="$CACHE_DIR/postgresql-18"
PG_CLIENT_LOG="$CACHE_DIR/postgresql-client-build.log"
pg_client_pid=""
if [[ "${1:-}" != "--run" && ! -x "$PG_CLIENT_DIR/bin/pg_restore" ]]; then
  log "building PostgreSQL 18's client programs in the background (log: $PG_CLIENT_LOG)"
  bash "$(dirname "$0")/build-postgres-client.sh" "$PG_CLIENT_DIR" >"$PG_CLIENT_LOG" 2>&1 &
  pg_client_pid=$!
fi

if [[ -n "$pg_client_pid" ]]; then
  log "waiting for the PostgreSQL client build"
  wait "$pg_client_pid" || { tail -n 20 "$PG_CLIENT_LOG" >&2; fail "PostgreSQL client build (see $PG_CLIENT_LOG)"; }
fi

if [[ -n "$livekit_pid" ]]; then
  log "waiting for the livekit-server build"
  wait "$livekit_pid" || { tail -n 20 "$LIVEKIT_LOG" >&2; fail "livekit-server build (see $LIVEKIT_LOG)"; }
fi

if [[ -n "$compose_pid" ]]; then
  log "waiting for the docker compose build"
  wait "$compose_pid" || { tail -n 20 "$COMPOSE_LOG" >&2; fail "docker compose build (see $COMPOSE_LOG)"; }
fi

if [[ -n "$buildx_pid" ]]; then
  log "waiting for the docker buildx build"
  wait "$buildx_pid" || { tail -n 20 "$COMPOSE_LOG.buildx" >&2; fail "docker buildx build (see $COMPOSE_LOG.buildx)"; }
fi
if [[ -x "$BUILDX_BIN" && "${1:-}" != "--run" ]]; then
  mkdir -p "$HOME/.docker/cli-plugins" && ln -sf "$BUILDX_BIN" "$HOME/.docker/cli-plugins/docker-buildx"
fi

if ((failed)); then
  # Locally a partial install still lets unrelated tests run; CI must fail.
  [[ "${CI:-}" == "true" ]] && exit 1
  log "some dependencies are missing; tests that need them will fail"
fi
exit 0
