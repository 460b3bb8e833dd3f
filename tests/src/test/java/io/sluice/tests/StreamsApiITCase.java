package io.sluice.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.common.kpl.KplAggregation;
import io.sluice.common.kpl.UserRecord;
import io.sluice.ingest.api.ShardPosition;
import io.sluice.ingest.api.Tokens;
import io.sluice.tests.KinesisClients.Client;
import io.sluice.tests.KinesisClients.Kind;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.DescribeStreamResponse;
import software.amazon.awssdk.services.kinesis.model.ExpiredIteratorException;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.InvalidArgumentException;
import software.amazon.awssdk.services.kinesis.model.KinesisException;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import software.amazon.awssdk.services.kinesis.model.ListStreamsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ResourceInUseException;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamMode;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/**
 * Every Streams operation of the core through the AWS SDK for Java v2, as a user calls it: the sync
 * client with CBOR (the default), with CBOR off, and the async client over HTTP/2.
 */
class StreamsApiITCase extends SluiceITCaseBase {


    @ParameterizedTest
    @EnumSource(Kind.class)
    void streamLifecycle(Kind kind) throws Exception {
        try (Client client = KinesisClients.create(kind, SLUICE.endpoint())) {
            KinesisClient kinesis = client.api();
            String name = kind.name().toLowerCase() + "-lifecycle";
            kinesis.createStream(b -> b.streamName(name).shardCount(3));
            DescribeStreamResponse described = Streams.awaitActive(kinesis, name);

            assertThat(described.streamDescription().streamName()).isEqualTo(name);
            assertThat(described.streamDescription().streamARN()).isEqualTo("arn:aws:kinesis:us-east-1:000000000000:stream/" + name);
            assertThat(described.streamDescription().retentionPeriodHours()).isEqualTo(24);
            assertThat(described.streamDescription().streamModeDetails().streamMode()).isEqualTo(StreamMode.PROVISIONED);
            assertThat(described.streamDescription().streamCreationTimestamp())
                    .isBetween(Instant.now().minusSeconds(60), Instant.now());
            List<Shard> shards = described.streamDescription().shards();
            BigInteger space = BigInteger.ONE.shiftLeft(128);
            assertThat(shards).extracting(Shard::shardId)
                    .containsExactly("shardId-000000000000", "shardId-000000000001", "shardId-000000000002");
            for (int i = 0; i < 3; i++) {
                BigInteger start = space.multiply(BigInteger.valueOf(i)).divide(BigInteger.valueOf(3));
                BigInteger end = space.multiply(BigInteger.valueOf(i + 1)).divide(BigInteger.valueOf(3)).subtract(BigInteger.ONE);
                assertThat(shards.get(i).hashKeyRange().startingHashKey()).isEqualTo(start.toString());
                assertThat(shards.get(i).hashKeyRange().endingHashKey()).isEqualTo(end.toString());
                assertThat(shards.get(i).sequenceNumberRange().startingSequenceNumber()).isNotEmpty();
                assertThat(shards.get(i).sequenceNumberRange().endingSequenceNumber()).isNull();
            }

            var summary = kinesis.describeStreamSummary(b -> b.streamName(name)).streamDescriptionSummary();
            assertThat(summary.openShardCount()).isEqualTo(3);
            assertThat(summary.streamStatus()).isEqualTo(StreamStatus.ACTIVE);

            assertThat(kinesis.listStreams(b -> b.limit(10_000)).streamNames()).contains(name);
            assertThatThrownBy(() -> kinesis.createStream(b -> b.streamName(name).shardCount(1)))
                    .isInstanceOf(ResourceInUseException.class)
                    .hasMessageContaining("already exists");

            kinesis.deleteStream(b -> b.streamName(name));
            assertThatThrownBy(() -> kinesis.describeStream(b -> b.streamName(name)))
                    .isInstanceOf(ResourceNotFoundException.class)
                    .satisfies(e -> assertThat(((KinesisException) e).awsErrorDetails().errorCode()).isEqualTo("ResourceNotFoundException"));
            assertThat(kinesis.listStreams(b -> b.limit(10_000)).streamNames()).doesNotContain(name);

            String expected = kind == Kind.SYNC_JSON ? "application/x-amz-json-1.1" : "application/x-amz-cbor-1.1";
            assertThat(client.contentTypes()).isNotEmpty().allMatch(expected::equals);
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void putRecordsRoutesByMd5AndReadsBackInOrder(Kind kind) throws Exception {
        try (Client client = KinesisClients.create(kind, SLUICE.endpoint())) {
            KinesisClient kinesis = client.api();
            String name = kind.name().toLowerCase() + "-routing";
            kinesis.createStream(b -> b.streamName(name).shardCount(4));
            List<Shard> shards = Streams.awaitActive(kinesis, name).streamDescription().shards();

            Random random = new Random(42);
            List<PutRecordsRequestEntry> entries = new ArrayList<>();
            for (int i = 0; i < 120; i++) {
                byte[] data = new byte[random.nextInt(64)];
                random.nextBytes(data);
                entries.add(PutRecordsRequestEntry.builder().partitionKey("key-" + i).data(SdkBytes.fromByteArray(data)).build());
            }
            PutRecordsResponse put = kinesis.putRecords(b -> b.streamName(name).records(entries));
            assertThat(put.failedRecordCount()).isZero();
            assertThat(put.records()).hasSize(entries.size());

            Map<String, List<Integer>> putOrderByShard = new HashMap<>();
            for (int i = 0; i < entries.size(); i++) {
                PutRecordsResultEntry result = put.records().get(i);
                assertThat(result.shardId()).isEqualTo(expectedShard(shards, Streams.md5(entries.get(i).partitionKey())));
                putOrderByShard.computeIfAbsent(result.shardId(), k -> new ArrayList<>()).add(i);
            }
            assertThat(putOrderByShard).hasSize(4);

            for (Shard shard : shards) {
                List<Record> read = Streams.readAll(kinesis, name, shard.shardId(), 7);
                List<Integer> expectedOrder = putOrderByShard.get(shard.shardId());
                assertThat(read).hasSize(expectedOrder.size());
                BigInteger previous = BigInteger.valueOf(-1);
                for (int j = 0; j < read.size(); j++) {
                    int i = expectedOrder.get(j);
                    Record r = read.get(j);
                    assertThat(r.partitionKey()).isEqualTo(entries.get(i).partitionKey());
                    assertThat(r.data().asByteArray()).isEqualTo(entries.get(i).data().asByteArray());
                    assertThat(r.sequenceNumber()).isEqualTo(put.records().get(i).sequenceNumber());
                    BigInteger seq = new BigInteger(r.sequenceNumber());
                    assertThat(seq).isGreaterThan(previous);
                    previous = seq;
                    assertThat(r.approximateArrivalTimestamp()).isBetween(Instant.now().minusSeconds(60), Instant.now());
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void putRecordKeepsExactBytesAndHonoursExplicitHashKey(Kind kind) throws Exception {
        try (Client client = KinesisClients.create(kind, SLUICE.endpoint())) {
            KinesisClient kinesis = client.api();
            String name = kind.name().toLowerCase() + "-bytes";
            kinesis.createStream(b -> b.streamName(name).shardCount(4));
            List<Shard> shards = Streams.awaitActive(kinesis, name).streamDescription().shards();

            byte[] empty = new byte[0];
            byte[] mebibyte = new byte[1 << 20];
            new Random(7).nextBytes(mebibyte);
            byte[] zeros = new byte[300];
            String shard2Start = shards.get(2).hashKeyRange().startingHashKey();

            PutRecordResponse a = kinesis.putRecord(b -> b.streamName(name).partitionKey("k").explicitHashKey(shard2Start)
                    .data(SdkBytes.fromByteArray(empty)));
            PutRecordResponse c = kinesis.putRecord(b -> b.streamName(name).partitionKey("k").explicitHashKey(shard2Start)
                    .data(SdkBytes.fromByteArray(mebibyte)));
            PutRecordResponse d = kinesis.putRecord(b -> b.streamName(name).partitionKey("ключ-ü").explicitHashKey(shard2Start)
                    .data(SdkBytes.fromByteArray(zeros)).sequenceNumberForOrdering(c.sequenceNumber()));
            assertThat(List.of(a.shardId(), c.shardId(), d.shardId())).containsOnly("shardId-000000000002");
            assertThat(new BigInteger(c.sequenceNumber())).isGreaterThan(new BigInteger(a.sequenceNumber()));
            assertThat(new BigInteger(d.sequenceNumber())).isGreaterThan(new BigInteger(c.sequenceNumber()));

            List<Record> read = Streams.readAll(kinesis, name, "shardId-000000000002", 10_000);
            assertThat(read).extracting(Record::sequenceNumber).containsExactly(a.sequenceNumber(), c.sequenceNumber(), d.sequenceNumber());
            assertThat(read.get(0).data().asByteArray()).isEmpty();
            assertThat(read.get(1).data().asByteArray()).isEqualTo(mebibyte);
            assertThat(read.get(2).data().asByteArray()).isEqualTo(zeros);
            assertThat(read.get(2).partitionKey()).isEqualTo("ключ-ü");
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void everyIteratorTypeStartsWhereAwsSays(Kind kind) throws Exception {
        try (Client client = KinesisClients.create(kind, SLUICE.endpoint())) {
            KinesisClient kinesis = client.api();
            String name = kind.name().toLowerCase() + "-iterators";
            String shard = "shardId-000000000000";
            kinesis.createStream(b -> b.streamName(name).shardCount(1));
            Streams.awaitActive(kinesis, name);
            String latest = kinesis.getShardIterator(b -> b.streamName(name).shardId(shard).shardIteratorType(ShardIteratorType.LATEST)).shardIterator();

            List<String> sequenceNumbers = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                String data = "record-" + i;
                sequenceNumbers.add(kinesis.putRecord(b -> b.streamName(name).partitionKey("p")
                        .data(SdkBytes.fromUtf8String(data))).sequenceNumber());
            }
            List<Record> all = Streams.readAll(kinesis, name, shard, 2);
            assertThat(all).extracting(Record::sequenceNumber).containsExactlyElementsOf(sequenceNumbers);
            assertThat(all).extracting(r -> r.data().asUtf8String())
                    .containsExactly("record-0", "record-1", "record-2", "record-3", "record-4", "record-5");

            GetRecordsResponse fromLatest = kinesis.getRecords(b -> b.shardIterator(latest));
            assertThat(fromLatest.records()).extracting(Record::sequenceNumber).containsExactlyElementsOf(sequenceNumbers);
            assertThat(fromLatest.millisBehindLatest()).isZero();

            assertThat(Streams.read(kinesis, name, shard, b -> b.shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER)
                    .startingSequenceNumber(sequenceNumbers.get(2))))
                    .extracting(Record::sequenceNumber).containsExactlyElementsOf(sequenceNumbers.subList(2, 6));
            assertThat(Streams.read(kinesis, name, shard, b -> b.shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER)
                    .startingSequenceNumber(sequenceNumbers.get(2))))
                    .extracting(Record::sequenceNumber).containsExactlyElementsOf(sequenceNumbers.subList(3, 6));
            assertThat(Streams.read(kinesis, name, shard, b -> b.shardIteratorType(ShardIteratorType.LATEST))).isEmpty();

            Instant at = all.get(3).approximateArrivalTimestamp();
            int firstAtOrAfter = 0;
            while (all.get(firstAtOrAfter).approximateArrivalTimestamp().isBefore(at)) {
                firstAtOrAfter++;
            }
            assertThat(Streams.read(kinesis, name, shard, b -> b.shardIteratorType(ShardIteratorType.AT_TIMESTAMP).timestamp(at)))
                    .extracting(Record::sequenceNumber).containsExactlyElementsOf(sequenceNumbers.subList(firstAtOrAfter, 6));
            assertThatThrownBy(() -> kinesis.getShardIterator(b -> b.streamName(name).shardId(shard)
                    .shardIteratorType(ShardIteratorType.AT_TIMESTAMP).timestamp(Instant.now().plusSeconds(3600))))
                    .isInstanceOf(InvalidArgumentException.class)
                    .hasMessageContaining("cannot be greater than the currentTimestampInMillis");
        }
    }

    /** KPL aggregates are stored and returned byte for byte; common's de-aggregation yields their user records. */
    @Test
    void kplAggregatesComeBackUnchanged() throws Exception {
        try (Client client = KinesisClients.create(Kind.SYNC_CBOR, SLUICE.endpoint())) {
            KinesisClient kinesis = client.api();
            kinesis.createStream(b -> b.streamName("aggregated").shardCount(1));
            Streams.awaitActive(kinesis, "aggregated");
            byte[] aggregate = KplAggregation.aggregate(List.of(
                    new UserRecord("user-1", null, "first".getBytes(StandardCharsets.UTF_8), 0),
                    new UserRecord("user-2", "12345", "second".getBytes(StandardCharsets.UTF_8), 1)));
            kinesis.putRecord(b -> b.streamName("aggregated").partitionKey("outer").data(SdkBytes.fromByteArray(aggregate)));
            List<Record> records = Streams.readAll(kinesis, "aggregated", "shardId-000000000000", 100);
            assertThat(records).hasSize(1);
            assertThat(records.get(0).data().asByteArray()).isEqualTo(aggregate);
            assertThat(KplAggregation.deaggregate(records.get(0).data().asByteArray(), records.get(0).partitionKey(), null))
                    .extracting(u -> u.partitionKey() + "/" + u.explicitHashKey() + "/" + new String(u.data(), StandardCharsets.UTF_8))
                    .containsExactly("user-1/null/first", "user-2/12345/second");
        }
    }

    /**
     * The shard log stores a block per append, split at every 512th offset: records spread over three
     * buckets, read 7 at a time (so reads start and stop inside blocks) and from positions inside
     * blocks, come back complete, in order, with their bytes.
     */
    @Test
    void recordsAcrossBlocksAndBucketsReadBackExactly() throws Exception {
        try (Client client = KinesisClients.create(Kind.SYNC_CBOR, SLUICE.endpoint())) {
            KinesisClient kinesis = client.api();
            String name = "blocks-and-buckets";
            String shard = "shardId-000000000000";
            kinesis.createStream(b -> b.streamName(name).shardCount(1));
            Streams.awaitActive(kinesis, name);
            List<String> sequenceNumbers = new ArrayList<>();
            List<String> payloads = new ArrayList<>();
            for (int call = 0; call < 3; call++) {
                List<PutRecordsRequestEntry> entries = new ArrayList<>();
                for (int i = 0; i < 400; i++) {
                    String data = "call-" + call + "-record-" + i + "-" + "x".repeat(i % 13);
                    payloads.add(data);
                    entries.add(PutRecordsRequestEntry.builder().partitionKey("k" + i).data(SdkBytes.fromUtf8String(data)).build());
                }
                PutRecordsResponse put = kinesis.putRecords(b -> b.streamName(name).records(entries));
                assertThat(put.failedRecordCount()).isZero();
                put.records().forEach(r -> sequenceNumbers.add(r.sequenceNumber()));
                String single = "single-after-call-" + call;
                payloads.add(single);
                sequenceNumbers.add(kinesis.putRecord(b -> b.streamName(name).partitionKey("s").data(SdkBytes.fromUtf8String(single))).sequenceNumber());
            }
            assertThat(sequenceNumbers).hasSize(1203).doesNotHaveDuplicates();

            List<Record> bySevens = Streams.readAll(kinesis, name, shard, 7);
            assertThat(bySevens).extracting(Record::sequenceNumber).containsExactlyElementsOf(sequenceNumbers);
            assertThat(bySevens).extracting(r -> r.data().asUtf8String()).containsExactlyElementsOf(payloads);
            assertThat(Streams.readAll(kinesis, name, shard, 10_000)).extracting(Record::sequenceNumber)
                    .containsExactlyElementsOf(sequenceNumbers);

            for (int at : new int[] {1, 511, 512, 700, 1023, 1024, 1202}) {
                assertThat(Streams.read(kinesis, name, shard, b -> b.shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER)
                        .startingSequenceNumber(sequenceNumbers.get(at))))
                        .as("AT_SEQUENCE_NUMBER of record %d", at)
                        .extracting(r -> r.data().asUtf8String()).containsExactlyElementsOf(payloads.subList(at, 1203));
            }
            Instant secondCall = bySevens.get(401).approximateArrivalTimestamp();
            int firstAtOrAfter = 0;
            while (bySevens.get(firstAtOrAfter).approximateArrivalTimestamp().isBefore(secondCall)) {
                firstAtOrAfter++;
            }
            assertThat(firstAtOrAfter).isLessThanOrEqualTo(401);
            assertThat(Streams.read(kinesis, name, shard, b -> b.shardIteratorType(ShardIteratorType.AT_TIMESTAMP).timestamp(secondCall)))
                    .extracting(Record::sequenceNumber).containsExactlyElementsOf(sequenceNumbers.subList(firstAtOrAfter, 1203));
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void pagingIsCompleteAndDoesNotOverlap(Kind kind) throws Exception {
        try (Client client = KinesisClients.create(kind, SLUICE.endpoint())) {
            KinesisClient kinesis = client.api();
            String prefix = kind.name().toLowerCase() + "-paging-";
            for (int i = 0; i < 5; i++) {
                String name = prefix + i;
                kinesis.createStream(b -> b.streamName(name).shardCount(5));
            }
            String name = prefix + "0";
            Streams.awaitActive(kinesis, name);

            List<String> listed = new ArrayList<>();
            ListStreamsResponse page = kinesis.listStreams(b -> b.limit(2));
            listed.addAll(page.streamNames());
            while (page.hasMoreStreams()) {
                assertThat(page.streamNames()).hasSize(2);
                String token = page.nextToken();
                page = kinesis.listStreams(b -> b.nextToken(token).limit(2));
                listed.addAll(page.streamNames());
            }
            assertThat(listed).doesNotHaveDuplicates().isSorted()
                    .containsSubsequence(prefix + "0", prefix + "1", prefix + "2", prefix + "3", prefix + "4");
            List<String> byExclusiveStart = kinesis.listStreams(b -> b.exclusiveStartStreamName(prefix + "1").limit(10_000)).streamNames();
            assertThat(byExclusiveStart).startsWith(prefix + "2", prefix + "3", prefix + "4");

            List<String> shardIds = new ArrayList<>();
            ListShardsResponse shards = kinesis.listShards(b -> b.streamName(name).maxResults(2));
            shardIds.addAll(shards.shards().stream().map(Shard::shardId).toList());
            while (shards.nextToken() != null) {
                String token = shards.nextToken();
                shards = kinesis.listShards(b -> b.nextToken(token).maxResults(2));
                shardIds.addAll(shards.shards().stream().map(Shard::shardId).toList());
            }
            assertThat(shardIds).containsExactly("shardId-000000000000", "shardId-000000000001", "shardId-000000000002",
                    "shardId-000000000003", "shardId-000000000004");

            List<String> described = new ArrayList<>();
            DescribeStreamResponse d = kinesis.describeStream(b -> b.streamName(name).limit(2));
            described.addAll(d.streamDescription().shards().stream().map(Shard::shardId).toList());
            while (d.streamDescription().hasMoreShards()) {
                String last = described.get(described.size() - 1);
                d = kinesis.describeStream(b -> b.streamName(name).limit(2).exclusiveStartShardId(last));
                described.addAll(d.streamDescription().shards().stream().map(Shard::shardId).toList());
            }
            assertThat(described).containsExactlyElementsOf(shardIds);
            assertThat(kinesis.describeStream(b -> b.streamName(name).exclusiveStartShardId("zzz")).streamDescription().shards()).isEmpty();
            assertThat(kinesis.listShards(b -> b.streamName(name).exclusiveStartShardId("a")).shards()).hasSize(5);
            assertThat(kinesis.listShards(b -> b.streamName(name).exclusiveStartShardId("shardId-000000000003")).shards())
                    .extracting(Shard::shardId).containsExactly("shardId-000000000004");
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void streamArnWorksWhereStreamNameDoes(Kind kind) throws Exception {
        try (Client client = KinesisClients.create(kind, SLUICE.endpoint())) {
            KinesisClient kinesis = client.api();
            String name = kind.name().toLowerCase() + "-arn";
            String arn = "arn:aws:kinesis:us-east-1:000000000000:stream/" + name;
            kinesis.createStream(b -> b.streamName(name).shardCount(1));
            Streams.awaitActive(kinesis, name);
            String seq = kinesis.putRecord(b -> b.streamARN(arn).partitionKey("p").data(SdkBytes.fromUtf8String("via-arn"))).sequenceNumber();
            assertThat(kinesis.describeStreamSummary(b -> b.streamARN(arn)).streamDescriptionSummary().streamName()).isEqualTo(name);
            String it = kinesis.getShardIterator(b -> b.streamARN(arn).shardId("shardId-000000000000")
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            assertThat(kinesis.getRecords(b -> b.shardIterator(it).streamARN(arn)).records())
                    .extracting(Record::sequenceNumber).containsExactly(seq);
            assertThat(kinesis.listShards(b -> b.streamARN(arn)).shards()).hasSize(1);
            assertThatThrownBy(() -> kinesis.describeStreamSummary(b -> b.streamARN(arn.replace("us-east-1", "eu-west-1"))))
                    .isInstanceOf(ResourceNotFoundException.class);
            assertThatThrownBy(() -> kinesis.describeStreamSummary(b -> b.streamARN(arn.replace("000000000000", "123456789012"))))
                    .isInstanceOf(ResourceNotFoundException.class);
            kinesis.deleteStream(b -> b.streamARN(arn));
            assertThatThrownBy(() -> kinesis.describeStreamSummary(b -> b.streamARN(arn))).isInstanceOf(ResourceNotFoundException.class);
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void errorsHaveAwsNamesAndShapes(Kind kind) throws Exception {
        try (Client client = KinesisClients.create(kind, SLUICE.endpoint())) {
            KinesisClient kinesis = client.api();
            String name = kind.name().toLowerCase() + "-errors";
            kinesis.createStream(b -> b.streamName(name).shardCount(2));
            Streams.awaitActive(kinesis, name);

            assertThatThrownBy(() -> kinesis.describeStream(b -> b.streamName("no-such-stream")))
                    .isInstanceOf(ResourceNotFoundException.class)
                    .hasMessageContaining("Stream no-such-stream under account 000000000000 not found.");
            assertThatThrownBy(() -> kinesis.putRecord(b -> b.streamName("no-such-stream").partitionKey("p").data(SdkBytes.fromUtf8String("x"))))
                    .isInstanceOf(ResourceNotFoundException.class);
            assertThatThrownBy(() -> kinesis.getShardIterator(b -> b.streamName(name).shardId("shardId-000000000009")
                    .shardIteratorType(ShardIteratorType.LATEST)))
                    .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("shardId-000000000009");
            assertThatThrownBy(() -> kinesis.getRecords(b -> b.shardIterator("not-an-iterator")))
                    .isInstanceOf(InvalidArgumentException.class);
            String expired = new Tokens(SluiceTestServer.TOKEN_SECRET)
                    .iterator(new ShardPosition(name, 1, 0, 0, 0, System.currentTimeMillis() - 301_000));
            assertThatThrownBy(() -> kinesis.getRecords(b -> b.shardIterator(expired)))
                    .isInstanceOf(ExpiredIteratorException.class).hasMessageContaining("Iterator expired");
            assertThatThrownBy(() -> kinesis.createStream(b -> b.streamName("bad name!").shardCount(1)))
                    .isInstanceOf(KinesisException.class)
                    .satisfies(e -> assertThat(((KinesisException) e).awsErrorDetails().errorCode()).isEqualTo("ValidationException"))
                    .hasMessageContaining("Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
            assertThatThrownBy(() -> kinesis.putRecord(b -> b.streamName(name).partitionKey("p").explicitHashKey("340282366920938463463374607431768211456")
                    .data(SdkBytes.fromUtf8String("x"))))
                    .isInstanceOf(InvalidArgumentException.class);
            List<PutRecordsRequestEntry> tooMany = new ArrayList<>();
            for (int i = 0; i < 501; i++) {
                tooMany.add(PutRecordsRequestEntry.builder().partitionKey("p").data(SdkBytes.fromUtf8String("x")).build());
            }
            assertThatThrownBy(() -> kinesis.putRecords(b -> b.streamName(name).records(tooMany)))
                    .isInstanceOf(KinesisException.class)
                    .satisfies(e -> assertThat(((KinesisException) e).awsErrorDetails().errorCode()).isEqualTo("ValidationException"));
            byte[] tooBig = new byte[(1 << 20) + 1];
            assertThatThrownBy(() -> kinesis.putRecord(b -> b.streamName(name).partitionKey("p").data(SdkBytes.fromByteArray(tooBig))))
                    .isInstanceOf(KinesisException.class)
                    .satisfies(e -> assertThat(((KinesisException) e).awsErrorDetails().errorCode()).isEqualTo("ValidationException"));
            String otherStream = kinesis.putRecord(b -> b.streamName(name).partitionKey("p").data(SdkBytes.fromUtf8String("x"))).sequenceNumber();
            kinesis.createStream(b -> b.streamName(name + "-other").shardCount(2));
            Streams.awaitActive(kinesis, name + "-other");
            assertThatThrownBy(() -> kinesis.getShardIterator(b -> b.streamName(name + "-other").shardId("shardId-000000000000")
                    .shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER).startingSequenceNumber(otherStream)))
                    .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("did not come from this stream");
        }
    }

    static String expectedShard(List<Shard> shards, BigInteger hash) {
        for (Shard s : shards) {
            if (hash.compareTo(new BigInteger(s.hashKeyRange().startingHashKey())) >= 0
                    && hash.compareTo(new BigInteger(s.hashKeyRange().endingHashKey())) <= 0) {
                return s.shardId();
            }
        }
        throw new AssertionError("no shard holds " + hash + " in " + Arrays.toString(shards.toArray()));
    }
}
