package io.sluice.common.connector.errors;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/**
 * A record that a table's format could not decode, as one row of Kinesis Data Analytics' error stream: {@code ERROR_TIME}
 * (when it failed), {@code ERROR_LEVEL} ({@code ERROR}), {@code ERROR_NAME} ({@link #PARSE_ERROR}), {@code MESSAGE}
 * (the format's message and its root cause's, at most 4,096 characters), {@code DATA_ROWTIME} (the record's arrival
 * time: an input row's ROWTIME), {@code DATA_ROW} (the record's bytes in lower-case hex, at most KDA's 49,152
 * characters) and {@code PUMP_NAME}. {@link #toJson} writes one JSON object with those keys, the times as
 * {@code yyyy-MM-dd HH:mm:ss.SSS} in UTC (Flink's {@code json} format reads them into {@code TIMESTAMP(3)} columns).
 */
public record ParseError(long errorMillis, String message, long rowMillis, byte[] data, String pumpName) {

    public static final String LEVEL = "ERROR";
    public static final String PARSE_ERROR = "PARSE_ERROR";
    /** KDA's column sizes: MESSAGE VARCHAR(4096), DATA_ROW VARCHAR(49152). */
    static final int MAX_MESSAGE = 4096;
    static final int MAX_DATA_ROW = 49_152;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    /** The error of {@code failure}, decoding {@code data} that arrived at {@code rowMillis}, seen at {@code errorMillis}. */
    public static ParseError of(Throwable failure, byte[] data, long rowMillis, long errorMillis, String pumpName) {
        return new ParseError(errorMillis, message(failure), rowMillis, data, pumpName);
    }

    /** The format's message, then its root cause's (Jackson's names the character and the position). */
    static String message(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = String.valueOf(failure.getMessage());
        if (root != failure) {
            message += " Caused by: " + root.getClass().getSimpleName() + ": " + root.getMessage();
        }
        return message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE) : message;
    }

    /** {@code DATA_ROW}: the bytes in hex, cut to KDA's column size. */
    public String dataRow() {
        int bytes = Math.min(data.length, MAX_DATA_ROW / 2);
        return HexFormat.of().formatHex(data, 0, bytes);
    }

    /** The error as one JSON object (UTF-8, no line break). */
    public byte[] toJson() {
        ObjectNode row = JSON.createObjectNode();
        row.put("ERROR_TIME", formatTime(errorMillis));
        row.put("ERROR_LEVEL", LEVEL);
        row.put("ERROR_NAME", PARSE_ERROR);
        row.put("MESSAGE", message);
        row.put("DATA_ROWTIME", formatTime(rowMillis));
        row.put("DATA_ROW", dataRow());
        row.put("PUMP_NAME", pumpName);
        return row.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A time as the error row writes it: {@code yyyy-MM-dd HH:mm:ss.SSS}, UTC. */
    public static String formatTime(long millis) {
        return TIME.format(Instant.ofEpochMilli(millis));
    }
}
