package io.sluice.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bad input over raw HTTP: every malformed request gets a 4xx with an AWS-shaped error (body
 * {@code __type}/{@code message} in the request's format, {@code x-amzn-ErrorType},
 * {@code x-amzn-RequestId}), and the server keeps serving without losing a record.
 */
class BadInputITCase extends SluiceITCaseBase {

    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    static final ObjectMapper JSON = new ObjectMapper();
    static final ObjectMapper CBOR = new CBORMapper();
    static final String JSON_TYPE = "application/x-amz-json-1.1";
    static final String CBOR_TYPE = "application/x-amz-cbor-1.1";

    @BeforeAll
    static void createStream() throws Exception {
        assertThat(call("CreateStream", JSON_TYPE, "{\"StreamName\":\"bad-input\",\"ShardCount\":1}").statusCode()).isEqualTo(200);
    }

    @Test
    void malformedJsonIsASerializationException() throws Exception {
        assertAwsError(call("PutRecord", JSON_TYPE, "{\"StreamName\":\"bad-input\",\"Data\":"), 400, "SerializationException", JSON);
        assertAwsError(call("PutRecord", JSON_TYPE, "[1,2,3]"), 400, "SerializationException", JSON);
        assertAwsError(call("CreateStream", JSON_TYPE, "{\"StreamName\":\"x\",\"ShardCount\":\"two\"}"), 400, "SerializationException", JSON);
        assertAwsError(call("PutRecord", JSON_TYPE, "{\"StreamName\":\"bad-input\",\"PartitionKey\":\"p\",\"Data\":\"@@not base64@@\"}"),
                400, "SerializationException", JSON);
    }

    @Test
    void malformedCborIsASerializationExceptionInCbor() throws Exception {
        HttpResponse<byte[]> r = call("PutRecord", CBOR_TYPE, new byte[] {(byte) 0xBF, 0x61, 0x41});
        assertAwsError(r, 400, "SerializationException", CBOR);
    }

