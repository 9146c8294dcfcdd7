#!/usr/bin/env bash
# Validates the Envoy and Istio examples of deploy/k8s/examples/ offline:
# * envoy/envoy.yaml is parsed into Envoy's v3 Bootstrap message with the
#   real Envoy API protos (fetched by proto/envoy/fetch_envoy_api.sh), every
#   typed_config included, so an unknown or misspelled field, a wrong type or
#   a bad enum value fails; then the ext_authz filter must use the V3
#   transport and a gRPC service on the "identity" cluster, which must exist
#   and speak HTTP/2, and the router must come last.
# * istio/*.yaml are parsed as YAML and checked for what Istio needs: an
#   AuthorizationPolicy with action CUSTOM naming a provider that the
#   meshConfig snippet defines as envoyExtAuthzGrpc on identity's port.
# What it cannot check: Envoy's own semantic validation (PGV rules, cluster
# reachability) and Istio's CRD schema; those need envoy --mode validate and
# a cluster.
#
#   tests/deploy/validate_envoy_examples.sh [EXAMPLES_DIR]
#
# validate_manifests.sh runs it on deploy/k8s/examples (the default) and on
# broken copies, which must fail.
# Needs protoc, npm (or IDENTITY_GRPC_JS_XDS_TGZ), python3-yaml and
# python3-protobuf. Exits non-zero naming what is wrong.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
examples=${1:-"$root/deploy/k8s/examples"}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$root/proto/envoy/fetch_envoy_api.sh" --all "$work/api"
# The package's protoc-gen-validate predates one string rule that a few
# Envoy protos use; the rule only matters to Envoy's own validation, so it
# is dropped from this throw-away copy for protoc to accept them.
grep -rl 'ignore_empty: true' "$work/api" | xargs -r sed -i 's/ignore_empty: true//g'
(cd "$work/api" && protoc -I. --include_imports \
  --descriptor_set_out="$work/envoy.desc" \
  envoy/config/bootstrap/v3/bootstrap.proto \
  envoy/extensions/filters/network/http_connection_manager/v3/http_connection_manager.proto \
  envoy/extensions/filters/http/ext_authz/v3/ext_authz.proto \
  envoy/extensions/filters/http/router/v3/router.proto \
  envoy/extensions/upstreams/http/v3/http_protocol_options.proto)

# Debian's python3 with python3-yaml and python3-protobuf, not whatever a
# version manager put first on PATH.
/usr/bin/python3 "$root/tests/deploy/validate_envoy_examples.py" \
  "$work/envoy.desc" "$examples"
