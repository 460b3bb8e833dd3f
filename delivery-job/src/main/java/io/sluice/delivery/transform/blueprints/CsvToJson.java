package io.sluice.delivery.transform.blueprints;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.delivery.transform.RecordTransformer;
import io.sluice.delivery.transform.TransformRequest;
import io.sluice.delivery.transform.TransformResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Blueprint: a record of comma-separated values becomes a JSON object with one member per column,
 * {@code "c0"}, {@code "c1"}, ... (a double-quoted field may hold commas and doubled quotes), followed
 * by a newline. A record that is not valid CSV (an unclosed quote) is {@code ProcessingFailed}; an empty
 * line is {@code Dropped}. Configure it as {@code sluice.firehose.functions.csv-to-json.class:
 * io.sluice.delivery.transform.blueprints.CsvToJson}.
 */
public final class CsvToJson implements RecordTransformer {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Override
    public TransformResponse transform(TransformRequest request) throws Exception {
        List<TransformResponse.Record> out = new ArrayList<>(request.records().size());
        for (TransformRequest.Record r : request.records()) {
            String line = new String(r.data(), StandardCharsets.UTF_8).strip();
            if (line.isEmpty()) {
                out.add(TransformResponse.Record.dropped(r.recordId()));
                continue;
            }
            List<String> fields = fields(line);
            if (fields == null) {
                out.add(TransformResponse.Record.failed(r.recordId()));
                continue;
            }
            ObjectNode json = MAPPER.createObjectNode();
            for (int i = 0; i < fields.size(); i++) {
                json.put("c" + i, fields.get(i));
            }
            out.add(TransformResponse.Record.ok(r.recordId(), (MAPPER.writeValueAsString(json) + "\n").getBytes(StandardCharsets.UTF_8)));
        }
        return new TransformResponse(out);
    }

    /** The fields of one CSV line (RFC 4180 quoting), or {@code null} if a quote is left open. */
    static List<String> fields(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            return null;
        }
        fields.add(field.toString());
        return fields;
    }
}
