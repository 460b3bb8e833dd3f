package io.sluice.ingest.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.common.http.CallRef;
import io.sluice.common.wire.WireFormat;
import io.sluice.ingest.api.DeleteStreamRequest;
import io.sluice.ingest.api.PutEntry;
import io.sluice.ingest.api.PutRecordsRequest;
import io.sluice.ingest.shard.ShardCommand;
import io.sluice.ingest.shard.ShardCommandSerializer;
import io.sluice.ingest.shard.ShardOp;
import java.io.IOException;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The binary serializers of the commands between ApiRouter, StreamCatalog and ShardLog. */
class CommandSerializersTest {

    private static final CallRef REF = new CallRef(1, 99, 12345, WireFormat.CBOR);
    private static final BigInteger MAX_HASH = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);
    private static final List<PutEntry> ENTRIES = List.of(
            new PutEntry(0, "ключ", new byte[] {7, 8, 9}, MAX_HASH),
            new PutEntry(1, "k", new byte[0], BigInteger.ZERO),
            new PutEntry(4, "no-hash-yet", new byte[] {-128}, null));

    @Test
    void putsRoundTripEntryByEntry() throws IOException {
        var serializer = new StreamCommandSerializer();
        StreamCommand back = serializer.fromBytes(serializer.toBytes(
                new StreamCommand(REF, 1_700_000_000_000L, new PutRecordsRequest("orders", false, ENTRIES))));
        assertThat(back.ref()).isEqualTo(REF);
        assertThat(back.receivedAtMillis()).isEqualTo(1_700_000_000_000L);
        PutRecordsRequest put = (PutRecordsRequest) back.request();
        assertThat(put.streamName()).isEqualTo("orders");
        assertThat(put.single()).isFalse();
        assertSameEntries(put.entries());
    }

    @Test
    void otherRequestsRoundTripThroughJackson() throws IOException {
        var serializer = new StreamCommandSerializer();
        StreamCommand back = serializer.fromBytes(serializer.toBytes(new StreamCommand(REF, 5, new DeleteStreamRequest("s", true))));
        assertThat(back.request()).isEqualTo(new DeleteStreamRequest("s", true));
        assertThat(back.receivedAtMillis()).isEqualTo(5);
    }

    @Test
    void appendsAndOtherShardOpsRoundTrip() throws IOException {
        var serializer = new ShardCommandSerializer();
        ShardCommand append = serializer.fromBytes(serializer.toBytes(
                new ShardCommand(REF, "orders/3/1", "orders", 3, -42L, 1, 86_400_000L, true, 0b101, new ShardOp.Append(true, 2, 7, ENTRIES))));
        assertThat(append.ref()).isEqualTo(REF);
        assertThat(append.shardKey()).isEqualTo("orders/3/1");
        assertThat(append.streamName()).isEqualTo("orders");
        assertThat(append.generation()).isEqualTo(3);
        assertThat(append.streamTag()).isEqualTo(-42L);
        assertThat(append.shardIndex()).isEqualTo(1);
        assertThat(append.retentionMillis()).isEqualTo(86_400_000L);
        assertThat(append.limited()).isTrue();
        assertThat(append.shardMetrics()).isEqualTo(0b101);
        ShardOp.Append op = (ShardOp.Append) append.op();
        assertThat(op.single()).isTrue();
        assertThat(op.partCount()).isEqualTo(2);
        assertThat(op.recordCount()).isEqualTo(7);
        assertSameEntries(op.entries());

        ShardCommand read = serializer.fromBytes(serializer.toBytes(
                new ShardCommand(REF, "orders/3/0", "orders", 3, 1L, 0, 1L, false, 0, new ShardOp.Read(2, 1L << 40, 10_000, null))));
        assertThat(read.op()).isEqualTo(new ShardOp.Read(2, 1L << 40, 10_000, null));
        assertThat(read.shardKey()).isEqualTo("orders/3/0");

        ShardOp.ShardEnd end = new ShardOp.ShardEnd(List.of(new ShardOp.ChildShard(
                "shardId-000000000002", List.of("shardId-000000000000", "shardId-000000000001"), "0", "340282366920938463463374607431768211455")));
        ShardCommand closedRead = serializer.fromBytes(serializer.toBytes(
                new ShardCommand(REF, "orders/3/0", "orders", 3, 1L, 0, 1L, false, 0, new ShardOp.Read(0, 5, 100, end))));
        assertThat(closedRead.op()).isEqualTo(new ShardOp.Read(0, 5, 100, end));
    }

    private static void assertSameEntries(List<PutEntry> entries) {
        assertThat(entries).hasSize(3);
        for (int i = 0; i < 3; i++) {
            PutEntry expected = ENTRIES.get(i);
            PutEntry actual = entries.get(i);
            assertThat(actual.index()).isEqualTo(expected.index());
            assertThat(actual.partitionKey()).isEqualTo(expected.partitionKey());
            assertThat(actual.data()).isEqualTo(expected.data());
            assertThat(actual.hashKey()).isEqualTo(expected.hashKey());
        }
    }
}
