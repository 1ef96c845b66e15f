package dev.concurrency.playground.api.experiment;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Workload parameters end to end: every combination of the lists is a run of every strategy at every thread
 * count, in the documented order, and each run states its values in JSON, the run CSV, JMH's params and the
 * text table; thread-safe strategies with work lose nothing; a strategy without a loop for work is refused.
 */
@QuarkusTest
@Tag("service")
class WorkloadParamsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyCombinationRunsAndEveryRunStatesItsParameters() throws Exception {
        Map<String, Object> request = Map.of(
                "strategies", List.of("synchronized", "cas-loop"),
                "threadCounts", List.of(1, 2),
                "incrementsPerThread", 2000,
                "trials", 2,
                "workInside", List.of(0, 20),
                "workOutside", List.of(5));
        String id = given().contentType(ContentType.JSON).header("Prefer", "wait=60").body(request)
                .when().post("/api/experiments")
                .then().statusCode(200).body("status", equalTo("COMPLETED")).extract().path("id");
        JsonNode experiment = JSON.readTree(given().get("/api/experiments/" + id).then().statusCode(200).extract().asString());
        JsonNode runs = experiment.path("runs");
        assertEquals(2 * 2 * 2, runs.size());
        List<String> order = new ArrayList<>();
        for (JsonNode run : runs) {
            order.add(run.path("strategy").asText() + "/" + run.at("/params/workInside").asInt() + "/"
                    + run.at("/params/workOutside").asInt() + "/" + run.path("threads").asInt());
            for (JsonNode trial : run.path("trials")) {
                assertEquals(trial.path("expectedCount").asLong(), trial.path("actualCount").asLong(), run.toString());
                assertEquals(run.path("threads").asLong() * 2000, trial.path("expectedCount").asLong());
            }
        }
        assertEquals(List.of("synchronized/0/5/1", "synchronized/0/5/2", "synchronized/20/5/1", "synchronized/20/5/2",
                "cas-loop/0/5/1", "cas-loop/0/5/2", "cas-loop/20/5/1", "cas-loop/20/5/2"), order);
        assertEquals(List.of(0, 20), JSON.convertValue(experiment.at("/spec/workInside"), List.class));

        String csv = given().accept("text/csv").get("/api/experiments/" + id + "/runs")
                .then().statusCode(200).extract().asString();
        String[] lines = csv.split("\r\n");
        List<String> header = List.of(lines[0].split(","));
        int inside = header.indexOf("workInside");
        int outside = header.indexOf("workOutside");
        assertTrue(inside > 0 && outside == inside + 1, lines[0]);
        assertEquals("20", lines[3].split(",")[inside]);
        assertEquals("5", lines[3].split(",")[outside]);

        given().get("/api/experiments/" + id + "/jmh").then().statusCode(200)
                .body("[2].params.workInside", equalTo("20"))
                .body("[2].params.workOutside", equalTo("5"));
        given().accept("text/plain").get("/api/experiments/" + id).then().statusCode(200)
                .body(containsString("Inside")).body(containsString("Outside"));
    }

    @Test
    void anExperimentWithoutParametersHasRunsWithout() {
        String id = given().contentType(ContentType.JSON).header("Prefer", "wait=60")
                .body(Map.of("strategies", List.of("atomic"), "threadCounts", List.of(1), "incrementsPerThread", 100, "trials", 1))
                .when().post("/api/experiments").then().statusCode(200).extract().path("id");
        String json = given().get("/api/experiments/" + id).then().statusCode(200).extract().asString();
        assertTrue(!json.contains("\"params\"") && !json.contains("workInside"), json);
    }

    @Test
    void workForAStrategyWithoutALoopForItIsAProblemThatNamesIt() {
        // Only a strategy that runs in child processes alone has none, and processes do no work at all.
        given().contentType(ContentType.JSON)
                .body(Map.of("strategies", List.of("file-lock"), "threadCounts", List.of(2), "threadType", "process",
                        "durationMillis", 50, "workOutside", List.of(10)))
                .when().post("/api/experiments")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItem("workOutside"))
                .body("violations.message", hasItem(containsString("file-lock")));
    }
}
