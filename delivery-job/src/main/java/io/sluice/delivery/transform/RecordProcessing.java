package io.sluice.delivery.transform;

import io.sluice.delivery.api.Processing;
import io.sluice.delivery.buffer.BufferedBatch;
import java.io.IOException;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Runs a flush's records through the destination's processors, in Firehose's order: the Lambda-style
 * transformation (in invocations of at most the processor's {@code BufferSizeInMBs}), then
 * {@code AppendDelimiterToRecord}. Every input record comes out as data ({@code Ok}), nothing
 * ({@code Dropped}) or an {@link ErrorDocument} ({@code ProcessingFailed}, or its whole invocation failed
 * after {@code NumberOfRetries} retries: the function threw, answered badly, left out or repeated a
 * {@code recordId}, or answered more than 6 MB). Nothing is lost silently.
 */
public final class RecordProcessing {

    /** Lambda's payload limit, each way. */
    static final int MAX_PAYLOAD_BYTES = 6_000_000;


    /** Where processed records go. */
    public interface Output {
        void ok(byte[] data) throws IOException;

        /** A record that came out {@code Ok}, with the arrival of the record it came from (format conversion's errors name it). */
        default void ok(byte[] data, long arrivalMillis) throws IOException {
            ok(data);
        }

        void failed(ErrorDocument error) throws IOException;
    }

    private final TransformFunctions functions;
    private final InstantSource clock;
    private final Map<String, RecordTransformer> opened = new HashMap<>();

    public RecordProcessing(TransformFunctions functions, InstantSource clock) {
        this.functions = functions;
        this.clock = clock;
    }

    /** Processes {@code batches} (in arrival order) for the delivery stream {@code streamArn}. */
    public void run(Processing processing, String streamArn, String region, Iterable<BufferedBatch> batches, Output out)
            throws IOException {
        boolean delimiter = processing.active() && processing.appendsDelimiter();
        Processing.Processor lambda = processing.active() ? processing.lambda() : null;
        Output written = delimiter ? delimited(out) : out;
        if (lambda == null) {
            for (BufferedBatch batch : batches) {
                for (byte[] record : batch.records()) {
                    written.ok(record, batch.arrivalMillis());
                }
            }
            return;
        }
        List<TransformRequest.Record> chunk = new ArrayList<>();
        long chunkBytes = 0;
        long next = 0;
        for (BufferedBatch batch : batches) {
            for (byte[] record : batch.records()) {
                if (!chunk.isEmpty() && chunkBytes + record.length > lambda.bufferSizeBytes()) {
                    invoke(lambda, streamArn, region, chunk, written);
                    chunk = new ArrayList<>();
                    chunkBytes = 0;
                }
                chunk.add(new TransformRequest.Record(String.format("%016d", next++), batch.arrivalMillis(), record));
                chunkBytes += record.length;
            }
        }
        if (!chunk.isEmpty()) {
            invoke(lambda, streamArn, region, chunk, written);
        }
    }

    private void invoke(Processing.Processor lambda, String streamArn, String region, List<TransformRequest.Record> records, Output out)
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
                out.failed(new ErrorDocument(attempts, r.approximateArrivalTimestamp(), failure.code, failure.getMessage(), ended,
                        r.data(), lambda.lambdaArn()));
                continue;
            }
            TransformResponse.Record answer = answers.get(r.recordId());
            switch (answer.result()) {
                case Ok -> out.ok(answer.data(), r.approximateArrivalTimestamp());
                case Dropped -> { }
                case ProcessingFailed -> out.failed(new ErrorDocument(attempts, r.approximateArrivalTimestamp(),
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

    private static Output delimited(Output out) {
        return new Output() {
            @Override
            public void ok(byte[] data) throws IOException {
                out.ok(withNewline(data));
            }

            @Override
            public void ok(byte[] data, long arrivalMillis) throws IOException {
                out.ok(withNewline(data), arrivalMillis);
            }

            @Override
            public void failed(ErrorDocument error) throws IOException {
                out.failed(error);
            }
        };
    }

    private static byte[] withNewline(byte[] data) {
        byte[] withNewline = new byte[data.length + 1];
        System.arraycopy(data, 0, withNewline, 0, data.length);
        withNewline[data.length] = '\n';
        return withNewline;
    }

    /** The clock that stamps when an attempt ended. */
    public InstantSource clock() {
        return clock;
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
