#!/usr/bin/env bash
# Applies a Debezium connector configuration to Kafka Connect and waits until the connector and
# all its tasks are RUNNING.
#
#   connect-config/apply-connector.sh [config.json]      (default: consinco-oracle.json beside this script)
#
#   CONNECT_URL              Kafka Connect REST endpoint (default http://localhost:8083)
#   APPLY_TIMEOUT_SECONDS    how long to wait for the REST API and then for RUNNING (default 300)
#   APPLY_POLL_SECONDS       pause between two looks at the REST API (default 3)
#
# Idempotent: PUT /connectors/{name}/config creates the connector (201) or updates it in place (200);
# running it again with the same file changes nothing. The connector name is the file name without
# .json (a test checks that it matches the "name" key). Needs bash and curl only.
set -euo pipefail

CONFIG=${1:-"$(cd "$(dirname "$0")" && pwd)/consinco-oracle.json"}
CONNECT_URL=${CONNECT_URL:-http://localhost:8083}
TIMEOUT=${APPLY_TIMEOUT_SECONDS:-300}
POLL=${APPLY_POLL_SECONDS:-3}
NAME=$(basename "$CONFIG" .json)

[[ -r "$CONFIG" ]] || { echo "apply-connector: cannot read $CONFIG" >&2; exit 2; }
deadline=$((SECONDS + TIMEOUT))

until curl -fsS -o /dev/null "$CONNECT_URL/connectors"; do
  (( SECONDS < deadline )) || { echo "apply-connector: Kafka Connect at $CONNECT_URL did not answer within ${TIMEOUT}s" >&2; exit 1; }
  sleep "$POLL"
done

class=$(sed -n 's/.*"connector.class"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p' "$CONFIG" | head -n1)
if ! curl -fsS "$CONNECT_URL/connector-plugins" | grep -q "\"$class\""; then
  echo "apply-connector: plugin $class is not installed on the Connect workers (plugin.path)" >&2
  exit 1
fi

body=$(mktemp)
trap 'rm -f "$body"' EXIT
code=$(curl -sS -o "$body" -w '%{http_code}' -X PUT -H 'Content-Type: application/json' \
  --data-binary @"$CONFIG" "$CONNECT_URL/connectors/$NAME/config")
case "$code" in
  201) echo "apply-connector: created connector $NAME" ;;
  200) echo "apply-connector: updated connector $NAME" ;;
  *) echo "apply-connector: PUT /connectors/$NAME/config answered $code:" >&2; cat "$body" >&2; echo >&2; exit 1 ;;
esac

while :; do
  status=$(curl -fsS "$CONNECT_URL/connectors/$NAME/status" || true)
  states=$(grep -o '"state":"[A-Z_]*"' <<<"$status" | sed 's/"state":"\([A-Z_]*\)"/\1/' || true)
  if grep -q FAILED <<<"$states"; then
    echo "apply-connector: connector $NAME FAILED:" >&2
    echo "$status" | sed 's/\\n/\n/g; s/\\t/\t/g' >&2
    exit 1
  fi
  # the connector itself plus at least one task, all RUNNING
  if [[ $(wc -l <<<"$states") -ge 2 ]] && ! grep -qv '^RUNNING$' <<<"$states"; then
    echo "apply-connector: connector $NAME and its tasks are RUNNING"
    exit 0
  fi
  (( SECONDS < deadline )) || { echo "apply-connector: $NAME not RUNNING within ${TIMEOUT}s: $status" >&2; exit 1; }
  sleep "$POLL"
done
