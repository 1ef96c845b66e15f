package dev.concurrency.playground.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.restassured.OpenApiValidationFilter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Every documented response is what the server really sends: the documented example requests are
 * replayed, and each answer's status, media type and body are checked against the committed OpenAPI
 * document (with Atlassian's swagger-request-validator). Error answers are provoked the way a client
 * would get them and checked the same way.
 */
@QuarkusTest
@Tag("service")
class OpenApiConformanceTest {

    private static final String DOCUMENT = "openapi/openapi.json";

    /** Checks requests and responses: for the documented examples, which must themselves be valid. */
    private final OpenApiValidationFilter strict = new OpenApiValidationFilter(
            OpenApiInteractionValidator.createFor(DOCUMENT).build());

    /** Checks responses only: for requests that are wrong on purpose. */
    private final OpenApiValidationFilter responsesOnly = new OpenApiValidationFilter(
            OpenApiInteractionValidator.createFor(DOCUMENT)
                    .withLevelResolver(LevelResolver.create()
                            .withLevel("validation.request", ValidationReport.Level.IGNORE)
                            .build())
                    .build());

    @Test
    void documentedExampleSubmissionsGetTheDocumentedAnswers() throws Exception {
        JsonNode document = new ObjectMapper().readTree(Files.readString(Path.of(DOCUMENT)));
        JsonNode examples = document.at("/paths/~1api~1experiments/post/requestBody/content/application~1json/examples");
        assertFalse(examples.isEmpty(), "the submission has documented examples");
        List<String> ids = new ArrayList<>();
        for (JsonNode example : examples) {
            // The examples are shared components: "$ref": "#/components/examples/..." is a JSON pointer.
            JsonNode value = (example.has("$ref") ? document.at(example.get("$ref").asText().substring(1)) : example)
                    .get("value");
            // Queued and then cancelled: the replay checks the answers, not how long the example runs.
            String id = given().filter(strict).contentType(ContentType.JSON).body(value.toString())
                    .when().post("/api/experiments").then().statusCode(202).extract().path("id");
            ids.add(id);
        }
        for (String id : ids) {
            given().filter(strict).when().delete("/api/experiments/" + id).then().statusCode(200);
            given().filter(strict).when().get("/api/experiments/" + id).then().statusCode(200);
            given().filter(strict).when().get("/api/experiments/" + id + "/jmh").then().statusCode(200);
            given().filter(strict).when().delete("/api/experiments/" + id).then().statusCode(204);
        }
    }

    @Test
    void finishedExperimentsInEveryFormatMatchTheDocument() {
        String id = given().filter(strict).contentType(ContentType.JSON).header("Prefer", "wait=60")
                .body("""
                        {"name": "conformance", "strategies": ["volatile", "cas-loop"], "threadCounts": [1, 2],
                         "durationMillis": 20, "trials": 2, "warmupTrials": 0}""")
                .when().post("/api/experiments").then().statusCode(200).extract().path("id");
        given().filter(strict).when().get("/api/experiments/" + id).then().statusCode(200);
        given().filter(strict).accept("text/csv").when().get("/api/experiments/" + id).then().statusCode(200);
        given().filter(strict).accept("text/plain").when().get("/api/experiments/" + id).then().statusCode(200);
        given().filter(strict).when().get("/api/experiments/" + id + "/jmh").then().statusCode(200);
        given().filter(strict).when().get("/api/experiments/" + id + "/runs").then().statusCode(200);
        given().filter(strict).accept("text/csv").when().get("/api/experiments/" + id + "/runs").then().statusCode(200);
        given().filter(strict).accept("text/csv").when().get("/api/experiments").then().statusCode(200);
        given().filter(strict).queryParam("limit", 5).when().get("/api/experiments").then().statusCode(200);
        given().filter(strict).queryParam("status", "COMPLETED").when().get("/api/experiments").then().statusCode(200);
        given().filter(strict).when().get("/api/strategies").then().statusCode(200);
        given().filter(strict).when().get("/api/strategies/atomic").then().statusCode(200);
        given().filter(strict).when().get("/api/limits").then().statusCode(200);
    }

    @Test
    void errorsMatchTheDocument() {
        given().filter(responsesOnly).contentType(ContentType.JSON)
                .body("{\"strategies\": [\"nope\"], \"threadCounts\": [0]}")
                .when().post("/api/experiments").then().statusCode(400);
        given().filter(responsesOnly).contentType(ContentType.JSON).body("{\"strategies\": [")
                .when().post("/api/experiments").then().statusCode(400);
        given().filter(responsesOnly).contentType(ContentType.TEXT).body("x")
                .when().post("/api/experiments").then().statusCode(415);
        given().filter(responsesOnly).contentType(ContentType.JSON)
                .body("{\"name\": \"" + "x".repeat(70_000) + "\", \"strategies\": [\"atomic\"], \"threadCounts\": [1]}")
                .when().post("/api/experiments").then().statusCode(413);
        given().filter(responsesOnly).when().get("/api/strategies/nope").then().statusCode(404);
        given().filter(responsesOnly).when().get("/api/experiments/nope").then().statusCode(404);
        given().filter(responsesOnly).when().get("/api/experiments/nope/jmh").then().statusCode(404);
        given().filter(responsesOnly).when().delete("/api/experiments/nope").then().statusCode(404);
        given().filter(responsesOnly).accept("application/xml").when().get("/api/experiments/nope").then()
                .statusCode(406);
        given().filter(responsesOnly).accept("text/csv").when().get("/api/experiments/nope").then()
                .statusCode(404);
        given().filter(responsesOnly).queryParam("limit", 0).when().get("/api/experiments").then().statusCode(400);
    }
}
