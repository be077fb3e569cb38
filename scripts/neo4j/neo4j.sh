#!/usr/bin/env bash
# Local Neo4j 5.26 LTS (Community, embedded) with Bolt on 127.0.0.1 — no Docker needed.
#
# Usage: scripts/neo4j/neo4j.sh start|stop|status|restart
#
#   start   build the launcher if needed (Maven), start Neo4j in the background under a supervisor,
#           wait until Bolt is ready; last line of output is exactly  NEO4J_URI=bolt://127.0.0.1:<port>
#   stop    stop the supervisor, then Neo4j: SIGTERM (clean shutdown), wait up to 60 s, then SIGKILL;
#           exit 0 if not running
#   status  print "running ..." (exit 0) or "not running" (exit 3)
#
# Supervision: a background loop (its pid in <home>/supervisor.pid, its log in <home>/supervisor.log)
# restarts Neo4j whenever the JVM exits without `stop` (kill -9, a crash, the launcher's watchdog after
# the database became unavailable), after 1, 2, 4, ... up to 30 s (back to 1 s once an instance ran a
# minute). Neo4j's pid is in <home>/neo4j.pid.
#
# Environment:
#   NEO4J_BOLT_PORT        Bolt port on 127.0.0.1 (default 7687)
#   NEO4J_HOME_DIR         state dir (default <repo root>/.neo4j): data/, import/, launcher.log, neo4j.pid
#   NEO4J_HEAP             JVM max heap (default 1g)
#   NEO4J_PAGECACHE        page cache size, off the heap (default 256m)
#   NEO4J_TX_MEMORY        memory one transaction may hold (db.memory.transaction.max, default 256m)
#   NEO4J_TX_MEMORY_TOTAL  memory all transactions together may hold (db.memory.transaction.total.max,
#                          default 512m); keep it well under NEO4J_HEAP
#   NEO4J_TX_TIMEOUT       upper bound of any transaction in seconds (db.transaction.timeout, default 120);
#                          keep it at least the app's QUERY_TIMEOUT_MS
#   NEO4J_JAVA_OPTS        extra JVM options (optional)
#   JAVA_HOME              if set, $JAVA_HOME/bin/java is used, else `java` from PATH
#
# Always set: LOAD CSV may not read file:/// URLs (dbms.security.allow_csv_import_from_file_urls=false)
# and its import directory (server.directories.import) is <home>/import, left empty. A query that builds
# a value larger than the heap (Cypher does not count every value against NEO4J_TX_MEMORY, e.g. a string
# grown by reduce()) fails with Neo.TransientError.General.OutOfMemoryError; the JVM is not made to exit
# on OutOfMemoryError, and if it dies anyway the supervisor brings it back.
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
SUPERVISOR_PID_FILE="$HOME_DIR/supervisor.pid"
SUPERVISOR_LOG="$HOME_DIR/supervisor.log"
IMPORT_DIR="$HOME_DIR/import"
HEAP="${NEO4J_HEAP:-1g}"
PAGECACHE="${NEO4J_PAGECACHE:-256m}"
TX_MEMORY="${NEO4J_TX_MEMORY:-256m}"
TX_MEMORY_TOTAL="${NEO4J_TX_MEMORY_TOTAL:-512m}"
TX_TIMEOUT="${NEO4J_TX_TIMEOUT:-120}"

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
case "$TX_TIMEOUT" in
  '' | *[!0-9]*) die "NEO4J_TX_TIMEOUT must be a number of seconds, got '$TX_TIMEOUT'" ;;
esac
for size in "$HEAP" "$PAGECACHE" "$TX_MEMORY" "$TX_MEMORY_TOTAL"; do
  [[ "$size" =~ ^[0-9]+[kKmMgG]?$ ]] || die "memory sizes (NEO4J_HEAP, NEO4J_PAGECACHE, NEO4J_TX_MEMORY, NEO4J_TX_MEMORY_TOTAL) look like 512m or 1g, got '$size'"
done

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

