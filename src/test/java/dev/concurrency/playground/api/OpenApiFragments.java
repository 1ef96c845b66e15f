package dev.concurrency.playground.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads the OpenAPI fragments that SmallRye OpenAPI merges into the API description, from the
 * classpath, as the build does: {@code META-INF/openapi.yaml} (hand-written) and
 * {@code openapi-examples/results.yaml} (rewritten from a running service by
 * {@link OpenApiExamplesRefresh}).
 */
public final class OpenApiFragments {

    /** The hand-written fragment: problem responses and example requests. */
    public static final String HAND_WRITTEN = "META-INF/openapi.yaml";
    /** The examples of real results. */
    public static final String RESULTS = "openapi-examples/results.yaml";
    /** The examples of real comparisons, rewritten by {@link ComparisonExamplesRefresh}. */
    public static final String COMPARISONS = "openapi-examples/comparisons.yaml";

    private static final YAMLMapper YAML = new YAMLMapper();

    private OpenApiFragments() {
    }

    /** The fragment at a classpath location, as a tree. */
    public static JsonNode read(String resource) {
        try (InputStream in = OpenApiFragments.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the classpath");
            }
            return YAML.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fragment file, as a tree. */
    public static JsonNode readFile(Path file) {
        try {
            return YAML.readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The {@code value} of a named example of real results. */
    public static JsonNode result(String name) {
        return value(RESULTS, name);
    }

    /** The {@code value} of a named example in a fragment; fails if there is none. */
    public static JsonNode value(String resource, String name) {
        JsonNode value = read(resource).path("components").path("examples").path(name).path("value");
        if (value.isMissingNode()) {
            throw new IllegalStateException(resource + " has no example '" + name + "'");
        }
        return value;
    }
}
