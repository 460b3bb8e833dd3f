package io.sluice.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code k8s/} without a Kubernetes cluster (README, Kubernetes): the manifests parse, name the jars that mvn package
 * builds and the Dockerfile copies, entry classes with a {@code main}, Flink and Sluice options that exist with the values
 * of flink-conf/config.yaml and of the jobs' own defaults, state on the shared volume, Services that select the
 * TaskManager pods on the endpoints' ports ({@link KubernetesManifestChecks}). Each check is shown to fail on a copy of
 * the manifests with one mistake in it.
 */
class KubernetesManifestsTest {

    private static final Path REPOSITORY = EmbeddedProcess.repositoryRoot();

    /** One mistake: {@code from}, which occurs once in {@code file}, becomes {@code to}; a problem must say {@code reported}. */
    record Mutation(String file, String from, String to, String reported) {
        @Override
        public String toString() {
            return file + ": " + from.strip().lines().findFirst().orElse("") + " -> " + to.strip().lines().findFirst().orElse("(removed)");
        }
    }

    @Test
    void manifestsAsCommittedHaveNoProblems() throws IOException {
        KubernetesManifests manifests = KubernetesManifests.load(REPOSITORY.resolve("k8s"));
        assertThat(manifests.flinkDeployments()).extracting(FlinkDeploymentManifest::name)
                .containsExactlyInAnyOrder("sluice-ingest", "sluice-delivery", "sluice-analytics");
        assertThat(manifests.ofKind("Service")).extracting(KubernetesManifests.Manifest::name)
                .containsExactlyInAnyOrder("sluice-streams", "sluice-firehose");
        assertThat(FlinkConfigOptions.load().size()).as("Flink options found by reflection").isGreaterThan(300);
        assertThat(KubernetesManifestChecks.flinkVersionEnum()).isEqualTo("v2_3");
        assertThat(new KubernetesManifestChecks(manifests, REPOSITORY).problems()).isEmpty();
    }

