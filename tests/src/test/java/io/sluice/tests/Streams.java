package io.sluice.tests;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.DescribeStreamResponse;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.GetShardIteratorRequest;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/** Test helpers over the SDK: wait for ACTIVE, read a shard to its current end. */
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
}
