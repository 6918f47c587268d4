#!/bin/bash
# Archive-log retention of the demo Oracle, run by gvenzl/oracle-free at every start of the database
# (/container-entrypoint-startdb.d): a background loop deletes, every hour, the archived redo older
# than ARCHIVELOG_RETENTION_HOURS (default 24), so the recovery area (10G, 01-logminer.sh) cannot
# fill up and stop the database. The connector must never be down longer than that: past it, it
# needs a new snapshot (docs/production.md, "Operating it"). A real site uses its RMAN backups'
# retention instead (docs/production.md, step 1).
set -euo pipefail

HOURS=${ARCHIVELOG_RETENTION_HOURS:-24}
EVERY=${ARCHIVELOG_PURGE_EVERY_SECONDS:-3600}
LOG=/tmp/archivelog-retention.log
if [[ ! "$HOURS" =~ ^[1-9][0-9]*$ || ! "$EVERY" =~ ^[1-9][0-9]*$ ]]; then
  echo "archivelog-retention: ARCHIVELOG_RETENTION_HOURS and ARCHIVELOG_PURGE_EVERY_SECONDS must be positive whole numbers" >&2
  exit 1
fi

purge() {
  rman target / <<RMAN
CROSSCHECK ARCHIVELOG ALL;
DELETE NOPROMPT ARCHIVELOG ALL COMPLETED BEFORE 'SYSDATE - ${HOURS}/24';
EXIT
RMAN
}

(
  while true; do
    purge >"$LOG" 2>&1 || echo "archivelog-retention: RMAN purge failed $(date -u +%FT%TZ)" >>"$LOG"
    sleep "$EVERY"
  done
) </dev/null >/dev/null 2>&1 &
echo "archivelog-retention: archived redo older than ${HOURS}h is deleted every ${EVERY}s"
