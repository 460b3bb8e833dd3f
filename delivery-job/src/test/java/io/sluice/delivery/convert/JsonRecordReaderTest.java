package io.sluice.delivery.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Records matched to a table's columns as the OpenX and Hive JSON SerDes match them. */
class JsonRecordReaderTest {

    private static final List<GlueSchema.Column> COLUMNS = List.of(
            new GlueSchema.Column("userid", "bigint"), new GlueSchema.Column("ts", "timestamp"),
            new GlueSchema.Column("a_b", "string"), new GlueSchema.Column("info", "struct<city:string>"));

    @Test
    void openXMatchesKeysCaseInsensitivelyAndConcatenatedObjectsAreRows() throws Exception {
        JsonRecordReader reader = new JsonRecordReader(ConversionFixtures.openX(null, null, null, COLUMNS));
        List<Object[]> rows = reader.read(bytes("{\"UserId\": 1, \"TS\": 1518033528, \"INFO\": {\"City\": \"Oslo\"}, \"extra\": 0}\n"
                + "{\"userid\": \"2\"}"));
        assertThat(rows).containsExactly(
                new Object[] {1L, Instant.parse("2018-02-07T19:58:48Z"), null, new Object[] {"Oslo"}},
                new Object[] {2L, null, null, null});
    }

    @Test
    void caseSensitiveMatchingMappingsAndDotsAreOptions() throws Exception {
        JsonRecordReader sensitive = new JsonRecordReader(ConversionFixtures.openX(false, null, null, COLUMNS));
        assertThat(sensitive.read(bytes("{\"UserId\": 1, \"userid\": 2}")).get(0)[0]).isEqualTo(2L);

        JsonRecordReader mapped = new JsonRecordReader(ConversionFixtures.openX(null, Map.of("ts", "timestamp"), true, COLUMNS));
        assertThat(mapped.read(bytes("{\"timestamp\": \"2018-02-07 19:58:48\", \"a.b\": \"dotted\", \"ts\": 0}")).get(0))
                .containsExactly(null, Instant.parse("2018-02-07T19:58:48Z"), "dotted", null);

        JsonRecordReader plain = new JsonRecordReader(ConversionFixtures.openX(null, null, null, COLUMNS));
        assertThat(plain.read(bytes("{\"a.b\": \"dotted\"}")).get(0)[2]).as("dots stay unless asked").isNull();
    }

    @Test
    void hiveMatchesKeysRegardlessOfCaseAndReadsItsTimestampFormats() throws Exception {
        JsonRecordReader reader = new JsonRecordReader(ConversionFixtures.hive(List.of("millis"), COLUMNS));
        assertThat(reader.read(bytes("{\"USERID\": 5, \"ts\": 1518033528123}")).get(0))
                .containsExactly(5L, Instant.parse("2018-02-07T19:58:48.123Z"), null, null);
    }

    @Test
    void scalarsIntoStringsAreTheirTextAndNumbersInStringsAreNumbers() throws Exception {
        JsonRecordReader reader = new JsonRecordReader(ConversionFixtures.openX(null, null, null, COLUMNS));
        assertThat(reader.read(bytes("{\"userid\": \" 7 \", \"a_b\": 12.5}")).get(0)).containsExactly(7L, null, "12.5", null);
        assertThat(reader.read(bytes("{\"a_b\": {\"x\": [1]}}")).get(0)[2]).isEqualTo("{\"x\":[1]}");
    }

    @Test
    void recordsThatAreNotObjectsOrNotOfTheTypesFail() {
        JsonRecordReader reader = new JsonRecordReader(ConversionFixtures.openX(null, null, null, COLUMNS));
        failure(reader, "{\"userid\": 1", ConversionException.PARSE_ERROR);
        failure(reader, "[{\"userid\": 1}]", ConversionException.PARSE_ERROR, "The record holds a JSON array where a JSON object is expected.");
        failure(reader, "   ", ConversionException.PARSE_ERROR, "The record holds no JSON object.");
        failure(reader, "{\"userid\": \"seven\"}", ConversionException.MALFORMED_DATA,
                "The value \"seven\" of column userid is not of its type bigint.");
        failure(reader, "{\"userid\": 1.5}", ConversionException.MALFORMED_DATA);
        failure(reader, "{\"info\": {\"city\": [1]}}\n{\"info\": 3}", ConversionException.MALFORMED_DATA,
                "The value 3 of column info is not of its type struct<city:string>.");
        failure(reader, "{\"userid\": 1}{\"ts\": \"yesterday\"}", ConversionException.MALFORMED_DATA,
                "Cannot read '\"yesterday\"' as a timestamp.");
        List<GlueSchema.Column> small = List.of(new GlueSchema.Column("n", "tinyint"), new GlueSchema.Column("d", "decimal(4,2)"));
        JsonRecordReader ranges = new JsonRecordReader(ConversionFixtures.openX(null, null, null, small));
        failure(ranges, "{\"n\": 128}", ConversionException.MALFORMED_DATA);
        failure(ranges, "{\"d\": 123.4}", ConversionException.MALFORMED_DATA);
    }

    private static void failure(JsonRecordReader reader, String record, String code, String... message) {
        assertThatThrownBy(() -> reader.read(bytes(record)))
                .isInstanceOfSatisfying(ConversionException.class, e -> {
                    assertThat(e.code()).isEqualTo(code);
                    Arrays.stream(message).forEach(m -> assertThat(e.getMessage()).isEqualTo(m));
                });
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
