package io.sluice.delivery.transform.blueprints;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.delivery.transform.RecordTransformer;
import io.sluice.delivery.transform.TransformRequest;
import io.sluice.delivery.transform.TransformResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Blueprint: an Apache access log line in the common or combined log format becomes JSON
 * ({@code host, ident, authuser, datetime, request, response, bytes}, and {@code referer, agent} for the
 * combined format) followed by a newline; {@code "-"} bytes become 0. A line that is neither format is
 * {@code ProcessingFailed}. Configure it as {@code sluice.firehose.functions.apache-log-to-json.class:
 * io.sluice.delivery.transform.blueprints.ApacheLogToJson}.
 */
public final class ApacheLogToJson implements RecordTransformer {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** host ident authuser [datetime] "request" status bytes ["referer" "agent"] */
    private static final Pattern LINE = Pattern.compile(
            "^(\\S+) (\\S+) (\\S+) \\[([^\\]]+)\\] \"((?:[^\"\\\\]|\\\\.)*)\" (\\d{3}) (\\d+|-)(?: \"((?:[^\"\\\\]|\\\\.)*)\" \"((?:[^\"\\\\]|\\\\.)*)\")?\\s*$");

    @Override
    public TransformResponse transform(TransformRequest request) throws Exception {
        List<TransformResponse.Record> out = new ArrayList<>(request.records().size());
        for (TransformRequest.Record r : request.records()) {
            Matcher m = LINE.matcher(new String(r.data(), StandardCharsets.UTF_8));
            if (!m.matches()) {
                out.add(TransformResponse.Record.failed(r.recordId()));
                continue;
            }
            ObjectNode json = MAPPER.createObjectNode()
                    .put("host", m.group(1))
                    .put("ident", m.group(2))
                    .put("authuser", m.group(3))
                    .put("datetime", m.group(4))
                    .put("request", m.group(5))
                    .put("response", Integer.parseInt(m.group(6)))
                    .put("bytes", m.group(7).equals("-") ? 0 : Long.parseLong(m.group(7)));
            if (m.group(8) != null) {
                json.put("referer", m.group(8)).put("agent", m.group(9));
            }
            out.add(TransformResponse.Record.ok(r.recordId(), (MAPPER.writeValueAsString(json) + "\n").getBytes(StandardCharsets.UTF_8)));
        }
        return new TransformResponse(out);
    }
}
