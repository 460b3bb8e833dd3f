package io.sluice.common.serialization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class JacksonSerializerTest {

    /** A value type like the ones Sluice ships between operators. */
    public record Sample(String name, long offset, byte[] data, List<Integer> indexes) {}

    private final JacksonSerializer<Sample> serializer = new JacksonSerializer<>(Sample.class);

    @Test
    void roundTripsThroughFlinkViews() throws IOException {
        Sample sample = new Sample("s", 42, new byte[] {0, 1, 2}, List.of(3, 1));
        DataOutputSerializer out = new DataOutputSerializer(64);
        serializer.serialize(sample, out);
        serializer.serialize(sample, out);
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        Sample first = serializer.deserialize(in);
        assertThat(first.name()).isEqualTo("s");
        assertThat(first.offset()).isEqualTo(42);
        assertThat(first.data()).containsExactly(0, 1, 2);
        assertThat(first.indexes()).containsExactly(3, 1);

        DataOutputSerializer copied = new DataOutputSerializer(64);
        serializer.copy(in, copied);
        assertThat(serializer.deserialize(new DataInputDeserializer(copied.getCopyOfBuffer())).offset()).isEqualTo(42);
    }

    @Test
    void snapshotRestoresTheSameSerializerAndRefusesUnknownVersions() throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        TypeSerializerSnapshot.writeVersionedSnapshot(out, serializer.snapshotConfiguration());
        TypeSerializerSnapshot<Sample> restored =
                TypeSerializerSnapshot.readVersionedSnapshot(new DataInputDeserializer(out.getCopyOfBuffer()), getClass().getClassLoader());
        assertThat(restored.restoreSerializer()).isEqualTo(serializer);
        assertThat(serializer.snapshotConfiguration().resolveSchemaCompatibility(restored).isCompatibleAsIs()).isTrue();

        JacksonSerializerSnapshot<Sample> fresh = new JacksonSerializerSnapshot<>();
        assertThatThrownBy(() -> fresh.readSnapshot(99, new DataInputDeserializer(new byte[0]), getClass().getClassLoader()))
                .isInstanceOf(IOException.class).hasMessageContaining("version 99");
    }
}
