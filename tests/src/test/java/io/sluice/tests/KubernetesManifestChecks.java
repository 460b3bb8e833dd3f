package io.sluice.tests;

import io.sluice.common.http.HttpSourceOptions;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.configuration.HighAvailabilityOptions;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessUtils;
import org.apache.flink.runtime.jobmanager.JobManagerProcessUtils;
import org.apache.flink.runtime.util.EnvironmentInformation;

/**
 * What {@code k8s/} must get right, checked without a Kubernetes cluster: each check returns the problems it finds,
 * one readable sentence each, so that a test can show that a mutated manifest fails for the reason it should.
 *
 * <p>Settings of {@code flink-conf/config.yaml} that the Kubernetes deployments deliberately do not carry, each for a
 * reason ({@link #EMBEDDED_ONLY}), and those they carry with another value ({@link #CLUSTER_VALUE}); paths differ by design: the embedded run keeps everything under
 * {@code sluice.data-dir}, a deployment under the shared volume's mount ({@code execution.checkpointing.dir} etc.).
 */
final class KubernetesManifestChecks {

    /** config.yaml keys that only the embedded run reads, and why a cluster does without them. */
    static final Map<String, String> EMBEDDED_ONLY = Map.of(
            "sluice.data-dir", "the embedded run's data directory; a deployment names its checkpoint, savepoint and HA paths",
            "sluice.metrics.prometheus-port", "the embedded run's Prometheus endpoint; a cluster configures metrics.reporter.*",
            "sluice.sql-gateway.enabled", "the embedded run starts a SQL Gateway beside its MiniCluster",
            "sql-gateway.endpoint.rest.port", "the embedded run's SQL Gateway port");

    /** config.yaml keys whose value a deployment sets otherwise on purpose, and why. */
    static final Map<String, String> CLUSTER_VALUE = Map.of(
            "sluice.http.endpoints", "a reader in each TaskManager pod (job.parallelism), all on the port with sluice.http.same-port;"
                    + " the embedded run has one process, one reader");

    /**
     * Keys that Flink reads without declaring a {@link ConfigOption}: flink-s3-fs-hadoop's {@code s3.*} keys (README,
     * Firehose), mirrored into Hadoop's {@code fs.s3a.*}.
     */
    static final Set<String> UNDECLARED_KEYS = Set.of("s3.endpoint", "s3.path.style.access", "s3.access-key", "s3.secret-key");

    /** The Flink Kubernetes Operator's rule for a FlinkDeployment's name ({@code DefaultValidator}). */
    private static final Pattern DEPLOYMENT_NAME = Pattern.compile("[a-z]([-a-z\\d]{0,43}[a-z\\d])?");
    private static final String USRLIB = "/opt/flink/usrlib/";
    private static final String JAR_URI_PREFIX = "local://" + USRLIB;
    private static final Set<String> NOT_RESOURCES = Set.of("kustomization.yaml", "kustomizeconfig.yaml");

    /**
     * The fields a {@code FlinkDeployment} may have where the manifests set any (operator 1.15's
     * {@code FlinkDeploymentSpec}, {@code JobSpec}, {@code JobManagerSpec}, {@code TaskManagerSpec}, {@code Resource}): a
     * misspelt field is dropped by the API server's pruning or refused, never applied.
     */
    private static final Map<List<String>, Set<String>> DEPLOYMENT_FIELDS = Map.of(
            List.of(), Set.of("apiVersion", "kind", "metadata", "spec"),
            List.of("spec"), Set.of("image", "imagePullPolicy", "serviceAccount", "flinkVersion", "ingress", "podTemplate",
                    "jobManager", "taskManager", "logConfiguration", "mode", "job", "restartNonce", "flinkConfiguration"),
            List.of("spec", "job"), Set.of("jarURI", "parallelism", "entryClass", "args", "state", "savepointTriggerNonce",
                    "initialSavepointPath", "checkpointTriggerNonce", "upgradeMode", "allowNonRestoredState",
                    "savepointRedeployNonce", "autoscalerResetNonce"),
            List.of("spec", "jobManager"), Set.of("resource", "replicas", "podTemplate"),
            List.of("spec", "taskManager"), Set.of("resource", "replicas", "podTemplate"),
            List.of("spec", "jobManager", "resource"), Set.of("cpu", "memory", "ephemeralStorage"),
            List.of("spec", "taskManager", "resource"), Set.of("cpu", "memory", "ephemeralStorage"));

