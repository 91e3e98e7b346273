#!/usr/bin/env bash
# Serving and tracking overhead (docs/benchmarks.md, "Serving and tracking overhead"): the iris ONNX model served by
# `driftwatch serve` (its own process, temporary data dir, free port) through two functions of the same server, one
# with tracking off and one with tracking on (every request → an MLRun event → stream → processor → Parquet); wrk in a
# second process POSTs one-row OIP v2 requests. Rounds alternate off/on so drift of a shared machine hits both alike.
#   benchmarks/serving-overhead.sh                 # closed loop at saturation (wrk)
#   RATE=4000 SAMPLED=1 benchmarks/serving-overhead.sh   # open loop at 4,000 req/s (OpenLoopLoad), + rate 0.1
# With RATE the load comes from benchmarks' OpenLoopLoad (constant offered rate, CONNS connections, latency from the
# intended send time: coordinated omission corrected, HdrHistogram); without it from wrk (as fast as it answers).
# SAMPLED=1 adds a third function, iris-s01, tracking at sample rate 0.1.
# Environment: DURATION (20s per run), ROUNDS (3), CONNS (8), THREADS (1), WARMUP (10s), RATE, SAMPLED, SKIP_BUILD=1,
# JAR / BENCH_JAR (the driftwatch and benchmarks jars to use instead of the built ones), SERVER_OPTS (JVM options,
# e.g. a JFR recording), SERVE_ARGS (options of `serve`, e.g. --background-nice 0),
# OUT (file).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
source "$root/.ci/jdk.sh"
find_jdk25 || exit 2
[[ -n "${RATE:-}" ]] || command -v wrk >/dev/null || { echo "serving-overhead.sh: wrk not found (apt-get install -y wrk)" >&2; exit 2; }
duration="${DURATION:-20s}"; rounds="${ROUNDS:-3}"; conns="${CONNS:-8}"; threads="${THREADS:-1}"; warmup="${WARMUP:-10s}"
work="$(mktemp -d /tmp/dw-serving-XXXXXX)"
out="${OUT:-$work/results.md}"
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  (cd "$root" && ./mvnw -q -B -DskipTests -pl cli -am install)
  [[ -z "${RATE:-}" ]] || (cd "$root" && ./mvnw -q -B -o -DskipTests -pl benchmarks package)
fi
cp "${JAR:-$root/cli/target/driftwatch.jar}" "$work/driftwatch.jar"   # other builds may replace the jar meanwhile
[[ -z "${RATE:-}" ]] || cp "${BENCH_JAR:-$root/benchmarks/target/benchmarks.jar}" "$work/benchmarks.jar"
fns="iris-off iris-on"; [[ "${SAMPLED:-0}" == 1 ]] && fns="$fns iris-s01"
tool="wrk -t$threads -c$conns -d$duration"; [[ -z "${RATE:-}" ]] || tool="OpenLoopLoad $RATE req/s, $conns connections, $duration"

echo "# machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out"
echo "# jdk: $("$JAVA_HOME/bin/java" -version 2>&1 | head -1); $(date -u +%Y-%m-%dT%H:%M:%SZ); $tool, $rounds rounds" | tee -a "$out"

port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
"$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -XX:+UseCompactObjectHeaders \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=warn ${SERVER_OPTS:-} \
  -jar "$work/driftwatch.jar" serve --port "$port" --data-dir "$work/data" ${SERVE_ARGS:-} >"$work/server.log" 2>&1 &
server_pid=$!
trap 'kill -TERM $server_pid 2>/dev/null; wait $server_pid 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:$port/api/v1/healthz" >/dev/null && break; sleep 0.5; done

dw() { "$JAVA_HOME/bin/java" -jar "$work/driftwatch.jar" "$@" --url "http://127.0.0.1:$port" >/dev/null; }
dw projects create bench
dw models log iris -p bench --training-set "$root/examples/iris/iris.csv" --label-column label \
  --framework onnx --model-file "$root/examples/iris/iris_rf.onnx"
dw monitoring enable -p bench
for fn in $fns; do
  dw serving create "$fn" -p bench
  dw serving add-model "$fn" iris -p bench
done
dw serving tracking iris-off --off -p bench
dw serving tracking iris-on -p bench
[[ "${SAMPLED:-0}" != 1 ]] || dw serving tracking iris-s01 --sample-rate 0.1 -p bench
for fn in $fns; do dw serving deploy "$fn" -p bench; done

