#!/usr/bin/env bash
# Where tracking's CPU goes, per server thread (docs/benchmarks.md "Round 3"): starts `driftwatch serve` (temporary
# data dir), deploys the iris ONNX model in three functions (tracking off, on, sample rate 0.1), drives each with
# OpenLoopLoad at a fixed rate, waits for the processor to drain, and prints the CPU seconds each server thread
# group used during the run (user + system from /proc/PID/task/*/stat; threads of one name summed, digits dropped).
# A fixed rate makes the comparison independent of how fast the shared machine happens to be.
#   benchmarks/tracking-threads.sh      Environment: RATE (4000 req/s), SECONDS_PER_RUN (20), ROUNDS (1),
#   SERVER_OPTS (JVM options), SKIP_BUILD=1 (use the built jars), PORT (18931).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
source "$root/.ci/jdk.sh"
find_jdk25 || exit 2
rate="${RATE:-4000}"; secs="${SECONDS_PER_RUN:-20}"; port="${PORT:-18931}"
[[ "${SKIP_BUILD:-0}" == 1 ]] || (cd "$root" && ./mvnw -q -B -DskipTests -pl cli,benchmarks -am install)
work="$(mktemp -d /tmp/dw-threads-XXXXXX)"
cp "$root/cli/target/driftwatch.jar" "$root/benchmarks/target/benchmarks.jar" "$work/"
# shellcheck disable=SC2086 # SERVER_OPTS is a list of JVM options
"$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -XX:+UseCompactObjectHeaders ${SERVER_OPTS:-} \
  -jar "$work/driftwatch.jar" serve --port "$port" --data-dir "$work/data" >"$work/server.log" 2>&1 &
pid=$!
trap 'kill -TERM $pid 2>/dev/null; wait $pid 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:$port/api/v1/healthz" >/dev/null && break; sleep 0.5; done
dw() { "$JAVA_HOME/bin/java" -jar "$work/driftwatch.jar" "$@" --url "http://127.0.0.1:$port" >/dev/null; }
dw projects create bench
dw models log iris -p bench --training-set "$root/examples/iris/iris.csv" --label-column label --framework onnx \
  --model-file "$root/examples/iris/iris_rf.onnx"
dw monitoring enable -p bench
fns="iris-off iris-on iris-s01"
for fn in $fns; do dw serving create "$fn" -p bench; dw serving add-model "$fn" iris -p bench; done
dw serving tracking iris-off --off -p bench
dw serving tracking iris-on -p bench
dw serving tracking iris-s01 --sample-rate 0.1 -p bench
for fn in $fns; do dw serving deploy "$fn" -p bench; done
load() {
  "$JAVA_HOME/bin/java" -XX:TieredStopAtLevel=1 -Xmx256m -cp "$work/benchmarks.jar" io.driftwatch.benchmarks.OpenLoopLoad \
    "http://127.0.0.1:$port/serving/bench/$1/v2/models/iris/infer" "$rate" "$2" 8
}
snapshot() {
  for t in /proc/"$pid"/task/*; do
    echo "$(tr ' ' '_' <"$t/comm" | sed 's/[0-9]*$//') $(awk '{print $14 + $15}' "$t/stat")"
  done | awk '{a[$1] += $2} END {for (k in a) print k, a[k]}' | sort
}
lag() { curl -fs "http://127.0.0.1:$port/metrics" | awk '/^driftwatch_stream_lag_records /{printf "%d", $2}'; }
for fn in $fns; do load "$fn" "$secs" >/dev/null; done # warm-up (JIT)
echo "# $(nproc) cores, $(date -u +%FT%TZ), $rate requests/s for $secs s per function, CPU seconds per thread group"
for r in $(seq 1 "${ROUNDS:-1}"); do
  for fn in $fns; do
    snapshot >"$work/before"
    result="$(load "$fn" "$secs" | grep RESULT | cut -d' ' -f2-6)"
    sleep 1
    for _ in $(seq 1 120); do [[ "$(lag)" == 0 ]] && break; sleep 0.5; done
    snapshot >"$work/after"
    echo "## round $r, $fn: $result"
    join -a2 -e0 -o 0,1.2,2.2 "$work/before" "$work/after" \
      | awk '{d = $3 - $2; if (d >= 5) printf "  %-28s %6.2f s\n", $1, d / 100}'
  done
done
