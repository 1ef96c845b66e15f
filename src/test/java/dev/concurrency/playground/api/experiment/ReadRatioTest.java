package dev.concurrency.playground.api.experiment;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.concurrency.playground.engine.ReadShare;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Read shares end to end: a readRatio list is a run per value, each stating its share in JSON, both CSVs, JMH's
 * params and the text table; reads and increments are reported apart and add up to the operations asked for;
 * the lost updates compare the counter with the increments alone; a stamped lock reports its failed optimistic
 * reads; a strategy without a natural read, and a share that is not in hundredths, are refused.
 */
@QuarkusTest
@Tag("service")
class ReadRatioTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int OPERATIONS = 2_500;

    @Test
    void aReadRatioListIsARunPerValueWithReadsAndWritesApart() throws Exception {
        Map<String, Object> request = Map.of(
                "strategies", List.of("stamped-lock", "long-adder"),
                "threadCounts", List.of(2),
                "incrementsPerThread", OPERATIONS,
                "trials", 2,
                "readRatio", List.of(0, 0.5, 0.9));
        String id = given().contentType(ContentType.JSON).header("Prefer", "wait=60").body(request)
                .when().post("/api/experiments")
                .then().statusCode(200).body("status", equalTo("COMPLETED")).extract().path("id");
        JsonNode experiment = JSON.readTree(given().get("/api/experiments/" + id).then().statusCode(200).extract().asString());
        JsonNode runs = experiment.path("runs");
        assertEquals(2 * 3, runs.size());
        double[] ratios = {0.0, 0.5, 0.9};
        for (int r = 0; r < runs.size(); r++) {
            JsonNode run = runs.get(r);
            double ratio = ratios[r % 3];
            assertEquals(ratio, run.at("/params/readRatio").asDouble(), run.toString());
            long reads = 2 * new ReadShare((int) Math.round(ratio * 100)).readsAmong(OPERATIONS);
            for (JsonNode trial : run.path("trials")) {
                assertEquals(trial.path("expectedCount").asLong(), trial.path("actualCount").asLong(), run.toString());
                if (ratio == 0) {
                    assertTrue(trial.path("readsAndWrites").isMissingNode(), trial.toString());
                    assertEquals(2L * OPERATIONS, trial.path("expectedCount").asLong());
                    continue;
                }
                JsonNode split = trial.path("readsAndWrites");
                assertEquals(reads, split.path("reads").asLong(), trial.toString());
                assertEquals(2L * OPERATIONS - reads, split.path("writes").asLong(), trial.toString());
                assertEquals(split.path("writes").asLong(), trial.path("expectedCount").asLong(), trial.toString());
                assertTrue(split.path("nsPerRead").asDouble() > 0 && split.path("nsPerWrite").asDouble() > 0, trial.toString());
                assertEquals(run.path("strategy").asText().equals("stamped-lock"), split.has("readRetries"), trial.toString());
            }
            assertEquals(ratio > 0, run.at("/summary/readsAndWrites").isObject(), run.toString());
        }
        assertEquals(List.of(0.0, 0.5, 0.9), JSON.convertValue(experiment.at("/spec/readRatio"), List.class));

        String csv = given().accept("text/csv").get("/api/experiments/" + id + "/runs")
                .then().statusCode(200).extract().asString();
        String[] lines = csv.split("\r\n");
        List<String> header = List.of(lines[0].split(","));
        int ratio = header.indexOf("readRatio");
        int nsPerRead = header.indexOf("nsPerReadMean");
        assertTrue(ratio == header.indexOf("workOutside") + 1 && nsPerRead > ratio, lines[0]);
        assertEquals("0.9", lines[3].split(",")[ratio]);
        assertFalse(lines[3].split(",")[nsPerRead].isEmpty(), lines[3]);
        assertTrue(lines[1].split(",", -1)[nsPerRead].isEmpty(), lines[1]);
        String trials = given().accept("text/csv").get("/api/experiments/" + id).then().statusCode(200).extract().asString();
        assertTrue(trials.split("\r\n")[0].contains(",readRatio,") && trials.split("\r\n")[0].endsWith(",readRetries"), trials);

        given().get("/api/experiments/" + id + "/jmh").then().statusCode(200)
                .body("[2].params.readRatio", equalTo("0.9"))
                .body("[2].secondaryMetrics.read.scoreUnit", equalTo("ns/op"))
                .body("[2].secondaryMetrics.readRetries.scoreUnit", equalTo("reads"));
        given().accept("text/plain").get("/api/experiments/" + id).then().statusCode(200)
                .body(containsString("Reads")).body(containsString("ns/read")).body(containsString("90%"));
    }

    @Test
    void readsForAStrategyWithoutANaturalReadAreAProblemThatNamesIt() {
        given().contentType(ContentType.JSON)
                .body(Map.of("strategies", List.of("atomic", "padded-atomics"), "threadCounts", List.of(1), "readRatio", List.of(0.5)))
                .when().post("/api/experiments")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("readRatio"))
                .body("violations[0].message", containsString("padded-atomics"));
        given().contentType(ContentType.JSON)
                .body(Map.of("strategies", List.of("atomic"), "threadCounts", List.of(1), "readRatio", List.of(0.333)))
                .when().post("/api/experiments")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("readRatio[0]"))
                .body("violations[0].message", containsString("two decimals"));
    }

    @Test
    void theCatalogSaysWhichStrategiesTakeReaders() {
        given().get("/api/strategies/stamped-lock").then().statusCode(200).body("takesReaders", equalTo(true));
        given().get("/api/strategies/thread-local").then().statusCode(200).body("takesReaders", equalTo(false));
    }
}
