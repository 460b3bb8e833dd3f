package io.sluice.tests;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.DescribeStreamResponse;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.GetShardIteratorRequest;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/**
 * Test helpers over the SDK: wait for ACTIVE, read a shard to its current end; and the tests' own
 * MD5 hash keys (independent of Sluice's), partition keys in a hash range, and waiting out the clock.
 */
final class Streams {

    private Streams() {}

    static DescribeStreamResponse awaitActive(KinesisClient kinesis, String name) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            DescribeStreamResponse d = kinesis.describeStream(b -> b.streamName(name));
            if (d.streamDescription().streamStatus() == StreamStatus.ACTIVE) {
                return d;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Stream " + name + " not ACTIVE in time: " + d.streamDescription().streamStatus());
            }
            Thread.sleep(20); // polling interval of a deadline loop
        }
    }

    /** Reads a shard from TRIM_HORIZON until a call returns no records, {@code limit} per call. */
    static List<Record> readAll(KinesisClient kinesis, String stream, String shardId, int limit) {
        return read(kinesis, stream, shardId, b -> b.shardIteratorType(ShardIteratorType.TRIM_HORIZON), limit);
    }

    static List<Record> read(KinesisClient kinesis, String stream, String shardId, Consumer<GetShardIteratorRequest.Builder> position) {
        return read(kinesis, stream, shardId, position, 10_000);
    }

    static List<Record> read(
            KinesisClient kinesis, String stream, String shardId, Consumer<GetShardIteratorRequest.Builder> position, int limit) {
        String iterator = kinesis.getShardIterator(b -> {
            b.streamName(stream).shardId(shardId);
            position.accept(b);
        }).shardIterator();
        List<Record> records = new ArrayList<>();
        while (iterator != null) {
            String current = iterator;
            GetRecordsResponse r = kinesis.getRecords(b -> b.shardIterator(current).limit(limit));
            records.addAll(r.records());
            if (r.records().isEmpty()) {
                break;
            }
            iterator = r.nextShardIterator();
        }
        return records;
    }

    /** A partition key's hash key, computed here (not by Sluice's code) so tests can check its routing. */
    static BigInteger md5(String partitionKey) throws Exception {
        return new BigInteger(1, MessageDigest.getInstance("MD5").digest(partitionKey.getBytes(StandardCharsets.UTF_8)));
    }

    /** A partition key whose MD5 hash key lies in [from, to]. */
    static String keyIn(BigInteger from, BigInteger to) throws Exception {
        for (int i = 0; ; i++) {
            String key = "k" + i;
            BigInteger hash = md5(key);
            if (hash.compareTo(from) >= 0 && hash.compareTo(to) <= 0) {
                return key;
            }
        }
    }

    /** Waits until the wall clock has moved past {@code millis}, so later events get later arrival times. */
    static void awaitClockPast(long millis) {
        while (System.currentTimeMillis() <= millis) {
            Thread.onSpinWait();
        }
    }

    /** Polls {@code condition} until it holds, failing after {@code timeout}. */
    static void await(String what, BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out waiting for " + what);
            }
            Thread.sleep(50); // polling interval of a deadline loop
        }
    }
}
