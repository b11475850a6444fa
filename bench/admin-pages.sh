#!/usr/bin/env bash
# "Admin pages with 100,000 messages" (docs/performance.md): fills a fresh database and times every admin
# list page over HTTP. Not part of the test suite.
#   bench/admin-pages.sh               H2 in memory, 100,000 messages
#   bench/admin-pages.sh postgres      a fresh database on the PostgreSQL at 127.0.0.1:5432 (dropped after)
#   bench/admin-pages.sh h2 1000000    another number of messages
set -euo pipefail
cd "$(dirname "$0")/.."
classpath=parley-server/target/admin-bench.classpath
if [ -z "${PARLEY_BENCH_NO_BUILD:-}" ]; then
  ./mvnw -q -B -pl parley-server -am test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/admin-bench.classpath -Dmdep.includeScope=test \
    -Dspotless.check.skip=true -Djacoco.skip=true
fi
exec java -Xmx1g -cp "parley-server/target/test-classes:parley-server/target/classes:$(cat "$classpath")" \
  org.parley.server.bench.AdminPagesBenchmark "$@"
