package io.sluice.tests;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.ingest.IngestOptions;
import io.sluice.tests.KinesisClients.Client;
import io.sluice.tests.KinesisClients.Kind;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.util.EnvironmentInformation;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Savepoints of earlier builds restore with this one. Every {@code ingest-*} directory under
 * {@code src/test/resources/savepoints/} is a fixture: {@code savepoint/}, a canonical savepoint of the ingest job holding
 * {@link SampleStreams}' account, and {@code expected.json}, all that the Kinesis API showed of the account when the
 * savepoint was taken ({@link KinesisContents}). Each is copied to a temporary directory (savepoints are relocatable: {@code _metadata} names
 * its files relative to itself), restored at parallelism 2 (it was taken at 1) and must read back exactly as
 * {@code expected.json} says; a put on every open shard then gets a sequence number above all the shard held.
 *
 * <p>A build that cannot restore a fixture fails here. A change of a state format needs a migration that restores the
 * old fixtures; retiring one is a decision its commit explains. {@link #writeFixture} produces a new fixture with the
 * current build (see {@code savepoints/README.md}).
 *
 * <p>Retention runs on the clock: a record of the fixture is trimmed once its stream's retention has passed since it
 * arrived, and the trim timer is in the savepoint. Fixtures are therefore written, and restored, with one "hour" of
 * retention lasting {@link #RETENTION_HOUR}: 24 h of retention last 24 years, longer than any fixture will be kept.
 */
class SavepointFixtureITCase {

    /** How long one hour of retention lasts when a fixture is written and restored ({@code sluice.streams.retention-hour}). */
    static final Duration RETENTION_HOUR = Duration.ofDays(365);

    /** The system property naming the fixture {@link #writeFixture} writes. */
    static final String WRITE_PROPERTY = "sluice.savepoint-fixture";

    /** How the names of the ingest job's fixtures start (the delivery job's: {@code firehose-}). */
    static final String PREFIX = "ingest-";

    @RegisterExtension
    static final MiniClusterExtension FLINK = SluiceExtension.miniCluster(2);

    @TempDir
    Path dir;

    static List<String> fixtures() throws Exception {
        return Savepoints.fixtures(PREFIX);
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void aFixtureSavepointRestoresWithEveryStreamShardAndRecord(String fixture, @InjectMiniCluster MiniCluster cluster) throws Exception {
        Path source = Savepoints.fixtureRoot().resolve(fixture);
        KinesisContents expected = KinesisContents.read(source.resolve("expected.json"));
        SampleStreams.assertWritten(expected);
        Path savepoint = Savepoints.copy(source.resolve("savepoint"), dir.resolve("elsewhere").resolve(fixture));
        assertThat(Savepoints.files(savepoint)).contains("_metadata");

        try (SluiceTestServer sluice = start("restored", 2, savepoint);
                Client client = KinesisClients.create(Kind.SYNC_CBOR, sluice.endpoint())) {
            Savepoints.assertParallelism(cluster, sluice, 2);
            assertThat(KinesisContents.capture(client.api())).isEqualTo(expected);
            int puts = Savepoints.putOnEveryOpenShard(client.api(), expected, "after-fixture-restore");
            assertThat(KinesisContents.capture(client.api()).recordCount()).isEqualTo(expected.recordCount() + puts);
        }
    }

    /**
     * Writes a new fixture {@code src/test/resources/savepoints/NAME/} with the current build, for
     * {@code -Dsluice.savepoint-fixture=NAME}: {@link SampleStreams}' account at parallelism 1, stopped with a canonical
     * savepoint ({@code savepoint/}), what the Kinesis API showed before the stop ({@code expected.json}) and how it was
     * made ({@code README.md}). Refuses to overwrite a fixture.
     */
    @Test
    @EnabledIfSystemProperty(named = WRITE_PROPERTY, matches = PREFIX + ".+")
    void writeFixture(@InjectMiniCluster MiniCluster cluster) throws Exception {
        String name = System.getProperty(WRITE_PROPERTY);
        Path target = Savepoints.newFixture(name, PREFIX);

        KinesisContents written;
        Path savepoint;
        try (SluiceTestServer sluice = start("written", 1, null);
                Client client = KinesisClients.create(Kind.SYNC_CBOR, sluice.endpoint())) {
            Savepoints.assertParallelism(cluster, sluice, 1);
            SampleStreams.write(client.api());
            written = KinesisContents.capture(client.api());
            savepoint = Savepoints.stop(sluice.job(), dir.resolve("savepoints"));
        }
        SampleStreams.assertWritten(written);
        Savepoints.copy(savepoint, target.resolve("savepoint"));
        written.write(target.resolve("expected.json"));
        Files.writeString(target.resolve("README.md"), String.format(
                "Savepoint of the ingest job (Flink %s, parallelism 1, canonical format) written on %s by%n%n"
                        + "    mvn -B -ntp test -pl tests -am -Dtest='SavepointFixtureITCase#writeFixture' -D%s=%s"
                        + " -Dsurefire.failIfNoSpecifiedTests=false%n%n"
                        + "holding SampleStreams' account: %d streams, %d records; expected.json is what the Kinesis API showed"
                        + " before the stop. Restored by SavepointFixtureITCase with sluice.streams.retention-hour = %s.%n",
                EnvironmentInformation.getVersion(), LocalDate.now(ZoneOffset.UTC), WRITE_PROPERTY, name,
                written.streams().size(), written.recordCount(), RETENTION_HOUR.toDays() + " d"), StandardCharsets.UTF_8);
    }

    /** The ingest job at {@code parallelism} with the fixtures' retention hour, restored from {@code savepoint} unless null. */
    private SluiceTestServer start(String run, int parallelism, Path savepoint) throws Exception {
        return Savepoints.startIngest(dir.resolve(run), parallelism, savepoint, c -> c.set(IngestOptions.RETENTION_HOUR, RETENTION_HOUR));
    }
}
