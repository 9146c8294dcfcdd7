#!/usr/bin/env bash
# Fetches the Envoy API protos that envoy.service.auth.v3.Authorization needs
# from a maintained package instead of copying them into the repository: the
# npm package @grpc/grpc-js-xds ships envoy-api, xds (udpa), googleapis and
# protoc-gen-validate under deps/. The tarball is checked against a pinned
# SHA-512 and only the listed files are unpacked.
#
#   proto/envoy/fetch_envoy_api.sh build/proto/envoy/envoy-api
#   proto/envoy/fetch_envoy_api.sh --all /tmp/envoy-api-all
#   proto/envoy/fetch_envoy_api.sh --version   # the pinned version
#
# Leaves DEST/<import path> for each proto (e.g.
# DEST/envoy/service/auth/v3/external_auth.proto); with --all, every proto of
# the package (the whole Envoy API, for validating configurations offline).
# Does nothing when DEST already holds this version. Needs npm and the npm
# registry, or IDENTITY_GRPC_JS_XDS_TGZ naming a local copy of the same
# tarball, or a folder holding it under npm pack's name (the container
# build, which has no npm, gets it that way from build_image.sh).
set -euo pipefail

version=1.14.1
sha512=1769955f011e316c35ce73d4ae9fbcca48ec20e5677fb46ff84c88bd739fcfbdf0e6d3689429f3a24a4b904fddd84871df43c99995ea09074ca71f0370126884

# external_auth.proto and everything it imports, outside google/protobuf/
# (which comes with Debian's protoc) and google/rpc/status.proto (which
# proto/CMakeLists.txt generates once for the whole build, from Debian's
# googleapis copy). Each is "<deps folder>/<import path>".
protos=(
  envoy-api/envoy/annotations/deprecation.proto
  envoy-api/envoy/config/core/v3/address.proto
  envoy-api/envoy/config/core/v3/backoff.proto
  envoy-api/envoy/config/core/v3/base.proto
  envoy-api/envoy/config/core/v3/extension.proto
  envoy-api/envoy/config/core/v3/http_uri.proto
  envoy-api/envoy/config/core/v3/socket_option.proto
  envoy-api/envoy/service/auth/v3/attribute_context.proto
  envoy-api/envoy/service/auth/v3/external_auth.proto
  envoy-api/envoy/type/v3/http_status.proto
  envoy-api/envoy/type/v3/percent.proto
  envoy-api/envoy/type/v3/semantic_version.proto
  protoc-gen-validate/validate/validate.proto
  xds/udpa/annotations/migrate.proto
  xds/udpa/annotations/status.proto
  xds/udpa/annotations/versioning.proto
  xds/xds/annotations/v3/status.proto
  xds/xds/core/v3/context_params.proto
)

if [[ "${1:-}" == --version ]]; then
  echo "$version"
  exit 0
fi
all=false
if [[ "${1:-}" == --all ]]; then
  all=true
  shift
fi
dest=${1:?usage: fetch_envoy_api.sh [--all] DEST}
# The stamp names the version and the file list, so a changed list refetches.
list_hash=$(printf '%s\n' "${protos[@]}" | sha256sum | cut -c1-12)
stamp="$dest/.grpc-js-xds-$version-$all-$list_hash"
[[ -f "$stamp" ]] && exit 0

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tarball=${IDENTITY_GRPC_JS_XDS_TGZ:-}
[[ ! -d "$tarball" ]] || tarball="$tarball/grpc-grpc-js-xds-$version.tgz"
if [[ -z "$tarball" ]]; then
  (cd "$work" && npm pack --silent "@grpc/grpc-js-xds@$version" >/dev/null)
  tarball="$work/grpc-grpc-js-xds-$version.tgz"
fi
echo "$sha512  $tarball" | sha512sum --check --quiet - || {
  echo "fetch_envoy_api.sh: $tarball is not @grpc/grpc-js-xds@$version" >&2
  exit 1
}
tar -xzf "$tarball" -C "$work" package/deps

rm -rf "$dest"
mkdir -p "$dest"
if $all; then
  for folder in "$work"/package/deps/*/; do cp -R "$folder". "$dest"/; done
else
  for proto in "${protos[@]}"; do
    import_path=${proto#*/}
    mkdir -p "$dest/$(dirname "$import_path")"
    cp "$work/package/deps/$proto" "$dest/$import_path"
  done
fi
touch "$stamp"
