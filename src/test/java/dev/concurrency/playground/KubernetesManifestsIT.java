package dev.concurrency.playground;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The manifests in {@code k8s/} are what the build generates (it runs after packaging, which is when
 * quarkus-kubernetes writes {@code target/kubernetes}), and they are valid Kubernetes objects that
 * keep the promises the README makes about them.
 */
class KubernetesManifestsIT {

    private static final Path COMMITTED = Path.of("k8s/kubernetes.yml");
    /** Where this build wrote it: the build directory is {@code target} unless {@code -DbuildDir} moves it. */
    private static final Path GENERATED = Path.of(System.getProperty("buildDir", "target"), "kubernetes/kubernetes.yml");

    @Test
    void committedManifestsMatchTheBuild() throws Exception {
        // Compared as documents: the generator does not keep the order of labels from one build to the next.
        assertEquals(documents(GENERATED), documents(COMMITTED),
                "k8s/ is stale: run ./mvnw package -DskipTests, copy target/kubernetes/kubernetes.yml to k8s/ and commit it");
    }

    private static List<JsonNode> documents(Path file) throws Exception {
        YAMLMapper yaml = new YAMLMapper();
        try (var parser = yaml.getFactory().createParser(Files.newInputStream(file))) {
            return yaml.readValues(parser, JsonNode.class).readAll();
        }
    }

    @Test
    void manifestsAreKubernetesObjectsWithProbesAndGuaranteedCpu() throws Exception {
        List<HasMetadata> objects = new KubernetesSerialization().unmarshal(Files.newInputStream(COMMITTED));
        assertTrue(objects.stream().anyMatch(ConfigMap.class::isInstance), "a ConfigMap of limits");
        assertTrue(objects.stream().anyMatch(Service.class::isInstance), "a Service");
        Deployment deployment = objects.stream().filter(Deployment.class::isInstance).map(Deployment.class::cast)
                .findFirst().orElseThrow();
        Container container = deployment.getSpec().getTemplate().getSpec().getContainers().getFirst();
        assertEquals("/q/health/live", container.getLivenessProbe().getHttpGet().getPath());
        assertEquals("/q/health/ready", container.getReadinessProbe().getHttpGet().getPath());
        assertEquals("/q/health/started", container.getStartupProbe().getHttpGet().getPath());

        Quantity requested = container.getResources().getRequests().get("cpu");
        Quantity limit = container.getResources().getLimits().get("cpu");
        assertEquals(limit, requested, "CPU request equals limit: Guaranteed QoS");
        assertEquals(0, Quantity.getAmountInBytes(requested).remainder(java.math.BigDecimal.ONE).signum(),
                "whole cores: " + requested);
        assertEquals(container.getResources().getLimits().get("memory"), container.getResources().getRequests().get("memory"));
        assertNotNull(container.getEnvFrom().getFirst().getConfigMapRef(), "limits come from the ConfigMap");
        assertTrue(objects.stream().allMatch(o -> o.getMetadata().getAnnotations() == null
                || o.getMetadata().getAnnotations().keySet().stream().noneMatch(k -> k.contains("timestamp"))),
                "no build timestamps");
    }
}
