#!/usr/bin/env bash
# Full re-sync benchmark (issue 7), one command from a clean clone:
#
#   bench/run.sh                       1M vendas rows on H2 (TCP server in its own JVM)
#   bench/run.sh --rows 5M             the large run
#   bench/run.sh --db postgres         source in the machine's PostgreSQL 15 (set up by .ci/postgres.sh)
#   bench/run.sh --no-build ...        skip the Maven build (jars already built)
#   bench/run.sh --help                every option
#
# Builds every module (exec jars and bench/target/bench.jar), then runs the benchmark, which prints
# the table and writes it to bench-results/<timestamp>.md. Not part of `mvn verify`.
set -euo pipefail
cd "$(dirname "$0")/.."

build=true
db=h2
args=()
prev=""
for a in "$@"; do
  case "$a" in
    --no-build) build=false ;;
    --db=*) db="${a#--db=}"; args+=("$a") ;;
    *) [[ "$prev" == "--db" ]] && db="$a"; args+=("$a") ;;
  esac
  prev="$a"
done

if [[ " ${args[*]:-} " == *" --help "* ]]; then
  build=false
fi

if $build; then
  echo "bench: building every module (mvn -B -q -DskipTests package)"
  mvn -B -q -DskipTests package
fi
if [[ ! -f bench/target/bench.jar ]]; then
  echo "bench: bench/target/bench.jar is missing: the root pom must list <module>bench</module>" >&2
  exit 1
fi

if [[ "$db" == postgres || "$db" == postgresql ]]; then
  PG_IT_DB=cdc_bench PG_IT_USER=cdc_bench PG_IT_PASSWORD=cdc_bench .ci/postgres.sh
fi

# Should the benchmark's JVM die without its shutdown hook (kill -9), stop what it started: the
# processes it listed in its run folder, and only those carrying its -Dbench.child marker.
cleanup() {
  local pids
  pids=$(ls -t bench/target/bench-work/*/children.pids 2>/dev/null | head -1 || true)
  [[ -n "$pids" && -s "$pids" ]] || return 0
  while read -r pid name; do
    if [[ -r /proc/$pid/cmdline ]] && tr '\0' ' ' < "/proc/$pid/cmdline" | grep -q -- '-Dbench.child='; then
      echo "bench: stopping leftover $name (pid $pid)"
      kill "$pid" 2>/dev/null || true
    fi
  done < "$pids"
}
trap cleanup EXIT

# the receiver keeps one 64-bit hash per distinct row: 5M rows need a few hundred MB
java -Xmx2g -jar bench/target/bench.jar "${args[@]}"
