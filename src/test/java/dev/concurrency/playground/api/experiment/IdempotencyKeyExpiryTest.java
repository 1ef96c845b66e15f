package dev.concurrency.playground.api.experiment;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A key is released once the configured retention is over: with a retention of a fifth of a second,
 * the key's other request, refused while the key is bound, is accepted as a new experiment afterwards.
 * Nothing asserts when that happens, only that it does and what it makes.
 */
@QuarkusTest
@Tag("service")
@TestProfile(IdempotencyKeyExpiryTest.ShortRetention.class)
class IdempotencyKeyExpiryTest {

    public static class ShortRetention implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("playground.idempotency.retention", "PT0.2S");
        }
    }

    private static final String FIRST = """
            {"name": "first", "strategies": ["atomic"], "threadCounts": [1], "incrementsPerThread": 10, "trials": 1,
             "warmupTrials": 0}""";
    private static final String SECOND = FIRST.replace("\"first\"", "\"second\"");

    @Test
    void anExpiredKeyIsFreeForAnotherRequest() throws InterruptedException {
        String key = "\"expiring\"";
        String first = given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(FIRST)
                .post("/api/experiments").then().statusCode(202).extract().path("id");
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Response answer;
        do {
            answer = given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(SECOND)
                    .post("/api/experiments");
            if (answer.statusCode() == 422) {
                Thread.sleep(50);
            }
        } while (answer.statusCode() == 422 && System.nanoTime() < deadline);

        assertEquals(202, answer.statusCode(), "the key was released: " + answer.asString());
        assertNotEquals(first, answer.path("id"));
        assertEquals("second", answer.path("name"));
    }
}
