package io.sluice.ingest.replay;

import org.apache.flink.runtime.checkpoint.OperatorState;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.KeyedStateHandle;
import org.apache.flink.runtime.state.changelog.ChangelogStateBackendHandle;

/**
 * Refuses checkpoints in the state-changelog format, with what to do instead. Sluice's jobs run with the state
 * changelog on ({@code JobDefaults}: it made durable puts 3.5x faster), so their retained checkpoints hold
 * {@link ChangelogStateBackendHandle}s, and Flink 2.3's State Processor API cannot restore those: its task state manager
 * has no changelog storage ({@code SavepointTaskStateManager.getStateChangelogStorageView} throws "State processor api
 * does not support changelog", tried in {@code ReplayITCase}). A savepoint is always in the underlying backend's own
 * format, changelog or not, and a retained checkpoint of a job run with {@code state.changelog.enabled: false} is too.
 */
final class ChangelogCheck {

    static final String HOW_TO_SAVEPOINT = "take a savepoint of the running ingest job and pass its path with --from: with bin/sluice,"
            + " curl -s localhost:8081/jobs/overview (the job named sluice-ingest), then curl -s -X POST"
            + " localhost:8081/jobs/JOB_ID/savepoints -H 'Content-Type: application/json' -d '{\"target-directory\":"
            + "\"file:///tmp/savepoints\",\"cancel-job\":false}' and curl -s localhost:8081/jobs/JOB_ID/savepoints/REQUEST_ID"
            + " for its location (README, Replay)";

    private ChangelogCheck() {}

    /** Throws, saying why and what to use instead, when the shard log's state is in the changelog format. */
    static void require(String path, OperatorState shardLog) throws ReplayException {
        for (OperatorSubtaskState subtask : shardLog.getStates()) {
            for (KeyedStateHandle handle : subtask.getManagedKeyedState()) {
                if (handle instanceof ChangelogStateBackendHandle) {
                    throw new ReplayException(path + " is a retained checkpoint in the state-changelog format (Sluice's jobs run with the"
                            + " state changelog on), and Flink's State Processor API cannot read that format (\"State processor api does"
                            + " not support changelog\"). Replay a savepoint instead: " + HOW_TO_SAVEPOINT);
                }
            }
        }
    }
}
