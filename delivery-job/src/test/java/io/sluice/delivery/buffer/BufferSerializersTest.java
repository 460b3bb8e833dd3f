package io.sluice.delivery.buffer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.common.http.CallRef;
import io.sluice.common.wire.WireFormat;
import io.sluice.delivery.buffer.BufferSerializers.BufferedBatchSerializer;
import io.sluice.delivery.buffer.BufferSerializers.PutCommandSerializer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/** The binary serializers of the put path: PutCommand on the wire, BufferedBatch in the buffer's state. */
class BufferSerializersTest {

    private static final CallRef REF = new CallRef(3, -7L, Long.MAX_VALUE, WireFormat.CBOR);
    /** Records with every edge: a zero-length record, bytes with the sign bit, and non-ASCII text. */
    private static final List<byte[]> RECORDS =
            List.of(new byte[] {1, 0, -1}, new byte[0], "é\n".getBytes(StandardCharsets.UTF_8));

    @Test
    void putCommandsRoundTripWithEveryField() throws IOException {
        var serializer = new PutCommandSerializer();
        PutCommand back = serializer.fromBytes(serializer.toBytes(new PutCommand(REF, "clicks.v2", true, 1_767_323_045_123L, RECORDS)));
        assertThat(back.ref()).isEqualTo(REF);
        assertThat(back.deliveryStream()).isEqualTo("clicks.v2");
        assertThat(back.single()).isTrue();
        assertThat(back.arrivalMillis()).isEqualTo(1_767_323_045_123L);
        assertSameRecords(back.records());

        PutCommand empty = serializer.fromBytes(serializer.toBytes(
                new PutCommand(new CallRef(0, 1, 2, WireFormat.JSON), "s", false, -1L, List.of())));
        assertThat(empty.ref().format()).isEqualTo(WireFormat.JSON);
        assertThat(empty.single()).isFalse();
        assertThat(empty.arrivalMillis()).isEqualTo(-1L);
        assertThat(empty.records()).isEmpty();
    }

    @Test
    void bufferedBatchesRoundTripWithEveryRecord() throws IOException {
        var serializer = new BufferedBatchSerializer();
        BufferedBatch back = serializer.fromBytes(serializer.toBytes(new BufferedBatch(1_767_323_045_000L, RECORDS)));
        assertThat(back.arrivalMillis()).isEqualTo(1_767_323_045_000L);
        assertSameRecords(back.records());
        assertThat(back.bytes()).isEqualTo(6);

        BufferedBatch empty = serializer.fromBytes(serializer.toBytes(new BufferedBatch(0, List.of())));
        assertThat(empty.records()).isEmpty();
        assertThat(empty.bytes()).isZero();
    }

    @Test
    void bufferedBatchStateIsTheDocumentedLayout() throws IOException {
        // Version 1 of the buffer's state: arrival millis, record count, then each record length-prefixed.
        String v1 = "0000000000000005" + "00000002" + "00000001" + "07" + "00000000";
        var serializer = new BufferedBatchSerializer();
        assertThat(HexFormat.of().formatHex(serializer.toBytes(new BufferedBatch(5, List.of(new byte[] {7}, new byte[0])))))
                .isEqualTo(v1);
        BufferedBatch read = serializer.fromBytes(HexFormat.of().parseHex(v1));
        assertThat(read.records()).hasSize(2);
        assertThat(read.records().get(1)).isEmpty();

        assertThatThrownBy(() -> serializer.fromBytes(HexFormat.of().parseHex("0000000000000005" + "ffffffff")))
                .isInstanceOf(IOException.class)
                .hasMessage("Negative record count -1");
    }

    /** The metadata of two user records of one KPL aggregate and of a plain record, as read from a Kinesis stream. */
    private static final List<KinesisRecordMetadata> KINESIS = List.of(
            new KinesisRecordMetadata("shardId-000000000001", "p-é", "49590338271490256608559692538361571095921575989136588898", 0, 1_767_323_045_001L),
            new KinesisRecordMetadata("shardId-000000000001", "q", "49590338271490256608559692538361571095921575989136588898", 1, 1_767_323_045_001L),
            new KinesisRecordMetadata("shardId-000000000002", "", "49590338271490256608559692538361571095921575989136588899", 0, 0L));

