package io.sluice.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * The README quickstart as the AWS CLI sends it: the bodies and headers below were captured with
 * {@code aws --debug} (aws-cli 2.9.19, botocore JSON 1.1, SigV4-signed), and the answers are checked
 * for the members and shapes the CLI reads (timestamps as epoch seconds, blobs as base64).
 */
class AwsCliRequestsITCase extends SluiceITCaseBase {

    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void quickstartCommandsAsTheCliSendsThem() throws Exception {
        assertThat(cli("CreateStream", "{\"StreamName\": \"quickstart\", \"ShardCount\": 1}").size()).isZero();

        String summaryBody = cliBody("DescribeStreamSummary", "{\"StreamName\": \"quickstart\"}");
        JsonNode summary = JSON.readTree(summaryBody).get("StreamDescriptionSummary");
        assertThat(summary.get("StreamStatus").asText()).isEqualTo("ACTIVE");
        assertThat(summary.get("StreamCreationTimestamp").isFloatingPointNumber() || summary.get("StreamCreationTimestamp").isNumber()).isTrue();
        assertEpochSecondsWithFraction(summaryBody, "StreamCreationTimestamp");
        assertThat(summary.get("StreamCreationTimestamp").asDouble()).isCloseTo(Instant.now().getEpochSecond(), Offset.offset(60.0));

        JsonNode describe = cli("DescribeStream", "{\"StreamName\": \"quickstart\"}").get("StreamDescription");
        assertThat(describe.get("StreamStatus").asText()).isEqualTo("ACTIVE");
        assertThat(describe.get("Shards")).hasSize(1);

        JsonNode put = cli("PutRecord", "{\"StreamName\": \"quickstart\", \"Data\": \"aGVsbG8gc2x1aWNl\", \"PartitionKey\": \"user-1\"}");
        assertThat(put.get("ShardId").asText()).isEqualTo("shardId-000000000000");
        assertThat(put.get("SequenceNumber").asText()).matches("\\d+");

        assertThat(cli("ListStreams", "{}").get("StreamNames").toString()).contains("\"quickstart\"");

        String iterator = cli("GetShardIterator", "{\"StreamName\": \"quickstart\", \"ShardId\": \"shardId-000000000000\", "
                + "\"ShardIteratorType\": \"AT_TIMESTAMP\", \"Timestamp\": " + (Instant.now().getEpochSecond() - 60) + "}")
                .get("ShardIterator").asText();
        String recordsBody = cliBody("GetRecords", "{\"ShardIterator\": \"" + iterator + "\"}");
        JsonNode records = JSON.readTree(recordsBody);
        assertThat(records.get("Records")).hasSize(1);
        JsonNode record = records.get("Records").get(0);
        assertThat(record.get("Data").asText()).isEqualTo("aGVsbG8gc2x1aWNl");
        assertThat(record.get("PartitionKey").asText()).isEqualTo("user-1");
        assertThat(record.get("SequenceNumber").asText()).isEqualTo(put.get("SequenceNumber").asText());
        assertThat(record.get("ApproximateArrivalTimestamp").isNumber()).isTrue();
        assertEpochSecondsWithFraction(recordsBody, "ApproximateArrivalTimestamp");
        assertThat(records.get("MillisBehindLatest").asLong()).isZero();
        assertThat(records.get("NextShardIterator").asText()).isNotEmpty();

        assertThat(cli("DeleteStream", "{\"StreamName\": \"quickstart\"}").size()).isZero();
    }

    /**
     * The member's number as it is on the wire is epoch seconds with a fraction (botocore's JSON
     * timestamps), close to now: not integer seconds, not milliseconds. Read from the raw body because
     * a parsed {@link JsonNode} no longer shows whether the number had a fraction.
     */
    private static void assertEpochSecondsWithFraction(String body, String member) {
        Matcher m = Pattern.compile("\"" + member + "\"\\s*:\\s*([^,}\\s]+)").matcher(body);
        assertThat(m.find()).as("%s in %s", member, body).isTrue();
        String number = m.group(1);
        assertThat(number).as(member).matches("\\d+\\.\\d+");
        assertThat(new BigDecimal(number).doubleValue()).as(member).isCloseTo(Instant.now().getEpochSecond(), Offset.offset(60.0));
    }

    private static JsonNode cli(String action, String body) throws Exception {
        return JSON.readTree(cliBody(action, body));
    }

    private static String cliBody(String action, String body) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(SLUICE.endpoint())
                .header("X-Amz-Target", "Kinesis_20131202." + action)
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("User-Agent", "aws-cli/2.9.19 Python/3.11.2 Linux source/x86_64.debian.12 prompt/off command/kinesis")
                .header("X-Amz-Date", "20261123T185109Z")
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=x/20261123/us-east-1/kinesis/aws4_request, "
                        + "SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=af6765fcc012b23b97497f23c6b34112285abf14deba1b075d76df4f1da7f003")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("%s answered %s", action, r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).contains("application/x-amz-json-1.1");
        return r.body();
    }
}
