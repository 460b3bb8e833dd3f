# shellcheck shell=bash
#
# Baseline for the Sluice benchmarks: a single-broker Apache Kafka 4.x (KRaft, combined
# broker+controller, 127.0.0.1 only) run from the Maven Central jars that kafka-pom.xml
# resolves (no distribution tarball), measured with Kafka's own ProducerPerformance.
#
# Meant to be sourced; it only defines functions and is safe under `set -euo pipefail`:
#
#   source tests/bench/kafka.sh
#   trap 'kafka_stop "$W"' EXIT              # never leave a broker behind
#   kafka_prepare "$W"                       # classpath, server.properties, storage format
#   kafka_start   "$W"                       # background broker, waits until it is serving
#   kafka_create_topic "$W" bench 4
#   WORKLOAD=w1 kafka_produce "$W" bench 2000000 1024 500 "$W/kafka-w1.json"
#   kafka_stop    "$W"
#
# Needs java (17+; $JAVA, else $JAVA_HOME/bin/java, else java), mvn ($MVN) for kafka_prepare,
# bash, coreutils, awk, getconf. No python.
#
# Environment (all optional):
#   KAFKA_PORT            PLAINTEXT listener port (default 19092)
#   KAFKA_CONTROLLER_PORT CONTROLLER listener port (default KAFKA_PORT+1)
#   KAFKA_HEAP_OPTS       broker heap (default "-Xmx1g -Xms1g", what kafka-server-start.sh uses)
#   KAFKA_CLIENT_HEAP_OPTS heap of the tool JVMs (default "-Xmx512m")
#   KAFKA_START_TIMEOUT   seconds kafka_start waits for the broker (default 90)
#   KAFKA_STOP_TIMEOUT    seconds kafka_stop waits after SIGTERM before SIGKILL (default 30)
#   KAFKA_LINGER_MS       producer linger.ms (default 5, see kafka_produce)
#   KAFKA_STATE_DU        allocated (default: du -s --block-size=1) or apparent (du -sb), see kafka_produce
#   WORKLOAD              the "workload" field of kafka_produce's JSON
#
# Files under WORKDIR: kafka.classpath, server.properties, log4j2-broker.xml, log4j2-tools.xml,
# kafka-logs/ (log.dirs, also the KRaft metadata log), kafka.log (broker stdout/stderr, which is
# where its log4j output goes), kafka.pid, bootstrap, produce-<topic>-<n>.{out,err,rss}.

_KAFKA_SH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

_kafka_log() { echo "[kafka.sh $(date +%H:%M:%S)] $*" >&2; }

_kafka_die() { _kafka_log "ERROR: $*"; return 1; }

