#!/usr/bin/env bash
# The content API in a Spring Boot application with the starter (the servlet it registers, and
# the same servlet behind Spring MVC's dispatcher), beside Jetty as `broadsheet serve` runs it,
# measured with wrk in rounds that alternate the order. Loopback only; every run stops by itself.
# Usage: bench/http/spring.sh [ROUNDS] from the repository root. Prints a summary line per run;
# the full wrk output goes to $LOG (default /tmp/http-spring.log).
set -euo pipefail

rounds="${1:-2}"
log="${LOG:-/tmp/http-spring.log}"
port=18081
list="/articles?category=BUSINESS&limit=20"
ids=(2026/10/unemployment-falls-again-to-5-4-percent-in-september
     2026/03/2-600-runners-expected-at-the-alder-falls-marathon-this)
export BROADSHEET_WRITE_TOKEN="bench-write-token"
: > "$log"

# Each module writes its own target/test-classpath.txt.
mvn -B -q -o -pl bench,spring-boot-starter -am -DskipTests -Dmaven.javadoc.skip -Dmaven.source.skip \
  package dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt
spring_cp="spring-boot-starter/target/test-classes:spring-boot-starter/target/classes:$(cat spring-boot-starter/target/test-classpath.txt)"

work="$(mktemp -d "${TMPDIR:-/tmp}/broadsheet-spring-bench.XXXXXX")"
server_pid=""
stop() {
  if [[ -n "$server_pid" ]]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    server_pid=""
  fi
}
trap 'stop; rm -rf "$work"' EXIT

start() { # adapter: jetty | servlet | mvc; serves a fresh copy of the sample, which PUTs edit
  rm -rf "$work/content"
  cp -r examples/content "$work/content"
  if [[ "$1" == jetty ]]; then
    java -cp bench/target/benchmarks.jar dev.broadsheet.bench.HttpAdapters jetty "$work/content" "$port" \
      > "$work/server.out" 2>&1 &
    base=""
  else
    java -cp "$spring_cp" dev.broadsheet.spring.SpringAdapters "$1" "$work/content" "$port" \
      > "$work/server.out" 2>&1 &
    base="/api"
  fi
  server_pid=$!
  for _ in $(seq 1 600); do
    grep -q '^Serving' "$work/server.out" 2>/dev/null && return 0
    sleep 0.2
  done
  echo "server did not start" >&2
  cat "$work/server.out" >&2
  return 1
}

summary() { # label wrk-output
  local rps p50 p99 errors
  rps="$(awk '/Requests\/sec/ {print $2}' <<< "$2")"
  p50="$(awk '$1 == "50%" {print $2}' <<< "$2")"
  p99="$(awk '$1 == "99%" {print $2}' <<< "$2")"
  errors="$(grep -E 'Socket errors|Non-2xx' <<< "$2" | tr '\n' ' ' || true)"
  printf '%-45s %10s req/s  p50 %8s  p99 %8s  %s\n' "$1" "$rps" "$p50" "$p99" "$errors"
}

measure() { # label seconds path
  local out
  out="$(wrk -t2 -c32 -d"$2"s --latency "http://127.0.0.1:$port$3")"
  { echo "== $1"; echo "$out"; } >> "$log"
  summary "$1" "$out"
}

puts() { # label seconds
  local out
  out="$(wrk -t2 -c2 -d"$2"s --latency -s bench/http/spring-put.lua "http://127.0.0.1:$port" -- "$base" "${ids[@]}")"
  { echo "== $1"; echo "$out"; } >> "$log"
  summary "$1" "$out"
}

echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
for round in $(seq 1 "$rounds"); do
  case $((round % 3)) in
    1) order=(jetty servlet mvc) ;;
    2) order=(mvc servlet jetty) ;;
    0) order=(servlet jetty mvc) ;;
  esac
  for adapter in "${order[@]}"; do
    label="round $round $adapter"
    start "$adapter"
    measure "$label warm-up" 5 "$base$list" > /dev/null
    measure "$label GET $list" 20 "$base$list"
    puts "$label PUT /articles/{id}" 20
    stop
    echo "load average after $label: $(cut -d' ' -f1-3 /proc/loadavg)"
  done
done
