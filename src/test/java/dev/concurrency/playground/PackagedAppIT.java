package dev.concurrency.playground;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import dev.concurrency.playground.config.ConfigDefaults;
import dev.concurrency.playground.config.RunnerConfig;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import org.junit.jupiter.api.Test;

/** Runs against the packaged jar, as users start it: everything must be there, not only in dev or test mode. */
@QuarkusIntegrationTest
class PackagedAppIT {

    @Test
    void swaggerUiIsServed() {
        given().when().get("/q/swagger-ui/").then().statusCode(200).body(containsString("swagger"));
        given().queryParam("format", "json").when().get("/q/openapi").then().statusCode(200)
                .body("info.title", equalTo("concurrency-playground API"));
    }

    @Test
    void anExperimentRunsToCompletionAndReadsInEveryFormat() {
        String id = given().contentType("application/json").header("Prefer", "wait=60")
                .body("""
                        {"strategies": ["volatile", "atomic"], "threadCounts": [2], "durationMillis": 20, "trials": 2}""")
                .when().post("/api/experiments")
                .then().statusCode(200)
                .body("status", equalTo("COMPLETED"))
                .body("runs[1].summary.corruptedTrials", equalTo(0))
                .extract().path("id");
        given().accept("text/csv").when().get("/api/experiments/" + id).then().statusCode(200)
                .body(startsWith("experimentId,experimentName,strategy,threads,threadType,workInside,workOutside,readRatio,blockInsideMicros,blockOutsideMicros,trial"));
        given().accept("text/plain").when().get("/api/experiments/" + id).then().statusCode(200)
                .body(containsString("volatile"));
        given().when().get("/api/experiments/" + id + "/jmh").then().statusCode(200)
                .body("[0].mode", equalTo("avgt"));
    }

    @Test
    void healthAndMetricsAreServed() {
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get("/q/health/live").then().statusCode(200);
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("playground_queue_depth"));
        given().when().get("/api/limits").then().statusCode(200).body("queueCapacity", equalTo(ConfigDefaults.of(RunnerConfig.class).queue().capacity()));
    }
}