    private final KubernetesManifests manifests;
    private final Path repository;
    private final FlinkConfigOptions flinkOptions = FlinkConfigOptions.load();

    KubernetesManifestChecks(KubernetesManifests manifests, Path repository) {
        this.manifests = manifests;
        this.repository = repository;
    }

    /** Every problem of every check. */
    List<String> problems() throws IOException {
        List<String> problems = new ArrayList<>(manifests.parseProblems());
        problems.addAll(kustomization());
        problems.addAll(volumes());
        for (FlinkDeploymentManifest deployment : manifests.flinkDeployments()) {
            problems.addAll(operatorRules(deployment));
            Optional<SluiceJobKind> kind = SluiceJobKind.ofEntryClass(deployment.spec("job", "entryClass").orElse(""));
            if (kind.isEmpty()) {
                problems.add(deployment + ": job.entryClass " + deployment.spec("job", "entryClass").orElse("(none)")
                        + " is not the entry class of a Sluice job (" + List.of(SluiceJobKind.values()) + ")");
                continue;
            }
            problems.addAll(job(deployment, kind.get()));
            problems.addAll(configurationKeys(deployment, kind.get()));
            problems.addAll(sameAsFlinkConf(deployment, kind.get()));
            problems.addAll(sameAsJobDefaults(deployment, kind.get()));
            problems.addAll(stateOnTheVolume(deployment));
            problems.addAll(httpEndpoint(deployment, kind.get()));
        }
        problems.addAll(stateDirectoriesApart());
        problems.addAll(services());
        problems.addAll(dockerfile());
        return problems;
    }

    /** kustomization.yaml lists every manifest of the directory, and only those. */
    List<String> kustomization() throws IOException {
        Optional<KubernetesManifests.Manifest> kustomization = manifests.ofKind("Kustomization").stream().findFirst();
        if (kustomization.isEmpty()) {
            return List.of("no kustomization.yaml (kind: Kustomization)");
        }
        Set<String> listed = new TreeSet<>(Yaml.textsAt(kustomization.get().content(), "resources"));
        Set<String> files = new TreeSet<>();
        for (Path file : KubernetesManifests.yamlFiles(manifests.dir())) {
            files.add(file.getFileName().toString());
        }
        files.removeAll(NOT_RESOURCES);
        return listed.equals(files) ? List.of()
                : List.of("kustomization.yaml lists resources " + listed + " but the directory holds " + files);
    }

    /** Every claim a deployment mounts is a manifest here, ReadWriteMany (pods on different nodes share it). */
    List<String> volumes() {
        List<String> problems = new ArrayList<>();
        for (FlinkDeploymentManifest deployment : manifests.flinkDeployments()) {
            for (String claim : deployment.claimMounts().keySet()) {
                Optional<KubernetesManifests.Manifest> pvc = manifests.find("PersistentVolumeClaim", claim);
                if (pvc.isEmpty()) {
                    problems.add(deployment + " mounts PersistentVolumeClaim " + claim + ", which no manifest defines");
                } else if (!Yaml.textsAt(pvc.get().content(), "spec", "accessModes").contains("ReadWriteMany")) {
                    problems.add(pvc.get() + " is not ReadWriteMany: JobManager and TaskManager pods on different nodes share it");
                }
            }
        }
        return problems;
    }

