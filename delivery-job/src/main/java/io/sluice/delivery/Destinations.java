package io.sluice.delivery;

import io.sluice.delivery.buffer.PartitionChunk;
import io.sluice.delivery.catalog.DeliveryStream;
import io.sluice.delivery.http.HttpEndpointDelivery;
import io.sluice.delivery.http.HttpEndpointMetrics;
import io.sluice.delivery.http.JdkHttpEndpointSender;
import io.sluice.delivery.partition.PartitionKeys;
import io.sluice.delivery.s3.BucketStore;
import io.sluice.delivery.s3.PendingObject;
import io.sluice.delivery.s3.S3Delivery;
import io.sluice.delivery.transform.RecordProcessing;
import java.io.IOException;
import java.time.InstantSource;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * The one place a flush is delivered: to S3 ({@link S3Delivery}) or to an HTTP endpoint ({@link HttpEndpointDelivery}),
 * by the delivery stream's destination. Either way the result is the objects to commit at the checkpoint (data, error
 * output, backups). {@link #write} blocks (an HTTP endpoint's retries last up to its retry duration), so call it off
 * the task thread; one instance per thread (its processors are not thread-safe).
 */
public final class Destinations {

    private final S3Delivery s3;
    private final HttpEndpointDelivery http;

    /**
     * @param clock the arrival clock (it stamps HTTP requests and error documents)
     * @param metrics where {@code DeliveryToHttpEndpoint.*} are counted (shared by the flush threads)
     * @param activePartitions most partition buffers a dynamically partitioned stream has open
     * @param deflateLevel the deflate level of GZIP and ZIP objects
     */
    public Destinations(BucketStore store, RecordProcessing processing, String region, RandomGenerator random, InstantSource clock,
            HttpEndpointMetrics metrics, int activePartitions, int deflateLevel) {
        this.s3 = new S3Delivery(store, processing, region, random, activePartitions, deflateLevel);
        this.http = new HttpEndpointDelivery(store, processing, region, random, clock, new JdkHttpEndpointSender(),
                HttpEndpointDelivery.Timer.SYSTEM, metrics, deflateLevel);
    }

    /** Delivers the flush; returns its objects, none of them visible yet. */
    public List<PendingObject> write(DeliveryStream stream, S3Delivery.Flush flush) throws IOException {
        return stream.httpEndpoint() != null ? http.write(stream, flush) : s3.write(stream, flush);
    }

    /** Processes a flush of a dynamically partitioned stream into its partitions' records (see {@link S3Delivery#process}). */
    public S3Delivery.Processed process(DeliveryStream stream, S3Delivery.Flush flush, Set<PartitionKeys> open) throws IOException {
        return s3.process(stream, flush, open);
    }

    /** Writes a partition's buffer as one object (see {@link S3Delivery#writePartition}). */
    public List<PendingObject> writePartition(DeliveryStream stream, PartitionKeys partition, Iterable<PartitionChunk> chunks,
            long oldestArrivalMillis) throws IOException {
        return s3.writePartition(stream, partition, chunks, oldestArrivalMillis);
    }

    /** Writes a partition's buffer that S3 did not take within the retry duration to the error output (see {@link S3Delivery#writePartitionFailed}). */
    public List<PendingObject> writePartitionFailed(DeliveryStream stream, Iterable<PartitionChunk> chunks, long oldestArrivalMillis,
            int attempts, String message) throws IOException {
        return s3.writePartitionFailed(stream, chunks, oldestArrivalMillis, attempts, message);
    }
}
