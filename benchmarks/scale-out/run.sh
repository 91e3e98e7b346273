#!/usr/bin/env bash
# Scale-out benchmark (docs/benchmarks.md "Scale-out: Kafka + PostgreSQL/MariaDB + Parquet"): builds the benchmarks
# module and what it needs, writes its class path (the adapters, the Kafka broker jars) once, and runs
# io.driftwatch.benchmarks.scaleout.ScaleOutBench with the given options, e.g.
#   benchmarks/scale-out/run.sh --targets postgresql,mariadb,embedded --rate 300 --rows 100 --reps 3 --out /tmp/so.md
# Needs PostgreSQL on 127.0.0.1:5432 (user postgres, trust) and MariaDB on 127.0.0.1:3306 (root, no password):
# each run creates a database dw_bench_<millis> and drops it afterwards. SKIP_BUILD=1 reuses the last build.
set -euo pipefail
cd "$(dirname "$0")/../.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
CP_FILE=benchmarks/target/scaleout.classpath
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  ./mvnw -B -q install -pl benchmarks -am -DskipTests
  ./mvnw -B -q -pl benchmarks dependency:build-classpath -Dmdep.outputFile=target/scaleout.classpath
fi
exec "$JAVA_HOME/bin/java" -Xms1g -Xmx2g -XX:+UseG1GC --enable-native-access=ALL-UNNAMED \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "benchmarks/target/classes:$(cat "$CP_FILE")" io.driftwatch.benchmarks.scaleout.ScaleOutBench "$@"
