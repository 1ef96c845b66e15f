package dev.concurrency.playground.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import org.junit.jupiter.api.Test;

/** Runs against the packaged jar, as users start it: Swagger UI and the API must be there, not only in dev mode. */
@QuarkusIntegrationTest
class PackagedAppIT {

    @Test
    void swaggerUiIsServed() {
        given().when().get("/q/swagger-ui/").then().statusCode(200).body(containsString("swagger"));
        given().queryParam("format", "json").when().get("/q/openapi").then().statusCode(200)
                .body("info.title", equalTo("concurrency-playground API"));
    }

    @Test
    void anExperimentRunsToCompletion() {
        given().contentType("application/json").header("Prefer", "wait=60")
                .body("""
                        {"strategies": ["volatile", "atomic"], "threadCounts": [2], "durationMillis": 20, "trials": 2}""")
                .when().post("/api/experiments")
                .then().statusCode(200)
                .body("status", equalTo("COMPLETED"))
                .body("runs[1].summary.corruptedTrials", equalTo(0));
    }
}
