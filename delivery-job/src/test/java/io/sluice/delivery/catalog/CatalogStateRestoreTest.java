package io.sluice.delivery.catalog;

import static io.sluice.delivery.DeliveryFixtures.body;
import static io.sluice.delivery.DeliveryFixtures.controlSettings;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.common.http.ApiReply;
import io.sluice.common.serialization.JacksonTypeInfo;
import io.sluice.common.wire.WireFormat;
import io.sluice.delivery.DeliveryFixtures;
import io.sluice.delivery.api.Action;
import io.sluice.delivery.api.ControlRequest;
import io.sluice.delivery.catalog.state.CatalogStateFixtures;
import io.sluice.delivery.catalog.state.CatalogTypes;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.Collector;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Upgrading a running delivery job: state that the release before wrote (the catalog in Jackson/CBOR, under a
 * {@code JacksonSerializerSnapshot}) is snapshotted by the operator test harness with the state descriptors of that
 * release, restored by this build, migrated to the binary format, and that format's own snapshot restored again. On the
 * heap and on RocksDB, whose migrations differ (the heap reads everything at restore; RocksDB rewrites each value).
 */
class CatalogStateRestoreTest {

    /** The state backends the job may run on. */
    enum Backend {
        HASHMAP, ROCKSDB;

        StateBackend create() {
            return this == HASHMAP ? new HashMapStateBackend() : new EmbeddedRocksDBStateBackend();
        }
    }

    /** The buffer's delivery-stream state, as {@code DeliveryBuffer} declares it (name and, now, serializer). */
    private static final String BUFFER_STATE = "delivery-stream";

