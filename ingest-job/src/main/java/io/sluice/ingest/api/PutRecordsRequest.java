package io.sluice.ingest.api;

import io.sluice.common.error.InvalidArgumentException;
import io.sluice.common.model.HashKey;
import io.sluice.common.model.Utf8;
import io.sluice.common.wire.RequestReader;
import io.sluice.common.wire.Violations;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * PutRecord ({@code single}, one entry) and PutRecords (1–500 entries, at most 5 MiB of data and
 * partition keys, the keys counted in UTF-8 bytes as AWS and the shard's throttle count them). Hash keys are computed here, so routing needs only the shard map.
 */
public record PutRecordsRequest(String streamName, boolean single, List<PutEntry> entries) implements StreamRequest {

    /** Largest data blob of one record, before base64 (1 MiB). */
    public static final int MAX_DATA_BYTES = 1 << 20;

    /** Largest PutRecords request: data plus partition keys in UTF-8 bytes (5 MiB). */
    public static final long MAX_REQUEST_BYTES = 5L << 20;

    /** Most records in one PutRecords. */
    public static final int MAX_RECORDS = 500;

    static PutRecordsRequest readPutRecord(RequestReader r, RequestContext context) {
        Violations v = new Violations();
        String name = Checks.stream(r, v, context);
        PutEntry entry = readEntry(r, 0, "", v);
        String ordering = r.string("SequenceNumberForOrdering");
        Checks.pattern(v, ordering, "sequenceNumberForOrdering", Checks.SEQUENCE_NUMBER);
        v.throwIfAny();
        return new PutRecordsRequest(name, true, List.of(withHash(entry, r.string("ExplicitHashKey"))));
    }

    static PutRecordsRequest readPutRecords(RequestReader r, RequestContext context) {
        Violations v = new Violations();
        String name = Checks.stream(r, v, context);
        List<RequestReader> records = r.structList("Records");
        if (records == null) {
            v.required("records");
        } else if (records.isEmpty()) {
            v.add("[]", "records", "Member must have length greater than or equal to 1");
        } else if (records.size() > MAX_RECORDS) {
            v.add("[...]", "records", "Member must have length less than or equal to " + MAX_RECORDS);
        }
        List<PutEntry> entries = new ArrayList<>();
        if (records != null && records.size() <= MAX_RECORDS) {
            for (int i = 0; i < records.size(); i++) {
                entries.add(readEntry(records.get(i), i, "records." + (i + 1) + ".member.", v));
            }
        }
        v.throwIfAny();
        long size = 0;
        List<PutEntry> hashed = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            PutEntry e = entries.get(i);
            size += e.data().length + Utf8.length(e.partitionKey());
            hashed.add(withHash(e, records.get(i).string("ExplicitHashKey")));
        }
        if (size > MAX_REQUEST_BYTES) {
            throw new InvalidArgumentException("Records size exceeds 5 MB limit");
        }
        return new PutRecordsRequest(name, false, hashed);
    }

    private static PutEntry readEntry(RequestReader r, int index, String path, Violations v) {
        byte[] data = r.blob("Data");
        if (data == null) {
            v.required(path + "data");
        } else if (data.length > MAX_DATA_BYTES) {
            v.add("java.nio.HeapByteBuffer[pos=0 lim=" + data.length + " cap=" + data.length + "]", path + "data",
                    "Member must have length less than or equal to " + MAX_DATA_BYTES);
        }
        String partitionKey = r.string("PartitionKey");
        if (partitionKey == null) {
            v.required(path + "partitionKey");
        }
        Checks.length(v, partitionKey, path + "partitionKey", 1, 256);
        Checks.pattern(v, r.string("ExplicitHashKey"), path + "explicitHashKey", Checks.HASH_KEY);
        return new PutEntry(index, partitionKey, data, null);
    }

    private static PutEntry withHash(PutEntry e, String explicitHashKey) {
        BigInteger hash;
        if (explicitHashKey != null) {
            hash = HashKey.parseExplicit(explicitHashKey);
            if (hash == null) {
                throw new InvalidArgumentException(
                        "Invalid ExplicitHashKey. ExplicitHashKey must be in the range: [0, 2^128-1]. Specified value was "
                                + explicitHashKey);
            }
        } else {
            hash = HashKey.ofPartitionKey(e.partitionKey());
        }
        return new PutEntry(e.index(), e.partitionKey(), e.data(), hash);
    }
}
