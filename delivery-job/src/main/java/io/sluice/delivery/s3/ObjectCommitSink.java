package io.sluice.delivery.s3;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.api.connector.sink2.CommitterInitContext;
import org.apache.flink.api.connector.sink2.CommittingSinkWriter;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.SupportsCommitter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The second phase of delivery: objects that a flush wrote (invisible) become visible once the
 * checkpoint that holds the flush completes. The writer only collects the {@link PendingObject}s
 * that reach it before a checkpoint's barrier; Flink's committer operator keeps them in that
 * checkpoint and calls {@link ObjectCommitter} after it completes (again after a restore, which is
 * why commits are idempotent). So every flushed record lands in exactly one visible object.
 */
public final class ObjectCommitSink implements Sink<PendingObject>, SupportsCommitter<PendingObject> {

    private static final long serialVersionUID = 1L;

    private final BucketStoreFactory buckets;

    public ObjectCommitSink(BucketStoreFactory buckets) {
        this.buckets = buckets;
    }

    @Override
    public SinkWriter<PendingObject> createWriter(WriterInitContext context) {
        return new PendingObjectCollector();
    }

    @Override
    public Committer<PendingObject> createCommitter(CommitterInitContext context) throws IOException {
        return new ObjectCommitter(buckets.open(), context.metricGroup());
    }

    @Override
    public SimpleVersionedSerializer<PendingObject> getCommittableSerializer() {
        return new PendingObjectSerializer();
    }

    /** Hands the objects written since the last checkpoint to the committer at the next one. */
    static final class PendingObjectCollector implements CommittingSinkWriter<PendingObject, PendingObject> {

        private List<PendingObject> pending = new ArrayList<>();

        @Override
        public void write(PendingObject object, Context context) {
            pending.add(object);
        }

        @Override
        public void flush(boolean endOfInput) {}

        @Override
        public Collection<PendingObject> prepareCommit() {
            List<PendingObject> ready = pending;
            pending = new ArrayList<>();
            return ready;
        }

        @Override
        public void close() {}
    }

    /**
     * Makes pending objects visible. A commit that fails is retried after a backoff (100 ms doubling to 5 s, with
     * jitter): Flink's committer operator repeats a {@code retryLater} request at once, up to
     * {@code sink.committer.retries} times (the delivery job sets 100), then fails the job, which restores and commits
     * again. The backoff waits on the committer's task thread.
     */
    static final class ObjectCommitter implements Committer<PendingObject> {

        private static final Logger LOG = LoggerFactory.getLogger(ObjectCommitter.class);

        private final BucketStore store;
        private final MetricGroup metrics;
        private final Map<String, Delivered> delivered = new HashMap<>();

        ObjectCommitter(BucketStore store, MetricGroup metrics) {
            this.store = store;
            this.metrics = metrics;
        }

        @Override
        public void commit(Collection<CommitRequest<PendingObject>> requests) {
            for (CommitRequest<PendingObject> request : requests) {
                PendingObject object = request.getCommittable();
                try {
                    store.commit(object);
                    if (object.errorOutputType() != null) {
                        continue; // error output is not delivered data
                    }
                    delivered.computeIfAbsent(object.deliveryStream(), name -> new Delivered(metrics.addGroup("delivery_stream", name)))
                            .count(object);
                } catch (IOException e) {
                    LOG.warn("Commit of {} in bucket {} failed (try {}); retrying", object.key(), object.bucket(),
                            request.getNumberOfRetries() + 1, e);
                    backOff(request.getNumberOfRetries());
                    request.retryLater();
                }
            }
        }

        private static void backOff(int retries) {
            long millis = Math.min(5_000L, 100L << Math.min(retries, 6));
            try {
                Thread.sleep(millis / 2 + ThreadLocalRandom.current().nextLong(millis / 2 + 1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void close() throws IOException {
            store.close();
        }
    }

    /**
     * Firehose's {@code DeliveryToS3.*} metrics of one delivery stream, counted when objects become visible:
     * {@code Records} and {@code Bytes} delivered, {@code Success} the objects committed.
     */
    private static final class Delivered {
        private final Counter records;
        private final Counter bytes;
        private final Counter success;

        Delivered(MetricGroup group) {
            records = group.counter("DeliveryToS3.Records");
            bytes = group.counter("DeliveryToS3.Bytes");
            success = group.counter("DeliveryToS3.Success");
        }

        void count(PendingObject object) {
            records.inc(object.records());
            bytes.inc(object.bytes());
            success.inc();
        }
    }
}
