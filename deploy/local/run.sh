#!/usr/bin/env bash
# Runs identity on this machine: installs what is missing, builds identityd
# and identityctl (Release, in build-release/), starts a private PostgreSQL 15
# whose data lives in .local/ of this checkout, starts identityd on
# 127.0.0.1:50051 with a bootstrap super admin key, prints that key and
# commands to try, and waits. Ctrl-C (or SIGTERM) stops identityd, then
# PostgreSQL, and exits 0 if identityd stopped cleanly. Run it again and it
# reuses the data and the key.
#
#   deploy/local/run.sh
#
# Environment (optional): IDENTITY_LOCAL_LISTEN (default 127.0.0.1:50051),
# IDENTITY_LOCAL_PG_PORT (default 55432).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
local_dir="$root/.local"
build_dir="$root/build-release"
identityd="$build_dir/identityd/identityd"
identityctl="$build_dir/client/identityctl"
listen="${IDENTITY_LOCAL_LISTEN:-127.0.0.1:50051}"
pg_port="${IDENTITY_LOCAL_PG_PORT:-55432}"
pg_bin=/usr/lib/postgresql/15/bin

# Never fails: stopping must go on even when stdout is gone (a `| tee` that
# Ctrl-C ended first).
say() { printf 'run.sh: %s\n' "$*" 2>/dev/null || true; }
die() {
  printf 'run.sh: error: %s\n' "$*" >&2
  exit 1
}

# True when something accepts TCP connections on 127.0.0.1:$1.
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# --- Packages and build ------------------------------------------------------
# npm fetches the Envoy API protos (proto/envoy/); a Node.js that ships its
# own npm (NodeSource's nodejs) conflicts with Debian's npm package.
npm_package=()
command -v npm >/dev/null || npm_package=(npm)
"$root/deploy/local/install-packages.sh" \
  build-essential cmake ccache pkg-config protobuf-compiler \
  protobuf-compiler-grpc libprotobuf-dev libgrpc++-dev libpqxx-dev libpq-dev \
  libabsl-dev libssl-dev prometheus-cpp-dev postgresql-15 postgresql-client-15 \
  golang-github-gogo-googleapis-dev grpc-proto "${npm_package[@]}"

say "building identityd and identityctl in $build_dir"
cmake -S "$root" -B "$build_dir" -DCMAKE_BUILD_TYPE=Release \
  -DBUILD_TESTING=OFF >/dev/null
cmake --build "$build_dir" --target identityd identityctl -j "$(nproc)"

# --- One run per checkout ----------------------------------------------------
# Others may pass through .local (user postgres must), not list it; the
# secrets in it are readable by their owner only.
mkdir -p "$local_dir"
chmod 711 "$local_dir"
umask 077
# The lock is held on fd 9, which no child inherits (9>&-): a server left
# behind by a killed run must not block the next run, which stops it.
exec 9>"$local_dir/run.lock"
flock -n 9 || die "deploy/local/run.sh is already running in this checkout"

# PostgreSQL refuses to run as root: then it runs as user postgres.
if [[ $(id -u) -eq 0 ]]; then
  pg_user=postgres
  as_pg() { (cd / && runuser -u postgres -- "$@" 9>&-); }
else
  pg_user=$(id -un)
  as_pg() { "$@" 9>&-; }
fi

# Everything of PostgreSQL lives in .local/postgres, owned by $pg_user. When
# $pg_user cannot reach into this checkout (say, a clone in root's home), the
# directory lives under /var/lib/identity-local and .local/postgres links to it.
pg_home="$local_dir/postgres"
if [[ ! -e "$pg_home" ]]; then
  mkdir -m 700 "$pg_home"
  [[ $pg_user == "$(id -un)" ]] || chown "$pg_user:" "$pg_home"
  if ! as_pg test -w "$pg_home"; then
    rmdir "$pg_home"
    mkdir -p -m 755 /var/lib/identity-local
    outside=$(mktemp -d "/var/lib/identity-local/$(basename "$root")-XXXXXX")
    chown "$pg_user:" "$outside"
    ln -s "$outside" "$pg_home"
    say "user $pg_user cannot enter $root; PostgreSQL data goes to $outside"
  fi
