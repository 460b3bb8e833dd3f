package io.sluice.delivery.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The timestamps each deserializer reads, as AWS's guide lists them. */
class TimestampParserTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void openXReadsIsoSpacedAndEpochSecondsOrMillis() throws Exception {
        TimestampParser p = TimestampParser.openX();
        assertThat(p.parse(json("\"2017-02-07T15:13:01.39256Z\""))).isEqualTo(Instant.parse("2017-02-07T15:13:01.392560Z"));
        assertThat(p.parse(json("\"2017-02-07 15:13:01.14\""))).isEqualTo(Instant.parse("2017-02-07T15:13:01.140Z"));
        assertThat(p.parse(json("\"2017-2-7 15:13:01\""))).isEqualTo(Instant.parse("2017-02-07T15:13:01Z"));
        assertThat(p.parse(json("\"2017-02-07 15:13:01.123456789\""))).isEqualTo(Instant.parse("2017-02-07T15:13:01.123456789Z"));
        assertThat(p.parse(json("1518033528"))).isEqualTo(Instant.parse("2018-02-07T19:58:48Z"));
        assertThat(p.parse(json("1518033528123"))).isEqualTo(Instant.parse("2018-02-07T19:58:48.123Z"));
        assertThat(p.parse(json("1518033528.123"))).isEqualTo(Instant.parse("2018-02-07T19:58:48.123Z"));
        assertThat(p.parse(json("\"1518033528\""))).isEqualTo(Instant.parse("2018-02-07T19:58:48Z"));
        assertThatThrownBy(() -> p.parse(json("\"07/02/2017\"")))
                .isInstanceOf(ConversionException.class)
                .hasMessage("Cannot read '\"07/02/2017\"' as a timestamp.");
        assertThatThrownBy(() -> p.parse(json("true"))).isInstanceOf(ConversionException.class);
    }

    @Test
    void hiveReadsItsFormatsInOrderElseTimestampValueOf() throws Exception {
        TimestampParser formats = TimestampParser.hive(List.of("dd/MM/yyyy HH:mm", "millis", "yyyy-MM-dd'T'HH:mm:ssZ"));
        assertThat(formats.parse(json("\"07/02/2017 15:13\""))).isEqualTo(Instant.parse("2017-02-07T15:13:00Z"));
        assertThat(formats.parse(json("1518033528123"))).isEqualTo(Instant.parse("2018-02-07T19:58:48.123Z"));
        assertThat(formats.parse(json("\"2017-02-07T15:13:01+0100\""))).isEqualTo(Instant.parse("2017-02-07T14:13:01Z"));
        assertThatThrownBy(() -> formats.parse(json("\"2017-02-07 15:13:01\""))).isInstanceOf(ConversionException.class);

        TimestampParser valueOf = TimestampParser.hive(null);
        assertThat(valueOf.parse(json("\"2017-02-07 15:13:01.5\""))).isEqualTo(Instant.parse("2017-02-07T15:13:01.500Z"));
        assertThatThrownBy(() -> valueOf.parse(json("1518033528123")))
                .as("epoch millis need the 'millis' format")
                .isInstanceOf(ConversionException.class);
    }

    private static JsonNode json(String text) throws Exception {
        return MAPPER.readTree(text);
    }
}
