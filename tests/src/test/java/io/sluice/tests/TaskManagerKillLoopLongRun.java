package io.sluice.tests;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.common.front.SluiceFront;
import io.sluice.common.http.HttpService;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesis.model.Shard;

/**
 * Issue 16's kill loop (the long profile: {@code mvn -B -pl tests -am -P long verify -Dtest=TaskManagerKillLoopLongRun}):
 * a standalone cluster of two TaskManagers of two slots, the ingest job at parallelism 2 behind the front, producers
 * (no SDK retries: every attempt has data of its own, {@link RetryingProducers}) and a tailing consumer through the
 * front; {@value #KILLS} times, a TaskManager is killed with {@code kill -9} (alternately the first and the second),
 * the job fails over to the other one, producers are acknowledged again, and a new TaskManager takes the killed one's
 * place. Afterwards every acknowledged record is stored once, in acknowledgement order per producer, with its
 * acknowledged sequence number; nothing is stored twice; the consumer saw exactly what is stored. Prints each kill's
 * recovery time (kill to the first acknowledged put that began after it) as {@code KILL n RECOVERY ms=}.
 */
class TaskManagerKillLoopLongRun {

    private static final int KILLS = 10;
    private static final int PRODUCERS = 4;
    private static final String STREAM = "kill-loop";

    @Test
    void tenTaskManagerKillsLoseAndDuplicateNoAcknowledgedRecord() throws Exception {
        Path dir = Files.createTempDirectory("sluice-kill-loop-");
        Path readers = dir.resolve("readers");
        try (StandaloneFlink flink = StandaloneFlink.start(dir, 2, 2, ClusterFrontITCase.failoverConfig());
                SluiceFront front = SluiceFront.start(ClusterFrontITCase.frontConfig(readers))) {
            String job = flink.run(flink.upload(BuiltJars.job("ingest-job")), "io.sluice.ingest.IngestJob", List.of("sluice.http.host=127.0.0.1",
                    "sluice.http.port=0", "sluice.http.endpoints=2", "sluice.http.publish-dir=" + readers));
            flink.awaitRunning(job, Duration.ofSeconds(120));
            URI endpoint = URI.create("http://127.0.0.1:" + front.port(HttpService.STREAMS));
            Streams.await("both readers published", () -> front.liveReaders(HttpService.STREAMS).size() == 2, Duration.ofSeconds(60));
            SluiceTestServer.awaitReady(endpoint, Duration.ofSeconds(60));

            try (KinesisClients.Client admin = KinesisClients.create(KinesisClients.Kind.SYNC_CBOR, endpoint)) {
                admin.api().createStream(b -> b.streamName(STREAM).shardCount(2));
                List<Shard> shards = Streams.awaitActive(admin.api(), STREAM).streamDescription().shards();
                RetryingProducers producers = new RetryingProducers(endpoint, STREAM, PRODUCERS);
                TailingConsumer consumer = new TailingConsumer(endpoint, STREAM, shards);
                producers.start();
                consumer.start();
                producers.awaitAcked(100, Duration.ofSeconds(120));
                List<Long> recoveries = new ArrayList<>();
                for (int kill = 1; kill <= KILLS; kill++) {
                    int victim = kill % 2;
                    long killedAt = System.nanoTime();
                    flink.killTaskManager(victim);
                    int ackedAtKill = producers.acked().size();
                    producers.awaitAcked(ackedAtKill + 100, Duration.ofSeconds(180));
                    long recovery = TimeUnit.NANOSECONDS.toMillis(producers.firstSuccessStartedAfter(killedAt) - killedAt);
                    recoveries.add(recovery);
                    System.out.printf("KILL %d (TaskManager %d) RECOVERY ms=%d%n", kill, victim, recovery);
                    flink.replaceTaskManager(victim, 4, Duration.ofSeconds(120));
                    producers.awaitAcked(producers.acked().size() + 50, Duration.ofSeconds(180));
                }
                producers.stop();
                assertThat(producers.failure()).isNull();

                AckVerdict verdict = AckVerdict.assertExactlyOnce(admin.api(), STREAM, shards, producers.acked(), consumer);
                System.out.printf("KILL LOOP kills=%d acknowledged=%d failedAttempts=%d stored=%d lost=%d duplicated=%d recovery ms %s%n",
                        KILLS, producers.acked().size(), producers.failedAttempts(), verdict.stored(), verdict.lost().size(),
                        verdict.duplicated().size(), recoveries);
                assertThat(flink.jobState(job)).isEqualTo("RUNNING");
            }
        } finally {
            TestDirs.delete(dir);
        }
    }
}
