package io.sluice.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * The replay benchmark (issue 15's figures): a stream of {@code records} records of {@code record-bytes} over
 * {@code shards} shards is written into a fresh Sluice, read back whole through GetRecords (one consumer thread per
 * shard, 10,000 records per call, from TRIM_HORIZON), saved in a savepoint of the ingest job (Flink's REST API, timed,
 * its size measured), and replayed from that savepoint by {@code bin/replay} under a heap of {@code replay-heap} in its own
 * JVM three times: {@code --to=count} (read, write nothing: the like of the GetRecords read-back, which also keeps
 * nothing), into JSON-lines files, and into Parquet files. Each run reports three times: from start to exit (JVM and
 * MiniCluster start-up included), the replay job's (its deployment included), and the reading (first split opened to
 * last split read, the accumulators of the reader); and its peak RSS, sampled.
 *
 * <p>Options ({@code --key=value}): {@code endpoint}, {@code rest} (HOST:PORT of the embedded cluster), {@code records}
 * (1,000,000), {@code record-bytes} (1024), {@code shards} (4), {@code out} (directory for the savepoint and the
 * replayed files), {@code replay-heap} (256m), {@code json}. {@code bin/bench replay} starts Sluice and runs it.
 */
public final class ReplayBench {

    private static final int BATCH = 500;
    private static final ObjectMapper JSON = new ObjectMapper();

    private ReplayBench() {}

    public static void main(String[] args) throws Exception {
        BenchOptions options = BenchOptions.parse(args, "options: --endpoint=URL --rest=HOST:PORT --records=N --record-bytes=N"
                + " --shards=N --out=DIR --replay-heap=SIZE --json=FILE (see ReplayBench's Javadoc)");
        String endpoint = options.text("endpoint", "http://127.0.0.1:4567");
        String rest = options.text("rest", "127.0.0.1:8081");
        long records = options.integer("records", 1_000_000);
        int recordBytes = options.integer("record-bytes", 1024);
        int shards = options.integer("shards", 4);
        Path out = Path.of(options.text("out", "target/bench/replay/run")).toAbsolutePath();
        String heap = options.text("replay-heap", "256m");
        String json = options.text("json", null);
        options.rejectUnknown();
        Files.createDirectories(out);
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("records", records);
        figures.put("recordBytes", recordBytes);
        figures.put("shards", shards);

        try (KinesisClient kinesis = BenchStreams.client(endpoint)) {
            List<Shard> listed = BenchStreams.create(kinesis, "replay-bench", shards);
            long start = System.nanoTime();
            write(kinesis, listed, records, recordBytes);
            double putSeconds = (System.nanoTime() - start) / 1e9;
            figures.put("putRecordsPerSecond", Math.round(records / putSeconds));

            start = System.nanoTime();
            long read = readBack(kinesis, listed);
            double readSeconds = (System.nanoTime() - start) / 1e9;
            if (read != records) {
                throw new IllegalStateException("GetRecords read " + read + " records, not " + records);
            }
            figures.put("getRecordsPerSecond", Math.round(records / readSeconds));
            figures.put("getRecordsSeconds", round(readSeconds));
        }

        HttpClient http = HttpClient.newHttpClient();
        String job = ingestJob(http, rest);
        long start = System.nanoTime();
        String savepoint = savepoint(http, rest, job, out.resolve("savepoints"));
        figures.put("savepointSeconds", round((System.nanoTime() - start) / 1e9));
        Path savepointDir = Path.of(URI.create(savepoint.startsWith("file:/") && !savepoint.startsWith("file:///")
                ? "file://" + savepoint.substring("file:".length()) : savepoint));
        figures.put("savepointBytes", ProcessProbe.bytesUnder(savepointDir));
        figures.put("savepoint", savepoint);

        System.out.printf(Locale.ROOT, "%,d records of %,d B over %d shards: put %,d records/s; GetRecords read-back %,d records/s (%.1f s)%n",
                records, recordBytes, shards, figures.get("putRecordsPerSecond"), figures.get("getRecordsPerSecond"), figures.get("getRecordsSeconds"));
        System.out.printf(Locale.ROOT, "savepoint: %.1f s, %,d bytes%n", figures.get("savepointSeconds"), figures.get("savepointBytes"));
        double getRecords = ((Number) figures.get("getRecordsPerSecond")).doubleValue();
        for (String target : List.of("count", "json", "parquet")) {
            Map<String, Object> run = replay(savepoint, target, out, heap, records);
            figures.put("replay-" + target, run);
            System.out.printf(Locale.ROOT, "bin/replay -Xmx%s --to=%s: %.1f s from start to exit (%,d records/s, %.2fx GetRecords); job %.1f s"
                            + " (%,d records/s, %.2fx); reading %.1f s (%,d records/s, %.2fx); peak RSS %d MiB; %,d bytes written%n",
                    heap, target, run.get("wallSeconds"), run.get("wallRecordsPerSecond"), ((Number) run.get("wallRecordsPerSecond")).doubleValue() / getRecords,
                    run.get("jobSeconds"), run.get("jobRecordsPerSecond"), ((Number) run.get("jobRecordsPerSecond")).doubleValue() / getRecords,
                    run.get("readSeconds"), run.get("readRecordsPerSecond"), ((Number) run.get("readRecordsPerSecond")).doubleValue() / getRecords,
                    run.get("peakRssMiB"), run.get("bytesWritten"));
        }
        if (json != null) {
            Files.writeString(Path.of(json), JSON.writeValueAsString(figures));
        }
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }

