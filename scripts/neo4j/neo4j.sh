#!/usr/bin/env bash
# Local Neo4j 5.26 LTS (Community, embedded) with Bolt on 127.0.0.1 — no Docker needed.
#
# Usage: scripts/neo4j/neo4j.sh start|stop|status|restart
#
#   start   build the launcher if needed (Maven), start Neo4j in the background, wait until
#           Bolt is ready; last line of output is exactly  NEO4J_URI=bolt://127.0.0.1:<port>
#   stop    SIGTERM (clean shutdown), wait up to 60 s, then SIGKILL; exit 0 if not running
#   status  print "running ..." (exit 0) or "not running" (exit 3)
#
# Environment:
#   NEO4J_BOLT_PORT   Bolt port on 127.0.0.1 (default 7687)
#   NEO4J_HOME_DIR    state dir (default <repo root>/.neo4j): data/, launcher.log, neo4j.pid
#   NEO4J_HEAP        JVM max heap (default 1g)
#   NEO4J_PAGECACHE   page cache size, off the heap (default 256m)
#   NEO4J_JAVA_OPTS   extra JVM options (optional)
#   JAVA_HOME         if set, $JAVA_HOME/bin/java is used, else `java` from PATH
#
# Authentication is DISABLED: connect with no auth (or any credentials). This is only safe because
# Bolt is bound to the loopback interface. Requires Java 17+ and Maven 3.6+.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
REPO_ROOT="$(cd "$SCRIPT_DIR/../.." && pwd -P)"

BOLT_HOST=127.0.0.1
BOLT_PORT="${NEO4J_BOLT_PORT:-7687}"
HOME_DIR="${NEO4J_HOME_DIR:-$REPO_ROOT/.neo4j}"
DATA_DIR="$HOME_DIR/data"
LOG_FILE="$HOME_DIR/launcher.log"
PID_FILE="$HOME_DIR/neo4j.pid"
PORT_FILE="$HOME_DIR/neo4j.port" # port of the running instance (may differ from NEO4J_BOLT_PORT)
HEAP="${NEO4J_HEAP:-1g}"
PAGECACHE="${NEO4J_PAGECACHE:-256m}"

POM="$SCRIPT_DIR/pom.xml"
SRC="$SCRIPT_DIR/src/main/java/dev/innograph/Neo4jLauncher.java"
TARGET_DIR="$SCRIPT_DIR/target"
CLASSES_DIR="$TARGET_DIR/classes"
CP_FILE="$TARGET_DIR/classpath.txt"
STAMP_FILE="$TARGET_DIR/.build-stamp"
MAIN_CLASS=dev.innograph.Neo4jLauncher

START_TIMEOUT=180
STOP_TIMEOUT=60

URI="bolt://$BOLT_HOST:$BOLT_PORT"

log() { echo "neo4j.sh: $*" >&2; }
die() { echo "neo4j.sh: ERROR: $*" >&2; exit 1; }

case "$BOLT_PORT" in
  '' | *[!0-9]*) die "NEO4J_BOLT_PORT must be a number, got '$BOLT_PORT'" ;;
esac

java_bin() {
  if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then
    echo "$JAVA_HOME/bin/java"
  else
    command -v java || true
  fi
}

check_java() {
  JAVA="$(java_bin)"
  if [[ -z "$JAVA" ]]; then
    die "'java' not found. Neo4j 5.26 needs a Java 17 or 21 JDK.
  hint: Debian/Ubuntu: sudo apt-get install -y openjdk-17-jdk-headless   (macOS: brew install openjdk@17)
        or set JAVA_HOME to a JDK 17+ installation."
  fi
  local ver major
  ver="$("$JAVA" -version 2>&1 | awk -F'"' '/version/ {print $2; exit}')"
  major="${ver%%.*}"
  if [[ "$major" =~ ^[0-9]+$ ]] && (( major < 17 )); then
    die "Java $ver found at $JAVA, but Neo4j 5.26 needs Java 17 or 21.
  hint: install openjdk-17-jdk-headless and/or set JAVA_HOME to it."
  fi
}

