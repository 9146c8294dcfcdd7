#!/usr/bin/env bash
# Generates package identityv1 (messages and gRPC clients of identity.v1) into
# client/go/identityv1 with Debian's protoc-gen-go and protoc-gen-go-grpc.
# Nothing generated is committed: the tests run this first.
#
#   client/go/generate.sh
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
proto_dir="${IDENTITY_PROTO_DIR:-$here/../../proto}"
# The import path of the generated package in the GOPATH that gopath.sh lays out.
import_path=identity/client/go/identityv1

cd "$proto_dir"
protos=(identity/v1/*.proto)
# The protos name no go_package (they are shared with C++ and other
# languages); M options give every file its Go import path instead.
mapping=()
for proto in "${protos[@]}"; do mapping+=("M$proto=$import_path"); done
go_opts=$(IFS=,; echo "${mapping[*]}")

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
protoc --proto_path=. \
  --go_out="$scratch" --go_opt="paths=source_relative,$go_opts" \
  --go-grpc_out="$scratch" --go-grpc_opt="paths=source_relative,$go_opts" \
  "${protos[@]}"
rm -rf "$here/identityv1"
mkdir -p "$here/identityv1"
mv "$scratch"/identity/v1/*.go "$here/identityv1/"
