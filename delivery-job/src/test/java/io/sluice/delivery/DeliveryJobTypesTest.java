package io.sluice.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.runtime.kryo.KryoSerializer;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.junit.jupiter.api.Test;

/**
 * No type of the delivery job's streams or keys goes through Kryo: the job runs with {@code pipeline.generic-types: false}
 * (so a type that would fall back to Kryo fails the job at build time, and a state descriptor of such a type fails when
 * its operator opens), and its graph builds under that setting with an explicit serializer everywhere.
 */
class DeliveryJobTypesTest {

    @Test
    void theJobRunsWithoutGenericTypes() {
        Configuration conf = DeliveryJob.withDefaults(new Configuration());
        assertThat(conf.get(PipelineOptions.GENERIC_TYPES)).isFalse();
        assertThat(environment(conf).getConfig().getSerializerConfig().hasGenericTypesDisabled()).isTrue();
    }

    @Test
    void everyStreamAndKeyOfTheGraphHasAnExplicitSerializer() {
        Configuration conf = DeliveryJob.withDefaults(new Configuration());
        StreamExecutionEnvironment env = environment(conf);
        DeliveryJob.build(env, conf);
        StreamGraph graph = env.getStreamGraph();
        List<String> operators = new ArrayList<>();
        for (StreamNode node : graph.getStreamNodes()) {
            List<TypeSerializer<?>> serializers = new ArrayList<>(List.of(node.getTypeSerializersIn()));
            serializers.add(node.getTypeSerializerOut());
            serializers.add(node.getStateKeySerializer());
            for (TypeSerializer<?> s : serializers) {
                if (s != null) { // a source has no input, a sink no output, an unkeyed operator no key
                    assertThat(s).as(node.getOperatorName()).isNotInstanceOf(KryoSerializer.class);
                }
            }
            operators.add(node.getOperatorName());
        }
        assertThat(operators).as("the graph was built").anyMatch(name -> name.contains("DeliveryStreamRegistry"));
    }

    /** What the setting guards against: a type Flink can only serialize with Kryo stops the graph. */
    @Test
    void aTypeThatWouldGoThroughKryoFailsTheGraph() {
        StreamExecutionEnvironment env = environment(DeliveryJob.withDefaults(new Configuration()));
        assertThatThrownBy(() -> {
            env.fromData(new Opaque()).map(o -> o).name("opaque");
            env.getStreamGraph();
        }).hasMessageContaining("Generic types have been disabled");
    }

    private static StreamExecutionEnvironment environment(Configuration conf) {
        return StreamExecutionEnvironment.getExecutionEnvironment(conf);
    }

    /** A class that is no POJO (no default constructor, a private field without accessors). */
    private static final class Opaque {
        private final Object value = new Object();
    }
}
