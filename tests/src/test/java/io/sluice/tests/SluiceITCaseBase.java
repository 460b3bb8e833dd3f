package io.sluice.tests;

import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One Sluice ingest job per test class, on a MiniCluster of one TaskManager with two slots (so the
 * router, catalog and shard log run at parallelism 2 and multi-part answers are exercised).
 */
abstract class SluiceITCaseBase {

    @RegisterExtension
    @Order(1)
    static final MiniClusterExtension FLINK = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @RegisterExtension
    @Order(2)
    static final SluiceExtension SLUICE = SluiceExtension.defaults();
}
