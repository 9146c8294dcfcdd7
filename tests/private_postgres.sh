# A private PostgreSQL 15 for a test run, tuned for speed, not durability;
# sourced by tests/run.sh and tests/clients/postgres.sh, which start it when
# no IDENTITY_TEST_DATABASE_URL names a running server.
#
#   source tests/private_postgres.sh
#   private_postgres_start identity-tests -c max_connections=400
#   echo "$private_postgres_url"   # its maintenance database
#   private_postgres_stop
#
# PostgreSQL refuses to run as root, so as root it runs as user postgres.
# shellcheck shell=bash disable=SC2034  # the variables are the sourcer's

private_postgres_bin=/usr/lib/postgresql/15/bin
private_postgres_dir=
private_postgres_url=

if [[ $(id -u) -eq 0 ]]; then
  run_as_pg() { (cd / && runuser -u postgres -- "$@"); }
else
  run_as_pg() { "$@"; }
fi

# private_postgres_start NAME [SERVER_OPTION...]: a new cluster in a
# temporary directory named after NAME, started on a free port of
# 127.0.0.1 with the server options given (e.g. -c max_connections=400);
# sets private_postgres_url. Non-zero, with PostgreSQL's log on stderr, when
# it cannot start.
private_postgres_start() {
  local name=$1 options
  shift
  options="$*"
  private_postgres_dir=$(mktemp -d "${TMPDIR:-/tmp}/$name-pg-XXXXXX")
  chmod 755 "$private_postgres_dir"
  [[ $(id -u) -ne 0 ]] || chown postgres: "$private_postgres_dir"
  run_as_pg "$private_postgres_bin/initdb" -D "$private_postgres_dir/data" \
    -U postgres -A trust -E UTF8 --locale=C --no-sync \
    >"$private_postgres_dir/initdb.log" 2>&1 || {
    cat "$private_postgres_dir/initdb.log" >&2
    return 1
  }
  local port
  for _ in 1 2 3 4 5; do
    port=$((20000 + RANDOM % 30000))
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then continue; fi
    if run_as_pg "$private_postgres_bin/pg_ctl" -D "$private_postgres_dir/data" \
      -l "$private_postgres_dir/postgres.log" -w -t 60 \
      -o "-p $port -c listen_addresses=127.0.0.1 \
      -c unix_socket_directories='' -c fsync=off -c synchronous_commit=off \
      -c full_page_writes=off $options" start >/dev/null 2>&1; then
      private_postgres_url="postgresql://postgres@127.0.0.1:$port/postgres"
      return 0
    fi
  done
  cat "$private_postgres_dir/postgres.log" >&2
  return 1
}

# Stops the server private_postgres_start started, if any, and removes its
# files.
private_postgres_stop() {
  if [[ -n "$private_postgres_dir" ]]; then
    run_as_pg "$private_postgres_bin/pg_ctl" -D "$private_postgres_dir/data" \
      -m immediate -w stop >/dev/null 2>&1 || true
    rm -rf "$private_postgres_dir"
    private_postgres_dir=
    private_postgres_url=
  fi
}
