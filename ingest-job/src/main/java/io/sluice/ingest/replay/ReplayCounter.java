package io.sluice.ingest.replay;

import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;

/** Passes records through and counts them in the job's {@code replayed-records} accumulator (an empty replay is an error). */
final class ReplayCounter extends RichMapFunction<ReplayedRecord, ReplayedRecord> {

    private static final long serialVersionUID = 1L;

    private transient LongCounter records;

    @Override
    public void open(OpenContext openContext) {
        records = getRuntimeContext().getLongCounter(ReplayCommand.RECORDS);
    }

    @Override
    public ReplayedRecord map(ReplayedRecord record) {
        records.add(1);
        return record;
    }
}
