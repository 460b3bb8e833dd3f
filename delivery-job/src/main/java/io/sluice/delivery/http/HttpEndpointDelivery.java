package io.sluice.delivery.http;

import io.sluice.delivery.api.HttpEndpointDestination;
import io.sluice.delivery.api.S3Destination;
import io.sluice.delivery.catalog.DeliveryStream;
import io.sluice.delivery.partition.PartitionKeys;
import io.sluice.delivery.s3.BucketStore;
import io.sluice.delivery.s3.KeyContext;
import io.sluice.delivery.s3.ObjectKeys;
import io.sluice.delivery.s3.PendingObject;
import io.sluice.delivery.s3.S3Delivery;
import io.sluice.delivery.s3.SourceBackup;
import io.sluice.delivery.s3.StagedObject;
import io.sluice.delivery.transform.ErrorDocument;
import io.sluice.delivery.transform.RecordProcessing;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.random.RandomGenerator;

/**
 * Delivers one flush of a delivery stream to its HTTP endpoint. The records go through the destination's processors;
 * what comes out is POSTed in requests of at most 10,000 records and 64 MiB ({@link HttpEndpointRequest}); a request
 * that fails is sent again, same request id and body, after {@link RetryBackoff}'s waits, as long as a retry can start
 * within {@code RetryOptions.DurationInSeconds} of the first failure (0: no retry). What the endpoint never took goes to
 * the backup bucket ({@code S3Configuration}) as {@link HttpEndpointErrorDocument}s under the error output type
 * {@code http-endpoint-failed}; records that failed processing go there as {@code processing-failed}; with
 * {@code S3BackupMode AllData} every source record goes there too ({@link SourceBackup}). Those objects are returned,
 * to be committed at the checkpoint like every object.
 *
 * <p>Unlike S3, an HTTP endpoint cannot take part in the checkpoint's two-phase commit: a request is delivered when its
 * answer comes. A flush that fails later (its backup bucket fails) is delivered again, and so is one whose checkpoint
 * never completes (a failure restores the records to the buffer): delivery to an HTTP endpoint is at least once, as
 * AWS's is, and the request id lets an endpoint drop repeats of one request.
 *
 * <p>{@link #write} blocks (requests, their retries) and keeps no state between calls; one call runs on one thread.
 */
public final class HttpEndpointDelivery {

    static final String HTTP_ENDPOINT_FAILED = "http-endpoint-failed";
    static final String PROCESSING_FAILED = RecordProcessing.PROCESSING_FAILED;

    /** Monotonic time and sleeping, apart from the arrival clock (which tests fix). */
    public interface Timer {
        Timer SYSTEM = new Timer() {
            @Override
            public long nanoTime() {
                return System.nanoTime();
            }

            @Override
            public void sleep(long millis) throws InterruptedException {
                Thread.sleep(millis);
            }
        };

        long nanoTime();

        void sleep(long millis) throws InterruptedException;
    }

    private final BucketStore store;
    private final RecordProcessing processing;
    private final String region;
    private final RandomGenerator random;
    private final InstantSource clock;
    private final HttpEndpointSender sender;
    private final Timer timer;
    private final HttpEndpointMetrics metrics;
    /** The deflate level of GZIP and ZIP error and backup objects. */
    private final int deflateLevel;

    /**
     * @param clock stamps requests ({@code timestamp}) and error documents ({@code attemptEndingTimestamp}), as the
     *     arrival clock stamps records
     * @param metrics where {@code DeliveryToHttpEndpoint.*} are counted, or {@code null}
     */
    public HttpEndpointDelivery(BucketStore store, RecordProcessing processing, String region, RandomGenerator random,
            InstantSource clock, HttpEndpointSender sender, Timer timer, HttpEndpointMetrics metrics, int deflateLevel) {
        this.store = store;
        this.deflateLevel = deflateLevel;
        this.processing = processing;
        this.region = region;
        this.random = random;
        this.clock = clock;
        this.sender = sender;
        this.timer = timer;
        this.metrics = metrics;
    }

