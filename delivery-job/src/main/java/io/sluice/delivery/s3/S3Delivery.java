package io.sluice.delivery.s3;

import io.sluice.delivery.api.S3Destination;
import io.sluice.delivery.buffer.BufferedBatch;
import io.sluice.delivery.buffer.PartitionChunk;
import io.sluice.delivery.catalog.DeliveryStream;
import io.sluice.delivery.convert.ConversionException;
import io.sluice.delivery.convert.FormatConversion;
import io.sluice.delivery.partition.PartitionKeyNames;
import io.sluice.delivery.partition.PartitionKeys;
import io.sluice.delivery.transform.ErrorDocument;
import io.sluice.delivery.transform.RecordProcessing;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * Writes a delivery stream's buffer to S3, the first phase of delivery. Without dynamic partitioning, one flush:
 * its records go through the destination's processors, and what comes out is written as one S3 object under the key
 * AWS would give it (prefix, stream name and version, the oldest record's arrival, a UUID), compressed. With dynamic
 * partitioning, in two steps, as each partition has its own buffer: {@link #process} runs the processors over a flush
 * and gives back each partition's processed records (at most {@code activePartitions} partitions open at once:
 * records of further partitions go to the error output as {@value #ACTIVE_PARTITIONS_EXCEEDED}), and
 * {@link #writePartition} writes a partition's buffer as one object under the key its partition keys give. With
 * format conversion, the processed records are converted into one Parquet or ORC object ({@link FormatConversion})
 * and those that do not convert go to the error output ({@code format-conversion-failed}). Records that failed go,
 * as error documents, to one object per error output type ({@code processing-failed}, {@code partitioning-failed},
 * ...) under the error output prefix; with {@code S3BackupMode Enabled} the source records also go to the backup
 * bucket ({@link SourceBackup}). The objects stay invisible until their {@link PendingObject}s are committed. A
 * write with nothing to deliver makes no data object. Everything a call makes is its own, so calls may run on any
 * thread.
 */
public final class S3Delivery {

    static final String FORMAT_CONVERSION_FAILED = "format-conversion-failed";
    /** {@code !{firehose:error-output-type}} of records whose partition would open one too many partition buffers (AWS's name). */
    static final String ACTIVE_PARTITIONS_EXCEEDED = "activePartitionExceeded";
    /** <b>Sluice:</b> {@code !{firehose:error-output-type}} of a partition's records that S3 did not take within the retry duration. */
    static final String S3_DELIVERY_FAILED = "s3-failed";
    /** <b>Sluice:</b> the {@code errorCode} of those records. */
    static final String S3_DELIVERY_FAILED_CODE = "S3.DeliveryFailed";

    private final BucketStore store;
    private final RecordProcessing processing;
    private final String region;
    private final RandomGenerator random;
    private final int activePartitions;
    private final int deflateLevel;

    /** {@code deflateLevel}: that of GZIP and ZIP objects (1 fastest to 9 smallest). */
    public S3Delivery(BucketStore store, RecordProcessing processing, String region, RandomGenerator random, int activePartitions,
            int deflateLevel) {
        this.store = store;
        this.processing = processing;
        this.region = region;
        this.random = random;
        this.activePartitions = activePartitions;
        this.deflateLevel = deflateLevel;
    }

    /** What a flush holds: the batches in arrival order and the oldest arrival. */
    public record Flush(Iterable<BufferedBatch> batches, long oldestArrivalMillis) {}

    /**
     * What processing made of a flush of a dynamically partitioned stream: the objects it wrote (error output,
     * backup), not yet visible, and the processed records of each partition, in the order partitions first came out.
     */
    public record Processed(List<PendingObject> objects, Map<PartitionKeys, PartitionChunk> partitions) {}

    /** Writes the flush of a stream without dynamic partitioning; returns its objects (data, error output, backup), none of them visible yet. */
    public List<PendingObject> write(DeliveryStream stream, Flush flush) throws IOException {
        S3Destination d = stream.destination();
        if (d.dynamicPartitioning().enabled()) {
            throw new IllegalStateException("A dynamically partitioned stream is processed, then written partition by partition");
        }
        FlushObjects objects = new FlushObjects(stream, keys(stream, flush.oldestArrivalMillis()), conversion(d));
        try {
            processing.run(d.processing(), PartitionKeyNames.OFF, stream.arn(), region, flush.batches(), new RecordProcessing.Output() {
                @Override
                public void ok(byte[] bytes, PartitionKeys partition, long arrivalMillis) throws IOException {
                    objects.data(bytes, arrivalMillis);
                }

                @Override
                public void failed(String errorOutputType, ErrorDocument error) throws IOException {
                    objects.error(errorOutputType, error);
                }
            });
            return withBackup(stream, flush, objects.closeForCommit());
        } catch (IOException | RuntimeException e) {
            objects.abort();
            throw e;
        }
    }

    /**
     * Runs the processors of a dynamically partitioned stream over a flush, the first of its two steps: records that
     * failed go to the error output, the source records to the backup, and the processed records come back by
     * partition, for the partitions' buffers. {@code open} are the partitions whose buffers are open: with them, at
     * most {@code activePartitions} partitions are; records of further ones go to the error output as
     * {@value #ACTIVE_PARTITIONS_EXCEEDED}.
     */
    public Processed process(DeliveryStream stream, Flush flush, Set<PartitionKeys> open) throws IOException {
        S3Destination d = stream.destination();
        FlushObjects objects = new FlushObjects(stream, keys(stream, flush.oldestArrivalMillis()), null);
        Map<PartitionKeys, PartitionChunk.Builder> partitions = new LinkedHashMap<>();
        int room = Math.max(0, activePartitions - open.size());
        try {
            processing.run(d.processing(), PartitionKeyNames.of(d), stream.arn(), region, flush.batches(), new RecordProcessing.Output() {
                private int opened;

                @Override
                public void ok(byte[] bytes, PartitionKeys partition, long arrivalMillis) throws IOException {
                    PartitionChunk.Builder chunk = partitions.get(partition);
                    if (chunk == null) {
                        boolean isNew = !open.contains(partition);
                        if (isNew && opened >= room) {
                            failed(ACTIVE_PARTITIONS_EXCEEDED, new ErrorDocument(1, arrivalMillis,
                                    "DynamicPartitioning.ActivePartitionsLimitExceeded", "The delivery stream has more than "
                                            + activePartitions + " active partitions.", processing.clock().millis(), bytes, null));
                            return;
                        }
                        opened += isNew ? 1 : 0;
                        chunk = new PartitionChunk.Builder();
                        partitions.put(partition, chunk);
                    }
                    chunk.add(bytes, arrivalMillis);
                }

                @Override
                public void failed(String errorOutputType, ErrorDocument error) throws IOException {
                    objects.error(errorOutputType, error);
                }
            });
            Map<PartitionKeys, PartitionChunk> chunks = new LinkedHashMap<>();
            partitions.forEach((partition, chunk) -> chunks.put(partition, chunk.build()));
            return new Processed(withBackup(stream, flush, objects.closeForCommit()), chunks);
        } catch (IOException | RuntimeException e) {
            objects.abort();
            throw e;
        }
    }

    /**
     * Writes a partition's buffer as one object under the key its partition keys give (converted, when the destination
     * converts; records that do not convert go to the error output), the second step of a dynamically partitioned
     * stream. Returns its objects, none of them visible yet.
     */
    public List<PendingObject> writePartition(DeliveryStream stream, PartitionKeys partition, Iterable<PartitionChunk> chunks,
            long oldestArrivalMillis) throws IOException {
        S3Destination d = stream.destination();
        KeyContext keys = keys(stream, oldestArrivalMillis);
        FlushObjects objects = new FlushObjects(stream, d.dynamicPartitioning().enabled() ? keys.withPartitionKeys(partition) : keys,
                keys, conversion(d));
        try {
            for (PartitionChunk chunk : chunks) {
                for (int i = 0; i < chunk.records().size(); i++) {
                    objects.data(chunk.records().get(i), chunk.arrivals()[i]);
                }
            }
            return objects.closeForCommit();
        } catch (IOException | RuntimeException e) {
            objects.abort();
            throw e;
        }
    }

    /**
     * Writes a partition's buffer that could not be delivered within the destination's
     * {@code DynamicPartitioning.RetryOptions.DurationInSeconds} to the error output instead: one error document per
     * record ({@code errorCode} {@value #S3_DELIVERY_FAILED_CODE}, {@code errorMessage} the last failure's, {@code rawData}
     * the record as processing left it) under the error output type {@value #S3_DELIVERY_FAILED}.
     */
    public List<PendingObject> writePartitionFailed(DeliveryStream stream, Iterable<PartitionChunk> chunks, long oldestArrivalMillis,
            int attempts, String message) throws IOException {
        FlushObjects objects = new FlushObjects(stream, keys(stream, oldestArrivalMillis), null);
        try {
            long ended = processing.clock().millis();
            for (PartitionChunk chunk : chunks) {
                for (int i = 0; i < chunk.records().size(); i++) {
                    objects.error(S3_DELIVERY_FAILED, new ErrorDocument(attempts, chunk.arrivals()[i], S3_DELIVERY_FAILED_CODE, message,
                            ended, chunk.records().get(i), null));
                }
            }
            return objects.closeForCommit();
        } catch (IOException | RuntimeException e) {
            objects.abort();
            throw e;
        }
    }

    private KeyContext keys(DeliveryStream stream, long oldestArrivalMillis) {
        S3Destination d = stream.destination();
        return new KeyContext(d.prefix(), d.errorOutputPrefix(), d.zone(), stream.name(), stream.versionId(),
                Instant.ofEpochMilli(oldestArrivalMillis), UUID.randomUUID().toString(), d.extension(), Map.of(), Map.of(), false, random);
    }

    private static FormatConversion conversion(S3Destination d) {
        return d.converting() ? FormatConversion.of(d.conversion()) : null;
    }

    private List<PendingObject> withBackup(DeliveryStream stream, Flush flush, List<PendingObject> objects) throws IOException {
        S3Destination d = stream.destination();
        if (d.backup() != null) {
            PendingObject backup = SourceBackup.write(store, stream, d.backup(), flush, random, deflateLevel);
            if (backup != null) {
                objects.add(backup);
            }
        }
        return objects;
    }

    /** The objects one write makes: one data object (opened at its first record) and one per error output type. */
    private final class FlushObjects {
        private final DeliveryStream stream;
        private final KeyContext dataKeys;
        private final KeyContext errorKeys;
        private final FormatConversion conversion;
        private StagedObject data;
        private final Map<String, StagedObject> errors = new LinkedHashMap<>();

        FlushObjects(DeliveryStream stream, KeyContext keys, FormatConversion conversion) {
            this(stream, keys, keys, conversion);
        }

        FlushObjects(DeliveryStream stream, KeyContext dataKeys, KeyContext errorKeys, FormatConversion conversion) {
            S3Destination d = stream.destination();
            this.stream = stream;
            this.dataKeys = dataKeys;
            // Error documents are JSON lines: with conversion (always UNCOMPRESSED) they get no .parquet or .orc, as in AWS.
            this.errorKeys = d.converting() ? errorKeys.withExtension(d.compressionFormat().extension()) : errorKeys;
            this.conversion = conversion;
        }

        void data(byte[] bytes, long arrivalMillis) throws IOException {
            if (data == null) {
                data = staged(stream, () -> ObjectKeys.dataKey(dataKeys), conversion);
            }
            if (conversion == null) {
                data.write(bytes);
                return;
            }
            try {
                data.writeRows(conversion.rows(bytes), bytes.length);
            } catch (ConversionException e) {
                error(FORMAT_CONVERSION_FAILED).write(conversion.failure(e, bytes, arrivalMillis, processing.clock().millis()).toJsonLine());
            }
        }

        void error(String type, ErrorDocument error) throws IOException {
            error(type).write(error.toJsonLine());
        }

        private StagedObject error(String type) {
            return errors.computeIfAbsent(type, t -> staged(stream,
                    () -> ObjectKeys.errorKey(errorKeys.withUuid(UUID.randomUUID().toString()), t), null));
        }

        /** Seals what was written: data first, then error output; a write that wrote nothing has no object. */
        List<PendingObject> closeForCommit() throws IOException {
            List<PendingObject> objects = new ArrayList<>(errors.size() + 2);
            if (data != null && data.started()) {
                objects.add(data.closeForCommit());
            }
            for (Map.Entry<String, StagedObject> e : errors.entrySet()) {
                objects.add(e.getValue().closeForCommit().asErrorOutput(e.getKey()));
            }
            return objects;
        }

        void abort() {
            if (data != null) {
                data.abort();
            }
            errors.values().forEach(StagedObject::abort);
        }
    }

    private StagedObject staged(DeliveryStream stream, Supplier<String> key, FormatConversion conversion) {
        S3Destination d = stream.destination();
        return new StagedObject(store, stream.name(), d.bucket(), d.compressionFormat(), key, conversion, deflateLevel);
    }
}
