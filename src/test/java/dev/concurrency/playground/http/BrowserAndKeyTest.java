package dev.concurrency.playground.http;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** CORS for pages on other origins, and the optional API key, as a shared deployment would set them. */
@QuarkusTest
@Tag("service")
@TestProfile(BrowserAndKeyTest.SharedDeployment.class)
class BrowserAndKeyTest {

    private static final String LAB = "https://lab.example.org";
    private static final String ELSEWHERE = "https://blog.example.com";
    private static final String KEY = "s3cret-key";
    private static final String SMALL = """
            {"strategies": ["atomic"], "threadCounts": [1], "incrementsPerThread": 10, "trials": 1, "warmupTrials": 0}""";

    public static class SharedDeployment implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("playground.cors.allowed-origins", LAB, "playground.security.api-key", KEY);
        }
    }

    @Test
    void anyPageMayReadResults() {
        given().header("Origin", ELSEWHERE).when().get("/api/strategies").then().statusCode(200)
                .header("Access-Control-Allow-Origin", ELSEWHERE)
                .header("Vary", containsString("Origin"));
        given().header("Origin", ELSEWHERE).header("Access-Control-Request-Method", "GET")
                .when().options("/api/experiments").then().statusCode(204)
                .header("Access-Control-Allow-Origin", ELSEWHERE);
    }

    @Test
    void onlyConfiguredOriginsMayWrite() {
        given().header("Origin", LAB).header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type, authorization, prefer")
                .when().options("/api/experiments").then().statusCode(204)
                .header("Access-Control-Allow-Origin", LAB)
                .header("Access-Control-Allow-Methods", containsString("POST"))
                .header("Access-Control-Allow-Methods", containsString("DELETE"))
                .header("Access-Control-Allow-Headers", containsString("Authorization"));
        given().header("Origin", ELSEWHERE).header("Access-Control-Request-Method", "DELETE")
                .when().options("/api/experiments/some-id").then().statusCode(204)
                .header("Access-Control-Allow-Origin", nullValue());
        given().header("Origin", LAB).header("Authorization", "Bearer " + KEY).contentType(ContentType.JSON).body(SMALL)
                .when().post("/api/experiments").then().statusCode(202)
                .header("Access-Control-Allow-Origin", LAB)
                .header("Access-Control-Expose-Headers", containsString("Location"));
    }

    @Test
    void writingNeedsTheKeyAndReadingDoesNot() {
        given().contentType(ContentType.JSON).body(SMALL).when().post("/api/experiments").then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("Bearer"))
                .body("status", equalTo(401))
                .body("detail", containsString("Authorization: Bearer"));
        given().header("Authorization", "Bearer wrong").contentType(ContentType.JSON).body(SMALL)
                .when().post("/api/experiments").then().statusCode(401).body("detail", containsString("not valid"));
        given().when().delete("/api/experiments/some-id").then().statusCode(401);

        String id = given().header("Authorization", "Bearer " + KEY).header("Prefer", "wait=30")
                .contentType(ContentType.JSON).body(SMALL)
                .when().post("/api/experiments").then().statusCode(200).extract().path("id");
        given().when().get("/api/experiments/" + id).then().statusCode(200);
        given().header("Authorization", "bearer " + KEY).when().delete("/api/experiments/" + id).then().statusCode(204);
    }
}
