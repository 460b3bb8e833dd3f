package io.sluice.ingest.shard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StoredRecordTest {

    @Test
    void roundTripsKeyDataAndArrival() {
        byte[] data = new byte[1 << 20];
        data[data.length - 1] = 7;
        StoredRecord record = new StoredRecord(1_795_459_460_601L, 3, "ключ-" + "k".repeat(250), data);
        byte[] stored = record.encode();
        StoredRecord back = StoredRecord.decode(stored);
        assertThat(back.arrivalMillis()).isEqualTo(1_795_459_460_601L);
        assertThat(back.epoch()).isEqualTo(3);
        assertThat(back.partitionKey()).isEqualTo(record.partitionKey());
        assertThat(back.data()).isEqualTo(data);
        assertThat(StoredRecord.arrivalOf(stored)).isEqualTo(1_795_459_460_601L);
        assertThat(StoredRecord.decode(new StoredRecord(0, 0, "p", new byte[0]).encode()).data()).isEmpty();
    }

    @Test
    void refusesAnUnknownVersion() {
        byte[] stored = new StoredRecord(1, 0, "p", new byte[] {1}).encode();
        stored[0] = 9;
        assertThatThrownBy(() -> StoredRecord.decode(stored)).hasMessageContaining("version 9");
    }
}