    @Test
    void unknownOrMissingTargetIsAnUnknownOperation() throws Exception {
        assertAwsError(call("SplitTheAtom", JSON_TYPE, "{}"), 400, "UnknownOperationException", JSON);
        HttpResponse<byte[]> missing = HTTP.send(HttpRequest.newBuilder(SLUICE.endpoint())
                .header("Content-Type", JSON_TYPE).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertAwsError(missing, 400, "UnknownOperationException", JSON);
        HttpResponse<byte[]> otherService = HTTP.send(HttpRequest.newBuilder(SLUICE.endpoint())
                .header("Content-Type", JSON_TYPE).header("X-Amz-Target", "DynamoDB_20120810.ListTables")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertAwsError(otherService, 400, "UnknownOperationException", JSON);
    }

    @Test
    void wrongContentTypeAndMissingBodyAreRefused() throws Exception {
        assertAwsError(call("ListStreams", "text/plain", "{}"), 400, "SerializationException", JSON);
        assertAwsError(call("ListStreams", JSON_TYPE, new byte[0]), 400, "SerializationException", JSON);
        assertAwsError(call("ListStreams", CBOR_TYPE, new byte[0]), 400, "SerializationException", CBOR);
        HttpResponse<byte[]> get = HTTP.send(HttpRequest.newBuilder(SLUICE.endpoint()).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertAwsError(get, 400, "UnknownOperationException", JSON);
    }

    @Test
    void validationNamesEveryViolatedMember() throws Exception {
        HttpResponse<byte[]> r = call("CreateStream", JSON_TYPE, "{\"StreamName\":\"" + "x".repeat(129) + "\",\"ShardCount\":0}");
        JsonNode body = assertAwsError(r, 400, "ValidationException", JSON);
        assertThat(body.get("message").asText())
                .startsWith("2 validation errors detected: ")
                .contains("at 'streamName' failed to satisfy constraint: Member must have length less than or equal to 128")
                .contains("Value '0' at 'shardCount' failed to satisfy constraint: Member must have value greater than or equal to 1");
        assertAwsError(call("GetShardIterator", JSON_TYPE,
                "{\"StreamName\":\"bad-input\",\"ShardId\":\"shardId-000000000000\",\"ShardIteratorType\":\"SOMEWHERE\"}"),
                400, "ValidationException", JSON);
        assertAwsError(call("GetShardIterator", JSON_TYPE,
                "{\"StreamName\":\"bad-input\",\"ShardId\":\"shardId-000000000000\",\"ShardIteratorType\":\"AT_SEQUENCE_NUMBER\"}"),
                400, "InvalidArgumentException", JSON);
    }

    @Test
    void putRecordsOverFiveMebibytesIsRefused() throws Exception {
        String data = Base64.getEncoder().encodeToString(new byte[1 << 20]);
        StringBuilder body = new StringBuilder("{\"StreamName\":\"bad-input\",\"Records\":[");
        for (int i = 0; i < 6; i++) {
            body.append(i == 0 ? "" : ",").append("{\"PartitionKey\":\"p\",\"Data\":\"").append(data).append("\"}");
        }
        body.append("]}");
        JsonNode error = assertAwsError(call("PutRecords", JSON_TYPE, body.toString()), 400, "InvalidArgumentException", JSON);
        assertThat(error.get("message").asText()).isEqualTo("Records size exceeds 5 MB limit");
    }

    @Test
    void oversizedBodyGets413AndTheServerKeepsServing() throws Exception {
        try (Socket socket = new Socket(SLUICE.endpoint().getHost(), SLUICE.endpoint().getPort())) {
            String request = "POST / HTTP/1.1\r\nHost: localhost\r\nContent-Type: " + JSON_TYPE
                    + "\r\nX-Amz-Target: Kinesis_20131202.PutRecord\r\nContent-Length: " + (11 << 20) + "\r\n\r\n{\"Data\":\"";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String answer = new String(readAll(socket.getInputStream()), StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 413").contains("x-amzn-ErrorType: SerializationException")
                    .contains("\"__type\":\"SerializationException\"").contains("exceeds the limit");
        }
        assertThat(call("ListStreams", JSON_TYPE, "{}").statusCode()).isEqualTo(200);
    }

    @Test
    void garbageOnTheSocketDoesNotHurtOtherClientsOrRecords() throws Exception {
        HttpResponse<byte[]> put = call("PutRecord", JSON_TYPE, "{\"StreamName\":\"bad-input\",\"PartitionKey\":\"keep\",\"Data\":\"a2VlcA==\"}");
        assertThat(put.statusCode()).isEqualTo(200);
        String sequenceNumber = JSON.readTree(put.body()).get("SequenceNumber").asText();

        try (Socket socket = new Socket(SLUICE.endpoint().getHost(), SLUICE.endpoint().getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write("\u0016\u0003\u0001 this is not HTTP at all\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            String answer = new String(readAll(socket.getInputStream()), StandardCharsets.ISO_8859_1);
            assertThat(answer).startsWith("HTTP/1.1 400").contains("x-amzn-ErrorType: SerializationException");
        }

        String iterator = JSON.readTree(call("GetShardIterator", JSON_TYPE, "{\"StreamName\":\"bad-input\",\"ShardId\":\"shardId-000000000000\","
                + "\"ShardIteratorType\":\"AT_SEQUENCE_NUMBER\",\"StartingSequenceNumber\":\"" + sequenceNumber + "\"}").body())
                .get("ShardIterator").asText();
        JsonNode records = JSON.readTree(call("GetRecords", JSON_TYPE, "{\"ShardIterator\":\"" + iterator + "\",\"Limit\":1}").body());
        assertThat(records.get("Records").get(0).get("PartitionKey").asText()).isEqualTo("keep");
        assertThat(records.get("Records").get(0).get("Data").asText()).isEqualTo("a2VlcA==");
    }

    @Test
    void keepAliveServesSeveralCallsOnOneConnection() throws Exception {
        try (Socket socket = new Socket(SLUICE.endpoint().getHost(), SLUICE.endpoint().getPort())) {
            for (int i = 0; i < 3; i++) {
                String body = "{}";
                String request = "POST / HTTP/1.1\r\nHost: localhost\r\nContent-Type: " + JSON_TYPE
                        + "\r\nX-Amz-Target: Kinesis_20131202.ListStreams\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;
                socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                String head = readHead(socket.getInputStream());
                assertThat(head).startsWith("HTTP/1.1 200").containsIgnoringCase("connection: keep-alive");
                int length = Integer.parseInt(head.replaceAll("(?is).*content-length: (\\d+).*", "$1"));
                assertThat(socket.getInputStream().readNBytes(length)).hasSize(length);
            }
        }
    }

    @Test
    void pipelinedHttp11RequestsAreAnsweredInOrder() throws Exception {
        String put = "{\"StreamName\":\"bad-input\",\"PartitionKey\":\"p\",\"Data\":\"AA==\"}";
        String first = "POST / HTTP/1.1\r\nHost: localhost\r\nContent-Type: " + JSON_TYPE
                + "\r\nX-Amz-Target: Kinesis_20131202.PutRecord\r\nContent-Length: " + put.length() + "\r\n\r\n" + put;
        String second = "POST / HTTP/1.1\r\nHost: localhost\r\nContent-Type: " + JSON_TYPE
                + "\r\nContent-Length: 2\r\n\r\n{}";
        try (Socket socket = new Socket(SLUICE.endpoint().getHost(), SLUICE.endpoint().getPort())) {
            socket.getOutputStream().write((first + second + first).getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            List<String> heads = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                String head = readHead(socket.getInputStream());
                socket.getInputStream().readNBytes(Integer.parseInt(head.replaceAll("(?is).*content-length: (\\d+).*", "$1")));
                heads.add(head);
            }
            assertThat(heads.get(0)).as("the first PutRecord is answered first").startsWith("HTTP/1.1 200");
            assertThat(heads.get(1)).startsWith("HTTP/1.1 400").contains("UnknownOperationException");
            assertThat(heads.get(2)).as("then the second PutRecord").startsWith("HTTP/1.1 200");
        }
    }

    static JsonNode assertAwsError(HttpResponse<byte[]> r, int status, String type, ObjectMapper format) throws IOException {
        assertThat(r.statusCode()).as("status of %s", new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(status);
        assertThat(r.headers().firstValue("x-amzn-ErrorType")).contains(type);
        assertThat(r.headers().firstValue("x-amzn-RequestId")).isPresent();
        assertThat(r.headers().firstValue("Content-Type")).contains(format == CBOR ? CBOR_TYPE : JSON_TYPE);
        JsonNode body = format.readTree(r.body());
        assertThat(body.get("__type").asText()).isEqualTo(type);
        assertThat(body.get("message").asText()).isNotBlank();
        return body;
    }

    static HttpResponse<byte[]> call(String action, String contentType, String body) throws Exception {
        return call(action, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    static HttpResponse<byte[]> call(String action, String contentType, byte[] body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(SLUICE.endpoint())
                        .header("Content-Type", contentType)
                        .header("X-Amz-Target", "Kinesis_20131202." + action)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toByteArray();
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed after: " + head);
            }
            head.append((char) b);
        }
        return head.toString();
    }

}
