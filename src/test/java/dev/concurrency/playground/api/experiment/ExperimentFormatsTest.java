package dev.concurrency.playground.api.experiment;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** GET /api/experiments/{id} as JSON, CSV and a plain-text table, chosen by Accept. */
@QuarkusTest
@Tag("service")
class ExperimentFormatsTest {

    private static final List<String> COLUMNS = List.of("experimentId", "experimentName", "strategy", "threads",
            "threadType", "workInside", "workOutside", "readRatio", "blockInsideMicros", "blockOutsideMicros", "trial", "expectedCount", "actualCount", "lostUpdates", "durationNanos", "nsPerOp",
            "opsPerSecond", "overlap", "minThreadNanos", "maxThreadNanos", "parallelism", "casFailures",
            "minThreadShare", "maxThreadShare", "fairness", "handOffNsPerOp", "drainNanos", "handOffLatencySamples",
            "handOffLatencyP50Nanos", "handOffLatencyP99Nanos", "handOffLatencyMaxNanos", "reads", "writes", "nsPerRead",
            "nsPerWrite", "readsPerSecond", "writesPerSecond", "readRetries");

    @TestHTTPResource("/")
    URI root;

    private String id;

    @BeforeEach
    void finishedExperiment() {
        id = given().contentType(ContentType.JSON).header("Prefer", "wait=60")
                .body("""
                        {"name": "formats", "strategies": ["atomic", "cas-loop"], "threadCounts": [1, 2], \
                        "incrementsPerThread": 1000, "trials": 2}""")
                .when().post("/api/experiments")
                .then().statusCode(200).body("status", equalTo("COMPLETED"))
                .extract().path("id");
    }

