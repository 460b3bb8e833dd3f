package io.sluice.ingest.replay;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@link ReplayedRecordSerializer} round trips every field, the nullable explicit hash key and empty data included. */
class ReplayedRecordSerializerTest {

    @Test
    void roundTrips() throws Exception {
        ReplayedRecordSerializer serializer = new ReplayedRecordSerializer();
        for (ReplayedRecord r : new ReplayedRecord[] {
                new ReplayedRecord("s", "shardId-000000000001", "4000", 2, "ключ", "340282366920938463463374607431768211455", 1_796_558_400_000L,
                        new byte[] {0, -1, 127}),
                new ReplayedRecord("s", "shardId-000000000000", "4001", 0, "k", null, 0, new byte[0])}) {
            ReplayedRecord back = serializer.fromBytes(serializer.toBytes(r));
            assertThat(back).usingRecursiveComparison().isEqualTo(r);
        }
    }
}
