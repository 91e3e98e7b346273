# Sourced by .ci/run and ./driftwatch: exports JAVA_HOME pointing at a JDK 25 or fails with a clear message.
find_jdk25() {
  local candidates=("${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-25* /usr/lib/jvm/java-25* /usr/lib/jvm/jdk-25*)
  local c
  for c in "${candidates[@]}"; do
    [[ -n "$c" && -x "$c/bin/java" ]] || continue
    if "$c/bin/java" -version 2>&1 | head -1 | grep -Eq 'version "25'; then
      export JAVA_HOME="$c"
      export PATH="$JAVA_HOME/bin:$PATH"
      return 0
    fi
  done
  echo "driftwatch: no JDK 25 found. Install Temurin 25 (e.g. /usr/lib/jvm/temurin-25-jdk-amd64) or set JAVA_HOME to a JDK 25." >&2
  return 1
}
