#!/usr/bin/env bash
# Checks bin/parley-server against the packaged jar (Maven runs it in the integration-test phase):
# the first start records the class archive and serves the login page, the next start maps that archive
# and serves, a rebuilt jar records a new one and drops the old, a cache it cannot write still starts the
# server, and a command goes straight to the jar.
# Run on the machine's java and, when installed, on the Temurin JDK 25 (which records an AOT cache).
#   parley-server/src/test/sh/launcher-test.sh path/to/parley-server.jar
set -euo pipefail
root=$(cd "$(dirname "$0")/../../../.." && pwd)
source_jar=$(realpath "$1")
work=$(mktemp -d /tmp/parley-launcher-test.XXXXXX)
trap 'rm -rf "$work"' EXIT
url="jdbc:h2:mem:launcher;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"

fail() { echo "launcher test FAILED: $*" >&2; exit 1; }

# Starts the launcher, waits for the login page, checks the JVM mapped the archive (when $2 is "mapped"), stops it.
# Prints the seconds to the first page.
start_and_check() {
  local label=$1 expect=$2
  local out=$work/$label.log pid port="" t0 archive
  t0=$(date +%s%N)
  PARLEY_JAR=$work/parley-server.jar "$root/bin/parley-server" --server.port=0 \
    --parley.websocket.chat-port.port=0 --spring.datasource.url="$url" >"$out" 2>&1 &
  pid=$!
  for _ in $(seq 1 1200); do
    port=$(sed -n 's/.*Tomcat started on port \([0-9]*\).*/\1/p' "$out" | head -n1)
    if [ -n "$port" ] && [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/login")" = 200 ]; then
      break
    fi
    kill -0 "$pid" 2>/dev/null || { cat "$out" >&2; fail "$label: the server exited"; }
    port=""
    sleep 0.1
  done
  [ -n "$port" ] || { kill "$pid"; cat "$out" >&2; fail "$label: no login page within 120 s"; }
  local seconds=$(( ($(date +%s%N) - t0) / 1000000 ))
  archive=$(find "$work/parley-server-cache" -name 'parley.jsa' -o -name 'parley.aot' | head -n1)
  if [ "$expect" = mapped ]; then
    [ -n "$archive" ] || fail "$label: no archive was recorded"
    if [ -r "/proc/$pid/maps" ]; then # Linux: the archive is mapped into the JVM
      grep -qF "$archive" "/proc/$pid/maps" || fail "$label: the JVM did not map $archive"
    fi
  fi
  kill "$pid"
  wait "$pid" 2>/dev/null || true
  echo "$label: first page after $((seconds / 1000)).$(printf '%03d' $((seconds % 1000))) s" >&2
  cp "$out" "$work/last.log"
}

check_jdk() {
  local name=$1 rebuild=$2
  rm -rf "$work/parley-server-cache"
  cp "$source_jar" "$work/parley-server.jar"
  echo "== $name: $("${JAVA_HOME:+$JAVA_HOME/bin/}java" -version 2>&1 | head -n1)" >&2

  start_and_check "$name-first" mapped
  grep -q 'recording its class archive' "$work/last.log" || fail "$name: the first start did not record"
  local first_entry
  first_entry=$(find "$work/parley-server-cache" -mindepth 1 -maxdepth 1 -type d ! -name '.*' -printf '%f\n')

  start_and_check "$name-second" mapped
  ! grep -q 'recording' "$work/last.log" || fail "$name: the second start recorded again"

  [ "$rebuild" = rebuild ] || return 0
  # A rebuilt jar (new size or time) gets an archive of its own; the old entry goes.
  touch -t 209901010000 "$work/parley-server.jar" # POSIX touch: a new time, as a rebuild gives
  start_and_check "$name-rebuilt" mapped
  grep -q 'recording its class archive' "$work/last.log" || fail "$name: a rebuilt jar did not record"
  [ ! -e "$work/parley-server-cache/$first_entry" ] || fail "$name: the old jar's entry was kept"
}

check_jdk "jdk-default" rebuild
jdk25=/usr/lib/jvm/temurin-25-jdk-amd64
if [ -x "$jdk25/bin/java" ]; then
  JAVA_HOME=$jdk25 check_jdk "jdk-25" once
fi

# A cache it cannot write: the server starts all the same (here it stops once its context is up), and says so.
JAVA_OPTS=-Dspring.context.exit=onRefresh PARLEY_CACHE_DIR=/proc/parley-launcher-test PARLEY_JAR=$work/parley-server.jar \
  "$root/bin/parley-server" --server.port=0 --parley.websocket.chat-port.port=0 --spring.datasource.url="$url" \
  >"$work/unwritable.log" 2>&1 || { cat "$work/unwritable.log" >&2; fail "the start with an unwritable cache failed"; }
grep -q 'cannot write /proc/parley-launcher-test' "$work/unwritable.log" || fail "no word about the unwritable cache"

# A command runs straight from the jar: create-staff without a username answers with its usage.
status=0
PARLEY_JAR=$work/parley-server.jar "$root/bin/parley-server" create-staff \
  --spring.datasource.url="$url" >"$work/command.log" 2>&1 </dev/null || status=$?
grep -q 'Usage: create-staff' "$work/command.log" || { cat "$work/command.log" >&2; fail "create-staff gave no usage"; }
[ "$status" -ne 0 ] || fail "create-staff without a username exited 0"
echo "launcher test passed" >&2
