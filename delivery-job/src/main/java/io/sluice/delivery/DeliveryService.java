package io.sluice.delivery;

import io.sluice.common.http.HttpSourceOptions;
import io.sluice.common.job.ServiceJob;
import java.nio.file.Path;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The Firehose service ({@link DeliveryJob}) for the embedded run: checkpoints in
 * {@code <data-dir>/firehose/checkpoints}, and LOCAL buckets in {@code <data-dir>/s3} unless
 * {@code s3.endpoint} says where S3 is.
 */
public final class DeliveryService implements ServiceJob {

    @Override
    public String jobName() {
        return "sluice-firehose";
    }

    @Override
    public int startOrder() {
        return 1;
    }

    @Override
    public HttpSourceOptions httpOptions() {
        return HttpSourceOptions.FIREHOSE;
    }

    @Override
    public int endpoints(Configuration conf) {
        return conf.get(DeliveryOptions.HTTP_ENDPOINTS);
    }

    @Override
    public Path checkpointsDir(Path dataDir) {
        return dataDir.resolve("firehose").resolve("checkpoints");
    }

    @Override
    public void embeddedDefaults(Configuration conf, Path dataDir) {
        if (!conf.contains(DeliveryOptions.BUCKETS)) {
            conf.set(DeliveryOptions.BUCKETS, conf.containsKey("s3.endpoint") ? DeliveryOptions.Buckets.S3A : DeliveryOptions.Buckets.LOCAL);
        }
        if (!conf.contains(DeliveryOptions.SCHEMA_DIR)) {
            conf.set(DeliveryOptions.SCHEMA_DIR, dataDir.resolve("schemas").toString());
        }
        if (!conf.contains(DeliveryOptions.LOCAL_BUCKETS_DIR)) {
            conf.set(DeliveryOptions.LOCAL_BUCKETS_DIR, dataDir.resolve("s3").toString());
        }
    }

    @Override
    public Configuration withDefaults(Configuration conf) {
        return DeliveryJob.withDefaults(conf);
    }

    @Override
    public void build(StreamExecutionEnvironment env, Configuration conf) {
        DeliveryJob.build(env, conf);
    }
}
