package dev.concurrency.playground;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two packaged instances sharing one PostgreSQL (the machine's, in a schema of this test's own): one
 * queue, each experiment run exactly once by one of them; any instance answers about, cancels and
 * follows an experiment the other runs; a killed instance's experiment is marked FAILED by the other
 * within the heartbeat bound.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FleetIT {

    static final String POSTGRES = "jdbc:postgresql://127.0.0.1:5432/test";
    static final String USER = "postgres";
    /** Shorter than the defaults, so the death of an instance is noticed within seconds. */
    private static final Duration HEARTBEAT = Duration.ofSeconds(1);
    private static final Duration INSTANCE_TIMEOUT = Duration.ofSeconds(4);

    private static final String SCHEMA = "fleet_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private static PackagedInstance a;
    private static PackagedInstance b;

    /** Long enough to be caught running and cancelled: eight runs of two 500 ms trials. */
    private static final String LONG = """
            {"name":"long","strategies":["atomic","volatile"],"threadCounts":[1,2,3,4],"durationMillis":500,
             "trials":2,"warmupTrials":0}""";

    @BeforeAll
    static void startTwoInstancesOnOneDatabase() throws Exception {
        try (Connection connection = DriverManager.getConnection(POSTGRES, USER, "");
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + SCHEMA);
        } catch (SQLException e) {
            fail("The fleet test needs PostgreSQL on 127.0.0.1:5432 (database test, user postgres, trust auth): "
                    + e.getMessage() + ". Start it with: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start");
        }
        Map<String, String> settings = new HashMap<>();
        settings.put("playground.store.kind", "postgresql");
        settings.put("quarkus.datasource.postgresql.jdbc.url", POSTGRES + "?currentSchema=" + SCHEMA);
        settings.put("quarkus.datasource.postgresql.username", USER);
        settings.put("playground.fleet.heartbeat-interval", HEARTBEAT.toMillis() + "ms");
        settings.put("playground.fleet.instance-timeout", INSTANCE_TIMEOUT.toMillis() + "ms");
        CompletableFuture<PackagedInstance> first = CompletableFuture.supplyAsync(() -> start("a", settings));
        b = start("b", settings);
        a = first.join();
    }

    private static PackagedInstance start(String name, Map<String, String> settings) {
        try {
            return PackagedInstance.start(name, settings);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void stopAndDropTheSchema() throws Exception {
        for (PackagedInstance instance : new PackagedInstance[] {a, b}) {
            if (instance != null) {
                instance.close();
            }
        }
        try (Connection connection = DriverManager.getConnection(POSTGRES, USER, "");
                Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
        }
    }

    private static String instanceOf(JsonNode experiment) {
        return experiment.path("environment").path("instanceId").asText();
    }

    @Test
    @Order(1)
    void twentyExperimentsSubmittedToOneInstanceRunExactlyOnceEachOnBoth() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ids.add(a.submit("""
                    {"name":"fleet-%d","strategies":["atomic"],"threadCounts":[1],"durationMillis":200,
                     "trials":1,"warmupTrials":0}""".formatted(i), 0).get("id").asText());
        }
        Set<String> instances = new HashSet<>();
        for (String id : ids) {
            JsonNode done = b.await(id, e -> e.get("status").asText().equals("COMPLETED"), Duration.ofSeconds(120),
                    "COMPLETED");
            assertEquals(1, done.get("runs").size(), "one run, stored once: " + done);
            assertEquals(1, done.get("runs").get(0).get("trials").size(), "one trial, measured once: " + done);
            instances.add(instanceOf(done));
        }
        assertEquals(2, instances.size(), "both instances took experiments from the one queue: " + instances);
        JsonNode listed = PackagedInstance.JSON.readTree(b.get("/api/experiments?limit=100&name=fleet-").body());
        assertEquals(20, listed.get("items").size(), "each experiment is stored once: " + listed);
    }

    @Test
    @Order(2)
    void anInstanceFollowsAnExperimentTheOtherRunsToItsEnd() throws Exception {
        JsonNode submitted = a.submit("""
                {"name":"followed","strategies":["atomic"],"threadCounts":[1,2],"durationMillis":300,
                 "trials":1,"warmupTrials":0}""", 0);
        String id = submitted.get("id").asText();
        JsonNode running = a.await(id, e -> !e.get("status").asText().equals("QUEUED"), Duration.ofSeconds(60), "started");
        PackagedInstance runner = instanceOf(running).equals(instanceIdOf(a)) ? a : b;
        PackagedInstance other = runner == a ? b : a;
        List<String> events = follow(other, id, Duration.ofSeconds(60));
        assertTrue(events.contains("event:end"), "the stream on the other instance ends with end: " + events);
        assertTrue(events.stream().anyMatch(line -> line.startsWith("data:") && line.contains("\"COMPLETED\"")),
                "its end carries the completed experiment: " + events);
    }

    private static String instanceIdOf(PackagedInstance instance) throws Exception {
        JsonNode ready = PackagedInstance.JSON.readTree(instance.get("/q/health/ready").body());
        for (JsonNode check : ready.get("checks")) {
            if (check.path("data").has("instance")) {
                return check.get("data").get("instance").asText();
            }
        }
        return fail("readiness names the instance: " + ready);
    }

    /** The lines of an event stream until it ends (or {@code max} passes). */
    private static List<String> follow(PackagedInstance instance, String id, Duration max) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<java.io.InputStream> response = client.send(HttpRequest.newBuilder(
                URI.create(instance.base() + "/api/experiments/" + id + "/events")).timeout(max).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());
        List<String> lines = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                lines.add(line.replace(": ", ":"));
            }
        }
        return lines;
    }

    @Test
    @Order(3)
    void aDeleteOnOneInstanceCancelsTheExperimentRunningOnTheOtherWithinTwoSeconds() throws Exception {
        String id = a.submit(LONG, 0).get("id").asText();
        JsonNode running = a.await(id, e -> e.get("status").asText().equals("RUNNING"), Duration.ofSeconds(60), "RUNNING");
        PackagedInstance runner = instanceOf(running).equals(instanceIdOf(a)) ? a : b;
        PackagedInstance other = runner == a ? b : a;
        long asked = System.nanoTime();
        HttpResponse<String> delete = other.delete("/api/experiments/" + id);
        assertTrue(delete.statusCode() == 200 || delete.statusCode() == 202, delete.statusCode() + " " + delete.body());
        JsonNode cancelled = other.await(id, e -> e.get("status").asText().equals("CANCELLED"), Duration.ofSeconds(10),
                "CANCELLED");
        long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - asked);
        assertTrue(took <= 2000, "cancelled on the other instance within 2 s, took " + took + " ms");
        assertEquals("cancelled by request", cancelled.get("statusReason").asText());
    }

    @Test
    @Order(4)
    void theExperimentOfAKilledInstanceIsMarkedFailedByTheOtherWithinTheHeartbeatBound() throws Exception {
        String id = a.submit(LONG, 0).get("id").asText();
        JsonNode running = a.await(id, e -> e.get("status").asText().equals("RUNNING"), Duration.ofSeconds(60), "RUNNING");
        PackagedInstance victim = instanceOf(running).equals(instanceIdOf(a)) ? a : b;
        PackagedInstance survivor = victim == a ? b : a;
        victim.kill();
        long killed = System.nanoTime();
        Duration bound = INSTANCE_TIMEOUT.plus(HEARTBEAT.multipliedBy(2)).plusSeconds(2);
        JsonNode failed = survivor.await(id, e -> e.get("status").asText().equals("FAILED"), bound.plusSeconds(10),
                "FAILED");
        long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed);
        assertTrue(took <= bound.toMillis(), "marked FAILED within " + bound + ", took " + took + " ms");
        assertTrue(failed.get("statusReason").asText().startsWith("the instance running it stopped"), failed.toString());
        assertEquals("COMPLETED", survivor.submit("""
                {"strategies":["atomic"],"threadCounts":[1],"incrementsPerThread":1000,"trials":1,"warmupTrials":0}""", 60)
                .get("status").asText(), "the survivor carries on alone");
    }
}
