# A database for one run of the client suites; sourced by run.sh.
#
#   database_start   sets DATABASE_URL: a fresh database on the server of
#                    IDENTITY_TEST_DATABASE_URL (a maintenance URL), or on a
#                    private PostgreSQL 15 started for the run
#                    (tests/private_postgres.sh)
#   database_stop    drops that database, or stops the private server
# shellcheck shell=bash

# shellcheck source=tests/private_postgres.sh
source "$(dirname "${BASH_SOURCE[0]}")/../private_postgres.sh"
created_database=
maintenance_url=

database_start() {
  if [[ -n "${IDENTITY_TEST_DATABASE_URL:-}" ]]; then
    maintenance_url=$IDENTITY_TEST_DATABASE_URL
  else
    private_postgres_start identity-clients || return 1
    maintenance_url=$private_postgres_url
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
  if [[ -n "$created_database" && -z "$private_postgres_dir" ]]; then
    psql -X -q "$maintenance_url" \
      -c "DROP DATABASE IF EXISTS $created_database WITH (FORCE)" >/dev/null 2>&1 || true
  fi
  created_database=
  private_postgres_stop
}
