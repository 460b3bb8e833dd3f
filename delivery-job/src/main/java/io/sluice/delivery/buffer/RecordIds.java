package io.sluice.delivery.buffer;

import java.util.ArrayList;
import java.util.List;

/**
 * Record ids for PutRecord and PutRecordBatch answers: the delivery stream's creation time and the
 * record's number in it, in hex (48 characters). Unique per delivery stream, also across a deletion
 * and re-creation under the same name.
 */
final class RecordIds {

    private RecordIds() {}

    static List<String> of(long streamCreatedMillis, long firstRecord, int count) {
        List<String> ids = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ids.add(String.format("%016x%032x", streamCreatedMillis, firstRecord + i));
        }
        return ids;
    }
}
