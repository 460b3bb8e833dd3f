package io.sluice.bench;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What one load-generator run does: the endpoint, the stream it creates, the shape of the puts (records
 * per call, record size, partition-key distribution), the concurrency (connections, calls in flight,
 * producer threads), an optional target rate, and what it measures besides the client side (the server's
 * process and its state directory). Parsed from {@code --name=value} arguments; {@link #usage()} lists them.
 */
record LoadSpec(
        URI endpoint,
        String system,
        String workload,
        int shards,
        int recordsPerCall,
        int recordBytes,
        KeyDistribution keys,
        int connections,
        int inFlight,
        int producers,
        long targetRecordsPerSecond,
        Duration warmup,
        Duration duration,
        long totalRecords,
        long heapEvery,
        boolean consumers,
        boolean cbor,
        boolean http2,
        Optional<Long> serverPid,
        Optional<Path> stateDir,
        Optional<Path> jsonOut) {

    static final String USAGE = """
            Sluice load generator: PutRecords/PutRecord load on any Kinesis-protocol endpoint, with consumers
            following every shard from LATEST.
              --endpoint=URL          Kinesis endpoint (default http://localhost:4567)
              --system=NAME           label of the system under test in the report (default sluice)
              --workload=NAME         label of the workload in the report (default custom)
              --shards=N              shards of the stream the run creates (default 4)
              --records-per-call=N    records per PutRecords call; 0 sends single PutRecord calls (default 500)
              --record-bytes=N        bytes per record, at least 16 (default 1024)
              --keys=uniform|hot:F    partition keys: uniform random, or fraction F on one hot key (default uniform)
              --connections=N         HTTP connections (default 16)
              --in-flight=N           calls outstanding at once (default 8)
              --producers=N           threads building and sending calls (default 2)
              --rate=N                target records/s; 0 = as fast as the server accepts (default 0)
              --warmup=SECONDS        load before measuring (default 10)
              --seconds=SECONDS       measured time (default 30)
              --records=N             measure until N records are acknowledged instead of for --seconds
              --heap-every=N          every N acknowledged records, sample the server's heap after a full GC
                                      (jcmd GC.run; needs --server-pid of a JVM)
              --consumers=true|false  follow every shard with GetRecords from LATEST (default true)
              --protocol=cbor|json    wire format (default cbor, the SDK default)
              --http=1.1|2            HTTP version (default 1.1: every peer speaks it)
              --server-pid=PID        process whose CPU and peak RSS are reported
              --state-dir=PATH        directory whose size on disk is reported as retained state
              --json=PATH             also write the result as JSON to PATH
            """;

    static LoadSpec parse(String[] args) {
        BenchOptions o = BenchOptions.parse(args, USAGE);
        LoadSpec spec = new LoadSpec(
                URI.create(o.text("endpoint", "http://localhost:4567")),
                o.text("system", "sluice"),
                o.text("workload", "custom"),
                o.integer("shards", 4),
                o.integer("records-per-call", 500),
                o.integer("record-bytes", 1024),
                KeyDistribution.parse(o.text("keys", "uniform")),
                o.integer("connections", 16),
                o.integer("in-flight", 8),
                o.integer("producers", 2),
                o.integer("rate", 0),
                Duration.ofSeconds(o.integer("warmup", 10)),
                Duration.ofSeconds(o.integer("seconds", 30)),
                o.integer("records", 0),
                o.integer("heap-every", 0),
                o.bool("consumers", true),
                o.choice("protocol", "cbor", "cbor", "json").equals("cbor"),
                o.choice("http", "1.1", "1.1", "2").equals("2"),
                o.optional("server-pid").map(Long::parseLong),
                o.optional("state-dir").map(Path::of),
                o.optional("json").map(Path::of));
        o.rejectUnknown();
        if (spec.recordBytes < 16) {
            throw new IllegalArgumentException("--record-bytes must be at least 16 (each record carries its send time)");
        }
        if (spec.recordsPerCall < 0 || spec.recordsPerCall > 500) {
            throw new IllegalArgumentException("--records-per-call must be 0 (PutRecord) to 500");
        }
        if (spec.heapEvery > 0 && spec.serverPid.isEmpty()) {
            throw new IllegalArgumentException("--heap-every needs --server-pid");
        }
        if (spec.inFlight < spec.producers) {
            throw new IllegalArgumentException("--in-flight must be at least --producers");
        }
        return spec;
    }

    /** Records in one call: PutRecords carries {@link #recordsPerCall}, PutRecord one. */
    int recordsInCall() {
        return recordsPerCall == 0 ? 1 : recordsPerCall;
    }

    PutCall.Pacing pacing() {
        return new PutCall.Pacing(producers, inFlight, recordsInCall(), targetRecordsPerSecond);
    }

    /** The options as they appear in reports. */
    Map<String, Object> describe() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("endpoint", endpoint.toString());
        d.put("shards", shards);
        d.put("api", recordsPerCall == 0 ? "PutRecord" : "PutRecords");
        d.put("recordsPerCall", recordsInCall());
        d.put("recordBytes", recordBytes);
        d.put("keys", keys.toString());
        d.put("connections", connections);
        d.put("inFlight", inFlight);
        d.put("producers", producers);
        d.put("targetRecordsPerSecond", targetRecordsPerSecond);
        d.put("warmupSeconds", warmup.toSeconds());
        d.put("seconds", duration.toSeconds());
        if (totalRecords > 0) {
            d.put("records", totalRecords);
        }
        d.put("consumers", consumers);
        d.put("protocol", cbor ? "cbor" : "json");
        d.put("http", http2 ? "2" : "1.1");
        return d;
    }
}