    /** What the Flink Kubernetes Operator requires of a savepoint-upgraded application deployment of Flink 2.3. */
    List<String> operatorRules(FlinkDeploymentManifest d) {
        List<String> problems = new ArrayList<>();
        expect(problems, d, "apiVersion", Yaml.text(d.content(), "apiVersion"), "flink.apache.org/v1beta1");
        DEPLOYMENT_FIELDS.forEach((path, allowed) -> {
            for (String field : Yaml.mapAt(d.content(), path.toArray(String[]::new)).keySet()) {
                if (!allowed.contains(field)) {
                    List<String> full = new ArrayList<>(path);
                    full.add(field);
                    problems.add(d + ": unknown field " + String.join(".", full) + " (a FlinkDeployment has " + new TreeSet<>(allowed) + ")");
                }
            }
        });
        if (!DEPLOYMENT_NAME.matcher(d.name()).matches()) {
            problems.add(d + ": the operator refuses the name " + d.name());
        }
        String flinkVersion = flinkVersionEnum();
        if (!d.spec("flinkVersion").orElse("").equals(flinkVersion)) {
            problems.add(d + ": flinkVersion " + d.spec("flinkVersion").orElse("(none)") + ", expected " + flinkVersion
                    + " (the operator's name for Flink " + EnvironmentInformation.getVersion() + ")");
        }
        expect(problems, d, "job.upgradeMode", d.spec("job", "upgradeMode"), "savepoint");
        expect(problems, d, "job.state", d.spec("job", "state"), "running");
        Map<String, String> conf = d.flinkConfiguration();
        for (ConfigOption<?> required : List.of(CheckpointingOptions.CHECKPOINTS_DIRECTORY, CheckpointingOptions.SAVEPOINT_DIRECTORY,
                HighAvailabilityOptions.HA_STORAGE_PATH)) {
            if (conf.getOrDefault(required.key(), "").isBlank()) {
                problems.add(d + ": flinkConfiguration has no " + required.key() + " (savepoint upgrades and recovery need it)");
            }
        }
        if (!"kubernetes".equals(conf.get(HighAvailabilityOptions.HA_MODE.key()))) {
            problems.add(d + ": " + HighAvailabilityOptions.HA_MODE.key() + " is " + conf.get(HighAvailabilityOptions.HA_MODE.key())
                    + ", expected kubernetes: a restarted JobManager must find the latest checkpoint");
        }
        for (String resource : List.of("jobManager", "taskManager")) {
            if (d.spec(resource, "resource", "memory").isEmpty() || d.spec(resource, "resource", "cpu").isEmpty()) {
                problems.add(d + ": " + resource + ".resource needs memory and cpu");
            }
        }
        problems.addAll(memory(d));
        if (d.spec("image").isEmpty()) {
            problems.add(d + ": no image");
        }
        return problems;
    }

    /**
     * Flink can lay out each pod's memory: the operator turns {@code resource.memory} into the process size, and Flink's
     * memory model must fit its parts (managed memory, network, metaspace, overhead, heap) into it.
     */
    List<String> memory(FlinkDeploymentManifest d) {
        List<String> problems = new ArrayList<>();
        Configuration conf = Configuration.fromMap(d.flinkConfiguration());
        try {
            Configuration tm = new Configuration(conf);
            tm.set(TaskManagerOptions.TOTAL_PROCESS_MEMORY, MemorySize.parse(d.spec("taskManager", "resource", "memory").orElse("0")));
            TaskExecutorProcessUtils.processSpecFromConfig(tm);
        } catch (RuntimeException e) {
            problems.add(d + ": taskManager.resource.memory does not hold Flink's TaskManager memory: " + e.getMessage());
        }
        try {
            Configuration jm = new Configuration(conf);
            jm.set(JobManagerOptions.TOTAL_PROCESS_MEMORY, MemorySize.parse(d.spec("jobManager", "resource", "memory").orElse("0")));
            JobManagerProcessUtils.processSpecFromConfig(jm);
        } catch (RuntimeException e) {
            problems.add(d + ": jobManager.resource.memory does not hold Flink's JobManager memory: " + e.getMessage());
        }
        return problems;
    }

