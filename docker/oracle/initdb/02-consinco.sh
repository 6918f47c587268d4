#!/bin/bash
# The Consinco side, in the PDB: the repository's own DDL (db/oracle/*.sql, mounted read-only at
# /opt/consinco-sql, not copied) as the CONSINCO schema (gvenzl creates it from APP_USER), full
# supplemental logging on the captured tables, the Debezium signal table, and a little synthetic
# seed data so that rows reach the Plusoft simulator as soon as the stack is up.
set -euo pipefail

PDB=${ORACLE_PDB:-FREEPDB1}
SQL_DIR=${CONSINCO_SQL_DIR:-/opt/consinco-sql}
SEED_DIR=${CONSINCO_SEED_DIR:-/opt/consinco-seed}
: "${APP_USER:?APP_USER (the Consinco schema) must be set}"
: "${APP_USER_PASSWORD:?APP_USER_PASSWORD must be set}"

sqlplus -s -L "${APP_USER}/${APP_USER_PASSWORD}@//localhost/${PDB}" <<SQL
WHENEVER SQLERROR EXIT SQL.SQLCODE
SET FEEDBACK OFF
@${SQL_DIR}/01_consinco_tables.sql
@${SQL_DIR}/02_plusoft_views.sql
EXIT
SQL

sqlplus -s / as sysdba <<SQL
WHENEVER SQLERROR EXIT SQL.SQLCODE
ALTER SESSION SET CONTAINER = ${PDB};

-- Debezium needs the whole old row of updates and deletes (before images for the mapper, keys for
-- tombstones): ALL COLUMNS supplemental logging on every captured table.
ALTER TABLE ${APP_USER}.MAX_EMPRESA ADD SUPPLEMENTAL LOG DATA (ALL) COLUMNS;
ALTER TABLE ${APP_USER}.GE_PESSOA ADD SUPPLEMENTAL LOG DATA (ALL) COLUMNS;
ALTER TABLE ${APP_USER}.MRL_CLIENTE ADD SUPPLEMENTAL LOG DATA (ALL) COLUMNS;
ALTER TABLE ${APP_USER}.MAP_PRODUTO ADD SUPPLEMENTAL LOG DATA (ALL) COLUMNS;
ALTER TABLE ${APP_USER}.MAP_FAMILIA ADD SUPPLEMENTAL LOG DATA (ALL) COLUMNS;
ALTER TABLE ${APP_USER}.MAP_MARCA ADD SUPPLEMENTAL LOG DATA (ALL) COLUMNS;
ALTER TABLE ${APP_USER}.MFL_DOCTOFISCAL ADD SUPPLEMENTAL LOG DATA (ALL) COLUMNS;
ALTER TABLE ${APP_USER}.MFL_DFITEM ADD SUPPLEMENTAL LOG DATA (ALL) COLUMNS;

-- The signal table (signal.data.collection = ${PDB}.DEBEZIUM.DEBEZIUM_SIGNAL) in a schema of its own,
-- so nothing is added to the ERP's schema. The connector writes incremental-snapshot watermarks here.
CREATE USER DEBEZIUM NO AUTHENTICATION DEFAULT TABLESPACE USERS QUOTA 50M ON USERS;
CREATE TABLE DEBEZIUM.DEBEZIUM_SIGNAL (
  ID   VARCHAR2(42)   PRIMARY KEY,
  TYPE VARCHAR2(32)   NOT NULL,
  DATA VARCHAR2(2048)
);
ALTER TABLE DEBEZIUM.DEBEZIUM_SIGNAL ADD SUPPLEMENTAL LOG DATA (ALL) COLUMNS;
GRANT SELECT, INSERT, UPDATE, DELETE ON DEBEZIUM.DEBEZIUM_SIGNAL TO C##DBZUSER;
-- the gateway's table channel, when used, signals as the Consinco application user
GRANT INSERT ON DEBEZIUM.DEBEZIUM_SIGNAL TO ${APP_USER};
EXIT
SQL

sqlplus -s -L "${APP_USER}/${APP_USER_PASSWORD}@//localhost/${PDB}" @${SEED_DIR}/03_seed.sql

touch /opt/oracle/oradata/.consinco-ready
echo "02-consinco: Consinco tables, views, supplemental logging, signal table and seed data ready"
