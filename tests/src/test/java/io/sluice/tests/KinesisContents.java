package io.sluice.tests;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.DescribeLimitsResponse;
import software.amazon.awssdk.services.kinesis.model.EnhancedMetrics;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import software.amazon.awssdk.services.kinesis.model.ListStreamsResponse;
import software.amazon.awssdk.services.kinesis.model.MetricsName;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.StreamDescriptionSummary;
import software.amazon.awssdk.services.kinesis.model.Tag;

/**
 * Everything an account shows through the Kinesis API, read with the AWS SDK: the account's limits; every stream's
 * summary settings (status, mode, retention, creation time, encryption, enhanced monitoring), tags, shards (ids, hash
 * ranges, parents, sequence-number ranges: open shards have no ending number) and every retained record (sequence
 * number, partition key, arrival time, data). Two captures are equal exactly when a client could not tell the two
 * accounts apart; savepoint tests compare one taken before a savepoint with one taken after restoring it, and keep one
 * as JSON beside a fixture savepoint.
 */
record KinesisContents(Limits limits, List<StreamContents> streams) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** What DescribeLimits answers. */
    record Limits(int shardLimit, int openShardCount, int onDemandStreamCount, int onDemandStreamCountLimit) {}

    /** One stream as DescribeStreamSummary, ListTagsForStream and ListShards show it. */
    record StreamContents(
            String name,
            String arn,
            String status,
            String mode,
            int retentionHours,
            long createdMillis,
            String encryptionType,
            String keyId,
            int openShardCount,
            List<String> shardLevelMetrics,
            Map<String, String> tags,
            List<ShardContents> shards) {

        int recordCount() {
            return shards.stream().mapToInt(s -> s.records().size()).sum();
        }

        ShardContents shard(String shardId) {
            return shards.stream().filter(s -> s.shardId().equals(shardId)).findFirst()
                    .orElseThrow(() -> new AssertionError("no shard " + shardId + " in " + name));
        }
    }

    /** One shard with every record GetRecords returns from TRIM_HORIZON. */
    record ShardContents(
            String shardId,
            String parentShardId,
            String adjacentParentShardId,
            String startingHashKey,
            String endingHashKey,
            String startingSequenceNumber,
            String endingSequenceNumber,
            List<RecordContents> records) {

        boolean isOpen() {
            return endingSequenceNumber == null;
        }
    }

    /** One record; {@code data} in base64. */
    record RecordContents(String sequenceNumber, String partitionKey, long arrivalMillis, String data) {}

    /** Reads the whole account through {@code kinesis}. */
    static KinesisContents capture(KinesisClient kinesis) {
        List<StreamContents> streams = new ArrayList<>();
        for (String name : streamNames(kinesis)) {
            streams.add(stream(kinesis, name));
        }
        DescribeLimitsResponse l = kinesis.describeLimits(b -> {});
        return new KinesisContents(
                new Limits(l.shardLimit(), l.openShardCount(), l.onDemandStreamCount(), l.onDemandStreamCountLimit()), streams);
    }

    StreamContents stream(String name) {
        return streams.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no stream " + name));
    }

    int recordCount() {
        return streams.stream().mapToInt(StreamContents::recordCount).sum();
    }

    void write(Path file) throws IOException {
        JSON.writeValue(file.toFile(), this);
    }

    static KinesisContents read(Path file) throws IOException {
        return JSON.readValue(file.toFile(), KinesisContents.class);
    }

    private static List<String> streamNames(KinesisClient kinesis) {
        List<String> names = new ArrayList<>();
        ListStreamsResponse page = kinesis.listStreams(b -> b.limit(100));
        names.addAll(page.streamNames());
        while (page.hasMoreStreams()) {
            String last = names.get(names.size() - 1);
            page = kinesis.listStreams(b -> b.limit(100).exclusiveStartStreamName(last));
            names.addAll(page.streamNames());
        }
        return names;
    }

    private static StreamContents stream(KinesisClient kinesis, String name) {
        StreamDescriptionSummary s = kinesis.describeStreamSummary(b -> b.streamName(name)).streamDescriptionSummary();
        List<String> metrics = new ArrayList<>();
        for (EnhancedMetrics m : s.enhancedMonitoring()) {
            m.shardLevelMetrics().stream().map(MetricsName::toString).forEach(metrics::add);
        }
        metrics.sort(null);
        Map<String, String> tags = new TreeMap<>();
        for (Tag t : kinesis.listTagsForStream(b -> b.streamName(name)).tags()) {
            tags.put(t.key(), t.value());
        }
        List<Shard> shards = shards(kinesis, name);
        List<Shard> described = kinesis.describeStream(b -> b.streamName(name)).streamDescription().shards();
        if (!described.equals(shards)) {
            throw new AssertionError("DescribeStream and ListShards disagree on " + name + ": " + described + " vs " + shards);
        }
        List<ShardContents> contents = new ArrayList<>();
        for (Shard shard : shards) {
            List<RecordContents> records = new ArrayList<>();
            for (Record r : Streams.readAll(kinesis, name, shard.shardId(), 10_000)) {
                records.add(new RecordContents(r.sequenceNumber(), r.partitionKey(), r.approximateArrivalTimestamp().toEpochMilli(),
                        Base64.getEncoder().encodeToString(r.data().asByteArray())));
            }
            contents.add(new ShardContents(shard.shardId(), shard.parentShardId(), shard.adjacentParentShardId(),
                    shard.hashKeyRange().startingHashKey(), shard.hashKeyRange().endingHashKey(),
                    shard.sequenceNumberRange().startingSequenceNumber(), shard.sequenceNumberRange().endingSequenceNumber(), records));
        }
        return new StreamContents(name, s.streamARN(), s.streamStatusAsString(), s.streamModeDetails().streamModeAsString(),
                s.retentionPeriodHours(), s.streamCreationTimestamp().toEpochMilli(), s.encryptionTypeAsString(), s.keyId(),
                s.openShardCount(), metrics, tags, contents);
    }

    private static List<Shard> shards(KinesisClient kinesis, String name) {
        List<Shard> shards = new ArrayList<>();
        ListShardsResponse page = kinesis.listShards(b -> b.streamName(name).maxResults(1000));
        shards.addAll(page.shards());
        while (page.nextToken() != null) {
            String token = page.nextToken();
            page = kinesis.listShards(b -> b.nextToken(token).maxResults(1000));
            shards.addAll(page.shards());
        }
        return shards;
    }
}
