package io.sluice.tests;

import io.sluice.delivery.transform.RecordTransformer;
import io.sluice.delivery.transform.TransformRequest;
import io.sluice.delivery.transform.TransformResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Record transformations the Firehose tests configure as functions ({@code sluice.firehose.functions.NAME.class}). */
final class TestTransformers {

    private TestTransformers() {}

    /** "drop..." is Dropped, "fail..." ProcessingFailed, anything else Ok in upper case with a newline. */
    public static final class Shout implements RecordTransformer {
        @Override
        public TransformResponse transform(TransformRequest request) {
            List<TransformResponse.Record> out = new ArrayList<>();
            for (TransformRequest.Record r : request.records()) {
                String text = new String(r.data(), StandardCharsets.UTF_8);
                if (text.startsWith("drop")) {
                    out.add(TransformResponse.Record.dropped(r.recordId()));
                } else if (text.startsWith("fail")) {
                    out.add(TransformResponse.Record.failed(r.recordId()));
                } else {
                    out.add(TransformResponse.Record.ok(r.recordId(), (text.toUpperCase(Locale.ROOT) + "\n").getBytes(StandardCharsets.UTF_8)));
                }
            }
            return new TransformResponse(out);
        }
    }

    /** Always throws: every invocation fails. */
    public static final class Broken implements RecordTransformer {
        @Override
        public TransformResponse transform(TransformRequest request) {
            throw new IllegalStateException("broken on purpose");
        }
    }

    /** Answers only the first record of each invocation: the others' recordIds are missing. */
    public static final class Forgetful implements RecordTransformer {
        @Override
        public TransformResponse transform(TransformRequest request) {
            TransformRequest.Record first = request.records().get(0);
            return new TransformResponse(List.of(TransformResponse.Record.ok(first.recordId(), first.data())));
        }
    }

    /**
     * Answers each record Ok as one line {@code data|shardId|partitionKey|sequenceNumber|subsequenceNumber|arrival}: its
     * {@code kinesisRecordMetadata} as the transform got it.
     */
    public static final class KinesisLines implements RecordTransformer {
        @Override
        public TransformResponse transform(TransformRequest request) {
            List<TransformResponse.Record> out = new ArrayList<>();
            for (TransformRequest.Record r : request.records()) {
                var k = r.kinesisRecordMetadata();
                String line = new String(r.data(), StandardCharsets.UTF_8) + "|" + (k == null ? "no-metadata" : k.shardId() + "|" + k.partitionKey()
                        + "|" + k.sequenceNumber() + "|" + k.subsequenceNumber() + "|" + k.approximateArrivalTimestamp()) + "\n";
                out.add(TransformResponse.Record.ok(r.recordId(), line.getBytes(StandardCharsets.UTF_8)));
            }
            return new TransformResponse(out);
        }
    }
}
