package dev.concurrency.playground.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.net.URL;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Clients that do not finish their request headers (slowloris), with a one-second header timeout and a
 * five-second idle timeout so the test is quick; and the requests those timeouts must not harm.
 */
@QuarkusTest
@Tag("service")
@TestProfile(SlowClientTest.ShortTimeouts.class)
class SlowClientTest {

    /** Far beyond either timeout, for a slow shared machine; the server closes much sooner. */
    private static final Duration GENEROUS = Duration.ofSeconds(20);

    public static class ShortTimeouts implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("playground.http.header-timeout", "1s", "quarkus.http.idle-timeout", "5s");
        }
    }

    @TestHTTPResource("/")
    URL base;

    @Test
    void aKeepAliveConnectionTricklingItsNextHeadersIsClosed() throws Exception {
        try (RawHttp http = new RawHttp(base)) {
            http.send("GET /api/limits HTTP/1.1\r\nHost: localhost\r\n\r\n");
            assertEquals(200, http.read().status());
            http.send("GET /api/limits HTTP/1.1\r\nHost: localhost\r\nX-Slow: ");
            long start = System.nanoTime();
            // One byte every 200 ms: never idle long enough for the idle timeout.
            boolean closed = http.closedWithin(GENEROUS, "abcdefgh", Duration.ofMillis(200));
            System.out.printf("trickling keep-alive connection closed after %d ms%n", (System.nanoTime() - start) / 1_000_000);
            assertTrue(closed, "a connection trickling its headers is still open after " + GENEROUS);
        }
    }

    @Test
    void aKeepAliveConnectionSendingHalfItsNextHeadersIsClosed() throws Exception {
        try (RawHttp http = new RawHttp(base)) {
            http.send("GET /api/limits HTTP/1.1\r\nHost: localhost\r\n\r\n");
            assertEquals(200, http.read().status());
            http.send("GET /api/limits HTTP/1.1\r\nHost: loc");
            assertTrue(http.closedWithin(GENEROUS, "", Duration.ofMillis(200)), "still open after " + GENEROUS);
        }
    }

    @Test
    void aNewConnectionSendingHalfAHeaderIsClosedByTheIdleTimeout() throws Exception {
        try (RawHttp http = new RawHttp(base)) {
            http.send("GET /api/limits HTTP/1.1\r\nHost: localhost\r\nX-Half: ");
            long start = System.nanoTime();
            boolean closed = http.closedWithin(GENEROUS, "", Duration.ofMillis(200));
            System.out.printf("silent half-header connection closed after %d ms%n", (System.nanoTime() - start) / 1_000_000);
            assertTrue(closed, "still open after " + GENEROUS);
        }
    }

    @Test
    void aKeepAliveConnectionServesRequestsSentInTime() throws Exception {
        try (RawHttp http = new RawHttp(base)) {
            for (int i = 0; i < 3; i++) {
                http.send("GET /api/limits HTTP/1.1\r\nHost: localhost\r\n\r\n");
                assertEquals(200, http.read().status());
                Thread.sleep(300);
            }
        }
    }

    @Test
    void aPreferWaitLongerThanTheHeaderTimeoutIsAnswered() throws Exception {
        String body = """
                {"strategies": ["atomic"], "threadCounts": [1], "durationMillis": 1500, "trials": 1, "warmupTrials": 0}""";
        try (RawHttp http = new RawHttp(base)) {
            long start = System.nanoTime();
            http.send("POST /api/experiments HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Prefer: wait=30\r\nContent-Length: " + body.length() + "\r\n\r\n" + body);
            RawHttp.Answer answer = http.read();
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertEquals(200, answer.status(), answer.body());
            assertTrue(answer.body().contains("\"COMPLETED\""), answer.body());
            // Beyond the 1 s header timeout; and under the 5 s idle timeout even when the runner repeats the
            // trial because the JIT compiled during it.
            assertTrue(millis >= 1500, "the response was held silent beyond the header timeout: " + millis + " ms");
            // The connection survived the wait and serves the next request.
            http.send("GET /api/limits HTTP/1.1\r\nHost: localhost\r\n\r\n");
            assertEquals(200, http.read().status());
        }
    }
}
