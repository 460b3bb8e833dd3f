package io.sluice.delivery.api;

import io.sluice.common.error.InvalidArgumentException;
import io.sluice.common.wire.RequestReader;
import io.sluice.common.wire.Violations;
import java.util.ArrayList;
import java.util.List;

/**
 * PutRecord ({@code single}, one record) or PutRecordBatch (1–500 records, at most 4 MiB in all);
 * each record's data is at most 1,000 KiB.
 */
public record PutRecordBatchRequest(String name, boolean single, List<byte[]> records) implements FirehoseRequest {

    public static final int MAX_RECORDS = 500;
    public static final int MAX_RECORD_BYTES = 1_024_000;
    public static final int MAX_BATCH_BYTES = 4 * 1024 * 1024;

    static PutRecordBatchRequest readPutRecord(RequestReader r) {
        Violations v = new Violations();
        String name = FirehoseChecks.deliveryStreamName(r, v);
        RequestReader record = r.struct("Record");
        byte[] data = null;
        if (record == null) {
            v.required("record");
        } else {
            data = data(record, "record.data", v);
        }
        v.throwIfAny();
        return new PutRecordBatchRequest(name, true, List.of(data));
    }

    static PutRecordBatchRequest readPutRecordBatch(RequestReader r) {
        Violations v = new Violations();
        String name = FirehoseChecks.deliveryStreamName(r, v);
        List<RequestReader> items = r.structList("Records");
        List<byte[]> records = new ArrayList<>();
        if (items == null) {
            v.required("records");
        } else if (items.isEmpty()) {
            v.add("[]", "records", "Member must have length greater than or equal to 1");
        } else if (items.size() > MAX_RECORDS) {
            v.add("[...]", "records", "Member must have length less than or equal to " + MAX_RECORDS);
        } else {
            for (int i = 0; i < items.size(); i++) {
                records.add(data(items.get(i), "records." + (i + 1) + ".member.data", v));
            }
        }
        v.throwIfAny();
        long total = 0;
        for (byte[] data : records) {
            total += data.length;
        }
        if (total > MAX_BATCH_BYTES) {
            throw new InvalidArgumentException("Records size exceeds 4 MiB limit: " + total + " bytes of data in one PutRecordBatch.");
        }
        return new PutRecordBatchRequest(name, false, records);
    }

    private static byte[] data(RequestReader record, String path, Violations v) {
        byte[] data = record.blob("Data");
        if (data == null) {
            v.required(path);
        } else if (data.length > MAX_RECORD_BYTES) {
            v.add("java.nio.HeapByteBuffer[pos=0 lim=" + data.length + " cap=" + data.length + "]", path,
                    "Member must have length less than or equal to " + MAX_RECORD_BYTES);
        }
        return data;
    }
}
