package io.sluice.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.firehose.FirehoseAsyncClient;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponseEntry;
import software.amazon.awssdk.services.firehose.model.Record;

/**
 * The Firehose benchmark's put: one PutRecordBatch of {@code recordsPerCall} {@link JsonRecords}, each carrying
 * the call's number; records the answer reports as failed are counted by error code and not as accepted. With
 * {@link Freshness} it notes when each call was answered.
 */
final class FirehosePuts implements PutCall {

    static final String OPERATION = "PutRecordBatch";

    private final FirehoseAsyncClient firehose;
    private final String deliveryStream;
    private final int recordsPerCall;
    private final JsonRecords records;
    private final Tally tally;
    private final Freshness freshness;
    private final AtomicLong calls = new AtomicLong();

    /** {@code freshness} may be null: answers are then not noted. */
    FirehosePuts(FirehoseAsyncClient firehose, String deliveryStream, int recordsPerCall, JsonRecords records, Tally tally,
            Freshness freshness) {
        this.firehose = firehose;
        this.deliveryStream = deliveryStream;
        this.recordsPerCall = recordsPerCall;
        this.records = records;
        this.tally = tally;
        this.freshness = freshness;
    }

    @Override
    public CompletableFuture<Integer> send(SplittableRandom random, long sentAt) {
        long call = calls.getAndIncrement();
        List<Record> batch = new ArrayList<>(recordsPerCall);
        for (int i = 0; i < recordsPerCall; i++) {
            batch.add(Record.builder().data(SdkBytes.fromByteArrayUnsafe(records.next(random, call, i))).build());
        }
        return firehose.putRecordBatch(b -> b.deliveryStreamName(deliveryStream).records(batch)).thenApply(response -> {
            if (freshness != null) {
                freshness.answered(call, System.nanoTime());
            }
            Integer failed = response.failedPutCount();
            if (failed != null && failed > 0) {
                tally.failedRecords.add(failed);
                for (PutRecordBatchResponseEntry r : response.requestResponses()) {
                    if (r.errorCode() != null) {
                        tally.error(OPERATION + ".Record", r.errorCode());
                    }
                }
            }
            return batch.size() - (failed == null ? 0 : failed);
        });
    }
}