    @Test
    void csvHasAHeaderAndOneRowPerTrial() {
        Response response = given().accept("text/csv").when().get("/api/experiments/" + id)
                .then().statusCode(200)
                .contentType("text/csv")
                .header("Content-Type", containsString("charset=UTF-8"))
                .header("Content-Disposition", equalTo("inline; filename=\"experiment-" + id + ".csv\""))
                .header("Vary", containsString("Accept"))
                .extract().response();
        String body = new String(response.asByteArray(), StandardCharsets.UTF_8);
        assertTrue(body.endsWith("\r\n"), "every record ends in CRLF");
        List<String> lines = List.of(body.substring(0, body.length() - 2).split("\r\n", -1));
        assertEquals(String.join(",", COLUMNS), lines.getFirst());
        assertEquals(8, lines.size() - 1, "2 strategies x 2 thread counts x 2 trials: " + body);
        Set<String> runs = new HashSet<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.split(",", -1);
            assertEquals(COLUMNS.size(), fields.length, line);
            assertEquals(id, fields[0], line);
            assertEquals("formats", fields[1], line);
            String strategy = fields[2];
            int threads = Integer.parseInt(fields[3]);
            runs.add(strategy + "@" + threads);
            assertEquals("platform", fields[4]);
            assertEquals("", fields[5], "no workload parameters: " + line);
            assertEquals("", fields[6], "no workload parameters: " + line);
            assertEquals("", fields[7] + fields[8] + fields[9], "no read share or blocking: " + line);
            assertTrue(List.of(1, 2).contains(Integer.parseInt(fields[10])), line);
            long expected = Long.parseLong(fields[11]);
            assertEquals(threads * 1000L, expected, line);
            assertEquals(expected, Long.parseLong(fields[12]), line);
            assertEquals(0, Long.parseLong(fields[13]), line);
            assertTrue(Long.parseLong(fields[14]) > 0, line);
            for (int decimal = 15; decimal <= 17; decimal++) {
                assertTrue(fields[decimal].matches("\\d+\\.\\d+"), "plain decimal in " + line);
                Double.parseDouble(fields[decimal]);
            }
            long minThreadNanos = Long.parseLong(fields[18]);
            assertTrue(minThreadNanos >= 0 && minThreadNanos <= Long.parseLong(fields[19]), line);
            assertTrue(fields[20].isEmpty() || fields[20].matches("\\d+\\.\\d+"), "parallelism in " + line);
            if (strategy.equals("cas-loop")) {
                assertTrue(Long.parseLong(fields[21]) >= 0, line);
            } else {
                assertEquals("", fields[21], line);
            }
            // Shares of one whole, the even share 1/threads between them; Jain's index within [1/threads, 1].
            double minShare = Double.parseDouble(fields[22]);
            double maxShare = Double.parseDouble(fields[23]);
            double fairness = Double.parseDouble(fields[24]);
            double even = 1.0 / threads;
            assertTrue(0 <= minShare && minShare <= even + 1e-9 && even - 1e-9 <= maxShare && maxShare <= 1 + 1e-9, line);
            assertTrue(even - 1e-9 <= fairness && fairness <= 1 + 1e-9, line);
        }
        assertEquals(Set.of("atomic@1", "atomic@2", "cas-loop@1", "cas-loop@2"), runs);
    }

    @Test
    void plainTextIsATableWithOneLinePerRun() {
        Response response = given().accept("text/plain").when().get("/api/experiments/" + id)
                .then().statusCode(200)
                .contentType("text/plain")
                .header("Content-Type", containsString("charset=UTF-8"))
                .extract().response();
        String text = new String(response.asByteArray(), StandardCharsets.UTF_8);
        assertTrue(text.startsWith("# Experiment: formats (" + id + ")\n# Status: COMPLETED, 4 of 4 runs finished\n"),
                text);
        assertTrue(text.contains("# VM version: JDK " + System.getProperty("java.version")), text);
        assertTrue(text.contains("# Mode: fixed work, 1000 increments per thread, platform threads; "
                + "2 measured trials per run after at least 1 warm-up, trials interleaved\n"), text);
        // A table row: the strategy, then the thread count (lines below the table name runs too, in words).
        List<String> runs = text.lines().filter(l -> l.matches("(atomic|cas-loop) +\\d.*")).toList();
        assertEquals(4, runs.size(), text);
        for (String run : runs) {
            List<String> cells = Arrays.asList(run.trim().split(" +"));
            assertEquals("platform", cells.get(2), run);
            assertEquals("2", cells.get(3), run);
            assertEquals("0.0%", cells.get(4), run);
            String verdict = cells.getLast();
            assertTrue(List.of("NO_CORRUPTION_OBSERVED", "INCONCLUSIVE").contains(verdict), run);
            if (cells.get(1).startsWith("1")) {
                assertEquals("INCONCLUSIVE", verdict, "one thread cannot race: " + run);
            }
        }
        assertTrue(text.endsWith("\n"));
    }

    @Test
    void jsonIsTheDefault() throws Exception {
        for (String accept : List.of("*/*", "application/json", "text/html, */*;q=0.8")) {
            given().accept(accept).when().get("/api/experiments/" + id)
                    .then().statusCode(200)
                    .contentType(ContentType.JSON)
                    .body("id", equalTo(id))
                    .body("runs", hasSize(4));
        }
        // REST Assured always sends an Accept header; java.net.http sends none unless told to.
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<String> response = client.send(
                    HttpRequest.newBuilder(root.resolve("api/experiments/" + id)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode());
            assertEquals(Optional.of("application/json"), response.headers().firstValue("Content-Type")
                    .map(type -> type.replaceFirst(";.*", "")));
            assertTrue(response.body().startsWith("{\"id\":\"" + id + "\""), response.body());
        }
    }

    @Test
    void qualityValuesAreHonoured() {
        given().accept("text/csv;q=0.5, text/plain").when().get("/api/experiments/" + id)
                .then().statusCode(200).contentType("text/plain");
        given().accept("application/json;q=0.1, text/csv").when().get("/api/experiments/" + id)
                .then().statusCode(200).contentType("text/csv");
    }

    @Test
    void anUnacceptableTypeIsA406Problem() {
        given().accept("application/xml").when().get("/api/experiments/" + id)
                .then().statusCode(406)
                .contentType("application/problem+json")
                .body("status", equalTo(406))
                .body("detail", containsString("application/xml"))
                .body("instance", endsWith("/api/experiments/" + id));
    }

    @Test
    void anUnknownExperimentIsA404ProblemWhateverWasAskedFor() {
        for (String accept : List.of("text/csv", "text/plain", "application/json")) {
            given().accept(accept).when().get("/api/experiments/no-such-id")
                    .then().statusCode(404)
                    .contentType("application/problem+json")
                    .body("status", equalTo(404))
                    .body("detail", containsString("no-such-id"))
                    .body("instance", endsWith("/api/experiments/no-such-id"));
        }
    }
}
