#!/usr/bin/env bash
# Scale-out benchmark (docs/benchmarks.md "Scale-out: Kafka + PostgreSQL/MariaDB + Parquet"): builds the benchmarks
# module and what it needs, writes its class path (the adapters, the Kafka broker jars) once, and runs
# io.driftwatch.benchmarks.scaleout.ScaleOutBench with the given options, e.g.
#   benchmarks/scale-out/run.sh --targets postgresql,mariadb,embedded --rate 300 --rows 100 --reps 3 --out /tmp/so.md
# --via http: through `driftwatch serve` (cli/target/driftwatch.jar, a child JVM) and its ingest route, Parquet on
# s3proxy (a child JVM) for the Kafka targets; default --via ports: the ports inside this JVM.
# Needs PostgreSQL on 127.0.0.1:5432 (user postgres, trust) and MariaDB on 127.0.0.1:3306 (root, no password):
# each run creates a database dw_bench_<millis> and drops it afterwards. SKIP_BUILD=1 reuses the last build.
set -euo pipefail
cd "$(dirname "$0")/../.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
CP_FILE=benchmarks/target/scaleout.classpath
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  # reactor builds only (no install: ~/.m2 may be shared); cli/target/driftwatch.jar is the server of --via http
  ./mvnw -B -q -pl cli,benchmarks -am package -DskipTests
  ./mvnw -B -q -pl benchmarks -am dependency:build-classpath -Dmdep.outputFile=target/scaleout.classpath
  # s3proxy (a child JVM of --via http) and its dependencies, from store-s3's test class path
  ./mvnw -B -q -pl store-s3 dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile="$PWD/benchmarks/target/s3proxy.classpath"
fi
exec "$JAVA_HOME/bin/java" -Xms1g -Xmx2g -XX:+UseG1GC --enable-native-access=ALL-UNNAMED \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "benchmarks/target/classes:$(cat "$CP_FILE")" io.driftwatch.benchmarks.scaleout.ScaleOutBench "$@"