    /** Writes the records, shard by shard on their own threads, 500 per PutRecords; returns when all are acknowledged. */
    private static void write(KinesisClient kinesis, List<Shard> shards, long records, int recordBytes) throws Exception {
        ExecutorService writers = Executors.newFixedThreadPool(shards.size());
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int s = 0; s < shards.size(); s++) {
                String hashKey = new BigInteger(shards.get(s).hashKeyRange().startingHashKey()).toString();
                int shard = s;
                done.add(writers.submit(() -> {
                    List<PutRecordsRequestEntry> batch = new ArrayList<>(BATCH);
                    for (long seq = shard; seq < records; seq += shards.size()) {
                        batch.add(PutRecordsRequestEntry.builder().partitionKey("k" + seq).explicitHashKey(hashKey)
                                .data(SdkBytes.fromByteArrayUnsafe(payload(seq, recordBytes))).build());
                        if (batch.size() == BATCH || seq + shards.size() >= records) {
                            put(kinesis, batch);
                            batch.clear();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            writers.shutdownNow();
        }
    }

    private static byte[] payload(long seq, int bytes) {
        byte[] data = new byte[bytes];
        byte[] head = ("record-" + seq + "-").getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < bytes; i++) {
            data[i] = i < head.length ? head[i] : (byte) ('a' + (seq + i) % 26);
        }
        return data;
    }

    private static void put(KinesisClient kinesis, List<PutRecordsRequestEntry> batch) {
        List<PutRecordsRequestEntry> pending = List.copyOf(batch);
        while (!pending.isEmpty()) {
            List<PutRecordsRequestEntry> sent = pending;
            PutRecordsResponse r = kinesis.putRecords(b -> b.streamName("replay-bench").records(sent));
            List<PutRecordsRequestEntry> failed = new ArrayList<>();
            for (int i = 0; i < sent.size(); i++) {
                if (r.records().get(i).errorCode() != null) {
                    failed.add(sent.get(i));
                }
            }
            pending = failed;
        }
    }

    /** Reads every shard from its start to its end (an empty answer at the tip), a consumer thread per shard. */
    private static long readBack(KinesisClient kinesis, List<Shard> shards) throws Exception {
        AtomicLong read = new AtomicLong();
        ExecutorService readers = Executors.newFixedThreadPool(shards.size());
        try {
            List<Future<?>> done = new ArrayList<>();
            for (Shard shard : shards) {
                done.add(readers.submit(() -> {
                    String iterator = kinesis.getShardIterator(b -> b.streamName("replay-bench").shardId(shard.shardId())
                            .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
                    while (true) {
                        String at = iterator;
                        GetRecordsResponse r = kinesis.getRecords(b -> b.shardIterator(at).limit(10_000));
                        read.addAndGet(r.records().size());
                        iterator = r.nextShardIterator();
                        if (r.records().isEmpty() && Long.valueOf(0).equals(r.millisBehindLatest())) {
                            return null;
                        }
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            readers.shutdownNow();
        }
        return read.get();
    }

    private static String ingestJob(HttpClient http, String rest) throws Exception {
        JsonNode jobs = get(http, "http://" + rest + "/jobs/overview").get("jobs");
        for (JsonNode job : jobs) {
            if (job.get("name").asText().equals("sluice-ingest") && job.get("state").asText().equals("RUNNING")) {
                return job.get("jid").asText();
            }
        }
        throw new IllegalStateException("no RUNNING sluice-ingest job at " + rest + ": " + jobs);
    }

    private static final Pattern REPLAYED = Pattern.compile("the replay job ran ([0-9.]+) s, reading ([0-9.]+) s: ([0-9]+) records/s");

    /** Runs bin/replay from {@code savepoint} into {@code target} (count, json or parquet) and returns its figures. */
    private static Map<String, Object> replay(String savepoint, String target, Path out, String heap, long records) throws Exception {
        Path files = out.resolve("replayed-" + target);
        String to = target.equals("count") ? "count" : "files:" + files + (target.equals("parquet") ? "?format=parquet" : "");
        Path log = out.resolve("replay-" + target + ".log");
        ProcessBuilder replay = new ProcessBuilder("bin/replay", "--from=" + savepoint, "--stream=replay-bench", "--to=" + to)
                .redirectErrorStream(true).redirectOutput(log.toFile());
        replay.environment().put("REPLAY_JAVA_OPTS", "-Xmx" + heap);
        long start = System.nanoTime();
        Process process = replay.start();
        double peakRss;
        try (ProcessProbe probe = new ProcessProbe(process.pid())) {
            probe.start();
            if (!process.waitFor(30, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException("bin/replay failed: see " + log);
            }
            peakRss = probe.peakRssMiB();
        }
        double wallSeconds = (System.nanoTime() - start) / 1e9;
        String text = Files.readString(log);
        Matcher m = REPLAYED.matcher(text);
        if (!text.contains("Replayed " + records + " records") || !m.find()) {
            throw new IllegalStateException("bin/replay did not replay " + records + " records: " + text);
        }
        double jobSeconds = Double.parseDouble(m.group(1));
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("wallSeconds", round(wallSeconds));
        run.put("wallRecordsPerSecond", Math.round(records / wallSeconds));
        run.put("jobSeconds", jobSeconds);
        run.put("jobRecordsPerSecond", Math.round(records / jobSeconds));
        run.put("readSeconds", Double.parseDouble(m.group(2)));
        run.put("readRecordsPerSecond", Long.parseLong(m.group(3)));
        run.put("peakRssMiB", Math.round(peakRss));
        run.put("bytesWritten", Files.exists(files) ? ProcessProbe.bytesUnder(files) : 0L);
        return run;
    }

    /** Triggers a savepoint of the job into {@code directory} and waits for its location. */
    private static String savepoint(HttpClient http, String rest, String job, Path directory) throws Exception {
        String body = "{\"target-directory\": \"" + directory.toUri() + "\", \"cancel-job\": false}";
        HttpResponse<String> triggered = http.send(HttpRequest.newBuilder(URI.create("http://" + rest + "/jobs/" + job + "/savepoints"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        String request = JSON.readTree(triggered.body()).get("request-id").asText();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(30);
        while (System.nanoTime() < deadline) {
            JsonNode status = get(http, "http://" + rest + "/jobs/" + job + "/savepoints/" + request);
            if (status.path("status").path("id").asText().equals("COMPLETED")) {
                JsonNode operation = status.get("operation");
                if (operation.has("failure-cause")) {
                    throw new IllegalStateException("savepoint failed: " + operation.get("failure-cause"));
                }
                return operation.get("location").asText();
            }
            TimeUnit.MILLISECONDS.sleep(200); // polling interval of a deadline loop
        }
        throw new IllegalStateException("savepoint not completed within 30 min");
    }

    private static JsonNode get(HttpClient http, String url) throws Exception {
        return JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString()).body());
    }
}