    /** The job's jar is one that mvn package builds and the image holds; its entry class is in it and has a main. */
    List<String> job(FlinkDeploymentManifest d, SluiceJobKind kind) throws IOException {
        List<String> problems = new ArrayList<>();
        Path built = repository.resolve(kind.module()).resolve("target")
                .resolve("sluice-" + kind.module() + "-" + BuiltJars.version() + "-job.jar");
        String jarUri = d.spec("job", "jarURI").orElse("");
        String expected = JAR_URI_PREFIX + built.getFileName();
        if (!jarUri.equals(expected)) {
            problems.add(d + ": job.jarURI " + jarUri + " is not the jar mvn package builds for " + kind.module() + " (" + expected + ")");
            return problems;
        }
        if (!Files.isRegularFile(built)) {
            problems.add(built + " is not built (mvn package)");
            return problems;
        }
        Optional<Path> inImage = image().sourceOf(repository, jarUri.substring("local://".length()));
        if (inImage.isEmpty() || !Files.isSameFile(inImage.get(), built)) {
            problems.add(d + ": the Dockerfile does not copy " + built.getFileName() + " to " + USRLIB);
        }
        String entryClass = kind.entryClass();
        try (JarFile jar = new JarFile(built.toFile())) {
            if (jar.getEntry(entryClass.replace('.', '/') + ".class") == null) {
                problems.add(d + ": " + entryClass + " is not in " + built.getFileName());
            }
        }
        problems.addAll(mainMethod(d, entryClass));
        for (String arg : d.args()) {
            if (arg.startsWith("app=")) {
                String file = arg.substring("app=".length());
                if (image().sourceOf(repository, file).isEmpty()) {
                    problems.add(d + ": the SQL application " + file + " is not a file the Dockerfile copies into the image");
                }
            }
        }
        if (kind == SluiceJobKind.ANALYTICS && d.args().stream().noneMatch(a -> a.startsWith("app="))) {
            problems.add(d + ": the analytics job needs app=FILE.sql among job.args");
        }
        return problems;
    }

    private static List<String> mainMethod(FlinkDeploymentManifest d, String entryClass) {
        try {
            Method main = Class.forName(entryClass).getMethod("main", String[].class);
            return Modifier.isStatic(main.getModifiers()) ? List.of() : List.of(d + ": " + entryClass + ".main is not static");
        } catch (ClassNotFoundException | NoSuchMethodException e) {
            return List.of(d + ": job.entryClass " + entryClass + " has no public static main(String[]): " + e);
        }
    }

    /**
     * Every key is an option that Flink 2.3 or this job declares (under its current name), and its value parses as that
     * option's type.
     */
    List<String> configurationKeys(FlinkDeploymentManifest d, SluiceJobKind kind) {
        List<String> problems = new ArrayList<>();
        Map<String, ConfigOption<?>> sluice = new HashMap<>();
        kind.sluiceOptions().forEach(o -> sluice.put(o.key(), o));
        for (Map.Entry<String, String> entry : d.flinkConfiguration().entrySet()) {
            String key = entry.getKey();
            Optional<ConfigOption<?>> option = key.startsWith("sluice.")
                    ? Optional.ofNullable(sluice.get(key)) : flinkOptions.option(key);
            if (option.isEmpty()) {
                if (UNDECLARED_KEYS.contains(key)) {
                    continue;
                }
                Optional<ConfigOption<?>> current = flinkOptions.deprecatedName(key);
                problems.add(d + ": flinkConfiguration key " + key + (current.isPresent()
                        ? " is a deprecated name of " + current.get().key()
                        : key.startsWith("sluice.") ? " is not read by " + kind.entryClass()
                        : " is not a known Flink 2.3 option"));
                continue;
            }
            try {
                Configuration.fromMap(Map.of(key, entry.getValue())).get(option.get());
            } catch (RuntimeException e) {
                problems.add(d + ": flinkConfiguration " + key + ": " + entry.getValue() + " is not a valid value: " + e.getMessage());
            }
        }
        return problems;
    }

