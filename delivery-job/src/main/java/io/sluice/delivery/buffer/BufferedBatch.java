package io.sluice.delivery.buffer;

import java.util.List;

/**
 * The records of one accepted put, as they wait in the buffer's state: their arrival time and data.
 * One state entry per call (not per record) keeps the buffer's state writes to one per put.
 */
public record BufferedBatch(long arrivalMillis, List<byte[]> records) {

    public long bytes() {
        long n = 0;
        for (byte[] r : records) {
            n += r.length;
        }
        return n;
    }
}
