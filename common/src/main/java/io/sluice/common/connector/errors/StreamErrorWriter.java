package io.sluice.common.connector.errors;

import io.sluice.common.connector.sink.AwsErrors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;

/**
 * Writes errors into a Kinesis stream with PutRecords (up to 500 records and 5 MiB a call), one JSON object per record, keyed by
 * the pump's name. Records that fail on their own and calls that fail with a retryable error (throttling, a server
 * error, a lost connection) are sent again after a backoff (100 ms, doubling, at most 5 s) for up to
 * {@link #RETRY_MILLIS}; after that, or on an error no retry fixes (no such stream), the write fails and its errors are
 * kept by the {@link ErrorOutput}.
 */
final class StreamErrorWriter implements ErrorWriter {

    static final int MAX_BATCH = 500;
    /** PutRecords takes at most 5 MiB of data and partition keys; an error row is at most ~54 KB. */
    static final long MAX_BATCH_BYTES = 5L * 1024 * 1024;
    static final long RETRY_MILLIS = 60_000;

    private final KinesisClient kinesis;
    private final String streamName;

    StreamErrorWriter(KinesisClient kinesis, String streamName) {
        this.kinesis = kinesis;
        this.streamName = streamName;
    }

    @Override
    public void write(List<ParseError> batch) throws IOException {
        List<PutRecordsRequestEntry> entries = new ArrayList<>();
        long bytes = 0;
        for (ParseError error : batch) {
            PutRecordsRequestEntry entry = PutRecordsRequestEntry.builder().partitionKey(error.pumpName())
                    .data(SdkBytes.fromByteArray(error.toJson())).build();
            long size = entry.data().asByteArrayUnsafe().length + entry.partitionKey().getBytes(StandardCharsets.UTF_8).length;
            if (entries.size() == MAX_BATCH || (!entries.isEmpty() && bytes + size > MAX_BATCH_BYTES)) {
                put(entries);
                entries = new ArrayList<>();
                bytes = 0;
            }
            entries.add(entry);
            bytes += size;
        }
        if (!entries.isEmpty()) {
            put(entries);
        }
    }

    private void put(List<PutRecordsRequestEntry> entries) throws IOException {
        long deadline = System.currentTimeMillis() + RETRY_MILLIS;
        long backoff = 100;
        List<PutRecordsRequestEntry> toSend = entries;
        while (true) {
            List<PutRecordsRequestEntry> sending = toSend;
            try {
                toSend = failed(sending, kinesis.putRecords(b -> b.streamName(streamName).records(sending)));
            } catch (RuntimeException e) {
                if (!AwsErrors.isRetryable(e, AwsErrors.KINESIS_THROTTLING) || System.currentTimeMillis() > deadline) {
                    throw new IOException("PutRecords of parse errors to stream " + streamName + " failed", e);
                }
            }
            if (toSend.isEmpty()) {
                return;
            }
            if (System.currentTimeMillis() > deadline) {
                throw new IOException(toSend.size() + " parse errors were not taken by stream " + streamName + " within "
                        + RETRY_MILLIS + " ms");
            }
            sleep(backoff);
            backoff = Math.min(5_000, backoff * 2);
        }
    }

    private static List<PutRecordsRequestEntry> failed(List<PutRecordsRequestEntry> sent, PutRecordsResponse response) {
        if (response.failedRecordCount() == null || response.failedRecordCount() == 0) {
            return List.of();
        }
        List<PutRecordsRequestEntry> failed = new ArrayList<>();
        for (int i = 0; i < response.records().size(); i++) {
            if (response.records().get(i).errorCode() != null) {
                failed.add(sent.get(i));
            }
        }
        return failed;
    }

    private static void sleep(long millis) throws IOException {
        try {
            Thread.sleep(millis); // the backoff before a retry, on the writing thread
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while retrying parse errors", e);
        }
    }

    @Override
    public void close() {
        kinesis.close();
    }
}
