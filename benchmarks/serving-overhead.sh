#!/usr/bin/env bash
# Serving and tracking overhead (docs/benchmarks.md, "Serving and tracking overhead"): the iris ONNX model served by
# `driftwatch serve` (its own process, temporary data dir, free port) through two functions of the same server, one
# with tracking off and one with tracking on (every request → an MLRun event → stream → processor → Parquet); wrk in a
# second process POSTs one-row OIP v2 requests. Rounds alternate off/on so drift of a shared machine hits both alike.
#   benchmarks/serving-overhead.sh
# Environment: DURATION (20s per run), ROUNDS (3), CONNS (8), THREADS (1), WARMUP (10s), SKIP_BUILD=1, OUT (file).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
source "$root/.ci/jdk.sh"
find_jdk25 || exit 2
command -v wrk >/dev/null || { echo "serving-overhead.sh: wrk not found (apt-get install -y wrk)" >&2; exit 2; }
duration="${DURATION:-20s}"; rounds="${ROUNDS:-3}"; conns="${CONNS:-8}"; threads="${THREADS:-1}"; warmup="${WARMUP:-10s}"
work="$(mktemp -d /tmp/dw-serving-XXXXXX)"
out="${OUT:-$work/results.md}"
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  (cd "$root" && ./mvnw -q -B -DskipTests -pl cli -am install)
fi
cp "$root/cli/target/driftwatch.jar" "$work/driftwatch.jar"   # other builds may replace the jar meanwhile
echo "# machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out"
echo "# jdk: $("$JAVA_HOME/bin/java" -version 2>&1 | head -1); $(date -u +%Y-%m-%dT%H:%M:%SZ); wrk -t$threads -c$conns -d$duration, $rounds rounds" | tee -a "$out"

port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
"$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -XX:+UseCompactObjectHeaders \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -jar "$work/driftwatch.jar" serve --port "$port" --data-dir "$work/data" >"$work/server.log" 2>&1 &
server_pid=$!
trap 'kill -TERM $server_pid 2>/dev/null; wait $server_pid 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:$port/api/v1/healthz" >/dev/null && break; sleep 0.5; done

dw() { "$JAVA_HOME/bin/java" -jar "$work/driftwatch.jar" "$@" --url "http://127.0.0.1:$port" >/dev/null; }
dw projects create bench
dw models log iris -p bench --training-set "$root/examples/iris/iris.csv" --label-column label \
  --framework onnx --model-file "$root/examples/iris/iris_rf.onnx"
dw monitoring enable -p bench
for fn in iris-off iris-on; do
  dw serving create "$fn" -p bench
  dw serving add-model "$fn" iris -p bench
done
dw serving tracking iris-off --off -p bench
dw serving tracking iris-on -p bench
dw serving deploy iris-off -p bench
dw serving deploy iris-on -p bench

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
wrk -t"$threads" -c"$conns" -d"$warmup" -s "$work/infer.lua" "$(url iris-off)" >/dev/null
wrk -t"$threads" -c"$conns" -d"$warmup" -s "$work/infer.lua" "$(url iris-on)" >/dev/null

# server CPU time (user + system, all threads) per request: robust when other processes share the cores
tck="$(getconf CLK_TCK)"
cpu() { awk '{print $14 + $15}' "/proc/$server_pid/stat"; }
echo "| round | tracking | requests/s | p50 ms | p99 ms | server CPU µs/request | errors |" | tee -a "$out"
echo "|---|---|---|---|---|---|---|" | tee -a "$out"
declare -A sum_rps sum_p50 sum_p99 sum_cpu
for r in $(seq 1 "$rounds"); do
  for fn in iris-off iris-on; do
    c0="$(cpu)"
    line="$(wrk -t"$threads" -c"$conns" -d"$duration" -s "$work/infer.lua" "$(url "$fn")" | grep '^RESULT')"
    sleep 2   # let the processor drain the tracked events of this run; they belong to its CPU time
    c1="$(cpu)"
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
python3 - "$rounds" "${sum_rps[iris-off]}" "${sum_rps[iris-on]}" "${sum_p50[iris-off]}" "${sum_p50[iris-on]}" \
  "${sum_p99[iris-off]}" "${sum_p99[iris-on]}" "${sum_cpu[iris-off]}" "${sum_cpu[iris-on]}" <<'PY' | tee -a "$out"
import sys
n = int(sys.argv[1]); ro, rn, po, pn, qo, qn, co, cn = (float(x) / n for x in sys.argv[2:])
print(f"| mean | off | {ro:.0f} | {po:.3f} | {qo:.3f} | {co:.0f} | |")
print(f"| mean | on | {rn:.0f} | {pn:.3f} | {qn:.3f} | {cn:.0f} | |")
print(f"\nthroughput loss {100 * (ro - rn) / ro:.1f} %, p50 delta {pn - po:+.3f} ms, p99 delta {qn - qo:+.3f} ms,"
      f" server CPU per request {100 * (cn - co) / co:+.1f} %")
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
