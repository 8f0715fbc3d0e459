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

server_pid=""
stop() {
  if [[ -n "$server_pid" ]]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    server_pid=""
  fi
}
trap stop EXIT

start() { # adapter dir
  java -cp "$jar" dev.broadsheet.bench.HttpAdapters "$1" "$2" "$port" > /tmp/http-adapters-server.out 2>&1 &
  server_pid=$!
  for _ in $(seq 1 600); do
    grep -q '^Serving' /tmp/http-adapters-server.out 2>/dev/null && return 0
    sleep 0.2
  done
  echo "server did not start" >&2
  cat /tmp/http-adapters-server.out >&2
  return 1
}

measure() { # label seconds path
  local out
  out="$(wrk -t2 -c32 -d"$2"s --latency "http://127.0.0.1:$port$3")"
  { echo "== $1"; echo "$out"; } >> "$log"
  local rps p50 p99 errors
  rps="$(awk '/Requests\/sec/ {print $2}' <<< "$out")"
  p50="$(awk '$1 == "50%" {print $2}' <<< "$out")"
  p99="$(awk '$1 == "99%" {print $2}' <<< "$out")"
  errors="$(grep -E 'Socket errors|Non-2xx' <<< "$out" | tr '\n' ' ' || true)"
  printf '%-60s %10s req/s  p50 %8s  p99 %8s  %s\n' "$1" "$rps" "$p50" "$p99" "$errors"
}

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
