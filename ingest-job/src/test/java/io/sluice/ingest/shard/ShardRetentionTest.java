package io.sluice.ingest.shard;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.common.http.ApiReply;
import io.sluice.common.http.CallRef;
import io.sluice.common.model.SequenceNumber;
import io.sluice.common.wire.WireFormat;
import io.sluice.ingest.IngestSettings;
import io.sluice.ingest.api.PutEntry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The shard log under a manual processing-time clock: blocks older than the retention are removed
 * from state when their timer fires, the trim offset moves, and retention changes move the timer.
 * One retention hour lasts 1 s here, so the default 24 h is 24,000 ms of harness time.
 */
class ShardRetentionTest {

    private static final String KEY = "s/1/0";
    private static final long DAY = 24_000;
    private static final IngestSettings SETTINGS = new IngestSettings(
            "us-east-1", "000000000000", "secret", Duration.ofHours(24), Duration.ofSeconds(1), 500, 50, Duration.ZERO, Duration.ZERO, ShardLimits.AWS);

    private KeyedOneInputStreamOperatorTestHarness<String, ShardCommand, ApiReply> harness;
    private long callId;

    @BeforeEach
    void open() throws Exception {
        harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new ShardLog(SETTINGS)), ShardCommand::shardKey, Types.STRING);
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    @Test
    void blocksLeaveStateWhenTheirRetentionEnds() throws Exception {
        append(1_000, DAY, 3);       // offsets 0-2: one block
        append(10_000, DAY, 600);    // offsets 3-602: blocks at 3 (bucket 0) and 512 (bucket 1)
        harness.setProcessingTime(24_999);
        assertThat(blockStarts()).containsExactly(0L, 3L, 512L);
        assertThat(indexBuckets()).containsExactly(0L, 1L);

        harness.setProcessingTime(25_000);  // the first block is exactly 24 h old
        assertThat(blockStarts()).containsExactly(3L, 512L);
        assertThat(indexBuckets()).containsExactly(0L, 1L);
        assertThat(head().trimOffset()).isEqualTo(3);
        assertThat(head().trimDueMillis()).isEqualTo(34_000);

        harness.setProcessingTime(34_000);
        assertThat(blockStarts()).isEmpty();
        // Bucket 0 is gone; bucket 1 (offsets 512-1023) is still being filled, so its index entry stays.
        assertThat(indexBuckets()).containsExactly(1L);
        assertThat(head().trimOffset()).isEqualTo(603);
        assertThat(head().nextOffset()).isEqualTo(603);
        assertThat(head().trimDueMillis()).isZero();

        append(40_000, DAY, 2);  // an emptied shard sets its timer again
        assertThat(head().trimDueMillis()).isEqualTo(64_000);
        harness.setProcessingTime(64_000);
        assertThat(blockStarts()).isEmpty();
        assertThat(head().trimOffset()).isEqualTo(605);
        assertThat(head().trimDueMillis()).isZero();
    }

    @Test
    void retentionChangesMoveThePendingTrim() throws Exception {
        append(1_000, DAY, 5);
        retain(2_000, 2 * DAY);  // IncreaseStreamRetentionPeriod to 48 h
        assertThat(head().trimDueMillis()).isEqualTo(49_000);
        harness.setProcessingTime(48_999);
        assertThat(blockStarts()).containsExactly(0L);

        retain(30_000, DAY);     // DecreaseStreamRetentionPeriod back to 24 h: already due
        assertThat(head().trimDueMillis()).isEqualTo(25_000);
        harness.setProcessingTime(30_001);
        assertThat(blockStarts()).isEmpty();
        assertThat(head().trimOffset()).isEqualTo(5);
        assertThat(head().retentionMillis()).isEqualTo(DAY);
    }

    @Test
    void appendsCarryTheirRetentionToo() throws Exception {
        append(1_000, DAY, 1);
        append(2_000, 3 * DAY, 1); // the stream's retention grew between the two puts
        assertThat(head().trimDueMillis()).isEqualTo(73_000);
        harness.setProcessingTime(72_999);
        assertThat(blockStarts()).containsExactly(0L, 1L);
        harness.setProcessingTime(73_000);
        assertThat(blockStarts()).containsExactly(1L);
    }

    private void append(long now, long retentionMillis, int records) throws Exception {
        harness.setProcessingTime(now);
        List<PutEntry> entries = new ArrayList<>();
        for (int i = 0; i < records; i++) {
            entries.add(new PutEntry(i, "key-" + i, new byte[] {(byte) i}, null));
        }
        harness.processElement(command(retentionMillis, new ShardOp.Append(false, 1, records, entries)), now);
    }

    private void retain(long now, long retentionMillis) throws Exception {
        harness.setProcessingTime(now);
        harness.processElement(command(retentionMillis, new ShardOp.Refresh()), now);
    }

    private ShardCommand command(long retentionMillis, ShardOp op) {
        return new ShardCommand(new CallRef(0, 1, ++callId, WireFormat.JSON), KEY, "s", 1,
                SequenceNumber.streamTag("s", 1), 0, retentionMillis, false, 0, op);
    }

    private List<Long> blockStarts() throws Exception {
        return sortedKeys(ShardLog.blocksDescriptor(SETTINGS));
    }

    private List<Long> indexBuckets() throws Exception {
        return sortedKeys(ShardLog.indexDescriptor(SETTINGS));
    }

    private List<Long> sortedKeys(MapStateDescriptor<Long, byte[]> descriptor) throws Exception {
        KeyedStateBackend<String> backend = harness.getOperator().getKeyedStateBackend();
        backend.setCurrentKey(KEY);
        MapState<Long, byte[]> state = backend.getPartitionedState(VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE, descriptor);
        List<Long> keys = new ArrayList<>();
        for (Long k : state.keys()) {
            keys.add(k);
        }
        keys.sort(Long::compare);
        return keys;
    }

    private ShardHead head() throws Exception {
        KeyedStateBackend<String> backend = harness.getOperator().getKeyedStateBackend();
        backend.setCurrentKey(KEY);
        ValueState<ShardHead> head = backend.getPartitionedState(VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE, ShardLog.headDescriptor());
        return head.value();
    }
}
