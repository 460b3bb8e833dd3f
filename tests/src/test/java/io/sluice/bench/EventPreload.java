package io.sluice.bench;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Shard;

/**
 * Writes the analytics benchmark's rows into a Sluice stream before a query reads them: row {@code seq} goes to
 * shard {@code seq mod shards} (by explicit hash key), each shard written by its own thread in {@code seq} order,
 * so event time grows within every shard as {@link AnalyticsQueries} assumes. A last row per shard, far in event
 * time, lets the watermark close every counted window.
 */
final class EventPreload {

    private static final int BATCH = 500;

    private EventPreload() {}

    /** One benchmark row as the JSON record the {@code kinesis} table reads: its event time as text and in epoch ms. */
    static byte[] row(long seq, int keys, long eventMillis) {
        return ("{\"seq\":" + seq + ",\"ticker\":\"T" + Math.floorMod(seq, keys) + "\",\"price\":" + Math.floorMod(seq, 1000)
                + ".0,\"ts\":\"" + Instant.ofEpochMilli(eventMillis) + "\",\"ms\":" + eventMillis + "}").getBytes(StandardCharsets.UTF_8);
    }

    /** The row that closes a shard's windows: ticker {@code END}, which no counted row has. */
    static byte[] closingRow(long eventMillis) {
        return ("{\"seq\":-1,\"ticker\":\"END\",\"price\":0.0,\"ts\":\"" + Instant.ofEpochMilli(eventMillis) + "\",\"ms\":"
                + eventMillis + "}").getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Writes rows 0..rows-1 as JSON lines into {@code files} files of {@code directory}, row {@code seq} into file
     * {@code seq mod files} in order (as {@link #write} spreads them over shards); no closing rows: a bounded read ends
     * every window.
     */
    static void writeFiles(java.nio.file.Path directory, int files, long rows, int keys) throws java.io.IOException {
        java.nio.file.Files.createDirectories(directory);
        for (int f = 0; f < files; f++) {
            try (java.io.OutputStream out = new java.io.BufferedOutputStream(
                    java.nio.file.Files.newOutputStream(directory.resolve("part-" + f + ".json")), 1 << 20)) {
                for (long seq = f; seq < rows; seq += files) {
                    out.write(row(seq, keys, AnalyticsQueries.BASE_MILLIS + seq));
                    out.write('\n');
                }
            }
        }
    }

    /** Puts rows 0..rows-1 and the closing rows; returns when all are acknowledged. */
    static void write(KinesisClient kinesis, String stream, List<Shard> shards, long rows, int keys) throws Exception {
        ExecutorService writers = Executors.newFixedThreadPool(shards.size());
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int s = 0; s < shards.size(); s++) {
                int shard = s;
                String hashKey = new BigInteger(shards.get(s).hashKeyRange().startingHashKey()).toString();
                done.add(writers.submit(() -> {
                    writeShard(kinesis, stream, hashKey, shard, shards.size(), rows, keys);
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

    private static void writeShard(KinesisClient kinesis, String stream, String hashKey, int shard, int shards, long rows, int keys) {
        List<PutRecordsRequestEntry> batch = new ArrayList<>(BATCH);
        for (long seq = shard; seq < rows; seq += shards) {
            batch.add(entry(hashKey, row(seq, keys, AnalyticsQueries.BASE_MILLIS + seq)));
            if (batch.size() == BATCH) {
                put(kinesis, stream, batch);
                batch.clear();
            }
        }
        // Far past the last counted window: its watermark closes them all; its own window never closes. Its key is no
        // row's: shards are read unevenly, and a closing row of a counted key read before that key's last rows (from
        // another shard) would open the key's next stagger window, which those rows would then join and never close.
        batch.add(entry(hashKey, closingRow(AnalyticsQueries.BASE_MILLIS + rows + 3_600_000L)));
        put(kinesis, stream, batch);
    }

    private static PutRecordsRequestEntry entry(String hashKey, byte[] data) {
        return PutRecordsRequestEntry.builder().partitionKey("k").explicitHashKey(hashKey).data(SdkBytes.fromByteArrayUnsafe(data)).build();
    }

    /** Puts the batch; a refused record ends the run (a retry would break the shard's event-time order). */
    private static void put(KinesisClient kinesis, String stream, List<PutRecordsRequestEntry> batch) {
        PutRecordsResponse response = kinesis.putRecords(b -> b.streamName(stream).records(batch));
        if (response.failedRecordCount() != null && response.failedRecordCount() > 0) {
            throw new IllegalStateException("a benchmark record was refused (" + response.records().stream()
                    .filter(r -> r.errorCode() != null).findFirst().map(r -> r.errorMessage()).orElse("?")
                    + "): run Sluice with sluice.streams.throttling=false");
        }
    }
}
