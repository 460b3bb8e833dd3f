package io.sluice.ingest.reply;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Internal CBOR encoding of reply parts (they never leave the job graph). */
final class PartCodec {

    private static final ObjectMapper CBOR = new CBORMapper();

    private PartCodec() {}

    static byte[] encode(Object part) {
        try {
            return CBOR.writeValueAsBytes(part);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static <T> T decode(byte[] bytes, Class<T> type) {
        try {
            return CBOR.readValue(bytes, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
