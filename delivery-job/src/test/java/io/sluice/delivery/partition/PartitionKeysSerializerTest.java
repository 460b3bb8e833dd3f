package io.sluice.delivery.partition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/** PartitionKeys as a value (equality regardless of order) and in its state format (pinned). */
class PartitionKeysSerializerTest {

    private final PartitionKeysSerializer serializer = new PartitionKeysSerializer();

    @Test
    void keysAreEqualWhateverTheOrderTheyCameIn() {
        Map<String, String> one = new LinkedHashMap<>();
        one.put("year", "2019");
        one.put("device", "mobile");
        Map<String, String> other = new LinkedHashMap<>();
        other.put("device", "mobile");
        other.put("year", "2019");
        PartitionKeys a = new PartitionKeys(one, Map.of("tenant", "t1"));
        PartitionKeys b = new PartitionKeys(other, Map.of("tenant", "t1"));
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a.fromQuery().keySet()).containsExactly("device", "year");
        assertThat(a).isNotEqualTo(new PartitionKeys(Map.of("tenant", "t1"), one)).isNotEqualTo(PartitionKeys.NONE);
        assertThat(new PartitionKeys(Map.of(), Map.of())).isEqualTo(PartitionKeys.NONE);
        assertThat(PartitionKeys.NONE.isEmpty()).isTrue();
        assertThat(a.isEmpty()).isFalse();
    }

    @Test
    void theStateLayoutIsPinned() throws IOException {
        // Version 1: query keys then Lambda keys, each a count and (key, value) pairs in key order, strings as UTF-8 length + bytes.
        PartitionKeys keys = new PartitionKeys(Map.of("b", "2", "a", "é"), Map.of("t", ""));
        String v1 = "00000002" + "00000001" + "61" + "00000002" + "c3a9" + "00000001" + "62" + "00000001" + "32"
                + "00000001" + "00000001" + "74" + "00000000";
        assertThat(HexFormat.of().formatHex(serializer.toBytes(keys))).isEqualTo(v1);
        assertThat(serializer.fromBytes(HexFormat.of().parseHex(v1))).isEqualTo(keys);
        assertThat(HexFormat.of().formatHex(serializer.toBytes(PartitionKeys.NONE))).isEqualTo("0000000000000000");
        assertThat(serializer.fromBytes(new byte[8])).isEqualTo(PartitionKeys.NONE);
        assertThatThrownBy(() -> serializer.fromBytes(HexFormat.of().parseHex("ffffffff")))
                .isInstanceOf(IOException.class).hasMessage("Negative partition key count -1");
        assertThatThrownBy(() -> serializer.fromBytes(HexFormat.of().parseHex("00000001" + "fffffffe")))
                .isInstanceOf(IOException.class).hasMessage("Negative partition key length -2");
    }

    @Test
    void theSnapshotRestoresTheSameSerializer() throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        TypeSerializerSnapshot.writeVersionedSnapshot(out, serializer.snapshotConfiguration());
        TypeSerializerSnapshot<PartitionKeys> restored = TypeSerializerSnapshot.readVersionedSnapshot(
                new DataInputDeserializer(out.getCopyOfBuffer()), getClass().getClassLoader());
        TypeSerializer<PartitionKeys> again = restored.restoreSerializer();
        assertThat(again).isEqualTo(serializer);
        assertThat(serializer.snapshotConfiguration().resolveSchemaCompatibility(restored).isCompatibleAsIs()).isTrue();
        PartitionKeys keys = new PartitionKeys(Map.of("customer_id", "1234567890"), Map.of());
        DataOutputSerializer state = new DataOutputSerializer(64);
        serializer.serialize(keys, state);
        assertThat(again.deserialize(new DataInputDeserializer(state.getCopyOfBuffer()))).isEqualTo(keys);
    }
}
