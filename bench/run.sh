#!/usr/bin/env bash
# The benchmark suite, in one command: builds identityd and the benchmark
# tools in Release, starts a private durable PostgreSQL (default fsync and
# synchronous_commit) and identityd replicas on it, loads a data set, and
# measures each performance target against a baseline taken in the same run,
# in alternating rounds, quoting medians. Writes the table, the page query's
# plan and a chart into docs/benchmarks.md and docs/benchmarks.svg.
#
#   bench/run.sh            # full: 3 rounds, 1M users, ~10 minutes
#   bench/run.sh --smoke    # a few seconds per step: does everything work?
#   bench/run.sh --smoke --build-dir build   # reuse tests/run.sh's build
#
# A benchmark prints and never fails on speed: the exit status is non-zero
# only when a step breaks (a server does not start, calls fail, a tool
# errs). --smoke writes nothing under docs/.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
pg_bin=/usr/lib/postgresql/15/bin

smoke=0
build_dir="$root/build-release"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --smoke) smoke=1 ;;
    --build-dir) build_dir=$(realpath -m "$2"); shift ;;
    *) echo "usage: bench/run.sh [--smoke] [--build-dir DIR]" >&2; exit 2 ;;
  esac
  shift
done

if [[ $smoke -eq 1 ]]; then
  rounds=1 seconds=1 users=2000 orgs=20 keys=500 cached_keys=500
  small_users=1000 small_orgs=10 trials=5
else
  rounds=3 seconds=5 users=1000000 orgs=10000 keys=200000
  # Each key is a cache miss, a database lookup: on a loaded machine that
  # ran at under 100 per second, so 200,000 (the identity cache's capacity)
  # is for a quiet one: IDENTITY_BENCH_CACHED_KEYS=200000.
  cached_keys=${IDENTITY_BENCH_CACHED_KEYS:-20000}
  small_users=1000 small_orgs=10 trials=100
fi
get_user_info_in_flight=64
create_user_in_flight=16
# Pool sizes chosen from measurements: see docs/benchmarks.md.
pool_size=${IDENTITY_BENCH_POOL_SIZE:-8}

say() { printf 'bench/run.sh: %s\n' "$*" >&2; }
fail() {
  say "FAILED: $*"
  exit 1
}

packages=(build-essential cmake ccache pkg-config protobuf-compiler
  protobuf-compiler-grpc libprotobuf-dev libgrpc++-dev libpqxx-dev libpq-dev
  libabsl-dev libssl-dev grpc-proto postgresql-15 postgresql-client-15)
# The chart is drawn by the full run only.
[[ $smoke -eq 1 ]] || packages+=(gnuplot-nox)
deploy/local/install-packages.sh "${packages[@]}"

# --- Build -------------------------------------------------------------------
if [[ ! -f "$build_dir/CMakeCache.txt" ]]; then
  say "configuring a Release build in $build_dir"
  cmake -S "$root" -B "$build_dir" -DCMAKE_BUILD_TYPE=Release \
    -DBUILD_TESTING=OFF >/dev/null
fi
say "building identityd and the benchmark tools in $build_dir"
cmake --build "$build_dir" -j "$(nproc)" \
  --target identityd load_generator echo_server >/dev/null
identityd="$build_dir/identityd/identityd"
load_generator="$build_dir/bench/load_generator"
echo_server="$build_dir/bench/echo_server"
build_type=$(sed -n 's/^CMAKE_BUILD_TYPE:STRING=//p' "$build_dir/CMakeCache.txt")

# --- Processes of the run, stopped on exit -----------------------------------
work=$(mktemp -d "${TMPDIR:-/tmp}/identity-bench-XXXXXX")
chmod 755 "$work"
pids=()
pg_started=0
if [[ $(id -u) -eq 0 ]]; then
  as_pg() { (cd / && runuser -u postgres -- "$@"); }
  chown postgres: "$work"
else
  as_pg() { "$@"; }
