#!/usr/bin/env bash
# Pipeline benchmarks (docs/benchmarks.md, "Pipeline: ingest and controller"): starts `driftwatch serve` as its own
# process on a temporary data dir and a free port, drives it from this machine's 127.0.0.1 only, prints Markdown rows.
#   benchmarks/pipeline.sh [ingest|controller|all|sustained]    (default all; sustained runs only when named)
# Environment: DURATION (30s), WARMUP (10s: one 16-connection run first, not recorded; 0 = none), CONNS (16,64,256), ROWS (rows per event: "1 100"), THREADS (wrk threads, 2), ENDPOINTS (10, ingest runs),
#   CTL_ENDPOINTS (100), CTL_WARMUP (endpoints of the controller's warm-up cycle, default CTL_ENDPOINTS), SERVER_JAR (the driftwatch.jar to measure, for A/B runs), RATE_ROWS (100000), SUSTAINED_ROWS (100), SUSTAINED_DURATION (60), SUSTAINED_CONNS (16), SUSTAINED_WARMUP (20 s), SKIP_BUILD=1 (use the existing jars), JFR=1 (record the server with JFR), SERVER_JAVA_OPTS (more JVM options for the server, e.g. an async-profiler agent), OUT (results file).
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
cp "${SERVER_JAR:-$root/cli/target/driftwatch.jar}" "$work/driftwatch.jar"
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
  # shellcheck disable=SC2086 # SERVER_JAVA_OPTS is a list of JVM options (e.g. an async-profiler -agentpath)
  "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -XX:+UseCompactObjectHeaders "${jfr[@]}" ${SERVER_JAVA_OPTS:-} \
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
# sustained: an open-loop offered rate (OpenLoopLoad, constant schedule) of RATE_ROWS rows/s in events of SUSTAINED_ROWS
# rows x 20 features for SUSTAINED_DURATION s; samples the processor lag (/metrics) every second. The rate is sustained
# when the lag stays bounded (a few batches) instead of growing for the whole run.
if [[ "$what" == sustained ]]; then
  start_server sustained
  rows="${SUSTAINED_ROWS:-100}"; rate_rows="${RATE_ROWS:-100000}"; secs="${SUSTAINED_DURATION:-60}"
  project="sustained"
  curl -sf -X POST "http://127.0.0.1:$port/api/v1/projects" -H 'content-type: application/json' -d "{\"name\":\"$project\"}" >/dev/null
  python3 - "$rows" "$project" >"$work/event.json" <<'PY'
import json, random, sys, datetime
rows, project = int(sys.argv[1]), sys.argv[2]
random.seed(42)
when = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f+00:00")
inputs = [[round((random.random() + random.random() + random.random() - 1.5) * 2 + f, 4) for f in range(1, 21)] for _ in range(rows)]
outputs = [random.randint(0, 1) for _ in range(rows)]
print(json.dumps({"class": "SKLearnModel", "worker": "0", "model": "m", "host": "bench", "function_uri": project + "/fn0",
                  "op": "infer", "when": when, "microsec": 1500, "request": {"id": "r", "inputs": inputs},
                  "resp": {"id": "r", "model_name": "m", "outputs": outputs}}, separators=(",", ":")))
PY
  lag() { curl -sf "http://127.0.0.1:$port/metrics" | awk '/^driftwatch_stream_lag_records/ {print $2+0}'; }
  rps=$(python3 -c "print($rate_rows / $rows)")
  echo "# sustained: $rate_rows rows/s offered = $rps events/s of $rows rows, ${secs} s, server pid $server_pid" | tee -a "$out"
  # warm-up at the same rate (JIT), not recorded
  "$JAVA_HOME/bin/java" -Dbody="$work/event.json" -cp "$work/benchmarks.jar" io.driftwatch.benchmarks.OpenLoopLoad \
    "http://127.0.0.1:$port/api/v1/projects/$project/model-monitoring/stream" "$rps" "${SUSTAINED_WARMUP:-20}" "${SUSTAINED_CONNS:-16}" >/dev/null
  while (( $(printf '%.0f' "$(lag)") > 0 )); do sleep 0.5; done
  cpu0=$(awk '{print $14 + $15}' "/proc/$server_pid/stat")
  "$JAVA_HOME/bin/java" -Dbody="$work/event.json" -cp "$work/benchmarks.jar" io.driftwatch.benchmarks.OpenLoopLoad \
    "http://127.0.0.1:$port/api/v1/projects/$project/model-monitoring/stream" "$rps" "$secs" "${SUSTAINED_CONNS:-16}" >"$work/load.txt" &
  load_pid=$!
  max=0; samples=()
  while kill -0 "$load_pid" 2>/dev/null; do
    l=$(printf '%.0f' "$(lag)"); samples+=("$l"); (( l > max )) && max=$l; sleep 1
  done
  wait "$load_pid"
  t_end=$(date +%s.%N); end_lag=$(printf '%.0f' "$(lag)")
  while (( $(printf '%.0f' "$(lag)") > 0 )); do sleep 0.1; done
  catch=$(python3 -c "import time; print(round(time.time() - $t_end, 1))")
  cpu1=$(awk '{print $14 + $15}' "/proc/$server_pid/stat")
  result=$(grep RESULT "$work/load.txt")
  n=$(sed 's/.* n=\([0-9]*\).*/\1/' <<<"$result")
  echo "lag samples (events, 1/s): ${samples[*]}" >>"$out"
  echo "| rows/event | offered rows/s | achieved events/s | p50 ms | p99 ms | non-2xx | max lag (rows) | lag at end (rows) | catch-up s | server CPU s / 1k rows | load avg |" | tee -a "$out"
  echo "|---|---|---|---|---|---|---|---|---|---|---|" | tee -a "$out"
  python3 - "$result" "$rows" "$rate_rows" "$max" "$end_lag" "$catch" "$cpu0" "$cpu1" "$n" <<'PY' | tee -a "$out"
import sys, os
res, rows, rate, mx, endlag, catch, c0, c1, n = sys.argv[1:]
kv = dict(x.split("=", 1) for x in res.split()[1:])
rows, n = int(rows), int(n)
cpu = (float(c1) - float(c0)) / 100.0
print(f"| {rows} | {int(rate):,} | {float(kv['rps']):,.0f} | {kv['p50']} | {kv['p99']} | {kv['errors']} | {int(mx)*rows:,} | "
      f"{int(endlag)*rows:,} | {catch} | {cpu / (n * rows / 1000):.3f} | {os.getloadavg()[0]:.1f} |")
PY
  stop_server
fi
if [[ "$what" == all || "$what" == controller ]]; then
  start_server controller --flush-interval 2s
  echo "# controller: ${CTL_ENDPOINTS:-100} endpoints, server pid $server_pid" | tee -a "$out"
  echo "| endpoints | window rows | ingest / stored s | windows | run s | run CPU s | run → all results visible s | last GET after run ms | no drift / possible / detected | load avg |" >>"$out"
  echo "|---|---|---|---|---|---|---|---|---|---|" >>"$out"
  bench ControllerBench --url "http://127.0.0.1:$port" --pid "$server_pid" --endpoints "${CTL_ENDPOINTS:-100}" \
    --warmup-endpoints "${CTL_WARMUP:-${CTL_ENDPOINTS:-100}}" --out "$out"
  stop_server
fi
echo "# results: $out (server logs in $work)"
