#!/bin/bash
# The Consinco side, in the PDB: the repository's own DDL (db/oracle/*.sql, mounted read-only at
# /opt/consinco-sql, not copied) as the CONSINCO schema (gvenzl creates it from APP_USER), full
# supplemental logging on the captured tables, the Debezium signal table, and a little synthetic
# seed data so that rows reach the Plusoft simulator as soon as the stack is up.
#
# The PDB's service registers with the listener a little after the ARCHIVELOG restart of
# 01-logminer.sh: the script waits for it (ORA-12514 until then) instead of failing once, and the
# DBA steps retry. The DDL runs once: its objects existing means a retry got past it.
set -euo pipefail

PDB=${ORACLE_PDB:-FREEPDB1}
SQL_DIR=${CONSINCO_SQL_DIR:-/opt/consinco-sql}
SEED_DIR=${CONSINCO_SEED_DIR:-/opt/consinco-seed}
ATTEMPTS=${INIT_ATTEMPTS:-60}
PAUSE=${INIT_PAUSE_SECONDS:-5}
: "${APP_USER:?APP_USER (the Consinco schema) must be set}"
: "${APP_USER_PASSWORD:?APP_USER_PASSWORD must be set}"
APP="${APP_USER}/${APP_USER_PASSWORD}@//localhost/${PDB}"

# wait_for_service: the application user can log in through the listener to the PDB's service
wait_for_service() {
  local i
  for ((i = 1; i <= ATTEMPTS; i++)); do
    if sqlplus -s -L "$APP" <<<"SET HEADING OFF FEEDBACK OFF
SELECT 'up' FROM dual;
EXIT" | grep -q '^up'; then
      return 0
    fi
    echo "02-consinco: waiting for the ${PDB} service (${i}/${ATTEMPTS})"
    sleep "$PAUSE"
  done
  echo "02-consinco: the ${PDB} service did not answer within $((ATTEMPTS * PAUSE))s" >&2
  return 1
}

# retry DESCRIPTION: runs the SQL on stdin as SYSDBA until it succeeds, at most ATTEMPTS times
retry() {
  local what=$1 sql i
  sql=$(cat)
  for ((i = 1; i <= ATTEMPTS; i++)); do
    if sqlplus -s / as sysdba <<<"$sql"; then
      return 0
    fi
    echo "02-consinco: ${what} failed (${i}/${ATTEMPTS}), retrying in ${PAUSE}s" >&2
    sleep "$PAUSE"
  done
  echo "02-consinco: ${what} failed ${ATTEMPTS} times" >&2
  return 1
}

