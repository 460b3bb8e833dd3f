package io.sluice.ingest.shard;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.ingest.IngestSettings;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig.StateVisibility;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;

/**
 * The shard log's block state as the running job and as a savepoint reader declare it: the same state, serializers and
 * TTL, but a reader sees blocks that the TTL backstop would hide by the day it reads (the savepoint's retention
 * decided what it holds).
 */
class ShardLogDescriptorsTest {

    @Test
    void aSavepointReaderSeesWhatTheJobKeptWhateverTheDay() {
        IngestSettings settings = IngestSettings.from(new Configuration());
        check(ShardLog.blocksDescriptor(settings), ShardLog.blocksDescriptor(settings, StateVisibility.ReturnExpiredIfNotCleanedUp));
        check(ShardLog.indexDescriptor(settings), ShardLog.indexDescriptor(settings, StateVisibility.ReturnExpiredIfNotCleanedUp));
    }

    private static void check(MapStateDescriptor<Long, byte[]> job, MapStateDescriptor<Long, byte[]> reader) {
        job.initializeSerializerUnlessSet(new ExecutionConfig());
        reader.initializeSerializerUnlessSet(new ExecutionConfig());
        assertThat(reader.getName()).isEqualTo(job.getName());
        assertThat(reader.getKeySerializer()).isEqualTo(job.getKeySerializer());
        assertThat(reader.getValueSerializer()).isEqualTo(job.getValueSerializer());
        assertThat(reader.getTtlConfig().getTimeToLive()).isEqualTo(job.getTtlConfig().getTimeToLive());
        assertThat(job.getTtlConfig().getStateVisibility()).isEqualTo(StateVisibility.NeverReturnExpired);
        assertThat(reader.getTtlConfig().getStateVisibility()).isEqualTo(StateVisibility.ReturnExpiredIfNotCleanedUp);
    }
}
