package dev.concurrency.playground.api.chart;

import static dev.concurrency.playground.api.chart.svg.SvgDocuments.children;
import static dev.concurrency.playground.api.chart.svg.SvgDocuments.find;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.restassured.OpenApiValidationFilter;
import dev.concurrency.playground.api.chart.svg.SvgDocuments;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Element;

/** The chart endpoints over HTTP: images, options, errors, caching, and the answers the API description documents. */
@QuarkusTest
@Tag("service")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChartResourceTest {

    private static final String HOSTILE = "</title><script>alert(1)</script>\"'&";

    private final OpenApiValidationFilter strict = new OpenApiValidationFilter(
            OpenApiInteractionValidator.createFor("openapi/openapi.json").build());
    private final OpenApiValidationFilter responsesOnly = new OpenApiValidationFilter(
            OpenApiInteractionValidator.createFor("openapi/openapi.json")
                    .withLevelResolver(LevelResolver.create()
                            .withLevel("validation.request", ValidationReport.Level.IGNORE).build())
                    .build());

    private String id;

    /** Made by the first test that needs it: RestAssured knows the port only once the tests run. */
    private String id() {
        if (id == null) {
            id = finishedExperiment();
        }
        return id;
    }

    private static String finishedExperiment() {
        return given().contentType(ContentType.JSON).header("Prefer", "wait=60")
                .body("""
                        {"name": "%s", "strategies": ["unsynchronized", "atomic"], "threadCounts": [1, 2],
                         "durationMillis": 10, "trials": 2, "warmupTrials": 0}""".formatted(HOSTILE.replace("\"", "\\\"")))
                .post("/api/experiments").then().statusCode(200).extract().path("id");
    }

    private String chart(String kind) {
        return "/api/experiments/" + id() + "/charts/" + kind + ".svg";
    }

    @ParameterizedTest
    @ValueSource(strings = {"cost", "lost-updates", "thread-share"})
    void everyKindIsAnImageWithAPointOrBarPerRun(String kind) throws Exception {
        Response response = given().filter(strict).get(chart(kind));
        response.then().statusCode(200)
                .header("Content-Type", equalTo("image/svg+xml;charset=UTF-8"))
                .header("Cache-Control", equalTo("public, max-age=31536000, immutable"))
                .header("Cross-Origin-Resource-Policy", equalTo("cross-origin"))
                .header("Content-Security-Policy", equalTo("default-src 'none'"))
                .header("ETag", startsWith("\""));
        String svg = response.asString();
        Element root = SvgDocuments.parse(svg).getDocumentElement();
        assertEquals(kind, root.getAttribute("data-kind"));
        assertEquals(HOSTILE, children(root, "title").getFirst().getTextContent());
        assertFalse(svg.contains("<script"));
        assertEquals(2, find(root, "g", "series").size());
        int marks = find(root, "circle", "point").size() + find(root, "rect", "bar").size();
        assertEquals(4, marks, "one mark per run");
        assertTrue(find(root, "text", "stamp").getFirst().getTextContent().contains(id()));
    }

    @Test
    void aRevalidationWithTheETagIsNotModified() {
        String etag = given().get(chart("cost")).then().statusCode(200).extract().header("ETag");
        given().filter(strict).header("If-None-Match", etag).get(chart("cost")).then().statusCode(304)
                .header("ETag", equalTo(etag));
        String other = given().queryParam("theme", "dark").get(chart("cost")).then().statusCode(200)
                .extract().header("ETag");
        assertFalse(etag.equals(other), "another drawing, another tag");
        given().head(chart("cost")).then().statusCode(200).header("ETag", equalTo(etag));
    }

    @Test
    void optionsChangeTheDrawing() throws Exception {
        String svg = given().filter(strict).queryParam("metric", "ops-per-second").queryParam("scale", "log")
                .queryParam("width", 240).queryParam("height", 160).queryParam("theme", "dark")
                .queryParam("title", "<b>mine</b>").get(chart("cost")).then().statusCode(200).extract().asString();
        Element root = SvgDocuments.parse(svg).getDocumentElement();
        assertEquals("240", root.getAttribute("width"));
        assertEquals("160", root.getAttribute("height"));
        assertEquals("<b>mine</b>", children(root, "title").getFirst().getTextContent());
        // At 160 pixels the axis label is cut short; the description says it whole.
        assertTrue(children(root, "desc").getFirst().getTextContent().contains("ops/s"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "cost|width|99999|width",
        "cost|width|NaN|width",
        "cost|height|1e3|height",
        "cost|theme|pink|theme",
        "cost|metric|lost-update-rate|metric",
        "lost-updates|scale|log|scale",
        "cost|colour|red|colour",
        "nope|width|720|kind",
        "..%2Fx|width|720|kind"})
    void badOptionsAreA400NamingTheParameter(String kind, String name, String value, String field) {
        given().filter(responsesOnly).urlEncodingEnabled(!kind.contains("%")).queryParam(name, value)
                .get(chart(kind)).then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItem(field));
    }

    @Test
    void aTooLongTitleOrARepeatedOptionIsA400() {
        given().queryParam("title", "x".repeat(201)).get(chart("cost")).then().statusCode(400)
                .body("violations.field", hasItem("title"));
        given().queryParam("width", 300).queryParam("width", 400).get(chart("cost")).then().statusCode(400)
                .body("violations[0].message", containsString("once"));
    }

    @Test
    void anUnknownExperimentIsA404AndAnotherMediaTypeA406() {
        given().filter(responsesOnly).get("/api/experiments/nope/charts/cost.svg").then().statusCode(404)
                .contentType("application/problem+json");
        given().filter(responsesOnly).accept("application/json").get(chart("cost")).then().statusCode(406)
                .contentType("application/problem+json").body("detail", containsString("image/svg+xml"));
        // What an <img> sends.
        given().accept("image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8").get(chart("cost")).then()
                .statusCode(200);
    }

    @Test
    void aQueuedExperimentSaysNoRunsYetAndIsNotCachedForGood() throws Exception {
        // Busy for a while: the second is still queued behind it.
        String busy = given().contentType(ContentType.JSON).body("""
                {"strategies": ["fair-lock"], "threadCounts": [2], "durationMillis": 1000, "trials": 30, "warmupTrials": 0}""")
                .post("/api/experiments").then().statusCode(202).extract().path("id");
        String queued = given().contentType(ContentType.JSON).body("""
                {"strategies": ["atomic"], "threadCounts": [1], "durationMillis": 10, "trials": 1, "warmupTrials": 0}""")
                .post("/api/experiments").then().statusCode(202).extract().path("id");
        try {
            Response response = given().get("/api/experiments/" + queued + "/charts/cost.svg");
            response.then().statusCode(200).header("Cache-Control", equalTo("no-cache"));
            Element root = SvgDocuments.parse(response.asString()).getDocumentElement();
            assertEquals("no runs yet", find(root, "text", "empty").getFirst().getTextContent());
        } finally {
            given().delete("/api/experiments/" + queued);
            given().delete("/api/experiments/" + busy);
        }
    }

    @Test
    void aComparisonChartHasABarPerPair() throws Exception {
        Response response = given().filter(strict).queryParam("baseline", id()).queryParam("candidate", id())
                .get("/api/comparisons/chart.svg");
        response.then().statusCode(200).header("Cache-Control", equalTo("public, max-age=31536000, immutable"))
                .header("Cross-Origin-Resource-Policy", equalTo("cross-origin"));
        Element root = SvgDocuments.parse(response.asString()).getDocumentElement();
        assertEquals("comparison", root.getAttribute("data-kind"));
        List<Element> bars = find(root, "rect", "bar");
        assertEquals(4, bars.size());
        // An experiment against itself: no change anywhere, and none significant.
        for (Element bar : bars) {
            assertEquals("0", bar.getAttribute("data-y"));
            assertEquals("false", bar.getAttribute("data-significant"));
        }
        given().filter(responsesOnly).queryParam("baseline", id()).get("/api/comparisons/chart.svg").then()
                .statusCode(400).body("violations.field", hasItem("candidate"));
        given().filter(responsesOnly).queryParam("baseline", id()).queryParam("candidate", id())
                .queryParam("metric", "fairness").get("/api/comparisons/chart.svg").then().statusCode(400)
                .body("violations.field", hasItem("metric"));
        given().filter(responsesOnly).queryParam("baseline", id()).queryParam("candidate", "nope")
                .get("/api/comparisons/chart.svg").then().statusCode(404);
    }
}