wait_for_service
tables=$(sqlplus -s -L "$APP" <<<"SET HEADING OFF FEEDBACK OFF PAGESIZE 0
SELECT COUNT(*) FROM user_tables WHERE table_name = 'MAP_PRODUTO';
EXIT" | tr -d '[:space:]')
if [[ "$tables" != "1" ]]; then
  sqlplus -s -L "$APP" <<SQL
WHENEVER SQLERROR EXIT SQL.SQLCODE
SET FEEDBACK OFF
@${SQL_DIR}/01_consinco_tables.sql
@${SQL_DIR}/02_plusoft_views.sql
EXIT
SQL
fi

retry "supplemental logging, signal and heartbeat tables" <<SQL
WHENEVER SQLERROR EXIT SQL.SQLCODE
ALTER SESSION SET CONTAINER = ${PDB};

-- Debezium needs the whole old row of updates and deletes (before images for the mapper, keys for
-- tombstones): ALL COLUMNS supplemental logging on every captured table.
-- (ORA-32588: already on, from an earlier attempt)
BEGIN
  FOR t IN (SELECT column_value AS name FROM TABLE(sys.odcivarchar2list('MAX_EMPRESA', 'GE_PESSOA', 'MRL_CLIENTE',
            'MAP_PRODUTO', 'MAP_FAMILIA', 'MAP_MARCA', 'MFL_DOCTOFISCAL', 'MFL_DFITEM'))) LOOP
    BEGIN
      EXECUTE IMMEDIATE 'ALTER TABLE ${APP_USER}.' || t.name || ' ADD SUPPLEMENTAL LOG DATA (ALL) COLUMNS';
    EXCEPTION WHEN OTHERS THEN IF SQLCODE <> -32588 THEN RAISE; END IF;
    END;
  END LOOP;
END;
/

-- The signal table (signal.data.collection = ${PDB}.DEBEZIUM.DEBEZIUM_SIGNAL) in a schema of its own,
-- so nothing is added to the ERP's schema. The connector writes incremental-snapshot watermarks here.
-- "already exists" (ORA-01920, ORA-00955) counts as done, so that a retry can run it all again
BEGIN
  EXECUTE IMMEDIATE 'CREATE USER DEBEZIUM NO AUTHENTICATION DEFAULT TABLESPACE USERS QUOTA 50M ON USERS';
EXCEPTION WHEN OTHERS THEN IF SQLCODE <> -1920 THEN RAISE; END IF;
END;
/
BEGIN
  EXECUTE IMMEDIATE 'CREATE TABLE DEBEZIUM.DEBEZIUM_SIGNAL (ID VARCHAR2(42) PRIMARY KEY, TYPE VARCHAR2(32) NOT NULL, DATA VARCHAR2(2048))';
EXCEPTION WHEN OTHERS THEN IF SQLCODE <> -955 THEN RAISE; END IF;
END;
/
BEGIN
  EXECUTE IMMEDIATE 'ALTER TABLE DEBEZIUM.DEBEZIUM_SIGNAL ADD SUPPLEMENTAL LOG DATA (ALL) COLUMNS';
EXCEPTION WHEN OTHERS THEN IF SQLCODE <> -32588 THEN RAISE; END IF;
END;
/
GRANT SELECT, INSERT, UPDATE, DELETE ON DEBEZIUM.DEBEZIUM_SIGNAL TO C##DBZUSER;

-- The heartbeat table (heartbeat.action.query): the connector updates its one row every
-- heartbeat.interval.ms, so its offset moves on with the redo even while the ERP tables are quiet,
-- and a restart never asks for archived logs that were already deleted.
BEGIN
  EXECUTE IMMEDIATE 'CREATE TABLE DEBEZIUM.DEBEZIUM_HEARTBEAT (ID NUMBER(1) PRIMARY KEY, TS TIMESTAMP NOT NULL)';
  EXECUTE IMMEDIATE 'INSERT INTO DEBEZIUM.DEBEZIUM_HEARTBEAT (ID, TS) VALUES (1, SYSTIMESTAMP)';
  COMMIT;
EXCEPTION WHEN OTHERS THEN IF SQLCODE <> -955 THEN RAISE; END IF;
END;
/
BEGIN
  EXECUTE IMMEDIATE 'ALTER TABLE DEBEZIUM.DEBEZIUM_HEARTBEAT ADD SUPPLEMENTAL LOG DATA (ALL) COLUMNS';
EXCEPTION WHEN OTHERS THEN IF SQLCODE <> -32588 THEN RAISE; END IF;
END;
/
GRANT SELECT, UPDATE ON DEBEZIUM.DEBEZIUM_HEARTBEAT TO C##DBZUSER;
-- the gateway's table channel, when used, signals as the Consinco application user
GRANT INSERT ON DEBEZIUM.DEBEZIUM_SIGNAL TO ${APP_USER};
EXIT
SQL

seeded=$(sqlplus -s -L "$APP" <<<"SET HEADING OFF FEEDBACK OFF PAGESIZE 0
SELECT COUNT(*) FROM MAP_PRODUTO;
EXIT" | tr -d '[:space:]')
if [[ "$seeded" == "0" ]]; then
  sqlplus -s -L "$APP" @${SEED_DIR}/03_seed.sql
fi

touch /opt/oracle/oradata/.consinco-ready
echo "02-consinco: Consinco tables, views, supplemental logging, signal table and seed data ready"
