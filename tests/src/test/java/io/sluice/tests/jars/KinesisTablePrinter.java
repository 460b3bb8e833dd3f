package io.sluice.tests.jars;

import java.net.URI;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * A user's program, run by {@link io.sluice.tests.SqlConnectorJarITCase} in a JVM of its own whose classpath is Flink's
 * table jars, AWS SDK 2.52.0 and one Sluice jar, nothing of the project's: it asks Sluice for the stream with its own SDK
 * (the version it pins), writes {@code INSERTS} rows (n, word) = (FIRST, wFIRST), ... into the stream through a
 * {@code kinesis} table (the sink: the connector's async client), then reads {@code ROWS} rows from the stream's start
 * through another and prints each as {@code row <n> <word> <partition key> <sequence number>}.
 *
 * <p>Arguments: {@code ENDPOINT STREAM FIRST INSERTS ROWS}. Uses Flink and the AWS SDK only: nothing of Sluice is on its
 * compile path but the tables' options.
 */
public final class KinesisTablePrinter {

    private KinesisTablePrinter() {}

    public static void main(String[] args) throws Exception {
        URI endpoint = URI.create(args[0]);
        String stream = args[1];
        int first = Integer.parseInt(args[2]);
        int inserts = Integer.parseInt(args[3]);
        int rows = Integer.parseInt(args[4]);
        try (KinesisClient kinesis = KinesisClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("user", "secret"))).build()) {
            // Read at run time: the constant would be inlined from the SDK this class was compiled against.
            Object version = Class.forName("software.amazon.awssdk.core.util.VersionInfo").getField("SDK_VERSION").get(null);
            System.out.println("sdk " + version + " sees "
                    + kinesis.describeStreamSummary(b -> b.streamName(stream)).streamDescriptionSummary().openShardCount() + " shard(s)");
        }
        TableEnvironment tables = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
        tables.getConfig().set("parallelism.default", "1");
        String connector = "'connector' = 'kinesis', 'stream' = '" + stream + "', 'aws.endpoint' = '" + endpoint + "', 'format' = 'json'";
        tables.executeSql("CREATE TABLE words_out (n INT, word STRING) PARTITIONED BY (word) WITH (" + connector + ")");
        StringBuilder values = new StringBuilder();
        for (int n = first; n < first + inserts; n++) {
            values.append(values.length() == 0 ? "" : ", ").append("(").append(n).append(", 'w").append(n).append("')");
        }
        tables.executeSql("INSERT INTO words_out VALUES " + values).await();
        tables.executeSql("CREATE TABLE words (n INT, word STRING,"
                + " pk STRING METADATA FROM 'partition_key' VIRTUAL, seq STRING METADATA FROM 'sequence_number' VIRTUAL)"
                + " WITH (" + connector + ", 'scan.stream.initpos' = 'TRIM_HORIZON')");
        try (CloseableIterator<Row> it = tables.executeSql("SELECT n, word, pk, seq FROM words").collect()) {
            for (int i = 0; i < rows && it.hasNext(); i++) {
                Row row = it.next();
                System.out.println("row " + row.getField(0) + " " + row.getField(1) + " " + row.getField(2) + " " + row.getField(3));
            }
        }
        System.out.flush();
        System.exit(0); // the local cluster's non-daemon threads would keep the JVM up
    }
}
