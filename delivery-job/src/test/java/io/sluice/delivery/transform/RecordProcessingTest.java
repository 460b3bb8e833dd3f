package io.sluice.delivery.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.delivery.api.Processing;
import io.sluice.delivery.buffer.BufferedBatch;
import io.sluice.delivery.partition.PartitionKeyNames;
import io.sluice.delivery.partition.PartitionKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The processors in Firehose's order, the partition keys they give each record, and where failures go. */
class RecordProcessingTest {

    private static final String ECHO = "arn:aws:lambda:us-east-1:000000000000:function:echo";
    private static final String TENANTS = "arn:aws:lambda:us-east-1:000000000000:function:tenants";
    private static final long ARRIVAL = 1_565_382_000_000L;
    private static final long NOW = 1_565_382_099_000L;

    /** Counts its calls and answers every record Ok with its data. */
    public static final class Echo implements RecordTransformer {
        static final AtomicInteger CALLS = new AtomicInteger();

        @Override
        public TransformResponse transform(TransformRequest request) {
            CALLS.incrementAndGet();
            return new TransformResponse(request.records().stream().map(r -> TransformResponse.Record.ok(r.recordId(), r.data())).toList());
        }
    }

    /** Answers a JSON record Ok, upper-cased, with its field "tenant" (if any) and "extra" as Lambda partition keys. */
    public static final class Tenants implements RecordTransformer {
        private static final ObjectMapper MAPPER = new ObjectMapper();

        @Override
        public TransformResponse transform(TransformRequest request) throws IOException {
            List<TransformResponse.Record> out = new ArrayList<>();
            for (TransformRequest.Record r : request.records()) {
                JsonNode json = MAPPER.readTree(r.data());
                Map<String, String> keys = new LinkedHashMap<>();
                if (json.has("tenant")) {
                    keys.put("tenant", json.get("tenant").asText());
                }
                keys.put("extra", "never in a prefix");
                String upper = new String(r.data(), StandardCharsets.UTF_8).toUpperCase();
                out.add(TransformResponse.Record.ok(r.recordId(), upper.getBytes(StandardCharsets.UTF_8), keys));
            }
            return new TransformResponse(out);
        }
    }

    private final RecordProcessing processing = new RecordProcessing(new TransformFunctions(
            Map.of("echo", Echo.class.getName(), "tenants", Tenants.class.getName()), Map.of()), InstantSource.fixed(Instant.ofEpochMilli(NOW)));

    @Test
    void aStoreThatFailsWhileAnswersAreWrittenIsNotRetriedAsTheFunctionsFailure() {
        Echo.CALLS.set(0);
        List<String> written = new ArrayList<>();
        RecordProcessing.Output failingOnce = new RecordProcessing.Output() {
            private boolean failed;

            @Override
            public void ok(byte[] data, PartitionKeys keys, long arrivalMillis) throws IOException {
                if (written.size() == 1 && !failed) {
                    failed = true;
                    throw new IOException("store down");
                }
                written.add(new String(data, StandardCharsets.UTF_8));
            }

            @Override
            public void failed(String errorOutputType, ErrorDocument error) {
                written.add("error:" + error.errorCode());
            }
        };
        assertThatThrownBy(() -> processing.run(processors(lambda(ECHO)), "arn:stream", "us-east-1", batch("a", "b", "c"), failingOnce))
                .isInstanceOf(IOException.class).hasMessage("store down");
        assertThat(Echo.CALLS.get()).as("the function was called once, not again for the store's failure").isEqualTo(1);
        assertThat(written).containsExactly("a");
    }

    @Test
    void answersAreWrittenOnceInRequestOrderWithoutPartitionKeys() throws IOException {
        Collected out = new Collected();
        processing.run(processors(lambda(TENANTS)), "arn:stream", "us-east-1", batch("{\"tenant\":\"a\"}", "{}"), out);
        assertThat(out.lines).containsExactly("ok {\"TENANT\":\"A\"} {} {}", "ok {} {} {}");
    }

