#!/usr/bin/env bash
# Waits (60 s at most) until identityd at $IDENTITY_TEST_ENDPOINT reports
# SERVING on grpc.health.v1 (so its database and change feed are live).
#
#   wait_for_server.sh PID LOG   # fails at once, showing LOG, if PID exits
set -euo pipefail
pid=$1 log=$2
deadline=$((SECONDS + 60))
# A raw call: an empty HealthCheckRequest; b"\x08\x01" is {status: SERVING}.
probe='
import sys, grpc
channel = grpc.insecure_channel(sys.argv[1])
check = channel.unary_unary("/grpc.health.v1.Health/Check")
try:
    sys.exit(0 if check(b"", timeout=2) == b"\x08\x01" else 1)
except grpc.RpcError:
    sys.exit(1)
'
until /usr/bin/python3 -c "$probe" "$IDENTITY_TEST_ENDPOINT"; do
  if ! kill -0 "$pid" 2>/dev/null; then
    echo "wait_for_server.sh: identityd exited; the end of its log:" >&2
    tail -n 20 "$log" >&2
    exit 1
  fi
  if ((SECONDS >= deadline)); then
    echo "wait_for_server.sh: identityd not SERVING after 60 s" >&2
    exit 1
  fi
  sleep 0.2
done
