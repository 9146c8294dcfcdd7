#!/usr/bin/env bash
# Checks the API and a running identityd with tools nobody here wrote:
#   buf lint      proto/ follows buf's STANDARD rules (exceptions: proto/buf.yaml)
#   buf breaking  proto/ is compatible with the released API,
#                 proto/buf.image.binpb, and the check does fail on a deleted field
#   buf curl      lists the services through server reflection, calls
#                 GetUserInfo with the admin key, describes and checks
#                 grpc.health.v1 through reflection alone
# Needs IDENTITY_TEST_ENDPOINT and IDENTITY_TEST_ADMIN_KEY (run.sh sets them).
# Prints one line per check and "N passed, N failed"; non-zero on a failure.
#
# After an intentional API change, at release: buf build proto
#   --exclude-source-info -o proto/buf.image.binpb (and say so in the commit).
set -uo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
here="$root/tests/clients"
endpoint=${IDENTITY_TEST_ENDPOINT:?} admin_key=${IDENTITY_TEST_ADMIN_KEY:?}
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

(cd "$here" && npm ci --no-audit --no-fund --loglevel=error) || exit 1
buf="$here/node_modules/.bin/buf"
released_api="$root/proto/buf.image.binpb"
passed=0 failed=0

# check NAME COMMAND...: runs COMMAND, output to a file shown on failure.
check() {
  local name=$1
  shift
  if "$@" >"$scratch/out" 2>&1; then
    echo "ok   $name"
    passed=$((passed + 1))
  else
    echo "FAIL $name"
    sed 's/^/     /' "$scratch/out"
    failed=$((failed + 1))
  fi
}

curl_grpc() { "$buf" curl --protocol grpc --http2-prior-knowledge --timeout 10s "$@"; }
# The key goes to buf on stdin (-H @-), never on a command line.
curl_as_admin() { printf 'authorization: Bearer %s\n' "$admin_key" | curl_grpc -H @- "$@"; }

lint() { "$buf" lint "$root/proto"; }

compatible() { "$buf" breaking "$root/proto" --against "$released_api"; }

# A copy of proto/ without User.email must be refused, naming the field.
deleted_field_is_refused() {
  cp -r "$root/proto" "$scratch/proto"
  sed -i '/^  string email = 3;$/d' "$scratch/proto/identity/v1/resources.proto"
  ! grep -q 'string email = 3;' "$scratch/proto/identity/v1/resources.proto" || return 1
  if "$buf" breaking "$scratch/proto" --against "$released_api" >"$scratch/breaking" 2>&1; then
    echo "buf breaking accepted a deleted field"
    return 1
  fi
  cat "$scratch/breaking"
  grep -q '"email"' "$scratch/breaking"
}

reflection_lists_services() {
  local services
  services=$(curl_grpc --list-services "http://$endpoint") || return 1
  echo "$services"
  local service
  for service in identity.v1.OrgService identity.v1.TenantService \
    identity.v1.UserService identity.v1.AccessKeyService \
    identity.v1.AuditService grpc.health.v1.Health; do
    grep -qx "$service" <<<"$services" || {
      echo "missing: $service"
      return 1
    }
  done
}

get_user_info_as_admin() {
  local info
  info=$(curl_as_admin -d '{}' "http://$endpoint/identity.v1.UserService/GetUserInfo") || return 1
  echo "$info"
  /usr/bin/python3 -c '
import json, sys
info = json.load(sys.stdin)
assert info["id"] == "admin" and info["roles"] == ["super-admin-user"], info
assert "write:org" in info["permissions"] and len(info["permissions"]) == 24, info
' <<<"$info"
}

# A failed RPC makes buf curl exit with the gRPC code shifted left by three:
# UNAUTHENTICATED (16) is 128.
get_user_info_without_key_is_unauthenticated() {
  curl_grpc -d '{}' "http://$endpoint/identity.v1.UserService/GetUserInfo"
  local status=$?
  [[ $status -eq $((16 << 3)) ]] || {
    echo "exit status $status, want $((16 << 3)) (UNAUTHENTICATED)"
    return 1
  }
}

# Through reflection alone, with no --schema: listing methods describes every
# service, the health service as well as identity's own.
methods_are_described() {
  local methods
  methods=$(curl_grpc --list-methods "http://$endpoint") || return 1
  echo "$methods"
  grep -qx grpc.health.v1.Health/Check <<<"$methods" &&
    grep -qx grpc.health.v1.Health/Watch <<<"$methods" &&
    grep -qx identity.v1.UserService/GetUserInfo <<<"$methods"
}

health_is_serving() {
  local health
  health=$(curl_grpc -d '{}' "http://$endpoint/grpc.health.v1.Health/Check") || return 1
  echo "$health"
  [[ $(tr -d ' \n' <<<"$health") == '{"status":"SERVING"}' ]]
}

check "buf lint proto" lint
check "buf breaking against proto/buf.image.binpb" compatible
check "buf breaking refuses a deleted field (self-test)" deleted_field_is_refused
check "buf curl --list-services via reflection" reflection_lists_services
check "buf curl GetUserInfo with the admin key" get_user_info_as_admin
check "buf curl GetUserInfo without a key: UNAUTHENTICATED" get_user_info_without_key_is_unauthenticated
check "buf curl --list-methods via reflection, grpc.health.v1 too" methods_are_described
check "buf curl grpc.health.v1.Health/Check: SERVING" health_is_serving

echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
