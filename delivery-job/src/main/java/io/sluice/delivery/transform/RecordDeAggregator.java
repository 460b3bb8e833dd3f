package io.sluice.delivery.transform;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.sluice.delivery.api.Processing;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code RecordDeAggregation} processor: one record holding several is split into them before any other
 * processor sees it (AWS, "Apply dynamic partitioning to aggregated data").
 * <ul>
 *   <li>{@code SubRecordType JSON}: the record is JSON objects one after the other, with or without whitespace
 *       or newlines between them ({@code {"a":1}{"a":2}} or JSON Lines); each object's bytes, as sent, become one
 *       record. A record that is not such a sequence fails as a whole ({@link DeAggregationException}).
 *   <li>{@code SubRecordType DELIMITED}: the record is split at every occurrence of the {@code Delimiter} (given
 *       base64-encoded). <b>Sluice:</b> empty pieces (a delimiter at the end, or two in a row) are no records.
 * </ul>
 * Instances are immutable.
 */
public final class RecordDeAggregator {

    private static final JsonFactory JSON = new JsonFactory();

    /** A record that {@code SubRecordType JSON} cannot split. */
    public static final class DeAggregationException extends Exception {
        private static final long serialVersionUID = 1L;

        DeAggregationException(String message) {
            super(message, null, false, false);
        }
    }

    private final byte[] delimiter;

    private RecordDeAggregator(byte[] delimiter) {
        this.delimiter = delimiter;
    }

    /** The de-aggregator of a (validated) RecordDeAggregation processor. */
    public static RecordDeAggregator of(Processing.Processor processor) {
        return "DELIMITED".equals(processor.subRecordType()) ? new RecordDeAggregator(processor.delimiter()) : new RecordDeAggregator(null);
    }

    /** The records {@code record} holds, in order. */
    public List<byte[]> split(byte[] record) throws DeAggregationException {
        return delimiter == null ? splitJson(record) : splitDelimited(record);
    }

    private static List<byte[]> splitJson(byte[] record) throws DeAggregationException {
        List<byte[]> out = new ArrayList<>();
        try (JsonParser p = JSON.createParser(record)) {
            JsonToken token;
            while ((token = p.nextToken()) != null) {
                if (token != JsonToken.START_OBJECT) {
                    throw new DeAggregationException("The record is not a sequence of JSON objects: found " + token
                            + " at byte " + p.currentTokenLocation().getByteOffset() + ".");
                }
                int start = (int) p.currentTokenLocation().getByteOffset();
                p.skipChildren();
                int end = (int) p.currentLocation().getByteOffset();
                out.add(Arrays.copyOfRange(record, start, end));
            }
        } catch (JsonProcessingException e) {
            throw new DeAggregationException("The record is not a sequence of JSON objects: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new DeAggregationException("The record is not a sequence of JSON objects: " + e.getMessage());
        }
        if (out.isEmpty()) {
            throw new DeAggregationException("The record holds no JSON object.");
        }
        return out;
    }

    private List<byte[]> splitDelimited(byte[] record) {
        List<byte[]> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= record.length - delimiter.length; ) {
            if (matchesAt(record, i)) {
                addPiece(out, record, start, i);
                i += delimiter.length;
                start = i;
            } else {
                i++;
            }
        }
        addPiece(out, record, start, record.length);
        return out;
    }

    private boolean matchesAt(byte[] record, int at) {
        for (int j = 0; j < delimiter.length; j++) {
            if (record[at + j] != delimiter[j]) {
                return false;
            }
        }
        return true;
    }

    private static void addPiece(List<byte[]> out, byte[] record, int from, int to) {
        if (to > from) {
            out.add(Arrays.copyOfRange(record, from, to));
        }
    }
}
