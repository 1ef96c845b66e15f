package dev.concurrency.playground.api.experiment;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.concurrency.playground.api.OpenApiFragments;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The export is only useful if JMH tooling can read it, so its shape is checked against a file a real
 * JMH 1.37 run wrote ({@code src/test/resources/jmh/jmh-result.json}: {@code -rf json}, two threads,
 * one fork, three iterations, with {@code -prof gc} and an {@code @AuxCounters} counter as secondary
 * metrics), rather than against the export's own idea of the format.
 */
@QuarkusTest
@Tag("service")
class JmhExportTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Objects whose keys are names chosen by the benchmark rather than fixed by the format. */
    private static final Set<String> NAMED_ENTRIES = Set.of("$.secondaryMetrics");

    @Test
    void everyRunIsExportedInTheShapeJmhWrites() throws IOException {
        JsonNode reference = referenceResult();
        Map<String, Object> request = Map.of(
                "strategies", List.of("atomic", "cas-loop"),
                "threadCounts", List.of(1, 2),
                "incrementsPerThread", 1000,
                "trials", 3);
        String id = given().contentType(ContentType.JSON).header("Prefer", "wait=60").body(request)
                .when().post("/api/experiments")
                .then().statusCode(200).extract().path("id");
        JsonNode experiment = JSON.readTree(given().when().get("/api/experiments/" + id)
                .then().statusCode(200).extract().asString());

        JsonNode export = JSON.readTree(given().when().get("/api/experiments/" + id + "/jmh")
                .then().statusCode(200).contentType(ContentType.JSON).extract().asString());

        assertTrue(export.isArray(), "an array, as JMH writes");
        assertEquals(List.of(), shapeProblems(reference, export));
        List<String> benchmarks = new ArrayList<>();
        for (int i = 0; i < export.size(); i++) {
            JsonNode result = export.get(i);
            JsonNode run = experiment.path("runs").get(i);
            String strategy = run.path("strategy").asText();
            String where = "run " + i + " (" + strategy + " at " + run.path("threads").asInt() + ")";
            benchmarks.add(result.path("benchmark").asText() + "@" + result.path("threads").asInt());
            assertEquals("avgt", result.path("mode").asText(), where);
            assertEquals(run.path("threads").asInt(), result.path("threads").asInt(), where);
            assertEquals(1, result.path("forks").asInt(), where);
            assertEquals(1, result.path("warmupIterations").asInt(), where);
            assertEquals(3, result.path("measurementIterations").asInt(), where);
            assertEquals("1000 increments per thread", result.path("measurementTime").asText(), where);
            assertEquals(experiment.at("/environment/javaVersion").asText(), result.path("jdkVersion").asText(), where);
            assertEquals(experiment.at("/environment/vmVersion").asText(), result.path("vmVersion").asText(), where);
            assertEquals("platform", result.at("/params/threadType").asText(), where);
            assertEquals("1000", result.at("/params/incrementsPerThread").asText(), where);

            JsonNode primary = result.path("primaryMetric");
            assertEquals("ns/op", primary.path("scoreUnit").asText(), where);
            assertEquals(run.at("/summary/nsPerOp/mean").doubleValue(), primary.path("score").doubleValue(), where);
            assertEquals(run.at("/summary/nsPerOp/error").doubleValue(), primary.path("scoreError").doubleValue(), where);
            assertEquals(1, primary.path("rawData").size(), "one fork: " + where);
            assertEquals(3, primary.path("rawData").get(0).size(), "one value per trial: " + where);
            for (int t = 0; t < 3; t++) {
                assertEquals(run.path("trials").get(t).path("nsPerOp").doubleValue(),
                        primary.path("rawData").get(0).get(t).doubleValue(), where);
            }
            assertEquals(min(primary.at("/rawData/0")), primary.at("/scorePercentiles/0.0").doubleValue(), where);
            assertEquals(max(primary.at("/rawData/0")), primary.at("/scorePercentiles/100.0").doubleValue(), where);

            JsonNode lost = result.at("/secondaryMetrics/lostUpdates");
            assertEquals("updates", lost.path("scoreUnit").asText(), where);
            assertEquals(0.0, lost.path("score").doubleValue(), "a thread-safe strategy loses nothing: " + where);
            assertEquals(3, lost.at("/rawData/0").size(), where);
            assertEquals("fraction", result.at("/secondaryMetrics/lostUpdateRate/scoreUnit").asText(), where);
            assertEquals(strategy.equals("cas-loop"), result.path("secondaryMetrics").has("casFailures"), where);
        }
        assertEquals(List.of("dev.concurrency.playground.atomic@1", "dev.concurrency.playground.atomic@2",
                "dev.concurrency.playground.cas-loop@1", "dev.concurrency.playground.cas-loop@2"), benchmarks);
        JsonNode casAtOne = export.get(2).at("/secondaryMetrics/casFailures");
        assertEquals("failures", casAtOne.path("scoreUnit").asText());
        assertEquals(0.0, casAtOne.path("score").doubleValue(), "a lone thread's compare-and-set never fails");
    }

    @Test
    void anUnfinishedExperimentExportsTheRunsItHasCompletedSoFar() throws IOException {
        String id = given().contentType(ContentType.JSON)
                .body("""
                        {"strategies": ["unsynchronized"], "threadCounts": [1, 2], "threadType": "virtual", \
                        "durationMillis": 300, "trials": 1, "warmupTrials": 0}""")
                .when().post("/api/experiments")
                .then().statusCode(202).extract().path("id");

        // Runs only ever get added, so an export read between two reads of the experiment holds at least the
        // runs of the first and at most those of the second (JmhResultTest pins an exact partial export).
        int before = given().when().get("/api/experiments/" + id).then().statusCode(200).extract().path("runs.size()");
        JsonNode early = JSON.readTree(given().when().get("/api/experiments/" + id + "/jmh")
                .then().statusCode(200).extract().asString());
        int after = given().when().get("/api/experiments/" + id).then().statusCode(200).extract().path("runs.size()");
        assertTrue(early.isArray(), early.toString());
        assertTrue(before <= early.size() && early.size() <= after,
                "the runs finished so far: " + before + " <= " + early.size() + " <= " + after);

        awaitCompletion(id);
        JsonNode export = JSON.readTree(given().when().get("/api/experiments/" + id + "/jmh")
                .then().statusCode(200).extract().asString());
        assertEquals(2, export.size());
        for (JsonNode result : export) {
            assertEquals("300 ms", result.path("measurementTime").asText());
            assertEquals("300", result.at("/params/durationMillis").asText());
            assertEquals("virtual", result.at("/params/threadType").asText());
            // One trial has no spread: JMH writes the undefined error as the string "NaN".
            assertEquals("NaN", result.at("/primaryMetric/scoreError").textValue());
            assertEquals("NaN", result.at("/primaryMetric/scoreConfidence/0").textValue());
        }
        assertEquals(List.of(), shapeProblems(referenceResult(), export));
    }

    @Test
    void theDocumentedExampleHasJmhsShape() throws IOException {
        JsonNode example = OpenApiFragments.result("jmh-cas-loop");
        assertTrue(example.size() >= 1, "the example shows a run");
        assertEquals(List.of(), shapeProblems(referenceResult(), example));
    }

    @Test
    void anUnknownExperimentIsAProblem() {
        given().when().get("/api/experiments/no-such-id/jmh").then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404))
                .body("detail", containsString("no-such-id"))
                .body("instance", endsWith("/api/experiments/no-such-id/jmh"));
    }

    @Test
    void theExportIsReadOnly() {
        given().contentType(ContentType.JSON).body("{}").when().post("/api/experiments/some-id/jmh")
                .then().statusCode(405)
                .contentType("application/problem+json")
                .header("Allow", "GET, HEAD, OPTIONS");
    }

    private static void awaitCompletion(String id) {
        for (int attempt = 0; attempt < 600; attempt++) {
            String status = given().when().get("/api/experiments/" + id).then().statusCode(200).extract().path("status");
            if (status.equals("COMPLETED")) {
                return;
            }
            assertTrue(List.of("QUEUED", "RUNNING").contains(status), status);
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("experiment " + id + " did not finish within a minute");
    }

    /** The first benchmark result of the real JMH file. */
    private static JsonNode referenceResult() throws IOException {
        try (InputStream in = JmhExportTest.class.getResourceAsStream("/jmh/jmh-result.json")) {
            JsonNode file = JSON.readTree(in);
            assertTrue(file.isArray() && !file.isEmpty(), "the JMH file holds results");
            return file.get(0);
        }
    }

    /**
     * Where the exported results differ in shape from JMH's: every field JMH writes must be there with the
     * same JSON type, in every element. Secondary metrics are named by the benchmark, so each exported one
     * is compared with JMH's first.
     */
    private static List<String> shapeProblems(JsonNode reference, JsonNode export) {
        List<String> problems = new ArrayList<>();
        JsonNode referenceMetric = reference.path("secondaryMetrics").elements().next();
        for (int i = 0; i < export.size(); i++) {
            JsonNode result = export.get(i);
            compare(reference, result, "$", problems, "[" + i + "]");
            for (Iterator<Map.Entry<String, JsonNode>> it = result.path("secondaryMetrics").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> metric = it.next();
                compare(referenceMetric, metric.getValue(), "$.secondaryMetrics." + metric.getKey(), problems,
                        "[" + i + "]");
            }
        }
        return problems;
    }

    private static void compare(JsonNode expected, JsonNode actual, String path, List<String> problems, String element) {
        if (actual == null || actual.isMissingNode()) {
            problems.add(element + " " + path + " is missing");
            return;
        }
        if (!sameType(expected, actual, path)) {
            problems.add(element + " " + path + " is " + actual.getNodeType() + ", JMH writes " + expected.getNodeType());
            return;
        }
        if (NAMED_ENTRIES.contains(path)) {
            return;
        }
        if (expected.isObject()) {
            for (Iterator<String> names = expected.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                compare(expected.get(name), actual.get(name), path + "." + name, problems, element);
            }
        } else if (expected.isArray() && !expected.isEmpty()) {
            for (int i = 0; i < actual.size(); i++) {
                compare(expected.get(0), actual.get(i), path + "[" + i + "]", problems, element);
            }
        }
    }

    // JMH writes an undefined score or error as the string "NaN" and a defined one as a number, so
    // either may stand where the other is expected.
    private static boolean sameType(JsonNode expected, JsonNode actual, String path) {
        if (expected.getNodeType() == actual.getNodeType()) {
            return true;
        }
        boolean undefinable = path.endsWith(".score") || path.endsWith(".scoreError")
                || path.matches(".*\\.scoreConfidence\\[\\d]");
        return undefinable && numberOrNaN(expected) && numberOrNaN(actual);
    }

    private static boolean numberOrNaN(JsonNode node) {
        return node.isNumber() || (node.isTextual() && node.asText().equals("NaN"));
    }

    private static double min(JsonNode values) {
        double min = Double.POSITIVE_INFINITY;
        for (JsonNode value : values) {
            min = Math.min(min, value.doubleValue());
        }
        return min;
    }

    private static double max(JsonNode values) {
        double max = Double.NEGATIVE_INFINITY;
        for (JsonNode value : values) {
            max = Math.max(max, value.doubleValue());
        }
        return max;
    }
}