check_mvn() {
  if ! command -v mvn >/dev/null 2>&1; then
    die "'mvn' (Apache Maven) not found; it is needed to build the Neo4j launcher.
  hint: Debian/Ubuntu: sudo apt-get install -y maven   (macOS: brew install maven)"
  fi
}

# Build (compile + resolve classpath) unless the cached build is newer than pom.xml and the source.
build() {
  mkdir -p "$TARGET_DIR"
  # Serialize concurrent builds (several instances may be started at once); flock is optional.
  # The lock fd is closed again before Neo4j is launched, so the JVM does not inherit it.
  if command -v flock >/dev/null 2>&1; then
    exec 9>"$TARGET_DIR/.build.lock"
    flock 9
  fi
  build_unlocked
  exec 9>&-
}

build_unlocked() {
  if [[ -d "$CLASSES_DIR" && -s "$CP_FILE" && -f "$STAMP_FILE" \
        && "$STAMP_FILE" -nt "$POM" && "$STAMP_FILE" -nt "$SRC" \
        && -f "$CLASSES_DIR/dev/innograph/Neo4jLauncher.class" ]]; then
    return 0
  fi
  log "building launcher with Maven (first run downloads Neo4j from Maven Central; may take a minute)..."
  local start=$SECONDS
  rm -f "$STAMP_FILE"
  # Make Maven compile with the same JDK that will run the launcher (if we can locate it).
  local jdk_home
  jdk_home="$(dirname "$(dirname "$(readlink -f "$JAVA")")")"
  [[ -x "$jdk_home/bin/javac" ]] || jdk_home="${JAVA_HOME:-}"
  if ! (cd "$SCRIPT_DIR"
        if [[ -n "$jdk_home" ]]; then export JAVA_HOME="$jdk_home"; fi
        set -o pipefail
        # (strip ANSI codes: some Maven builds emit stray colour resets even in batch mode)
        mvn -q -B -Dstyle.color=never -f "$POM" \
          compile dependency:build-classpath -Dmdep.outputFile="$CP_FILE" 2>&1 \
          | sed -e $'s/\e\\[[0-9;]*m//g' -e '/^[[:space:]]*$/d' >&2); then
    die "Maven build failed (see output above)."
  fi
  [[ -s "$CP_FILE" ]] || die "Maven did not produce $CP_FILE"
  touch "$STAMP_FILE"
  log "build done in $((SECONDS - start)) s"
}

