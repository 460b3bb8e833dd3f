package io.sluice.ingest.shard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.ingest.api.PutEntry;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShardBlockTest {

    @Test
    void encodesASliceOfAnAppendAndReadsItBackWithoutCopies() {
        List<PutEntry> entries = List.of(
                new PutEntry(0, "skipped", new byte[] {9}, BigInteger.ONE),
                new PutEntry(1, "ключ-" + "k".repeat(250), new byte[1 << 20], BigInteger.ONE),
                new PutEntry(2, "p", new byte[0], BigInteger.ONE),
                new PutEntry(3, "q", new byte[] {1, 2, 3}, BigInteger.ONE));
        entries.get(1).data()[0] = 7;
        entries.get(1).data()[(1 << 20) - 1] = 8;
        byte[] block = ShardBlock.encode(1_795_459_460_601L, 3, entries, 1, 4);

        assertThat(ShardBlock.arrivalOf(block)).isEqualTo(1_795_459_460_601L);
        assertThat(ShardBlock.countOf(block)).isEqualTo(3);
        ShardBlock.Reader reader = new ShardBlock.Reader(block);
        assertThat(reader.epoch()).isEqualTo(3);
        List<String> keys = new ArrayList<>();
        List<byte[]> data = new ArrayList<>();
        while (reader.next()) {
            keys.add(reader.partitionKey());
            data.add(reader.data());
            assertThat(reader.bytes()).isSameAs(block);
        }
        assertThat(keys).containsExactly("ключ-" + "k".repeat(250), "p", "q");
        assertThat(data.get(0)).isEqualTo(entries.get(1).data());
        assertThat(data.get(1)).isEmpty();
        assertThat(data.get(2)).containsExactly(1, 2, 3);
        assertThat(reader.next()).isFalse();
    }

    @Test
    void refusesAnUnknownVersion() {
        byte[] block = ShardBlock.encode(1, 0, List.of(new PutEntry(0, "p", new byte[] {1}, BigInteger.ONE)), 0, 1);
        block[0] = 9;
        assertThatThrownBy(() -> new ShardBlock.Reader(block)).hasMessageContaining("version 9");
    }
}
