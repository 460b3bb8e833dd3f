package io.sluice.common.connector.source;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceOutput;

/** A reader output whose split outputs record what was emitted to them, with timestamps. */
final class RecordingReaderOutput<T> implements ReaderOutput<T> {

    /** One split's output: its records and their timestamps, in emission order. */
    static final class SplitOutput<T> implements SourceOutput<T> {
        final List<T> records = new ArrayList<>();
        final List<Long> timestamps = new ArrayList<>();
        final List<Long> watermarks = new ArrayList<>();

        @Override
        public void collect(T record) {
            throw new AssertionError("records must carry their arrival time");
        }

        @Override
        public void collect(T record, long timestamp) {
            records.add(record);
            timestamps.add(timestamp);
        }

        @Override
        public void emitWatermark(Watermark watermark) {
            watermarks.add(watermark.getTimestamp());
        }

        @Override
        public void markIdle() {}

        @Override
        public void markActive() {}
    }

    final Map<String, SplitOutput<T>> open = new HashMap<>();

    @Override
    public SourceOutput<T> createOutputForSplit(String splitId) {
        return open.computeIfAbsent(splitId, id -> new SplitOutput<>());
    }

    @Override
    public void releaseOutputForSplit(String splitId) {
        open.remove(splitId);
    }

    @Override
    public void collect(T record) {
        throw new AssertionError("records go to their split's output");
    }

    @Override
    public void collect(T record, long timestamp) {
        throw new AssertionError("records go to their split's output");
    }

    @Override
    public void emitWatermark(Watermark watermark) {}

    @Override
    public void markIdle() {}

    @Override
    public void markActive() {}
}
