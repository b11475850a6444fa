#!/usr/bin/env bash
# JDK 25's AOT cache (JEP 483/514/515) for the standalone server, trained on the bench's own workload:
# the classes loaded and linked and the methods' profiles of a server that opened sockets and carried
# dialogs, so that a server started with the cache starts in half the time and warms up sooner
# (docs/performance.md, "Sixth round"). Needs a JDK 25 (JAVA25, default the Temurin one under /usr/lib/jvm).
#   bench/aot-cache.sh [path/to/parley-server.jar] [output dir]
# then start the server the same way, from the extracted jar, with -XX:AOTCache:
#   $JAVA25/bin/java -XX:AOTCache=OUT/parley.aot -jar OUT/app/parley-server.jar
# The cache belongs to that JDK build and that jar: make it again after either changes.
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA25=${JAVA25:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAR=$(realpath "${1:-parley-server/target/parley-server.jar}")
OUT=$(realpath -m "${2:-/tmp/parley-aot}")
rm -rf "$OUT" && mkdir -p "$OUT"
# The cache needs the classes as plain jars on the class path, not jars nested in the fat jar.
"$JAVA25/bin/java" -Djarmode=tools -jar "$JAR" extract --destination "$OUT/app" >/dev/null
APP="$OUT/app/$(basename "$JAR")"
# The training run: the bench starts the server with -XX:AOTCacheOutput and stops it (SIGTERM) after the
# scenarios; the JVM writes the cache as it exits.
PATH="$JAVA25/bin:$PATH" PARLEY_BENCH_NO_BUILD=${PARLEY_BENCH_NO_BUILD:-} bench/run.sh --targets=parley-pg \
  --scenarios=idle-1k,dialog-max --seconds=10 --jar="$APP" --work="$OUT/training" \
  --jvm="-Xmx1g -XX:+UseSerialGC -XX:AOTCacheOutput=$OUT/parley.aot"
ls -l "$OUT/parley.aot"
echo "run: $JAVA25/bin/java -XX:AOTCache=$OUT/parley.aot -jar $APP"
echo "bench: PATH=$JAVA25/bin:\$PATH bench/run.sh --jar=$APP --jvm=\"-Xmx1g -XX:+UseSerialGC -XX:AOTCache=$OUT/parley.aot\""
