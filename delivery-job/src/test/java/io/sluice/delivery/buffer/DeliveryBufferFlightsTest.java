package io.sluice.delivery.buffer;

import static io.sluice.delivery.DeliveryFixtures.activeStream;
import static io.sluice.delivery.DeliveryFixtures.body;
import static io.sluice.delivery.DeliveryFixtures.bytes;
import static io.sluice.delivery.DeliveryFixtures.ref;
import static io.sluice.delivery.DeliveryFixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.sluice.common.http.ApiReply;
import io.sluice.common.serialization.JacksonTypeInfo;
import io.sluice.common.wire.WireFormat;
import io.sluice.delivery.DeliveryFixtures;
import io.sluice.delivery.DeliverySettings;
import io.sluice.delivery.api.BufferingHints;
import io.sluice.delivery.api.Processing;
import io.sluice.delivery.api.S3Destination;
import io.sluice.delivery.catalog.DeliveryStream;
import io.sluice.delivery.catalog.DeliveryStreamChange;
import io.sluice.delivery.s3.CompressionFormat;
import io.sluice.delivery.s3.PendingObject;
import io.sluice.delivery.transform.RecordTransformer;
import io.sluice.delivery.transform.TransformFunctions;
import io.sluice.delivery.transform.TransformRequest;
import io.sluice.delivery.transform.TransformResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Flushes written beside the task thread ({@code sluice.firehose.flush-threads} above 0): puts are taken
 * while a flush runs, flushes of one stream run side by side and finish in any order, and a flush that is
 * in flight at a checkpoint is written again after a restore, exactly once. A gate function holds each
 * flush until the test opens it.
 */
class DeliveryBufferFlightsTest {

    private static final String NAME = "clicks";
    private static final String BUCKET = "my-bucket";
    private static final long CREATED = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
    private static final long INTERVAL = 60_000;
    private static final long T0 = 1_000;
    private static final String GATE_ARN = "arn:aws:lambda:us-east-1:000000000000:function:gate";

    /** Answers every record Ok, after the gate named by the first byte of its invocation's first record opens. */
    public static final class Gate implements RecordTransformer {
        static final Map<Character, CountDownLatch> GATES = new ConcurrentHashMap<>();

        static CountDownLatch gate(char c) {
            return GATES.computeIfAbsent(c, k -> new CountDownLatch(1));
        }

        @Override
        public TransformResponse transform(TransformRequest request) throws Exception {
            char first = (char) request.records().get(0).data()[0];
            if (!gate(first).await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("gate " + first + " never opened");
            }
            return new TransformResponse(request.records().stream().map(r -> TransformResponse.Record.ok(r.recordId(), r.data())).toList());
        }
    }

    @TempDir
    Path tmp;

    private KeyedTwoInputStreamOperatorTestHarness<String, PutCommand, DeliveryStreamChange, PendingObject> harness;
    private long callId;
    private long now = T0;

    @BeforeEach
    void open() throws Exception {
        Gate.GATES.clear();
        harness = harness(2, null);
    }

    @AfterEach
    void close() throws Exception {
        Gate.GATES.values().forEach(CountDownLatch::countDown);
        harness.close();
    }

    @Test
    void putsAreTakenWhileAFlushIsWrittenAndItsObjectFollowsWhenItIsDone() throws Exception {
        change(stream(new BufferingHints(5, 60)));
        put(utf8("a1,"), utf8("a2,"));
        time(T0 + INTERVAL);
        assertThat(objects()).as("the flush waits at the gate").isEmpty();
        assertThat(put(utf8("b1")).errorType()).as("the buffer still takes puts").isNull();

        Gate.gate('a').countDown();
        awaitObjects(1);
        PendingObject first = objects().get(0);
        assertThat(first.records()).isEqualTo(2);
        assertThat(staged(first)).isEqualTo("a1,a2,");

        Gate.gate('b').countDown();
        time(now + INTERVAL);
        awaitObjects(2);
        assertThat(staged(objects().get(1))).isEqualTo("b1");
        time(now + INTERVAL);
        assertThat(objects()).as("nothing is delivered twice").hasSize(2);
    }

    @Test
    void flushesOfOneStreamRunSideBySideAndTheLaterOneMayFinishFirst() throws Exception {
        change(stream(new BufferingHints(1, 900)));
        byte[] a = bytes(1024 * 1024, 'a');
        byte[] b = bytes(1024 * 1024, 'b');
        put(a); // reaches the size hint: flush 1 starts
        put(b); // flush 2
        Gate.gate('b').countDown();
        awaitObjects(1);
        assertThat(objects().get(0).bytes()).isEqualTo(b.length);
        assertThat(Files.readAllBytes(DeliveryFixtures.stagedFile(objects().get(0)))).isEqualTo(b);

        Gate.gate('a').countDown();
        awaitObjects(2);
        assertThat(Files.readAllBytes(DeliveryFixtures.stagedFile(objects().get(1)))).isEqualTo(a);
    }

