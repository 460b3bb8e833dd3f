package io.sluice.delivery.buffer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.delivery.partition.PartitionKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The partition buffers' state formats: exact bytes, round trips, and a clear failure on an unknown version. */
class PartitionSerializersTest {

    private static final PartitionKeys KEYS = new PartitionKeys(Map.of("tenant", "a"), Map.of());

    @Test
    void aChunkRoundTripsWithEachRecordsArrival() throws IOException {
        PartitionChunk chunk = new PartitionChunk(List.of(utf8("x\n"), utf8("")), new long[] {7L, 5L});
        PartitionSerializers.ChunkSerializer serializer = new PartitionSerializers.ChunkSerializer();
        byte[] bytes = serializer.toBytes(chunk);
        assertThat(bytes).hasSize(1 + 4 + (8 + 4 + 2) + (8 + 4));
        assertThat(bytes[0]).isEqualTo((byte) 1);
        PartitionChunk back = serializer.fromBytes(bytes);
        assertThat(back.records()).containsExactly(utf8("x\n"), utf8(""));
        assertThat(back.arrivals()).containsExactly(7L, 5L);
        assertThat(back.oldestArrival()).isEqualTo(5L);
        assertThat(back.bytes()).isEqualTo(2);
    }

    @Test
    void equalChunkKeysAreEqualBytesAndRoundTrip() throws IOException {
        PartitionSerializers.ChunkKeySerializer serializer = new PartitionSerializers.ChunkKeySerializer();
        PartitionSerializers.ChunkKey key = new PartitionSerializers.ChunkKey(KEYS, 42);
        byte[] bytes = serializer.toBytes(key);
        assertThat(bytes).isEqualTo(serializer.toBytes(new PartitionSerializers.ChunkKey(
                new PartitionKeys(new java.util.TreeMap<>(Map.of("tenant", "a")), new java.util.TreeMap<>()), 42)));
        assertThat(serializer.fromBytes(bytes)).isEqualTo(key);
    }

    @Test
    void aPartitionBufferRoundTrips() throws IOException {
        PartitionSerializers.BufferSerializer serializer = new PartitionSerializers.BufferSerializer();
        PartitionBuffer b = new PartitionBuffer(1, 2, 3, 4, 5, 6, -1);
        byte[] bytes = serializer.toBytes(b);
        assertThat(bytes).hasSize(1 + 7 * 8);
        assertThat(serializer.fromBytes(bytes)).isEqualTo(b);
    }

    @Test
    void anUnknownVersionIsRefusedByName() throws IOException {
        byte[] bytes = new PartitionSerializers.BufferSerializer().toBytes(new PartitionBuffer(0, 0, 0, 0, 0, 0, 0));
        bytes[0] = 2;
        assertThatThrownBy(() -> new PartitionSerializers.BufferSerializer().fromBytes(bytes)).isInstanceOf(IOException.class)
                .hasMessage("Unknown partition buffer format version 2 (this Sluice reads version 1)");
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
