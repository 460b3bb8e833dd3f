package io.sluice.delivery.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.delivery.api.Processing;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** RecordDeAggregation: JSON objects back to back or one per line, and records split at a delimiter. */
class RecordDeAggregatorTest {

    private static final RecordDeAggregator JSON = RecordDeAggregator.of(
            new Processing.Processor(Processing.Type.RecordDeAggregation, Map.of("SubRecordType", "JSON")));

    @Test
    void jsonObjectsBackToBackOrOnLinesAreRecordsAsSent() throws Exception {
        assertThat(split(JSON, "{\"foo\":\"recordA\",\"bar\":{\"baz\":\"Partition1\"}}{\"foo\":\"recordB\"}{\"data\":\"data3\"}"))
                .containsExactly("{\"foo\":\"recordA\",\"bar\":{\"baz\":\"Partition1\"}}", "{\"foo\":\"recordB\"}", "{\"data\":\"data3\"}");
        assertThat(split(JSON, "{\"a\": 1}\n{\"a\": [2, {\"b\": \"}\"}]}\r\n  {\"é\": \"ü\"}\n"))
                .containsExactly("{\"a\": 1}", "{\"a\": [2, {\"b\": \"}\"}]}", "{\"é\": \"ü\"}");
        assertThat(split(JSON, "{}")).containsExactly("{}");
    }

    @Test
    void whatIsNotASequenceOfJsonObjectsFailsWhole() {
        assertThatThrownBy(() -> JSON.split(bytes("{\"a\":1}[1,2]"))).isInstanceOf(RecordDeAggregator.DeAggregationException.class)
                .hasMessage("The record is not a sequence of JSON objects: found START_ARRAY at byte 7.");
        assertThatThrownBy(() -> JSON.split(bytes("{\"a\":1}{\"a\""))).isInstanceOf(RecordDeAggregator.DeAggregationException.class)
                .hasMessageStartingWith("The record is not a sequence of JSON objects: Unexpected end-of-input");
        assertThatThrownBy(() -> JSON.split(bytes("  \n"))).isInstanceOf(RecordDeAggregator.DeAggregationException.class)
                .hasMessage("The record holds no JSON object.");
    }

    @Test
    void delimitedRecordsAreSplitAtTheDecodedDelimiterAndEmptyPiecesDropped() throws Exception {
        RecordDeAggregator hashes = RecordDeAggregator.of(new Processing.Processor(Processing.Type.RecordDeAggregation,
                Map.of("SubRecordType", "DELIMITED", "Delimiter", RecordProcessingTest.base64("##"))));
        assertThat(split(hashes, "a##b####c##")).containsExactly("a", "b", "c");
        assertThat(split(hashes, "##a#b###")).containsExactly("a#b", "#");
        assertThat(split(hashes, "no delimiter")).containsExactly("no delimiter");
        assertThat(split(hashes, "")).isEmpty();
        RecordDeAggregator lines = RecordDeAggregator.of(new Processing.Processor(Processing.Type.RecordDeAggregation,
                Map.of("SubRecordType", "DELIMITED", "Delimiter", RecordProcessingTest.base64("\n"))));
        assertThat(split(lines, "x,1\ny,2\n")).containsExactly("x,1", "y,2");
    }

    private static List<String> split(RecordDeAggregator splitter, String record) throws Exception {
        return splitter.split(bytes(record)).stream().map(b -> new String(b, StandardCharsets.UTF_8)).toList();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
