package io.sluice.delivery.s3;

import io.sluice.delivery.DeliveryOptions;
import io.sluice.delivery.DeliveryOptions.Buckets;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import org.apache.flink.configuration.Configuration;

/** Which {@link BucketStore} the job writes to, chosen once from configuration and opened on each task. */
public record BucketStoreFactory(Buckets mode, String localDir) implements Serializable {

    public BucketStoreFactory {
        if (mode == Buckets.LOCAL && localDir == null) {
            throw new IllegalArgumentException(
                    "sluice.firehose.buckets LOCAL needs sluice.firehose.local-buckets-dir (the embedded run sets <data-dir>/s3)");
        }
    }

    /** {@code sluice.firehose.buckets}; unset means S3A (a cluster's default; the embedded run sets LOCAL itself). */
    public static BucketStoreFactory from(Configuration conf) {
        Buckets mode = conf.getOptional(DeliveryOptions.BUCKETS).orElse(Buckets.S3A);
        return new BucketStoreFactory(mode, conf.get(DeliveryOptions.LOCAL_BUCKETS_DIR));
    }

    public BucketStore open() throws IOException {
        return switch (mode) {
            case LOCAL -> new LocalBucketStore(Path.of(localDir));
            case S3A -> new S3aBucketStore();
        };
    }
}
