package io.sluice.common.connector.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.firehose.FirehoseAsyncClient;
import software.amazon.awssdk.services.firehose.model.InvalidArgumentException;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchRequest;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponse;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponseEntry;
import software.amazon.awssdk.services.firehose.model.ServiceUnavailableException;

/**
 * PutRecordBatch as the sink uses it: one request per batch with the records' bytes in order, the
 * records whose answer has an ErrorCode picked out for a retry, and Firehose's errors sorted into
 * retryable and not.
 */
class FirehosePutRecordBatchTest {

    @Test
    void sendsTheBatchInOrderAndPicksOutTheRecordsWithAnErrorCode() {
        AnsweringClient client = new AnsweringClient(PutRecordBatchResponse.builder().failedPutCount(2).requestResponses(
                ok(), failed("ServiceUnavailableException", "Slow down."), ok(), failed("InternalFailure", "Internal failure.")).build());
        FirehosePutRecordBatch api = new FirehosePutRecordBatch(client, "clicks");
        List<byte[]> batch = List.of(bytes("a"), bytes("b"), bytes("c"), bytes("d"));

        List<byte[]> failed = api.put(batch).join();

        assertThat(failed).containsExactly(batch.get(1), batch.get(3));
        assertThat(client.requests).hasSize(1);
        PutRecordBatchRequest request = client.requests.get(0);
        assertThat(request.deliveryStreamName()).isEqualTo("clicks");
        assertThat(request.records()).extracting(r -> r.data().asUtf8String()).containsExactly("a", "b", "c", "d");
    }

    @Test
    void aBatchWithoutFailedPutsHasNothingToRetry() {
        AnsweringClient client = new AnsweringClient(PutRecordBatchResponse.builder().failedPutCount(0).requestResponses(ok(), ok()).build());
        assertThat(new FirehosePutRecordBatch(client, "clicks").put(List.of(bytes("a"), bytes("b"))).join()).isEmpty();
    }

    @Test
    void slowDownAndConnectionTroubleAreRetryableABadRequestIsNot() {
        FirehosePutRecordBatch api = new FirehosePutRecordBatch(null, "clicks");
        assertThat(api.isRetryable(ServiceUnavailableException.builder().statusCode(503)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("ServiceUnavailableException").errorMessage("Slow down.").build())
                .build())).isTrue();
        assertThat(api.isRetryable(SdkClientException.create("connection reset", new java.io.IOException("reset")))).isTrue();
        assertThat(api.isRetryable(InvalidArgumentException.builder().statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("InvalidArgumentException").build()).build())).isFalse();
        assertThat(api.isRetryable(SdkClientException.create("Unable to load credentials"))).isFalse();
        assertThat(api.describe()).isEqualTo("PutRecordBatch to delivery stream clicks");
    }

    private static PutRecordBatchResponseEntry ok() {
        return PutRecordBatchResponseEntry.builder().recordId("id").build();
    }

    private static PutRecordBatchResponseEntry failed(String code, String message) {
        return PutRecordBatchResponseEntry.builder().errorCode(code).errorMessage(message).build();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** A Firehose client that records its PutRecordBatch requests and gives one scripted answer. */
    private static final class AnsweringClient implements FirehoseAsyncClient {
        final List<PutRecordBatchRequest> requests = new ArrayList<>();
        private final PutRecordBatchResponse answer;

        AnsweringClient(PutRecordBatchResponse answer) {
            this.answer = answer;
        }

        @Override
        public CompletableFuture<PutRecordBatchResponse> putRecordBatch(PutRecordBatchRequest request) {
            requests.add(request);
            return CompletableFuture.completedFuture(answer);
        }

        @Override
        public String serviceName() {
            return "firehose";
        }

        @Override
        public void close() {}
    }
}
