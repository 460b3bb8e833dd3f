package io.sluice.common.connector.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;

/** PutRecords calls within Kinesis's limits (500 records, 5 MiB), and a record throttled on its own sent again. */
class StreamErrorWriterTest {

    @Test
    void callsStayWithinPutRecordsLimits() throws Exception {
        List<List<PutRecordsRequestEntry>> calls = new ArrayList<>();
        List<ParseError> big = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            big.add(ParseError.of(new IOException("bad"), new byte[30_000], 0, 0, "pump"));
        }
        try (StreamErrorWriter writer = new StreamErrorWriter(fake(calls::add, 0), "errors")) {
            writer.write(big);
        }
        assertThat(calls).hasSizeGreaterThan(1);
        assertThat(calls.stream().mapToInt(List::size).sum()).isEqualTo(250);
        for (List<PutRecordsRequestEntry> call : calls) {
            long bytes = call.stream().mapToLong(e -> e.data().asByteArray().length + e.partitionKey().length()).sum();
            assertThat(bytes).isLessThanOrEqualTo(StreamErrorWriter.MAX_BATCH_BYTES);
            assertThat(call).hasSizeLessThanOrEqualTo(StreamErrorWriter.MAX_BATCH);
        }
    }

    @Test
    void aThrottledRecordIsSentAgain() throws Exception {
        List<List<PutRecordsRequestEntry>> calls = new ArrayList<>();
        try (StreamErrorWriter writer = new StreamErrorWriter(fake(calls::add, 1), "errors")) {
            writer.write(List.of(ParseError.of(new IOException("a"), new byte[] {1}, 0, 0, "p"),
                    ParseError.of(new IOException("b"), new byte[] {2}, 0, 0, "p")));
        }
        assertThat(calls).hasSize(2);
        assertThat(calls.get(0)).hasSize(2);
        assertThat(calls.get(1)).containsExactly(calls.get(0).get(1)); // the second one was throttled
    }

    /** A Kinesis client whose first {@code throttledCalls} calls throttle their last record. */
    private static KinesisClient fake(Consumer<List<PutRecordsRequestEntry>> calls, int throttledCalls) {
        int[] remaining = {throttledCalls};
        return new KinesisClient() {
            @Override
            public PutRecordsResponse putRecords(PutRecordsRequest request) {
                calls.accept(request.records());
                List<PutRecordsResultEntry> results = new ArrayList<>();
                request.records().forEach(r -> results.add(PutRecordsResultEntry.builder().sequenceNumber("1").shardId("shardId-0").build()));
                int failed = 0;
                if (remaining[0]-- > 0) {
                    results.set(results.size() - 1, PutRecordsResultEntry.builder().errorCode("ProvisionedThroughputExceededException").build());
                    failed = 1;
                }
                return PutRecordsResponse.builder().records(results).failedRecordCount(failed).build();
            }

            @Override
            public String serviceName() {
                return "kinesis";
            }

            @Override
            public void close() {}
        };
    }
}
