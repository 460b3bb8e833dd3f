# shellcheck shell=bash
# Sourced by bin/bench: start and stop Sluice embedded for a benchmark run.

# wait_for_port PORT SECONDS: polls until something listens on 127.0.0.1:PORT.
wait_for_port() {
  local port="$1" deadline=$((SECONDS + $2))
  until (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
    if [ "$SECONDS" -ge "$deadline" ]; then
      echo "nothing listens on port $port after $2 s" >&2
      return 1
    fi
    sleep 0.2
  done
}

# port_free PORT: fails (with a message) when something already listens on 127.0.0.1:PORT.
port_free() {
  if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then
    echo "port $1 is already in use; stop what listens there first" >&2
    return 1
  fi
}

# sluice_start DIR PORT ACK_MODE: a fresh embedded Sluice (empty data dir under DIR) on 127.0.0.1:PORT.
sluice_start() {
  local dir="$1" port="$2" mode="$3"
  sluice_stop "$dir"
  port_free "$port"
  rm -rf "$dir/data"
  mkdir -p "$dir"
  # shellcheck disable=SC2086
  java ${SLUICE_BENCH_JAVA_OPTS:--Xms2g -Xmx2g} -cp "$SLUICE_CP" io.sluice.ingest.embedded.SluiceEmbedded \
    sluice.http.host=127.0.0.1 sluice.http.port="$port" sluice.ack-mode="$mode" sluice.data-dir="$dir/data" sluice.streams.throttling=false \
    rest.port=18081 sluice.sql-gateway.enabled=false ${SLUICE_BENCH_ARGS:-} > "$dir/sluice.log" 2>&1 &
  echo $! > "$dir/sluice.pid"
  wait_for_port "$port" 120
}

# free_port [TAKEN...]: prints a port in 20000-52767 on which nothing listens on 127.0.0.1, other than TAKEN.
free_port() {
  local port attempt
  for attempt in $(seq 1 200); do
    port=$((20000 + RANDOM))
    case " $* " in *" $port "*) continue ;; esac
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  echo "no free port found" >&2
  return 1
}

# sluice_stop DIR: stops the Sluice started by sluice_start (if any) and waits for it to exit.
sluice_stop() {
  stop_pid_file "$1/sluice.pid"
}

# stop_pid_file FILE: stops the process whose id FILE holds (if any; TERM, KILL after 30 s), waits for it to exit,
# and removes FILE.
stop_pid_file() {
  [ -f "$1" ] || return 0
  local pid; pid="$(cat "$1")"
  rm -f "$1"
  kill "$pid" 2>/dev/null || return 0
  local deadline=$((SECONDS + 30))
  while kill -0 "$pid" 2>/dev/null; do
    if [ "$SECONDS" -ge "$deadline" ]; then kill -9 "$pid" 2>/dev/null || true; fi
    sleep 0.2
  done
}
