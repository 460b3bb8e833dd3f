package io.sluice.delivery.convert;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.delivery.api.DataFormatConversion;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Rows written as Parquet or ORC and read back with the libraries' own readers are the rows given, exactly. */
class ColumnarWritersTest {

    private static final String FULL = "{\"name\":\"pump-7\",\"tiny\":-8,\"small\":300,\"count\":42,\"big\":9000000000,"
            + "\"ratio\":0.5,\"price\":12.25,\"amount\":\"1234.5\",\"active\":true,\"ts\":\"2026-12-05T07:08:09.123456789Z\","
            + "\"day\":\"2026-12-05\",\"code\":\"ABCD\",\"tags\":[\"a\",null,\"c\"],\"scores\":{\"x\":1,\"y\":null},"
            + "\"device\":{\"id\":7,\"model\":\"m\",\"readings\":[1.5,-2.0]}}";
    private static final String SPARSE = "{\"name\":\"only-name\",\"tags\":[],\"device\":{\"id\":1}}";

    @ParameterizedTest
    @ValueSource(strings = {"parquet:SNAPPY", "parquet:GZIP", "parquet:UNCOMPRESSED", "orc:SNAPPY", "orc:ZLIB", "orc:NONE"})
    void roundTrip(String format) throws Exception {
        String[] f = format.split(":");
        DataFormatConversion config = f[0].equals("parquet") ? ConversionFixtures.parquet(f[1]) : ConversionFixtures.orc(f[1]);
        FormatConversion conversion = FormatConversion.of(config);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ColumnarWriter writer = conversion.open(out);
        for (String record : List.of(FULL, SPARSE)) {
            for (Object[] row : conversion.rows(record.getBytes(StandardCharsets.UTF_8))) {
                writer.write(row);
            }
        }
        writer.close();

        byte[] object = out.toByteArray();
        List<List<Object>> rows = f[0].equals("parquet")
                ? ConvertedObjectReader.parquet(object, ConversionFixtures.COLUMNS)
                : ConvertedObjectReader.orc(object, ConversionFixtures.COLUMNS);

        Map<Object, Object> scores = new LinkedHashMap<>();
        scores.put("x", 1);
        scores.put("y", null);
        List<Object> full = Arrays.asList("pump-7", (byte) -8, (short) 300, 42, 9_000_000_000L, 0.5f, 12.25,
                new BigDecimal("1234.50"), true, Instant.parse("2026-12-05T07:08:09.123456789Z"), LocalDate.of(2026, 12, 5),
                "ABC", Arrays.asList("a", null, "c"), scores, Arrays.asList(7L, "m", List.of(1.5, -2.0)));
        List<Object> sparse = new ArrayList<>(Arrays.asList(new Object[15]));
        sparse.set(0, "only-name");
        sparse.set(12, List.of());
        sparse.set(14, Arrays.asList(1L, null, null));
        assertThat(rows).containsExactly(full, sparse);
    }
}