    @ParameterizedTest
    @EnumSource(Backend.class)
    void theRegistryRestoresTheCatalogOfTheReleaseBeforeAndItsOwn(Backend backend) throws Exception {
        Map<String, DeliveryStream> catalog = servableStreams();
        OperatorSubtaskState before;
        try (var harness = harness(new KeyedProcessOperator<>(new ReleaseBeforeRegistry()), backend)) {
            harness.open();
            for (DeliveryStream stream : catalog.values()) {
                harness.processElement(new StreamRecord<>(stream));
            }
            before = harness.snapshot(1L, 1L);
        }

        OperatorSubtaskState after;
        try (var harness = harness(new KeyedProcessOperator<>(new DeliveryStreamRegistry(controlSettings(Duration.ZERO, 5000))),
                backend)) {
            harness.initializeState(before);
            harness.open();
            assertThat(registryState(harness)).containsExactlyInAnyOrderEntriesOf(catalog);
            JsonNode described = describe(harness, "s3-full");
            assertThat(described.get("VersionId").asText()).isEqualTo("7");
            assertThat(described.get("Destinations").get(0).get("ExtendedS3DestinationDescription").get("Prefix").asText())
                    .isEqualTo("customer=!{partitionKeyFromQuery:customer}/year=!{partitionKeyFromQuery:year}/");
            after = harness.snapshot(2L, 2L);
        }

        try (var harness = harness(new KeyedProcessOperator<>(new DeliveryStreamRegistry(controlSettings(Duration.ZERO, 5000))),
                backend)) {
            harness.initializeState(after);
            harness.open();
            assertThat(registryState(harness)).containsExactlyInAnyOrderEntriesOf(catalog);
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aBuffersDeliveryStreamRestoresFromTheReleaseBefore(Backend backend) throws Exception {
        Map<String, DeliveryStream> catalog = servableStreams();
        OperatorSubtaskState before;
        try (var harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new BufferStateWriter(JacksonTypeInfo.of(DeliveryStream.class))), DeliveryStream::name,
                Types.STRING)) {
            harness.setStateBackend(backend.create());
            harness.open();
            for (DeliveryStream stream : catalog.values()) {
                harness.processElement(new StreamRecord<>(stream));
            }
            before = harness.snapshot(1L, 1L);
        }
        try (var harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new BufferStateWriter(CatalogTypes.DELIVERY_STREAM)), DeliveryStream::name, Types.STRING)) {
            harness.setStateBackend(backend.create());
            harness.initializeState(before);
            harness.open();
            KeyedStateBackend<String> state = harness.getOperator().getKeyedStateBackend();
            for (DeliveryStream stream : catalog.values()) {
                state.setCurrentKey(stream.name());
                assertThat(value(state, new ValueStateDescriptor<>(BUFFER_STATE, CatalogTypes.DELIVERY_STREAM)).value())
                        .isEqualTo(stream);
            }
        }
    }

    /** The fixtures that a registry can describe (every member a real stream has). */
    private static Map<String, DeliveryStream> servableStreams() {
        Map<String, DeliveryStream> streams = new LinkedHashMap<>();
        for (DeliveryStream stream : CatalogStateFixtures.everyKind()) {
            if (stream.status() != null) {
                streams.put(stream.name(), stream);
            }
        }
        return streams;
    }

    private static <I> KeyedOneInputStreamOperatorTestHarness<String, I, DeliveryStreamChange> harness(
            KeyedProcessOperator<String, I, DeliveryStreamChange> operator, Backend backend) throws Exception {
        var harness = new KeyedOneInputStreamOperatorTestHarness<>(operator, c -> DeliveryStreamRegistry.ACCOUNT_KEY, Types.STRING);
        harness.setStateBackend(backend.create());
        harness.setup(CatalogTypes.DELIVERY_STREAM_CHANGE.createSerializer(new SerializerConfigImpl()));
        return harness;
    }

    /** The registry's delivery streams, read through its state descriptor. */
    private static Map<String, DeliveryStream> registryState(KeyedOneInputStreamOperatorTestHarness<String, ?, ?> harness)
            throws Exception {
        KeyedStateBackend<String> backend = harness.getOperator().getKeyedStateBackend();
        backend.setCurrentKey(DeliveryStreamRegistry.ACCOUNT_KEY);
        Map<String, DeliveryStream> streams = new LinkedHashMap<>();
        for (Map.Entry<String, DeliveryStream> e : value(backend, DeliveryStreamRegistry.streamsState()).entries()) {
            streams.put(e.getKey(), e.getValue());
        }
        return streams;
    }

    private static <S extends org.apache.flink.api.common.state.State> S value(KeyedStateBackend<String> backend,
            StateDescriptor<S, ?> descriptor) throws Exception {
        return backend.getPartitionedState(VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE, descriptor);
    }

    private static JsonNode describe(KeyedOneInputStreamOperatorTestHarness<String, RegistryCommand, DeliveryStreamChange> harness,
            String name) throws Exception {
        ControlRequest request = (ControlRequest) DeliveryFixtures.read(Action.DESCRIBE_DELIVERY_STREAM,
                "{\"DeliveryStreamName\": \"" + name + "\"}");
        harness.processElement(new StreamRecord<>(new RegistryCommand(DeliveryFixtures.ref(1, WireFormat.JSON), 0L, request)));
        List<StreamRecord<ApiReply>> replies = List.copyOf(harness.getSideOutput(DeliveryStreamRegistry.REPLIES));
        ApiReply reply = replies.get(replies.size() - 1).getValue();
        assertThat(reply.errorType()).isNull();
        return body(reply).get("DeliveryStreamDescription");
    }

    /** The registry's catalog state as the release before declared it (Jackson/CBOR), filled with the streams it is sent. */
    private static final class ReleaseBeforeRegistry extends KeyedProcessFunction<String, DeliveryStream, DeliveryStreamChange> {
        private static final long serialVersionUID = 1L;
        private transient MapState<String, DeliveryStream> streams;

        @Override
        public void open(OpenContext context) {
            streams = getRuntimeContext().getMapState(
                    new MapStateDescriptor<>("delivery-streams", Types.STRING, JacksonTypeInfo.of(DeliveryStream.class)));
        }

        @Override
        public void processElement(DeliveryStream stream, Context ctx, Collector<DeliveryStreamChange> out) throws Exception {
            streams.put(stream.name(), stream);
        }
    }

    /** Keeps each stream it is sent in the buffer's delivery-stream state, under the given type information. */
    private static final class BufferStateWriter extends KeyedProcessFunction<String, DeliveryStream, DeliveryStream> {
        private static final long serialVersionUID = 1L;
        private final org.apache.flink.api.common.typeinfo.TypeInformation<DeliveryStream> type;
        private transient ValueState<DeliveryStream> stream;

        BufferStateWriter(org.apache.flink.api.common.typeinfo.TypeInformation<DeliveryStream> type) {
            this.type = type;
        }

        @Override
        public void open(OpenContext context) {
            stream = getRuntimeContext().getState(new ValueStateDescriptor<>(BUFFER_STATE, type));
        }

        @Override
        public void processElement(DeliveryStream value, Context ctx, Collector<DeliveryStream> out) throws Exception {
            stream.update(value);
        }
    }
}