    @Test
    void batchesReadFromKinesisKeepTheirMetadataInVersionTwo() throws IOException {
        var serializer = new BufferedBatchSerializer();
        byte[] bytes = serializer.toBytes(new BufferedBatch(1_767_323_045_001L, RECORDS, KINESIS));
        assertThat(bytes[0]).as("the version byte").isEqualTo((byte) 2);
        BufferedBatch back = serializer.fromBytes(bytes);
        assertThat(back.arrivalMillis()).isEqualTo(1_767_323_045_001L);
        assertSameRecords(back.records());
        assertThat(back.kinesis()).isEqualTo(KINESIS);
        assertThat(back.kinesis(1).subsequenceNumber()).isEqualTo(1);

        // Direct PUT batches keep version 1, the documented layout above, and old arrivals of every sign are read back.
        for (long arrival : List.of(0L, 1L, Long.MAX_VALUE, -1L, -1_000L, Long.MIN_VALUE)) {
            BufferedBatch v1 = serializer.fromBytes(serializer.toBytes(new BufferedBatch(arrival, RECORDS)));
            assertThat(v1.arrivalMillis()).isEqualTo(arrival);
            assertThat(v1.kinesis()).isNull();
        }
    }

    @Test
    void putCommandsFromTheKinesisSourceHaveNoCallAndKeepTheirMetadata() throws IOException {
        var serializer = new PutCommandSerializer();
        PutCommand put = new PutCommand(null, "from-stream", false, 1_767_323_045_001L, RECORDS, KINESIS, 1_767_000_000_000L);
        PutCommand back = serializer.fromBytes(serializer.toBytes(put));
        assertThat(back.fromSource()).isTrue();
        assertThat(back.ref()).isNull();
        assertThat(back.deliveryStream()).isEqualTo("from-stream");
        assertThat(back.arrivalMillis()).isEqualTo(1_767_323_045_001L);
        assertSameRecords(back.records());
        assertThat(back.kinesis()).isEqualTo(KINESIS);
        assertThat(back.sourceCreatedMillis()).isEqualTo(1_767_000_000_000L);
        assertThat(PutCommand.fromSource("s", 7L, new byte[] {1}, KINESIS.get(0)).arrivalMillis()).isEqualTo(1_767_323_045_001L);
    }

    @Test
    void snapshotsRestoreTheSameSerializers() throws IOException {
        BufferedBatch batch = restoredAndRead(new BufferedBatchSerializer(), new BufferedBatch(9, RECORDS));
        assertThat(batch.arrivalMillis()).isEqualTo(9);
        assertSameRecords(batch.records());
        PutCommand put = restoredAndRead(new PutCommandSerializer(), new PutCommand(REF, "s", false, 9, RECORDS));
        assertThat(put.ref()).isEqualTo(REF);
        assertSameRecords(put.records());
    }

    /**
     * Writes the serializer's snapshot as a checkpoint does and restores it: the restored serializer must be
     * the same and read what the original wrote.
     */
    private static <T> T restoredAndRead(TypeSerializer<T> serializer, T value) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        TypeSerializerSnapshot.writeVersionedSnapshot(out, serializer.snapshotConfiguration());
        TypeSerializerSnapshot<T> restored = TypeSerializerSnapshot.readVersionedSnapshot(
                new DataInputDeserializer(out.getCopyOfBuffer()), BufferSerializersTest.class.getClassLoader());
        assertThat(restored.getClass()).isEqualTo(serializer.snapshotConfiguration().getClass());
        TypeSerializer<T> restoredSerializer = restored.restoreSerializer();
        assertThat(restoredSerializer).isEqualTo(serializer);
        assertThat(serializer.snapshotConfiguration().resolveSchemaCompatibility(restored).isCompatibleAsIs()).isTrue();

        DataOutputSerializer state = new DataOutputSerializer(64);
        serializer.serialize(value, state);
        DataInputDeserializer in = new DataInputDeserializer(state.getCopyOfBuffer());
        T read = restoredSerializer.deserialize(in);
        assertThat(in.available()).isZero();
        return read;
    }

    private static void assertSameRecords(List<byte[]> records) {
        assertThat(records).hasSize(3);
        assertThat(records.get(0)).containsExactly(1, 0, -1);
        assertThat(records.get(1)).isEmpty();
        assertThat(records.get(2)).isEqualTo("é\n".getBytes(StandardCharsets.UTF_8));
    }
}
