#!/usr/bin/env bash
# Builds the JMH jar and runs the benchmarks; prints the machine facts that docs/benchmarks.md records.
# Usage: benchmarks/run.sh [JMH args...]   e.g. benchmarks/run.sh StatsBenchmark -f 1 -wi 2 -i 3
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
source "$root/.ci/jdk.sh"
find_jdk25 || exit 2
(cd "$root" && ./mvnw -q -B -DskipTests -pl benchmarks -am package)
echo "# machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/{print $2}') GiB"
echo "# jdk: $("$JAVA_HOME/bin/java" -version 2>&1 | head -1)"
exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Xmx8g -jar "$root/benchmarks/target/benchmarks.jar" "$@"
