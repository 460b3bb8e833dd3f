package io.sluice.bench;

import io.sluice.delivery.s3.CompressionFormat;
import io.sluice.tests.S3TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Watches the bucket the way a consumer of a delivery stream would: lists it every {@code poll} (ListObjectsV2,
 * without S3Proxy's multipart bookkeeping), counts each new object and its size, in the measured window and
 * over the run; with {@link Freshness}, reads each new object to learn which calls it holds; with
 * {@link DeliveredRows} (Parquet), reads each new object's rows. Objects outside the default {@code yyyy/} prefix
 * are error output ({@code format-conversion-failed/...}): counted as errors by their first path segment, not as
 * deliveries. Every object is deleted once counted (and read), so the in-memory S3 server holds only what is not
 * yet seen and a long run does not fill its heap.
 */
final class DeliveryWatcher implements AutoCloseable {

    private final S3Client s3;
    private final String bucket;
    private final CompressionFormat format;
    private final MeasuredWindow window;
    private final Freshness freshness;
    private final DeliveredRows rows;
    private final Tally tally;
    private final Set<String> seen = new HashSet<>();
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "delivery-watcher");
        t.setDaemon(true);
        return t;
    });
    final LongAdder objects = new LongAdder();
    final LongAdder bytes = new LongAdder();
    final LongAdder objectsInWindow = new LongAdder();
    final LongAdder bytesInWindow = new LongAdder();

    /**
     * {@code freshness} and {@code rows} may be null: objects are then counted, not read. Failed polls count as errors
     * in {@code tally}.
     */
    DeliveryWatcher(S3Client s3, String bucket, CompressionFormat format, MeasuredWindow window, Freshness freshness, DeliveredRows rows,
            Tally tally) {
        this.s3 = s3;
        this.bucket = bucket;
        this.format = format;
        this.window = window;
        this.freshness = freshness;
        this.rows = rows;
        this.tally = tally;
    }

    void start(Duration poll) {
        poller.scheduleWithFixedDelay(this::pollSafely, 0, poll.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Lists once more (after the load, so that the last deliveries are counted) from the caller's thread. */
    void pollNow() throws InterruptedException {
        try {
            poller.submit(this::pollSafely).get(60, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            tally.error("ListObjects/GetObject", e);
        }
    }

    private void pollSafely() {
        try {
            poll();
        } catch (RuntimeException | IOException e) {
            tally.error("ListObjects/GetObject", e);
        }
    }

    private void poll() throws IOException {
        List<S3Object> listing = S3TestServer.objects(s3, bucket);
        long listed = System.nanoTime();
        for (S3Object o : listing) {
            // Delivered objects are under the default prefix yyyy/MM/dd/HH/. The rest is S3Proxy's bookkeeping of
            // multipart uploads that S3TestServer.objects may miss while one completes: never touch it.
            if (o.key().indexOf('/') <= 0 || o.key().endsWith("/") || seen.contains(o.key())) {
                continue;
            }
            if (!Character.isDigit(o.key().charAt(0))) {
                seen.add(o.key());
                tally.error("ErrorOutput", o.key().substring(0, o.key().indexOf('/')));
                s3.deleteObject(b -> b.bucket(bucket).key(o.key()));
                continue;
            }
            long[] calls = rows == null ? null : rows.add(read(o.key()));
            if (freshness != null) {
                freshness.visible(calls != null ? calls : calls(read(o.key())), listed);
            }
            seen.add(o.key());
            objects.increment();
            bytes.add(o.size());
            if (window.contains(listed)) {
                objectsInWindow.increment();
                bytesInWindow.add(o.size());
            }
            s3.deleteObject(b -> b.bucket(bucket).key(o.key()));
        }
    }

    /** The object's data, decompressed. */
    private byte[] read(String key) throws IOException {
        try (InputStream in = format.unwrap(s3.getObject(b -> b.bucket(bucket).key(key)))) {
            return in.readAllBytes();
        }
    }

    /** The distinct call numbers of the records (JSON lines) in {@code data}, in order of first appearance. */
    private static long[] calls(byte[] data) {
        long[] calls = new long[16];
        int n = 0;
        for (int at = 0; at < data.length; ) {
            long call = JsonRecords.callOf(data, at);
            if (call >= 0 && (n == 0 || calls[n - 1] != call)) {
                if (n == calls.length) {
                    calls = Arrays.copyOf(calls, n * 2);
                }
                calls[n++] = call;
            }
            int newline = indexOf(data, (byte) '\n', at);
            at = newline < 0 ? data.length : newline + 1;
        }
        return Arrays.stream(calls, 0, n).distinct().toArray();
    }

    private static int indexOf(byte[] data, byte b, int from) {
        for (int i = from; i < data.length; i++) {
            if (data[i] == b) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public void close() {
        poller.shutdownNow();
    }
}
