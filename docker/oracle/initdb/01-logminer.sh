#!/bin/bash
# Oracle prerequisites of the Debezium LogMiner connector, run once by gvenzl/oracle-free on the
# first start of an empty data volume (docs/production.md explains each step for a real server):
#   1. ARCHIVELOG mode (LogMiner reads archived redo once the online logs rotate)
#   2. minimal supplemental logging for the database (table-level ALL COLUMNS comes in 02-consinco.sh)
#   3. the LogMiner common user C##DBZUSER with its tablespace and grants, in the CDB and every PDB
# Every step can run again (a failed first start is retried by starting the container again), and
# the steps after the restart wait for the PDB to be open and retry while it is not.
set -euo pipefail

CDC_PASSWORD=${ORACLE_CDC_PASSWORD:-dbz}
PDB=${ORACLE_PDB:-FREEPDB1}
ORADATA=/opt/oracle/oradata/${ORACLE_SID:-FREE}
ATTEMPTS=${INIT_ATTEMPTS:-60}
PAUSE=${INIT_PAUSE_SECONDS:-5}

# wait_for_pdb: the PDB is OPEN READ WRITE (after the ARCHIVELOG restart it opens a little later)
wait_for_pdb() {
  local i state
  for ((i = 1; i <= ATTEMPTS; i++)); do
    state=$(sqlplus -s / as sysdba <<SQL || true
SET HEADING OFF FEEDBACK OFF PAGESIZE 0
SELECT open_mode FROM v\$pdbs WHERE name = '${PDB}';
SQL
)
    if [[ "$state" == *"READ WRITE"* ]]; then
      return 0
    fi
    echo "01-logminer: waiting for ${PDB} to open (${i}/${ATTEMPTS})"
    sleep "$PAUSE"
  done
  echo "01-logminer: ${PDB} did not open within $((ATTEMPTS * PAUSE))s" >&2
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
    echo "01-logminer: ${what} failed (${i}/${ATTEMPTS}), retrying in ${PAUSE}s" >&2
    sleep "$PAUSE"
  done
  echo "01-logminer: ${what} failed ${ATTEMPTS} times" >&2
  return 1
}

log_mode=$(sqlplus -s / as sysdba <<'SQL'
SET HEADING OFF FEEDBACK OFF PAGESIZE 0
SELECT log_mode FROM v$database;
SQL
)
if [[ "$log_mode" != *ARCHIVELOG* || "$log_mode" == *NOARCHIVELOG* ]]; then
  echo "01-logminer: enabling ARCHIVELOG (restarts the instance)"
  mkdir -p "${ORADATA}/recovery_area"
  sqlplus -s / as sysdba <<SQL
WHENEVER SQLERROR EXIT SQL.SQLCODE
ALTER SYSTEM SET db_recovery_file_dest_size = 10G;
ALTER SYSTEM SET db_recovery_file_dest = '${ORADATA}/recovery_area' SCOPE=SPFILE;
SHUTDOWN IMMEDIATE
STARTUP MOUNT
ALTER DATABASE ARCHIVELOG;
ALTER DATABASE OPEN;
ALTER PLUGGABLE DATABASE ALL OPEN;
ALTER PLUGGABLE DATABASE ALL SAVE STATE;
EXIT
SQL
fi

wait_for_pdb
retry "supplemental logging, tablespaces and C##DBZUSER" <<SQL
WHENEVER SQLERROR EXIT SQL.SQLCODE
ALTER DATABASE ADD SUPPLEMENTAL LOG DATA;

-- LogMiner's working tablespace, in the root and in the PDB (the common user needs quota in both);
-- "already exists" (ORA-01543, ORA-01920) counts as done, so a retry can run everything again
BEGIN
  EXECUTE IMMEDIATE q'[CREATE TABLESPACE LOGMINER_TBS DATAFILE '${ORADATA}/logminer_tbs.dbf' SIZE 25M REUSE AUTOEXTEND ON MAXSIZE UNLIMITED]';
