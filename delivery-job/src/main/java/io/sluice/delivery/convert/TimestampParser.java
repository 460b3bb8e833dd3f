package io.sluice.delivery.convert;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a JSON value into a timestamp column as Firehose's deserializers do. Timestamps without a zone are UTC
 * (Hive's timestamps have none).
 * <ul>
 *   <li>OpenX JSON SerDe: {@code yyyy-MM-dd'T'HH:mm:ss[.S]'Z'} (or another offset), {@code yyyy-[M]M-[d]d HH:mm:ss[.S]}
 *       (fractions of up to 9 digits), epoch seconds ({@code 1518033528}), epoch milliseconds ({@code 1518033528123}),
 *       floating-point epoch seconds ({@code 1518033528.123}); a number or numeric string is told apart as seconds or
 *       milliseconds by its size: <b>Sluice:</b> from 10<sup>11</sup> on (the year 5138 in seconds) it is milliseconds.
 *   <li>Hive JSON SerDe: the {@code TimestampFormats} in order, each a Joda-Time pattern (read as a
 *       {@link DateTimeFormatter} pattern, which agrees with Joda on the usual letters) or {@code millis} for epoch
 *       milliseconds; without formats, {@code java.sql.Timestamp.valueOf}'s {@code yyyy-[m]m-[d]d hh:mm:ss[.f...]}.
 * </ul>
 */
public final class TimestampParser {

    private static final BigDecimal MILLIS_FROM = BigDecimal.valueOf(100_000_000_000L);
    private static final DateTimeFormatter SPACED = new DateTimeFormatterBuilder()
            .appendValue(ChronoField.YEAR, 4)
            .appendLiteral('-')
            .appendValue(ChronoField.MONTH_OF_YEAR, 1, 2, java.time.format.SignStyle.NOT_NEGATIVE)
            .appendLiteral('-')
            .appendValue(ChronoField.DAY_OF_MONTH, 1, 2, java.time.format.SignStyle.NOT_NEGATIVE)
            .appendLiteral(' ')
            .appendPattern("HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd()
            .toFormatter();

    /** A Hive format: a pattern, or null for {@code millis}. */
    private final List<DateTimeFormatter> hiveFormats;
    private final boolean openX;

    private TimestampParser(boolean openX, List<DateTimeFormatter> hiveFormats) {
        this.openX = openX;
        this.hiveFormats = hiveFormats;
    }

    /** The OpenX JSON SerDe's formats. */
    public static TimestampParser openX() {
        return new TimestampParser(true, List.of());
    }

    /** The Hive JSON SerDe's, with {@code TimestampFormats} (null or empty: {@code Timestamp.valueOf}). */
    public static TimestampParser hive(List<String> formats) {
        List<DateTimeFormatter> parsed = new ArrayList<>();
        if (formats != null) {
            for (String f : formats) {
                parsed.add(f.equals("millis") ? null : DateTimeFormatter.ofPattern(f));
            }
        }
        return new TimestampParser(false, parsed);
    }

    /** The instant {@code value} stands for; {@link ConversionException} ({@code MalformedData}) if none. */
    public Instant parse(JsonNode value) throws ConversionException {
        String text = value.isTextual() ? value.textValue().trim() : value.isNumber() ? value.asText() : null;
        if (text != null) {
            Instant instant = openX ? openX(value, text) : hive(value, text);
            if (instant != null) {
                return instant;
            }
        }
        throw new ConversionException(ConversionException.MALFORMED_DATA, "Cannot read '" + value + "' as a timestamp.");
    }

    private static Instant openX(JsonNode value, String text) {
        BigDecimal number = number(value, text);
        if (number != null) {
            if (number.abs().compareTo(MILLIS_FROM) >= 0) {
                return millis(number);
            }
            BigDecimal[] parts = number.divideAndRemainder(BigDecimal.ONE);
            return Instant.ofEpochSecond(parts[0].longValue(), parts[1].movePointRight(9).longValue());
        }
        try {
            return ZonedDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeException e) {
            return spaced(text);
        }
    }

    private Instant hive(JsonNode value, String text) {
        if (hiveFormats.isEmpty()) {
            return spaced(text);
        }
        for (DateTimeFormatter f : hiveFormats) {
            if (f == null) {
                BigDecimal number = number(value, text);
                if (number != null) {
                    return millis(number);
                }
                continue;
            }
            try {
                TemporalAccessor t = f.parseBest(text, ZonedDateTime::from, LocalDateTime::from, LocalDate::from);
                if (t instanceof ZonedDateTime) {
                    return ((ZonedDateTime) t).toInstant();
                }
                if (t instanceof LocalDateTime) {
                    return ((LocalDateTime) t).toInstant(ZoneOffset.UTC);
                }
                return ((LocalDate) t).atStartOfDay().toInstant(ZoneOffset.UTC);
            } catch (DateTimeException e) {
                // the next format may fit
            }
        }
        return null;
    }

    private static Instant spaced(String text) {
        try {
            return LocalDateTime.parse(text, SPACED).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static Instant millis(BigDecimal number) {
        return Instant.ofEpochMilli(number.longValue());
    }

    private static BigDecimal number(JsonNode value, String text) {
        if (value.isNumber()) {
            return value.decimalValue();
        }
        if (!text.isEmpty() && (Character.isDigit(text.charAt(0)) || text.charAt(0) == '-') && !text.contains(":")) {
            try {
                return new BigDecimal(text);
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }
}
