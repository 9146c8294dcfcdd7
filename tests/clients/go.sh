#!/usr/bin/env bash
# The Go client's suite: generates identityv1 with Debian's protoc-gen-go and
# protoc-gen-go-grpc, then runs `go test` in GOPATH mode against Debian's Go
# packages (offline: no module downloads).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
"$root/client/go/generate.sh"
# shellcheck source=client/go/gopath.sh
source "$root/client/go/gopath.sh" "${IDENTITY_CLIENTS_WORK_DIR:?}/gopath"
cd "$IDENTITY_CLIENTS_WORK_DIR/gopath/src/identity/client/go"
go vet identity/client/go/identity
go test -count=1 -v identity/client/go/identity
