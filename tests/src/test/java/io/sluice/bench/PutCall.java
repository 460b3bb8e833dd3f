package io.sluice.bench;

import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;

/**
 * One put of a workload, whatever the API (Kinesis PutRecords or PutRecord, Firehose PutRecordBatch):
 * builds the call's records with the producer thread's {@code random}, sends it without blocking, and
 * completes with the number of records the server accepted. {@link PutDriver} decides when calls go out.
 */
@FunctionalInterface
interface PutCall {

    CompletableFuture<Integer> send(SplittableRandom random, long sentAt);

    /**
     * How calls go out: {@code producers} threads, at most {@code inFlight} calls outstanding, and, when
     * {@code targetRecordsPerSecond} is positive, one call of {@code recordsPerCall} records per due time.
     */
    record Pacing(int producers, int inFlight, int recordsPerCall, long targetRecordsPerSecond) {

        /** Nanoseconds between a producer's calls at the target rate; 0 without one (as fast as answers come). */
        long intervalNanos() {
            return targetRecordsPerSecond > 0 ? Math.max(1, (long) (recordsPerCall * 1e9 * producers / targetRecordsPerSecond)) : 0;
        }
    }
}