    @Test
    void deAggregationComesFirstThenExtractionThenTheDelimiterWhateverTheListOrder() throws IOException {
        Processing processing = processors(
                processor(Processing.Type.AppendDelimiterToRecord),
                processor(Processing.Type.MetadataExtraction, "MetadataExtractionQuery",
                        "{customer: .c, year: .t | strftime(\"%Y\")}", "JsonParsingEngine", "JQ-1.6"),
                processor(Processing.Type.RecordDeAggregation, "SubRecordType", "JSON"));
        Collected out = new Collected();
        this.processing.run(processing, new PartitionKeyNames(true, Set.of("customer", "year"), Set.of()), "arn:stream", "us-east-1",
                batch("{\"c\":\"a\",\"t\":1565382027}{\"c\":\"b\",\"t\":1565382027}\n{\"c\":\"a\"}", "not json", "{\"c\":\"a\",\"t\":1}"),
                out);
        assertThat(out.lines).containsExactly(
                "ok {\"c\":\"a\",\"t\":1565382027}\n {customer=a, year=2019} {}",
                "ok {\"c\":\"b\",\"t\":1565382027}\n {customer=b, year=2019} {}",
                "failed partitioning-failed 1 DynamicPartitioning.MetadataExtractionFailed strftime/1 requires parsed datetime inputs"
                        + " {\"c\":\"a\"} null",
                "failed partitioning-failed 1 DynamicPartitioning.RecordDeAggregationFailed The record is not a sequence of JSON objects:"
                        + " Unrecognized token 'not': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')"
                        + " not json null",
                "ok {\"c\":\"a\",\"t\":1}\n {customer=a, year=1970} {}");
    }

    @Test
    void lambdaKeysComeFromTheAnswerAndTheQueryReadsTheTransformedRecord() throws IOException {
        Processing processing = processors(lambda(TENANTS), processor(Processing.Type.MetadataExtraction,
                "MetadataExtractionQuery", "{kind: .KIND}", "JsonParsingEngine", "JQ-1.6"));
        Collected out = new Collected();
        this.processing.run(processing, new PartitionKeyNames(true, Set.of("kind"), Set.of("tenant")), "arn:stream", "us-east-1",
                batch("{\"tenant\":\"t1\",\"kind\":\"click\"}", "{\"kind\":\"view\"}"), out);
        assertThat(out.lines).containsExactly(
                "ok {\"TENANT\":\"T1\",\"KIND\":\"CLICK\"} {kind=CLICK} {tenant=t1}",
                "failed partitioning-failed 1 DynamicPartitioning.MetadataExtractionFailed The Lambda function's"
                        + " metadata.partitionKeys gave no partition key tenant for the record. {\"KIND\":\"VIEW\"} " + TENANTS);
    }

    @Test
    void processingFailuresGoToProcessingFailed() throws IOException {
        Collected out = new Collected();
        processing.run(processors(lambda(TENANTS)), new PartitionKeyNames(true, Set.of(), Set.of("tenant")), "arn:stream", "us-east-1",
                batch("not json"), out);
        assertThat(out.lines).hasSize(1);
        assertThat(out.lines.get(0)).startsWith("failed processing-failed 4 Lambda.FunctionError The function failed: ");
    }

    // ---- helpers

    /** Records what comes out, one line each: data and keys, or the error document's fields. */
    private static final class Collected implements RecordProcessing.Output {
        final List<String> lines = new ArrayList<>();

        @Override
        public void ok(byte[] data, PartitionKeys keys, long arrivalMillis) {
            lines.add("ok " + new String(data, StandardCharsets.UTF_8) + " " + keys.fromQuery() + " " + keys.fromLambda());
        }

        @Override
        public void failed(String errorOutputType, ErrorDocument e) {
            assertThat(e.arrivalTimestamp()).isEqualTo(ARRIVAL);
            assertThat(e.attemptEndingTimestamp()).isEqualTo(NOW);
            lines.add("failed " + errorOutputType + " " + e.attemptsMade() + " " + e.errorCode() + " " + e.errorMessage() + " "
                    + new String(e.rawData(), StandardCharsets.UTF_8) + " " + e.lambdaArn());
        }
    }

    private static Processing processors(Processing.Processor... processors) {
        return new Processing(true, List.of(processors));
    }

    private static Processing.Processor lambda(String arn) {
        return processor(Processing.Type.Lambda, "LambdaArn", arn);
    }

    private static Processing.Processor processor(Processing.Type type, String... parameters) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < parameters.length; i += 2) {
            map.put(parameters[i], parameters[i + 1]);
        }
        return new Processing.Processor(type, map);
    }

    private static List<BufferedBatch> batch(String... records) {
        List<byte[]> data = new ArrayList<>();
        for (String r : records) {
            data.add(r.getBytes(StandardCharsets.UTF_8));
        }
        return List.of(new BufferedBatch(ARRIVAL, data));
    }

    static String base64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