fi
pg_home=$(readlink -f "$pg_home")
as_pg test -w "$pg_home" || die "user $pg_user cannot write to $pg_home"
pg_data="$pg_home/data"
pg_log="$pg_home/postgres.log"
pg_socket_dir="$pg_home/run"
password_file="$local_dir/database-password"
key_file="$local_dir/admin-key"
identityd_log="$local_dir/identityd.log"

# --- Stopping, whichever way the script ends ---------------------------------
identityd_pid=
identityd_status=0
pg_started=
stop_all() {
  trap '' INT TERM PIPE
  if [[ -n "$identityd_pid" ]] && kill -0 "$identityd_pid" 2>/dev/null; then
    say "stopping identityd (pid $identityd_pid)"
    kill -TERM "$identityd_pid" 2>/dev/null || true
    wait "$identityd_pid" 2>/dev/null || identityd_status=$?
  fi
  identityd_pid=
  if [[ -n "$pg_started" ]]; then
    say "stopping PostgreSQL"
    as_pg "$pg_bin/pg_ctl" -D "$pg_data" -m fast -w stop >/dev/null || true
    pg_started=
  fi
}
# Ctrl-C or SIGTERM is how this script is meant to end: exit 0 when
# identityd stopped cleanly, and say why not otherwise.
stop_on_signal() {
  stop_all
  if [[ $identityd_status -ne 0 ]]; then
    die "identityd exited with status $identityd_status on SIGTERM; last lines of $identityd_log:
$(tail -n 20 "$identityd_log")"
  fi
  say "stopped cleanly"
  exit 0
}
trap stop_on_signal INT TERM
trap stop_all EXIT

# --- PostgreSQL --------------------------------------------------------------
if [[ ! -f "$password_file" ]]; then
  od -An -tx1 -N24 /dev/urandom | tr -d " \n" >"$password_file"
fi
db_password=$(<"$password_file")

if [[ ! -f "$pg_data/PG_VERSION" ]]; then
  say "creating a PostgreSQL cluster in $pg_data"
  # initdb reads the superuser's password from a file $pg_user can read.
  pwfile="$pg_home/initdb-password"
  printf '%s\n' "$db_password" >"$pwfile"
  [[ $pg_user == "$(id -un)" ]] || chown "$pg_user:" "$pwfile"
  as_pg "$pg_bin/initdb" -D "$pg_data" -U postgres --pwfile="$pwfile" \
    --auth=scram-sha-256 -E UTF8 --locale=C >"$pg_home/initdb.log" 2>&1 ||
    die "initdb failed; see $pg_home/initdb.log"
  rm -f "$pwfile"
fi

# Servers left over from a run that was killed outright are stopped first.
if [[ -f "$local_dir/identityd.pid" ]]; then
  old_pid=$(<"$local_dir/identityd.pid")
  if [[ "$(cat "/proc/$old_pid/comm" 2>/dev/null)" == identityd ]]; then
    say "stopping an identityd left running by an earlier run (pid $old_pid)"
    kill -TERM "$old_pid"
    while kill -0 "$old_pid" 2>/dev/null; do sleep 0.2; done
  fi
  rm -f "$local_dir/identityd.pid"
fi
if as_pg "$pg_bin/pg_ctl" -D "$pg_data" status >/dev/null 2>&1; then
  say "stopping a PostgreSQL left running by an earlier run"
  as_pg "$pg_bin/pg_ctl" -D "$pg_data" -m fast -w stop >/dev/null
fi

port_in_use "$pg_port" &&
  die "port $pg_port is taken; choose another with IDENTITY_LOCAL_PG_PORT"
