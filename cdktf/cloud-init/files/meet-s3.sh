#!/bin/bash
# The one object the instances of a deployment share through its bucket: `meet-s3 put KEY FILE`
# and `meet-s3 get KEY` (to stdout), over the S3-compatible API with the deployment's Customer
# Secret Key (S3_ENDPOINT, S3_ACCESS_KEY, S3_SECRET_KEY, S3_REGION, S3_BUCKET in the
# environment), path-style, signed with AWS Signature Version 4 by openssl and curl: no CLI
# to install on a machine that may run nothing but LiveKit. Keys are plain paths (a-z, 0-9, / . -).
set -euo pipefail
command=${1:?usage: meet-s3 put KEY FILE | get KEY}
key=${2:?usage: meet-s3 put KEY FILE | get KEY}
[[ "$key" =~ ^[A-Za-z0-9/._-]+$ ]] || { echo "meet-s3: unsupported key $key" >&2; exit 64; }

hex() { od -An -v -tx1 | tr -d ' \n'; }
sha256() { openssl dgst -sha256 -binary | hex; }
hmac() { openssl dgst -sha256 -mac HMAC -macopt "hexkey:$1" -binary | hex; }

case "$command" in
  put) method=PUT; body=${3:?usage: meet-s3 put KEY FILE} ;;
  get) method=GET; body=/dev/null ;;
  *) echo "meet-s3: unknown command $command (put or get)" >&2; exit 64 ;;
esac

endpoint=${S3_ENDPOINT%/}
host=${endpoint#*://}
path="/$S3_BUCKET/$key"
now=$(date -u +%Y%m%dT%H%M%SZ)
day=${now%%T*}
scope="$day/$S3_REGION/s3/aws4_request"
payload=$(sha256 <"$body")
signed_headers='host;x-amz-content-sha256;x-amz-date'
canonical=$(printf '%s\n%s\n\nhost:%s\nx-amz-content-sha256:%s\nx-amz-date:%s\n\n%s\n%s' "$method" "$path" "$host" "$payload" "$now" "$signed_headers" "$payload")
to_sign=$(printf 'AWS4-HMAC-SHA256\n%s\n%s\n%s' "$now" "$scope" "$(printf '%s' "$canonical" | sha256)")
signing_key=$(printf '%s' "$day" | openssl dgst -sha256 -mac HMAC -macopt "key:AWS4$S3_SECRET_KEY" -binary | hex)
for part in "$S3_REGION" s3 aws4_request; do signing_key=$(printf '%s' "$part" | hmac "$signing_key"); done
signature=$(printf '%s' "$to_sign" | hmac "$signing_key")

args=(-fsS --retry 5 --retry-delay 2 -X "$method"
  -H "x-amz-date: $now" -H "x-amz-content-sha256: $payload"
  -H "Authorization: AWS4-HMAC-SHA256 Credential=$S3_ACCESS_KEY/$scope, SignedHeaders=$signed_headers, Signature=$signature")
if [[ "$method" == PUT ]]; then args+=(--data-binary "@$body" -o /dev/null); fi
exec curl "${args[@]}" "$endpoint$path"
