package dev.concurrency.playground.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Rewrites {@code src/main/resources/openapi-examples/comparisons.yaml}, the API description's examples
 * of a comparison, from this service's real answers: it runs one experiment twice and compares the two
 * runs in each representation. Like {@link OpenApiExamplesRefresh}, it does nothing without
 * {@code -Dexamples.refresh=true}, and its figures are measurements:
 *
 * <pre>
 * ./mvnw test -Dtest=ComparisonExamplesRefresh -Dexamples.refresh=true
 * ./mvnw package -DskipTests
 * </pre>
 *
 * <p>A file of its own, so that refreshing the comparison does not measure every other example anew.
 */
@QuarkusTest
@Tag("service")
@EnabledIfSystemProperty(named = "examples.refresh", matches = "true")
class ComparisonExamplesRefresh {

    private static final Path TARGET = Path.of("src/main/resources", OpenApiFragments.COMPARISONS);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Six trials: the fewest whose median has a 95% interval. */
    private static final String EXPERIMENT = """
            {"name": "%s", "strategies": ["atomic", "long-adder"], "threadCounts": [1, 2],
             "incrementsPerThread": 100000, "trials": 6, "warmupTrials": 1}""";

    @Test
    void rewriteTheComparisonExamples() throws Exception {
        String before = finished(EXPERIMENT.formatted("adders, first"));
        String after = finished(EXPERIMENT.formatted("adders, again"));
        String source = "GET /api/comparisons of two runs of POST /api/experiments "
                + EXPERIMENT.formatted("...").replaceAll("\\s*\n\\s*", " ");
        List<OpenApiExamplesYaml.Example> examples = List.of(
                new OpenApiExamplesYaml.Example("comparison", source, json(compare(before, after, "application/json"))),
                new OpenApiExamplesYaml.Example("comparison-csv", source + ", Accept: text/csv",
                        text(compare(before, after, "text/csv"))),
                new OpenApiExamplesYaml.Example("comparison-text", source + ", Accept: text/plain",
                        text(compare(before, after, "text/plain"))));
        Files.writeString(TARGET, OpenApiExamplesYaml.document("""
                # Examples of comparisons for the API description, merged into it like results.yaml. Written by
                # ComparisonExamplesRefresh from a running service's answers, so do not edit it by hand;
                # regenerate it, then the description, with
                #   ./mvnw test -Dtest=ComparisonExamplesRefresh -Dexamples.refresh=true
                #   ./mvnw package -DskipTests
                """, examples), StandardCharsets.UTF_8);

        JsonNode written = OpenApiFragments.readFile(TARGET).path("components").path("examples");
        for (OpenApiExamplesYaml.Example example : examples) {
            assertEquals(example.value(), written.path(example.name()).path("value"),
                    example.name() + " does not read back as it was answered");
        }
        assertEquals(examples.size(), written.size());
    }

    private static Response compare(String baseline, String candidate, String accept) {
        return given().accept(accept).queryParam("baseline", baseline).queryParam("candidate", candidate)
                .get("/api/comparisons");
    }

    private static String finished(String request) {
        return given().contentType(ContentType.JSON).header("Prefer", "wait=120").body(request)
                .post("/api/experiments").then().statusCode(200).extract().path("id");
    }

    private static JsonNode json(Response response) throws Exception {
        assertEquals(200, response.statusCode(), response.asString());
        return JSON.readTree(response.asString());
    }

    private static JsonNode text(Response response) {
        assertEquals(200, response.statusCode(), response.asString());
        return TextNode.valueOf(new String(response.asByteArray(), StandardCharsets.UTF_8));
    }
}
