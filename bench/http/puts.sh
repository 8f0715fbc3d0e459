#!/usr/bin/env bash
# PUT /articles/{id} on the JDK's HTTP server and on Jetty, with GET /articles measured in the
# same run as the baseline, in rounds that alternate the order. Each adapter serves a fresh copy
# of the sample folder (never the shared corpus: PUTs write files), with PUT_POOL articles per
# wrk thread made first with PUT and If-None-Match: *, whose ETags put.lua starts from.
# Loopback only; every run stops by itself.
# Usage: bench/http/puts.sh [ROUNDS] (from the repository root, after
# `mvn -B -q package -pl bench -am -DskipTests`). Full wrk output in $LOG (default /tmp/http-puts.log).
set -euo pipefail

rounds="${1:-2}"
jar="bench/target/benchmarks.jar"
log="${LOG:-/tmp/http-puts.log}"
port=18081
threads=2 # as lib.sh runs wrk: -t2 -c32
export PUT_POOL="${PUT_POOL:-64}"
export BROADSHEET_WRITE_TOKEN="bench-write-token"
export PUT_ETAGS="/tmp/http-puts-etags.lua"
work="$(mktemp -d /tmp/http-puts.XXXXXX)"
list="/articles?category=BUSINESS&limit=20"
: > "$log"

server_out=/tmp/http-puts-server.out
source "$(dirname "$0")/lib.sh"
cleanup() {
  stop
  rm -rf "$work"
}
trap cleanup EXIT

# The articles put.lua edits, new ones for each run (named by $1): created with PUT and
# If-None-Match: *, their ETags into PUT_ETAGS.
articles() { # run
  echo "return {" > "$PUT_ETAGS"
  for i in $(seq 1 $((threads * PUT_POOL))); do
    local id="bench/$1/put-$i" etag
    etag="$(curl -s -o /dev/null -D - -X PUT "http://127.0.0.1:$port/articles/$id" \
      -H "Authorization: Bearer $BROADSHEET_WRITE_TOKEN" -H 'Content-Type: application/json' -H 'If-None-Match: *' \
      --data "{\"id\":\"$id\",\"title\":\"Bench $i\",\"publishedAt\":\"2026-01-01T00:00:00Z\",\"category\":\"BUSINESS\",\"tags\":[\"BENCH\"],\"body\":\"New.\"}" \
      | tr -d '\r' | awk 'tolower($1) == "etag:" {print $2}')"
    if [[ -z "$etag" ]]; then
      echo "could not create $id" >&2
      return 1
    fi
    printf '  {"%s", %s},\n' "$id" "'$etag'" >> "$PUT_ETAGS"
  done
  echo "}" >> "$PUT_ETAGS"
}

echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
for round in $(seq 1 "$rounds"); do
  if (( round % 2 == 1 )); then order=(jdk jetty); else order=(jetty jdk); fi
  for adapter in "${order[@]}"; do
    label="round $round $adapter"
    rm -rf "$work/content"
    cp -r examples/content "$work/content"
    start "$adapter" "$work/content"
    measure "$label GET warm-up" 5 "$list" > /dev/null
    measure "$label GET $list" 20 "$list"
    articles warm-up
    measure "$label PUT warm-up" 5 "" -s bench/http/put.lua > /dev/null
    articles run
    measure "$label PUT /articles/{id}" 20 "" -s bench/http/put.lua
    stop
    echo "load average after $label: $(cut -d' ' -f1-3 /proc/loadavg)"
  done
done
