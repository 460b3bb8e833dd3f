# shellcheck shell=bash
# Sourced by bin/bench: the S3-protocol server of the Firehose benchmark, S3Proxy over an in-memory store
# (io.sluice.bench.S3BenchServer, the end-to-end tests' S3TestServer), in a JVM of its own so that its CPU and
# memory are measured apart from Sluice's and the load generator's. Needs BENCH_CP and sluice.sh's helpers.

# Its keys (S3TestServer's), for Sluice's s3.access-key and s3.secret-key.
S3_BENCH_ACCESS_KEY=sluice-access
S3_BENCH_SECRET_KEY=sluice-secret

# s3_start DIR PORT: starts it on 127.0.0.1:PORT; PID in DIR/s3.pid, log in DIR/s3.log. The benchmark deletes
# objects once it has counted them, so the heap holds what is in flight (a few buffers' worth), not the run.
s3_start() {
  local dir="$1" port="$2"
  s3_stop "$dir"
  port_free "$port"
  mkdir -p "$dir"
  # shellcheck disable=SC2086
  java ${S3_BENCH_JAVA_OPTS:--Xms1g -Xmx3g} -cp "$BENCH_CP" io.sluice.bench.S3BenchServer "$port" > "$dir/s3.log" 2>&1 &
  echo $! > "$dir/s3.pid"
  wait_for_port "$port" 60
}

# s3_stop DIR: stops the server started by s3_start (if any) and waits for it to exit.
s3_stop() {
  stop_pid_file "$1/s3.pid"
}
