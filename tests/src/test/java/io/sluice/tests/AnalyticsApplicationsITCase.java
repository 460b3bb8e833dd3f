package io.sluice.tests;

import static io.sluice.tests.AppStreams.tick;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.analytics.app.Placeholders;
import io.sluice.analytics.app.SqlApplication;
import io.sluice.tests.KinesisClients.Client;
import io.sluice.tests.KinesisClients.Kind;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The {@code sql/} applications over the real ingest job: rows put with the AWS SDK, with deterministic times, into
 * {@code kinesis} inputs; results read back from the output streams through GetRecords, exactly. Every input shard
 * ends with an {@code END} row at 11:10, whose watermark closes every window before it.
 */
class AnalyticsApplicationsITCase {

    @RegisterExtension
    @Order(1)
    static final MiniClusterExtension FLINK = SluiceExtension.miniCluster(8);

    @RegisterExtension
    @Order(2)
    static final SluiceExtension SLUICE = SluiceExtension.defaults();

    private static final String END = tick("11:10:00", "11:10:00", "END");
    /** The input of the AWS documentation's example in REFERENCE.md section 3. */
    private static final List<String> AWS_ROWS = List.of(tick("11:00:20", "11:00:10", "AMZN"), tick("11:00:30", "11:00:20", "AMZN"),
            tick("11:01:05", "11:00:55", "AMZN"), tick("11:01:15", "11:01:05", "AMZN"));

    private Client client;
    private AppStreams streams;
    private final List<JobClient> jobs = new ArrayList<>();

    @BeforeEach
    void connect() {
        client = KinesisClients.create(Kind.SYNC_CBOR, SLUICE.endpoint());
        streams = new AppStreams(client.api(), SLUICE.endpoint().toString());
    }

    @AfterEach
    void cancel() throws Exception {
        for (JobClient job : jobs) {
            job.cancel().get();
        }
        client.close();
    }

    /** tumbling-count.sql gives the rows that REFERENCE gives for AWS's example; its rows come over two shards. */
    @Test
    void tumblingReproducesTheAwsExample() throws Exception {
        streams.create("aws-ticks", 2);
        streams.create("aws-counts", 1);
        streams.put("aws-ticks", 0, List.of(AWS_ROWS.get(0), AWS_ROWS.get(2), END));
        streams.put("aws-ticks", 1, List.of(AWS_ROWS.get(1), AWS_ROWS.get(3), END));
        jobs.add(streams.run(streams.app("tumbling-count.sql", Map.of("INPUT", "aws-ticks", "OUTPUT", "aws-counts")), 2));

        assertThat(streams.awaitSorted("aws-counts", 3)).containsExactly(
                count("11:01:00", "11:00:00", "AMZN", 2), count("11:02:00", "11:00:00", "AMZN", 1), count("11:02:00", "11:01:00", "AMZN", 1));
    }

    /**
     * A row behind the newest by less than the watermark's 5 s counts in its window; a row whose window the watermark
     * has closed (its result is out) is dropped, and the windows after it are not disturbed.
     */
    @Test
    void anOutOfOrderRowWithinTheBoundCountsALateRowIsDropped() throws Exception {
        streams.create("late-ticks", 1);
        streams.create("late-counts", 1);
        streams.put("late-ticks", 0, List.of(at("11:00:20", "AMZN"), at("11:00:30", "AMZN"), at("11:01:05", "AMZN"), at("11:01:15", "AMZN"),
                at("11:01:12", "AMZN"), at("11:02:30", "AMZN")));
        jobs.add(streams.run(streams.app("tumbling-count.sql", Map.of("INPUT", "late-ticks", "OUTPUT", "late-counts")), 1));
        assertThat(streams.awaitSorted("late-counts", 2))
                .containsExactly(count("11:01:00", "11:00:00", "AMZN", 2), count("11:02:00", "11:01:00", "AMZN", 3));

        // The window 11:01-11:02 is out, so the watermark is past it: LATE is dropped.
        streams.put("late-ticks", 0, List.of(at("11:01:50", "LATE"), at("11:02:40", "AMZN"), END));
        assertThat(streams.awaitSorted("late-counts", 3)).containsExactly(count("11:01:00", "11:00:00", "AMZN", 2),
                count("11:02:00", "11:01:00", "AMZN", 3), count("11:03:00", "11:02:00", "AMZN", 2));
    }

