package io.sluice.delivery.s3;

import io.sluice.delivery.api.S3Destination;
import io.sluice.delivery.buffer.BufferedBatch;
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
import java.util.UUID;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * Writes one flush of a delivery stream's buffer, the first phase of delivery: its records go through the
 * destination's processors, and what comes out is written as one S3 object under the key AWS would
 * give it (prefix, stream name and version, the oldest record's arrival, a UUID), compressed; with dynamic
 * partitioning, one object per partition (records with the same {@link PartitionKeys}) in the flush, at most
 * {@code activePartitions} of them (records of further partitions go to the error output as
 * {@value #ACTIVE_PARTITIONS_EXCEEDED}). With format conversion, the processed records are converted into one
 * Parquet or ORC object ({@link FormatConversion}) per partition and those that do not convert go to the error
 * output ({@code format-conversion-failed}). Records that failed go, as error documents, to one object per error
 * output type ({@code processing-failed}, {@code partitioning-failed}, ...) under the error output prefix; with
 * {@code S3BackupMode Enabled} the source records also go to the backup bucket ({@link SourceBackup}). The objects
 * stay invisible until their {@link PendingObject}s are committed. A flush with nothing to deliver writes no data
 * object. Everything a call makes is its own, so calls may run on any thread.
 */
public final class S3Delivery {

    static final String FORMAT_CONVERSION_FAILED = "format-conversion-failed";
    /** {@code !{firehose:error-output-type}} of records whose partition was one too many for a flush (AWS's name). */
    static final String ACTIVE_PARTITIONS_EXCEEDED = "activePartitionExceeded";

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

    /** Writes the flush; returns its objects (data, error output, backup), none of them visible yet. */
    public List<PendingObject> write(DeliveryStream stream, Flush flush) throws IOException {
        S3Destination d = stream.destination();
        KeyContext keys = new KeyContext(d.prefix(), d.errorOutputPrefix(), d.zone(), stream.name(), stream.versionId(),
                Instant.ofEpochMilli(flush.oldestArrivalMillis()), UUID.randomUUID().toString(), d.extension(),
                Map.of(), Map.of(), false, random);
        FormatConversion conversion = d.converting() ? FormatConversion.of(d.conversion()) : null;
        boolean partitioned = d.dynamicPartitioning().enabled();
        // Error documents are JSON lines: with conversion (always UNCOMPRESSED) they get no .parquet or .orc, as in AWS.
        KeyContext errorKeys = conversion == null ? keys : keys.withExtension(d.compressionFormat().extension());
        Map<PartitionKeys, StagedObject> data = new LinkedHashMap<>();
        Map<String, StagedObject> errors = new LinkedHashMap<>();
        try {
            processing.run(d.processing(), PartitionKeyNames.of(d), stream.arn(), region, flush.batches(), new RecordProcessing.Output() {
                @Override
                public void ok(byte[] bytes, PartitionKeys partition, long arrivalMillis) throws IOException {
                    StagedObject object = data.get(partition);
                    if (object == null) {
                        if (partitioned && data.size() >= activePartitions) {
                            failed(ACTIVE_PARTITIONS_EXCEEDED, new ErrorDocument(1, arrivalMillis,
                                    "DynamicPartitioning.ActivePartitionsLimitExceeded", "The delivery stream has more than "
                                            + activePartitions + " active partitions.", processing.clock().millis(), bytes, null));
                            return;
                        }
                        KeyContext partitionKeys = partitioned ? keys.withUuid(UUID.randomUUID().toString()).withPartitionKeys(partition) : keys;
                        object = staged(stream, () -> ObjectKeys.dataKey(partitionKeys), conversion);
                        data.put(partition, object);
                    }
                    if (conversion == null) {
                        object.write(bytes);
                        return;
                    }
                    try {
                        object.writeRows(conversion.rows(bytes), bytes.length);
                    } catch (ConversionException e) {
                        error(FORMAT_CONVERSION_FAILED).write(
                                conversion.failure(e, bytes, arrivalMillis, processing.clock().millis()).toJsonLine());
                    }
                }

                @Override
                public void failed(String errorOutputType, ErrorDocument error) throws IOException {
                    error(errorOutputType).write(error.toJsonLine());
                }

                private StagedObject error(String type) {
                    return errors.computeIfAbsent(type, t -> staged(stream,
                            () -> ObjectKeys.errorKey(errorKeys.withUuid(UUID.randomUUID().toString()), t), null));
                }
            });
            List<PendingObject> objects = new ArrayList<>(data.size() + errors.size() + 1);
            for (StagedObject object : data.values()) {
                objects.add(object.closeForCommit());
            }
            for (Map.Entry<String, StagedObject> e : errors.entrySet()) {
                objects.add(e.getValue().closeForCommit().asErrorOutput(e.getKey()));
            }
            if (d.backup() != null) {
                PendingObject backup = SourceBackup.write(store, stream, d.backup(), flush, random, deflateLevel);
                if (backup != null) {
                    objects.add(backup);
                }
            }
            return objects;
        } catch (IOException | RuntimeException e) {
            data.values().forEach(StagedObject::abort);
            errors.values().forEach(StagedObject::abort);
            throw e;
        }
    }

    private StagedObject staged(DeliveryStream stream, Supplier<String> key, FormatConversion conversion) {
        S3Destination d = stream.destination();
        return new StagedObject(store, stream.name(), d.bucket(), d.compressionFormat(), key, conversion, deflateLevel);
    }
}
