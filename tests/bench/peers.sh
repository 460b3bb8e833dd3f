# shellcheck shell=bash
#
# The two Kinesis emulators Sluice is compared with, for the benchmark scripts: source this file.
#
#   kinesalite 3.3.3     (npm "kinesalite", Node, in-memory LevelDB/memdown store)
#   kinesis-mock 0.6.2   (npm "kinesis-local": the Scala.js/Node build of kinesis-mock)
#
# Functions (all return non-zero on failure and are safe under `set -euo pipefail`):
#
#   peers_install DIR              npm-installs both into DIR/kinesalite and DIR/kinesis-local
#                                  (skipped for a package already installed there at the pinned version)
#   kinesalite_start DIR PORT      starts kinesalite on 127.0.0.1:PORT; PID in DIR/kinesalite.pid,
#                                  log in DIR/kinesalite.log; returns once the port answers HTTP
#   kinesalite_stop DIR            stops it (TERM, then KILL after PEERS_STOP_TIMEOUT s), removes the PID file
#   kinesis_mock_start DIR PORT [TLS_PORT]
#                                  starts kinesis-mock with its plain-HTTP listener on PORT and its
#                                  (unused) TLS listener on TLS_PORT (default PORT+1); PID in
#                                  DIR/kinesis-mock.pid, log in DIR/kinesis-mock.log
#   kinesis_mock_stop DIR          stops it
#   pid_cpu_ticks PID              utime+stime of PID in clock ticks (getconf CLK_TCK per second, usually 100)
#   pid_rss_kib PID                resident set size of PID in KiB (VmRSS)
#
# Settings (environment, read when a function runs):
#   PEERS_STREAM_DELAY_MS   ms a stream stays CREATING/DELETING/UPDATING in either emulator (default 10;
#                           both default to 500 ms, which would dominate a short run's setup)
#   PEERS_SHARD_LIMIT       account shard limit in either emulator (default 10000; defaults are 10 / 50)
#   PEERS_START_TIMEOUT     seconds to wait for a started emulator to answer (default 60)
#   PEERS_STOP_TIMEOUT      seconds to wait after SIGTERM before SIGKILL (default 10)
#   PEERS_NODE_HEAP_MB      V8 old-space limit of either emulator (default 8192; Node's own default here is
#                           about 4 GiB, which a long run fills: both keep every record in the heap, several
#                           times its size)
#
# What a client must know (checked with the AWS SDK for Java v2 async Netty client):
# - HTTP/1.1 only. The SDK's KinesisAsyncClient defaults to HTTP/2 (h2c prior knowledge on http://):
#   kinesalite (a plain Node http server) then fails every call ("First received frame was not SETTINGS"),
#   and kinesis-mock accepts h2c but stalls and drops connections under load. Set the Netty client's
#   protocol to Protocol.HTTP1_1.
# - kinesalite needs JSON (-Daws.cborEnabled=false): with the SDK's default CBOR, responses over 16 KiB
#   come back truncated (its cbor@5 encodeOne stops at the stream high-water mark: any PutRecords of more
#   than ~200 entries, large GetRecords), and records put as CBOR byte strings are stored as JSON
#   {"type":"Buffer","data":[...]} objects, which GetRecords returns where the SDK expects a blob (and
#   which bloat its heap several-fold). kinesis-mock handles CBOR and JSON alike.
# - Neither throttles data-plane calls: no per-shard 1 MB/s or 1000 records/s limit exists in either
#   (kinesis-mock's PutRecords never returns ProvisionedThroughputExceededException; its only limits are
#   on concurrent control-plane calls, e.g. 20 DescribeStreamSummary or 5 CreateStream at once).
# - Both are single-threaded Node processes, keep every record in the heap until its stream is deleted,
#   and slow down as a stream fills (kinesis-mock's GetRecords scans the shard for the iterator's
#   sequence number; kinesalite works through a deleted stream's records after DeleteStream returns):
#   start a fresh emulator for each measured run rather than reusing one. kinesis-mock also encodes
#   every request and response to JSON for its log context whatever LOG_LEVEL says; no setting lifts
#   that cost.
# - Both answer slowly enough under saturating load to exceed the SDK's default 30 s read timeout with
#   many large calls in flight; their work on a timed-out call is not cancelled.
# - kinesis-mock always binds 0.0.0.0 (hard-coded in 0.6.2); kinesalite is bound to 127.0.0.1 here.