    /** The operator takes flinkConfiguration flat or nested; both read as the same keys (its ConfigObjectNode.asFlatMap). */
    @Test
    void nestedFlinkConfigurationReadsAsDottedKeys() {
        Map<String, Object> nested = Yaml.documents("nested", "state:\n  backend:\n    type: rocksdb\n"
                + "pipeline.max-parallelism: 128\nlist: [a, b]\nflag: true\n").get(0);
        assertThat(Yaml.flatten(nested)).containsExactly(Map.entry("state.backend.type", "rocksdb"),
                Map.entry("pipeline.max-parallelism", "128"), Map.entry("list", "a;b"), Map.entry("flag", "true"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mutations")
    void eachCheckFailsOnAManifestWithAMistake(Mutation mutation, @TempDir Path dir) throws IOException {
        try (Stream<Path> files = Files.list(REPOSITORY.resolve("k8s"))) {
            for (Path file : files.toList()) {
                Files.copy(file, dir.resolve(file.getFileName()));
            }
        }
        Path file = dir.resolve(mutation.file());
        String text = Files.readString(file);
        assertThat(text.split(Pattern.quote(mutation.from()), -1)).as("occurrences of the text to change").hasSize(2);
        Files.writeString(file, text.replace(mutation.from(), mutation.to()));

        List<String> problems = new KubernetesManifestChecks(KubernetesManifests.load(dir), REPOSITORY).problems();

        assertThat(problems).as("problems of %s", mutation).anyMatch(p -> p.contains(mutation.reported()));
    }

    static List<Mutation> mutations() {
        return List.of(
                new Mutation("ingest.yaml", "  flinkConfiguration:\n", "  flinkConfiguration:\n   bad: [\n", "does not parse as YAML"),
                new Mutation("delivery.yaml", "    jarURI: ", "    jarUri: ", "unknown field spec.job.jarUri"),
                new Mutation("analytics.yaml", "  taskManager:\n    resource:\n      memory:", "  taskManager:\n    resources:\n      memory:",
                        "unknown field spec.taskManager.resources"),
                new Mutation("ingest.yaml", "apiVersion: flink.apache.org/v1beta1", "apiVersion: flink.apache.org/v1alpha1",
                        "apiVersion is flink.apache.org/v1alpha1"),
                new Mutation("ingest.yaml", "upgradeMode: savepoint", "upgradeMode: stateless", "job.upgradeMode is stateless"),
                new Mutation("ingest.yaml", "flinkVersion: v2_3", "flinkVersion: v1_20", "flinkVersion v1_20"),
                new Mutation("ingest.yaml", "high-availability.type: kubernetes", "high-availability.type: NONE", "high-availability.type is NONE"),
                new Mutation("ingest.yaml", "      memory: \"3072m\"", "      memory: \"1024m\"",
                        "taskManager.resource.memory does not hold Flink's TaskManager memory"),
                new Mutation("delivery.yaml", "      memory: \"1024m\"", "      memory: \"512m\"",
                        "jobManager.resource.memory does not hold Flink's JobManager memory"),
                new Mutation("ingest.yaml", "sluice-ingest-job-0.1.0-SNAPSHOT-job.jar", "sluice-ingest-job-0.0.9-job.jar",
                        "is not the jar mvn package builds"),
                new Mutation("delivery.yaml", "entryClass: io.sluice.delivery.DeliveryJob", "entryClass: io.sluice.delivery.DeliveryJobs",
                        "is not the entry class of a Sluice job"),
                new Mutation("ingest.yaml", "    pipeline.generic-types: \"false\"\n", "    pipeline.generic-type: \"false\"\n",
                        "pipeline.generic-type is not a known Flink 2.3 option"),
                new Mutation("ingest.yaml", "    execution.buffer-timeout.interval: 0 ms\n",
                        "    execution.buffer-timeout.interval: 0 ms\n    state.checkpoints.dir: file:///sluice-state/x\n",
                        "state.checkpoints.dir is a deprecated name of execution.checkpointing.dir"),
                new Mutation("ingest.yaml", "execution.checkpointing.interval: 100 ms", "execution.checkpointing.interval: 100 parsecs",
                        "is not a valid value"),
                new Mutation("delivery.yaml", "    sluice.firehose.http.endpoints: \"1\"", "    sluice.http.endpoints: \"1\"",
                        "sluice.http.endpoints is not read by io.sluice.delivery.DeliveryJob"),
                new Mutation("ingest.yaml", "sluice.streams.retention: 24 h", "sluice.streams.retention: 48 h",
                        "sluice.streams.retention is 48 h, flink-conf/config.yaml says 24 h"),
                new Mutation("ingest.yaml", "    sluice.streams.shard-limit: \"500\"\n", "", "lacks sluice.streams.shard-limit"),
                new Mutation("delivery.yaml", "state.changelog.periodic-materialize.interval: 1 min",
                        "state.changelog.periodic-materialize.interval: 10 min", "the job's own default is 1 min"),
                new Mutation("ingest.yaml", "state.changelog.dstl.dfs.base-path: file:///sluice-state/ingest/checkpoints/changelog",
                        "state.changelog.dstl.dfs.base-path: file:///sluice-state/ingest/changelog",
                        "state.changelog.dstl.dfs.base-path is file:///sluice-state/ingest/changelog"),
                new Mutation("analytics.yaml", "    state.backend.type: rocksdb\n", "", "lacks state.backend.type"),
                new Mutation("analytics.yaml", "execution.checkpointing.interval: 10 s", "execution.checkpointing.interval: 100 ms",
                        "the job's own default is 10 s"),
                new Mutation("ingest.yaml", "high-availability.storageDir: file:///sluice-state/ingest/ha",
                        "high-availability.storageDir: file:///tmp/ingest/ha", "is not on the volume"),
                new Mutation("delivery.yaml", "execution.checkpointing.savepoint-dir: file:///sluice-state/delivery/savepoints",
                        "execution.checkpointing.savepoint-dir: file:///sluice-state/ingest/savepoints", "savepoints is shared with sluice-"),
                new Mutation("state-pvc.yaml", "- ReadWriteMany", "- ReadWriteOnce", "is not ReadWriteMany"),
                new Mutation("analytics.yaml", "claimName: sluice-state", "claimName: sluice-data",
                        "mounts PersistentVolumeClaim sluice-data, which no manifest defines"),
                new Mutation("analytics.yaml", "app=/opt/sluice/sql/tumbling-count.sql", "app=/opt/sluice/sql/tumbling-counts.sql",
                        "is not a file the Dockerfile copies"),
                new Mutation("ingest.yaml", "sluice.http.same-port: \"true\"", "sluice.http.same-port: \"false\"", "reaches reader 0 only"),
                new Mutation("ingest.yaml", "taskmanager.numberOfTaskSlots: \"1\"", "taskmanager.numberOfTaskSlots: \"2\"",
                        "two readers in one pod would both bind port 4567"),
                new Mutation("ingest.yaml", "              tcpSocket:\n                port: 4567",
                        "              tcpSocket:\n                port: 4568", "readinessProbe does not check port 4567"),
                new Mutation("services.yaml", "    app: sluice-ingest\n    component: taskmanager",
                        "    app: sluice-ingest\n    component: jobmanager", "must have component=taskmanager"),
                new Mutation("services.yaml", "    app: sluice-delivery\n", "    app: sluice-deliveries\n",
                        "app=sluice-deliveries names no FlinkDeployment"),
                new Mutation("services.yaml", "    type: flink-native-kubernetes\n    app: sluice-ingest",
                        "    type: flink-kubernetes\n    app: sluice-ingest", "matches no TaskManager pod of sluice-ingest"),
                new Mutation("services.yaml", "      targetPort: 4573", "      targetPort: 4567", "targetPort 4567 is not sluice.firehose.http.port"),
                new Mutation("Dockerfile", "FROM flink:2.3.0-java17", "FROM flink:1.20.1-java17", "FROM [flink:1.20.1-java17]"),
                new Mutation("Dockerfile", "ARG SLUICE_VERSION=0.1.0-SNAPSHOT", "ARG SLUICE_VERSION=0.0.9", "is not the project version"),
                new Mutation("Dockerfile",
                        "COPY --chown=flink:flink delivery-job/target/sluice-delivery-job-${SLUICE_VERSION}-job.jar /opt/flink/usrlib/\n",
                        "", "the Dockerfile does not copy sluice-delivery-job-"),
                new Mutation("Dockerfile", "COPY --chown=flink:flink sql/*.sql", "COPY --chown=flink:flink sql/*.sqlx",
                        "COPY sql/*.sqlx names no file"),
                new Mutation("kustomization.yaml", "  - services.yaml\n", "", "kustomization.yaml lists resources"),
                new Mutation("analytics.yaml", "image: sluice-flink:0.1.0-SNAPSHOT", "image: sluice-flink:0.0.9",
                        "run different images"));
    }
}
