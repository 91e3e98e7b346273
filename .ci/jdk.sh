# Sourced (POSIX sh) by .ci/run, ./driftwatch and ./mvnw: find_jdk25 exports JAVA_HOME pointing at a JDK 25,
# keeping a JAVA_HOME that already is one, or fails with a clear message.
find_jdk25() {
  for c in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-25* /usr/lib/jvm/java-25* \
      /usr/lib/jvm/jdk-25*; do
    [ -n "$c" ] && [ -x "$c/bin/java" ] || continue
    if "$c/bin/java" -version 2>&1 | head -1 | grep -Eq 'version "25'; then
      JAVA_HOME="$c"
      PATH="$JAVA_HOME/bin:$PATH"
      export JAVA_HOME PATH
      return 0
    fi
  done
  echo "driftwatch: no JDK 25 found. Install Temurin 25 (e.g. /usr/lib/jvm/temurin-25-jdk-amd64) or set JAVA_HOME to a JDK 25." >&2
  return 1
}
