#!/usr/bin/env bash
# Pipeline benchmarks (docs/benchmarks.md, "Pipeline: ingest and controller"): starts `driftwatch serve` as its own
# process on a temporary data dir and a free port, drives it from this machine's 127.0.0.1 only, prints Markdown rows.
#   benchmarks/pipeline.sh [ingest|controller|all]          (default all)
# Environment: DURATION (30s), WARMUP (10s: one 16-connection run first, not recorded; 0 = none), CONNS (16,64,256), ROWS (rows per event: "1 100"), THREADS (wrk threads, 2), ENDPOINTS (10, ingest runs),
#   CTL_ENDPOINTS (100), SKIP_BUILD=1 (use the existing jars), JFR=1 (record the server with JFR), OUT (results file).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
source "$root/.ci/jdk.sh"
find_jdk25 || exit 2
command -v wrk >/dev/null || { echo "pipeline.sh: wrk not found (apt-get install -y wrk)" >&2; exit 2; }
what="${1:-all}"
work="$(mktemp -d /tmp/dw-pipeline-XXXXXX)"
out="${OUT:-$work/results.md}"
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  (cd "$root" && ./mvnw -q -B -DskipTests -pl cli,benchmarks -am install)
fi
# Private copies: other builds in the same tree may replace the jars while the benchmark runs.
cp "$root/cli/target/driftwatch.jar" "$work/driftwatch.jar"
cp "$root/benchmarks/target/benchmarks.jar" "$work/benchmarks.jar"
echo "# machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/{print $2}') GiB" | tee -a "$out"
echo "# jdk: $("$JAVA_HOME/bin/java" -version 2>&1 | head -1); $(date -u +%Y-%m-%dT%H:%M:%SZ); work dir $work" | tee -a "$out"

server_pid=""
stop_server() {
  if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid"; wait "$server_pid" 2>/dev/null || true
  fi
  server_pid=""
}
trap stop_server EXIT

# start_server NAME [serve options...]: sets $port and $server_pid, waits for /healthz.
start_server() {
  local name="$1"; shift
  port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
  local jfr=()
  [[ "${JFR:-0}" == 1 ]] && jfr=("-XX:StartFlightRecording=filename=$work/$name.jfr,settings=profile")
  "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -XX:+UseCompactObjectHeaders "${jfr[@]}" \
    -jar "$work/driftwatch.jar" serve --port "$port" --data-dir "$work/$name-data" "$@" >"$work/$name.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 120); do
    curl -sf "http://127.0.0.1:$port/api/v1/healthz" >/dev/null && return 0
    kill -0 "$server_pid" 2>/dev/null || { cat "$work/$name.log" >&2; exit 1; }
    sleep 0.5
  done
  echo "pipeline.sh: server did not start" >&2; exit 1
}

bench() { "$JAVA_HOME/bin/java" -cp "$work/benchmarks.jar" "io.driftwatch.benchmarks.pipeline.$@"; }

if [[ "$what" == all || "$what" == ingest ]]; then
  start_server ingest
  for rows in ${ROWS:-1 100}; do
    echo "# ingest: $rows row(s) of 20 features per event, ${DURATION:-30s} per run, server pid $server_pid" | tee -a "$out"
    bench IngestBench --url "http://127.0.0.1:$port" --pid "$server_pid" --lua "$root/benchmarks/pipeline/ingest.lua" \
      --rows "$rows" --conns "${CONNS:-16,64,256}" --duration "${DURATION:-30s}" --threads "${THREADS:-2}" \
      --endpoints "${ENDPOINTS:-10}" --warmup "${WARMUP:-10s}" --out "$out"
  done
  stop_server
fi
if [[ "$what" == all || "$what" == controller ]]; then
  start_server controller --flush-interval 2s
  echo "# controller: ${CTL_ENDPOINTS:-100} endpoints, server pid $server_pid" | tee -a "$out"
  echo "| endpoints | window rows | ingest / stored s | windows | run s | run CPU s | run → all results visible s | last GET after run ms | no drift / possible / detected | load avg |" >>"$out"
  echo "|---|---|---|---|---|---|---|---|---|---|" >>"$out"
  bench ControllerBench --url "http://127.0.0.1:$port" --pid "$server_pid" --endpoints "${CTL_ENDPOINTS:-100}" --out "$out"
  stop_server
fi
echo "# results: $out (server logs in $work)"