    /**
     * Three shards, two readers: shards 0 and 1 hold five minutes of rows (one every 5 s) and their END rows before the
     * application starts, shard 2 only its first 90 s; the rest of shard 2 is put once the first minute's results are
     * out. Every minute counts 12 rows of every shard: none of shard 2's later rows is late.
     */
    @Test
    void shardsReadUnevenlyCountEveryRow() throws Exception {
        streams.create("uneven-ticks", 3);
        streams.create("uneven-counts", 1);
        for (int shard = 0; shard < 2; shard++) {
            List<String> rows = new ArrayList<>(everyFiveSeconds("S" + shard, 0, 60));
            rows.add(END);
            streams.put("uneven-ticks", shard, rows);
        }
        streams.put("uneven-ticks", 2, everyFiveSeconds("S2", 0, 18));
        jobs.add(streams.run(streams.app("tumbling-count.sql", Map.of("INPUT", "uneven-ticks", "OUTPUT", "uneven-counts")), 2));
        assertThat(streams.awaitSorted("uneven-counts", 3)).containsExactly(
                count("11:01:00", "11:00:00", "S0", 12), count("11:01:00", "11:00:00", "S1", 12), count("11:01:00", "11:00:00", "S2", 12));

        List<String> rest = new ArrayList<>(everyFiveSeconds("S2", 18, 60));
        rest.add(END);
        streams.put("uneven-ticks", 2, rest);
        List<String> expected = new ArrayList<>();
        for (int minute = 0; minute < 5; minute++) {
            for (int shard = 0; shard < 3; shard++) {
                expected.add(count(String.format("11:%02d:00", minute + 1), String.format("11:%02d:00", minute), "S" + shard, 12));
            }
        }
        assertThat(streams.awaitSorted("uneven-counts", 15)).containsExactlyElementsOf(expected);
    }

    /** sliding-hop.sql: one-minute windows every 30 s over AWS's rows. */
    @Test
    void hopCountsEachRowInTheTwoWindowsThatHoldIt() throws Exception {
        streams.create("hop-ticks", 1);
        streams.create("hop-counts", 1);
        List<String> rows = new ArrayList<>(AWS_ROWS);
        rows.add(END);
        streams.put("hop-ticks", 0, rows);
        jobs.add(streams.run(streams.app("sliding-hop.sql", Map.of("INPUT", "hop-ticks", "OUTPUT", "hop-counts")), 1));

        assertThat(streams.awaitSorted("hop-counts", 4)).containsExactly(hop("11:00:30", 1), hop("11:01:00", 2), hop("11:01:30", 3), hop("11:02:00", 2));
    }

    /**
     * sliding-over.sql: one row per input row, counting its ticker's rows of the minute before it. The row at 11:01:30
     * is exactly one minute after the one at 11:00:30, which has left its window as REFERENCE says (3, not 4); Flink's
     * own {@code RANGE INTERVAL '1' MINUTE PRECEDING}, run beside it, still counts it.
     */
    @Test
    void overCountsTheLastMinuteWithoutTheRowExactlyAMinuteOld() throws Exception {
        streams.create("over-ticks", 1);
        streams.create("over-counts", 1);
        streams.create("over-flink-counts", 1);
        List<String> rows = new ArrayList<>(AWS_ROWS);
        rows.add(tick("11:01:30", "11:01:30", "AMZN"));
        rows.add(END);
        streams.put("over-ticks", 0, rows);
        jobs.add(streams.run(streams.app("sliding-over.sql", Map.of("INPUT", "over-ticks", "OUTPUT", "over-counts")), 1));
        String script = Files.readString(AppStreams.sql("sliding-over.sql"));
        String flinkBound = script.replace("RANGE BETWEEN INTERVAL '59.999' SECOND(2, 3) PRECEDING AND CURRENT ROW", "RANGE INTERVAL '1' MINUTE PRECEDING");
        assertThat(flinkBound).isNotEqualTo(script);
        jobs.add(streams.run(SqlApplication.fromScript("sliding-over-flink", "sliding-over-flink", flinkBound, Placeholders.of(
                Map.of("ENDPOINT", streams.endpoint(), "INPUT", "over-ticks", "OUTPUT", "over-flink-counts"))), 1));

        assertThat(streams.awaitSorted("over-counts", 5)).containsExactly(
                over("11:00:20", 1), over("11:00:30", 2), over("11:01:05", 3), over("11:01:15", 4), over("11:01:30", 3));
        assertThat(streams.awaitSorted("over-flink-counts", 5)).containsExactly(
                over("11:00:20", 1), over("11:00:30", 2), over("11:01:05", 3), over("11:01:15", 4), over("11:01:30", 4));
    }

