#!/usr/bin/env bash
# Configures and starts the machine's PostgreSQL 15 for the Debezium PostgreSQL integration test
# (extractor: DebeziumEngineIT). Installs nothing: the Debian package postgresql-15 must be there.
# Idempotent: run it as often as you like; it restarts the server only when wal_level changes.
#
#   PG_IT_DB / PG_IT_USER / PG_IT_PASSWORD  database and role the test uses (default cdc_it for all three)
set -euo pipefail

PG_VERSION=15
PG_CLUSTER=main
CONF=/etc/postgresql/${PG_VERSION}/${PG_CLUSTER}/postgresql.conf
DB=${PG_IT_DB:-cdc_it}
ROLE=${PG_IT_USER:-cdc_it}
PASSWORD=${PG_IT_PASSWORD:-cdc_it}

if [[ ! -f "$CONF" ]]; then
  echo "postgres.sh: $CONF not found: PostgreSQL ${PG_VERSION} (Debian package postgresql-${PG_VERSION}) is not installed" >&2
  exit 1
fi

# set_conf KEY VALUE: replace the (possibly commented) line of KEY, or append it.
set_conf() {
  local key=$1 value=$2
  if grep -qE "^[#[:space:]]*${key}[[:space:]]*=" "$CONF"; then
    sed -i -E "s|^[#[:space:]]*${key}[[:space:]]*=.*|${key} = ${value}|" "$CONF"
  else
    echo "${key} = ${value}" >> "$CONF"
  fi
}
# Logical decoding (pgoutput) needs wal_level=logical and free slots / WAL senders.
set_conf wal_level logical
set_conf max_replication_slots 10
set_conf max_wal_senders 10

is_up() { pg_lsclusters -h | awk -v v="$PG_VERSION" -v c="$PG_CLUSTER" '$1==v && $2==c {print $4}' | grep -q online; }
psql_admin() { su postgres -c "psql -X -v ON_ERROR_STOP=1 -qtA $*"; }

if is_up; then
  if [[ "$(psql_admin "-c 'SHOW wal_level'")" != logical ]]; then
    echo "postgres.sh: restarting PostgreSQL ${PG_VERSION} to apply wal_level=logical"
    pg_ctlcluster "$PG_VERSION" "$PG_CLUSTER" restart
  fi
else
  pg_ctlcluster "$PG_VERSION" "$PG_CLUSTER" start
fi

for _ in $(seq 1 30); do
  if su postgres -c "pg_isready -q -h 127.0.0.1 -p 5432"; then break; fi
  sleep 1
done
su postgres -c "pg_isready -h 127.0.0.1 -p 5432"

# Role with LOGIN and REPLICATION (slot + walsender); it owns the test database and so the tables
# it creates, which lets Debezium create a filtered pgoutput publication for them.
psql_admin "-d postgres" <<SQL
DO \$\$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${ROLE}') THEN
    CREATE ROLE ${ROLE} LOGIN REPLICATION PASSWORD '${PASSWORD}';
  ELSE
    ALTER ROLE ${ROLE} LOGIN REPLICATION PASSWORD '${PASSWORD}';
  END IF;
END
\$\$;
SQL
if [[ -z "$(psql_admin "-d postgres -c \"SELECT 1 FROM pg_database WHERE datname = '${DB}'\"")" ]]; then
  psql_admin "-d postgres -c 'CREATE DATABASE ${DB} OWNER ${ROLE}'"
fi

echo "postgres.sh: PostgreSQL ${PG_VERSION} up on 127.0.0.1:5432, wal_level=$(psql_admin "-c 'SHOW wal_level'"), database ${DB}, role ${ROLE}"
