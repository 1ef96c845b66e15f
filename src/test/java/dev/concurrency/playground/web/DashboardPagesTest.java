package dev.concurrency.playground.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The pages' routes and headers, over plain HTTP. */
@QuarkusTest
@Tag("service")
class DashboardPagesTest {

    static final String DASHBOARD_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /** A small experiment, queued or run: its page exists as soon as the service has accepted it. */
    private static String anExperiment() {
        return given().contentType(ContentType.JSON)
                .body(Map.of("strategies", List.of("atomic"), "threadCounts", List.of(1), "incrementsPerThread", 1000,
                        "trials", 1))
                .when().post("/api/experiments").then().statusCode(202).extract().path("id");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/experiments/%s", "/experiments/%s?metric=ops-per-second&scale=log"})
    void theDashboardIsServedWithItsPolicy(String path) {
        given().when().get(path.formatted(anExperiment())).then().statusCode(200)
                .contentType(containsString("text/html"))
                .header("Content-Security-Policy", DASHBOARD_POLICY)
                .header("X-Frame-Options", "DENY")
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .header("Cache-Control", "no-cache")
                .header("ETag", not(emptyOrNullString()))
                .body(containsString("/dashboard/app.js"));
    }

    @Test
    void theEmbedViewMayBeFramedByAnyPageByDefault() {
        given().when().get("/embed/experiments/" + anExperiment()).then().statusCode(200)
                .header("Content-Security-Policy", DASHBOARD_POLICY.replace("frame-ancestors 'none'", "frame-ancestors *"))
                .header("X-Frame-Options", nullValue())
                .header("X-Content-Type-Options", "nosniff")
                .body(containsString("/dashboard/embed.js"));
    }

    /**
     * A link to an experiment the service does not hold is a dead link, and says so by its status, while the
     * page is still sent so that a person reads the service's detail there; a fresh ETag does not turn it into a 304.
     */
    @ParameterizedTest
    @ValueSource(strings = {"/experiments/0b6f3c52-7d0e-4f6b-9a51-2f1c8e9d4a70", "/experiments/not-an-id",
            "/embed/experiments/0b6f3c52-7d0e-4f6b-9a51-2f1c8e9d4a70", "/embed/experiments/NOT-AN-ID"})
    void aPageForAnUnknownExperimentIsA404(String path) {
        String etag = given().when().get(path).then().statusCode(404)
                .contentType(containsString("text/html"))
                .header("X-Content-Type-Options", "nosniff")
                .body(containsString("/dashboard/"))
                .extract().header("ETag");
        given().header("If-None-Match", etag).when().get(path).then().statusCode(404);
        given().when().head(path).then().statusCode(404);
    }

    @Test
    void filesAreRevalidatedByTheirETag() {
        String etag = given().when().get("/dashboard/app.js").then().statusCode(200)
                .contentType(containsString("text/javascript")).header("X-Content-Type-Options", "nosniff")
                .extract().header("ETag");
        given().header("If-None-Match", etag).when().get("/dashboard/app.js").then().statusCode(304);
        given().header("If-None-Match", "\"other\"").when().get("/dashboard/app.js").then().statusCode(200);
        given().when().get("/dashboard/dashboard.css").then().statusCode(200).contentType(containsString("text/css"));
        given().when().head("/").then().statusCode(200).header("ETag", not(emptyOrNullString()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/nope", "/dashboard/nope.js", "/dashboard/../application.properties", "/experiments/a/b",
            "/embed/experiments/", "/dashboard/APP.JS"})
    void anythingElseIsTheApisProblem404(String path) {
        given().urlEncodingEnabled(false).when().get(path).then().statusCode(404)
                .contentType("application/problem+json").body("status", equalTo(404));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/experiments/some-id", "/embed/experiments/some-id"})
    void aPageIsOnlyRead(String path) {
        for (String method : List.of("POST", "PUT", "DELETE", "PATCH")) {
            given().when().request(method, path).then().statusCode(405)
                    .contentType("application/problem+json")
                    .header("Allow", "GET, HEAD, OPTIONS")
                    .body("status", equalTo(405), "instance", equalTo(path));
        }
        given().when().options(path).then().statusCode(204).header("Allow", "GET, HEAD, OPTIONS");
    }

    @Test
    void thePagesAreNotPartOfTheApiDescription() {
        Map<String, Object> paths = JsonPath.from(given().queryParam("format", "json").when().get("/q/openapi").asString())
                .getMap("paths");
        assertFalse(paths.isEmpty());
        assertEquals(List.of(), paths.keySet().stream().filter(p -> !p.startsWith("/api/")).toList());
    }

    @Test
    void frameAncestorsAreCheckedAtStartup() {
        assertEquals("*", DashboardPages.frameAncestors(List.of("*")));
        assertEquals("'self' https://wiki.example.org", DashboardPages.frameAncestors(List.of("'self'", " https://wiki.example.org")));
        assertEquals("'none'", DashboardPages.frameAncestors(List.of(" ")));
        assertThrows(IllegalArgumentException.class, () -> DashboardPages.frameAncestors(List.of("https://a.org; script-src *")));
    }
}
