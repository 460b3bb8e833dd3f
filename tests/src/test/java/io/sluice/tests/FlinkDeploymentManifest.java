package io.sluice.tests;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@code FlinkDeployment} (Flink Kubernetes Operator, {@code flink.apache.org/v1beta1}) read the way the operator reads
 * it: its flattened {@code flinkConfiguration}, its job, and the pods Flink's native Kubernetes integration makes of it.
 */
final class FlinkDeploymentManifest {

    /** The container of a Flink pod that the operator merges a pod template's settings into. */
    static final String MAIN_CONTAINER = "flink-main-container";

    private final KubernetesManifests.Manifest manifest;

    FlinkDeploymentManifest(KubernetesManifests.Manifest manifest) {
        this.manifest = manifest;
    }

    String file() {
        return manifest.file();
    }

    String name() {
        return manifest.name();
    }

    /** The manifest as parsed. */
    Map<String, Object> content() {
        return manifest.content();
    }

    Optional<String> spec(String... path) {
        String[] full = new String[path.length + 1];
        full[0] = "spec";
        System.arraycopy(path, 0, full, 1, path.length);
        return Yaml.text(manifest.content(), full);
    }

    /** {@code spec.flinkConfiguration}, flattened: the pods' {@code config.yaml}. */
    Map<String, String> flinkConfiguration() {
        return Yaml.flatten(Yaml.mapAt(manifest.content(), "spec", "flinkConfiguration"));
    }

    List<String> args() {
        return Yaml.textsAt(manifest.content(), "spec", "job", "args");
    }

    /**
     * The labels of the deployment's TaskManager pods: Flink's native Kubernetes labels ({@code KubernetesUtils
     * .getTaskManagerSelectors}: {@code type}, {@code app} = the cluster id = the deployment's name, {@code component})
     * plus those of the pod templates.
     */
    Map<String, String> taskManagerPodLabels() {
        Map<String, String> labels = new HashMap<>();
        Yaml.mapAt(manifest.content(), "spec", "podTemplate", "metadata", "labels").forEach((k, v) -> labels.put(k, String.valueOf(v)));
        Yaml.mapAt(manifest.content(), "spec", "taskManager", "podTemplate", "metadata", "labels")
                .forEach((k, v) -> labels.put(k, String.valueOf(v)));
        labels.put("type", "flink-native-kubernetes");
        labels.put("app", name());
        labels.put("component", "taskmanager");
        return labels;
    }

    /** The main container of the TaskManager pod template (the operator merges it into the common one). */
    Map<String, Object> taskManagerContainer() {
        return mainContainer(Yaml.mapsAt(manifest.content(), "spec", "taskManager", "podTemplate", "spec", "containers"));
    }

    /** The main container of the pod template that JobManager and TaskManager pods share. */
    Map<String, Object> commonContainer() {
        return mainContainer(Yaml.mapsAt(manifest.content(), "spec", "podTemplate", "spec", "containers"));
    }

    /** Mount path of each volume of the common pod template that is a PersistentVolumeClaim, by claim name. */
    Map<String, String> claimMounts() {
        Map<String, String> claimsByVolume = new HashMap<>();
        for (Map<String, Object> volume : Yaml.mapsAt(manifest.content(), "spec", "podTemplate", "spec", "volumes")) {
            Yaml.text(volume, "persistentVolumeClaim", "claimName")
                    .ifPresent(claim -> claimsByVolume.put(Yaml.text(volume, "name").orElse(""), claim));
        }
        Map<String, String> mounts = new HashMap<>();
        for (Map<String, Object> mount : Yaml.mapsAt(commonContainer(), "volumeMounts")) {
            String claim = claimsByVolume.get(Yaml.text(mount, "name").orElse(""));
            if (claim != null) {
                mounts.put(claim, Yaml.text(mount, "mountPath").orElse(""));
            }
        }
        return mounts;
    }

    private static Map<String, Object> mainContainer(List<Map<String, Object>> containers) {
        return containers.stream().filter(c -> MAIN_CONTAINER.equals(Yaml.text(c, "name").orElse(""))).findFirst().orElse(Map.of());
    }

    @Override
    public String toString() {
        return manifest.toString();
    }
}
