package io.sluice.bench;

import io.sluice.delivery.convert.ConvertedObjectReader;
import java.io.IOException;
import java.util.BitSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The records found in delivered Parquet objects, read back with Sluice's {@link ConvertedObjectReader} against
 * {@link JsonRecords#COLUMNS} and told apart by their {@code call} and {@code seq} fields, so that a run can check
 * that every acknowledged record was delivered exactly once: {@link #rows} counts every row read, {@link #distinct}
 * every (call, seq) seen at least once, and a row without a call or seq counts as {@link #unidentified}.
 */
final class DeliveredRows {

    private final int recordsPerCall;
    private final BitSet seen = new BitSet();
    private long rows;
    private long distinct;
    private long unidentified;

    DeliveredRows(int recordsPerCall) {
        this.recordsPerCall = recordsPerCall;
    }

    /** Counts the rows of one Parquet object; returns the distinct calls its rows belong to, in order of first appearance. */
    synchronized long[] add(byte[] parquet) throws IOException {
        Set<Long> calls = new LinkedHashSet<>();
        for (List<Object> row : ConvertedObjectReader.parquet(parquet, JsonRecords.COLUMNS)) {
            rows++;
            Object call = row.get(0);
            Object seq = row.get(1);
            if (!(call instanceof Long) || !(seq instanceof Integer) || (Integer) seq < 0 || (Integer) seq >= recordsPerCall
                    || (Long) call > (Integer.MAX_VALUE - recordsPerCall) / recordsPerCall) {
                unidentified++;
                continue;
            }
            calls.add((Long) call);
            int index = (int) ((Long) call * recordsPerCall + (Integer) seq);
            if (!seen.get(index)) {
                seen.set(index);
                distinct++;
            }
        }
        return calls.stream().mapToLong(Long::longValue).toArray();
    }

    synchronized long rows() {
        return rows;
    }

    synchronized long distinct() {
        return distinct;
    }

    synchronized long unidentified() {
        return unidentified;
    }
}
