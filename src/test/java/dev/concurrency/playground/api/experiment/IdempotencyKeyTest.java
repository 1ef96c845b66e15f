package dev.concurrency.playground.api.experiment;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code Idempotency-Key} over HTTP: a retry gets the first answer's experiment, another request with
 * the key gets 422, a bad key 400, and a refused submission binds nothing. A queue of one makes a 429
 * reachable; keys are kept for the default 24 h, so nothing here expires.
 */
@QuarkusTest
@Tag("service")
@TestProfile(IdempotencyKeyTest.QueueOfOne.class)
class IdempotencyKeyTest {

    public static class QueueOfOne implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("playground.queue.capacity", "1");
        }
    }

    private static final String SMALL = """
            {"name": "retry me", "strategies": ["atomic"], "threadCounts": [1], "incrementsPerThread": 10, "trials": 1,
             "warmupTrials": 0}""";
    /** SMALL written another way: other field order and spacing, an enum in upper case, a default spelt out. */
    private static final String SMALL_RESERIALISED = """
            {"warmupTrials":0,"trials":1,"threadType":"PLATFORM","incrementsPerThread":10,"threadCounts":[1],
             "strategies":["atomic"],"name":"retry me"}""";
    /** Busy for a minute unless cancelled. */
    private static final String BLOCKER = """
            {"strategies": ["fair-lock"], "threadCounts": [2], "durationMillis": 1000, "trials": 60, "warmupTrials": 0}""";

    private static String newKey() {
        return "\"" + UUID.randomUUID() + "\"";
    }

    private static RequestSpecification post(String body) {
        return given().contentType(ContentType.JSON).body(body);
    }

    private static String awaitStatus(String id, String... statuses) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            String status = given().get("/api/experiments/" + id).path("status");
            if (List.of(statuses).contains(status)) {
                return status;
            }
            Thread.sleep(20);
        }
        throw new AssertionError(id + " never reached " + List.of(statuses));
    }

    @Test
    void aRetryWithTheSameRequestGetsTheSameExperimentAndHonoursPreferWait() {
        String key = newKey();
        Response first = post(SMALL).header("Idempotency-Key", key).post("/api/experiments");
        assertEquals(202, first.statusCode(), first.asString());
        String id = first.path("id");
        String location = first.header("Location");
        assertTrue(location.endsWith("/api/experiments/" + id), location);

        Response waited = post(SMALL_RESERIALISED).header("Idempotency-Key", key).header("Prefer", "wait=60")
                .post("/api/experiments");
        assertEquals(200, waited.statusCode(), waited.asString());
        assertEquals(id, waited.path("id"));
        assertEquals("COMPLETED", waited.path("status"));
        assertEquals(location, waited.header("Location"));
        assertEquals("wait=60", waited.header("Preference-Applied"));

        Response later = post(SMALL).header("Idempotency-Key", key).post("/api/experiments");
        assertEquals(200, later.statusCode(), "finished, so 200 as a GET would answer: " + later.asString());
        assertEquals(id, later.path("id"));
        assertEquals(location, later.header("Location"));
    }

    @Test
    void theKeyWithAnotherRequestIs422SayingWhoseKeyItIsAndWhenItFreesUp() {
        String key = newKey();
        String id = post(SMALL).header("Idempotency-Key", key).header("Prefer", "wait=60").post("/api/experiments")
                .then().statusCode(200).extract().path("id");

        Response other = post(SMALL.replace("retry me", "something else")).header("Idempotency-Key", key)
                .post("/api/experiments");
        assertEquals(422, other.statusCode(), other.asString());
        assertTrue(other.contentType().startsWith("application/problem+json"), other.contentType());
        assertEquals("urn:concurrency-playground:problem:idempotency-key-reused", other.path("type"));
        String detail = other.path("detail");
        assertTrue(detail.contains(id), detail);
        assertTrue(detail.contains("can be reused after 20"), detail);

        assertEquals(id, post(SMALL).header("Idempotency-Key", key).post("/api/experiments").path("id"),
                "the request the key was made for still gets its experiment");
    }

    @Test
    void aBadKeyIs400NamingTheHeaderAndQueuesNothing() {
        String tooLong = "\"" + "k".repeat(256) + "\"";
        for (String bad : List.of("\"\"", "two words", "\"unterminated", "\"a\";param=1", tooLong)) {
            Response refused = post(SMALL).header("Idempotency-Key", bad).post("/api/experiments");
            assertEquals(400, refused.statusCode(), bad + ": " + refused.asString());
            assertEquals(List.of("Idempotency-Key"), refused.path("violations.field"), bad);
        }
        Response twice = post(SMALL).header("Idempotency-Key", "\"a\"").header("Idempotency-Key", "\"b\"")
                .post("/api/experiments");
        assertEquals(400, twice.statusCode(), twice.asString());
        // An invalid request with a good key binds nothing: the corrected request with that key is accepted.
        String key = newKey();
        post("{\"strategies\": [\"nope\"], \"threadCounts\": [1]}").header("Idempotency-Key", key)
                .post("/api/experiments").then().statusCode(400);
        Response corrected = post(SMALL).header("Idempotency-Key", key).header("Prefer", "wait=60")
                .post("/api/experiments");
        assertEquals(200, corrected.statusCode(), corrected.asString());
        assertEquals("retry me", corrected.path("name"));
    }

    @Test
    void withoutTheHeaderEverySubmissionIsANewExperiment() {
        String first = post(SMALL).header("Prefer", "wait=60").post("/api/experiments")
                .then().statusCode(200).extract().path("id");
        String second = post(SMALL).header("Prefer", "wait=60").post("/api/experiments")
                .then().statusCode(200).extract().path("id");
        assertNotEquals(first, second);
    }

    @Test
    void aSubmissionRefusedAsQueueFullBindsNothingAndItsRetrySucceedsOnceThereIsRoom() throws InterruptedException {
        String blocker = post(BLOCKER).post("/api/experiments").then().statusCode(202).extract().path("id");
        String queued = null;
        try {
            awaitStatus(blocker, "RUNNING");
            queued = post(SMALL).post("/api/experiments").then().statusCode(202).extract().path("id");
            String key = newKey();
            Response full = post(SMALL).header("Idempotency-Key", key).post("/api/experiments");
            assertEquals(429, full.statusCode(), full.asString());

            given().delete("/api/experiments/" + queued).then().statusCode(200);
            Response retry = post(SMALL).header("Idempotency-Key", key).post("/api/experiments");
            assertEquals(202, retry.statusCode(), "the 429 bound nothing: " + retry.asString());
            String id = retry.path("id");
            assertNotEquals(queued, id);
            Response again = post(SMALL).header("Idempotency-Key", key).post("/api/experiments");
            assertEquals(id, again.path("id"), "and the accepted one is bound: " + again.asString());
            queued = id;
        } finally {
            given().delete("/api/experiments/" + blocker);
            if (queued != null) {
                given().delete("/api/experiments/" + queued);
            }
        }
    }

    @Test
    void aRetryOfADeletedExperimentIs404UntilTheKeyExpiresAndANewKeyRunsItAgain() throws InterruptedException {
        String key = newKey();
        String id = post(SMALL).header("Idempotency-Key", key).header("Prefer", "wait=60").post("/api/experiments")
                .then().statusCode(200).extract().path("id");
        given().delete("/api/experiments/" + id).then().statusCode(204);

        Response gone = post(SMALL).header("Idempotency-Key", key).post("/api/experiments");
        assertEquals(404, gone.statusCode(), gone.asString());
        assertEquals("urn:concurrency-playground:problem:not-found", gone.path("type"));
        assertTrue(gone.<String>path("detail").contains(id), gone.asString());
        Response fresh = post(SMALL).header("Idempotency-Key", newKey()).post("/api/experiments");
        assertEquals(202, fresh.statusCode(), fresh.asString());
        awaitStatus(fresh.path("id"), "COMPLETED");
    }
}