PEERS_KINESALITE_VERSION=3.3.3
PEERS_KINESIS_LOCAL_VERSION=0.6.2

# Version of npm package $2 installed under prefix $1, or nothing.
_peers_installed_version() {
    local pkg_json="$1/node_modules/$2/package.json"
    [[ -f "$pkg_json" ]] || return 0
    node -p 'require(require("path").resolve(process.argv[1])).version' "$pkg_json" 2>/dev/null || true
}

_peers_install_one() {
    local prefix="$1" name="$2" version="$3" have
    have="$(_peers_installed_version "$prefix" "$name")"
    if [[ "$have" == "$version" ]]; then
        echo "peers: $name $version already installed in $prefix" >&2
        return 0
    fi
    echo "peers: installing $name@$version into $prefix${have:+ (found $have)}" >&2
    mkdir -p "$prefix" || return 1
    # --omit=optional --ignore-scripts: kinesalite's only optional dependency is leveldown (a native
    # addon), needed only for its on-disk --path mode, which the benchmark does not use.
    npm install --prefix "$prefix" --no-audit --no-fund --no-progress --loglevel=error \
        --save-exact --omit=dev --omit=optional --ignore-scripts "$name@$version" >&2 || return 1
    have="$(_peers_installed_version "$prefix" "$name")"
    if [[ "$have" != "$version" ]]; then
        echo "peers: $name installed as '$have', expected $version" >&2
        return 1
    fi
}

peers_install() {
    local dir="${1:?usage: peers_install DIR}"
    if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
        echo "peers: node and npm are needed" >&2
        return 1
    fi
    _peers_install_one "$dir/kinesalite" kinesalite "$PEERS_KINESALITE_VERSION" || return 1
    _peers_install_one "$dir/kinesis-local" kinesis-local "$PEERS_KINESIS_LOCAL_VERSION" || return 1
}

