package io.sluice.ingest.replay;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * {@code count}: reads the range and writes nothing; the command reports how many records it holds (what a replay of it
 * would move, and how fast the savepoint reads, with no target's cost in the way).
 */
final class CountTarget implements ReplayTarget {

    @Override
    public void prepare() {}

    @Override
    public void attach(DataStream<ReplayedRecord> records) {
        records.sinkTo(new DiscardingSink<>()).setParallelism(records.getParallelism()).name("Count only").uid("replay-count-only");
    }

    @Override
    public String describe() {
        return "count (nothing written)";
    }
}
