#!/usr/bin/env bash
# Runs every client's own test suite against a real identityd: installs what
# is missing, builds identityd unless given one, makes a database (on the
# server of IDENTITY_TEST_DATABASE_URL, else on a private PostgreSQL), starts
# identityd with a bootstrap super admin, runs the Python (pytest), Go (go
# test) and Node (node --test) suites and the toolbelt checks (buf lint,
# breaking, curl), prints each one's pass/fail counts, stops everything it
# started, and exits non-zero if anything failed.
#
#   tests/clients/run.sh                 # every suite
#   tests/clients/run.sh python go       # some of them
#
# Environment (optional):
#   IDENTITYD                   the server binary to test (default: build
#                               identityd into build/ of the checkout)
#   IDENTITY_TEST_DATABASE_URL  maintenance URL of a running PostgreSQL; the
#                               run creates and drops a database of its own
set -euo pipefail

started=$SECONDS
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
here="$root/tests/clients"
build_dir="$root/build"
# The one place that knows where the build puts the server.
built_identityd="$build_dir/identityd/identityd"
identityd="${IDENTITYD:-}"
suites=("$@")
[[ ${#suites[@]} -gt 0 ]] || suites=(python go node toolbelt)

say() { printf 'tests/clients: %s\n' "$*"; }

# --- Packages ------------------------------------------------------------------
"$root/deploy/local/install-packages.sh" \
  protobuf-compiler protobuf-compiler-grpc grpc-proto postgresql-15 \
  postgresql-client-15 python3-grpcio python3-protobuf python3-pytest \
  python3-setuptools python3-wheel python3-venv python3-pip \
  golang-github-gogo-googleapis-dev golang-go golang-google-grpc-dev \
  golang-google-protobuf-dev golang-github-golang-protobuf-1-5-dev \
  golang-google-genproto-dev protoc-gen-go protoc-gen-go-grpc
command -v node >/dev/null || "$root/deploy/local/install-packages.sh" nodejs npm

# Without IDENTITYD: build (incrementally) the server of this checkout.
if [[ -z "$identityd" ]]; then
  say "building identityd in $build_dir"
  "$root/deploy/local/install-packages.sh" build-essential cmake ccache \
    pkg-config libprotobuf-dev libgrpc++-dev libpqxx-dev libpq-dev libabsl-dev \
    libssl-dev
  # An existing build/ keeps its configuration (tests/run.sh's has tests on).
  if [[ ! -f "$build_dir/CMakeCache.txt" ]]; then
    cmake -S "$root" -B "$build_dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
      -DBUILD_TESTING=OFF >/dev/null
  fi
  cmake --build "$build_dir" --target identityd -j "$(nproc)"
  identityd="$built_identityd"
fi
[[ -x "$identityd" ]] || {
  say "not an executable: $identityd"
  exit 1
}
say "server: $identityd"

# --- Stopping, whichever way the script ends -----------------------------------
# shellcheck source=tests/clients/postgres.sh
source "$here/postgres.sh"
work_dir=$(mktemp -d "${TMPDIR:-/tmp}/identity-clients-XXXXXX")
identityd_pid=
stop_all() {
  if [[ -n "$identityd_pid" ]]; then
    kill -TERM "$identityd_pid" 2>/dev/null || true
    wait "$identityd_pid" 2>/dev/null || true
    identityd_pid=
  fi
  database_stop
  rm -rf "$work_dir"
}
trap stop_all EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- PostgreSQL and identityd --------------------------------------------------
database_start || {
  say "could not get a database"
  exit 1
}
admin_key=$("$identityd" --generate_key)
# A port below the kernel's ephemeral range, which outgoing connections
# (PostgreSQL's, the build's) take without listening: a probe cannot see
# those, and identityd's bind would fail.
read -r ephemeral_low _ </proc/sys/net/ipv4/ip_local_port_range
port=
for attempt in 1 2 3 4 5; do
  candidate=$((10000 + RANDOM % (ephemeral_low - 10000)))
  (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null || {
    port=$candidate
    break
  }
done
endpoint="127.0.0.1:$port"
IDENTITY_BOOTSTRAP_ADMIN_KEY="$admin_key" "$identityd" --listen "$endpoint" \
  --database_url "$DATABASE_URL" >"$work_dir/identityd.log" 2>&1 </dev/null &
identityd_pid=$!

# The suites read these; the key never appears on a command line or in a log.
export IDENTITY_TEST_ENDPOINT="$endpoint" IDENTITY_TEST_ADMIN_KEY="$admin_key"
export IDENTITY_TEST_REQUIRE_LIVE=1 IDENTITY_CLIENTS_WORK_DIR="$work_dir"

# Ready when the bootstrap admin's key answers GetUserInfo (Python: the
# interpreter every machine here has).
say "starting identityd on $endpoint"
"$here/wait_for_server.sh" "$identityd_pid" "$work_dir/identityd.log" || exit 1

# --- Suites --------------------------------------------------------------------
# Each suite prints its runner's own output; counts() reads the totals back.
declare -A passed failed
failures=()

counts() { # counts SUITE LOG -> "passed failed"
  local log=$2
  case $1 in
    python) # the closing line: "=== 3 passed, 1 failed, 2 errors in 1.0s ==="
      grep -E '^=+ .* in [0-9.]+s' "$log" | tail -n 1 | awk '{
        for (i = 2; i <= NF; i++) {
          word = $i; gsub(/,/, "", word)
          if (word == "passed") p += $(i - 1)
          if (word == "failed" || word ~ /^errors?$/) f += $(i - 1)
        }
      } END { print p + 0, f + 0 }'
      ;;
    node) echo "$(awk '/^# pass /{print $3}' "$log")" "$(awk '/^# fail /{print $3}' "$log")" ;;
    go) echo "$(grep -cE '^\s*--- PASS' "$log" || true)" "$(grep -cE '^\s*--- FAIL' "$log" || true)" ;;
    toolbelt) grep -E '^[0-9]+ passed, [0-9]+ failed$' "$log" | tail -n 1 | awk '{print $1, $3}' ;;
  esac
}

for suite in "${suites[@]}"; do
  say "--- $suite suite"
  log="$work_dir/$suite.log"
  status=0
  "$here/$suite.sh" 2>&1 | tee "$log" || status=$?
  read -r p f <<<"$(counts "$suite" "$log")"
  passed[$suite]=${p:-0}
  failed[$suite]=${f:-0}
  if [[ $status -ne 0 || ${passed[$suite]} -eq 0 || ${failed[$suite]} -ne 0 ]]; then
    failures+=("$suite")
    # A suite that broke before its runner counted anything still failed.
    [[ ${failed[$suite]} -ne 0 ]] || failed[$suite]=1
  fi
done

if ! kill -0 "$identityd_pid" 2>/dev/null; then
  failures+=("identityd exited during the run")
  tail -n 20 "$work_dir/identityd.log" >&2
fi

say "--- summary ($(((SECONDS - started) / 60))m$(printf '%02d' $(((SECONDS - started) % 60)))s)"
total_passed=0 total_failed=0
for suite in "${suites[@]}"; do
  printf 'tests/clients: %-9s %s passed, %s failed\n' "$suite" "${passed[$suite]}" "${failed[$suite]}"
  total_passed=$((total_passed + passed[$suite]))
  total_failed=$((total_failed + failed[$suite]))
done
if [[ ${#failures[@]} -gt 0 ]]; then
  say "FAILED: ${failures[*]}"
  echo "clients: $total_passed passed, $total_failed failed"
  exit 1
fi
echo "clients: $total_passed passed, $total_failed failed"
