package io.sluice.bench;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What one Firehose benchmark run does: the endpoints (Firehose, the S3 server, the Prometheus metrics), the
 * delivery stream it creates (compression or conversion to Parquet, buffering hints), the shape of the
 * PutRecordBatch calls, the concurrency and optional target rate, how the bucket is watched, and which processes
 * are measured.
 * Parsed from {@code --name=value} arguments; {@link #USAGE} lists them.
 */
record FirehoseSpec(
        URI endpoint,
        URI s3Endpoint,
        String bucket,
        Optional<URI> metrics,
        String system,
        String workload,
        String compression,
        String format,
        Optional<Path> schemaDir,
        int sizeMb,
        int intervalSeconds,
        int recordsPerCall,
        int recordBytes,
        int connections,
        int inFlight,
        int producers,
        long targetRecordsPerSecond,
        Duration warmup,
        Duration duration,
        Duration drain,
        Duration poll,
        boolean freshness,
        Optional<Long> serverPid,
        Optional<Long> s3Pid,
        Optional<Path> jsonOut) {

    static final String USAGE = """
            Sluice Firehose benchmark: creates a bucket on an S3 server and a Direct PUT delivery stream into it,
            drives PutRecordBatch, and watches the bucket for the objects it delivers.
              --endpoint=URL          Firehose endpoint (default http://localhost:4573)
              --s3-endpoint=URL       the S3 server the delivery stream writes to, with the S3 test server's keys
                                      (bin/bench starts io.sluice.bench.S3BenchServer; default http://localhost:9000)
              --bucket=NAME           bucket the run creates and the stream delivers to (default sluice-bench)
              --metrics=URL           Sluice's Prometheus endpoint, for DeliveryToS3.Bytes and .Records (optional)
              --system=NAME           label of the system under test in the report (default sluice)
              --workload=NAME         label of the workload in the report (default custom)
              --compression=FORMAT    UNCOMPRESSED, GZIP, ZIP, Snappy or HADOOP_SNAPPY (default GZIP)
              --format=FORMAT         JSON: objects of the records as sent (default); PARQUET: DataFormatConversion
                                      (OpenXJsonSerDe to ParquetSerDe, SNAPPY) against the Glue table bench.records,
                                      which the run writes into --schema-dir; needs --compression=UNCOMPRESSED,
                                      --size-mb of at least 64 and --record-bytes of at least 512. Every delivered
                                      object is read back, and its rows counted by call and index
              --schema-dir=PATH       Sluice's sluice.firehose.schema-dir, for --format=PARQUET
              --size-mb=N             buffering hint SizeInMBs, 1-128 (default 128)
              --interval=SECONDS      buffering hint IntervalInSeconds, 0-900 (default 60)
              --records-per-call=N    records per PutRecordBatch, 1-500 (default 500)
              --record-bytes=N        bytes per record (a JSON line), at least 96 (default 1024)
              --connections=N         HTTP connections (default 16)
              --in-flight=N           calls outstanding at once (default 8)
              --producers=N           threads building and sending calls (default 2)
              --rate=N                target records/s; 0 = as fast as the server accepts (default 0)
              --warmup=SECONDS        load before measuring (default 20)
              --seconds=SECONDS       measured time (default 30)
              --drain=SECONDS         after the load, how long to wait for every acknowledged record to be delivered
                                      (needs --metrics; default the interval + 30 s)
              --poll-ms=N             how often the bucket is listed (default 1000; 20 with --freshness)
              --freshness=true|false  read every new object to learn which calls it holds, and report the time from
                                      each call's answer to its object in a listing (default false)
              --server-pid=PID        Sluice's process: CPU and peak RSS
              --s3-pid=PID            the S3 server's process: CPU and peak RSS, reported apart
              --json=PATH             also write the result as JSON to PATH
            """;

    static FirehoseSpec parse(String[] args) {
        BenchOptions o = BenchOptions.parse(args, USAGE);
        int interval = o.integer("interval", 60);
        boolean freshness = o.bool("freshness", false);
        FirehoseSpec spec = new FirehoseSpec(
                URI.create(o.text("endpoint", "http://localhost:4573")),
                URI.create(o.text("s3-endpoint", "http://localhost:9000")),
                o.text("bucket", "sluice-bench"),
                o.optional("metrics").map(URI::create),
                o.text("system", "sluice"),
                o.text("workload", "custom"),
                o.choice("compression", "GZIP", "UNCOMPRESSED", "GZIP", "ZIP", "Snappy", "HADOOP_SNAPPY"),
                o.choice("format", "JSON", "JSON", "PARQUET"),
                o.optional("schema-dir").map(Path::of),
                o.integer("size-mb", 128),
                interval,
                o.integer("records-per-call", 500),
                o.integer("record-bytes", 1024),
                o.integer("connections", 16),
                o.integer("in-flight", 8),
                o.integer("producers", 2),
                o.integer("rate", 0),
                Duration.ofSeconds(o.integer("warmup", 20)),
                Duration.ofSeconds(o.integer("seconds", 30)),
                Duration.ofSeconds(o.integer("drain", interval + 30)),
                Duration.ofMillis(o.integer("poll-ms", freshness ? 20 : 1000)),
                freshness,
                o.optional("server-pid").map(Long::parseLong),
                o.optional("s3-pid").map(Long::parseLong),
                o.optional("json").map(Path::of));
        o.rejectUnknown();
        if (spec.sizeMb < 1 || spec.sizeMb > 128 || spec.intervalSeconds < 0 || spec.intervalSeconds > 900) {
            throw new IllegalArgumentException("--size-mb must be 1-128 and --interval 0-900, as Firehose's BufferingHints");
        }
        if (spec.recordsPerCall < 1 || spec.recordsPerCall > 500) {
            throw new IllegalArgumentException("--records-per-call must be 1 to 500 (PutRecordBatch's limit)");
        }
        if (spec.recordBytes < JsonRecords.MIN_BYTES || (long) spec.recordBytes * spec.recordsPerCall > 4 << 20) {
            throw new IllegalArgumentException("--record-bytes must be at least " + JsonRecords.MIN_BYTES
                    + ", and a call at most 4 MiB (PutRecordBatch's limit)");
        }
        if (spec.parquet() && (!spec.compression.equals("UNCOMPRESSED") || spec.sizeMb < 64 || spec.recordBytes < JsonRecords.WHOLE_BYTES
                || spec.schemaDir.isEmpty())) {
            throw new IllegalArgumentException("--format=PARQUET needs --compression=UNCOMPRESSED and --size-mb of at least 64 (as AWS"
                    + " requires with format conversion), --record-bytes of at least " + JsonRecords.WHOLE_BYTES + " and --schema-dir");
        }
        if (spec.inFlight < spec.producers) {
            throw new IllegalArgumentException("--in-flight must be at least --producers");
        }
        return spec;
    }

    /** Whether the delivery stream converts the records to Parquet. */
    boolean parquet() {
        return format.equals("PARQUET");
    }

    PutCall.Pacing pacing() {
        return new PutCall.Pacing(producers, inFlight, recordsPerCall, targetRecordsPerSecond);
    }

    /** The options as they appear in reports. */
    Map<String, Object> describe() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("endpoint", endpoint.toString());
        d.put("s3Endpoint", s3Endpoint.toString());
        d.put("compression", compression);
        d.put("format", format);
        d.put("sizeMb", sizeMb);
        d.put("intervalSeconds", intervalSeconds);
        d.put("recordsPerCall", recordsPerCall);
        d.put("recordBytes", recordBytes);
        d.put("connections", connections);
        d.put("inFlight", inFlight);
        d.put("producers", producers);
        d.put("targetRecordsPerSecond", targetRecordsPerSecond);
        d.put("warmupSeconds", warmup.toSeconds());
        d.put("seconds", duration.toSeconds());
        d.put("pollMillis", poll.toMillis());
        d.put("freshness", freshness);
        return d;
    }
}
