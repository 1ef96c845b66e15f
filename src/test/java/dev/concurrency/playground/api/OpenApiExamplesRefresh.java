package dev.concurrency.playground.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Rewrites {@code src/main/resources/openapi-examples/results.yaml}, the API description's examples of
 * real results, from this service's real answers: it boots the application, submits the experiments the
 * examples show and records what each operation returns. Run it, then rebuild the description:
 *
 * <pre>
 * ./mvnw test -Dtest=OpenApiExamplesRefresh -Dexamples.refresh=true
 * ./mvnw package -DskipTests
 * </pre>
 *
 * <p>The name does not end in {@code Test}, so the suite never runs it, and it does nothing without
 * {@code -Dexamples.refresh=true}: its figures are measurements, different on every run, so only a
 * deliberate refresh should change the committed examples. The examples are written in a fixed order,
 * as the service sent them (only the layout changes: JSON as YAML, text as literal blocks, CSV one row
 * per line), and the file is read back to make sure it holds exactly those answers.
 */
@QuarkusTest
@Tag("service")
@EnabledIfSystemProperty(named = "examples.refresh", matches = "true")
class OpenApiExamplesRefresh {

    private static final Path TARGET = Path.of("src/main/resources", OpenApiFragments.RESULTS);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Two strategies, one racy: a verdict of each kind, and cas-loop's extra column. */
    private static final String RACE = """
            {"name": "catch the race", "strategies": ["unsynchronized", "cas-loop"], "threadCounts": [2],
             "durationMillis": 100, "trials": 3, "warmupTrials": 1}""";
    /** Fixed-work mode, the other kind of trial the JMH export describes. */
    private static final String JMH = """
            {"name": "cas-loop for JMH", "strategies": ["cas-loop"], "threadCounts": [2],
             "incrementsPerThread": 1000000, "trials": 3, "warmupTrials": 1}""";
    /** A racy run explained: the extra recorded trial and its reconstruction. */
    private static final String EXPLAINED = """
            {"name": "why updates are lost", "strategies": ["unsynchronized"], "threadCounts": [2],
             "incrementsPerThread": 200000, "trials": 3, "warmupTrials": 1, "explain": true}""";
    /** Short, so that its event stream is short. */
    private static final String FOLLOWED = """
            {"name": "followed", "strategies": ["atomic"], "threadCounts": [2], "durationMillis": 50,
             "trials": 2, "warmupTrials": 0}""";
    /** Keeps the runner busy (ten seconds) while the queued and running examples are taken, then is cancelled. */
    private static final String LONG = """
            {"name": "long", "strategies": ["fair-lock"], "threadCounts": [2], "durationMillis": 500,
             "trials": 20, "warmupTrials": 0}""";

    /** Example name to where it came from (a YAML comment) and what it is. */
    private final Map<String, Example> examples = new LinkedHashMap<>();

    private record Example(String source, JsonNode value) {
    }

    @Test
    void rewriteTheExamplesOfRealResults() throws Exception {
        take("strategy-list", "GET /api/strategies", json(given().get("/api/strategies")));
        take("strategy-atomic", "GET /api/strategies/atomic", json(given().get("/api/strategies/atomic")));
        take("limits", "GET /api/limits (this build's defaults)", json(given().get("/api/limits")));

        String race = finished(RACE);
        String at = "GET /api/experiments/{id} of POST /api/experiments " + oneLine(RACE);
        take("experiment-completed", at, json(given().get("/api/experiments/" + race)));
        take("experiment-completed-csv", at + ", Accept: text/csv",
                text(given().accept("text/csv").get("/api/experiments/" + race)));
        take("experiment-completed-text", at + ", Accept: text/plain",
                text(given().accept("text/plain").get("/api/experiments/" + race)));
        take("runs-completed", "GET /api/experiments/{id}/runs of the same experiment",
                json(given().get("/api/experiments/" + race + "/runs")));
        take("runs-completed-csv", "GET /api/experiments/{id}/runs of the same experiment, Accept: text/csv",
                text(given().accept("text/csv").get("/api/experiments/" + race + "/runs")));

        String explained = finished(EXPLAINED);
        String explainedAt = "GET /api/experiments/{id} of POST /api/experiments " + oneLine(EXPLAINED);
        take("experiment-explained", explainedAt, json(given().get("/api/experiments/" + explained)));
        take("experiment-explained-text", explainedAt + ", Accept: text/plain",
                text(given().accept("text/plain").get("/api/experiments/" + explained)));

        String jmh = finished(JMH);
        take("jmh-cas-loop", "GET /api/experiments/{id}/jmh of POST /api/experiments " + oneLine(JMH),
                json(given().get("/api/experiments/" + jmh + "/jmh")));

        String followed = finished(FOLLOWED);
        take("event-stream", "GET /api/experiments/{id}/events of POST /api/experiments " + oneLine(FOLLOWED)
                        + ", once it had finished",
                text(given().get("/api/experiments/" + followed + "/events")));

        // The runner takes one experiment at a time: while LONG runs, the documented sweep waits in the queue.
        String running = given().contentType(ContentType.JSON).body(LONG).post("/api/experiments")
                .then().statusCode(202).extract().path("id");
        awaitStatus(running, "RUNNING");
        JsonNode sweep = OpenApiFragments.value(OpenApiFragments.HAND_WRITTEN, "request-sweep");
        Response queued = given().contentType(ContentType.JSON).body(sweep.toString()).post("/api/experiments");
        take("experiment-queued", "POST /api/experiments with the documented sweep request, while another ran",
                json(queued, 202));
        take("experiment-list", "GET /api/experiments at that moment (newest first)", json(given().get("/api/experiments")));
        take("experiment-list-csv", "GET /api/experiments at that moment, Accept: text/csv",
                text(given().accept("text/csv").get("/api/experiments")));
        given().delete("/api/experiments/" + queued.path("id")).then().statusCode(200);

        Thread.sleep(Duration.ofMillis(1_600)); // a few of LONG's half-second trials
        take("experiment-cancelled", "DELETE /api/experiments/{id} of POST /api/experiments " + oneLine(LONG)
                        + ", 1.6 s after it started",
                json(given().delete("/api/experiments/" + running), 200));

        String yaml = OpenApiExamplesYaml.document(header(), examples.entrySet().stream()
                .map(e -> new OpenApiExamplesYaml.Example(e.getKey(), e.getValue().source(), e.getValue().value()))
                .toList());
        Files.writeString(TARGET, yaml, StandardCharsets.UTF_8);

        // The layout is this class's own: make sure the file says exactly what the service said.
        JsonNode written = OpenApiFragments.readFile(TARGET).path("components").path("examples");
        for (Map.Entry<String, Example> example : examples.entrySet()) {
            assertEquals(example.getValue().value(), written.path(example.getKey()).path("value"),
                    example.getKey() + " does not read back as it was answered");
        }
        assertEquals(examples.size(), written.size(), "the file holds the examples written, and only those");
    }

