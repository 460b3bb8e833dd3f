package io.sluice.delivery;

import io.sluice.common.http.AckMode;
import java.time.Duration;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.MemorySize;

/**
 * Configuration of the Firehose service (the delivery job). The endpoint's own HTTP options are the
 * {@code sluice.firehose.http.*} twins of the Streams ones ({@code HttpSourceOptions.FIREHOSE}).
 * Listed with defaults in README.
 */
public final class DeliveryOptions {

    /** Where {@code arn:aws:s3:::NAME} buckets live. */
    public enum Buckets {
        /** Bucket NAME is the directory {@code <data-dir>/s3/NAME/} (the embedded run's default). */
        LOCAL,
        /** Bucket NAME is {@code s3a://NAME/}, through Hadoop S3A and Flink's {@code s3.*} options. */
        S3A
    }

    public static final ConfigOption<AckMode> ACK_MODE =
            ConfigOptions.key("sluice.firehose.ack-mode")
                    .enumType(AckMode.class)
                    .defaultValue(AckMode.DURABLE)
                    .withDescription(
                            "DURABLE: answer PutRecord and PutRecordBatch only after the checkpoint that holds the records"
                                    + " completed. ON_APPEND: answer at once; a crash may lose the last checkpoint interval.");

    public static final ConfigOption<Duration> CHECKPOINT_INTERVAL =
            ConfigOptions.key("sluice.firehose.checkpoint-interval")
                    .durationType()
                    .defaultValue(Duration.ofMillis(100))
                    .withDescription(
                            "Checkpoint interval of the delivery job when execution.checkpointing.interval is not set; puts are"
                                    + " answered, and flushed objects committed, at the checkpoint after them.");

    public static final ConfigOption<Integer> HTTP_ENDPOINTS =
            ConfigOptions.key("sluice.firehose.http.endpoints")
                    .intType()
                    .defaultValue(1)
                    .withDescription("Number of Firehose HTTP endpoints (source readers); endpoint i listens on sluice.firehose.http.port + i.");

    public static final ConfigOption<Buckets> BUCKETS =
            ConfigOptions.key("sluice.firehose.buckets")
                    .enumType(Buckets.class)
                    .noDefaultValue()
                    .withDescription(
                            "LOCAL: bucket NAME is the directory <data-dir>/s3/NAME/. S3A: bucket NAME is s3a://NAME/ (Flink's s3.endpoint,"
                                    + " s3.path.style.access, s3.access-key, s3.secret-key). Default: LOCAL in the embedded run unless"
                                    + " s3.endpoint is set, S3A on a cluster.");

