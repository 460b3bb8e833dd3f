package io.sluice.delivery.transform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.delivery.buffer.KinesisRecordMetadata;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Firehose's Lambda event and response as JSON, exactly as AWS Lambda sees them: what an HTTP function
 * ({@code sluice.firehose.functions.NAME.url}) receives by POST and must answer.
 */
public final class LambdaJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private LambdaJson() {}

    public static byte[] request(TransformRequest request) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("invocationId", request.invocationId());
        root.put("deliveryStreamArn", request.deliveryStreamArn());
        root.put("region", request.region());
        ArrayNode records = root.putArray("records");
        for (TransformRequest.Record r : request.records()) {
            ObjectNode record = records.addObject()
                    .put("recordId", r.recordId())
                    .put("approximateArrivalTimestamp", r.approximateArrivalTimestamp())
                    .put("data", Base64.getEncoder().encodeToString(r.data()));
            KinesisRecordMetadata k = r.kinesisRecordMetadata();
            if (k != null) {
                // AWS's member names and types (aws-lambda-go's KinesisFirehoseRecordMetadata): arrival in epoch millis.
                record.putObject("kinesisRecordMetadata")
                        .put("shardId", k.shardId())
                        .put("partitionKey", k.partitionKey())
                        .put("approximateArrivalTimestamp", k.approximateArrivalTimestamp())
                        .put("sequenceNumber", k.sequenceNumber())
                        .put("subsequenceNumber", k.subsequenceNumber());
            }
        }
        try {
            return MAPPER.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads a response; anything that is not one (bad JSON, a missing member, an unknown result) is an {@link InvalidResponseException}. */
    public static TransformResponse response(byte[] body) throws InvalidResponseException {
        JsonNode root;
        try {
            root = MAPPER.readTree(body);
        } catch (IOException e) {
            throw new InvalidResponseException("The response is not JSON: " + e.getMessage());
        }
        JsonNode records = root == null ? null : root.get("records");
        if (records == null || !records.isArray()) {
            throw new InvalidResponseException("The response has no records array.");
        }
        List<TransformResponse.Record> out = new ArrayList<>(records.size());
        for (JsonNode r : records) {
            String recordId = text(r, "recordId");
            String result = text(r, "result");
            TransformResponse.Result parsed;
            try {
                parsed = TransformResponse.Result.valueOf(result);
            } catch (IllegalArgumentException e) {
                throw new InvalidResponseException("Record " + recordId + " has result '" + result + "'; expected Ok, Dropped or ProcessingFailed.");
            }
            byte[] data = new byte[0];
            JsonNode d = r.get("data");
            if (d != null && !d.isNull()) {
                try {
                    data = Base64.getDecoder().decode(d.asText());
                } catch (IllegalArgumentException e) {
                    throw new InvalidResponseException("Record " + recordId + " has data that is not base64.");
                }
            } else if (parsed == TransformResponse.Result.Ok) {
                throw new InvalidResponseException("Record " + recordId + " is Ok but has no data.");
            }
            Map<String, String> keys = new LinkedHashMap<>();
            JsonNode partitionKeys = r.path("metadata").path("partitionKeys");
            partitionKeys.properties().stream().filter(e -> !e.getValue().isNull())
                    .forEach(e -> keys.put(e.getKey(), e.getValue().asText()));
            out.add(new TransformResponse.Record(recordId, parsed, data, keys));
        }
        return new TransformResponse(out);
    }

    private static String text(JsonNode record, String member) throws InvalidResponseException {
        JsonNode v = record.get(member);
        if (v == null || !v.isTextual()) {
            throw new InvalidResponseException("A response record has no " + member + ".");
        }
        return v.asText();
    }

    /** A response that is not Firehose's transformation response. */
    public static final class InvalidResponseException extends Exception {
        private static final long serialVersionUID = 1L;

        public InvalidResponseException(String message) {
            super(message);
        }
    }
}
