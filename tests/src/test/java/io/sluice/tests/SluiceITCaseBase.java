package io.sluice.tests;

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
    static final MiniClusterExtension FLINK = SluiceExtension.miniCluster(2);

    @RegisterExtension
    @Order(2)
    static final SluiceExtension SLUICE = SluiceExtension.defaults();
}
