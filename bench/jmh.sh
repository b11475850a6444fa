#!/usr/bin/env bash
# JMH micro-benchmarks of the hot paths (docs/performance.md), not part of the test suite:
#   bench/jmh.sh                              all of them
#   bench/jmh.sh FanOut -p members=1000       JMH's own options after the benchmark pattern
#   bench/jmh.sh Batcher -p db=pg             group commit against the PostgreSQL at 127.0.0.1:5432
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${PARLEY_BENCH_NO_BUILD:-}" ]; then
  ./mvnw -q -B package -pl parley-bench -am -DskipTests -Dspotless.check.skip=true -Djacoco.skip=true
fi
exec java -cp "parley-bench/target/parley-bench.jar:parley-bench/target/lib/*" org.openjdk.jmh.Main "$@"
