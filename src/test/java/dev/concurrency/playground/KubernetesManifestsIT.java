package dev.concurrency.playground;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.file.Files;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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

    @Test
    void aFleetOfTwoReplicasSharesTheDatabaseOfTheManifests() throws Exception {
        List<HasMetadata> objects = new KubernetesSerialization().unmarshal(Files.newInputStream(COMMITTED));
        Deployment deployment = only(objects, Deployment.class);
        assertEquals(2, deployment.getSpec().getReplicas(), "a fleet of two instances");
        Container container = deployment.getSpec().getTemplate().getSpec().getContainers().getFirst();

        String secret = "concurrency-playground-db";
        assertNotNull(named(objects, Secret.class, secret), "the Secret of the database's credentials");
        for (String variable : List.of("QUARKUS_DATASOURCE_POSTGRESQL_USERNAME", "QUARKUS_DATASOURCE_POSTGRESQL_PASSWORD")) {
            assertTrue(fromSecret(container, variable, secret), variable + " comes from the Secret " + secret);
        }

        ConfigMap configMap = only(objects, ConfigMap.class);
        assertTrue(container.getEnvFrom().stream().map(EnvFromSource::getConfigMapRef).filter(Objects::nonNull)
                .anyMatch(ref -> ref.getName().equals(configMap.getMetadata().getName())), "the container reads the ConfigMap");
        Map<String, String> settings = configMap.getData();
        assertEquals("postgresql", settings.get("PLAYGROUND_STORE_KIND"));
        String url = settings.get("QUARKUS_DATASOURCE_POSTGRESQL_JDBC_URL");
        assertNotNull(url, "the ConfigMap names the database");
        assertTrue(url.startsWith("jdbc:postgresql://"), url);
        URI address = URI.create(url.substring("jdbc:".length()));

        Service database = named(objects, Service.class, address.getHost());
        assertNotNull(database, "the JDBC URL's host is a Service of the manifests: " + url);
        int port = address.getPort() == -1 ? 5432 : address.getPort();
        assertTrue(database.getSpec().getPorts().stream().map(ServicePort::getPort).anyMatch(p -> p == port),
                "the Service listens on the URL's port " + port);

        StatefulSet postgresql = only(objects, StatefulSet.class);
        assertEquals(database.getMetadata().getName(), postgresql.getSpec().getServiceName());
        assertTrue(postgresql.getSpec().getTemplate().getMetadata().getLabels().entrySet()
                .containsAll(database.getSpec().getSelector().entrySet()), "the Service selects the database's pods");
        Container db = postgresql.getSpec().getTemplate().getSpec().getContainers().getFirst();
        assertTrue(fromSecret(db, "POSTGRES_PASSWORD", secret), "the database's password comes from the same Secret");
        assertTrue(fromSecret(db, "POSTGRES_USER", secret), "the database's user comes from the same Secret");
        assertEquals(address.getPath().substring(1), db.getEnv().stream().filter(e -> e.getName().equals("POSTGRES_DB"))
                .map(EnvVar::getValue).findFirst().orElse(null), "the database the URL names is the one created");
        assertNotNull(db.getReadinessProbe(), "the database's pod is ready once it accepts connections");
        assertEquals(1, postgresql.getSpec().getVolumeClaimTemplates().size(), "its data on a volume");
    }

    /** Whether the variable takes its value from a key of the Secret, or from the whole Secret. */
    private static boolean fromSecret(Container container, String variable, String secret) {
        Optional<EnvVar> own = container.getEnv().stream().filter(e -> e.getName().equals(variable)).findFirst();
        if (own.isPresent()) {
            SecretKeySelector key = own.get().getValueFrom() == null ? null : own.get().getValueFrom().getSecretKeyRef();
            return key != null && key.getName().equals(secret);
        }
        return container.getEnvFrom().stream().anyMatch(from -> from.getSecretRef() != null
                && from.getSecretRef().getName().equals(secret));
    }

    private static <T extends HasMetadata> T only(List<HasMetadata> objects, Class<T> kind) {
        List<T> found = objects.stream().filter(kind::isInstance).map(kind::cast).toList();
        assertEquals(1, found.size(), "one " + kind.getSimpleName());
        return found.getFirst();
    }

    private static <T extends HasMetadata> T named(List<HasMetadata> objects, Class<T> kind, String name) {
        return objects.stream().filter(kind::isInstance).map(kind::cast)
                .filter(o -> o.getMetadata().getName().equals(name)).findFirst().orElse(null);
    }
}
