package io.sluice.common.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.common.wire.WireFormat;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class CallSerializersTest {

    private static final CallRef REF = new CallRef(3, -7L, Long.MAX_VALUE, WireFormat.CBOR);

    @Test
    void callsRoundTripWithEveryField() throws IOException {
        var serializer = new CallSerializers.ApiCallSerializer();
        ApiCall call = new ApiCall(REF, "Kinesis_20131202.PutRecords", "req-é", 1_700_000_000_123L, new byte[] {1, 0, -1});
        ApiCall back = serializer.fromBytes(serializer.toBytes(call));
        assertThat(back.ref()).isEqualTo(REF);
        assertThat(back.target()).isEqualTo("Kinesis_20131202.PutRecords");
        assertThat(back.requestId()).isEqualTo("req-é");
        assertThat(back.receivedAtMillis()).isEqualTo(1_700_000_000_123L);
        assertThat(back.body()).containsExactly(1, 0, -1);

        ApiCall bare = serializer.fromBytes(serializer.toBytes(new ApiCall(REF, null, null, 0, null)));
        assertThat(bare.target()).isNull();
        assertThat(bare.body()).isNull();
    }

    @Test
    void repliesRoundTripFinalAndPart() throws IOException {
        var serializer = new CallSerializers.ApiReplySerializer();
        ApiReply error = serializer.fromBytes(serializer.toBytes(
                new ApiReply(new CallRef(0, 1, 2, WireFormat.JSON), null, 1, 400, "ResourceNotFoundException", new byte[] {'{', '}'}, true)));
        assertThat(error.ref()).isEqualTo(new CallRef(0, 1, 2, WireFormat.JSON));
        assertThat(error.isPart()).isFalse();
        assertThat(error.status()).isEqualTo(400);
        assertThat(error.errorType()).isEqualTo("ResourceNotFoundException");
        assertThat(error.body()).containsExactly('{', '}');
        assertThat(error.settled()).isTrue();

        ApiReply part = serializer.fromBytes(serializer.toBytes(ApiReply.part(REF, "PutRecords", 4, new byte[0])));
        assertThat(part.partKind()).isEqualTo("PutRecords");
        assertThat(part.settled()).isFalse();
        assertThat(part.partCount()).isEqualTo(4);
        assertThat(part.status()).isEqualTo(200);
        assertThat(part.body()).isEmpty();
    }

    @Test
    void aCorruptFormatOrTrailingBytesFailLoudly() throws IOException {
        var serializer = new CallSerializers.ApiCallSerializer();
        byte[] bytes = serializer.toBytes(new ApiCall(REF, "t", "r", 1, new byte[0]));
        bytes[20] = 9; // the wire-format ordinal
        assertThatThrownBy(() -> serializer.fromBytes(bytes)).isInstanceOf(IOException.class).hasMessageContaining("wire format 9");

        byte[] good = serializer.toBytes(new ApiCall(REF, "t", "r", 1, new byte[0]));
        byte[] longer = java.util.Arrays.copyOf(good, good.length + 1);
        assertThatThrownBy(() -> serializer.fromBytes(longer)).isInstanceOf(IOException.class).hasMessageContaining("1 bytes left");
    }

    @Test
    void snapshotsRestoreTheSameSerializer() throws IOException {
        var serializer = new CallSerializers.ApiReplySerializer();
        DataOutputSerializer out = new DataOutputSerializer(64);
        TypeSerializerSnapshot.writeVersionedSnapshot(out, serializer.snapshotConfiguration());
        TypeSerializerSnapshot<ApiReply> restored = TypeSerializerSnapshot.readVersionedSnapshot(
                new DataInputDeserializer(out.getCopyOfBuffer()), getClass().getClassLoader());
        assertThat(restored.restoreSerializer()).isEqualTo(serializer);
        assertThat(serializer.snapshotConfiguration().resolveSchemaCompatibility(restored).isCompatibleAsIs()).isTrue();
    }
}
