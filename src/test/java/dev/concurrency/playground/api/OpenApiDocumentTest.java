package dev.concurrency.playground.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The API description in {@code openapi/} is committed so that every change to the API shows up in
 * review. These tests fail when it no longer matches what the code serves, and when an operation is
 * missing what a client needs to use it without reading the source.
 */
@QuarkusTest
@Tag("service")
class OpenApiDocumentTest {

    private static final String REGENERATE =
            "openapi/ is stale: run ./mvnw package -DskipTests (the build writes openapi/openapi.json and "
                    + "openapi/openapi.yaml) and commit the result";

    private final ObjectMapper json = new ObjectMapper();
    private final ObjectMapper yaml = new YAMLMapper();

    @Test
    void committedJsonMatchesTheServedDocument() throws Exception {
        JsonNode committed = json.readTree(Files.readString(Path.of("openapi/openapi.json")));
        JsonNode served = json.readTree(given().queryParam("format", "json").get("/q/openapi").asString());
        assertEquals(served, committed, REGENERATE);
    }

    @Test
    void committedYamlMatchesTheServedDocument() throws Exception {
        // Key order differs between the build-time and the served YAML, so compare the trees.
        JsonNode committed = yaml.readTree(Files.readString(Path.of("openapi/openapi.yaml")));
        JsonNode served = yaml.readTree(given().queryParam("format", "yaml").get("/q/openapi").asString());
        assertEquals(served, committed, REGENERATE);
    }

    @Test
    void everyOperationIsDocumentedWellEnoughToUse() throws Exception {
        JsonNode document = json.readTree(Files.readString(Path.of("openapi/openapi.json")));
        assertTrue(document.path("servers").isMissingNode(), "no auto-added servers");
        List<String> problems = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                String where = op.getKey().toUpperCase() + " " + path.getKey();
                JsonNode operation = op.getValue();
                for (String field : List.of("operationId", "summary", "description")) {
                    if (operation.path(field).asText().isBlank()) {
                        problems.add(where + " has no " + field);
                    }
                }
                JsonNode responses = operation.path("responses");
                if (responses.isEmpty()) {
                    problems.add(where + " documents no responses");
                }
                for (Iterator<Map.Entry<String, JsonNode>> it = responses.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> response = it.next();
                    // Shared responses (the problems) are "$ref": "#/components/responses/...", a JSON pointer.
                    JsonNode described = response.getValue().has("$ref")
                            ? document.at(response.getValue().get("$ref").asText().substring(1))
                            : response.getValue();
                    if (described.isMissingNode()) {
                        problems.add(where + " " + response.getKey() + " refers to " + response.getValue() + ", which is not there");
                    }
                    JsonNode content = described.path("content");
                    if (content.isEmpty() && !response.getKey().equals("204") && !response.getKey().equals("304")) {
                        problems.add(where + " " + response.getKey() + " has no content");
                    }
                    content.fields().forEachRemaining(media -> {
                        if (media.getValue().path("examples").isEmpty() && media.getValue().path("example").isMissingNode()) {
                            problems.add(where + " " + response.getKey() + " " + media.getKey() + " has no example");
                        }
                    });
                }
            }
        }
        assertEquals(List.of(), problems);
        JsonNode accepted = document.at("/paths/~1api~1experiments/post/responses/202/headers/Location");
        assertFalse(accepted.isMissingNode(), "the 202 documents its Location header");
    }
}