    public static final ConfigOption<String> LOCAL_BUCKETS_DIR =
            ConfigOptions.key("sluice.firehose.local-buckets-dir")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "LOCAL buckets: the directory that holds one directory per bucket (the embedded run sets <data-dir>/s3);"
                                    + " objects in progress are written beside it, in <dir>-staging, so a listing shows only committed ones.");

    public static final ConfigOption<String> SCHEMA_DIR =
            ConfigOptions.key("sluice.firehose.schema-dir")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "Format conversion: the directory that stands in for the AWS Glue Data Catalog, one file DATABASE/TABLE.json"
                                    + " per table with Glue's {\"Columns\": [{\"Name\": ..., \"Type\": ...}]} (the embedded run sets"
                                    + " <data-dir>/schemas).");

    public static final ConfigOption<String> CLOCK =
            ConfigOptions.key("sluice.firehose.clock")
                    .stringType()
                    .defaultValue("system")
                    .withDescription(
                            "The clock that stamps arrival times (and so object names): 'system', or 'fixed:<ISO-8601 instant>' for"
                                    + " tests that check exact object keys. Buffer intervals always run on the real clock.");

    public static final ConfigOption<Duration> CREATE_DELAY =
            ConfigOptions.key("sluice.firehose.create-delay")
                    .durationType()
                    .defaultValue(Duration.ZERO)
                    .withDescription("How long a new delivery stream stays CREATING before it turns ACTIVE.");

    public static final ConfigOption<Integer> DELIVERY_STREAM_LIMIT =
            ConfigOptions.key("sluice.firehose.delivery-stream-limit")
                    .intType()
                    .defaultValue(5000)
                    .withDescription("Most delivery streams the account may have (AWS's default quota); beyond it CreateDeliveryStream"
                            + " gets LimitExceededException.");

    public static final ConfigOption<Boolean> THROTTLING =
            ConfigOptions.key("sluice.firehose.throttling")
                    .booleanType()
                    .defaultValue(true)
                    .withDescription("Enforce the Direct PUT quotas of each delivery stream (sluice.firehose.quota.*); false lifts them.");

    public static final ConfigOption<Long> QUOTA_RECORDS_PER_SECOND =
            ConfigOptions.key("sluice.firehose.quota.records-per-second")
                    .longType()
                    .defaultValue(500_000L)
                    .withDescription("Records per second one delivery stream takes by Direct PUT (AWS's default in us-east-1);"
                            + " beyond it calls get ServiceUnavailableException.");

    public static final ConfigOption<Long> QUOTA_REQUESTS_PER_SECOND =
            ConfigOptions.key("sluice.firehose.quota.requests-per-second")
                    .longType()
                    .defaultValue(2_000L)
                    .withDescription("PutRecord and PutRecordBatch calls per second one delivery stream takes (AWS's default in us-east-1).");

    public static final ConfigOption<MemorySize> QUOTA_BYTES_PER_SECOND =
            ConfigOptions.key("sluice.firehose.quota.bytes-per-second")
                    .memoryType()
                    .defaultValue(MemorySize.parse("5mb"))
                    .withDescription("Data bytes per second one delivery stream takes by Direct PUT (AWS's default in us-east-1).");

    public static final ConfigOption<Integer> DEFLATE_LEVEL =
            ConfigOptions.key("sluice.firehose.deflate-level")
                    .intType()
                    .defaultValue(3)
                    .withDescription("zlib level (1 fastest to 9 smallest) of GZIP and ZIP objects. 3 writes about 12% more bytes than"
                            + " zlib's default 6 on JSON logs and compresses several times faster, so one delivery stream's GZIP"
                            + " flushes keep up with its puts on a small machine (see BENCHMARKS.md).");

    public static final ConfigOption<Integer> FLUSH_THREADS =
            ConfigOptions.key("sluice.firehose.flush-threads")
                    .intType()
                    .defaultValue(1)
                    .withDescription("Threads of each delivery-buffer subtask that write flushes (transform, compression, upload) while"
                            + " the buffer goes on taking puts; with more than one, a delivery stream may have several flushes in"
                            + " flight. Raise it where cores are to spare or transformations are slow: on 2 cores a second thread"
                            + " compressing beside the first took CPU from the puts (BENCHMARKS.md). 0 writes flushes on the"
                            + " buffer's task thread.");

    public static final ConfigOption<Integer> QUOTA_ACTIVE_PARTITIONS =
            ConfigOptions.key("sluice.firehose.quota.active-partitions")
                    .intType()
                    .defaultValue(500)
                    .withDescription("Partition buffers one delivery stream with dynamic partitioning may have open at once (AWS's default):"
                            + " a buffer is open from its first record until it is delivered; records of further partitions go to the"
                            + " error output prefix.");

    public static final ConfigOption<String> KINESIS_ENDPOINT =
            ConfigOptions.key("sluice.firehose.kinesis.endpoint")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "The Kinesis Data Streams endpoint that KinesisStreamAsSource delivery streams read. Unset: Sluice's own"
                                    + " Streams endpoint, http://<sluice.http.host, or localhost>:<sluice.http.port>.");

    public static final ConfigOption<String> CATALOG_ENDPOINT =
            ConfigOptions.key("sluice.firehose.kinesis.catalog-endpoint")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "The Firehose endpoint the delivery job's Kinesis source asks which KinesisStreamAsSource delivery streams"
                                    + " exist (ListDeliveryStreams, DescribeDeliveryStream). Unset: the job's own,"
                                    + " http://<sluice.firehose.http.host, or localhost>:<sluice.firehose.http.port>.");

    public static final ConfigOption<Duration> KINESIS_DISCOVERY_INTERVAL =
            ConfigOptions.key("sluice.firehose.kinesis.discovery-interval")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(2))
                    .withDescription(
                            "How often the Kinesis source asks for the KinesisStreamAsSource delivery streams and lists their"
                                    + " streams' shards. Records are read from a delivery stream's creation on whenever it is found;"
                                    + " a deleted one stops being read within this interval.");

    private DeliveryOptions() {}
}
