package io.sluice.common.connector.sink;

import java.io.Serializable;

/**
 * How a {@link BatchPutSink} batches: records per call (at most the service's limit), calls in flight
 * per writer, records a writer buffers before it back-pressures, and the longest a record waits for
 * its batch to fill. Builders and the SQL tables share it; {@link #check} says what is wrong.
 */
public record SinkTuning(int maxBatchSize, int maxInFlightRequests, int maxBufferedRequests, long maxTimeInBufferMillis)
        implements Serializable {

    /** The defaults: full batches, 50 calls in flight, 10,000 buffered records, 5 s. */
    public static SinkTuning defaults(int maxBatchRecords) {
        return new SinkTuning(maxBatchRecords, 50, 10_000, 5_000);
    }

    /** This tuning, or an {@link IllegalArgumentException} naming the first value out of range. */
    public SinkTuning check(int maxBatchRecords) {
        if (maxBatchSize < 1 || maxBatchSize > maxBatchRecords) {
            throw new IllegalArgumentException("maxBatchSize must be 1 to " + maxBatchRecords + ", not " + maxBatchSize);
        }
        if (maxInFlightRequests < 1) {
            throw new IllegalArgumentException("maxInFlightRequests must be positive, not " + maxInFlightRequests);
        }
        if (maxBufferedRequests <= maxBatchSize) {
            throw new IllegalArgumentException("maxBufferedRequests must be more than maxBatchSize (" + maxBatchSize + "), not "
                    + maxBufferedRequests);
        }
        if (maxTimeInBufferMillis < 1) {
            throw new IllegalArgumentException("maxTimeInBufferMillis must be positive, not " + maxTimeInBufferMillis);
        }
        return this;
    }

    SinkTuning withMaxBatchSize(int records) {
        return new SinkTuning(records, maxInFlightRequests, maxBufferedRequests, maxTimeInBufferMillis);
    }

    SinkTuning withMaxInFlightRequests(int requests) {
        return new SinkTuning(maxBatchSize, requests, maxBufferedRequests, maxTimeInBufferMillis);
    }

    SinkTuning withMaxBufferedRequests(int records) {
        return new SinkTuning(maxBatchSize, maxInFlightRequests, records, maxTimeInBufferMillis);
    }

    SinkTuning withMaxTimeInBufferMillis(long millis) {
        return new SinkTuning(maxBatchSize, maxInFlightRequests, maxBufferedRequests, millis);
    }
}