_kafka_java() {
  if [[ -n "${JAVA:-}" ]]; then echo "$JAVA"
  elif [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then echo "$JAVA_HOME/bin/java"
  else echo java
  fi
}

_kafka_abs() { mkdir -p "$1" && (cd "$1" && pwd); }

# Runs one Kafka tool class (TopicCommand, StorageTool, ProducerPerformance...) on the classpath,
# client logging at WARN to stderr. Locale pinned so the tools print '.' decimal points.
_kafka_tool() {
  local w="$1"; shift
  # shellcheck disable=SC2086
  "$(_kafka_java)" ${KAFKA_CLIENT_HEAP_OPTS:--Xmx512m} -XX:+UseG1GC -Djava.awt.headless=true \
    -Duser.language=en -Duser.country=US \
    -Dlog4j2.configurationFile="$w/log4j2-tools.xml" \
    -cp "$(cat "$w/kafka.classpath")" "$@"
}

_kafka_pid() {
  local w="$1"
  [[ -s "$w/kafka.pid" ]] || return 1
  cat "$w/kafka.pid"
}

# True while PID is a live (not zombie) process running kafka.Kafka.
_kafka_alive() {
  local pid="$1" stat rest
  [[ -r "/proc/$pid/stat" ]] || return 1
  stat="$(cat "/proc/$pid/stat" 2>/dev/null)" || return 1
  rest="${stat##*) }"
  [[ "${rest%% *}" != "Z" ]] || return 1
  tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -q 'kafka\.Kafka' || return 1
}

# utime+stime of PID in clock ticks (fields 14 and 15 of /proc/PID/stat; the command name, field 2,
# may hold spaces, so count from after its closing parenthesis).
_kafka_cpu_ticks() {
  local stat rest
  stat="$(cat "/proc/$1/stat")"
  rest="${stat##*) }"
  awk '{ print $12 + $13 }' <<< "$rest"
}

_kafka_now_ns() { date +%s%N; }

# kafka_prepare WORKDIR
# Resolves the classpath (cached while kafka-pom.xml is unchanged), writes server.properties and
# the log4j2 configs, wipes WORKDIR/kafka-logs and formats it as a new single-node KRaft cluster.
kafka_prepare() {
  local w port cport cid pom
  [[ $# -eq 1 ]] || { _kafka_die "usage: kafka_prepare WORKDIR"; return 1; }
  w="$(_kafka_abs "$1")"
  port="${KAFKA_PORT:-19092}"
  cport="${KAFKA_CONTROLLER_PORT:-$((port + 1))}"
  pom="$_KAFKA_SH_DIR/kafka-pom.xml"

  if [[ ! -s "$w/kafka.classpath" || "$pom" -nt "$w/kafka.classpath" ]]; then
    _kafka_log "resolving the Kafka classpath ($pom)"
    if ! "${MVN:-mvn}" -B -q -f "$pom" dependency:build-classpath \
          -Dmdep.outputFile="$w/kafka.classpath" > "$w/mvn.log" 2>&1; then
      cat "$w/mvn.log" >&2
      _kafka_die "mvn dependency:build-classpath failed"; return 1
    fi
  fi
  [[ -s "$w/kafka.classpath" ]] || { _kafka_die "empty classpath in $w/kafka.classpath"; return 1; }

  # Broker: log4j2 to stdout, which kafka_start sends to WORKDIR/kafka.log.
  cat > "$w/log4j2-broker.xml" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<Configuration status="WARN">
  <Appenders>
    <Console name="STDOUT" target="SYSTEM_OUT">
      <PatternLayout pattern="[%d] %p %m (%c)%n"/>
    </Console>
  </Appenders>
  <Loggers>
    <Logger name="kafka.request.logger" level="WARN"/>
    <Logger name="state.change.logger" level="WARN"/>
    <Logger name="kafka.authorizer.logger" level="WARN"/>
    <Root level="INFO"><AppenderRef ref="STDOUT"/></Root>
  </Loggers>
</Configuration>
EOF
  # Tools and clients: warnings and errors only, to stderr.
  cat > "$w/log4j2-tools.xml" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<Configuration status="WARN">
  <Appenders>
    <Console name="STDERR" target="SYSTEM_ERR">
      <PatternLayout pattern="[%d] %p %m (%c)%n"/>
    </Console>
  </Appenders>
  <Loggers>
    <Root level="WARN"><AppenderRef ref="STDERR"/></Root>
  </Loggers>
</Configuration>
EOF

  # Dynamic KRaft quorum as in Kafka 4.x's own config/server.properties + quickstart:
  # controller.quorum.bootstrap.servers here, `format --standalone` below (no controller.quorum.voters).
  cat > "$w/server.properties" <<EOF
process.roles=broker,controller
node.id=1
controller.quorum.bootstrap.servers=127.0.0.1:$cport
listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$cport
advertised.listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$cport
inter.broker.listener.name=PLAINTEXT
controller.listener.names=CONTROLLER
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$w/kafka-logs
num.partitions=4
default.replication.factor=1
min.insync.replicas=1
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
auto.create.topics.enable=false
group.initial.rebalance.delay.ms=0
# The rest as in the distribution's server.properties (mostly the defaults).
num.network.threads=3
num.io.threads=8
socket.send.buffer.bytes=102400
socket.receive.buffer.bytes=102400
socket.request.max.bytes=104857600
num.recovery.threads.per.data.dir=1
log.retention.hours=168
log.segment.bytes=1073741824
EOF
  echo "127.0.0.1:$port" > "$w/bootstrap"

  rm -rf "$w/kafka-logs"
  _kafka_log "formatting $w/kafka-logs"
  # A cluster id as `kafka-storage random-uuid` makes it (16 random bytes, base64url, no padding;
  # Kafka rejects ids starting with '-'), without paying a JVM start for it.
  cid="-"
  while [[ "$cid" == -* ]]; do
    cid="$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')"
  done
  if ! _kafka_tool "$w" kafka.tools.StorageTool format --standalone -t "$cid" \
        -c "$w/server.properties" > "$w/format.log" 2>&1; then
    cat "$w/format.log" >&2
    _kafka_die "StorageTool format failed"; return 1
  fi
  _kafka_log "prepared $w (cluster id $cid, bootstrap $(cat "$w/bootstrap"))"
}

# kafka_start WORKDIR
# Starts kafka.Kafka in the background (detached from this shell, so it never becomes a zombie of
# it), output to WORKDIR/kafka.log, PID in WORKDIR/kafka.pid; returns once the broker logged
# "Kafka Server started" (KRaft brokers log that only once unfenced) and answers a TopicCommand --list.
kafka_start() {
  local w port pid deadline
  [[ $# -eq 1 ]] || { _kafka_die "usage: kafka_start WORKDIR"; return 1; }
  w="$(_kafka_abs "$1")"
  [[ -s "$w/server.properties" && -s "$w/kafka.classpath" ]] \
    || { _kafka_die "run kafka_prepare $w first"; return 1; }
  if pid="$(_kafka_pid "$w")" && _kafka_alive "$pid"; then
    _kafka_die "a broker already runs from $w (pid $pid)"; return 1
  fi
  port="$(sed -n 's/^listeners=PLAINTEXT:\/\/127\.0\.0\.1:\([0-9]*\),.*/\1/p' "$w/server.properties")"
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    _kafka_die "127.0.0.1:$port is already in use"; return 1
  fi

  rm -f "$w/kafka.pid"
  : > "$w/kafka.log"
  # JVM flags as kafka-run-class.sh / kafka-server-start.sh use them.
  # shellcheck disable=SC2086
  (
    cd "$w" || return 1
    nohup "$(_kafka_java)" ${KAFKA_HEAP_OPTS:--Xmx1g -Xms1g} \
      -server -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 \
      -XX:+ExplicitGCInvokesConcurrent -XX:MaxInlineLevel=15 -Djava.awt.headless=true \
      -Dlog4j2.configurationFile="$w/log4j2-broker.xml" \
      -cp "$(cat "$w/kafka.classpath")" kafka.Kafka "$w/server.properties" \
      >> "$w/kafka.log" 2>&1 < /dev/null &
    echo $! > "$w/kafka.pid"
  )
  pid="$(_kafka_pid "$w")"
  _kafka_log "broker pid $pid, waiting for it (log $w/kafka.log)"

  deadline=$(( $(date +%s) + ${KAFKA_START_TIMEOUT:-90} ))
  until grep -q 'Kafka Server started' "$w/kafka.log"; do
    if ! _kafka_alive "$pid"; then
      tail -n 40 "$w/kafka.log" >&2
      _kafka_die "broker exited during startup"; return 1
    fi
    if (( $(date +%s) >= deadline )); then
      tail -n 40 "$w/kafka.log" >&2
      _kafka_die "broker not started within ${KAFKA_START_TIMEOUT:-90}s"; return 1
    fi
    sleep 0.5
  done
  until _kafka_tool "$w" org.apache.kafka.tools.TopicCommand --bootstrap-server "$(cat "$w/bootstrap")" \
        --list > /dev/null 2> "$w/start-check.err"; do
    if ! _kafka_alive "$pid" || (( $(date +%s) >= deadline )); then
      cat "$w/start-check.err" >&2
      _kafka_die "broker does not answer on $(cat "$w/bootstrap")"; return 1
    fi
    sleep 1
  done
  _kafka_log "broker up on $(cat "$w/bootstrap")"
}

# kafka_create_topic WORKDIR TOPIC PARTITIONS   (replication factor 1; an existing topic is kept)
kafka_create_topic() {
  local w
  [[ $# -eq 3 ]] || { _kafka_die "usage: kafka_create_topic WORKDIR TOPIC PARTITIONS"; return 1; }
  w="$(_kafka_abs "$1")"
  _kafka_tool "$w" org.apache.kafka.tools.TopicCommand --bootstrap-server "$(cat "$w/bootstrap")" \
    --create --if-not-exists --topic "$2" --partitions "$3" --replication-factor 1 >&2 \
    || { _kafka_die "creating topic $2 failed"; return 1; }
}

# kafka_produce WORKDIR TOPIC NUM_RECORDS RECORD_SIZE BATCH_RECORDS OUTJSON
#
# Runs org.apache.kafka.tools.ProducerPerformance once, unthrottled (--throughput -1), null keys
# (so the sticky partitioner fills one partition's batch at a time), acks=all, compression none,
# and writes OUTJSON. Producer settings:
#   batch.size = BATCH_RECORDS*(RECORD_SIZE+11)+64: a v2 record with a null key and no headers costs
#     RECORD_SIZE + 10 bytes (length, attributes, timestamp/offset deltas, key/value lengths and
#     header count as varints; 11 once the timestamp delta passes 63 ms) and a batch has a 61-byte
#     header, so a full batch holds BATCH_RECORDS records, or a few more for small records (checked
#     with DumpLogSegments: 500 -> 500-501 records of 1024 B, ~504 of 100 B).
#   linger.ms = $KAFKA_LINGER_MS, default 5: the producer default since Kafka 4.0 (KIP-1030). With
#     --throughput -1 batches fill up before it expires, so it only matters for the last partial
#     batches; it is pinned so the figure does not depend on the client's default.
# JSON figures:
#   records, recordsPerSecond, putLatencyMs: ProducerPerformance's final summary line. Its latency is
#     send() to the acknowledgement callback, so with --throughput -1 it is mostly time queued in the
#     producer's buffer (buffer.memory, 32 MiB); its percentiles are whole milliseconds.
#   seconds = records / recordsPerSecond (the tool's own measured duration).
#   megabytesPerSecond = recordsPerSecond * RECORD_SIZE / 1e6 (the tool itself prints MiB/s).
#   serverCpuCores = broker utime+stime over the tool's whole run (JVM start to exit) / that wall time.
#   serverPeakRssMiB = max broker VmRSS, sampled every 200 ms over the same window.
#   stateBytesOnDisk = bytes allocated in the topic's partition directories after the run
#     (`du -s --block-size=1`), not `du -sb`: a running broker keeps the .index and .timeindex of each
#     active segment preallocated to 10 MiB as sparse files (trimmed only at roll or shutdown), so
#     apparent sizes add ~20 MiB per partition that hold no data. KAFKA_STATE_DU=apparent gives du -sb
#     anyway. __cluster_metadata and other topics are not counted.
#   errors = exception class -> count of the failed sends the tool printed (stack traces on stderr).
kafka_produce() {
  local w topic n size batch out pid batch_bytes linger bootstrap base tck
  local t0 t1 c0 c1 sampler rc summary
  [[ $# -eq 6 ]] || { _kafka_die "usage: kafka_produce WORKDIR TOPIC NUM_RECORDS RECORD_SIZE BATCH_RECORDS OUTJSON"; return 1; }
  w="$(_kafka_abs "$1")"; topic="$2"; n="$3"; size="$4"; batch="$5"; out="$6"
  pid="$(_kafka_pid "$w")" && _kafka_alive "$pid" || { _kafka_die "no broker running from $w"; return 1; }
  batch_bytes=$(( batch * (size + 11) + 64 ))
  linger="${KAFKA_LINGER_MS:-5}"
  bootstrap="$(cat "$w/bootstrap")"
  base="$w/produce-$topic-$n"
  tck="$(getconf CLK_TCK)"

  # RSS sampler: one VmRSS (KiB) line per 200 ms while it runs.
  : > "$base.rss"
  (
    while [[ -r "/proc/$pid/status" ]]; do
      awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status" >> "$base.rss" 2>/dev/null || true
      sleep 0.2
    done
  ) &
  sampler=$!

  _kafka_log "ProducerPerformance: $n x ${size}B -> $topic, batch.size=$batch_bytes linger.ms=$linger acks=all"
  c0="$(_kafka_cpu_ticks "$pid")"; t0="$(_kafka_now_ns)"
  rc=0
  _kafka_tool "$w" org.apache.kafka.tools.ProducerPerformance \
    --bootstrap-server "$bootstrap" --topic "$topic" \
    --num-records "$n" --record-size "$size" --throughput -1 \
    --command-property acks=all "batch.size=$batch_bytes" "linger.ms=$linger" \
      compression.type=none client.id=kafka-bench \
    > "$base.out" 2> "$base.err" || rc=$?
  t1="$(_kafka_now_ns)"
  c1="$(_kafka_cpu_ticks "$pid" 2>/dev/null || echo "$c0")"
  kill "$sampler" 2>/dev/null || true
  wait "$sampler" 2>/dev/null || true
  awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status" >> "$base.rss" 2>/dev/null || true

  summary="$(grep -E '^[0-9]+ records sent, .* 99\.9th\.' "$base.out" | tail -n 1 || true)"
  if [[ $rc -ne 0 || -z "$summary" ]]; then
    tail -n 20 "$base.out" "$base.err" >&2
    _kafka_die "ProducerPerformance failed (exit $rc)"; return 1
  fi
  echo "$summary" >&2

  local workload note errors state
  workload="${WORKLOAD:-unspecified}"
  workload="${workload//\\/\\\\}"; workload="${workload//\"/\\\"}"
  note="ProducerPerformance acks=all batch.size=$batch_bytes linger.ms=$linger compression.type=none record.size=$size key=null throughput=-1 state=du-${KAFKA_STATE_DU:-allocated}"
  # First line of each printed stack trace: "org.apache.kafka...SomeException: message".
  errors="$(awk '/^[a-z][A-Za-z0-9_.$]*(Exception|Error)(:|$)/ {
                 c = $1; sub(/:$/, "", c); n = split(c, p, "."); cnt[p[n]]++ }
               END { s = ""; for (k in cnt) s = s (s == "" ? "" : ",") "\"" k "\":" cnt[k]; print "{" s "}" }' "$base.err")"
  # The topic's partition directories only (TOPIC-0, TOPIC-1, ...), so that several workloads on one
  # broker each count their own data; __cluster_metadata and other topics are left out.
  local d b dirs=() du_flags=(--block-size=1)
  [[ "${KAFKA_STATE_DU:-allocated}" == apparent ]] && du_flags=(-b)
  for d in "$w/kafka-logs/$topic"-*; do
    b="${d##*/}"
    [[ -d "$d" && "${b%-*}" == "$topic" && "${b##*-}" =~ ^[0-9]+$ ]] && dirs+=("$d")
  done
  state=0
  if [[ ${#dirs[@]} -gt 0 ]]; then
    state="$(du -sc "${du_flags[@]}" "${dirs[@]}" | awk 'END { print $1 }')"
  fi

  mkdir -p "$(dirname "$out")"
  awk -v line="$summary" -v size="$size" -v wl="$workload" -v note="$note" -v errs="$errors" \
      -v c0="$c0" -v c1="$c1" -v tck="$tck" -v t0="$t0" -v t1="$t1" -v state="$state" \
      -v rssfile="$base.rss" '
    function num(s,   a) { split(s, a, " "); return a[1] + 0 }
    BEGIN {
      # "N records sent, X records/sec (Y MB/sec), A ms avg latency, B ms max latency,
      #  p50 ms 50th, p95 ms 95th, p99 ms 99th, p999 ms 99.9th."
      k = split(line, f, ", ")
      if (k != 8) { print "unexpected ProducerPerformance summary: " line > "/dev/stderr"; exit 1 }
      recs = num(f[1]); rps = num(f[2]); maxl = num(f[4])
      p50 = num(f[5]); p99 = num(f[7]); p999 = num(f[8])
      wall = (t1 - t0) / 1e9
      cores = (c1 - c0) / tck / wall
      peak = 0
      while ((getline v < rssfile) > 0) if (v + 0 > peak) peak = v + 0
      printf "{\"system\":\"kafka\",\"workload\":\"%s\",\"records\":%.0f,\"seconds\":%.3f,", wl, recs, recs / rps
      printf "\"recordsPerSecond\":%.1f,\"megabytesPerSecond\":%.2f,", rps, rps * size / 1e6
      printf "\"putLatencyMs\":{\"p50\":%s,\"p99\":%s,\"p999\":%s,\"max\":%.2f},", p50, p99, p999, maxl
      printf "\"visibilityMs\":null,\"errors\":%s,", errs
      printf "\"serverCpuCores\":%.3f,\"serverPeakRssMiB\":%.1f,\"stateBytesOnDisk\":%.0f,", cores, peak / 1024, state
      printf "\"note\":\"%s\"}\n", note
    }' > "$out"
  _kafka_log "wrote $out (tool run $(( (t1 - t0) / 1000000 )) ms wall)"
}

# kafka_stop WORKDIR   SIGTERM, wait up to KAFKA_STOP_TIMEOUT s, then SIGKILL. A no-op when no broker runs.
kafka_stop() {
  local w pid deadline
  [[ $# -eq 1 ]] || { _kafka_die "usage: kafka_stop WORKDIR"; return 1; }
  w="$1"
  pid="$(_kafka_pid "$w" 2>/dev/null)" || return 0
  if ! _kafka_alive "$pid"; then rm -f "$w/kafka.pid"; return 0; fi
  _kafka_log "stopping broker pid $pid"
  kill -TERM "$pid" 2>/dev/null || true
  deadline=$(( $(date +%s) + ${KAFKA_STOP_TIMEOUT:-30} ))
  while _kafka_alive "$pid"; do
    if (( $(date +%s) >= deadline )); then
      _kafka_log "broker pid $pid still up after ${KAFKA_STOP_TIMEOUT:-30}s, SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
      sleep 1
      break
    fi
    sleep 0.5
  done
  rm -f "$w/kafka.pid"
}
