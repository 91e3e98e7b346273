#!/usr/bin/env bash
# Controller-cycle benchmark (docs/benchmarks.md "Controller cycle", issue 17 point 4): builds the benchmarks module
# and what it needs in the reactor (no install), writes its class path once, and runs
# io.driftwatch.benchmarks.controller.ControllerCycleBench with the given options, e.g.
#   benchmarks/controller-cycle.sh --backend embedded --endpoints 100,1000,10000 --apps histogram-data-drift,drift-tests
#   benchmarks/controller-cycle.sh --backend postgresql --endpoints 100,1000
# The postgresql backend needs PostgreSQL on 127.0.0.1:5432 (user postgres, trust); it creates a database
# dw_cc_<millis> and drops it afterwards. SKIP_BUILD=1 reuses the last build.
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
CP_FILE=$PWD/benchmarks/target/controller-cycle.classpath
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  # a reactor build: the Driftwatch modules resolve to this worktree's jars, nothing goes to ~/.m2
  ./mvnw -B -q -DskipTests -Dmaven.test.skip=true -pl benchmarks -am package \
    org.apache.maven.plugins:maven-dependency-plugin:3.9.0:build-classpath -Dmdep.outputFile="$CP_FILE"
fi
exec "$JAVA_HOME/bin/java" -Xms1g -Xmx4g --enable-native-access=ALL-UNNAMED \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "benchmarks/target/classes:$(cat "$CP_FILE")" io.driftwatch.benchmarks.controller.ControllerCycleBench "$@"
