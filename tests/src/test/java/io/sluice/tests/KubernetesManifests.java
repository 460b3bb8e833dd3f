package io.sluice.tests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * The Kubernetes manifests of a directory (the repository's {@code k8s/}, or a mutated copy of it): every
 * {@code *.yaml} file parsed into its documents, and what did not parse as a problem.
 */
final class KubernetesManifests {

    /** One YAML document and the file it came from. */
    record Manifest(String file, Map<String, Object> content) {

        String kind() {
            return Yaml.text(content, "kind").orElse("");
        }

        String name() {
            return Yaml.text(content, "metadata", "name").orElse("");
        }

        @Override
        public String toString() {
            return file + " " + kind() + " " + name();
        }
    }

    private final Path dir;
    private final List<Manifest> manifests;
    private final List<String> problems;

    private KubernetesManifests(Path dir, List<Manifest> manifests, List<String> problems) {
        this.dir = dir;
        this.manifests = manifests;
        this.problems = problems;
    }

    static KubernetesManifests load(Path dir) throws IOException {
        List<Manifest> manifests = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Path file : yamlFiles(dir)) {
            String name = file.getFileName().toString();
            try {
                for (Map<String, Object> document : Yaml.documents(name, Files.readString(file))) {
                    manifests.add(new Manifest(name, document));
                }
            } catch (YamlEngineException | IllegalArgumentException e) {
                problems.add(name + " does not parse as YAML: " + e.getMessage());
            }
        }
        return new KubernetesManifests(dir, manifests, problems);
    }

    /** The {@code *.yaml} files of {@code dir}, by name. */
    static List<Path> yamlFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".yaml")).sorted().toList();
        }
    }

    Path dir() {
        return dir;
    }

    /** Files that did not parse. */
    List<String> parseProblems() {
        return problems;
    }

    List<Manifest> ofKind(String kind) {
        return manifests.stream().filter(m -> m.kind().equals(kind)).toList();
    }

    Optional<Manifest> find(String kind, String name) {
        return ofKind(kind).stream().filter(m -> m.name().equals(name)).findFirst();
    }

    List<FlinkDeploymentManifest> flinkDeployments() {
        return ofKind("FlinkDeployment").stream().map(FlinkDeploymentManifest::new).toList();
    }
}
