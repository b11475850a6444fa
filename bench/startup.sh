#!/usr/bin/env bash
# Start-up time to the first page (GET /login answering 200) of the server jar, pinned to CPU 0, in the
# configurations compared in docs/performance.md. Each is run RUNS times (default 3); prints the median.
#   bench/startup.sh [path/to/parley-server.jar]
# The first line is bin/parley-server as shipped, timed after its first start (which records its archive).
# PARLEY_BENCH_CHRT="chrt -r 1" runs each start at real-time priority on a busy machine;
# PARLEY_BENCH_CPUS=0,1 lets the server use both CPUs (the default pins it to CPU 0).
# PARLEY_BENCH_ONLY='launcher|default' runs only the configurations whose label matches.
# On another JDK: PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH bench/startup.sh
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=${1:-parley-server/target/parley-server.jar}
RUNS=${RUNS:-3}
PORT=${PORT:-8199}
WORK=$(mktemp -d /tmp/parley-startup.XXXX)
CHRT=${PARLEY_BENCH_CHRT:-}
CPUS=${PARLEY_BENCH_CPUS:-0}
ONLY=${PARLEY_BENCH_ONLY:-} # a regular expression: only the configurations whose label matches
BASE="-Xmx1g -XX:+UseSerialGC"

# Class-data sharing needs the classes as plain jars: extract the application once (Spring Boot's tools
# jar mode), then record an archive with a training run that stops right after the context refresh.
java -Djarmode=tools -jar "$JAR" extract --destination "$WORK/app" >/dev/null
java $BASE -XX:ArchiveClassesAtExit="$WORK/app.jsa" -Dspring.context.exit=onRefresh \
  -jar "$WORK/app/$(basename "$JAR")" --server.port=$PORT \
  --spring.datasource.url="jdbc:h2:mem:train;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH" \
  >"$WORK/train.log" 2>&1 || true

measure() { # label, jar, extra JVM options..., then -- app options
  local label=$1 jar=$2; shift 2
  [[ -z $ONLY || $label =~ $ONLY ]] || return 0
  local jvm=() app=()
  while [ $# -gt 0 ] && [ "$1" != "--" ]; do jvm+=("$1"); shift; done
  [ $# -gt 0 ] && shift && app=("$@")
  local times=() command=(java $BASE "${jvm[@]}" -jar "$jar")
  if [ "$jar" = launcher ]; then # bin/parley-server as a user runs it, after its first (recording) start
    command=(env JAVA=java PARLEY_JAR="$JAR" PARLEY_CACHE_DIR="$WORK/launcher" JAVA_OPTS="$BASE ${jvm[*]}" bin/parley-server)
  fi
  for i in $(seq "$([ "$jar" = launcher ] && echo 0 || echo 1)" "$RUNS"); do
    local t0 pid
    t0=$(date +%s.%N)
    $CHRT taskset -c "$CPUS" "${command[@]}" --server.port=$PORT \
      --spring.datasource.url="jdbc:h2:mem:s$i;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH" \
      "${app[@]}" >"$WORK/$label-$i.log" 2>&1 &
    pid=$!
    until curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/login" 2>/dev/null | grep -q 200; do sleep 0.05; done
    [ "$i" = 0 ] || times+=("$(echo "$(date +%s.%N) - $t0" | bc)")
    kill "$pid"; wait "$pid" 2>/dev/null || true
  done
  printf '%-44s %s s (runs: %s)\n' "$label" "$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (RUNS + 1) / 2 ))p")" "${times[*]}"
}

EXTRACTED="$WORK/app/$(basename "$JAR")"
measure "launcher script (as shipped)" launcher
measure "fat jar (default)" "$JAR"
measure "fat jar, TieredStopAtLevel=1" "$JAR" -XX:TieredStopAtLevel=1
measure "fat jar, lazy initialisation" "$JAR" -- --spring.main.lazy-initialization=true
measure "extracted jar" "$EXTRACTED"
measure "extracted jar + CDS archive" "$EXTRACTED" -XX:SharedArchiveFile="$WORK/app.jsa"
measure "extracted + CDS + TieredStopAtLevel=1" "$EXTRACTED" -XX:SharedArchiveFile="$WORK/app.jsa" -XX:TieredStopAtLevel=1
measure "extracted + CDS + C1 + lazy" "$EXTRACTED" -XX:SharedArchiveFile="$WORK/app.jsa" -XX:TieredStopAtLevel=1 -- --spring.main.lazy-initialization=true
echo "(logs in $WORK)"
