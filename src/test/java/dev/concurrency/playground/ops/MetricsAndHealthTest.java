package dev.concurrency.playground.ops;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@QuarkusTest
@Tag("service")
class MetricsAndHealthTest {

    @Test
    void prometheusSeesThePlaygroundsOwnMeters() {
        given().contentType(ContentType.JSON).header("Prefer", "wait=60")
                .body("""
                        {"strategies": ["volatile"], "threadCounts": [2], "durationMillis": 20, "trials": 2, "warmupTrials": 0}""")
                .when().post("/api/experiments").then().statusCode(200);
        given().contentType(ContentType.JSON).body("{}").when().post("/api/experiments").then().statusCode(400);

        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("playground_experiments_submitted_total"))
                .body(matchesPattern("(?s).*playground_experiments_rejected_total\\{[^}]*reason=\"invalid\".*"))
                .body(matchesPattern("(?s).*playground_experiments_finished_total\\{[^}]*status=\"completed\".*"))
                .body(containsString("playground_queue_depth"))
                .body(containsString("playground_experiments_running"))
                .body(matchesPattern("(?s).*playground_run_duration_seconds_count\\{[^}]*strategy=\"volatile\".*"))
                .body(matchesPattern("(?s).*playground_lost_updates_total\\{[^}]*strategy=\"volatile\".*"))
                .body(containsString("http_server_requests_seconds"));
    }

    @Test
    void readinessReportsTheRunnerAndQueue() {
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("experiment-runner"))
                .body("checks.find { it.name == 'experiment-runner' }.data.queueDepth", equalTo(0));
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get("/q/health/started").then().statusCode(200);
    }
}
