#!/usr/bin/env bash
# The content API on the JDK's HTTP server and on Jetty, measured side by side with wrk and the
# SlowClients driver, in rounds that alternate the order. Loopback only; every run stops by itself.
# Usage: bench/http/adapters.sh [ROUNDS] (from the repository root, after
# `mvn -B -q package -pl bench -am -DskipTests`). Prints a summary line per run; the full wrk
# output goes to $LOG (default /tmp/http-adapters.log).
set -euo pipefail

rounds="${1:-2}"
jar="bench/target/benchmarks.jar"
log="${LOG:-/tmp/http-adapters.log}"
port=18080
sample="examples/content"
large="/tmp/corpus100k"
list="/articles?category=BUSINESS&limit=20"
export BROADSHEET_WRITE_TOKEN="bench-write-token"
: > "$log"

if [[ ! -d "$large" ]]; then
  python3 /work/shared/tools/gen-corpus.py "$large" --count 100000 --seed 1 --shards 100
fi

server_out=/tmp/http-adapters-server.out
source "$(dirname "$0")/lib.sh"
trap stop EXIT

slow() { # label mode n hold
  java -cp "$jar" dev.broadsheet.bench.SlowClients "$2" "$3" "$4" "$port" 2> /tmp/http-adapters-slow.err &
  local slow_pid=$!
  sleep 3
  measure "$1 /health while $2 x$3" 15 /health
  wait "$slow_pid" || true
  printf '%-60s %s\n' "" "$(cat /tmp/http-adapters-slow.err)"
}

echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
for round in $(seq 1 "$rounds"); do
  if (( round % 2 == 1 )); then order=(jdk jetty); else order=(jetty jdk); fi
  for adapter in "${order[@]}"; do
    label="round $round $adapter"
    start "$adapter" "$sample"
    measure "$label sample warm-up" 5 "$list" > /dev/null
    measure "$label sample $list" 20 "$list"
    measure "$label sample /health" 20 /health
    stop
    start "$adapter" "$large"
    measure "$label 100k warm-up" 5 "$list" > /dev/null
    measure "$label 100k $list" 20 "$list"
    measure "$label 100k /health" 20 /health
    slow "$label 100k" idle 500 22
    slow "$label 100k" trickle 50 22
    slow "$label 100k" stall 50 22
    slow "$label 100k" stall-writer 50 40
    stop
    echo "load average after $label: $(cut -d' ' -f1-3 /proc/loadavg)"
  done
done