# True if PID is a live process. A zombie thread-group leader counts as live while any of its other
# threads is still exiting (they hold its sockets); a fully exited one does not.
_peers_alive() {
    local pid="$1" stat
    [[ -n "$pid" && -d "/proc/$pid" ]] || return 1
    read -r stat 2>/dev/null <"/proc/$pid/stat" || return 1
    stat="${stat##*) }"
    [[ "${stat%% *}" != Z ]] && return 0
    local -a tasks=("/proc/$pid/task/"*)
    ((${#tasks[@]} > 1))
}

# True if something accepts TCP connections on 127.0.0.1:PORT.
_peers_port_open() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# True if 127.0.0.1:PORT answers an HTTP request (with any status).
_peers_http_answers() {
    curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$1/" 2>/dev/null
}

# _peers_launch NAME DIR WORKDIR COMMAND...: starts COMMAND in WORKDIR in the background (not as a child
# of the calling shell, so it never lingers as a zombie of it), writes DIR/NAME.pid, logs to DIR/NAME.log.
_peers_launch() {
    local name="$1" dir="$2" workdir="$3"
    shift 3
    local pidfile="$dir/$name.pid" log="$dir/$name.log"
    if [[ -f "$pidfile" ]] && _peers_alive "$(<"$pidfile")"; then
        echo "peers: $name already running (PID $(<"$pidfile"))" >&2
        return 1
    fi
    rm -f "$pidfile"
    : >"$log" || return 1
    (
        cd "$workdir" || exit 1
        "$@" >>"$log" 2>&1 </dev/null &
        echo $! >"$pidfile"
    ) || return 1
    [[ -s "$pidfile" ]]
}

# _peers_await NAME DIR PORT: polls until PORT answers HTTP, the process dies, or the deadline passes.
_peers_await() {
    local name="$1" dir="$2" port="$3"
    local pid deadline=$((SECONDS + ${PEERS_START_TIMEOUT:-60}))
    pid="$(<"$dir/$name.pid")"
    while ! _peers_http_answers "$port"; do
        if ! _peers_alive "$pid"; then
            echo "peers: $name (PID $pid) exited during start-up; log $dir/$name.log:" >&2
            tail -n 20 "$dir/$name.log" >&2
            rm -f "$dir/$name.pid"
            return 1
        fi
        if ((SECONDS >= deadline)); then
            echo "peers: $name did not answer on port $port within ${PEERS_START_TIMEOUT:-60}s; log $dir/$name.log:" >&2
            tail -n 20 "$dir/$name.log" >&2
            _peers_stop "$name" "$dir"
            return 1
        fi
        sleep 0.1
    done
    echo "peers: $name up on 127.0.0.1:$port (PID $pid)" >&2
}

# _peers_stop NAME DIR: SIGTERM, wait up to PEERS_STOP_TIMEOUT s, then SIGKILL; removes the PID file.
_peers_stop() {
    local name="$1" dir="$2" pidfile="$2/$1.pid" pid deadline
    [[ -f "$pidfile" ]] || return 0
    pid="$(<"$pidfile")"
    if _peers_alive "$pid"; then
        kill -TERM "$pid" 2>/dev/null || true
        deadline=$((SECONDS + ${PEERS_STOP_TIMEOUT:-10}))
        while _peers_alive "$pid" && ((SECONDS < deadline)); do
            sleep 0.1
        done
        if _peers_alive "$pid"; then
            echo "peers: $name (PID $pid) ignored SIGTERM; killing" >&2
            kill -KILL "$pid" 2>/dev/null || true
            while _peers_alive "$pid"; do sleep 0.1; done
        fi
    fi
    rm -f "$pidfile"
}

_peers_check_ports() {
    local name="$1" port
    shift
    for port in "$@"; do
        if ! [[ "$port" =~ ^[0-9]+$ ]] || ((port < 1 || port > 65535)); then
            echo "peers: $name: bad port '$port'" >&2
            return 1
        fi
        if _peers_port_open "$port"; then
            echo "peers: $name: port $port is already in use" >&2
            return 1
        fi
    done
}

kinesalite_start() {
    local dir="${1:?usage: kinesalite_start DIR PORT}" port="${2:?usage: kinesalite_start DIR PORT}"
    local pkg="$dir/kinesalite/node_modules/kinesalite"
    local delay="${PEERS_STREAM_DELAY_MS:-10}" limit="${PEERS_SHARD_LIMIT:-10000}"
    [[ -f "$pkg/index.js" ]] || { echo "peers: kinesalite not installed in $dir (run peers_install)" >&2; return 1; }
    _peers_check_ports kinesalite "$port" || return 1
    # What cli.js does (`kinesalite --port P --createStreamMs D --deleteStreamMs D --updateStreamMs D
    # --shardLimit L`, in-memory store since no --path), except that cli.js listens on every interface
    # and has no host option: this binds 127.0.0.1.
    local launcher='
        var pkg = process.argv[1];
        process.title = "kinesalite";
        var opts = {createStreamMs: +process.argv[3], deleteStreamMs: +process.argv[3],
                    updateStreamMs: +process.argv[3], shardLimit: +process.argv[4]};
        var server = require(pkg)(opts).listen(+process.argv[2], "127.0.0.1", function() {
            var a = server.address();
            console.log("Listening at http://%s:%s %j", a.address, a.port, opts);
        });'
    _peers_launch kinesalite "$dir" "$pkg" node --max-old-space-size="${PEERS_NODE_HEAP_MB:-8192}" -e "$launcher" "$pkg" "$port" "$delay" "$limit" || return 1
    _peers_await kinesalite "$dir" "$port"
}

kinesalite_stop() {
    _peers_stop kinesalite "${1:?usage: kinesalite_stop DIR}"
}

kinesis_mock_start() {
    local dir="${1:?usage: kinesis_mock_start DIR PORT [TLS_PORT]}" port="${2:?usage: kinesis_mock_start DIR PORT [TLS_PORT]}"
    local tls_port="${3:-$(($2 + 1))}"
    local pkg="$dir/kinesis-local/node_modules/kinesis-local"
    local delay="${PEERS_STREAM_DELAY_MS:-10}ms" limit="${PEERS_SHARD_LIMIT:-10000}"
    [[ -f "$pkg/main.js" ]] || { echo "peers: kinesis-local not installed in $dir (run peers_install)" >&2; return 1; }
    [[ "$tls_port" != "$port" ]] || { echo "peers: kinesis-mock: TLS port must differ from $port" >&2; return 1; }
    _peers_check_ports kinesis-mock "$port" "$tls_port" || return 1
    # Every setting is given explicitly so that nothing leaks in from the caller's environment:
    # - the TLS listener cannot be switched off and defaults to 4567 (Sluice's and kinesalite's port);
    # - the *_DURATION settings are the time an operation keeps a stream CREATING/DELETING/UPDATING;
    # - SHARD_LIMIT is checked against the open shards of all streams (default 50);
    # - the region and account only appear in ARNs (requests signed with a 12-digit access key id would
    #   select that account; the SDK's signing region selects the region);
    # - LOG_LEVEL=WARN: INFO logs every request; ERROR would hide rejected requests;
    # - no persistence, and no loading of a data/kinesis-data.json left in the working directory;
    # - on SIGTERM its runtime waits for open connections to close, without bound by default (seen
    #   after HTTP/2 runs): CATS_EFFECT_SHUTDOWN_HOOK_TIMEOUT bounds that wait.
    # It reads its TLS certificate from server.json (KINESIS_MOCK_CERT_PATH, relative to the working
    # directory): it runs from its package folder, and the path is given absolutely as well.
    _peers_launch kinesis-mock "$dir" "$pkg" env -u INITIALIZE_STREAMS \
        KINESIS_MOCK_PLAIN_PORT="$port" \
        KINESIS_MOCK_TLS_PORT="$tls_port" \
        KINESIS_MOCK_CERT_PATH="$pkg/server.json" \
        CREATE_STREAM_DURATION="$delay" \
        DELETE_STREAM_DURATION="$delay" \
        MERGE_SHARDS_DURATION="$delay" \
        SPLIT_SHARD_DURATION="$delay" \
        UPDATE_SHARD_COUNT_DURATION="$delay" \
        UPDATE_STREAM_MODE_DURATION="$delay" \
        REGISTER_STREAM_CONSUMER_DURATION="$delay" \
        DEREGISTER_STREAM_CONSUMER_DURATION="$delay" \
        START_STREAM_ENCRYPTION_DURATION="$delay" \
        STOP_STREAM_ENCRYPTION_DURATION="$delay" \
        SHARD_LIMIT="$limit" \
        ON_DEMAND_STREAM_COUNT_LIMIT=100 \
        AWS_REGION=us-east-1 \
        AWS_ACCOUNT_ID=000000000000 \
        LOG_LEVEL=WARN \
        SHOULD_PERSIST_DATA=false \
        LOAD_DATA_IF_EXISTS=false \
        CATS_EFFECT_SHUTDOWN_HOOK_TIMEOUT=3s \
        node --max-old-space-size="${PEERS_NODE_HEAP_MB:-8192}" main.js || return 1
    _peers_await kinesis-mock "$dir" "$port"
}

kinesis_mock_stop() {
    _peers_stop kinesis-mock "${1:?usage: kinesis_mock_stop DIR}"
}

# CPU time (user + system) of PID in clock ticks; divide by `getconf CLK_TCK` for seconds.
pid_cpu_ticks() {
    local stat
    read -r stat 2>/dev/null <"/proc/${1:?usage: pid_cpu_ticks PID}/stat" || return 1
    # Fields after "PID (comm) ": state is 3rd, utime 14th, stime 15th; comm may hold spaces.
    stat="${stat##*) }"
    local -a f
    read -r -a f <<<"$stat"
    echo $((f[11] + f[12]))
}

# Resident set size of PID in KiB.
pid_rss_kib() {
    local key value _
    while read -r key value _; do
        if [[ "$key" == VmRSS: ]]; then
            echo "$value"
            return 0
        fi
    done 2>/dev/null <"/proc/${1:?usage: pid_rss_kib PID}/status" || return 1
    return 1
}
