package io.sluice.common.connector.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.common.connector.KinesisClientConfig;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.api.common.serialization.SimpleStringSchema;
import org.apache.flink.connector.base.sink.writer.BufferedRequestState;
import org.apache.flink.connector.base.sink.writer.RequestEntryWrapper;
import org.apache.flink.connector.base.sink.writer.config.AsyncSinkWriterConfiguration;
import org.junit.jupiter.api.Test;

/**
 * The Firehose sink's limits and records: PutRecordBatch's 500 records, 4 MiB and 1,000 KiB reach the
 * writer, a record over 1,000 KiB fails with a message that says why, the delimiter ends each record,
 * bad settings are refused at build(), and buffered records survive a checkpoint's serializer.
 */
class FirehoseSinkTest {

    private static final KinesisClientConfig CLIENT = KinesisClientConfig.sluice(URI.create("http://127.0.0.1:4573"));

    @Test
    void theWriterAppliesPutRecordBatchLimits() {
        AsyncSinkWriterConfiguration config = builder().maxInFlightRequests(3).maxTimeInBufferMillis(250).build().writerConfiguration();
        assertThat(config.getMaxBatchSize()).isEqualTo(500);
        assertThat(config.getMaxBatchSizeInBytes()).isEqualTo(4L * 1024 * 1024);
        assertThat(config.getMaxRecordSizeInBytes()).isEqualTo(1_024_000L);
        assertThat(config.getMaxInFlightRequests()).isEqualTo(3);
        assertThat(config.getMaxBufferedRequests()).isEqualTo(10_000);
        assertThat(config.getMaxTimeInBufferMS()).isEqualTo(250);
    }

    @Test
    void settingsOutOfRangeAreRefusedAtBuild() {
        assertThatThrownBy(() -> builder().maxBatchSize(501).build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxBatchSize must be 1 to 500, not 501");
        assertThatThrownBy(() -> builder().maxBatchSize(100).maxBufferedRequests(100).build())
                .hasMessage("maxBufferedRequests must be more than maxBatchSize (100), not 100");
        assertThatThrownBy(() -> builder().maxInFlightRequests(0).build()).hasMessage("maxInFlightRequests must be positive, not 0");
        assertThatThrownBy(() -> FirehoseSink.<String>builder().client(CLIENT).serializationSchema(new SimpleStringSchema()).build())
                .hasMessage("deliveryStream");
    }

    @Test
    void eachRecordEndsWithTheDelimiter() {
        FirehoseRecordConverter<String> converter = new FirehoseRecordConverter<>(new SimpleStringSchema(), bytes("\n"), "clicks");
        assertThat(new String(converter.apply("{\"n\":1}", null), StandardCharsets.UTF_8)).isEqualTo("{\"n\":1}\n");
        FirehoseRecordConverter<String> none = new FirehoseRecordConverter<>(new SimpleStringSchema(), new byte[0], "clicks");
        assertThat(new String(none.apply("{\"n\":1}", null), StandardCharsets.UTF_8)).isEqualTo("{\"n\":1}");
    }

    @Test
    void aRecordOf1000KiBPassesOneByteMoreFailsWithItsSizeAndTheLimit() {
        SerializationSchema<Integer> filler = n -> {
            byte[] b = new byte[n];
            Arrays.fill(b, (byte) 'x');
            return b;
        };
        FirehoseRecordConverter<Integer> converter = new FirehoseRecordConverter<>(filler, bytes("\n"), "clicks");
        assertThat(converter.apply(1_023_999, null)).hasSize(1_024_000);
        assertThatThrownBy(() -> converter.apply(1_024_000, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("A record for Firehose delivery stream clicks is 1,024,001 bytes (with its delimiter); PutRecordBatch takes at"
                        + " most 1,024,000 bytes (1,000 KiB) per record. Make the row smaller (or split it into rows) before it reaches"
                        + " the sink.");
    }

    @Test
    void bufferedRecordsRoundTripAndAnUnknownVersionFailsClearly() throws IOException {
        ByteArrayStateSerializer serializer = new ByteArrayStateSerializer();
        BufferedRequestState<byte[]> state = new BufferedRequestState<>(List.of(
                new RequestEntryWrapper<>(bytes("one\n"), 4), new RequestEntryWrapper<>(new byte[0], 0),
                new RequestEntryWrapper<>(bytes("three\n"), 6)));
        byte[] serialized = serializer.serialize(state);
        BufferedRequestState<byte[]> back = serializer.deserialize(serializer.getVersion(), serialized);
        assertThat(back.getBufferedRequestEntries()).extracting(e -> new String(e.getRequestEntry(), StandardCharsets.UTF_8))
                .containsExactly("one\n", "", "three\n");
        assertThat(back.getBufferedRequestEntries()).extracting(RequestEntryWrapper::getSize).containsExactly(4L, 0L, 6L);
        assertThatThrownBy(() -> serializer.deserialize(2, serialized)).isInstanceOf(IOException.class)
                .hasMessage("Unknown version 2 of the Firehose sink's buffered records; this build reads version 1.");
    }

    private static FirehoseSink.Builder<String> builder() {
        return FirehoseSink.<String>builder().deliveryStream("clicks").client(CLIENT).serializationSchema(new SimpleStringSchema());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
