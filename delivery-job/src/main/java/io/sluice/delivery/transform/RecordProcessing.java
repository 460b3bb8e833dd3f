package io.sluice.delivery.transform;

import io.sluice.delivery.api.Processing;
import io.sluice.delivery.buffer.BufferedBatch;
import io.sluice.delivery.buffer.KinesisRecordMetadata;
import io.sluice.delivery.partition.JqException;
import io.sluice.delivery.partition.JqQuery;
import io.sluice.delivery.partition.PartitionKeyNames;
import io.sluice.delivery.partition.PartitionKeys;
import java.io.IOException;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Runs records through the destination's processors, in Firehose's order whatever the order of the
 * configuration's list: {@code RecordDeAggregation} (one record into several), the Lambda-style transformation
 * (in invocations of at most the processor's {@code BufferSizeInMBs}), {@code MetadataExtraction} (the partition
 * keys of the record the transformation answered, by {@link JqQuery}), then {@code AppendDelimiterToRecord}.
 *
 * <p>Every input record comes out as data with its {@link PartitionKeys} ({@code Ok}; {@link PartitionKeys#NONE}
 * without dynamic partitioning), nothing ({@code Dropped}) or an {@link ErrorDocument} for the error output:
 * {@value #PROCESSING_FAILED} when the function answered {@code ProcessingFailed} or its whole invocation failed
 * after {@code NumberOfRetries} retries (it threw, answered badly, left out or repeated a {@code recordId}, or
 * answered more than 6 MB); {@value #PARTITIONING_FAILED} when with dynamic partitioning the record could not be
 * split, its query failed or gave no value, or it lacks a key the prefix names ({@code errorCode}
 * {@value #METADATA_EXTRACTION_FAILED}, as AWS writes it; {@value #DEAGGREGATION_FAILED} for a record that
 * could not be split, Sluice's name). Nothing is lost silently.
 */
public final class RecordProcessing {

    /** Lambda's payload limit, each way. */
    static final int MAX_PAYLOAD_BYTES = 6_000_000;

    /** {@code !{firehose:error-output-type}} of records the transformation failed. */
    public static final String PROCESSING_FAILED = "processing-failed";
    /** {@code !{firehose:error-output-type}} of records dynamic partitioning failed (AWS's name for it). */
    public static final String PARTITIONING_FAILED = "partitioning-failed";
    /** AWS's {@code errorCode} of a record whose partition keys could not be extracted. */
    static final String METADATA_EXTRACTION_FAILED = "DynamicPartitioning.MetadataExtractionFailed";
    /** <b>Sluice:</b> {@code errorCode} of a record that {@code RecordDeAggregation} could not split. */
    static final String DEAGGREGATION_FAILED = "DynamicPartitioning.RecordDeAggregationFailed";

    /** Where processed records go. */
    public interface Output {
        /**
         * A record to deliver: its bytes (delimiter included), the partition it belongs to, and the arrival of the
         * record it came from (format conversion's error documents name it).
         */
        void ok(byte[] data, PartitionKeys keys, long arrivalMillis) throws IOException;

        /** A record for the error output, under {@code !{firehose:error-output-type}} {@code errorOutputType}. */
        void failed(String errorOutputType, ErrorDocument error) throws IOException;
    }

    private final TransformFunctions functions;
    private final InstantSource clock;
    private final Map<String, RecordTransformer> opened = new HashMap<>();

    public RecordProcessing(TransformFunctions functions, InstantSource clock) {
        this.functions = functions;
        this.clock = clock;
    }

    /** Processes {@code batches} (in arrival order) of a delivery stream without dynamic partitioning. */
    public void run(Processing processing, String streamArn, String region, Iterable<BufferedBatch> batches, Output out)
            throws IOException {
        run(processing, PartitionKeyNames.OFF, streamArn, region, batches, out);
    }

    /**
     * Processes {@code batches} (in arrival order) for the delivery stream {@code streamArn}; {@code names} are
     * the partition keys every record must have (see {@link PartitionKeyNames#of}).
     */
    public void run(Processing processing, PartitionKeyNames names, String streamArn, String region,
            Iterable<BufferedBatch> batches, Output out) throws IOException {
        Keyed keyed = new Keyed(processing, names, out);
        Processing.Processor deAggregation = processing.deAggregation();
        RecordDeAggregator splitter = deAggregation == null ? null : RecordDeAggregator.of(deAggregation);
        Processing.Processor lambda = processing.lambda();
        Invocations invocations = lambda == null ? null : new Invocations(lambda, streamArn, region, keyed);
        for (BufferedBatch batch : batches) {
            for (int i = 0; i < batch.records().size(); i++) {
                KinesisRecordMetadata kinesis = batch.kinesis(i);
                for (byte[] piece : split(splitter, batch.records().get(i), batch.arrivalMillis(), out)) {
                    if (invocations == null) {
                        keyed.accept(piece, batch.arrivalMillis(), Map.of(), null);
                    } else {
                        invocations.add(piece, batch.arrivalMillis(), kinesis);
                    }
                }
            }
        }
        if (invocations != null) {
            invocations.flush();
        }
    }

    /** The records {@code record} holds; none (and an error document) if it cannot be split. */
    private List<byte[]> split(RecordDeAggregator splitter, byte[] record, long arrivalMillis, Output out) throws IOException {
        if (splitter == null) {
            return List.of(record);
        }
        try {
            return splitter.split(record);
        } catch (RecordDeAggregator.DeAggregationException e) {
            out.failed(PARTITIONING_FAILED, new ErrorDocument(1, arrivalMillis, DEAGGREGATION_FAILED, e.getMessage(), clock.millis(),
                    record, null));
            return List.of();
        }
    }

    /** The records of one run on their way to the Lambda function, sent in invocations of its buffer size. */
    private final class Invocations {
        private final Processing.Processor lambda;
        private final String streamArn;
        private final String region;
        private final Keyed keyed;
        private List<TransformRequest.Record> chunk = new ArrayList<>();
        private long chunkBytes;
        private long next;

        Invocations(Processing.Processor lambda, String streamArn, String region, Keyed keyed) {
            this.lambda = lambda;
            this.streamArn = streamArn;
            this.region = region;
            this.keyed = keyed;
        }

        /** Adds a record; {@code kinesis} is where it was read from (null for Direct PUT records). */
        void add(byte[] record, long arrivalMillis, KinesisRecordMetadata kinesis) throws IOException {
            if (!chunk.isEmpty() && chunkBytes + record.length > lambda.bufferSizeBytes()) {
                flush();
            }
            chunk.add(new TransformRequest.Record(String.format("%016d", next++), arrivalMillis, record, kinesis));
            chunkBytes += record.length;
        }

        void flush() throws IOException {
            if (!chunk.isEmpty()) {
                invoke(lambda, streamArn, region, chunk, keyed);
                chunk = new ArrayList<>();
                chunkBytes = 0;
            }
        }
    }

    /** The clock that stamps when an attempt ended. */
    public InstantSource clock() {
        return clock;
    }

    /**
     * The last steps of a record that the transformation (if any) answered {@code Ok}: its partition keys, when
     * dynamic partitioning is on, and the delimiter.
     */
    private final class Keyed {
        private final PartitionKeyNames names;
        private final JqQuery query;
        private final boolean delimiter;
        private final Output out;

        Keyed(Processing processing, PartitionKeyNames names, Output out) {
            this.names = names;
            Processing.Processor extraction = names.enabled() ? processing.metadataExtraction() : null;
            this.query = extraction == null ? null : parse(extraction.metadataExtractionQuery());
            this.delimiter = processing.appendsDelimiter();
            this.out = out;
        }

        void accept(byte[] data, long arrivalMillis, Map<String, String> fromLambda, String lambdaArn) throws IOException {
            PartitionKeys keys = PartitionKeys.NONE;
            if (names.enabled()) {
                try {
                    keys = new PartitionKeys(pick(query == null ? Map.of() : query.evaluate(data), names.fromQuery(), "query"),
                            pick(fromLambda, names.fromLambda(), "Lambda function's metadata.partitionKeys"));
                } catch (JqException e) {
                    out.failed(PARTITIONING_FAILED, new ErrorDocument(1, arrivalMillis, METADATA_EXTRACTION_FAILED, e.getMessage(),
                            clock.millis(), data, lambdaArn));
                    return;
                }
            }
            out.ok(delimiter ? withNewline(data) : data, keys, arrivalMillis);
        }

        /** A record for the error output. */
        void failed(String errorOutputType, ErrorDocument error) throws IOException {
            out.failed(errorOutputType, error);
        }

        /** The keys the prefix names, each of which {@code keys} must have. */
        private Map<String, String> pick(Map<String, String> keys, Set<String> wanted, String source) throws JqException {
            Map<String, String> picked = new HashMap<>();
            for (String name : wanted) {
                String value = keys.get(name);
                if (value == null) {
                    throw new JqException("The " + source + " gave no partition key " + name + " for the record.");
                }
                picked.put(name, value);
            }
            return picked;
        }
    }

    private static JqQuery parse(String query) {
        try {
            return JqQuery.parse(query);
        } catch (JqException e) {
            throw new IllegalStateException("A MetadataExtractionQuery that CreateDeliveryStream accepted does not parse: " + query, e);
        }
    }

    private static byte[] withNewline(byte[] data) {
        byte[] withNewline = new byte[data.length + 1];
        System.arraycopy(data, 0, withNewline, 0, data.length);
        withNewline[data.length] = '\n';
        return withNewline;
    }

    private void invoke(Processing.Processor lambda, String streamArn, String region, List<TransformRequest.Record> records, Keyed out)
            throws IOException {
        TransformRequest request = new TransformRequest(UUID.randomUUID().toString(), streamArn, region, records);
        int attempts = 0;
        Failure failure = null;
        Map<String, TransformResponse.Record> answers = null;
        // Only the call and the check of its answer are retried; writing the answers is not part of it, so a
        // failing store goes up to the flush (which keeps the records) and is never taken for the function's fault.
        while (answers == null && attempts <= lambda.numberOfRetries()) {
            attempts++;
            try {
                answers = answers(request, function(lambda.lambdaArn()).transform(request));
            } catch (Failure f) {
                failure = f;
            } catch (HttpTransformer.ResponseTooLargeException e) {
                failure = new Failure("Lambda.ResponseSizeLimitExceeded", e.getMessage());
            } catch (LambdaJson.InvalidResponseException e) {
                failure = new Failure("Lambda.InvalidResponse", e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("Interrupted while calling " + lambda.lambdaArn(), e);
            } catch (Exception e) {
                failure = new Failure("Lambda.FunctionError", "The function failed: " + e);
            }
        }
        long ended = clock.millis();
        for (TransformRequest.Record r : records) {
            if (answers == null) {
                out.failed(PROCESSING_FAILED, new ErrorDocument(attempts, r.approximateArrivalTimestamp(), failure.code,
                        failure.getMessage(), ended, r.data(), lambda.lambdaArn()));
                continue;
            }
            TransformResponse.Record answer = answers.get(r.recordId());
            switch (answer.result()) {
                case Ok -> out.accept(answer.data(), r.approximateArrivalTimestamp(), answer.partitionKeys(), lambda.lambdaArn());
                case Dropped -> { }
                case ProcessingFailed -> out.failed(PROCESSING_FAILED, new ErrorDocument(attempts, r.approximateArrivalTimestamp(),
                        "Lambda.ProcessingFailedStatus", "The function marked the record ProcessingFailed.", ended, r.data(),
                        lambda.lambdaArn()));
            }
        }
    }

    /** The answers by recordId; every input record must be answered exactly once, and nothing else. */
    private static Map<String, TransformResponse.Record> answers(TransformRequest request, TransformResponse response) throws Failure {
        if (response == null || response.records() == null) {
            throw new Failure("Lambda.InvalidResponse", "The function answered no records.");
        }
        Map<String, TransformResponse.Record> byId = new HashMap<>();
        for (TransformResponse.Record r : response.records()) {
            if (byId.put(r.recordId(), r) != null) {
                throw new Failure("Lambda.DuplicatedRecordId", "The function answered record " + r.recordId() + " more than once.");
            }
        }
        for (TransformRequest.Record r : request.records()) {
            if (!byId.containsKey(r.recordId())) {
                throw new Failure("Lambda.MissingRecordId", "The function did not answer record " + r.recordId() + ".");
            }
        }
        if (byId.size() != request.records().size()) {
            throw new Failure("Lambda.InvalidRecordId", "The function answered records it was not given.");
        }
        return byId;
    }

    private RecordTransformer function(String lambdaArn) throws ReflectiveOperationException {
        RecordTransformer function = opened.get(lambdaArn);
        if (function == null) {
            function = functions.open(lambdaArn);
            opened.put(lambdaArn, function);
        }
        return function;
    }

    /** An invocation that failed as a whole, with the error code its records get. */
    private static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;
        private final String code;

        Failure(String code, String message) {
            super(message, null, false, false);
            this.code = code;
        }
    }
}
