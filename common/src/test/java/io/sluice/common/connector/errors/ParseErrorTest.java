package io.sluice.common.connector.errors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.common.connector.KinesisClientConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The error row's fields (KDA's error stream), the option's forms, and files written whole before flush returns. */
class ParseErrorTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void anErrorRowHasKdasFields() throws Exception {
        byte[] data = "{\"a\":".getBytes(StandardCharsets.UTF_8);
        IOException failure = new IOException("Failed to deserialize JSON '{\"a\":'.", new IllegalStateException("end of input"));
        ParseError error = ParseError.of(failure, data, 1_764_928_800_123L, 1_764_928_801_005L, "readings");

        Map<String, Object> row = JSON.readValue(error.toJson(), Map.class);
        assertThat(row).containsExactly(
                Map.entry("ERROR_TIME", "2025-12-05 10:00:01.005"),
                Map.entry("ERROR_LEVEL", "ERROR"),
                Map.entry("ERROR_NAME", "PARSE_ERROR"),
                Map.entry("MESSAGE", "Failed to deserialize JSON '{\"a\":'. Caused by: IllegalStateException: end of input"),
                Map.entry("DATA_ROWTIME", "2025-12-05 10:00:00.123"),
                Map.entry("DATA_ROW", "7b2261223a"),
                Map.entry("PUMP_NAME", "readings"));
    }

    @Test
    void longMessagesAndRowsAreCutToKdasColumnSizes() {
        ParseError error = ParseError.of(new IOException("x".repeat(5000)), new byte[30_000], 0, 0, "p");
        assertThat(error.message()).hasSize(ParseError.MAX_MESSAGE);
        assertThat(error.dataRow()).hasSize(ParseError.MAX_DATA_ROW).matches("0+");
    }

    @Test
    void theOptionIsAStreamOrADirectory() {
        KinesisClientConfig client = KinesisClientConfig.aws("us-east-1");
        assertThat(ErrorOutputSpec.parse("stream:errors-1", "p", Duration.ofSeconds(1), client)).hasToString("stream:errors-1");
        assertThat(ErrorOutputSpec.parse("files:file:///tmp/e", "p", Duration.ofSeconds(1), client)).hasToString("files:file:///tmp/e");
        assertThatThrownBy(() -> ErrorOutputSpec.parse("stream:bad name", "p", Duration.ofSeconds(1), client))
                .hasMessage("stream:NAME needs a stream name of 1 to 128 of [a-zA-Z0-9_.-], not 'bad name'");
        assertThatThrownBy(() -> ErrorOutputSpec.parse("kafka:x", "p", Duration.ofSeconds(1), client))
                .hasMessage("must be stream:NAME or files:PATH, not 'kafka:x'");
    }

    @Test
    void flushWritesEveryErrorIntoWholeFiles(@TempDir Path dir) throws Exception {
        ErrorOutputSpec spec = ErrorOutputSpec.parse("files:" + dir.toUri(), "pump", Duration.ofHours(1), KinesisClientConfig.aws("us-east-1"));
        try (ErrorOutput output = spec.open()) {
            output.add(ParseError.of(new IOException("one"), new byte[] {1}, 0, 0, "pump"));
            output.add(ParseError.of(new IOException("two"), new byte[] {2}, 0, 0, "pump"));
            output.flush();
            output.flush(); // nothing new: no empty file
            assertThat(lines(dir)).extracting(n -> n.get("DATA_ROW").asText()).containsExactly("01", "02");
            output.add(ParseError.of(new IOException("three"), new byte[] {3}, 0, 0, "pump"));
        }
        // close writes what is left
        assertThat(lines(dir)).extracting(n -> n.get("MESSAGE").asText()).containsExactlyInAnyOrder("one", "two", "three");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString()).toList()).hasSize(2).allMatch(n -> n.matches("pump-[0-9a-f-]{36}-[01]\\.json"));
        }
    }

    @Test
    void aFailedWriteKeepsItsErrorsForTheNextFlush(@TempDir Path dir) throws Exception {
        List<List<ParseError>> written = new ArrayList<>();
        boolean[] fail = {true};
        ErrorWriter flaky = new ErrorWriter() {
            @Override
            public void write(List<ParseError> batch) throws IOException {
                if (fail[0]) {
                    throw new IOException("down");
                }
                written.add(List.copyOf(batch));
            }

            @Override
            public void close() {}
        };
        try (ErrorOutput output = new ErrorOutput(flaky, Duration.ofHours(1))) {
            output.add(ParseError.of(new IOException("a"), new byte[0], 0, 0, "p"));
            assertThatThrownBy(output::flush).hasMessage("down");
            output.add(ParseError.of(new IOException("b"), new byte[0], 0, 0, "p"));
            fail[0] = false;
            output.flush();
        }
        assertThat(written).hasSize(1);
        assertThat(written.get(0)).extracting(ParseError::message).containsExactly("a", "b");
    }

    private static List<JsonNode> lines(Path dir) throws IOException {
        List<JsonNode> rows = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir).sorted()) {
            for (Path file : files.toList()) {
                assertThat(file.getFileName().toString()).doesNotStartWith(".");
                for (String line : Files.readAllLines(file)) {
                    rows.add(JSON.readTree(line));
                }
            }
        }
        return rows;
    }
}
