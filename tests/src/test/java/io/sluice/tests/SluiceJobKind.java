package io.sluice.tests;

import io.sluice.common.account.AccountOptions;
import io.sluice.common.http.HttpSourceOptions;
import io.sluice.common.job.JobDefaults;
import io.sluice.delivery.DeliveryJob;
import io.sluice.delivery.DeliveryOptions;
import io.sluice.ingest.IngestJob;
import io.sluice.ingest.IngestOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.StateBackendOptions;

/**
 * Sluice's three jobs as a deployment runs them: the module whose job jar holds the entry class, the Sluice options the
 * job reads, its HTTP endpoint (if it serves one), and the Flink settings it runs with when the configuration does not
 * say otherwise.
 */
enum SluiceJobKind {
    INGEST("ingest-job", "io.sluice.ingest.IngestJob", HttpSourceOptions.STREAMS, IngestOptions.HTTP_ENDPOINTS,
            IngestJob::withDefaults, holders(IngestOptions.class, AccountOptions.class), HttpSourceOptions.STREAMS.all()),
    DELIVERY("delivery-job", "io.sluice.delivery.DeliveryJob", HttpSourceOptions.FIREHOSE, DeliveryOptions.HTTP_ENDPOINTS,
            DeliveryJob::withDefaults, holders(DeliveryOptions.class, AccountOptions.class), HttpSourceOptions.FIREHOSE.all()),
    /**
     * A SQL application ({@code ApplicationJob}): it applies no {@link JobDefaults} of its own, so its deployment names
     * the state settings, with bin/analytics' checkpoint interval ({@code AnalyticsCli.DEFAULT_CHECKPOINT_INTERVAL}).
     */
    ANALYTICS("analytics-job", "io.sluice.analytics.app.ApplicationJob", null, null,
            SluiceJobKind::analyticsDefaults, List.of(), List.of());

    /** The analytics job's checkpoint interval, as bin/analytics submits applications. */
    static final Duration ANALYTICS_CHECKPOINT_INTERVAL = Duration.ofSeconds(10);

    private final String module;
    private final String entryClass;
    private final HttpSourceOptions http;
    private final ConfigOption<Integer> endpoints;
    private final UnaryOperator<Configuration> withDefaults;
    private final List<ConfigOption<?>> sluiceOptions;

    SluiceJobKind(String module, String entryClass, HttpSourceOptions http, ConfigOption<Integer> endpoints,
            UnaryOperator<Configuration> withDefaults, List<ConfigOption<?>> options, List<ConfigOption<?>> httpOptions) {
        this.module = module;
        this.entryClass = entryClass;
        this.http = http;
        this.endpoints = endpoints;
        this.withDefaults = withDefaults;
        List<ConfigOption<?>> all = new ArrayList<>(options);
        all.addAll(httpOptions);
        this.sluiceOptions = List.copyOf(all);
    }

    static Optional<SluiceJobKind> ofEntryClass(String entryClass) {
        return Arrays.stream(values()).filter(k -> k.entryClass.equals(entryClass)).findFirst();
    }

    /** The Maven module whose {@code mvn package} builds this job's jar. */
    String module() {
        return module;
    }

    String entryClass() {
        return entryClass;
    }

    /** The Sluice options the job reads (a Sluice key outside them is not read by this job). */
    List<ConfigOption<?>> sluiceOptions() {
        return sluiceOptions;
    }

    /** The HTTP endpoint's options, if the job serves one. */
    Optional<HttpSourceOptions> http() {
        return Optional.ofNullable(http);
    }

    /** How many HTTP endpoints (source readers) the job serves. */
    Optional<ConfigOption<Integer>> endpoints() {
        return Optional.ofNullable(endpoints);
    }

    /**
     * The Flink settings the job runs with unless configured, given where its checkpoints go: what a deployment's
     * {@code flinkConfiguration} must agree with.
     */
    Configuration defaults(Configuration checkpointsOnly) {
        return withDefaults.apply(checkpointsOnly);
    }

    private static Configuration analyticsDefaults(Configuration checkpointsOnly) {
        Configuration all = JobDefaults.withDefaults(checkpointsOnly, ANALYTICS_CHECKPOINT_INTERVAL);
        Configuration kept = new Configuration();
        for (ConfigOption<?> option : List.of(StateBackendOptions.STATE_BACKEND, CheckpointingOptions.INCREMENTAL_CHECKPOINTS,
                CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION, CheckpointingOptions.CHECKPOINTING_INTERVAL,
                PipelineOptions.MAX_PARALLELISM)) {
            copy(all, kept, option);
        }
        return kept;
    }

    private static <T> void copy(Configuration from, Configuration to, ConfigOption<T> option) {
        to.set(option, from.get(option));
    }

    private static List<ConfigOption<?>> holders(Class<?>... holders) {
        List<ConfigOption<?>> options = new ArrayList<>();
        for (Class<?> holder : holders) {
            options.addAll(FlinkConfigOptions.constants(holder));
        }
        return options;
    }
}
