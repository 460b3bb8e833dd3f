package io.sluice.ingest.reply;

import java.util.List;

/** The streams one catalog subtask holds after the start name, sorted, at most limit + 1 of them. */
public record ListStreamsPart(int limit, List<StreamSummary> streams) {

    public static final String KIND = "ListStreams";

    public byte[] encode() {
        return PartCodec.encode(this);
    }

    static ListStreamsPart decode(byte[] bytes) {
        return PartCodec.decode(bytes, ListStreamsPart.class);
    }
}
