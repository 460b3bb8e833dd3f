package io.sluice.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.sluice.common.kpl.KplAggregation;
import io.sluice.common.kpl.UserRecord;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.kinesis.retrieval.AggregatorUtil;
import software.amazon.kinesis.retrieval.KinesisClientRecord;
import software.amazon.kinesis.retrieval.kpl.Messages;

/**
 * Sluice's KPL (de-)aggregation against the format's own definition: aggregates built with the
 * protobuf classes the KCL ships ({@link Messages}, generated from the KPL's {@code messages.proto}),
 * framed with the magic bytes and the MD5 trailer, and Sluice's aggregates read back by those classes
 * and by the KCL's own de-aggregator. Test scope only: {@code common} must not depend on the KCL.
 */
class KplFormatTest {

    private static final byte[] MAGIC = {(byte) 0xF3, (byte) 0x89, (byte) 0x9A, (byte) 0xC2};
    private static final String MAX_HASH_KEY = "340282366920938463463374607431768211455";

    /** Keys of 1, 2, 3 and 4 UTF-8 bytes per character; hash keys at both ends of the range; empty and binary data; tags. */
    private static final Messages.AggregatedRecord AGGREGATE = Messages.AggregatedRecord.newBuilder()
            .addPartitionKeyTable("a")
            .addPartitionKeyTable("ключ")
            .addPartitionKeyTable("€-🙂")
            .addExplicitHashKeyTable("0")
            .addExplicitHashKeyTable(MAX_HASH_KEY)
            .addRecords(Messages.Record.newBuilder().setPartitionKeyIndex(0).setData(utf8("one")))
            .addRecords(Messages.Record.newBuilder().setPartitionKeyIndex(1).setExplicitHashKeyIndex(1).setData(ByteString.EMPTY))
            .addRecords(Messages.Record.newBuilder().setPartitionKeyIndex(2).setExplicitHashKeyIndex(0)
                    .setData(ByteString.copyFrom(new byte[] {0, -1, 0x7F, -128}))
                    .addTags(Messages.Tag.newBuilder().setKey("tag").setValue("ignored")))
            .addRecords(Messages.Record.newBuilder().setPartitionKeyIndex(0).setData(ByteString.copyFrom(bytes(300))))
            .build();

    private static final List<UserRecord> USER_RECORDS = List.of(
            new UserRecord("a", null, "one".getBytes(StandardCharsets.UTF_8), 0),
            new UserRecord("ключ", MAX_HASH_KEY, new byte[0], 1),
            new UserRecord("€-🙂", "0", new byte[] {0, -1, 0x7F, -128}, 2),
            new UserRecord("a", null, bytes(300), 3));

    @Test
    void anAggregateBuiltWithTheKplClassesDeaggregatesExactly() throws Exception {
        List<UserRecord> records = KplAggregation.deaggregate(frame(AGGREGATE.toByteArray()), "outer", "42");
        assertThat(records).hasSameSizeAs(USER_RECORDS);
        for (int i = 0; i < records.size(); i++) {
            assertRecord(records.get(i), USER_RECORDS.get(i));
        }
    }

    @Test
    void anAggregateWithACorruptedDigestIsDeliveredAsItIs() throws Exception {
        byte[] framed = frame(AGGREGATE.toByteArray());
        framed[framed.length - 1] ^= 0x01;
        assertThat(KplAggregation.deaggregate(framed, "outer", "42")).singleElement().satisfies(r -> {
            assertThat(r.partitionKey()).isEqualTo("outer");
            assertThat(r.explicitHashKey()).isEqualTo("42");
            assertThat(r.data()).isSameAs(framed);
            assertThat(r.subSequence()).isZero();
        });
        // The KCL agrees: one record, not aggregated, the bytes unchanged.
        List<KinesisClientRecord> kcl = new AggregatorUtil().deaggregate(List.of(kinesisRecord(framed, "outer")));
        assertThat(kcl).singleElement().satisfies(r -> {
            assertThat(r.aggregated()).isFalse();
            assertThat(array(r.data())).isEqualTo(framed);
        });
    }

