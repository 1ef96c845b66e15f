package dev.concurrency.playground.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.concurrency.playground.api.limits.FixedLimits;
import dev.concurrency.playground.api.problem.Problem;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.time.Duration;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Requests whose URL or headers are too large, and the connection timeouts, with the shipped configuration. */
@QuarkusTest
@Tag("service")
class HttpEdgeTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/")
    URL base;

    @Test
    void aHundredKilobyteUrlGetsA414Problem() throws Exception {
        try (RawHttp http = new RawHttp(base)) {
            http.send("GET /api/strategies?q=" + "a".repeat(100_000) + " HTTP/1.1\r\nHost: localhost\r\n\r\n");
            RawHttp.Answer answer = http.read();
            assertEquals(414, answer.status(), answer.body());
            assertEquals(Problem.MEDIA_TYPE, answer.header("Content-Type"));
            assertEquals("close", answer.header("Connection"));
            JsonNode problem = JSON.readTree(answer.body());
            assertEquals("urn:concurrency-playground:problem:url-too-long", problem.get("type").asText());
            assertEquals(414, problem.get("status").asInt());
            String detail = problem.get("detail").asText();
            assertTrue(detail.contains("100018 characters") && detail.contains("8192")
                    && detail.contains("playground.http.max-url-length"), detail);
            assertNull(problem.get("instance"), "a 100 KB path is not echoed back");
            assertTrue(answer.body().length() < 1000, "the problem stays small: " + answer.body().length());
            assertTrue(http.closedWithin(Duration.ofSeconds(10), "", Duration.ofMillis(200)), "the connection is closed");
        }
    }

    @Test
    void aHundredKilobyteHeaderGetsA431Problem() throws Exception {
        try (RawHttp http = new RawHttp(base)) {
            http.send("GET /api/strategies HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "b".repeat(100_000) + "\r\n\r\n");
            RawHttp.Answer answer = http.read();
            assertEquals(431, answer.status(), answer.body());
            assertEquals(Problem.MEDIA_TYPE, answer.header("Content-Type"));
            assertEquals("close", answer.header("Connection"));
            JsonNode problem = JSON.readTree(answer.body());
            assertEquals("urn:concurrency-playground:problem:headers-too-large", problem.get("type").asText());
            assertEquals(431, problem.get("status").asInt());
            assertEquals("/api/strategies", problem.get("instance").asText());
            String detail = problem.get("detail").asText();
            assertTrue(detail.contains("32768") && detail.contains("playground.http.max-header-size")
                    && detail.contains("'X-Big' with 100009 bytes"), detail);
            assertTrue(http.closedWithin(Duration.ofSeconds(10), "", Duration.ofMillis(200)), "the connection is closed");
        }
    }

    @Test
    void manyHeadersThatAddUpGetA431Problem() throws Exception {
        StringBuilder headers = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            headers.append("X-Part-").append(i).append(": ").append("c".repeat(1000)).append("\r\n");
        }
        try (RawHttp http = new RawHttp(base)) {
            http.send("GET /api/strategies HTTP/1.1\r\nHost: localhost\r\n" + headers + "\r\n");
            RawHttp.Answer answer = http.read();
            assertEquals(431, answer.status(), answer.body());
            assertEquals(Problem.MEDIA_TYPE, answer.header("Content-Type"));
        }
    }

    @Test
    void aUrlAndHeadersJustWithinTheLimitsAreServed() throws Exception {
        String path = "/api/strategies?q=";
        String url = path + "a".repeat(8192 - path.length());
        try (RawHttp http = new RawHttp(base)) {
            http.send("GET " + url + " HTTP/1.1\r\nHost: localhost\r\nX-Pad: " + "p".repeat(30_000) + "\r\n\r\n");
            RawHttp.Answer answer = http.read();
            assertEquals(200, answer.status(), answer.body());
            // and the connection stays usable
            http.send("GET /api/limits HTTP/1.1\r\nHost: localhost\r\n\r\n");
            assertEquals(200, http.read().status());
        }
    }

    /**
     * Requests whose framing the HTTP decoder cannot read are refused before the service sees them, with
     * Quarkus's own empty 400 (the README says so; no hook replaces it). What the service owes is that
     * they are refused, never served or left hanging, and that they cost nothing to anyone else.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Content-Length: abc", "Content-Length: -1", "Content-Length: 2\r\nContent-Length: 3",
            "Content-Length: 99999999999999999999", "Transfer-Encoding: chunked\r\nContent-Length: 2"})
    void aMalformedContentLengthIsRefusedAndTheServiceCarriesOn(String framing) throws Exception {
        try (RawHttp http = new RawHttp(base)) {
            http.send("POST /api/experiments HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + framing + "\r\n\r\n{}");
            RawHttp.Answer answer = http.read();
            assertEquals(400, answer.status(), answer.body());
            assertTrue(http.closedWithin(Duration.ofSeconds(10), "", Duration.ofMillis(200)), "the connection is closed");
        }
        try (RawHttp http = new RawHttp(base)) {
            http.send("GET /api/limits HTTP/1.1\r\nHost: localhost\r\n\r\n");
            assertEquals(200, http.read().status(), "the next client is served");
        }
    }

    @Test
    void theIdleTimeoutOutlastsTheLongestPreferWaitButNotHalfAnHour() {
        Duration idle = ConfigProvider.getConfig().getValue("quarkus.http.idle-timeout", Duration.class);
        assertTrue(idle.toSeconds() > FixedLimits.MAX_WAIT_SECONDS, "a Prefer: wait would be cut off: " + idle);
        assertTrue(idle.compareTo(Duration.ofMinutes(10)) <= 0, "a silent half-sent request is held too long: " + idle);
        Duration header = ConfigProvider.getConfig().getValue("playground.http.header-timeout", Duration.class);
        assertTrue(header.compareTo(Duration.ofMinutes(1)) <= 0, header.toString());
    }
}
