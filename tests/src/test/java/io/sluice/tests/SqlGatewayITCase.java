package io.sluice.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.analytics.functions.SluiceFunctions;
import io.sluice.analytics.gateway.SluiceSqlGateway;
import io.sluice.tests.KinesisClients.Client;
import io.sluice.tests.KinesisClients.Kind;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.client.program.ClusterClient;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.streaming.util.TestStreamEnvironment;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.functions.ScalarFunction;
import org.apache.flink.test.junit5.InjectClusterClient;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * Flink's SQL Gateway as the embedded run starts it ({@link SluiceSqlGateway}), beside the cluster that runs the ingest
 * job, used through its REST API: a streaming SELECT over a {@code kinesis} table sees exactly the records put while it
 * runs, its job runs on that cluster, a function registered for sessions is visible in every session, and a
 * cancelled query leaves no job behind. Sessions get their functions the way {@link SluiceFunctions} gives them;
 * the test adds one of its own ({@link Twice}) to see that mechanism work.
 */
class SqlGatewayITCase {

    @RegisterExtension
    static final MiniClusterExtension FLINK = SluiceExtension.miniCluster(4);

    static Path checkpoints;
    static SluiceTestServer sluice;
    static SluiceSqlGateway gateway;
    static URI gatewayUri;

    /**
     * The ingest job on the extension's cluster (a {@link SluiceExtension} would start it before the extension makes its
     * cluster the context, so on a local cluster of its own), then the gateway for that cluster.
     */
    @BeforeAll
    static void startSluiceAndGateway(@InjectMiniCluster MiniCluster cluster) throws Exception {
        checkpoints = Files.createTempDirectory("sluice-it-");
        TestStreamEnvironment.setAsContext(cluster, 1);
        try {
            sluice = SluiceTestServer.start(checkpoints, new Configuration());
        } finally {
            TestStreamEnvironment.unsetAsContext();
        }
        int port = EmbeddedProcess.freePort();
        gateway = SluiceSqlGateway.start(gatewayConf(port), clusterRest(), SqlGatewayITCase::functions);
        gatewayUri = URI.create("http://127.0.0.1:" + port);
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (gateway != null) {
                gateway.close();
            }
            if (sluice != null) {
                sluice.close();
            }
        } finally {
            TestDirs.delete(checkpoints);
        }
    }

    @Test
    void aStreamingSelectSeesTheRecordsPutWhileItRunsOnTheIngestJobsCluster(@InjectClusterClient ClusterClient<?> cluster)
            throws Exception {
        try (Client admin = KinesisClients.create(Kind.SYNC_CBOR, sluice.endpoint());
                SqlGatewayRest sql = SqlGatewayRest.openSession(gatewayUri)) {
            KinesisClient kinesis = admin.api();
            kinesis.createStream(b -> b.streamName("ticks").shardCount(2));
            Streams.awaitActive(kinesis, "ticks");
            awaitFinished(sql, sql.submit("CREATE TABLE ticks (sym STRING, n INT) WITH ('connector' = 'kinesis', 'stream' = 'ticks',"
                    + " 'aws.endpoint' = '" + sluice.endpoint() + "', 'format' = 'json', 'scan.stream.initpos' = 'TRIM_HORIZON',"
                    + " 'scan.shard.discovery.interval' = '500 ms')"));
            String query = sql.submit("SELECT sym, n, twice(n) FROM ticks");
            JobID job = awaitQueryJobRunning(sql, query, cluster);

            List<List<Object>> expected = new ArrayList<>();
            for (int i = 1; i <= 6; i++) {
                String sym = "s" + (i % 3);
                int n = i;
                kinesis.putRecord(b -> b.streamName("ticks").partitionKey(sym)
                        .data(SdkBytes.fromUtf8String("{\"sym\":\"" + sym + "\",\"n\":" + n + "}")));
                expected.add(List.of(sym, (long) n, 2L * n));
            }
            SqlGatewayRest.Rows rows = sql.fetchUntil(query, r -> r.size() >= expected.size(), Duration.ofSeconds(90));
            assertThat(rows.rows()).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(rows.jobId()).isEqualTo(job.toString());

            sql.closeOperation(query);
            awaitJobState(cluster, job, JobStatus.CANCELED);
            assertThat(unfinishedJobs(cluster)).containsExactly("sluice-ingest-test RUNNING");
        }
    }

    @Test
    void everySessionSeesTheSessionFunctions() throws Exception {
        for (int session = 0; session < 2; session++) {
            try (SqlGatewayRest sql = SqlGatewayRest.openSession(gatewayUri)) {
                String query = sql.submit("SELECT twice(21)");
                assertThat(sql.fetchUntil(query, r -> false, Duration.ofSeconds(60)).rows()).containsExactly(List.of(42L));
            }
        }
    }

    @Test
    void aPortInUseStopsTheStartWithAMessageThatNamesTheKeys() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            int port = taken.getLocalPort();
            assertThatThrownBy(() -> SluiceSqlGateway.start(gatewayConf(port), clusterRest(), SluiceFunctions::register))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("The SQL Gateway cannot listen on port " + port + " (sql-gateway.endpoint.rest.port): it is in use."
                            + " Set another port, or sluice.sql-gateway.enabled=false.");
        }
    }

    /** What the embedded run registers in each session, and this test's own function. */
    private static void functions(TableEnvironment tableEnv) {
        SluiceFunctions.register(tableEnv);
        tableEnv.createTemporarySystemFunction("twice", Twice.class);
    }

    /** The test's session function: twice its argument. */
    public static final class Twice extends ScalarFunction {
        public Integer eval(Integer n) {
            return n == null ? null : 2 * n;
        }
    }

    private static Configuration gatewayConf(int port) {
        return Configuration.fromMap(Map.of("sql-gateway.endpoint.rest.port", String.valueOf(port),
                "sql-gateway.endpoint.rest.address", "127.0.0.1"));
    }

    private static URI clusterRest() {
        Configuration client = FLINK.getClientConfiguration();
        return URI.create("http://" + client.get(RestOptions.ADDRESS) + ":" + client.get(RestOptions.PORT));
    }

    private static void awaitFinished(SqlGatewayRest sql, String operation) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String status;
        while (!(status = sql.status(operation)).equals("FINISHED")) {
            assertThat(status).isIn("INITIALIZED", "PENDING", "RUNNING");
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("operation still " + status);
            }
            Thread.sleep(50); // polling interval of a deadline loop
        }
    }

    /** The query's job, once it runs on {@code cluster} (the result's first page names it). */
    private static JobID awaitQueryJobRunning(SqlGatewayRest sql, String query, ClusterClient<?> cluster) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            String jobId = sql.fetch(query, 0).path("jobID").asText(null);
            if (jobId != null) {
                JobID job = JobID.fromHexString(jobId);
                awaitJobState(cluster, job, JobStatus.RUNNING);
                return job;
            }
            Thread.sleep(100); // polling interval of a deadline loop
        }
        throw new AssertionError("The query's job did not start: " + sql.status(query));
    }

    private static void awaitJobState(ClusterClient<?> cluster, JobID job, JobStatus state) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JobStatus now;
        while ((now = cluster.getJobStatus(job).get()) != state) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("job " + job + " is " + now + ", not " + state);
            }
            Thread.sleep(100); // polling interval of a deadline loop
        }
    }

    /** "name STATE" of every job on the cluster that has not ended. */
    private static List<String> unfinishedJobs(ClusterClient<?> cluster) throws Exception {
        return cluster.listJobs().get().stream().filter(j -> !j.getJobState().isGloballyTerminalState())
                .map(j -> j.getJobName() + " " + j.getJobState()).toList();
    }
}