    @Test
    void sluicesAggregateParsesWithTheKplClassesToTheSameContent() throws Exception {
        byte[] aggregate = KplAggregation.aggregate(USER_RECORDS);
        assertThat(Arrays.copyOfRange(aggregate, 0, 4)).isEqualTo(MAGIC);
        byte[] proto = Arrays.copyOfRange(aggregate, 4, aggregate.length - 16);
        assertThat(Arrays.copyOfRange(aggregate, aggregate.length - 16, aggregate.length))
                .isEqualTo(MessageDigest.getInstance("MD5").digest(proto));

        Messages.AggregatedRecord parsed = Messages.AggregatedRecord.parseFrom(proto);
        assertThat(parsed.getPartitionKeyTableList()).containsExactly("a", "ключ", "€-🙂");
        assertThat(parsed.getExplicitHashKeyTableList()).containsExactly(MAX_HASH_KEY, "0");
        assertThat(parsed.getRecordsCount()).isEqualTo(USER_RECORDS.size());
        for (int i = 0; i < USER_RECORDS.size(); i++) {
            Messages.Record r = parsed.getRecords(i);
            UserRecord expected = USER_RECORDS.get(i);
            assertThat(parsed.getPartitionKeyTable((int) r.getPartitionKeyIndex())).as("key of %d", i).isEqualTo(expected.partitionKey());
            assertThat(r.hasExplicitHashKeyIndex() ? parsed.getExplicitHashKeyTable((int) r.getExplicitHashKeyIndex()) : null)
                    .as("hash key of %d", i).isEqualTo(expected.explicitHashKey());
            assertThat(r.getData().toByteArray()).as("data of %d", i).isEqualTo(expected.data());
        }
    }

    @Test
    void theKclDeaggregatesSluicesAggregateToTheSameRecords() {
        byte[] aggregate = KplAggregation.aggregate(USER_RECORDS);
        List<KinesisClientRecord> kcl = new AggregatorUtil().deaggregate(List.of(kinesisRecord(aggregate, "outer")));
        assertThat(kcl).hasSameSizeAs(USER_RECORDS);
        for (int i = 0; i < kcl.size(); i++) {
            KinesisClientRecord r = kcl.get(i);
            UserRecord expected = USER_RECORDS.get(i);
            assertThat(r.aggregated()).isTrue();
            assertThat(r.subSequenceNumber()).isEqualTo(expected.subSequence());
            assertThat(r.partitionKey()).isEqualTo(expected.partitionKey());
            assertThat(r.explicitHashKey()).isEqualTo(expected.explicitHashKey());
            assertThat(array(r.data())).isEqualTo(expected.data());
        }
    }

    private static void assertRecord(UserRecord actual, UserRecord expected) {
        assertThat(actual.subSequence()).isEqualTo(expected.subSequence());
        assertThat(actual.partitionKey()).as("key of %d", expected.subSequence()).isEqualTo(expected.partitionKey());
        assertThat(actual.explicitHashKey()).as("hash key of %d", expected.subSequence()).isEqualTo(expected.explicitHashKey());
        assertThat(actual.data()).as("data of %d", expected.subSequence()).isEqualTo(expected.data());
    }

    /** Magic, protobuf, MD5 of the protobuf: a Kinesis record's data as the KPL writes it. */
    private static byte[] frame(byte[] proto) throws Exception {
        byte[] digest = MessageDigest.getInstance("MD5").digest(proto);
        ByteBuffer out = ByteBuffer.allocate(MAGIC.length + proto.length + digest.length);
        return out.put(MAGIC).put(proto).put(digest).array();
    }

    private static KinesisClientRecord kinesisRecord(byte[] data, String partitionKey) {
        return KinesisClientRecord.builder().data(ByteBuffer.wrap(data)).partitionKey(partitionKey).sequenceNumber("1").build();
    }

    private static byte[] array(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }

    private static ByteString utf8(String text) {
        return ByteString.copyFromUtf8(text);
    }

    private static byte[] bytes(int n) {
        byte[] bytes = new byte[n];
        for (int i = 0; i < n; i++) {
            bytes[i] = (byte) (i * 31);
        }
        return bytes;
    }
}
