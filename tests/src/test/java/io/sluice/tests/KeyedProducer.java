package io.sluice.tests;

import io.sluice.common.kpl.KplAggregation;
import io.sluice.common.kpl.UserRecord;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;

/**
 * A producer for ordering tests: batches of one record per key ({@code key-0} …), each record's data
 * {@code <key>:<counter>} with a running counter per key, one PutRecords at a time (so put order per
 * key is defined), until stopped. With {@code aggregate}, every other batch sends each key's next
 * three user records as one KPL-aggregated record.
 */
final class KeyedProducer implements Runnable {

    /** User records per aggregated record. */
    static final int PER_AGGREGATE = 3;

    private final KinesisClient kinesis;
    private final String stream;
    private final int keys;
    private final boolean aggregate;
    private final Map<String, Integer> counters = new HashMap<>();
    private volatile boolean stopped;
    private volatile int batches;
    private volatile int aggregatedRecords;
    private volatile Throwable failure;

    KeyedProducer(KinesisClient kinesis, String stream, int keys, boolean aggregate) {
        this.kinesis = kinesis;
        this.stream = stream;
        this.keys = keys;
        this.aggregate = aggregate;
    }

    @Override
    public void run() {
        try {
            while (!stopped) {
                boolean aggregated = aggregate && batches % 2 == 1;
                int perKey = aggregated ? PER_AGGREGATE : 1;
                List<PutRecordsRequestEntry> entries = new ArrayList<>();
                for (int k = 0; k < keys; k++) {
                    String key = "key-" + k;
                    int n = counters.getOrDefault(key, 0);
                    if (aggregated) {
                        List<UserRecord> users = new ArrayList<>();
                        for (int i = 0; i < perKey; i++) {
                            users.add(new UserRecord(key, null, (key + ":" + (n + i)).getBytes(StandardCharsets.UTF_8), i));
                        }
                        entries.add(PutRecordsRequestEntry.builder().partitionKey(key)
                                .data(SdkBytes.fromByteArray(KplAggregation.aggregate(users))).build());
                    } else {
                        entries.add(PutRecordsRequestEntry.builder().partitionKey(key).data(SdkBytes.fromUtf8String(key + ":" + n)).build());
                    }
                }
                PutRecordsResponse r = kinesis.putRecords(b -> b.streamName(stream).records(entries));
                if (r.failedRecordCount() != 0) {
                    throw new AssertionError("PutRecords failed " + r.failedRecordCount() + " records: " + r.records());
                }
                for (int k = 0; k < keys; k++) {
                    counters.merge("key-" + k, perKey, Integer::sum);
                }
                if (aggregated) {
                    aggregatedRecords += keys;
                }
                batches++;
            }
        } catch (Throwable t) {
            failure = t;
        }
    }

    int batches() {
        return batches;
    }

    /** Kinesis records sent that were KPL aggregates. */
    int aggregatedRecords() {
        return aggregatedRecords;
    }

    void awaitBatches(int n) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (batches < n && failure == null) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("producer stuck at " + batches + " batches");
            }
            Thread.sleep(5); // polling interval of a deadline loop
        }
    }

    void stop() {
        stopped = true;
    }

    Throwable failure() {
        return failure;
    }

    /** User records sent for the key (its counters are 0 … sent − 1). */
    int sent(String key) {
        return counters.getOrDefault(key, 0);
    }

    /** User records sent for all keys. */
    int sentTotal() {
        int total = 0;
        for (int k = 0; k < keys; k++) {
            total += sent("key-" + k);
        }
        return total;
    }

    /** The data of a key's first {@code count} user records, in put order: {@code <key>:0} … */
    static List<String> records(String key, int count) {
        List<String> values = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            values.add(key + ":" + i);
        }
        return values;
    }
}
