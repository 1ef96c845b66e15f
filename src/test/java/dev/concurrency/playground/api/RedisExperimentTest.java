package dev.concurrency.playground.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.concurrency.playground.strategy.RedisCounter;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/**
 * The Redis strategies end to end, in the service as the test profile configures it (the machine's Redis on
 * 127.0.0.1:6379): listed as available, run over HTTP with every figure in place, the racy one caught, the
 * server named in each run, and no key left behind.
 */
@QuarkusTest
@Tag("service")
class RedisExperimentTest {

    @Test
    void theRedisStrategiesRunEndToEndAndSayWhichServerTheyUsed() throws IOException {
        given().when().get("/api/strategies/redis-incr").then().statusCode(200)
                .body("backend", equalTo("redis")).body("available", equalTo(true))
                .body("unavailableReason", nullValue()).body("enabledBy", nullValue());
        given().when().get("/api/strategies/atomic").then().statusCode(200)
                .body("available", equalTo(true)).body("backend", nullValue());

        JsonPath experiment = given().contentType(ContentType.JSON).header("Prefer", "wait=120")
                .body("{\"strategies\": [\"redis-get-set\", \"redis-incr\", \"redis-watch-multi\", \"redis-lua\"],"
                        + " \"threadCounts\": [4], \"durationMillis\": 100, \"trials\": 3, \"warmupTrials\": 0}")
                .when().post("/api/experiments").then().statusCode(200)
                .body("status", equalTo("COMPLETED"))
                .body("runs", hasSize(4))
                .body("runs.backend.product", everyItem(equalTo("Redis")))
                .body("runs.backend.version", everyItem(matchesPattern("\\d+\\.\\d+.*")))
                .body("runs.find { it.strategy == 'redis-watch-multi' }.trials.casFailures", everyItem(notNullValue()))
                .extract().jsonPath();
        for (String safe : new String[] {"redis-incr", "redis-watch-multi", "redis-lua"}) {
            assertTrue(experiment.getList("runs.find { it.strategy == '" + safe + "' }.trials.lostUpdates", Integer.class)
                    .stream().allMatch(lost -> lost == 0), safe + " lost updates: " + experiment.prettify());
        }
        assertTrue(experiment.getList("runs.trials.flatten()", java.util.Map.class).stream()
                .allMatch(t -> ((Number) t.get("actualCount")).longValue() <= ((Number) t.get("expectedCount")).longValue()),
                "nothing counts more than was done");
        assertTrue(experiment.getList("runs.find { it.strategy == 'redis-get-set' }.trials").size() == 3,
                "the racy run has its three trials");
        assertTrue(keysLeft() == 0, "the trials' keys were all deleted");
    }

    @Test
    void aRedisRunHasAtMostTheAllowedConnections() {
        given().contentType(ContentType.JSON)
                .body("{\"strategies\": [\"redis-incr\"], \"threadCounts\": [65], \"durationMillis\": 10}")
                .when().post("/api/experiments").then().statusCode(400)
                .body("violations[0].field", equalTo("threadCounts[0]"))
                .body("violations[0].message", containsString("playground.limits.max-redis-connections"));
        given().when().get("/api/limits").then().statusCode(200).body("maxRedisConnections", equalTo(64));
    }

    /** How many trial keys exist, by RESP over a plain socket: independent of the client under test. */
    private static int keysLeft() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", 6379)) {
            OutputStream out = socket.getOutputStream();
            String pattern = RedisCounter.KEY_PREFIX + "*";
            out.write(("*2\r\n$4\r\nKEYS\r\n$" + pattern.length() + "\r\n" + pattern + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder header = new StringBuilder();
            for (int c = in.read(); c != '\r'; c = in.read()) {
                header.append((char) c);
            }
            // "*N": N keys, each of which would belong to a trial that is running now; none runs here.
            return Integer.parseInt(header.substring(1));
        }
    }
}
