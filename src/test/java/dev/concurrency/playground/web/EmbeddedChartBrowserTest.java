package dev.concurrency.playground.web;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;

/**
 * What the README promises people who embed results in their own pages: a chart is one {@code <img>} tag
 * and the live view one {@code <iframe>}, on a page of <em>another origin</em>, with nothing else to set
 * up. The other origin is a page served here by the JDK's own HTTP server on another port (and under
 * the host name {@code localhost} rather than the service's {@code 127.0.0.1}), opened in headless
 * Chromium; no assertion is about time.
 *
 * <p>With {@code -Ddocs.refresh=true} it also writes the README's screenshot of such a page.
 */
@QuarkusTest
@Tag("service")
class EmbeddedChartBrowserTest {

    private static final boolean REFRESH_DOCS = Boolean.getBoolean("docs.refresh");
    private static final int WIDTH = 560;
    private static final int HEIGHT = 320;

    @TestHTTPResource("/")
    URL service;

    @Test
    void chartsAndTheLiveViewWorkOnAPageOfAnotherOrigin() throws IOException {
        Map<String, Object> spec = Map.of("name", "embedded <b>chart</b>", "strategies", List.of("unsynchronized", "atomic"),
                "threadCounts", List.of(1, 2), "durationMillis", 20, "trials", 2, "warmupTrials", 0);
        String baseline = finished(spec);
        String candidate = finished(spec);
        String origin = "http://127.0.0.1:" + service.getPort();
        String charts = origin + "/api/experiments/" + baseline + "/charts/";
        String page = """
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8"><title>Course notes</title></head>
                <body>
                <h1>Course notes: lost updates</h1>
                <img id="cost" alt="ns per increment" src="%1$scost.svg?width=%2$d&amp;height=%3$d&amp;scale=log">
                <img id="lost" alt="lost updates" src="%1$slost-updates.svg?width=%2$d&amp;height=%3$d&amp;theme=dark">
                <img id="compare" alt="what changed" src="%4$s/api/comparisons/chart.svg?baseline=%5$s&amp;candidate=%6$s&amp;width=%2$d&amp;height=%3$d">
                <iframe id="live" title="the experiment" src="%4$s/embed/experiments/%5$s" width="900" height="600"></iframe>
                </body></html>
                """.formatted(charts, WIDTH, HEIGHT, origin, baseline, candidate);

        HttpServer other = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        other.createContext("/", exchange -> {
            byte[] body = page.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        other.start();
        try (Chromium browser = Chromium.start()) {
            String notes = "http://localhost:" + other.getAddress().getPort() + "/notes.html";
            assertNotEquals(URI.create(origin).getPort(), URI.create(notes).getPort(), "another origin");
            browser.open(notes);

            for (String img : List.of("cost", "lost", "compare")) {
                // An image that failed to load or to decode as SVG has no natural size.
                Long width = browser.await(d -> (Long) browser.script("""
                        const img = document.getElementById(arguments[0]);
                        return img.complete && img.naturalWidth > 0 ? img.naturalWidth : null;""", img), "the image " + img);
                Long height = (Long) browser.script("return document.getElementById(arguments[0]).naturalHeight", img);
                assertEquals(WIDTH, width.intValue(), img + " drawn at the width asked for");
                assertEquals(HEIGHT, height.intValue(), img + " drawn at the height asked for");
            }

            // The live view, framed by a page of another origin (frame-ancestors * by default), shows the result.
            browser.driver().switchTo().frame(browser.find("#live"));
            browser.await(d -> "true".equals(browser.find("html").getDomAttribute("data-ready")), "the embed view's ready flag");
            WebElement title = browser.await(d -> browser.findAll("#experiment-title").stream()
                    .filter(t -> !t.getText().isBlank()).findFirst().orElse(null), "the embedded experiment's title");
            assertEquals("embedded <b>chart</b>", title.getText(), "the name as text, markup and all");
            assertTrue(browser.findAll("#chart-cost svg.pg-chart").size() == 1, "the embed view draws the cost chart");
            browser.driver().switchTo().defaultContent();

            assertEquals(List.of(), browser.consoleErrors(), "the browser's console reported errors");
            if (REFRESH_DOCS) {
                browser.screenshot(Path.of("src/docs/embedded-chart.png"));
            }
        } finally {
            other.stop(0);
        }
    }

    private static String finished(Map<String, Object> spec) {
        return given().contentType(ContentType.JSON).header("Prefer", "wait=60").body(spec)
                .when().post("/api/experiments").then().statusCode(200).extract().path("id");
    }
}
