package io.sluice.delivery.transform;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.delivery.buffer.KinesisRecordMetadata;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Firehose's Lambda event as JSON, with AWS's member names and types. */
class LambdaJsonTest {

    @Test
    void recordsReadFromAKinesisStreamCarryTheirKinesisRecordMetadata() {
        TransformRequest request = new TransformRequest("inv-1", "arn:aws:firehose:us-east-1:000000000000:deliverystream/d", "us-east-1",
                List.of(new TransformRequest.Record("0000000000000000", 1_767_323_045_001L, "hi".getBytes(StandardCharsets.UTF_8),
                                new KinesisRecordMetadata("shardId-000000000001", "user-7", "4959", 2, 1_767_323_045_001L)),
                        new TransformRequest.Record("0000000000000001", 1_767_323_045_002L, new byte[0])));
        assertThat(new String(LambdaJson.request(request), StandardCharsets.UTF_8)).isEqualTo("{\"invocationId\":\"inv-1\","
                + "\"deliveryStreamArn\":\"arn:aws:firehose:us-east-1:000000000000:deliverystream/d\",\"region\":\"us-east-1\",\"records\":["
                + "{\"recordId\":\"0000000000000000\",\"approximateArrivalTimestamp\":1767323045001,\"data\":\"aGk=\","
                + "\"kinesisRecordMetadata\":{\"shardId\":\"shardId-000000000001\",\"partitionKey\":\"user-7\","
                + "\"approximateArrivalTimestamp\":1767323045001,\"sequenceNumber\":\"4959\",\"subsequenceNumber\":2}},"
                + "{\"recordId\":\"0000000000000001\",\"approximateArrivalTimestamp\":1767323045002,\"data\":\"\"}]}");
    }
}
