#!/usr/bin/env bash
# Controller-cycle benchmark (docs/benchmarks.md "Controller cycle", issue 17 point 4): builds the benchmarks module
# and what it needs in the reactor (no install), writes its class path once, and runs
# io.driftwatch.benchmarks.controller.ControllerCycleBench with the given options, e.g.
#   benchmarks/controller-cycle.sh --backend embedded --endpoints 100,1000,10000 --apps histogram-data-drift,drift-tests
#   benchmarks/controller-cycle.sh --backend postgresql --endpoints 100,1000 --cycles 2
# then runs benchmarks/mlrun_histogram_drift.py (MLRun's histogram drift with numpy/pandas on raw rows) on the same
# --endpoints/--features/--rows, so both figures come from one run.
# The postgresql backend needs PostgreSQL on 127.0.0.1:5432 (user postgres, trust), mariadb MariaDB on
# 127.0.0.1:3306 (root); each creates a database dw_cc_<millis> and drops it afterwards. SKIP_BUILD=1 reuses the last build.
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
CP_FILE=$PWD/benchmarks/target/controller-cycle.classpath
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  # a reactor build: the Driftwatch modules resolve to this worktree's jars, nothing goes to ~/.m2
  ./mvnw -B -q -DskipTests -Dmaven.test.skip=true -pl benchmarks -am package \
    org.apache.maven.plugins:maven-dependency-plugin:3.9.0:build-classpath -Dmdep.outputFile="$CP_FILE"
fi
# JAVA_OPTS adds JVM options, e.g. JAVA_OPTS=-XX:StartFlightRecording=filename=/tmp/cc.jfr,settings=profile
# -XX:+UseCompactObjectHeaders: as ./driftwatch runs the server (8-byte object headers: less to allocate and collect);
# JAVA_OPTS=-XX:-UseCompactObjectHeaders measures without, as the figures before round 12 were.
"$JAVA_HOME/bin/java" -Xms1g -Xmx4g -XX:+UseCompactObjectHeaders --enable-native-access=ALL-UNNAMED ${JAVA_OPTS:-} \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "benchmarks/target/classes:$(cat "$CP_FILE")" io.driftwatch.benchmarks.controller.ControllerCycleBench "$@"

# Side by side in the same run (PYTHON_SIDE=0 skips it): MLRun's histogram drift with numpy/pandas on the same sizes.
if [[ "${PYTHON_SIDE:-1}" == 1 ]]; then
  py_args=()
  while [[ $# -gt 1 ]]; do
    case "$1" in --endpoints|--features|--rows) py_args+=("$1" "$2") ;; esac
    shift 2
  done
  python3 -c 'import numpy, pandas' 2>/dev/null || python3 -m pip install -q numpy pandas scipy
  python3 benchmarks/mlrun_histogram_drift.py "${py_args[@]}"
fi
