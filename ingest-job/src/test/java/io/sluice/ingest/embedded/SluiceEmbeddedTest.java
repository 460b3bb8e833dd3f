package io.sluice.ingest.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.common.job.JobDefaults;
import java.time.Duration;
import java.util.Optional;
import org.apache.flink.changelog.fs.FsStateChangelogOptions;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.StateChangelogOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.core.execution.RecoveryClaimMode;
import org.apache.flink.runtime.jobgraph.SavepointRestoreSettings;
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

    @Test
    void theRunRestoresItsOwnCheckpointAndACopyOfAGivenSavepointInClaimMode() throws Exception {
        Optional<String> retained = Optional.of("file:/data/checkpoints/abc/chk-9");
        SluiceEmbedded.GivenSnapshot adopt = path -> "file:/data/restored/" + path.substring(path.lastIndexOf('/') + 1);

        SavepointRestoreSettings own = SluiceEmbedded.restoreSettings(new Configuration(), true, retained, adopt).orElseThrow();
        assertThat(own.getRestorePath()).isEqualTo("file:/data/checkpoints/abc/chk-9");
        // NO_CLAIM (Flink's default) asks for a full first checkpoint, which the state changelog cannot take.
        assertThat(own.getRecoveryClaimMode()).isEqualTo(RecoveryClaimMode.CLAIM);
        assertThat(SluiceEmbedded.restoreSettings(new Configuration(), true, Optional.empty(), adopt)).isEmpty();

        Configuration run = new Configuration();
        run.set(StateRecoveryOptions.SAVEPOINT_PATH, "file:/backups/savepoint-1");
        SavepointRestoreSettings given = SluiceEmbedded.restoreSettings(run, true, retained, adopt).orElseThrow();
        assertThat(given.getRestorePath()).as("a copy of the user's savepoint").isEqualTo("file:/data/restored/savepoint-1");
        assertThat(given.getRecoveryClaimMode()).isEqualTo(RecoveryClaimMode.CLAIM);
        assertThat(SluiceEmbedded.restoreSettings(run, false, retained, adopt).orElseThrow().getRestorePath())
                .as("only the first service takes the given path").isEqualTo("file:/data/checkpoints/abc/chk-9");

        run.set(StateRecoveryOptions.RESTORE_MODE, RecoveryClaimMode.NO_CLAIM);
        assertThat(SluiceEmbedded.restoreSettings(run, true, retained, adopt).orElseThrow().getRecoveryClaimMode())
                .as("a claim mode given applies").isEqualTo(RecoveryClaimMode.NO_CLAIM);
    }
}
