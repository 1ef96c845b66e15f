package dev.concurrency.playground.api.experiment;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.concurrency.playground.config.LimitsConfig;
import dev.concurrency.playground.strategy.Backend;
import dev.concurrency.playground.strategy.Strategy;
import dev.concurrency.playground.strategy.StrategyCatalog;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Database experiments end to end, as a client makes them: every database strategy in the embedded database and
 * in the machine's PostgreSQL (the test profile configures it, as CI has it), each run saying where it ran; and
 * the requests that cannot run refused with a problem that says what to change.
 */
@QuarkusTest
@Tag("service")
class DatabaseExperimentsTest {

    private static final List<String> IN_DATABASE = new StrategyCatalog().all().stream()
            .filter(s -> s.backend().orElse(null) == Backend.DATABASE).map(Strategy::id).toList();

    @Inject
    LimitsConfig limits;

    @ParameterizedTest
    @ValueSource(strings = {"embedded", "PostgreSQL"})
    void everyDatabaseStrategyRunsInTheChosenDatabaseAndTheSafeOnesLoseNothing(String database) {
        List<String> strategies = IN_DATABASE;
        JsonPath experiment = given().contentType(ContentType.JSON).header("Prefer", "wait=300")
                .body(Map.of("strategies", strategies, "threadCounts", List.of(1, 3), "durationMillis", 40,
                        "trials", 2, "warmupTrials", 0, "database", database))
                .when().post("/api/experiments").then().statusCode(200).extract().jsonPath();
        assertEquals("COMPLETED", experiment.getString("status"), experiment.prettify());
        assertEquals(database.toLowerCase(java.util.Locale.ROOT), experiment.getString("spec.database"));
        List<Map<String, Object>> runs = experiment.getList("runs");
        assertEquals(strategies.size() * 2, runs.size());
        String product = database.equals("embedded") ? "H2" : "PostgreSQL";
        for (int r = 0; r < runs.size(); r++) {
            String run = "runs[" + r + "]";
            String strategy = experiment.getString(run + ".strategy");
            assertEquals(product, experiment.getString(run + ".database.product"), strategy);
            assertFalse(experiment.getString(run + ".database.version").isBlank(), strategy);
            assertEquals(strategy.equals("db-serializable") ? "SERIALIZABLE" : "READ COMMITTED",
                    experiment.getString(run + ".database.isolationLevel"), strategy);
            for (Map<String, Object> trial : experiment.<Map<String, Object>>getList(run + ".trials")) {
                long lost = ((Number) trial.get("lostUpdates")).longValue();
                assertTrue(lost >= 0, strategy + " counted more than was done: " + trial);
                if (experiment.getBoolean(run + ".threadSafe")) {
                    assertEquals(0, lost, strategy + " in " + database + ": " + trial);
                }
                assertEquals(strategy.equals("db-optimistic") || strategy.equals("db-serializable"),
                        trial.containsKey("casFailures"), strategy);
            }
        }
        // The text table says it too.
        given().accept("text/plain").when().get("/api/experiments/" + experiment.getString("id")).then().statusCode(200)
                .body(containsString("# Database: " + product));
    }

    @Test
    void aDatabaseTheEnumDoesNotKnowIsRefusedNamingTheValues() {
        refused(Map.of("strategies", List.of("db-atomic-update"), "threadCounts", List.of(1), "durationMillis", 10,
                "database", "oracle"), "database", "embedded");
    }

    @Test
    void aDatabaseWithoutADatabaseStrategyIsAMistakeWorthSaying() {
        refused(Map.of("strategies", List.of("atomic"), "threadCounts", List.of(1), "database", "embedded"),
                "database", "db-atomic-update");
    }

    @Test
    void moreThreadsThanConnectionsAreRefusedNamingTheSetting() {
        int over = limits.maxDatabaseConnections() + 1;
        refused(Map.of("strategies", List.of("atomic", "db-atomic-update"), "threadCounts", List.of(2, over),
                "durationMillis", 10), "threadCounts[1]", "playground.limits.max-database-connections");
    }

    /** A million increments per thread is nothing in the heap and hours in a database: refused, saying why. */
    @Test
    void millionsOfDatabaseIncrementsAreRefusedSuggestingFixedTime() {
        refused(Map.of("strategies", List.of("db-atomic-update"), "threadCounts", List.of(1, 2, 4)),
                "incrementsPerThread", "durationMillis");
    }

    private static void refused(Map<String, Object> request, String field, String detail) {
        given().contentType(ContentType.JSON).body(request)
                .when().post("/api/experiments")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo(field))
                .body("detail", containsString(detail));
    }
}
