package io.sluice.ingest.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.common.job.JobDefaults;
import java.time.Duration;
import org.apache.flink.changelog.fs.FsStateChangelogOptions;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.StateChangelogOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.junit.jupiter.api.Test;

class SluiceEmbeddedTest {

    @Test
    void theMiniClusterWritesTheChangelogWhereTheFirstJobSays() {
        Configuration run = new Configuration();
        run.set(StateRecoveryOptions.SAVEPOINT_PATH, "file:/restore/chk-7");
        Configuration firstJob = new Configuration(run);
        firstJob.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, "file:/data/checkpoints");
        firstJob = JobDefaults.withDefaults(firstJob, Duration.ofMillis(100));

        Configuration cluster = SluiceEmbedded.clusterConfiguration(run, firstJob);

        // Flink builds the changelog storage from the TaskManager's configuration: without these it is "memory".
        assertThat(cluster.get(StateChangelogOptions.STATE_CHANGE_LOG_STORAGE)).isEqualTo("filesystem");
        assertThat(cluster.get(FsStateChangelogOptions.BASE_PATH)).isEqualTo("file:/data/checkpoints/changelog");
        assertThat(cluster.contains(StateRecoveryOptions.SAVEPOINT_PATH)).isFalse();
        assertThat(cluster.contains(CheckpointingOptions.CHECKPOINTS_DIRECTORY)).as("a job's own setting").isFalse();
        assertThat(cluster.get(TaskManagerOptions.MANAGED_MEMORY_SIZE)).isEqualTo(MemorySize.parse("1g"));
    }

    @Test
    void managedMemoryGivenForTheRunIsKept() {
        Configuration run = new Configuration();
        run.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, MemorySize.parse("200m"));
        assertThat(SluiceEmbedded.clusterConfiguration(run, new Configuration(run)).get(TaskManagerOptions.MANAGED_MEMORY_SIZE))
                .isEqualTo(MemorySize.parse("200m"));
    }

    @Test
    void aChangelogStorageGivenForTheRunIsKept() {
        Configuration run = new Configuration();
        run.set(StateChangelogOptions.STATE_CHANGE_LOG_STORAGE, "memory");
        Configuration firstJob = new Configuration(run);
        firstJob.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, "file:/data/checkpoints");
        firstJob = JobDefaults.withDefaults(firstJob, Duration.ofMillis(100));

        assertThat(SluiceEmbedded.clusterConfiguration(run, firstJob).get(StateChangelogOptions.STATE_CHANGE_LOG_STORAGE)).isEqualTo("memory");
    }
}