    @Test
    void aFlushInFlightAtACheckpointIsWrittenAgainAfterARestoreAndWhatFinishedIsNot() throws Exception {
        change(stream(new BufferingHints(1, 900)));
        byte[] a = bytes(1024 * 1024, 'a');
        byte[] b = bytes(1024 * 1024, 'b');
        put(a);
        put(b);
        Gate.gate('b').countDown();
        awaitObjects(1); // flush 2 is done and its batch gone from state; flush 1 still runs
        put(utf8("c"));
        OperatorSubtaskState snapshot = harness.snapshot(1L, now);
        harness.close();

        Gate.gate('a').countDown();
        Gate.gate('c').countDown();
        harness = harness(0, snapshot);
        harness.setProcessingTime(now + DeliveryBuffer.POLL_MILLIS); // the restored poll timer
        assertThat(objects()).as("flush 1 written again, flush 2 not").hasSize(1);
        assertThat(Files.readAllBytes(DeliveryFixtures.stagedFile(objects().get(0)))).isEqualTo(a);
        time(now + 900_000);
        assertThat(objects()).hasSize(2);
        assertThat(staged(objects().get(1))).as("what was not taken keeps its interval").isEqualTo("c");
        time(now + 900_000);
        assertThat(objects()).hasSize(2);
    }

    // ---- helpers

    private KeyedTwoInputStreamOperatorTestHarness<String, PutCommand, DeliveryStreamChange, PendingObject> harness(
            int flushThreads, OperatorSubtaskState restored) throws Exception {
        DeliverySettings base = DeliveryFixtures.settings(tmp.resolve("s3"), Duration.ZERO, 5000);
        DeliverySettings settings = new DeliverySettings(base.region(), base.accountId(), base.clock(), base.createDelay(),
                base.deliveryStreamLimit(), base.buckets(), new DirectPutQuota.Limits(false, 0, 0, 0),
                new TransformFunctions(Map.of("gate", Gate.class.getName()), Map.of())).withFlushThreads(flushThreads);
        var h = new KeyedTwoInputStreamOperatorTestHarness<>(new KeyedCoProcessOperator<>(new DeliveryBuffer(settings)),
                PutCommand::deliveryStream, DeliveryStreamChange::name, Types.STRING);
        h.setup(JacksonTypeInfo.of(PendingObject.class).createSerializer(new SerializerConfigImpl()));
        if (restored != null) {
            h.initializeState(restored);
        }
        h.open();
        h.setProcessingTime(now);
        return h;
    }

    private static DeliveryStream stream(BufferingHints hints) {
        Processing gate = new Processing(true, List.of(new Processing.Processor(Processing.Type.Lambda,
                Map.of("LambdaArn", GATE_ARN, "BufferSizeInMBs", "3", "BufferIntervalInSeconds", "900"))));
        return activeStream(NAME, CREATED, new S3Destination(true, DeliveryFixtures.ROLE_ARN, "arn:aws:s3:::" + BUCKET, null, null,
                hints, CompressionFormat.UNCOMPRESSED, null, null, gate));
    }

    private ApiReply put(byte[]... records) throws Exception {
        harness.processElement1(new StreamRecord<>(new PutCommand(ref(++callId, WireFormat.JSON), NAME, false,
                DeliveryFixtures.ARRIVAL.toEpochMilli(), List.of(records))));
        List<ApiReply> replies = new ArrayList<>();
        harness.getSideOutput(DeliveryBuffer.REPLIES).forEach(r -> replies.add(r.getValue()));
        ApiReply last = replies.get(replies.size() - 1);
        assertThat(last.ref().callId()).isEqualTo(callId);
        if (last.errorType() != null) {
            assertThat(body(last).get("message").asText()).isNotEmpty();
        }
        return last;
    }

    private void change(DeliveryStream s) throws Exception {
        harness.processElement2(new StreamRecord<>(new DeliveryStreamChange(s.name(), s)));
    }

    private void time(long t) throws Exception {
        now = t;
        harness.setProcessingTime(t);
    }

    /** Moves processing time on, poll by poll, until {@code n} objects are out (the workers finish on their own threads). */
    private void awaitObjects(int n) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (objects().size() < n) {
            if (System.nanoTime() > deadline) {
                fail("only " + objects().size() + " of " + n + " objects after 30 s");
            }
            Thread.onSpinWait();
            time(now + DeliveryBuffer.POLL_MILLIS);
        }
        assertThat(objects()).hasSize(n);
    }

    private List<PendingObject> objects() {
        return harness.extractOutputValues();
    }


    private static String staged(PendingObject object) throws Exception {
        return Files.readString(DeliveryFixtures.stagedFile(object));
    }
}