cat >"$work/infer.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"inputs":[{"name":"input","shape":[1,4],"datatype":"FP32","data":[5.9,3.0,5.1,1.8]}]}'
done = function(summary, latency, requests)
  io.write(string.format("RESULT n=%d rps=%.1f p50=%.3f p99=%.3f errors=%d\n", summary.requests,
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
LUA
url() { echo "http://127.0.0.1:$port/serving/bench/$1/v2/models/iris/infer"; }
# one run against a function, printing wrk's RESULT line format (OpenLoopLoad adds corrected p90/p99.9/max)
load() {
  if [[ -n "${RATE:-}" ]]; then
    "$JAVA_HOME/bin/java" -XX:TieredStopAtLevel=1 -Xmx256m -cp "$work/benchmarks.jar" \
      io.driftwatch.benchmarks.OpenLoopLoad "$(url "$1")" "$RATE" "${2%s}" "$conns"
  else
    wrk -t"$threads" -c"$conns" -d"$2" -s "$work/infer.lua" "$(url "$1")"
  fi
}
for fn in $fns; do load "$fn" "$warmup" >/dev/null; done

# server CPU time (user + system, all threads) per request: robust when other processes share the cores
tck="$(getconf CLK_TCK)"
cpu() { awk '{print $14 + $15}' "/proc/$server_pid/stat"; }
lag() { curl -fs "http://127.0.0.1:$port/metrics" | awk '/^driftwatch_stream_lag_records /{printf "%d", $2}'; }
echo "| round | tracking | requests/s | p50 ms | p99 ms | server CPU µs/request | errors |" | tee -a "$out"
echo "|---|---|---|---|---|---|---|" | tee -a "$out"
declare -A sum_rps sum_p50 sum_p99 sum_cpu
for r in $(seq 1 "$rounds"); do
  for fn in $fns; do
    c0="$(cpu)"
    line="$(load "$fn" "$duration" | grep '^RESULT')"
    echo "# $fn load $(cut -d' ' -f1-3 /proc/loadavg): $line" >>"$out"
    # let the processor drain the tracked events of this run: their CPU belongs to it, not to the next run
    lag0="$(lag)"; t0=$SECONDS; sleep 1
    for _ in $(seq 1 300); do [[ "$(lag)" == 0 ]] && break; sleep 0.5; done
    c1="$(cpu)"
    echo "# $fn: stream lag at the end of the run $lag0 records, drained in $((SECONDS - t0)) s" >>"$out"
    rps="$(sed -E 's/.*rps=([0-9.]+).*/\1/' <<<"$line")"; p50="$(sed -E 's/.*p50=([0-9.]+).*/\1/' <<<"$line")"
    p99="$(sed -E 's/.*p99=([0-9.]+).*/\1/' <<<"$line")"; err="$(sed -E 's/.*errors=([0-9]+).*/\1/' <<<"$line")"
    n="$(sed -E 's/.*n=([0-9]+).*/\1/' <<<"$line")"
    us="$(python3 -c "print(round(($c1 - $c0) / $tck * 1e6 / $n))")"
    echo "| $r | ${fn#iris-} | $rps | $p50 | $p99 | $us | $err |" | tee -a "$out"
    sum_cpu[$fn]="$(python3 -c "print(${sum_cpu[$fn]:-0} + $us)")"
    sum_rps[$fn]="$(python3 -c "print(${sum_rps[$fn]:-0} + $rps)")"
    sum_p50[$fn]="$(python3 -c "print(${sum_p50[$fn]:-0} + $p50)")"
    sum_p99[$fn]="$(python3 -c "print(${sum_p99[$fn]:-0} + $p99)")"
  done
done
summary=""
for fn in $fns; do summary="$summary ${fn#iris-} ${sum_rps[$fn]} ${sum_p50[$fn]} ${sum_p99[$fn]} ${sum_cpu[$fn]}"; done
python3 - "$rounds" $summary <<'PY' | tee -a "$out"
import sys
n = int(sys.argv[1]); a = sys.argv[2:]
m = {a[i]: [float(x) / n for x in a[i + 1:i + 5]] for i in range(0, len(a), 5)}
for fn, (r, p, q, c) in m.items():
    print(f"| mean | {fn} | {r:.0f} | {p:.3f} | {q:.3f} | {c:.0f} | |")
ro, po, qo, co = m["off"]
for fn in [f for f in m if f != "off"]:
    r, p, q, c = m[fn]
    print(f"\n{fn}: throughput loss {100 * (ro - r) / ro:.1f} %, p50 delta {p - po:+.3f} ms, p99 delta {q - qo:+.3f} ms,"
          f" server CPU per request {100 * (c - co) / co:+.1f} %")
PY
# every tracked request must have become a prediction of the tracked endpoint (none of the untracked one)
sleep 3
curl -fs "http://127.0.0.1:$port/api/v1/projects/bench/model-endpoints" | python3 -c '
import json, sys
for e in json.load(sys.stdin):
    m = e["status"].get("metrics", {}).get("generic", {})
    print("# endpoint", e["spec"]["function_uri"], "predictions_count_5m", m.get("predictions_count_5m"), "errors", e["status"].get("error_count"))
' | tee -a "$out"
echo "# results: $out"
