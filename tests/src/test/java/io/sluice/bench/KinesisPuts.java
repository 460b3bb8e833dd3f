package io.sluice.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;

/**
 * The load generator's Kinesis put: a PutRecords call of {@code --records-per-call} records (or one
 * PutRecord when that is 0) with partition keys from the spec's distribution; records that a
 * PutRecords answer reports as failed are counted by error code and not as accepted.
 */
final class KinesisPuts implements PutCall {

    private final KinesisAsyncClient kinesis;
    private final LoadSpec spec;
    private final String stream;
    private final Payloads payloads;
    private final Tally tally;

    KinesisPuts(KinesisAsyncClient kinesis, LoadSpec spec, String stream, Payloads payloads, Tally tally) {
        this.kinesis = kinesis;
        this.spec = spec;
        this.stream = stream;
        this.payloads = payloads;
        this.tally = tally;
    }

    String operation() {
        return spec.recordsPerCall() == 0 ? "PutRecord" : "PutRecords";
    }

    @Override
    public CompletableFuture<Integer> send(SplittableRandom random, long sentAt) {
        if (spec.recordsPerCall() == 0) {
            SdkBytes data = SdkBytes.fromByteArrayUnsafe(payloads.next(random, sentAt));
            String key = spec.keys().next(random);
            return kinesis.putRecord(b -> b.streamName(stream).partitionKey(key).data(data)).thenApply(r -> 1);
        }
        List<PutRecordsRequestEntry> entries = new ArrayList<>(spec.recordsPerCall());
        for (int i = 0; i < spec.recordsPerCall(); i++) {
            entries.add(PutRecordsRequestEntry.builder()
                    .partitionKey(spec.keys().next(random))
                    .data(SdkBytes.fromByteArrayUnsafe(payloads.next(random, sentAt)))
                    .build());
        }
        return kinesis.putRecords(b -> b.streamName(stream).records(entries)).thenApply(response -> {
            Integer failed = response.failedRecordCount();
            if (failed != null && failed > 0) {
                tally.failedRecords.add(failed);
                for (PutRecordsResultEntry r : response.records()) {
                    if (r.errorCode() != null) {
                        tally.error("PutRecords.Record", r.errorCode());
                    }
                }
            }
            return entries.size() - (failed == null ? 0 : failed);
        });
    }
}
