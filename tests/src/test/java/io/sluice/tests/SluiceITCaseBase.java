package io.sluice.tests;

import java.nio.file.Path;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * One Sluice ingest job per test class, on a MiniCluster of one TaskManager with two slots (so the
 * router, catalog and shard log run at parallelism 2 and multi-part answers are exercised).
 */
abstract class SluiceITCaseBase {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @TempDir
    static Path checkpoints;

    static SluiceTestServer sluice;

    @BeforeAll
    static void startSluice() throws Exception {
        sluice = SluiceTestServer.start(checkpoints);
    }

    @AfterAll
    static void stopSluice() throws Exception {
        sluice.close();
    }
}
