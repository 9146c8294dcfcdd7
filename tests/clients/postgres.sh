# A database for one run of the client suites; sourced by run.sh.
#
#   database_start   sets DATABASE_URL: a fresh database on the server of
#                    IDENTITY_TEST_DATABASE_URL (a maintenance URL), or on a
#                    private PostgreSQL 15 started for the run
#   database_stop    drops that database, or stops the private server
#
# PostgreSQL refuses to run as root, so as root it runs as user postgres.

pg_bin=/usr/lib/postgresql/15/bin
pg_dir=
created_database=
maintenance_url=

if [[ $(id -u) -eq 0 ]]; then
  run_as_pg() { (cd / && runuser -u postgres -- "$@"); }
else
  run_as_pg() { "$@"; }
fi

database_start() {
  if [[ -n "${IDENTITY_TEST_DATABASE_URL:-}" ]]; then
    maintenance_url=$IDENTITY_TEST_DATABASE_URL
  else
    _private_postgres_start || return 1
  fi
  created_database="identity_clients_$$_$RANDOM"
  psql -X -q -v ON_ERROR_STOP=1 "$maintenance_url" \
    -c "CREATE DATABASE $created_database ENCODING 'UTF8'" || return 1
  # The same URL with the new database's name in place of the last path part.
  DATABASE_URL="${maintenance_url%/*}/$created_database"
  if [[ "$maintenance_url" == *\?* ]]; then
    DATABASE_URL="${maintenance_url%%\?*}"
    DATABASE_URL="${DATABASE_URL%/*}/$created_database?${maintenance_url#*\?}"
  fi
}

database_stop() {
  if [[ -n "$created_database" && -z "$pg_dir" ]]; then
    psql -X -q "$maintenance_url" \
      -c "DROP DATABASE IF EXISTS $created_database WITH (FORCE)" >/dev/null 2>&1 || true
  fi
  created_database=
  if [[ -n "$pg_dir" ]]; then
    run_as_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    rm -rf "$pg_dir"
    pg_dir=
  fi
}

_private_postgres_start() {
  pg_dir=$(mktemp -d "${TMPDIR:-/tmp}/identity-clients-pg-XXXXXX")
  chmod 755 "$pg_dir"
  [[ $(id -u) -ne 0 ]] || chown postgres: "$pg_dir"
  run_as_pg "$pg_bin/initdb" -D "$pg_dir/data" -U postgres -A trust -E UTF8 \
    --locale=C --no-sync >"$pg_dir/initdb.log" 2>&1 || {
    cat "$pg_dir/initdb.log" >&2
    return 1
  }
  local attempt port
  for attempt in 1 2 3 4 5; do
    port=$((20000 + RANDOM % 30000))
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then continue; fi
    if run_as_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/postgres.log" \
      -w -t 60 -o "-p $port -c listen_addresses=127.0.0.1 \
      -c unix_socket_directories='' -c fsync=off -c synchronous_commit=off \
      -c full_page_writes=off" start >/dev/null 2>&1; then
      maintenance_url="postgresql://postgres@127.0.0.1:$port/postgres"
      return 0
    fi
  done
  cat "$pg_dir/postgres.log" >&2
  return 1
}
