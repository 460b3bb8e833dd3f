package io.sluice.ingest.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.common.connector.savepoint.SavepointReadException;
import io.sluice.common.connector.savepoint.SavepointScan;
import io.sluice.common.connector.savepoint.SavepointStreamReader;
import io.sluice.common.connector.source.KinesisDeserializationSchema;
import io.sluice.common.model.SequenceNumber;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.api.common.serialization.SimpleStringSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ingest job's {@link SavepointStreamReader}: found as a service, its scans as replay queries, what it refuses up front. */
class ShardLogSavepointReaderTest {

    private static final KinesisDeserializationSchema<String> STRINGS = KinesisDeserializationSchema.of(new SimpleStringSchema());

    @Test
    void isTheServiceCommonFinds() {
        assertThat(SavepointStreamReader.find(getClass().getClassLoader())).get().isInstanceOf(ShardLogSavepointReader.class);
    }

    @Test
    void aScanIsTheReplayQueryOfItsStreamRangeAndDeaggregation() throws Exception {
        String seq = SequenceNumber.format(42, 3, 1, 7);
        ReplayQuery query = ShardLogSavepointReader.query(new SavepointScan("/sp", "orders", "2026-12-05T12:00:00Z", seq, true));
        assertThat(query).isEqualTo(new ReplayQuery("orders", List.of(), ReplayBound.time(1_796_472_000_000L), ReplayBound.sequence(seq), true));
        assertThat(ShardLogSavepointReader.query(SavepointScan.of("/sp", "orders"))).isEqualTo(ReplayQuery.of("orders"));
    }

    @Test
    void badBoundsNameTheTablesOptions() {
        assertThatThrownBy(() -> ShardLogSavepointReader.query(new SavepointScan("/sp", "orders", "yesterday", null, false)))
                .isInstanceOf(ReplayException.class)
                .hasMessageStartingWith("scan.savepoint.start=yesterday is neither an arrival time");
    }

    @Test
    void aPathThatIsNotASavepointIsRefusedBeforeAnyJob(@TempDir Path dir) throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertThatThrownBy(() -> new ShardLogSavepointReader().check(SavepointScan.of(empty.toString(), "orders")))
                .isInstanceOf(SavepointReadException.class)
                .hasMessageStartingWith(empty + " is not a savepoint or retained checkpoint of the ingest job");
    }

    @Test
    void eachScanHasItsOwnUidsAndTheSameScanKeepsThem() {
        SavepointScan all = SavepointScan.of("/sp", "orders");
        SavepointScan later = new SavepointScan("/sp", "orders", "1000", null, false);
        assertThat(ShardLogSavepointReader.uid(all, STRINGS)).startsWith("replay-orders-")
                .isEqualTo(ShardLogSavepointReader.uid(SavepointScan.of("/sp", "orders"), STRINGS))
                .isNotEqualTo(ShardLogSavepointReader.uid(later, STRINGS));
    }
}