# Prints the pid if our launcher is running (pid file present, process alive and is our launcher).
running_pid() {
  [[ -f "$PID_FILE" ]] || return 1
  local pid
  pid="$(tr -dc '0-9' < "$PID_FILE")"
  [[ -n "$pid" ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  if [[ -r "/proc/$pid/cmdline" ]]; then
    tr '\0' ' ' < "/proc/$pid/cmdline" | grep -q "$MAIN_CLASS" || return 1
  fi
  echo "$pid"
}

# URI of the running instance (falls back to the configured one).
running_uri() {
  local p=""
  [[ -f "$PORT_FILE" ]] && p="$(tr -dc '0-9' < "$PORT_FILE")"
  echo "bolt://$BOLT_HOST:${p:-$BOLT_PORT}"
}

port_open() {
  (exec 3<>"/dev/tcp/$BOLT_HOST/$BOLT_PORT") 2>/dev/null
}

cmd_start() {
  local pid
  if pid="$(running_pid)"; then
    local ruri
    ruri="$(running_uri)"
    log "already running (pid $pid)"
    if [[ "$ruri" != "$URI" ]]; then
      log "WARNING: running instance listens on $ruri, not on requested $URI (stop it first to change port)"
    fi
    echo "NEO4J_URI=$ruri"
    return 0
  fi
  check_java
  check_mvn
  if port_open; then
    die "port $BOLT_HOST:$BOLT_PORT is already in use by another process (not ours).
  hint: stop that process or use another port, e.g. NEO4J_BOLT_PORT=7688 $0 start"
  fi
  build

  mkdir -p "$DATA_DIR"
  rm -f "$PID_FILE" "$PORT_FILE"
  [[ -f "$LOG_FILE" ]] && mv -f "$LOG_FILE" "$LOG_FILE.prev"

  local cp
  cp="$CLASSES_DIR:$(cat "$CP_FILE")"
  # shellcheck disable=SC2086
  local -a jvm_opts=(
    -Xms256m "-Xmx$HEAP" "-Dinnograph.pagecache=$PAGECACHE"
    -XX:+UseG1GC -XX:-OmitStackTraceInFastThrow -XX:+ExitOnOutOfMemoryError
    -Djdk.nio.maxCachedBufferSize=1024
    -Dio.netty.tryReflectionSetAccessible=true
    -Dlog4j2.disable.jmx=true
    --add-opens=java.base/java.nio=ALL-UNNAMED
    --add-opens=java.base/java.io=ALL-UNNAMED
    --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
    --add-opens=java.base/java.lang=ALL-UNNAMED
    ${NEO4J_JAVA_OPTS:-}
  )

  local start=$SECONDS
  # nohup + setsid: own session, survives the calling shell; both exec, so $! is the java pid.
  nohup setsid "$JAVA" "${jvm_opts[@]}" -cp "$cp" "$MAIN_CLASS" "$DATA_DIR" "$BOLT_PORT" \
    >"$LOG_FILE" 2>&1 </dev/null &
  pid=$!
  echo "$pid" > "$PID_FILE"
  echo "$BOLT_PORT" > "$PORT_FILE"
  log "starting Neo4j (pid $pid), log: $LOG_FILE"

  while :; do
    if ! kill -0 "$pid" 2>/dev/null; then
      rm -f "$PID_FILE" "$PORT_FILE"
      echo "neo4j.sh: ERROR: Neo4j process exited during startup. Last lines of $LOG_FILE:" >&2
      tail -n 40 "$LOG_FILE" >&2 || true
      exit 1
    fi
    if grep -q "^BOLT READY " "$LOG_FILE" 2>/dev/null && port_open; then
      break
    fi
    if (( SECONDS - start >= START_TIMEOUT )); then
      echo "neo4j.sh: ERROR: Bolt not ready after ${START_TIMEOUT}s; stopping. Last lines of $LOG_FILE:" >&2
      tail -n 40 "$LOG_FILE" >&2 || true
      cmd_stop >/dev/null 2>&1 || true
      exit 1
    fi
    sleep 0.5
  done
  log "Neo4j ready in $((SECONDS - start)) s (auth disabled, loopback only)"
  echo "NEO4J_URI=$URI"
}

cmd_stop() {
  local pid
  if ! pid="$(running_pid)"; then
    rm -f "$PID_FILE" "$PORT_FILE"
    echo "not running"
    return 0
  fi
  log "stopping Neo4j (pid $pid)..."
  kill -TERM "$pid" 2>/dev/null || true
  local waited=0
  while kill -0 "$pid" 2>/dev/null; do
    if (( waited >= STOP_TIMEOUT * 2 )); then
      log "did not stop within ${STOP_TIMEOUT}s; sending SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
      sleep 1
      break
    fi
    sleep 0.5
    waited=$((waited + 1))
  done
  rm -f "$PID_FILE" "$PORT_FILE"
  echo "stopped"
}

cmd_status() {
  local pid
  if pid="$(running_pid)"; then
    echo "running (pid $pid) $(running_uri)"
    return 0
  fi
  echo "not running"
  return 3
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  restart) cmd_stop; cmd_start ;;
  *)
    echo "usage: $0 start|stop|status|restart" >&2
    exit 2
    ;;
esac
