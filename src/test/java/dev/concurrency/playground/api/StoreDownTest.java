package dev.concurrency.playground.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The service with its database down (a PostgreSQL store at an address where nothing listens): it
 * starts all the same, reports itself alive but not ready, and answers every request about experiments
 * with the documented 503 problem and a Retry-After, never a 500 or a stall.
 */
@QuarkusTest
@Tag("service")
@TestProfile(StoreDownTest.NothingListens.class)
class StoreDownTest {

    static final String EXAMPLE = "problem-store-unavailable";
    private static final String ID = "3f1c9a52-7d4e-4b8a-9c61-2e5f0a7b8d13";

    public static class NothingListens implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("playground.store.kind", "postgresql",
                    "quarkus.datasource.postgresql.jdbc.url", "jdbc:postgresql://127.0.0.1:1/nothing",
                    "quarkus.datasource.postgresql.username", "nobody");
        }
    }

    @Test
    void everyRequestAboutExperimentsIsA503ProblemWithRetryAfter() {
        List<Response> answers = List.of(
                given().contentType(ContentType.JSON).body("""
                        {"strategies":["atomic"],"threadCounts":[1],"incrementsPerThread":10,"trials":1}""")
                        .post("/api/experiments"),
                given().get("/api/experiments"),
                given().get("/api/experiments/" + ID),
                given().get("/api/experiments/" + ID + "/runs"),
                given().get("/api/experiments/" + ID + "/jmh"),
                given().get("/api/experiments/" + ID + "/events"),
                given().delete("/api/experiments/" + ID));
        for (Response answer : answers) {
            answer.then().statusCode(503).contentType("application/problem+json").header("Retry-After", "5")
                    .body("type", equalTo("urn:concurrency-playground:problem:store-unavailable"));
        }
    }

    @Test
    void theDocumentedExampleIsWhatTheServiceSends() throws Exception {
        JsonNode document = new ObjectMapper().readTree(Files.readString(Path.of("openapi/openapi.json")));
        JsonNode expected = document.path("components").path("examples").path(EXAMPLE).path("value");
        JsonNode actual = new ObjectMapper().readTree(given().contentType(ContentType.JSON).body("""
                {"strategies":["atomic"],"threadCounts":[1],"incrementsPerThread":10,"trials":1}""")
                .post("/api/experiments").asString());
        for (String field : List.of("type", "title", "status", "detail", "instance")) {
            assertEquals(expected.path(field), actual.path(field), field);
        }
    }

    @Test
    void aliveButNotReady() {
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(503)
                .body("checks.find { it.name == 'experiment-store' }.status", equalTo("DOWN"));
        given().get("/api/strategies").then().statusCode(200); // what needs no store still works
    }
}
