#!/usr/bin/env bash
# One command for the whole side-by-side benchmark (docs/performance.md):
#   bench/run.sh                       every server, the default scenarios
#   bench/run.sh --targets=parley-pg --scenarios=dialog-max --seconds=20
# Builds Parley, installs the Node peers' packages once (/tmp/peers-node), raises the open-file limit,
# then runs the load generator pinned to CPU 1; it starts each server pinned to CPU 0 itself.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

# Tens of thousands of sockets need as many descriptors in the server and in the load generator.
ulimit -n 200000 2>/dev/null || ulimit -n "$(ulimit -Hn)"
echo "open-file limit: $(ulimit -n) (each process; idle-N needs N + ~200)"

PEERS=${PARLEY_BENCH_PEERS:-}
for candidate in "$ROOT/../shared/bench-peers" /work/shared/bench-peers; do
  if [ -z "$PEERS" ] && [ -f "$candidate/bare-ws-server.js" ]; then PEERS=$candidate; fi
done
NODE_DIR=${PARLEY_BENCH_NODE:-/tmp/peers-node}
if [ ! -d "$NODE_DIR/node_modules/ws" ] || [ ! -d "$NODE_DIR/node_modules/socket.io" ]; then
  mkdir -p "$NODE_DIR" && (cd "$NODE_DIR" && npm install --silent --no-audit --no-fund ws socket.io)
fi

if [ -z "${PARLEY_BENCH_NO_BUILD:-}" ]; then
  ./mvnw -q -B package -pl parley-server,parley-bench -am -DskipTests -Dspotless.check.skip=true -Djacoco.skip=true
fi

# On a machine shared with other work, PARLEY_BENCH_NICE=-10 gives the bench (and the servers it starts,
# which inherit it) priority over that work; docs/performance.md says which figures were taken so.
exec nice -n "${PARLEY_BENCH_NICE:-0}" taskset -c 1 java -Xmx1g -XX:+UseSerialGC \
  -cp "parley-bench/target/parley-bench.jar:parley-bench/target/lib/*" org.parley.bench.Bench \
  --peers="$PEERS" --node-modules="$NODE_DIR/node_modules" --jar=parley-server/target/parley-server.jar "$@"
