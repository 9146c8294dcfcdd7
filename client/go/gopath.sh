# Sourced: lays out a GOPATH in which client/go is identity/client/go, next
# to Debian's Go packages, and builds in GOPATH mode, offline.
#
#   source client/go/gopath.sh DIR   # DIR: a scratch directory for the GOPATH
_gopath_here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
mkdir -p "$1/src/identity/client"
ln -sfn "$_gopath_here" "$1/src/identity/client/go"
export GOPATH="$1:/usr/share/gocode" GO111MODULE=off GOPROXY=off
unset _gopath_here
