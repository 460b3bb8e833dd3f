package io.sluice.common.connector.table;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.TimestampData;
import org.junit.jupiter.api.Test;

/** The watermark step of a caught-up shard: the table's strategy applied to the latest row there can still be. */
class ArrivalTimeWatermarkTest {

    @Test
    void aCaughtUpShardTakesTheTableWatermarkOfARowArrivedOneMillisecondBefore() {
        // Flink's bounded out-of-orderness watermark of a row at t is t - delay - 1.
        ArrivalTimeWatermark step = new ArrivalTimeWatermark(WatermarkStrategy.forBoundedOutOfOrderness(Duration.ofSeconds(1)), 3, 2);

        assertThat(step.watermarkAt(10_000)).isEqualTo(10_000 - 1 - 1_000 - 1);
        assertThat(step.watermarkAt(12_500)).isEqualTo(12_500 - 1 - 1_000 - 1);
    }

    @Test
    void theGeneratorSeesTheArrivalTimeInItsColumn() {
        // A generator that reads the column itself (as the planner's generated one does) finds the time there.
        WatermarkStrategy<RowData> readsColumn = WatermarkStrategy.forGenerator(ctx -> new ColumnWatermark());
        ArrivalTimeWatermark step = new ArrivalTimeWatermark(readsColumn, 2, 1);

        assertThat(step.watermarkAt(7_000)).isEqualTo(6_999);
    }

    /** Emits the row's column 1 as the watermark, as a table's {@code WATERMARK FOR arrival_time AS arrival_time} would. */
    private static final class ColumnWatermark implements WatermarkGenerator<RowData> {
        private long max = Long.MIN_VALUE;

        @Override
        public void onEvent(RowData row, long timestamp, WatermarkOutput output) {
            TimestampData arrival = row.getTimestamp(1, 3);
            max = Math.max(max, arrival.getMillisecond());
        }

        @Override
        public void onPeriodicEmit(WatermarkOutput output) {
            output.emitWatermark(new Watermark(max));
        }
    }
}