    private void take(String name, String source, JsonNode value) throws Exception {
        examples.put(name, new Example(source, withoutTestJvmArguments(value)));
    }

    /**
     * The one edit: the service under test runs in the test JVM, whose arguments are Quarkus's test
     * set-up (module openings, a path into this checkout's target/), not a deployed service's. They are
     * left out, as an empty list, so that the examples neither mislead nor change with the checkout.
     */
    private static JsonNode withoutTestJvmArguments(JsonNode value) throws Exception {
        if (value.isTextual() && value.asText().contains("\ndata:")) {
            // An event stream: each data line is an experiment in JSON, written as the service writes it.
            StringBuilder stream = new StringBuilder();
            for (String line : value.asText().split("\n", -1)) {
                if (line.startsWith("data:")) {
                    JsonNode data = JSON.readTree(line.substring("data:".length()));
                    assertEquals(line, "data:" + JSON.writeValueAsString(data), "re-written as the service wrote it");
                    line = "data:" + JSON.writeValueAsString(withoutTestJvmArguments(data));
                }
                stream.append(stream.isEmpty() ? "" : "\n").append(line);
            }
            return TextNode.valueOf(stream.toString());
        }
        if (value.isContainerNode()) {
            JsonNode copy = value.deepCopy();
            strip(copy);
            return copy;
        }
        return value;
    }

    private static void strip(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (String field : List.of("jvmArguments", "jvmArgs")) {
                if (object.path(field).isArray()) {
                    object.putArray(field);
                }
            }
        }
        node.forEach(OpenApiExamplesRefresh::strip);
    }

    private static String header() {
        return """
                # Examples of real results for the API description: SmallRye OpenAPI merges this file into it
                # (quarkus.smallrye-openapi.additional-docs-directory), and the annotations refer to each
                # example by name. Written by OpenApiExamplesRefresh from a running service's answers, so do
                # not edit it by hand; regenerate it, then the description, with
                #   ./mvnw test -Dtest=OpenApiExamplesRefresh -Dexamples.refresh=true
                #   ./mvnw package -DskipTests
                # The comment above each example says which request it answers. The JVM arguments
                # (environment.jvmArguments, jvmArgs) are left out: they are the test JVM's.
                """;
    }

    /** Submits an experiment and waits for it to finish; its id. */
    private static String finished(String request) {
        return given().contentType(ContentType.JSON).header("Prefer", "wait=120").body(request)
                .post("/api/experiments").then().statusCode(200).extract().path("id");
    }

    private static void awaitStatus(String id, String status) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!status.equals(given().get("/api/experiments/" + id).path("status"))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(id + " never reached " + status);
            }
            Thread.sleep(20);
        }
    }

    private static JsonNode json(Response response) throws Exception {
        return json(response, 200);
    }

    private static JsonNode json(Response response, int status) throws Exception {
        assertEquals(status, response.statusCode(), response.asString());
        return JSON.readTree(response.asString());
    }

    private static JsonNode text(Response response) {
        assertEquals(200, response.statusCode(), response.asString());
        // The bytes as UTF-8, whatever charset the media type implies (text/event-stream names none).
        return TextNode.valueOf(new String(response.asByteArray(), StandardCharsets.UTF_8));
    }

    private static String oneLine(String json) {
        return json.replaceAll("\\s*\n\\s*", " ");
    }
}
