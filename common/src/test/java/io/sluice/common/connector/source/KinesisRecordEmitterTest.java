package io.sluice.common.connector.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.flink.api.common.serialization.SimpleStringSchema;
import org.junit.jupiter.api.Test;

class KinesisRecordEmitterTest {

    private static final String SHARD = "shardId-000000000001";

    @Test
    void recordsGoToTheirShardsOutputStampedWithTheirArrivalTime() throws Exception {
        KinesisRecordEmitter<String> emitter = new KinesisRecordEmitter<>(KinesisDeserializationSchema.of(new SimpleStringSchema()));
        RecordingReaderOutput<String> reader = new RecordingReaderOutput<>();
        ShardSplitState state = new ShardSplitState(split(null));
        RecordingReaderOutput.SplitOutput<String> shard = (RecordingReaderOutput.SplitOutput<String>) reader.createOutputForSplit(SHARD);

        emitter.emitRecord(record("101", "a", 1_000L), shard, state);
        emitter.emitRecord(record("102", "b", 1_250L), shard, state);

        assertThat(shard.records).containsExactly("a", "b");
        assertThat(shard.timestamps).containsExactly(1_000L, 1_250L);
        assertThat(state.toSplit().lastSequenceNumber()).isEqualTo("102");
    }

    @Test
    void aRestoredShardSkipsTheRecordItHadEmitted() throws Exception {
        KinesisRecordEmitter<String> emitter = new KinesisRecordEmitter<>(KinesisDeserializationSchema.of(new SimpleStringSchema()));
        RecordingReaderOutput.SplitOutput<String> shard = new RecordingReaderOutput.SplitOutput<>();
        ShardSplitState state = new ShardSplitState(split("101"));

        emitter.emitRecord(record("101", "a", 1_000L), shard, state);
        emitter.emitRecord(record("102", "b", 1_250L), shard, state);

        assertThat(shard.records).containsExactly("b");
    }

    @Test
    void anEmptyShardsFirstAnswerEmitsNothingAndMovesNothing() throws Exception {
        KinesisRecordEmitter<String> emitter = new KinesisRecordEmitter<>(KinesisDeserializationSchema.of(new SimpleStringSchema()));
        RecordingReaderOutput.SplitOutput<String> shard = new RecordingReaderOutput.SplitOutput<>();
        ShardSplitState state = new ShardSplitState(split(null));

        emitter.emitRecord(FetchedRecord.firstAnswer(SHARD), shard, state);

        assertThat(shard.records).isEmpty();
        assertThat(state.toSplit()).isEqualTo(split(null));
    }

    @Test
    void aCaughtUpShardTakesTheWatermarkOfItsTimeAndMovesNothingElse() throws Exception {
        CaughtUpWatermark oneSecondLate = arrival -> arrival - 1_000;
        KinesisRecordEmitter<String> emitter = new KinesisRecordEmitter<>(KinesisDeserializationSchema.of(new SimpleStringSchema()), oneSecondLate);
        RecordingReaderOutput.SplitOutput<String> shard = new RecordingReaderOutput.SplitOutput<>();
        ShardSplitState state = new ShardSplitState(split(null));

        emitter.emitRecord(record("101", "a", 1_000L), shard, state);
        emitter.emitRecord(FetchedRecord.caughtUp(SHARD, 5_000L), shard, state);
        emitter.emitRecord(FetchedRecord.firstAnswer(SHARD), shard, state);

        assertThat(shard.records).containsExactly("a");
        assertThat(shard.watermarks).containsExactly(4_000L);
        assertThat(state.toSplit().lastSequenceNumber()).isEqualTo("101");
    }

    @Test
    void withoutACaughtUpWatermarkACaughtUpShardEmitsNothing() throws Exception {
        KinesisRecordEmitter<String> emitter = new KinesisRecordEmitter<>(KinesisDeserializationSchema.of(new SimpleStringSchema()));
        RecordingReaderOutput.SplitOutput<String> shard = new RecordingReaderOutput.SplitOutput<>();

        emitter.emitRecord(FetchedRecord.caughtUp(SHARD, 5_000L), shard, new ShardSplitState(split(null)));

        assertThat(shard.records).isEmpty();
        assertThat(shard.watermarks).isEmpty();
    }

    private static ShardSplit split(String lastSequenceNumber) {
        return new ShardSplit("s", SHARD, List.of(), StartingPosition.trimHorizon(), lastSequenceNumber, 0, false);
    }

    private static FetchedRecord record(String sequenceNumber, String data, long arrivalMillis) {
        return new FetchedRecord(SHARD, sequenceNumber, "pk", data.getBytes(StandardCharsets.UTF_8), arrivalMillis);
    }
}
