package dev.concurrency.playground.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The problem (error) examples of the API description are written by hand (META-INF/openapi.yaml), so
 * each is checked against the answer the service really gives: the example's request is made, and the
 * answer must have the example's status, {@code type}, {@code title}, {@code instance} and violated
 * fields. (The detail is not compared: it names figures, such as sizes and waits, that differ between
 * answers.) A problem example that this test cannot provoke fails it too.
 *
 * <p>An API key and a queue of one make 401 and 429 reachable; the shutdown comes last, as it ends this
 * profile's service.
 */
@QuarkusTest
@Tag("service")
@TestProfile(OpenApiProblemExamplesTest.KeyAndShortQueue.class)
class OpenApiProblemExamplesTest {

    private static final String KEY = "examples-key";
    private static final String EXPERIMENT = "/api/experiments/3f1c9a52-7d4e-4b8a-9c61-2e5f0a7b8d13";
    private static final String SMALL = """
            {"strategies": ["atomic"], "threadCounts": [1], "incrementsPerThread": 10, "trials": 1, "warmupTrials": 0}""";
    /** Busy for a minute unless cancelled. */
    private static final String BLOCKER = """
            {"strategies": ["fair-lock"], "threadCounts": [2], "durationMillis": 1000, "trials": 60, "warmupTrials": 0}""";

