package io.sluice.common.connector.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.connector.base.sink.writer.ResultHandler;
import org.apache.flink.metrics.SimpleCounter;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.firehose.model.InvalidArgumentException;
import software.amazon.awssdk.services.firehose.model.ResourceNotFoundException;
import software.amazon.awssdk.services.firehose.model.ServiceUnavailableException;

/**
 * How a batch is settled: whole, partly failed (only the failed records come back, after a backoff),
 * refused whole with a retryable error (all come back), or failed for good (the job fails). Against an
 * in-memory API that answers as told and a scheduler that runs retries at once and notes their delays.
 */
class BatchRetrierTest {

    private final ScriptedApi api = new ScriptedApi();
    private final List<Long> delays = new ArrayList<>();
    private final SimpleCounter retried = new SimpleCounter();
    private final BatchRetrier<String> retrier = new BatchRetrier<>(api, new RetryBackoff(bound -> bound),
            (retry, delayMillis) -> {
                delays.add(delayMillis);
                retry.run();
            }, retried);

    @Test
    void aBatchThatIsInCompletesWithoutRetries() {
        api.answers.add(CompletableFuture.completedFuture(List.of()));
        RecordingHandler result = new RecordingHandler();
        retrier.submit(List.of("a", "b"), result);
        assertThat(result.completed).isTrue();
        assertThat(result.retried).isEmpty();
        assertThat(delays).isEmpty();
        assertThat(retried.getCount()).isZero();
    }

    @Test
    void onlyTheRecordsThatFailedOnTheirOwnAreRetriedAfterTheBackoff() {
        api.answers.add(CompletableFuture.completedFuture(List.of("b", "d")));
        RecordingHandler result = new RecordingHandler();
        retrier.submit(List.of("a", "b", "c", "d"), result);
        assertThat(result.retried).containsExactly(List.of("b", "d"));
        assertThat(result.completed).isFalse();
        assertThat(delays).containsExactly(100L);
        assertThat(retried.getCount()).isEqualTo(2);
    }

    @Test
    void slowDownRetriesTheWholeBatchWithAGrowingBackoffThatASuccessResets() {
        for (int i = 0; i < 3; i++) {
            api.answers.add(CompletableFuture.failedFuture(slowDown()));
        }
        api.answers.add(CompletableFuture.completedFuture(List.of()));
        api.answers.add(CompletableFuture.failedFuture(slowDown()));
        for (int i = 0; i < 3; i++) {
            RecordingHandler result = new RecordingHandler();
            retrier.submit(List.of("a", "b", "c"), result);
            assertThat(result.retried).containsExactly(List.of("a", "b", "c"));
        }
        RecordingHandler ok = new RecordingHandler();
        retrier.submit(List.of("a", "b", "c"), ok);
        assertThat(ok.completed).isTrue();
        retrier.submit(List.of("x"), new RecordingHandler());
        assertThat(delays).containsExactly(100L, 200L, 400L, 100L);
        assertThat(retried.getCount()).isEqualTo(10);
    }

    @Test
    void anErrorNoRetryCanFixFailsTheJobNamingTheTarget() {
        api.answers.add(CompletableFuture.failedFuture(ResourceNotFoundException.builder().statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("ResourceNotFoundException")
                        .errorMessage("Firehose nowhere under account 000000000000 not found.").build())
                .build()));
        RecordingHandler result = new RecordingHandler();
        retrier.submit(List.of("a"), result);
        assertThat(result.failure).isInstanceOf(IllegalStateException.class).hasMessage("PutRecordBatch to delivery stream test failed")
                .hasCauseInstanceOf(ResourceNotFoundException.class);
        assertThat(result.retried).isEmpty();
        assertThat(delays).isEmpty();
    }

    @Test
    void aBadRequestIsNotRetried() {
        api.answers.add(CompletableFuture.failedFuture(InvalidArgumentException.builder().statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("InvalidArgumentException").build()).build()));
        RecordingHandler result = new RecordingHandler();
        retrier.submit(List.of("a"), result);
        assertThat(result.failure).hasCauseInstanceOf(InvalidArgumentException.class);
    }

    private static ServiceUnavailableException slowDown() {
        return (ServiceUnavailableException) ServiceUnavailableException.builder().statusCode(503)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("ServiceUnavailableException").errorMessage("Slow down.").build())
                .build();
    }

    /** Answers each call with the next scripted future; classifies errors as the Firehose API does. */
    private static final class ScriptedApi implements BatchPutApi<String> {
        final Deque<CompletableFuture<List<String>>> answers = new ArrayDeque<>();

        @Override
        public CompletableFuture<List<String>> put(List<String> batch) {
            return answers.removeFirst();
        }

        @Override
        public boolean isRetryable(Throwable error) {
            return new FirehosePutRecordBatch(null, "test").isRetryable(error);
        }

        @Override
        public String describe() {
            return "PutRecordBatch to delivery stream test";
        }

        @Override
        public void close() {}
    }

    /** What the writer was told about one batch. */
    private static final class RecordingHandler implements ResultHandler<String> {
        boolean completed;
        Exception failure;
        final List<List<String>> retried = new ArrayList<>();

        @Override
        public void complete() {
            completed = true;
        }

        @Override
        public void completeExceptionally(Exception e) {
            failure = e;
        }

        @Override
        public void retryForEntries(List<String> entries) {
            retried.add(List.copyOf(entries));
        }
    }
}