    /** Delivers the flush; returns the objects for the backup bucket, none of them visible yet. */
    public List<PendingObject> write(DeliveryStream stream, S3Delivery.Flush flush) throws IOException {
        HttpEndpointDestination http = stream.httpEndpoint();
        S3Destination bucket = stream.destination();
        KeyContext keys = new KeyContext(bucket.prefix(), bucket.errorOutputPrefix(), bucket.zone(), stream.name(),
                stream.versionId(), Instant.ofEpochMilli(flush.oldestArrivalMillis()), UUID.randomUUID().toString(),
                bucket.extension(), Map.of(), Map.of(), false, random);
        StagedObject processingFailed = errorObject(stream, keys, PROCESSING_FAILED);
        StagedObject deliveryFailed = errorObject(stream, keys, HTTP_ENDPOINT_FAILED);
        Requests requests = new Requests(stream, http, deliveryFailed);
        try {
            processing.run(bucket.processing(), stream.arn(), region, flush.batches(), new RecordProcessing.Output() {
                @Override
                public void ok(byte[] data, PartitionKeys keys, long arrivalMillis) throws IOException {
                    requests.add(data, arrivalMillis);
                }

                @Override
                public void failed(String errorOutputType, ErrorDocument error) throws IOException {
                    processingFailed.write(error.toJsonLine()); // an HTTP destination has no partitioning: only processing fails
                }
            });
            requests.send();
            List<PendingObject> objects = new ArrayList<>(3);
            if (processingFailed.started()) {
                objects.add(processingFailed.closeForCommit().asErrorOutput(PROCESSING_FAILED));
            }
            if (deliveryFailed.started()) {
                objects.add(deliveryFailed.closeForCommit().asErrorOutput(HTTP_ENDPOINT_FAILED));
            }
            if (http.backupMode() == HttpEndpointDestination.BackupMode.AllData) {
                PendingObject backup = SourceBackup.write(store, stream, bucket, flush, random, deflateLevel);
                if (backup != null) {
                    objects.add(backup);
                }
            }
            return objects;
        } catch (IOException | RuntimeException e) {
            processingFailed.abort();
            deliveryFailed.abort();
            throw e;
        }
    }

    private StagedObject errorObject(DeliveryStream stream, KeyContext keys, String errorOutputType) {
        return new StagedObject(store, stream.name(), stream.destination().bucket(), stream.destination().compressionFormat(),
                () -> ObjectKeys.errorKey(keys.withUuid(UUID.randomUUID().toString()), errorOutputType), deflateLevel);
    }

    /** The records of one flush, gathered into requests and sent when a request is full, and at the end. */
    private final class Requests {
        private final DeliveryStream stream;
        private final HttpEndpointDestination http;
        private final StagedObject failed;
        private List<byte[]> records = new ArrayList<>();
        private List<Long> arrivals = new ArrayList<>();
        private long bodyBytes = HttpEndpointRequest.ENVELOPE_BYTES;
        private long dataBytes;

        Requests(DeliveryStream stream, HttpEndpointDestination http, StagedObject failed) {
            this.stream = stream;
            this.http = http;
            this.failed = failed;
        }

        void add(byte[] data, long arrivalMillis) throws IOException {
            long size = HttpEndpointRequest.bytesInBody(data.length);
            if (!records.isEmpty()
                    && (records.size() == HttpEndpointRequest.MAX_RECORDS || bodyBytes + size > HttpEndpointRequest.MAX_BODY_BYTES)) {
                send();
            }
            records.add(data);
            arrivals.add(arrivalMillis);
            bodyBytes += size;
            dataBytes += data.length;
        }

        /** Sends what is gathered, retrying as the destination allows; what it never takes becomes error documents. */
        void send() throws IOException {
            if (records.isEmpty()) {
                return;
            }
            String requestId = UUID.randomUUID().toString();
            byte[] body = new HttpEndpointRequest(requestId, clock.millis(), records).body();
            if (http.contentEncoding() == HttpEndpointDestination.ContentEncoding.GZIP) {
                body = HttpEndpointRequest.gzip(body);
            }
            int attempts = 0;
            long deadline = 0;
            Attempt attempt;
            while (true) {
                attempts++;
                attempt = attempt(requestId, body);
                if (attempt.delivered()) {
                    if (metrics != null) {
                        metrics.of(stream.name()).delivered(records.size(), dataBytes);
                    }
                    reset();
                    return;
                }
                if (metrics != null) {
                    metrics.of(stream.name()).failed();
                }
                long now = timer.nanoTime();
                if (attempts == 1) {
                    deadline = now + http.retryDurationSeconds() * 1_000_000_000L; // the duration starts at the first failure
                }
                long wait = RetryBackoff.delayMillis(attempts - 1, random);
                if (attempt.permanent() || now + wait * 1_000_000L > deadline) {
                    break;
                }
                pause(wait);
            }
            long ended = clock.millis();
            for (int i = 0; i < records.size(); i++) {
                failed.write(new HttpEndpointErrorDocument(attempts, arrivals.get(i), attempt.errorCode(), attempt.errorMessage(),
                        ended, records.get(i)).toJsonLine());
            }
            reset();
        }

        private Attempt attempt(String requestId, byte[] body) throws IOException {
            try {
                return sender.send(http, stream.arn(), requestId, body);
            } catch (InterruptedException e) {
                throw interrupted(e);
            }
        }

        private void pause(long millis) throws IOException {
            try {
                timer.sleep(millis);
            } catch (InterruptedException e) {
                throw interrupted(e);
            }
        }

        private IOException interrupted(InterruptedException e) {
            Thread.currentThread().interrupt();
            InterruptedIOException io = new InterruptedIOException("Interrupted while delivering to " + stream.name() + "'s endpoint");
            io.initCause(e);
            return io;
        }

        private void reset() {
            records = new ArrayList<>();
            arrivals = new ArrayList<>();
            bodyBytes = HttpEndpointRequest.ENVELOPE_BYTES;
            dataBytes = 0;
        }
    }
}