    /**
     * flink-conf/config.yaml's settings that matter on a cluster carry the same values: its Sluice keys that the job
     * reads, and its Flink keys, in every deployment (but {@link #EMBEDDED_ONLY}).
     */
    List<String> sameAsFlinkConf(FlinkDeploymentManifest d, SluiceJobKind kind) {
        List<String> problems = new ArrayList<>();
        Map<String, String> flinkConf = GlobalConfiguration.loadConfiguration(repository.resolve("flink-conf").toString()).toMap();
        Set<String> readByJob = new TreeSet<>();
        kind.sluiceOptions().forEach(o -> readByJob.add(o.key()));
        Map<String, String> conf = d.flinkConfiguration();
        for (String key : new TreeSet<>(flinkConf.keySet())) {
            if (EMBEDDED_ONLY.containsKey(key) || (key.startsWith("sluice.") && !readByJob.contains(key))) {
                continue;
            }
            if (!conf.containsKey(key)) {
                problems.add(d + ": flinkConfiguration lacks " + key + " (flink-conf/config.yaml: " + flinkConf.get(key) + ")");
            } else if (!CLUSTER_VALUE.containsKey(key) && !sameValue(key, conf.get(key), flinkConf.get(key))) {
                problems.add(d + ": flinkConfiguration " + key + " is " + conf.get(key) + ", flink-conf/config.yaml says "
                        + flinkConf.get(key));
            }
        }
        return problems;
    }

