# What the HTTP benchmarks share: starting and stopping a served folder, and one wrk run with its
# summary line. Sourced by adapters.sh and puts.sh, which set jar, port, log and server_out.

server_pid=""
stop() {
  if [[ -n "$server_pid" ]]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    server_pid=""
  fi
}

start() { # adapter dir
  java -cp "$jar" dev.broadsheet.bench.HttpAdapters "$1" "$2" "$port" > "$server_out" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 600); do
    grep -q '^Serving' "$server_out" 2>/dev/null && return 0
    sleep 0.2
  done
  echo "server did not start" >&2
  cat "$server_out" >&2
  return 1
}

measure() { # label seconds path [wrk options...]
  local label="$1" seconds="$2" path="$3" out
  shift 3
  out="$(wrk -t2 -c32 -d"$seconds"s --latency "$@" "http://127.0.0.1:$port$path")"
  { echo "== $label"; echo "$out"; } >> "$log"
  local rps p50 p99 errors
  rps="$(awk '/Requests\/sec/ {print $2}' <<< "$out")"
  p50="$(awk '$1 == "50%" {print $2}' <<< "$out")"
  p99="$(awk '$1 == "99%" {print $2}' <<< "$out")"
  errors="$(grep -E 'Socket errors|Non-2xx' <<< "$out" | tr '\n' ' ' || true)"
  printf '%-60s %10s req/s  p50 %8s  p99 %8s  %s\n' "$label" "$rps" "$p50" "$p99" "$errors"
}
