package io.sluice.delivery.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.delivery.api.Processing;
import io.sluice.delivery.buffer.BufferedBatch;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RecordProcessingTest {

    private static final String ARN = "arn:aws:lambda:us-east-1:000000000000:function:echo";

    /** Counts its calls and answers every record Ok with its data. */
    public static final class Echo implements RecordTransformer {
        static final AtomicInteger CALLS = new AtomicInteger();

        @Override
        public TransformResponse transform(TransformRequest request) {
            CALLS.incrementAndGet();
            return new TransformResponse(request.records().stream().map(r -> TransformResponse.Record.ok(r.recordId(), r.data())).toList());
        }
    }

    private final RecordProcessing processing = new RecordProcessing(
            new TransformFunctions(Map.of("echo", Echo.class.getName()), Map.of()), InstantSource.fixed(Instant.EPOCH));

    @Test
    void aStoreThatFailsWhileAnswersAreWrittenIsNotRetriedAsTheFunctionsFailure() {
        Echo.CALLS.set(0);
        List<String> written = new ArrayList<>();
        RecordProcessing.Output failingOnce = new RecordProcessing.Output() {
            private boolean failed;

            @Override
            public void ok(byte[] data) throws IOException {
                if (written.size() == 1 && !failed) {
                    failed = true;
                    throw new IOException("store down");
                }
                written.add(new String(data, StandardCharsets.UTF_8));
            }

            @Override
            public void failed(ErrorDocument error) {
                written.add("error:" + error.errorCode());
            }
        };
        assertThatThrownBy(() -> processing.run(lambda(), "arn:stream", "us-east-1", batch("a", "b", "c"), failingOnce))
                .isInstanceOf(IOException.class).hasMessage("store down");
        assertThat(Echo.CALLS.get()).as("the function was called once, not again for the store's failure").isEqualTo(1);
        assertThat(written).containsExactly("a");
    }

    @Test
    void answersAreWrittenOnceInRequestOrder() throws IOException {
        List<String> written = new ArrayList<>();
        processing.run(lambda(), "arn:stream", "us-east-1", batch("a", "b", "c"), new RecordProcessing.Output() {
            @Override
            public void ok(byte[] data) {
                written.add(new String(data, StandardCharsets.UTF_8));
            }

            @Override
            public void failed(ErrorDocument error) {
                written.add("error");
            }
        });
        assertThat(written).containsExactly("a", "b", "c");
    }

    private static Processing lambda() {
        return new Processing(true, List.of(new Processing.Processor(Processing.Type.Lambda, Map.of("LambdaArn", ARN))));
    }

    private static List<BufferedBatch> batch(String... records) {
        List<byte[]> data = new ArrayList<>();
        for (String r : records) {
            data.add(r.getBytes(StandardCharsets.UTF_8));
        }
        return List.of(new BufferedBatch(0, data));
    }
}
