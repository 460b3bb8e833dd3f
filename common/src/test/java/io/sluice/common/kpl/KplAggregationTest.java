package io.sluice.common.kpl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import org.junit.jupiter.api.Test;

class KplAggregationTest {

    @Test
    void readsAnAggregateWrittenByHandFromTheFormat() throws Exception {
        // AggregatedRecord { partition_key_table: "a"; records: { partition_key_index: 0, data: "x",
        // tags: { key: "t" } } }, plus an unknown field 9 the parser must skip.
        byte[] proto = {0x0A, 0x01, 'a', 0x1A, 0x0A, 0x08, 0x00, 0x1A, 0x01, 'x', 0x22, 0x03, 0x0A, 0x01, 't', 0x4A, 0x01, 'z'};
        List<UserRecord> records = KplAggregation.deaggregate(withMagicAndDigest(proto), "outer", null);
        assertThat(records).hasSize(1);
        assertThat(records.get(0).partitionKey()).isEqualTo("a");
        assertThat(records.get(0).explicitHashKey()).isNull();
        assertThat(records.get(0).data()).containsExactly('x');
        assertThat(records.get(0).subSequence()).isZero();
    }

    @Test
    void aggregatesAndDeaggregatesWithKeyTables() {
        List<UserRecord> users = List.of(
                new UserRecord("k1", null, "one".getBytes(StandardCharsets.UTF_8), 0),
                new UserRecord("ключ", "340282366920938463463374607431768211455", new byte[0], 1),
                new UserRecord("k1", null, new byte[] {0, -1, 7}, 2));
        byte[] aggregate = KplAggregation.aggregate(users);
        assertThat(KplAggregation.looksAggregated(aggregate)).isTrue();
        List<UserRecord> back = KplAggregation.deaggregate(aggregate, "outer", null);
        assertThat(back).extracting(UserRecord::partitionKey).containsExactly("k1", "ключ", "k1");
        assertThat(back).extracting(UserRecord::explicitHashKey).containsExactly(null, "340282366920938463463374607431768211455", null);
        assertThat(back).extracting(UserRecord::subSequence).containsExactly(0, 1, 2);
        assertThat(back.get(0).data()).isEqualTo("one".getBytes(StandardCharsets.UTF_8));
        assertThat(back.get(1).data()).isEmpty();
        assertThat(back.get(2).data()).containsExactly(0, -1, 7);
    }

    @Test
    void anythingElseIsOneRecordAsItIs() throws Exception {
        byte[] plain = "not an aggregate".getBytes(StandardCharsets.UTF_8);
        assertThat(KplAggregation.deaggregate(plain, "pk", "42")).singleElement()
                .satisfies(r -> {
                    assertThat(r.partitionKey()).isEqualTo("pk");
                    assertThat(r.explicitHashKey()).isEqualTo("42");
                    assertThat(r.data()).isSameAs(plain);
                });

        byte[] badDigest = KplAggregation.aggregate(List.of(new UserRecord("k", null, new byte[] {1}, 0)));
        badDigest[badDigest.length - 1] ^= 1;
        assertThat(KplAggregation.deaggregate(badDigest, "pk", null)).singleElement()
                .satisfies(r -> assertThat(r.data()).isSameAs(badDigest));

        byte[] truncated = withMagicAndDigest(new byte[] {0x1A, 0x05, 0x08});
        assertThat(KplAggregation.deaggregate(truncated, "pk", null)).singleElement()
                .satisfies(r -> assertThat(r.data()).isSameAs(truncated));

        byte[] missingKey = withMagicAndDigest(new byte[] {0x1A, 0x05, 0x08, 0x03, 0x1A, 0x01, 'x'});
        assertThat(KplAggregation.deaggregate(missingKey, "pk", null)).singleElement()
                .satisfies(r -> assertThat(r.data()).isSameAs(missingKey));
    }

    private static byte[] withMagicAndDigest(byte[] proto) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(KplAggregation.MAGIC);
        out.writeBytes(proto);
        out.writeBytes(MessageDigest.getInstance("MD5").digest(proto));
        return out.toByteArray();
    }
}