# A unix socket path must fit in 107 bytes; past that, TCP only.
socket_dirs=""
if ((${#pg_socket_dir} + 20 < 108)); then
  as_pg mkdir -p -m 700 "$pg_socket_dir"
  socket_dirs="$pg_socket_dir"
fi
say "starting PostgreSQL on 127.0.0.1:$pg_port (log: $pg_log)"
pg_started=yes
as_pg "$pg_bin/pg_ctl" -D "$pg_data" -l "$pg_log" -w -t 60 \
  -o "-p $pg_port -c listen_addresses=127.0.0.1 -c unix_socket_directories='$socket_dirs'" \
  start >/dev/null || die "PostgreSQL did not start; see $pg_log"

psql_admin() {
  PGPASSWORD="$db_password" psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 \
    -p "$pg_port" -U postgres -d postgres "$@"
}
if [[ -z "$(psql_admin -tAc "SELECT 1 FROM pg_roles WHERE rolname = 'identity'")" ]]; then
  psql_admin -c "CREATE ROLE identity LOGIN PASSWORD '$db_password'"
fi
if [[ -z "$(psql_admin -tAc "SELECT 1 FROM pg_database WHERE datname = 'identity'")" ]]; then
  say "creating database identity"
  psql_admin -c "CREATE DATABASE identity OWNER identity ENCODING 'UTF8'"
  first_run=yes
fi

# --- identityd ---------------------------------------------------------------
if [[ ! -f "$key_file" ]]; then
  "$identityd" --generate_key >"$key_file"
fi
chmod 600 "$key_file"
admin_key=$(<"$key_file")

port_in_use "${listen##*:}" &&
  die "something already listens on port ${listen##*:}; stop it, or choose another address with IDENTITY_LOCAL_LISTEN"
metrics_listen="${IDENTITY_LOCAL_METRICS_LISTEN-127.0.0.1:9090}"
say "starting identityd on $listen (log: $identityd_log)"
# In a session of its own (setsid, which execs identityd: $! is its pid), so
# that Ctrl-C reaches only this script, which stops identityd with SIGTERM:
# one way to stop, and a clean stop is told apart from a crash below.
IDENTITY_LISTEN="$listen" \
  IDENTITY_METRICS_LISTEN="$metrics_listen" \
  IDENTITY_DATABASE_URL="postgresql://identity:$db_password@127.0.0.1:$pg_port/identity" \
  IDENTITY_BOOTSTRAP_ADMIN_KEY="$admin_key" \
  setsid "$identityd" >>"$identityd_log" 2>&1 </dev/null 9>&- &
identityd_pid=$!
echo "$identityd_pid" >"$local_dir/identityd.pid"

# Ready when the admin key answers `user info`.
deadline=$((SECONDS + 60))
until answer=$(IDENTITY_ENDPOINT="$listen" IDENTITY_ACCESS_KEY="$admin_key" \
  "$identityctl" --timeout 2 user info 2>&1); do
  kill -0 "$identityd_pid" 2>/dev/null ||
    die "identityd exited; last lines of $identityd_log:
$(tail -n 20 "$identityd_log")"
  if [[ "$answer" == *UNAUTHENTICATED* ]]; then
    die "the database already has a super admin, and $key_file is not its key.
To start over with an empty database: stop this script, then rm -rf '$pg_home' '$local_dir'"
  fi
  ((SECONDS < deadline)) || die "identityd did not answer within 60 s: $answer"
  sleep 0.3
done

cat <<EOF

identity is running: identityd on $listen${metrics_listen:+ (metrics: http://$metrics_listen/metrics)},
PostgreSQL on 127.0.0.1:$pg_port.
Data: $pg_data   Logs: $identityd_log, $pg_log
Bootstrap super admin: user 'admin' in org 'root', key (also in $key_file):

  $admin_key

In another shell:

  export PATH="$build_dir/client:\$PATH"
  export IDENTITY_ENDPOINT=$listen
  export IDENTITY_ACCESS_KEY=$admin_key
  identityctl user info
EOF
if [[ -n "${first_run:-}" ]]; then
  cat <<'EOF'
  identityctl org create acme --name "Acme Inc."
  identityctl tenant create acme-eu --org acme --name "Acme Europe"
  identityctl user create alice@acme.com --tenant acme-eu --name Alice --roles api-user
  identityctl key create laptop --user alice@acme.com
  identityctl user list --org acme
  identityctl --as alice@acme.com user info
  identityctl audit list --org acme
EOF
else
  cat <<'EOF'
  identityctl org list
  identityctl audit list --org '*' --page-size 5
EOF
fi
cat <<EOF

README.md walks through more. Ctrl-C here (or kill $$) stops identityd and PostgreSQL.
EOF

# Waits for a signal (see the traps above) or for identityd to end by itself:
# status 0 is a clean stop (a SIGTERM sent to identityd itself).
status=0
wait "$identityd_pid" || status=$?
identityd_pid=
if [[ $status -eq 0 ]]; then
  say "identityd stopped cleanly"
  exit 0
fi
die "identityd exited with status $status; last lines of $identityd_log:
$(tail -n 20 "$identityd_log")"
