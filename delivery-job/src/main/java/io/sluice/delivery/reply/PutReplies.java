package io.sluice.delivery.reply;

import io.sluice.common.wire.ReplyWriter;
import io.sluice.common.wire.WireFormat;
import java.util.List;

/** The answers of PutRecord ({@code RecordId}) and PutRecordBatch ({@code RequestResponses} in request order). */
public final class PutReplies {

    private PutReplies() {}

    /** Every record accepted, with its id. */
    public static byte[] accepted(WireFormat format, boolean single, List<String> recordIds) {
        return ReplyWriter.write(format, g -> {
            if (single) {
                g.writeStringField("RecordId", recordIds.get(0));
                g.writeBooleanField("Encrypted", false);
                return;
            }
            g.writeNumberField("FailedPutCount", 0);
            g.writeBooleanField("Encrypted", false);
            g.writeArrayFieldStart("RequestResponses");
            for (String id : recordIds) {
                g.writeStartObject();
                g.writeStringField("RecordId", id);
                g.writeEndObject();
            }
            g.writeEndArray();
        });
    }
}