    /**
     * pump-chain.sql: the first pump writes the cleaned rows into a second stream, exactly these and in this order;
     * the second pump reads that stream and totals each minute.
     */
    @Test
    void aPumpWritesAStreamThatASecondPumpReads() throws Exception {
        streams.create("trades", 1);
        streams.create("clean-trades", 1);
        streams.create("minute-totals", 1);
        streams.put("trades", 0, List.of(trade("11:00:10", "amzn", "10"), trade("11:00:20", "msft", "5"), trade("11:00:40", "AMZN", "null"),
                trade("11:00:50", "AMZN", "20"), trade("11:01:20", "amzn", "30"), trade("11:01:30", "MSFT", "7"), trade("11:10:00", "END", "0")));
        jobs.add(streams.run(streams.app("pump-chain.sql", Map.of("INPUT", "trades", "CLEAN", "clean-trades", "OUTPUT", "minute-totals")), 1));

        assertThat(streams.awaitSorted("minute-totals", 4)).containsExactly(total("11:01:00", "AMZN", 2, 30), total("11:01:00", "MSFT", 1, 5),
                total("11:02:00", "AMZN", 1, 30), total("11:02:00", "MSFT", 1, 7));
        assertThat(streams.rows("clean-trades")).containsExactly(trade("11:00:10", "AMZN", "10"), trade("11:00:20", "MSFT", "5"),
                trade("11:00:50", "AMZN", "20"), trade("11:01:20", "AMZN", "30"), trade("11:01:30", "MSFT", "7"), trade("11:10:00", "END", "0"));
    }

    private static String at(String rowtime, String ticker) {
        return tick(rowtime, rowtime, ticker);
    }

    /** Rows {@code from} to {@code to} (exclusive) of a ticker that has one every 5 s from 11:00:00. */
    private static List<String> everyFiveSeconds(String ticker, int from, int to) {
        List<String> rows = new ArrayList<>();
        for (int i = from; i < to; i++) {
            rows.add(at(String.format("11:%02d:%02d", i * 5 / 60, i * 5 % 60), ticker));
        }
        return rows;
    }

    static String count(String rowtime, String eventTime, String ticker, long n) {
        return "{\"ROWTIME\":\"2026-12-01 " + rowtime + "\",\"EVENT_TIME\":\"2026-12-01 " + eventTime + "\",\"TICKER_SYMBOL\":\"" + ticker
                + "\",\"TICKER_COUNT\":" + n + "}";
    }

    private static String hop(String rowtime, long n) {
        return "{\"ROWTIME\":\"2026-12-01 " + rowtime + "\",\"TICKER_SYMBOL\":\"AMZN\",\"TICKER_COUNT\":" + n + "}";
    }

    private static String over(String rowtime, long n) {
        return hop(rowtime, n);
    }

    private static String trade(String rowtime, String ticker, String price) {
        return "{\"ROWTIME\":\"2026-12-01 " + rowtime + "\",\"TICKER_SYMBOL\":\"" + ticker + "\",\"PRICE\":" + price + "}";
    }

    private static String total(String rowtime, String ticker, long trades, int total) {
        return "{\"ROWTIME\":\"2026-12-01 " + rowtime + "\",\"TICKER_SYMBOL\":\"" + ticker + "\",\"TRADES\":" + trades + ",\"TOTAL\":" + total + "}";
    }
}