fi
cleanup() {
  local status=$? pid
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [[ $pg_started -eq 1 ]]; then
    as_pg "$pg_bin/pg_ctl" -D "$work/pg" -m fast -w stop >/dev/null 2>&1 || true
  fi
  if [[ $status -ne 0 ]]; then
    say "logs kept in $work"
  else
    rm -rf "$work"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# A port nothing listens on, below Linux's ephemeral range (32768 and up by
# default), where an outgoing connection of this run cannot already hold it
# as its local port (which made a replica fail with "Address already in use").
free_port() {
  local port
  while :; do
    port=$((20000 + RANDOM % 12000))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || break
  done
  echo "$port"
}

load_before=$(uptime)

# --- A durable PostgreSQL ----------------------------------------------------
say "starting PostgreSQL (durable: default fsync and synchronous_commit)"
as_pg "$pg_bin/initdb" -D "$work/pg" -U postgres -A trust -E UTF8 --locale=C \
  >"$work/initdb.log" 2>&1 || { fail "initdb: see $work/initdb.log"; }
pg_port=$(free_port)
as_pg "$pg_bin/pg_ctl" -D "$work/pg" -l "$work/postgres.log" -w -t 60 \
  -o "-p $pg_port -c listen_addresses=127.0.0.1 -c unix_socket_directories='' \
  -c max_connections=300 -c shared_buffers=256MB" start >/dev/null ||
  { fail "PostgreSQL did not start: see $work/postgres.log"; }
pg_started=1
psql_to() {
  local database=$1
  shift
  "$pg_bin/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$pg_port" \
    -U postgres -d "$database" "$@"
}
for database in bench_large bench_small; do
  psql_to postgres -c "CREATE DATABASE $database"
done
url_of() { echo "postgresql://postgres@127.0.0.1:$pg_port/$1"; }

# --- identityd ---------------------------------------------------------------
IDENTITY_BOOTSTRAP_ADMIN_KEY=$("$identityd" --generate_key)
export IDENTITY_BOOTSTRAP_ADMIN_KEY
export IDENTITY_ACCESS_KEY=$IDENTITY_BOOTSTRAP_ADMIN_KEY

# start_identityd NAME DATABASE [POOL_SIZE [FLAG...]]: starts a replica,
# waits until it is SERVING, and sets port_NAME, pid_NAME and ready_ms
# (start to SERVING).
start_identityd() {
  local name=$1 database=$2 pool=${3:-$pool_size} port started pid ready
  shift $(($# < 3 ? $# : 3))
  port=$(free_port)
  started=$(date +%s%N)
  "$identityd" --listen="127.0.0.1:$port" --database_url="$(url_of "$database")" \
    --database_pool_size="$pool" "$@" >"$work/identityd-$name.log" 2>&1 &
  pid=$!
  pids+=("$pid")
  ready=$("$load_generator" --mode=wait_ready --target="127.0.0.1:$port" \
    --since_unix_nanos="$started") ||
    { fail "identityd $name not ready: see $work/identityd-$name.log"; }
  printf -v "port_$name" '%s' "$port"
  printf -v "pid_$name" '%s' "$pid"
  ready_ms=$(awk '/^ready_ms/ {print $2}' <<<"$ready")
}
stop_identityd() {
  kill "$1"
  wait "$1" 2>/dev/null || true
}
rss_mib() { awk '/^VmRSS/ {printf "%.1f", $2 / 1024}' "/proc/$1/status"; }

say "starting identityd on bench_large and bench_small (migrations, bootstrap)"
start_identityd a bench_large
start_identityd small bench_small

# --- Data --------------------------------------------------------------------
say "loading $users users in $orgs orgs, $keys keys (bench/generate_data.sql)"
load_started=$(date +%s%N)
psql_to bench_large -v orgs="$orgs" -v users="$users" -v keys="$keys" \
  -f bench/generate_data.sql
load_seconds=$(awk -v ns=$(($(date +%s%N) - load_started)) \
  'BEGIN {printf "%.1f", ns / 1e9}')
psql_to bench_small -v orgs="$small_orgs" -v users="$small_users" \
  -v keys="$small_users" -f bench/generate_data.sql
say "loaded in ${load_seconds} s"

start_identityd b bench_large
# The same as a, but without its JSON line per call: what the call log costs.
start_identityd quiet bench_large "$pool_size" --log_level=off
"$load_generator" --mode=capture --out="$work/get_user_info_response.bin" \
  --target="127.0.0.1:$port_a" >/dev/null || fail "capturing GetUserInfo"
"$echo_server" --response="$work/get_user_info_response.bin" \
  --listen=127.0.0.1:0 >"$work/echo.log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do
  echo_port=$(awk '/^port/ {print $2}' "$work/echo.log")
  [[ -n "$echo_port" ]] && break
  sleep 0.05
done
[[ -n "$echo_port" ]] || fail "the echo server did not start"

# --- Measurements --------------------------------------------------------------
# Each prints one number; a failure ends the run.
figure() { awk -v name="$1" '$1 == name {print $2}'; }
rate() {
  local out
  out=$("$load_generator" --seconds="$seconds" "$@") ||
    fail "load_generator $*"
  figure calls_per_second <<<"$out"
}
# pgbench's -T counts the time its clients take to connect, which on a
# loaded machine can be seconds for 64 of them; so it runs for the
# measurement's length plus twice that connection time as measured
# just before (a short -t run), and a run that ends before any transaction
# prints no rate (then this prints 0).
pgbench_tps() {
  local out tps connect_ms
  out=$("$pg_bin/pgbench" -n -h 127.0.0.1 -p "$pg_port" -U postgres \
    -t 1 -j 2 "$@" bench_large 2>&1) || fail "pgbench $*: $out"
  connect_ms=$(sed -n 's/^initial connection time = \([0-9]*\).*/\1/p' <<<"$out")
  out=$("$pg_bin/pgbench" -n -M prepared -h 127.0.0.1 -p "$pg_port" \
    -U postgres -T "$((seconds + 1 + ${connect_ms:-0} * 2 / 1000))" -j 2 \
    "$@" bench_large 2>&1) || fail "pgbench $*: $out"
  tps=$(sed -n 's/^tps = \([0-9.]*\) (without.*/\1/p' <<<"$out")
  echo "${tps:-0}"
}
# The CPU time (user and system) process $1 has used, in clock ticks.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
clock_ticks_per_second=$(getconf CLK_TCK)
# rate_and_cpu PID ARGS...: the load generator's calls per second against
# the replica that runs as PID, and that replica's CPU microseconds per
# successful call: a cost that the machine's other load disturbs far less
# than a rate.
rate_and_cpu() {
  local pid=$1 out before after
  shift
  before=$(cpu_ticks "$pid")
  out=$("$load_generator" --seconds="$seconds" "$@") ||
    fail "load_generator $*"
  after=$(cpu_ticks "$pid")
  awk -v rate="$(figure calls_per_second <<<"$out")" \
    -v calls="$(figure succeeded <<<"$out")" -v ticks=$((after - before)) \
    -v hz="$clock_ticks_per_second" \
    'BEGIN {printf "%s %.1f\n", rate, (calls > 0 ? ticks / hz * 1e6 / calls : 0)}'
}
median() { printf '%s\n' "$@" | sort -g | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", (b > 0 ? a / b : 0)}'; }

declare -A samples
record() { samples[$1]+="$2 "; }

create_tenants=$((orgs < 100 ? orgs : 100))
for round in $(seq "$rounds"); do
  say "round $round of $rounds"
  echo_rate=$(rate --mode=get_user_info --target="127.0.0.1:$echo_port" \
    --in_flight="$get_user_info_in_flight")
  out=$(rate_and_cpu "$pid_a" --mode=get_user_info \
    --target="127.0.0.1:$port_a" --in_flight="$get_user_info_in_flight")
  read -r info_rate info_cpu <<<"$out"
  out=$(rate_and_cpu "$pid_quiet" --mode=get_user_info \
    --target="127.0.0.1:$port_quiet" --in_flight="$get_user_info_in_flight")
  read -r quiet_rate quiet_cpu <<<"$out"
  check_rate=$(rate --mode=envoy_check --target="127.0.0.1:$port_a" \
    --in_flight="$get_user_info_in_flight")
  lookup_tps=$(pgbench_tps -c "$get_user_info_in_flight" -D keys="$keys" \
    -f bench/pgbench/lookup_key.sql)
  create_rate=$(rate --mode=create_user --target="127.0.0.1:$port_a" \
    --in_flight="$create_user_in_flight" --tenants="$create_tenants" \
    --id_prefix="new-$round-")
  insert_tps=$(pgbench_tps -c "$create_user_in_flight" \
    -D tenants="$create_tenants" -f bench/pgbench/insert_user.sql)
  create_sql_tps=$(pgbench_tps -c "$create_user_in_flight" \
    -D tenants="$create_tenants" -f bench/pgbench/create_user_transaction.sql)
  list_large=$(rate --mode=list_users --target="127.0.0.1:$port_a" \
    --org=bench-org-0 --in_flight=16 --start_tokens="$work/tokens-large")
  list_small=$(rate --mode=list_users --target="127.0.0.1:$port_small" \
    --org=bench-org-0 --in_flight=16 --start_tokens="$work/tokens-small")
  say "  GetUserInfo $info_rate/s, $info_cpu µs CPU each ($quiet_rate/s," \
    "$quiet_cpu µs without the call log), Envoy Check $check_rate/s," \
    "echo $echo_rate/s, pgbench lookup $lookup_tps/s;" \
    "CreateUser $create_rate/s, pgbench insert $insert_tps/s," \
    "pgbench CreateUser's SQL $create_sql_tps/s;" \
    "ListUsers pages $list_large/s at $users users, $list_small/s at $small_users"
  record echo "$echo_rate"
  record info "$info_rate"
  record check "$check_rate"
  record lookup "$lookup_tps"
  record create "$create_rate"
  record insert "$insert_tps"
  record create_sql "$create_sql_tps"
  record list_large "$list_large"
  record list_small "$list_small"
  record quiet "$quiet_rate"
  record info_vs_echo "$(ratio "$info_rate" "$echo_rate")"
  record check_vs_info "$(ratio "$check_rate" "$info_rate")"
  record info_cpu "$info_cpu"
  record quiet_cpu "$quiet_cpu"
  record log_cpu "$(ratio "$info_cpu" "$quiet_cpu")"
  record info_vs_lookup "$(ratio "$info_rate" "$lookup_tps")"
  record create_vs_insert "$(ratio "$create_rate" "$insert_tps")"
  record create_sql_vs_insert "$(ratio "$create_sql_tps" "$insert_tps")"
  record create_vs_create_sql "$(ratio "$create_rate" "$create_sql_tps")"
  # A page's cost is the inverse of the pages per second.
  record list_cost "$(ratio "$list_small" "$list_large")"
done
med() { median ${samples[$1]}; }

say "CreateUser with database pools of 4, 8 and 16 connections"
pool_sizes=(4 8 16)
for size in "${pool_sizes[@]}"; do start_identityd "pool$size" bench_large "$size"; done
for round in $(seq "$rounds"); do
  for size in "${pool_sizes[@]}"; do
    port_var="port_pool$size"
    pool_rate=$(rate --mode=create_user --target="127.0.0.1:${!port_var}" \
      --in_flight="$create_user_in_flight" --tenants="$create_tenants" \
      --id_prefix="pool-$size-$round-")
    record "pool$size" "$pool_rate"
  done
done
for size in "${pool_sizes[@]}"; do
  pid_var="pid_pool$size"
  stop_identityd "${!pid_var}"
done

say "revocation: $trials keys deleted through replica a, polled on replica b"
revocation=$("$load_generator" --mode=revocation --target="127.0.0.1:$port_a" \
  --replica="127.0.0.1:$port_b" --trials="$trials") || fail "revocation"
revocation_p50=$(figure p50_ms <<<"$revocation")
revocation_p99=$(figure p99_ms <<<"$revocation")

say "start to ready, idle RSS, RSS with $cached_keys cached keys"
ready_samples=()
for round in $(seq "$rounds"); do
  start_identityd fresh bench_large
  ready_samples+=("$ready_ms")
  if [[ $round -lt $rounds ]]; then stop_identityd "$pid_fresh"; fi
done
sleep 1
idle_rss=$(rss_mib "$pid_fresh")
"$load_generator" --mode=authenticate_keys --target="127.0.0.1:$port_fresh" \
  --keys="$cached_keys" >/dev/null || fail "authenticating the bench keys"
cached_rss=$(rss_mib "$pid_fresh")
ready_median=$(median "${ready_samples[@]}")

# --- The page query's plan -------------------------------------------------------
# The statement of storage/postgres/statements.cc (list_users_by_org), deep
# in the big org.
explain() {
  psql_to "$1" -At <<SQL
PREPARE page(text, text, int) AS
  SELECT id, tenant_id, org_id, name, email, variables::text, roles,
         identity_micros(create_time), identity_micros(update_time), version
  FROM users WHERE org_id = \$1 AND id > \$2
  ORDER BY id LIMIT \$3;
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
  EXECUTE page('bench-org-0', 'bench-user-$(printf '%08d' $(($2 / 2)))', 100);
SQL
}
plan_large=$(explain bench_large "$users")
plan_small=$(explain bench_small "$small_users")
load_after=$(uptime)

# --- The table -----------------------------------------------------------------
table=$(
  cat <<EOF
| what | measured (median of $rounds) | baseline in the same run | target |
|---|---|---|---|
| authenticated \`GetUserInfo\` ÷ echo server with the same bytes, $get_user_info_in_flight in flight | **$(med info_vs_echo)** (rounds: ${samples[info_vs_echo]% }) | $(med info) ÷ $(med echo) calls/s | ≥ 0.9 |
| Envoy \`Check\` (key in the forwarded HTTP headers) ÷ \`GetUserInfo\`, $get_user_info_in_flight in flight | **$(med check_vs_info)** (rounds: ${samples[check_vs_info]% }) | $(med check) ÷ $(med info) calls/s | printed |
| identityd CPU per \`GetUserInfo\` with the JSON call log (\`--log_level=info\`, to a file) ÷ without (\`off\`), $get_user_info_in_flight in flight | **$(med log_cpu)** (rounds: ${samples[log_cpu]% }) | $(med info_cpu) ÷ $(med quiet_cpu) µs; $(med info) vs $(med quiet) calls/s | printed: the log's cost |
| \`GetUserInfo\` ÷ \`pgbench\` key lookup by hash joined to its user, $get_user_info_in_flight clients | **$(med info_vs_lookup)** (rounds: ${samples[info_vs_lookup]% }) | $(med info) ÷ $(med lookup) per s | > 1 |
| \`CreateUser\` ÷ \`pgbench\` single-row insert into a copy of \`users\`, $create_user_in_flight concurrent | **$(med create_vs_insert)** (rounds: ${samples[create_vs_insert]% }) | $(med create) ÷ $(med insert) per s | ≥ 0.5 |
| of which PostgreSQL: \`pgbench\` sending \`CreateUser\`'s own SQL (BEGIN; the user and its audit event in one statement; COMMIT) ÷ that single-row insert | **$(med create_sql_vs_insert)** (rounds: ${samples[create_sql_vs_insert]% }) | $(med create_sql) ÷ $(med insert) per s | printed: the limit for the create's SQL |
| and identityd: \`CreateUser\` ÷ \`pgbench\` sending its SQL | **$(med create_vs_create_sql)** (rounds: ${samples[create_vs_create_sql]% }) | $(med create) ÷ $(med create_sql) per s | printed |
| \`ListUsers\` page of 100 at $users users ÷ at $small_users users (org with half the users, pages at every depth) | **$(med list_cost)** (rounds: ${samples[list_cost]% }) | $(med list_large) vs $(med list_small) pages/s | ≤ 1.2 |
| \`CreateUser\` per s with a database pool (and executor) of 4 / 8 / 16, $create_user_in_flight concurrent | $(med pool4) / $(med pool8) / $(med pool16) | | the largest picks the default |
| revocation seen by another replica | **p50 $revocation_p50 ms, p99 $revocation_p99 ms** ($trials trials) | | p99 ≤ 100 ms |
| start to ready (process start → health SERVING) | **$ready_median ms** (starts: ${ready_samples[*]}) | | ≤ 1 s |
| idle RSS | **$idle_rss MiB** | | ≤ 50 MiB |
| RSS with $cached_keys cached keys | **$cached_rss MiB** | | printed |
| loading $users users in $orgs orgs and $keys keys (generate_data.sql) | $load_seconds s | | seconds |
EOF
)
conditions="$(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown), $build_type build, pool size $pool_size, $(nproc) cores; load before: \`${load_before#*load }\`, after: \`${load_after#*load }\`"
echo
echo "$table"
echo
echo "Conditions: $conditions"

if [[ $smoke -eq 1 ]]; then
  say "smoke run passed (docs/ left untouched)"
  exit 0
fi

# --- docs/benchmarks.md and docs/benchmarks.svg ----------------------------------
cat >"$work/chart.dat" <<EOF
"GetUserInfo ÷ echo" $(med info_vs_echo) 0.9
"GetUserInfo ÷ pgbench lookup" $(med info_vs_lookup) 1.0
"CreateUser ÷ pgbench insert" $(med create_vs_insert) 0.5
"ListUsers page 1M ÷ 1k (cost)" $(med list_cost) 1.2
EOF
gnuplot <<EOF
set terminal svg size 800,420 dynamic font "sans,12"
set output "$root/docs/benchmarks.svg"
set title "identity vs. its limits, measured in one run (median of $rounds rounds)"
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.8 border -1
set ylabel "ratio"
set yrange [0:*]
set grid ytics
set xtics noenhanced
set key top right
plot "$work/chart.dat" using 2:xtic(1) title "measured" linecolor rgb "#3465a4", \
     "" using 3 title "target" linecolor rgb "#bbbbbb"
EOF

begin_marker='<!-- bench/run.sh writes from here -->'
end_marker='<!-- bench/run.sh writes up to here -->'
generated="$work/generated.md"
{
  echo "$begin_marker"
  echo
  echo "Measured by \`bench/run.sh\`: $conditions."
  echo
  echo "$table"
  echo
  echo "![ratios against their targets](benchmarks.svg)"
  echo
  echo "Plan of the \`ListUsers\` page query (\`list_users_by_org\`), halfway"
  echo "through \`bench-org-0\` at $users users:"
  echo
  echo '```'
  echo "$plan_large"
  echo '```'
  echo
  echo "and at $small_users users:"
  echo
  echo '```'
  echo "$plan_small"
  echo '```'
  echo
  echo "$end_marker"
} >"$generated"
doc="$root/docs/benchmarks.md"
if [[ -f "$doc" ]] && grep -qF "$begin_marker" "$doc"; then
  awk -v begin="$begin_marker" -v end="$end_marker" -v file="$generated" '
    $0 == begin { while ((getline line < file) > 0) print line; skip = 1; next }
    $0 == end { skip = 0; next }
    !skip { print }' "$doc" >"$work/benchmarks.md"
  cp "$work/benchmarks.md" "$doc"
elif [[ -f "$doc" ]]; then
  { echo; cat "$generated"; } >>"$doc"
else
  { echo "# Benchmarks"; echo; cat "$generated"; } >"$doc"
fi
say "wrote docs/benchmarks.md and docs/benchmarks.svg"
