package dev.concurrency.playground.api.experiment;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Blocking end to end: every run of an experiment that blocks states its blocking, loses nothing when its
 * strategy is safe, and, on virtual threads, says how often its workers were pinned and which JDK behaviour
 * applies: pinned at every block in a class initializer, never inside {@code synchronized} since JDK 24, and
 * no pinning figures at all on platform threads or in experiments that do not block. Few increments: every one
 * sleeps.
 */
@QuarkusTest
@Tag("service")
class BlockingExperimentTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonNode runs(Map<String, Object> request) throws Exception {
        return runs(completed(request));
    }

    private static String completed(Map<String, Object> request) {
        return given().contentType(ContentType.JSON).header("Prefer", "wait=120").body(request)
                .when().post("/api/experiments")
                .then().statusCode(200).body("status", equalTo("COMPLETED")).extract().path("id");
    }

    private static JsonNode runs(String id) throws Exception {
        return JSON.readTree(given().get("/api/experiments/" + id).then().statusCode(200).extract().asString()).path("runs");
    }

    @Test
    void virtualRunsThatBlockSayHowTheyWerePinnedOnThisJdk() throws Exception {
        String id = completed(Map.of(
                "strategies", List.of("synchronized", "class-initializer"),
                "threadCounts", List.of(3),
                "threadType", "virtual",
                "incrementsPerThread", 4,
                "trials", 2,
                "warmupTrials", 0,
                "blockInsideMicros", List.of(0, 200)));
        JsonNode runs = runs(id);
        JsonNode jmh = JSON.readTree(given().get("/api/experiments/" + id + "/jmh").then().statusCode(200).extract().asString());
        assertEquals(2 * 2, runs.size());
        assertEquals(runs.size(), jmh.size());
        int feature = Runtime.version().feature();
        for (int i = 0; i < runs.size(); i++) {
            JsonNode run = runs.get(i);
            // The JMH export carries the run's figures as secondary metrics of one value each, or none unrecorded.
            JsonNode exported = jmh.get(i).path("secondaryMetrics");
            if (run.at("/pinning/events").isMissingNode()) {
                assertFalse(exported.has("pinnedEvents") || exported.has("pinnedTotal") || exported.has("pinnedLongest"),
                        exported.toString());
            } else {
                assertEquals(run.at("/pinning/events").asDouble(), exported.at("/pinnedEvents/rawData/0/0").asDouble(), 0);
                assertEquals(1, exported.at("/pinnedEvents/rawData/0").size(), "one value for the run: " + exported);
                assertEquals(run.at("/pinning/totalPinnedNanos").asDouble(), exported.at("/pinnedTotal/score").asDouble(), 0);
                assertEquals(run.at("/pinning/longestPinnedNanos").asDouble(), exported.at("/pinnedLongest/score").asDouble(), 0);
                assertEquals("ns", exported.at("/pinnedLongest/scoreUnit").asText());
            }
            String strategy = run.path("strategy").asText();
            int blockInside = run.at("/params/blockInsideMicros").asInt(-1);
            assertEquals(0, run.at("/params/blockOutsideMicros").asInt(-1), run.toString());
            for (JsonNode trial : run.path("trials")) {
                assertEquals(12, trial.path("expectedCount").asLong(), run.toString());
                assertEquals(12, trial.path("actualCount").asLong(), run.toString());
            }
            JsonNode pinning = run.path("pinning");
            assertEquals(feature, pinning.path("jdk").asInt(), run.toString());
            assertTrue(pinning.path("jdkBehaviour").asText().startsWith("JDK " + feature), run.toString());
            if (pinning.has("notRecorded")) {
                continue; // no Flight Recorder here: said so, and no figures
            }
            long events = pinning.path("events").asLong(-1);
            if (blockInside == 0) {
                assertEquals(0, events, run.toString());
            } else if (strategy.equals("class-initializer")) {
                // Every block of every thread in every measured trial (3 threads, 4 increments, 2 trials) parks pinned
                // at least once: more when the JVM wakes the sleeper early and it parks again for the rest.
                assertTrue(events >= 3 * 4 * 2, run.toString());
                assertTrue(pinning.path("pinnedCarriers").asInt() >= 1, run.toString());
                assertTrue(pinning.path("reasons").toString().contains("<clinit>") || feature < 24, run.toString());
                assertTrue(run.path("verdictReason").asText().contains("pinned to their carriers"), run.toString());
            } else if (feature >= 24) {
                assertEquals(0, events, run.toString());
            } else {
                assertTrue(events >= 3 * 4 * 2, run.toString());
            }
        }
    }

    @Test
    void platformRunsAndExperimentsWithoutBlockingHaveNoPinningFigures() throws Exception {
        JsonNode blocking = runs(Map.of("strategies", List.of("reentrant-lock", "volatile"), "threadCounts", List.of(2),
                "incrementsPerThread", 5, "trials", 1, "warmupTrials", 0, "blockOutsideMicros", List.of(100)));
        for (JsonNode run : blocking) {
            assertFalse(run.has("pinning"), run.toString());
            assertEquals(100, run.at("/params/blockOutsideMicros").asInt(), run.toString());
            assertEquals(0, run.at("/params/blockInsideMicros").asInt(-1), run.toString());
        }
        JsonNode plain = runs(Map.of("strategies", List.of("synchronized"), "threadCounts", List.of(2), "threadType", "virtual",
                "incrementsPerThread", 100, "trials", 1, "workInside", List.of(10)));
        String json = plain.toString();
        assertTrue(!json.contains("pinning") && !json.contains("blockInsideMicros"), json);
    }

    @Test
    void aStrategyWithNothingToBlockInIsRefused() {
        given().contentType(ContentType.JSON)
                .body(Map.of("strategies", List.of("long-adder"), "threadCounts", List.of(1), "blockInsideMicros", List.of(10)))
                .when().post("/api/experiments")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("blockInsideMicros"));
    }
}