# Prints the pid of our supervisor loop if it runs.
supervisor_pid() {
  [[ -f "$SUPERVISOR_PID_FILE" ]] || return 1
  local pid
  pid="$(tr -dc '0-9' < "$SUPERVISOR_PID_FILE")"
  [[ -n "$pid" ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  if [[ -r "/proc/$pid/cmdline" ]]; then
    tr '\0' ' ' < "/proc/$pid/cmdline" | grep -q "neo4j.sh.*__supervise" || return 1
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

# The JVM command line (array JVM_CMD); needs check_java and a build.
jvm_cmd() {
  local cp
  cp="$CLASSES_DIR:$(cat "$CP_FILE")"
  # shellcheck disable=SC2086
  JVM_CMD=(
    "$JAVA" -Xms256m "-Xmx$HEAP" "-Dinnograph.pagecache=$PAGECACHE"
    "-Dinnograph.txMemory=$TX_MEMORY" "-Dinnograph.txMemoryTotal=$TX_MEMORY_TOTAL"
    "-Dinnograph.txTimeout=$TX_TIMEOUT" "-Dinnograph.importDir=$IMPORT_DIR"
    -XX:+UseG1GC -XX:-OmitStackTraceInFastThrow
    -Djdk.nio.maxCachedBufferSize=1024
    -Dio.netty.tryReflectionSetAccessible=true
    -Dlog4j2.disable.jmx=true
    --add-opens=java.base/java.nio=ALL-UNNAMED
    --add-opens=java.base/java.io=ALL-UNNAMED
    --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
    --add-opens=java.base/java.lang=ALL-UNNAMED
    ${NEO4J_JAVA_OPTS:-}
    -cp "$cp" "$MAIN_CLASS" "$DATA_DIR" "$BOLT_PORT"
  )
}

# The supervisor loop (runs in its own session, started by cmd_start): runs Neo4j, and when it exits
# without a stop request, starts it again after a back-off. SIGTERM stops Neo4j and the loop.
cmd_supervise() {
  check_java
  jvm_cmd
  local stopping=0 child="" delay=1 started rc
  trap 'stopping=1; [[ -n "$child" ]] && kill -TERM "$child" 2>/dev/null' TERM INT
  echo "$$" > "$SUPERVISOR_PID_FILE"
  while :; do
    started=$SECONDS
    echo "== $(date -u +%FT%TZ) supervisor: starting Neo4j" >> "$LOG_FILE"
    "${JVM_CMD[@]}" >>"$LOG_FILE" 2>&1 </dev/null &
    child=$!
    echo "$child" > "$PID_FILE"
    echo "$BOLT_PORT" > "$PORT_FILE"
    rc=0
    # `wait` returns early when a trapped signal arrives: wait again until the JVM is really gone
    while kill -0 "$child" 2>/dev/null; do wait "$child" && rc=0 || rc=$?; done
    child=""
    if (( stopping )); then
      echo "$(date -u +%FT%TZ) Neo4j stopped (exit $rc); supervisor exits"
      break
    fi
    (( SECONDS - started >= 60 )) && delay=1
    echo "$(date -u +%FT%TZ) Neo4j exited (code $rc) after $((SECONDS - started)) s; restarting in $delay s"
    sleep "$delay" & wait $! || true
    (( stopping )) && break
    delay=$(( delay * 2 > 30 ? 30 : delay * 2 ))
  done
  rm -f "$PID_FILE" "$PORT_FILE" "$SUPERVISOR_PID_FILE"
}

# Waits until Bolt answers (the launcher printed BOLT READY since `since_line` and the port is open).
wait_ready() {
  local since_line="$1" start=$SECONDS
  while :; do
    if ! supervisor_pid >/dev/null; then
      echo "neo4j.sh: ERROR: Neo4j's supervisor exited during startup. Last lines of $LOG_FILE:" >&2
      tail -n 40 "$LOG_FILE" >&2 || true
      return 1
    fi
    if tail -n "+$since_line" "$LOG_FILE" 2>/dev/null | grep -q "^BOLT READY " && port_open; then
      return 0
    fi
    if (( SECONDS - start >= START_TIMEOUT )); then
      echo "neo4j.sh: ERROR: Bolt not ready after ${START_TIMEOUT}s; stopping. Last lines of $LOG_FILE:" >&2
      tail -n 40 "$LOG_FILE" >&2 || true
      cmd_stop >/dev/null 2>&1 || true
      return 1
    fi
    sleep 0.5
  done
}

cmd_start() {
  local pid
  if supervisor_pid >/dev/null || pid="$(running_pid)"; then
    local ruri
    ruri="$(running_uri)"
    log "already running (pid ${pid:-$(tr -dc '0-9' < "$PID_FILE" 2>/dev/null)})"
    if [[ "$ruri" != "$URI" ]]; then
      log "WARNING: running instance listens on $ruri, not on requested $URI (stop it first to change port)"
    fi
    if supervisor_pid >/dev/null; then wait_ready 1 || exit 1; fi
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

  mkdir -p "$DATA_DIR" "$IMPORT_DIR"
  rm -f "$PID_FILE" "$PORT_FILE" "$SUPERVISOR_PID_FILE"
  [[ -f "$LOG_FILE" ]] && mv -f "$LOG_FILE" "$LOG_FILE.prev"
  : > "$LOG_FILE"

  local start=$SECONDS
  # nohup + setsid: own session, survives the calling shell
  nohup setsid bash "$SCRIPT_DIR/neo4j.sh" __supervise >>"$SUPERVISOR_LOG" 2>&1 </dev/null &
  local spid=$!
  for _ in $(seq 1 50); do [[ -s "$SUPERVISOR_PID_FILE" ]] && break; sleep 0.1; done
  log "starting Neo4j under a supervisor (pid $spid), log: $LOG_FILE"
  wait_ready 1 || exit 1
  log "Neo4j ready in $((SECONDS - start)) s (pid $(tr -dc '0-9' < "$PID_FILE"); auth disabled, loopback only)"
  echo "NEO4J_URI=$URI"
}

cmd_stop() {
  local spid pid
  if spid="$(supervisor_pid)"; then
    log "stopping the supervisor (pid $spid) and Neo4j..."
    kill -TERM "$spid" 2>/dev/null || true
  fi
  if ! pid="$(running_pid)"; then
    rm -f "$PID_FILE" "$PORT_FILE"
    # a supervisor in back-off has no Neo4j to stop: wait for it to leave
    for _ in $(seq 1 20); do supervisor_pid >/dev/null || break; sleep 0.25; done
    rm -f "$SUPERVISOR_PID_FILE"
    echo "${spid:+stopped}${spid:-not running}"
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
  for _ in $(seq 1 20); do supervisor_pid >/dev/null || break; sleep 0.25; done
  rm -f "$PID_FILE" "$PORT_FILE" "$SUPERVISOR_PID_FILE"
  echo "stopped"
}

cmd_status() {
  local pid
  if pid="$(running_pid)"; then
    local sup="unsupervised"
    supervisor_pid >/dev/null && sup="supervisor pid $(supervisor_pid)"
    echo "running (pid $pid, $sup) $(running_uri)"
    return 0
  fi
  if supervisor_pid >/dev/null; then
    echo "not running (supervisor pid $(supervisor_pid) is restarting it)"
    return 3
  fi
  echo "not running"
  return 3
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  restart) cmd_stop; cmd_start ;;
  __supervise) cmd_supervise ;;
  *)
    echo "usage: $0 start|stop|status|restart" >&2
    exit 2
    ;;
esac
