package io.sluice.common.connector.table;

import io.sluice.common.connector.source.CaughtUpWatermark;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkGeneratorSupplier;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.util.clock.RelativeClock;
import org.apache.flink.util.clock.SystemClock;

/**
 * A caught-up shard's watermark for a table whose {@code WATERMARK} is declared on the {@code arrival_time} metadata
 * column: the table's own watermark expression (say {@code arrival_time - INTERVAL '1' SECOND}) applied to a row that
 * arrived 1 ms before the caught-up time, the latest row there can still be. It runs the planner's watermark
 * generator on that row (other columns null), so any delay the table declares is honoured exactly.
 */
final class ArrivalTimeWatermark implements CaughtUpWatermark {

    private static final long serialVersionUID = 1L;

    private final WatermarkStrategy<RowData> strategy;
    private final int arity;
    private final int arrivalColumn;
    private transient WatermarkGenerator<RowData> generator;
    private transient LastWatermark last;

    /** {@code strategy} is the table's, over rows of {@code arity} fields with the arrival time at {@code arrivalColumn}. */
    ArrivalTimeWatermark(WatermarkStrategy<RowData> strategy, int arity, int arrivalColumn) {
        this.strategy = strategy;
        this.arity = arity;
        this.arrivalColumn = arrivalColumn;
    }

    @Override
    public long watermarkAt(long arrivalMillis) {
        if (generator == null) {
            generator = strategy.createWatermarkGenerator(new GeneratorContext());
            last = new LastWatermark();
        }
        GenericRowData latest = new GenericRowData(arity);
        latest.setField(arrivalColumn, TimestampData.fromEpochMillis(arrivalMillis - 1));
        last.value = Long.MIN_VALUE;
        generator.onEvent(latest, arrivalMillis - 1, last);
        generator.onPeriodicEmit(last);
        return last.value;
    }

    /** Keeps the highest watermark the generator emits. */
    private static final class LastWatermark implements WatermarkOutput {
        long value = Long.MIN_VALUE;

        @Override
        public void emitWatermark(Watermark watermark) {
            value = Math.max(value, watermark.getTimestamp());
        }

        @Override
        public void markIdle() {}

        @Override
        public void markActive() {}
    }

    private static final class GeneratorContext implements WatermarkGeneratorSupplier.Context {
        @Override
        public MetricGroup getMetricGroup() {
            return new UnregisteredMetricsGroup();
        }

        @Override
        public RelativeClock getInputActivityClock() {
            return SystemClock.getInstance();
        }
    }
}
