package dev.concurrency.playground.api.comparison;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/comparisons} on experiments the service really ran: what is paired and what is not,
 * medians that match the experiments' own trials, the three representations, and every refusal.
 * The figures themselves are measurements; the statistics are checked on known samples in
 * {@code experiment.comparison}.
 */
@QuarkusTest
@Tag("service")
class ComparisonResourceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BASELINE = """
            {"name": "before", "strategies": ["atomic", "synchronized"], "threadCounts": [1, 2],
             "incrementsPerThread": 1000, "trials": 4, "warmupTrials": 0}""";
    private static final String CANDIDATE = """
            {"name": "after", "strategies": ["atomic", "long-adder"], "threadCounts": [2],
             "incrementsPerThread": 1000, "trials": 4, "warmupTrials": 0}""";

    @Test
    void pairsWhatBothMeasuredListsTheRestAndTakesMediansOfTheTrials() throws Exception {
        String before = finished(BASELINE);
        String after = finished(CANDIDATE);
        JsonNode comparison = JSON.readTree(given().queryParam("baseline", before).queryParam("candidate", after)
                .get("/api/comparisons").then().statusCode(200).contentType(ContentType.JSON)
                .header("Vary", containsString("Accept")).extract().asString());

        assertEquals(before, comparison.at("/baseline/id").asText());
        assertEquals("COMPLETED", comparison.at("/candidate/status").asText());
        assertEquals(0.05, comparison.path("alpha").asDouble());
        assertEquals("holm", comparison.path("correction").asText());
        List<String> metrics = new ArrayList<>();
        comparison.path("metrics").forEach(table -> metrics.add(table.path("metric").asText()));
        assertEquals(List.of("nsPerOp", "opsPerSecond", "lostUpdateRate"), metrics);

        JsonNode row = comparison.at("/metrics/0/rows/0");
        assertEquals(1, comparison.at("/metrics/0/rows").size(), "atomic at 2 threads is the one pair");
        assertEquals("atomic", row.at("/pair/strategy").asText());
        assertEquals(2, row.at("/pair/threads").asInt());
        assertEquals("platform", row.at("/pair/threadType").asText());
        assertEquals(1000, row.at("/pair/incrementsPerThread").asLong());
        assertEquals(median(before, "atomic", 2), row.at("/baseline/median").asDouble(), 1e-9);
        assertEquals(median(after, "atomic", 2), row.at("/candidate/median").asDouble(), 1e-9);
        assertEquals(4, row.at("/baseline/n").asInt());
        assertTrue(row.at("/baseline/low").isMissingNode(), "four trials have no 95% interval");
        double p = row.path("pValue").asDouble();
        assertTrue(p > 0 && p <= 1, "p = " + p);
        assertEquals(p, row.path("adjustedPValue").asDouble(), 1e-12, "one pair: Holm leaves p as it is");
        assertEquals("EXACT", row.path("test").asText());
        assertEquals(row.path("significant").asBoolean() ? "" : "~",
                row.path("significant").asBoolean() ? "" : row.path("delta").asText());
        assertTrue(comparison.at("/metrics/0/geomean/baseline").isNumber());

        List<String> unpaired = new ArrayList<>();
        comparison.path("unpaired").forEach(u -> unpaired.add(u.path("side").asText() + " "
                + u.at("/pair/strategy").asText() + "/" + u.at("/pair/threads").asInt()));
        assertEquals(List.of("baseline atomic/1", "baseline synchronized/1", "baseline synchronized/2",
                "candidate long-adder/2"), unpaired);
        assertEquals(0, comparison.path("differences").size(), "one service, one environment");
        List<String> warnings = new ArrayList<>();
        comparison.path("warnings").forEach(w -> warnings.add(w.asText()));
        assertTrue(warnings.contains("4 runs have no counterpart in the other experiment; they are listed under "
                + "unpaired."), warnings.toString());
        assertTrue(warnings.stream().noneMatch(w -> w.contains("doubtful")), warnings.toString());

        String text = given().accept("text/plain").queryParam("baseline", before).queryParam("candidate", after)
                .get("/api/comparisons").then().statusCode(200).contentType(startsWith("text/plain"))
                .extract().asString();
        assertTrue(text.startsWith("baseline:  before (" + before + "), COMPLETED\ncandidate: after (" + after
                + "), COMPLETED\n"), text);
        assertTrue(text.contains("│ baseline") && text.contains("vs base") && text.contains("ns/op"), text);
        assertTrue(text.contains("\natomic/2/platform/1000x ") && text.contains("\ngeomean "), text);
        assertTrue(text.contains("± ∞ ¹") && text.contains("¹ need >= 6 samples for confidence interval at level 0.95"),
                text);
        assertTrue(text.contains("only in candidate: long-adder/2/platform/1000x"), text);

        String csv = given().accept("text/csv").queryParam("baseline", before).queryParam("candidate", after)
                .get("/api/comparisons").then().statusCode(200).contentType(startsWith("text/csv"))
                .header("Content-Disposition", equalTo("inline; filename=\"comparison-" + before + "-" + after + ".csv\""))
                .extract().asString();
        String[] lines = csv.split("\r\n", -1);
        // The columns as the API description documents them.
        assertEquals("baselineId,candidateId,baselineStrategy,candidateStrategy,kind,metric,unit,strategy,threads,threadType,incrementsPerThread,"
                + "durationMillis,workInside,workOutside,readRatio,blockInsideMicros,blockOutsideMicros,baselineN,baselineMedian,baselineLow,baselineHigh,candidateN,candidateMedian,"
                + "candidateLow,candidateHigh,changePercent,pValue,adjustedPValue,test,significant,delta,note", lines[0]);
        // A pair and a geometric mean per metric, four unpaired runs, and the empty string after the last CRLF.
        assertEquals(1 + 3 * 2 + 4 + 1, lines.length, csv);
        assertTrue(lines[1].startsWith(before + "," + after + ",,,pair,nsPerOp,ns/op,atomic,2,platform,1000,,,,,,,4,"), lines[1]);
        assertTrue(lines[2].startsWith(before + "," + after + ",,,geomean,nsPerOp,ns/op,,,,,,,,,,,1,"), lines[2]);
        assertTrue(lines[7].startsWith(before + "," + after + ",,,baseline-only,,,atomic,1,platform,1000,,"), lines[7]);
    }

    @Test
    void twoStrategiesOfOneExperimentPairByThreadsThreadTypeAndWorkload() throws Exception {
        String id = finished(BASELINE);
        JsonNode comparison = JSON.readTree(given().queryParam("baseline", id).queryParam("candidate", id)
                .queryParam("baselineStrategy", "atomic").queryParam("candidateStrategy", "synchronized")
                .get("/api/comparisons").then().statusCode(200).extract().asString());
        assertEquals("atomic", comparison.at("/strategies/baseline").asText());
        assertEquals("synchronized", comparison.at("/strategies/candidate").asText());
        JsonNode rows = comparison.at("/metrics/0/rows");
        assertEquals(2, rows.size(), "1 and 2 threads");
        assertTrue(rows.get(0).path("pair").path("strategy").isMissingNode(), rows.toString());
        assertEquals(median(id, "atomic", 1), rows.get(0).at("/baseline/median").asDouble(), 1e-9);
        assertEquals(median(id, "synchronized", 1), rows.get(0).at("/candidate/median").asDouble(), 1e-9);
        assertEquals(0, comparison.path("unpaired").size());
        String text = given().accept("text/plain").queryParam("baseline", id).queryParam("candidate", id)
                .queryParam("baselineStrategy", "atomic").queryParam("candidateStrategy", "synchronized")
                .get("/api/comparisons").then().statusCode(200).extract().asString();
        assertTrue(text.contains("strategies: atomic (baseline) vs synchronized (candidate)")
                && text.contains("\n1/platform/1000x "), text);

        given().queryParam("baseline", id).queryParam("candidate", id).queryParam("baselineStrategy", "atomic")
                .get("/api/comparisons").then().statusCode(400)
                .body("violations.field", equalTo(List.of("candidateStrategy")));
        given().queryParam("baseline", id).queryParam("candidate", id).queryParam("baselineStrategy", "atomics")
                .queryParam("candidateStrategy", "synchronized").get("/api/comparisons").then().statusCode(400)
                .body("violations.field", equalTo(List.of("baselineStrategy")))
                .body("violations[0].message", containsString("valid ids are unsynchronized"));
    }

    @Test
    void anExperimentComparedWithItselfShowsNoChange() throws Exception {
        String id = finished(CANDIDATE);
        JsonNode comparison = JSON.readTree(given().queryParam("baseline", id).queryParam("candidate", id)
                .get("/api/comparisons").then().statusCode(200).extract().asString());
        for (JsonNode table : comparison.path("metrics")) {
            for (JsonNode row : table.path("rows")) {
                assertEquals(1.0, row.path("pValue").asDouble(), 1e-12, row.toString());
                assertEquals("~", row.path("delta").asText());
            }
        }
        assertTrue(comparison.at("/warnings/0").asText().contains("same experiment"), comparison.toString());
    }

    @Test
    void missingRepeatedAndUnknownIdsAreRefusedWithWhatToDo() {
        given().get("/api/comparisons").then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", equalTo(List.of("baseline", "candidate")))
                .body("detail", containsString("GET /api/comparisons?baseline=<id>&candidate=<id>"));
        given().queryParam("baseline", "a").queryParam("baseline", "b").queryParam("candidate", " ")
                .get("/api/comparisons").then().statusCode(400)
                .body("violations.field", equalTo(List.of("baseline", "candidate")))
                .body("violations[0].message", containsString("given once"));
        given().queryParam("baseline", "no-such-one").queryParam("candidate", "nor-this")
                .get("/api/comparisons").then().statusCode(404).contentType("application/problem+json")
                .body("detail", startsWith("There is no experiment 'no-such-one' (baseline) and no experiment "
                        + "'nor-this' (candidate)."))
                .body("instance", equalTo("/api/comparisons"));
        given().accept("application/xml").queryParam("baseline", "x").queryParam("candidate", "y")
                .get("/api/comparisons").then().statusCode(406).contentType("application/problem+json")
                .body("detail", containsString("application/json, text/csv or text/plain"));
        given().post("/api/comparisons").then().statusCode(405).header("Allow", "GET, HEAD, OPTIONS");
    }

    /** Submits an experiment and waits for it to finish; its id. */
    private static String finished(String request) {
        return given().contentType(ContentType.JSON).header("Prefer", "wait=60").body(request)
                .post("/api/experiments").then().statusCode(200).extract().path("id");
    }

    /** The median of a run's ns/op over its trials, read from the experiment itself. */
    private static double median(String id, String strategy, int threads) throws Exception {
        JsonNode experiment = JSON.readTree(given().get("/api/experiments/" + id).then().statusCode(200)
                .extract().asString());
        for (JsonNode run : experiment.path("runs")) {
            if (run.path("strategy").asText().equals(strategy) && run.path("threads").asInt() == threads) {
                List<Double> values = new ArrayList<>();
                run.path("trials").forEach(trial -> values.add(trial.path("nsPerOp").asDouble()));
                values.sort(Double::compare);
                int n = values.size();
                return n % 2 == 1 ? values.get(n / 2) : (values.get(n / 2 - 1) + values.get(n / 2)) / 2;
            }
        }
        throw new AssertionError("no run of " + strategy + " at " + threads + " in " + id);
    }
}
