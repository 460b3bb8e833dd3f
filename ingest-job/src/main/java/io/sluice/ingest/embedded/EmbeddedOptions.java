package io.sluice.ingest.embedded;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

/** Settings of the embedded run (one process, a local MiniCluster). */
public final class EmbeddedOptions {

    public static final ConfigOption<String> DATA_DIR =
            ConfigOptions.key("sluice.data-dir")
                    .stringType()
                    .defaultValue("sluice-data")
                    .withDescription(
                            "Directory of all state in the embedded run: the jobs' working RocksDB (rocksdb/), the Streams"
                                    + " checkpoints (checkpoints/) and the copy of a savepoint it was started from (restored/), the Firehose checkpoints (firehose/checkpoints/) and LOCAL"
                                    + " buckets (s3/); a restart resumes each job from its latest retained checkpoint found here. One instance at a time uses it (an OS lock on .lock); a second one"
                                    + " exits.");

    public static final ConfigOption<Integer> PROMETHEUS_PORT =
            ConfigOptions.key("sluice.metrics.prometheus-port")
                    .intType()
                    .defaultValue(9249)
                    .withDescription(
                            "Port of the embedded run's Prometheus endpoint (http://localhost:<port>/metrics), where the"
                                    + " Kinesis metrics appear; -1 turns it off. Ignored when a metrics.reporter.* is configured.");

    public static final ConfigOption<Integer> SPARE_SLOTS =
            ConfigOptions.key("sluice.embedded.spare-slots")
                    .intType()
                    .defaultValue(4)
                    .withDescription(
                            "Task slots the embedded MiniCluster has beyond what the service jobs need, for jobs you submit to it"
                                    + " (analytics, connector jobs); taskmanager.numberOfTaskSlots overrides the total.");

    private EmbeddedOptions() {}
}