    public static class KeyAndShortQueue implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("playground.security.api-key", KEY, "playground.queue.capacity", "1");
        }
    }

    @Inject
    Event<ShutdownDelayInitiatedEvent> shutdown;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void everyDocumentedProblemIsWhatTheServiceSends() throws Exception {
        Map<String, JsonNode> documented = documentedProblems();
        Map<String, Supplier<Response>> provoke = new LinkedHashMap<>();
        provoke.put("problem-invalid-request", () -> withKey().contentType(ContentType.JSON).body("""
                {"strategies": ["atomic", "nope"], "threadCounts": [300], "incrementsPerThread": 1000,
                 "durationMillis": 100}""").post("/api/experiments"));
        provoke.put("problem-malformed-body", () -> withKey().contentType(ContentType.JSON).body("{\"strategies\": [")
                .post("/api/experiments"));
        provoke.put("problem-invalid-limit", () -> given().queryParam("limit", 0).get("/api/experiments"));
        provoke.put("problem-invalid-list-filters", () -> given().queryParam("strategy", "atomics")
                .queryParam("submittedAfter", "2025-06-01").get("/api/experiments"));
        // The documented example cursor is the unfiltered listing's: with a filter it is another listing's.
        provoke.put("problem-invalid-cursor", () -> given().queryParam("status", "completed").queryParam("cursor",
                "MXwxNzQ4Nzc5MjAwfDB8MDIxYjNiOGEwOWI1NjJmM3wzZjFjOWE1Mi03ZDRlLTRiOGEtOWM2MS0yZTVmMGE3YjhkMTM")
                .get("/api/experiments"));
        provoke.put("problem-unauthorized", () -> given().contentType(ContentType.JSON).body(SMALL).post("/api/experiments"));
        provoke.put("problem-unknown-experiment", () -> given().get(EXPERIMENT));
        provoke.put("problem-unknown-experiment-to-follow", () -> given().get(EXPERIMENT + "/events"));
        provoke.put("problem-unknown-experiment-to-export", () -> given().get(EXPERIMENT + "/jmh"));
        provoke.put("problem-unknown-strategy", () -> given().get("/api/strategies/nope"));
        provoke.put("problem-experiment-not-acceptable", () -> given().accept("application/xml").get(EXPERIMENT));
        provoke.put("problem-table-not-acceptable", () -> given().accept("application/xml").get("/api/experiments"));
        provoke.put("problem-runs-not-acceptable", () -> given().accept("application/xml").get(EXPERIMENT + "/runs"));
        provoke.put("problem-body-too-large", () -> withKey().contentType(ContentType.JSON)
                .body("{\"name\": \"" + "x".repeat(70_000) + "\", \"strategies\": [\"atomic\"], \"threadCounts\": [1]}")
                .post("/api/experiments"));
        provoke.put("problem-unsupported-media-type", () -> withKey().contentType(ContentType.TEXT).body("x")
                .post("/api/experiments"));
        provoke.put("problem-invalid-idempotency-key", () -> withKey().contentType(ContentType.JSON)
                .header("Idempotency-Key", "two words").body(SMALL).post("/api/experiments"));
        provoke.put("problem-idempotency-key-reused", () -> {
            String key = "\"8e03978e-40d5-43e8-bc93-6894a57f9324\"";
            withKey().contentType(ContentType.JSON).header("Idempotency-Key", key).header("Prefer", "wait=60")
                    .body(SMALL).post("/api/experiments").then().statusCode(200);
            return withKey().contentType(ContentType.JSON).header("Idempotency-Key", key)
                    .body(SMALL.replace("\"incrementsPerThread\": 10", "\"incrementsPerThread\": 11"))
                    .post("/api/experiments");
        });
        provoke.put("problem-idempotent-experiment-gone", () -> {
            String key = "\"gone-8e03978e\"";
            String id = withKey().contentType(ContentType.JSON).header("Idempotency-Key", key).header("Prefer", "wait=60")
                    .body(SMALL).post("/api/experiments").then().statusCode(200).extract().path("id");
            withKey().delete("/api/experiments/" + id).then().statusCode(204);
            return withKey().contentType(ContentType.JSON).header("Idempotency-Key", key).body(SMALL)
                    .post("/api/experiments");
        });
        provoke.put("problem-invalid-comparison", () -> given().queryParam("baseline", "3f1c9a52-7d4e-4b8a-9c61-2e5f0a7b8d13")
                .get("/api/comparisons"));
        provoke.put("problem-unknown-compared-experiment", () -> given()
                .queryParam("baseline", "3f1c9a52-7d4e-4b8a-9c61-2e5f0a7b8d13")
                .queryParam("candidate", "9b2e4d71-0c3a-4f5e-8d6b-1a7c3e9f2b40").get("/api/comparisons"));
        provoke.put("problem-compared-experiment-not-finished", () -> {
            // Busy for a minute: queued or running, it is not finished while it is compared.
            String id = withKey().contentType(ContentType.JSON).body(BLOCKER).post("/api/experiments")
                    .then().statusCode(202).extract().path("id");
            try {
                return given().queryParam("baseline", id).queryParam("candidate", id).get("/api/comparisons");
            } finally {
                withKey().delete("/api/experiments/" + id);
            }
        });
        provoke.put("problem-comparison-not-acceptable", () -> given().accept("application/xml")
                .queryParam("baseline", "3f1c9a52-7d4e-4b8a-9c61-2e5f0a7b8d13")
                .queryParam("candidate", "9b2e4d71-0c3a-4f5e-8d6b-1a7c3e9f2b40").get("/api/comparisons"));
        provoke.put("problem-invalid-chart", () -> given().queryParam("width", "99999").queryParam("theme", "pink")
                .get(EXPERIMENT + "/charts/cost.svg"));
        provoke.put("problem-unknown-charted-experiment", () -> given().get(EXPERIMENT + "/charts/cost.svg"));
        provoke.put("problem-chart-not-acceptable", () -> given().accept("application/json")
                .get(EXPERIMENT + "/charts/cost.svg"));
        provoke.put("problem-invalid-comparison-chart", () -> given().queryParam("scale", "log")
                .queryParam("baseline", "3f1c9a52-7d4e-4b8a-9c61-2e5f0a7b8d13")
                .queryParam("candidate", "9b2e4d71-0c3a-4f5e-8d6b-1a7c3e9f2b40").get("/api/comparisons/chart.svg"));
        provoke.put("problem-queue-full", this::fillTheQueue);
        // Last: the service takes no experiment after this.
        provoke.put("problem-shutting-down", () -> {
            shutdown.fire(new ShutdownDelayInitiatedEvent());
            return withKey().contentType(ContentType.JSON).body(SMALL).post("/api/experiments");
        });

        // A database that is down needs a service of its own: StoreDownTest provokes and checks that one.
        documented.remove(StoreDownTest.EXAMPLE);
        assertEquals(new TreeMap<>(documented).keySet(), new TreeMap<>(provoke).keySet(),
                "every documented problem example, and only those, is provoked here");
        List<String> mismatches = new ArrayList<>();
        for (Map.Entry<String, Supplier<Response>> example : provoke.entrySet()) {
            JsonNode expected = documented.get(example.getKey());
            Response response = example.getValue().get();
            JsonNode actual = json.readTree(response.asString());
            if (response.statusCode() != expected.path("status").asInt()
                    || !response.contentType().startsWith("application/problem+json")) {
                mismatches.add(example.getKey() + ": " + response.statusCode() + " " + response.contentType());
            }
            for (String field : List.of("status", "type", "title", "instance")) {
                if (!expected.path(field).equals(actual.path(field))) {
                    mismatches.add(example.getKey() + ": " + field + " is " + actual.path(field)
                            + ", documented " + expected.path(field));
                }
            }
            List<String> fields = new ArrayList<>();
            actual.path("violations").forEach(violation -> fields.add(violation.path("field").asText()));
            List<String> documentedFields = new ArrayList<>();
            expected.path("violations").forEach(violation -> documentedFields.add(violation.path("field").asText()));
            if (!fields.equals(documentedFields)) {
                mismatches.add(example.getKey() + ": violations name " + fields + ", documented " + documentedFields);
            }
        }
        assertEquals(List.of(), mismatches);
    }

    /** Example name to value, for each example of an {@code application/problem+json} response. */
    private Map<String, JsonNode> documentedProblems() throws Exception {
        JsonNode document = json.readTree(Files.readString(Path.of("openapi/openapi.json")));
        List<JsonNode> responses = new ArrayList<>();
        document.path("components").path("responses").forEach(responses::add);
        document.path("paths").forEach(path -> path.forEach(operation -> operation.path("responses")
                .forEach(response -> responses.add(response))));
        Map<String, JsonNode> problems = new TreeMap<>();
        for (JsonNode response : responses) {
            for (Iterator<Map.Entry<String, JsonNode>> examples = response.path("content")
                    .path("application/problem+json").path("examples").fields(); examples.hasNext(); ) {
                JsonNode example = examples.next().getValue();
                String ref = example.path("$ref").asText();
                assertTrue(ref.startsWith("#/components/examples/"),
                        "problem examples are shared components, so they are checked once: " + example);
                String name = ref.substring("#/components/examples/".length());
                problems.put(name, document.path("components").path("examples").path(name).path("value"));
            }
        }
        assertTrue(problems.size() >= 10, "found the problem examples: " + problems.keySet());
        return problems;
    }

    /** Occupies the runner and the queue's one place, then asks for more; cancels what it queued. */
    private Response fillTheQueue() {
        List<String> accepted = new ArrayList<>();
        try {
            for (String body : List.of(BLOCKER, SMALL, SMALL)) {
                Response response = withKey().contentType(ContentType.JSON).body(body).post("/api/experiments");
                if (response.statusCode() != 202) {
                    return response;
                }
                accepted.add(response.path("id"));
            }
            throw new AssertionError("a queue of one took " + accepted);
        } finally {
            accepted.forEach(id -> withKey().delete("/api/experiments/" + id));
        }
    }

    private static RequestSpecification withKey() {
        return given().header("Authorization", "Bearer " + KEY);
    }
}
