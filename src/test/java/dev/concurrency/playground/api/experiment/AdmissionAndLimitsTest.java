package dev.concurrency.playground.api.experiment;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The bounded queue, configurable limits and the experiment timeout, with small settings to reach them fast. */
@QuarkusTest
@Tag("service")
@TestProfile(AdmissionAndLimitsTest.SmallLimits.class)
class AdmissionAndLimitsTest {

    public static class SmallLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "playground.queue.capacity", "3",
                    "playground.runner.experiment-timeout", "3s",
                    "playground.limits.max-platform-threads", "8",
                    "playground.limits.max-total-increments", "1000000",
                    "playground.limits.max-experiment-wall-time", "30s",
                    "playground.limits.max-runs", "4");
        }
    }

    @Test
    void aFullQueueRefusesWithRetryAfterAndLosesNothingItAccepted() throws Exception {
        // Occupy the runner so that submissions pile up in the queue.
        String blocker = submit("""
                {"strategies": ["atomic"], "threadCounts": [1], "durationMillis": 1500, "trials": 1, "warmupTrials": 0}""")
                .then().statusCode(202).extract().path("id");
        int clients = 24;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<Response>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < clients; i++) {
                Callable<Response> call = () -> submit("""
                        {"strategies": ["atomic"], "threadCounts": [1], "incrementsPerThread": 100, "trials": 1, "warmupTrials": 0}""");
                answers.add(pool.submit(call));
            }
            List<String> accepted = new ArrayList<>(List.of(blocker));
            int refused = 0;
            for (Future<Response> future : answers) {
                Response answer = future.get();
                if (answer.statusCode() == 202) {
                    accepted.add(answer.path("id"));
                } else {
                    refused++;
                    assertEquals(429, answer.statusCode(), answer.asString());
                    assertTrue(answer.contentType().startsWith("application/problem+json"));
                    assertTrue(Integer.parseInt(answer.header("Retry-After")) >= 1, answer.header("Retry-After"));
                    assertEquals("urn:concurrency-playground:problem:queue-full", answer.path("type"));
                }
            }
            assertTrue(refused >= clients - 3, "at most the queue's capacity got in: refused " + refused);
            assertTrue(accepted.size() >= 2, "the queue took some: " + accepted);
            for (String id : accepted) {
                assertEquals("COMPLETED", awaitTerminal(id), id);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anExperimentThatOutlivesTheTimeoutStopsAsTimedOut() {
        String id = submit("""
                {"strategies": ["reentrant-lock"], "threadCounts": [2], "durationMillis": 1000, "trials": 20, "warmupTrials": 0}""")
                .then().statusCode(202).extract().path("id");
        assertEquals("TIMED_OUT", awaitTerminal(id));
        given().when().get("/api/experiments/" + id).then()
                .body("statusReason", containsString("timeout"))
                .body("runs[0].trials.size()", org.hamcrest.Matchers.greaterThanOrEqualTo(1));
    }

    @Test
    void configuredLimitsAreEnforcedAndNamed() {
        submit("""
                {"strategies": ["atomic"], "threadCounts": [9]}""")
                .then().statusCode(400)
                .body("violations.field", hasItem("threadCounts[0]"))
                .body("violations.message", hasItem(containsString("playground.limits.max-platform-threads")));
        submit("""
                {"strategies": ["atomic", "long-adder"], "threadCounts": [4], "incrementsPerThread": 100000}""")
                .then().statusCode(400)
                .body("violations.field", hasItem("incrementsPerThread"))
                .body("violations.message", hasItem(containsString("playground.limits.max-total-increments")));
        submit("""
                {"strategies": ["atomic"], "threadCounts": [1, 2], "durationMillis": 5000, "trials": 3}""")
                .then().statusCode(400)
                .body("violations.field", hasItem("durationMillis"))
                .body("violations.message", hasItem(containsString("playground.limits.max-experiment-wall-time")));
        // Two strategies at three thread counts: six runs, two more than the profile allows.
        submit("""
                {"strategies": ["atomic", "long-adder"], "threadCounts": [1, 2, 3], "incrementsPerThread": 10}""")
                .then().statusCode(400)
                .body("violations.field", hasItem("threadCounts"))
                .body("violations.message", hasItem(containsString(
                        "makes 6 runs, more than the 4 an experiment may have (playground.limits.max-runs)")));
        given().when().get("/api/limits").then().statusCode(200)
                .body("maxRuns", equalTo(4))
                .body("maxPlatformThreads", equalTo(8))
                .body("queueCapacity", equalTo(3))
                .body("experimentTimeoutSeconds", equalTo(3));
    }

    private static Response submit(String body) {
        return given().contentType(ContentType.JSON).body(body).when().post("/api/experiments");
    }

    private static String awaitTerminal(String id) {
        for (int i = 0; i < 600; i++) {
            String status = given().when().get("/api/experiments/" + id).path("status");
            if (!List.of("QUEUED", "RUNNING").contains(status)) {
                return status;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError(id + " did not finish within a minute");
    }
}
