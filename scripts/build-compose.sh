#!/usr/bin/env bash
# Builds Docker Compose's CLI from the Go module proxy into $1, for the tests that run
# `docker compose config` on compose.yaml (this machine has no Docker engine, only the CLI).
# `go install module@version` refuses Compose's go.mod (it has exclude directives), so the
# build happens in a throwaway module that carries the same excludes.
set -euo pipefail
out="$1"
version="${COMPOSE_VERSION:-v5.6.0}"
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
cat >"$dir/go.mod" <<MOD
module meet/compose-build

go 1.26

exclude (
	github.com/davecgh/go-spew v1.1.2-0.20180830191138-d8f796af33cc
	github.com/pmezard/go-difflib v1.0.1-0.20181226105442-5d4384ee4fb2
)
MOD
cd "$dir"
export GOFLAGS=-mod=mod
go get "github.com/docker/compose/v5/cmd@$version"
go build -trimpath -ldflags "-s -w -X github.com/docker/compose/v5/internal.Version=$version" -o "$out.tmp" github.com/docker/compose/v5/cmd
mv "$out.tmp" "$out"