    /**
     * The Flink settings the job gives itself ({@code JobDefaults}: RocksDB, incremental and retained checkpoints, the
     * changelog, the interval, ...) are written out with the same values; paths derive from the deployment's checkpoint
     * directory, as the job derives them.
     */
    List<String> sameAsJobDefaults(FlinkDeploymentManifest d, SluiceJobKind kind) {
        List<String> problems = new ArrayList<>();
        Map<String, String> conf = d.flinkConfiguration();
        Configuration checkpointsOnly = new Configuration();
        Optional.ofNullable(conf.get(CheckpointingOptions.CHECKPOINTS_DIRECTORY.key()))
                .ifPresent(dir -> checkpointsOnly.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, dir));
        Map<String, String> defaults = kind.defaults(checkpointsOnly).toMap();
        for (String key : new TreeSet<>(defaults.keySet())) {
            if (!conf.containsKey(key)) {
                problems.add(d + ": flinkConfiguration lacks " + key + " (the job runs with " + defaults.get(key) + ")");
            } else if (!sameValue(key, conf.get(key), defaults.get(key))) {
                problems.add(d + ": flinkConfiguration " + key + " is " + conf.get(key) + ", the job's own default is "
                        + defaults.get(key));
            }
        }
        return problems;
    }

    /** Checkpoints, savepoints, HA metadata and the changelog live on the shared volume (or S3). */
    List<String> stateOnTheVolume(FlinkDeploymentManifest d) {
        List<String> problems = new ArrayList<>();
        List<String> mounts = List.copyOf(d.claimMounts().values());
        for (Map.Entry<String, String> path : statePaths(d).entrySet()) {
            String value = path.getValue();
            boolean onVolume = mounts.stream().anyMatch(m -> value.startsWith("file://" + m + "/") || value.startsWith(m + "/"));
            if (!onVolume && !value.startsWith("s3a://") && !value.startsWith("s3://")) {
                problems.add(d + ": " + path.getKey() + " " + value + " is not on the volume of a PersistentVolumeClaim "
                        + mounts + " nor on S3: a restarted pod would not find it");
            }
        }
        return problems;
    }

    /** No two deployments share a checkpoint, savepoint or HA directory. */
    List<String> stateDirectoriesApart() {
        List<String> problems = new ArrayList<>();
        Map<String, String> owners = new HashMap<>();
        for (FlinkDeploymentManifest d : manifests.flinkDeployments()) {
            for (Map.Entry<String, String> path : statePaths(d).entrySet()) {
                String owner = owners.putIfAbsent(path.getValue(), d.name());
                if (owner != null && !owner.equals(d.name())) {
                    problems.add(d + ": " + path.getKey() + " " + path.getValue() + " is shared with " + owner);
                }
            }
        }
        return problems;
    }

    private static Map<String, String> statePaths(FlinkDeploymentManifest d) {
        Map<String, String> paths = new LinkedHashMap<>();
        for (String key : List.of(CheckpointingOptions.CHECKPOINTS_DIRECTORY.key(), CheckpointingOptions.SAVEPOINT_DIRECTORY.key(),
                HighAvailabilityOptions.HA_STORAGE_PATH.key(), "state.changelog.dstl.dfs.base-path",
                "sluice.firehose.local-buckets-dir", "sluice.firehose.schema-dir")) {
            Optional.ofNullable(d.flinkConfiguration().get(key)).ifPresent(v -> paths.put(key, v));
        }
        return paths;
    }

    /**
     * A service job's TaskManagers declare its port and are ready only where the endpoint listens (the Service's target),
     * and a Service on the port reaches every reader: one reader, or several that all bind the port (same-port) in pods of
     * one slot each (reader i binds port + i otherwise, which the Service would not reach).
     */
    List<String> httpEndpoint(FlinkDeploymentManifest d, SluiceJobKind kind) {
        if (kind.http().isEmpty()) {
            return List.of();
        }
        List<String> problems = new ArrayList<>();
        String port = String.valueOf(endpointPort(d, kind.http().get()));
        ConfigOption<Integer> endpoints = kind.endpoints().orElseThrow();
        Configuration flink = Configuration.fromMap(d.flinkConfiguration());
        int readers = flink.get(endpoints);
        ConfigOption<Boolean> samePort = kind.http().get().samePort;
        if (readers != 1 && !flink.get(samePort)) {
            problems.add(d + ": " + endpoints.key() + " is " + readers + " without " + samePort.key() + ": reader i binds port + i,"
                    + " so the Service on " + port + " reaches reader 0 only");
        } else if (readers != 1 && flink.get(TaskManagerOptions.NUM_TASK_SLOTS) != 1) {
            problems.add(d + ": " + samePort.key() + " with " + flink.get(TaskManagerOptions.NUM_TASK_SLOTS) + " slots per TaskManager:"
                    + " two readers in one pod would both bind port " + port);
        }
        Map<String, Object> container = d.taskManagerContainer();
        boolean declared = Yaml.mapsAt(container, "ports").stream()
                .anyMatch(p -> port.equals(Yaml.text(p, "containerPort").orElse("")));
        if (!declared) {
            problems.add(d + ": the TaskManager pod template does not declare containerPort " + port);
        }
        if (!port.equals(Yaml.text(container, "readinessProbe", "tcpSocket", "port").orElse(""))) {
            problems.add(d + ": the TaskManagers' readinessProbe does not check port " + port
                    + " (only the pod whose reader listens may receive the Service's connections)");
        }
        return problems;
    }

    private static int endpointPort(FlinkDeploymentManifest d, HttpSourceOptions http) {
        return Configuration.fromMap(d.flinkConfiguration()).get(http.port);
    }

    /**
     * Each Service selects the TaskManager pods of a service job's deployment (by the labels Flink puts on them) and
     * forwards the endpoint's port; each service job has one.
     */
    List<String> services() {
        List<String> problems = new ArrayList<>();
        Set<String> served = new TreeSet<>();
        for (KubernetesManifests.Manifest service : manifests.ofKind("Service")) {
            Map<String, Object> selector = Yaml.mapAt(service.content(), "spec", "selector");
            String app = String.valueOf(selector.get("app"));
            Optional<FlinkDeploymentManifest> target = manifests.flinkDeployments().stream().filter(d -> d.name().equals(app)).findFirst();
            if (target.isEmpty()) {
                problems.add(service + ": selector app=" + app + " names no FlinkDeployment");
                continue;
            }
            FlinkDeploymentManifest d = target.get();
            Map<String, String> labels = d.taskManagerPodLabels();
            if (!"taskmanager".equals(String.valueOf(selector.get("component")))) {
                problems.add(service + ": selector must have component=taskmanager (the endpoints run in TaskManagers)");
            }
            selector.forEach((k, v) -> {
                if (!String.valueOf(v).equals(labels.get(k))) {
                    problems.add(service + ": selector " + k + "=" + v + " matches no TaskManager pod of " + d.name() + " " + labels);
                }
            });
            Optional<HttpSourceOptions> http = SluiceJobKind.ofEntryClass(d.spec("job", "entryClass").orElse(""))
                    .flatMap(SluiceJobKind::http);
            if (http.isEmpty()) {
                problems.add(service + ": " + d.name() + " serves no HTTP endpoint");
                continue;
            }
            String port = String.valueOf(endpointPort(d, http.get()));
            List<Map<String, Object>> ports = Yaml.mapsAt(service.content(), "spec", "ports");
            if (ports.isEmpty()) {
                problems.add(service + ": no ports");
            }
            for (Map<String, Object> p : ports) {
                if (!port.equals(Yaml.text(p, "targetPort").orElse(""))) {
                    problems.add(service + ": targetPort " + Yaml.text(p, "targetPort").orElse("(none)") + " is not "
                            + http.get().port.key() + " of " + d.name() + " (" + port + ")");
                }
                if (!port.equals(Yaml.text(p, "port").orElse(""))) {
                    problems.add(service + ": port " + Yaml.text(p, "port").orElse("(none)") + " is not the endpoint's " + port
                            + " (clients use the embedded run's port)");
                }
            }
            served.add(d.name());
        }
        for (FlinkDeploymentManifest d : manifests.flinkDeployments()) {
            boolean serves = SluiceJobKind.ofEntryClass(d.spec("job", "entryClass").orElse("")).flatMap(SluiceJobKind::http).isPresent();
            if (serves && !served.contains(d.name())) {
                problems.add(d + ": no Service forwards to its HTTP endpoint");
            }
        }
        return problems;
    }

    /**
     * The image is the official Flink image of the Flink version Sluice builds against, on Java 17; every COPY names
     * files that exist after mvn package; the version argument is the project's; every deployment runs it.
     */
    List<String> dockerfile() throws IOException {
        List<String> problems = new ArrayList<>();
        Dockerfile image = image();
        String flink = EnvironmentInformation.getVersion();
        List<String> expected = List.of("flink:" + flink + "-java17", "flink:" + flink + "-scala_2.12-java17");
        if (image.from().size() != 1 || !expected.contains(image.from().get(0))) {
            problems.add("Dockerfile: FROM " + image.from() + ", expected one of " + expected);
        }
        if (!image.arg("SLUICE_VERSION").orElse("").equals(BuiltJars.version())) {
            problems.add("Dockerfile: ARG SLUICE_VERSION=" + image.arg("SLUICE_VERSION").orElse("(none)") + " is not the project version "
                    + BuiltJars.version());
        }
        for (Dockerfile.Copy copy : image.copies()) {
            for (String source : copy.sources()) {
                if (Dockerfile.matches(repository, source).isEmpty()) {
                    problems.add("Dockerfile: COPY " + source + " names no file of the build (after mvn package)");
                }
            }
        }
        Set<String> images = new TreeSet<>();
        manifests.flinkDeployments().forEach(d -> images.add(d.spec("image").orElse("")));
        if (images.size() > 1) {
            problems.add("the FlinkDeployments run different images " + images + ": the one image holds every job jar");
        }
        return problems;
    }

    private Dockerfile image() throws IOException {
        return Dockerfile.parse(Files.readString(manifests.dir().resolve("Dockerfile")));
    }

    private boolean sameValue(String key, String a, String b) {
        Optional<ConfigOption<?>> option = flinkOptions.option(key);
        if (option.isEmpty()) {
            option = Arrays.stream(SluiceJobKind.values()).flatMap(k -> k.sluiceOptions().stream())
                    .filter(o -> o.key().equals(key)).findFirst().map(o -> (ConfigOption<?>) o);
        }
        if (option.isEmpty()) {
            return a.equals(b);
        }
        try {
            return Objects.equals(Configuration.fromMap(Map.of(key, a)).get(option.get()),
                    Configuration.fromMap(Map.of(key, b)).get(option.get()));
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static void expect(List<String> problems, FlinkDeploymentManifest d, String what, Optional<String> actual, String expected) {
        if (!actual.orElse("").equals(expected)) {
            problems.add(d + ": " + what + " is " + actual.orElse("(none)") + ", expected " + expected);
        }
    }

    /** The operator's {@code FlinkVersion} constant for the Flink that Sluice builds against, e.g. {@code v2_3}. */
    static String flinkVersionEnum() {
        String[] parts = EnvironmentInformation.getVersion().split("\\.");
        return "v" + parts[0] + "_" + parts[1];
    }
}