EXCEPTION WHEN OTHERS THEN IF SQLCODE <> -1543 THEN RAISE; END IF;
END;
/
ALTER SESSION SET CONTAINER = ${PDB};
BEGIN
  EXECUTE IMMEDIATE q'[CREATE TABLESPACE LOGMINER_TBS DATAFILE '${ORADATA}/${PDB}/logminer_tbs.dbf' SIZE 25M REUSE AUTOEXTEND ON MAXSIZE UNLIMITED]';
EXCEPTION WHEN OTHERS THEN IF SQLCODE <> -1543 THEN RAISE; END IF;
END;
/
ALTER SESSION SET CONTAINER = CDB\$ROOT;
BEGIN
  EXECUTE IMMEDIATE q'[CREATE USER C##DBZUSER IDENTIFIED BY "${CDC_PASSWORD}" DEFAULT TABLESPACE LOGMINER_TBS QUOTA UNLIMITED ON LOGMINER_TBS CONTAINER=ALL]';
EXCEPTION WHEN OTHERS THEN IF SQLCODE <> -1920 THEN RAISE; END IF;
END;
/
GRANT CREATE SESSION TO C##DBZUSER CONTAINER=ALL;
GRANT SET CONTAINER TO C##DBZUSER CONTAINER=ALL;
GRANT SELECT ON V_\$DATABASE TO C##DBZUSER CONTAINER=ALL;
GRANT FLASHBACK ANY TABLE TO C##DBZUSER CONTAINER=ALL;
GRANT SELECT ANY TABLE TO C##DBZUSER CONTAINER=ALL;
GRANT SELECT_CATALOG_ROLE TO C##DBZUSER CONTAINER=ALL;
GRANT EXECUTE_CATALOG_ROLE TO C##DBZUSER CONTAINER=ALL;
GRANT SELECT ANY TRANSACTION TO C##DBZUSER CONTAINER=ALL;
GRANT SELECT ANY DICTIONARY TO C##DBZUSER CONTAINER=ALL;
GRANT LOGMINING TO C##DBZUSER CONTAINER=ALL;
GRANT CREATE TABLE TO C##DBZUSER CONTAINER=ALL;
GRANT LOCK ANY TABLE TO C##DBZUSER CONTAINER=ALL;
GRANT CREATE SEQUENCE TO C##DBZUSER CONTAINER=ALL;
GRANT EXECUTE ON DBMS_LOGMNR TO C##DBZUSER CONTAINER=ALL;
GRANT EXECUTE ON DBMS_LOGMNR_D TO C##DBZUSER CONTAINER=ALL;
GRANT SELECT ON V_\$LOG TO C##DBZUSER CONTAINER=ALL;
GRANT SELECT ON V_\$LOG_HISTORY TO C##DBZUSER CONTAINER=ALL;
GRANT SELECT ON V_\$LOGMNR_LOGS TO C##DBZUSER CONTAINER=ALL;
GRANT SELECT ON V_\$LOGMNR_CONTENTS TO C##DBZUSER CONTAINER=ALL;
GRANT SELECT ON V_\$LOGMNR_PARAMETERS TO C##DBZUSER CONTAINER=ALL;
GRANT SELECT ON V_\$LOGFILE TO C##DBZUSER CONTAINER=ALL;
GRANT SELECT ON V_\$ARCHIVED_LOG TO C##DBZUSER CONTAINER=ALL;
GRANT SELECT ON V_\$ARCHIVE_DEST_STATUS TO C##DBZUSER CONTAINER=ALL;
GRANT SELECT ON V_\$TRANSACTION TO C##DBZUSER CONTAINER=ALL;
GRANT SELECT ON V_\$MYSTAT TO C##DBZUSER CONTAINER=ALL;
GRANT SELECT ON V_\$STATNAME TO C##DBZUSER CONTAINER=ALL;
EXIT
SQL
echo "01-logminer: ARCHIVELOG, supplemental logging and C##DBZUSER ready"
