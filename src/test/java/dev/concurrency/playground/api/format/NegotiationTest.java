package dev.concurrency.playground.api.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.ws.rs.core.MediaType;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NegotiationTest {

    private static final MediaType JSON = MediaType.APPLICATION_JSON_TYPE;
    private static final MediaType TEXT = MediaType.TEXT_PLAIN_TYPE;
    private static final MediaType CSV = new MediaType("text", "csv");
    private static final List<MediaType> OFFERED = List.of(JSON, TEXT, CSV);

    @Test
    void anythingOrNothingGetsTheFirstOffered() {
        assertEquals(Optional.of(JSON), choose("*/*"));
        assertEquals(Optional.of(JSON), choose("text/html, */*;q=0.8"));
    }

    @Test
    void anExactTypeGetsItself() {
        assertEquals(Optional.of(CSV), choose("text/csv"));
        assertEquals(Optional.of(TEXT), choose("text/plain"));
        assertEquals(Optional.of(JSON), choose("application/json"));
        assertEquals(Optional.of(CSV), choose("text/csv;charset=UTF-8"));
    }

    @Test
    void qualityDecidesAndTheMostSpecificRangeSetsIt() {
        assertEquals(Optional.of(TEXT), choose("text/csv;q=0.5, text/plain"));
        assertEquals(Optional.of(CSV), choose("*/*;q=0.1, text/csv"));
        assertEquals(Optional.of(TEXT), choose("application/json;q=0, */*"));
        assertEquals(Optional.of(CSV), choose("text/*;q=0.2, text/csv;q=0.9, */*;q=0.1"));
        assertEquals(Optional.of(TEXT), choose("text/*"));
    }

    @Test
    void ofTwoRangesEquallySpecificTheHigherWeightCounts() {
        assertEquals(Optional.of(CSV), choose("text/csv;q=0.1, text/plain;q=0.5, text/csv;q=0.9"));
        assertEquals(Optional.of(CSV), choose("text/csv;q=0.9, text/plain;q=0.5, text/csv;q=0.1, application/json;q=0.2"));
        // A more specific range decides even when a broader one weighs more.
        assertEquals(Optional.of(TEXT), choose("text/plain;q=0.3, */*;q=1, application/json;q=0.1, text/csv;q=0.2"));
    }

    @Test
    void aMalformedOrOutOfRangeWeightCountsAsOne() {
        assertEquals(Optional.of(CSV), choose("application/json;q=0.5, text/csv;q=abc"));
        assertEquals(Optional.of(CSV), choose("application/json;q=0.5, text/csv;q=7"));
        assertEquals(Optional.of(CSV), choose("application/json;q=0.5, text/csv;q=-1"));
        assertEquals(Optional.of(CSV), choose("application/json;q=0.999, text/csv;q=1"));
        assertEquals(Optional.empty(), choose("text/csv;q=0"));
    }

    @Test
    void nothingAcceptableIsEmpty() {
        assertEquals(Optional.empty(), choose("application/xml"));
        assertEquals(Optional.empty(), choose("text/*;q=0, application/*;q=0"));
    }

    private static Optional<MediaType> choose(String accept) {
        List<MediaType> ranges = Arrays.stream(accept.split(",")).map(String::trim).map(NegotiationTest::parse).toList();
        return Negotiation.choose(ranges, OFFERED);
    }

    /** Parsed by hand: MediaType.valueOf needs a JAX-RS runtime, and these tests run without Quarkus. */
    private static MediaType parse(String range) {
        String[] parts = range.split(";");
        String[] type = parts[0].trim().split("/");
        Map<String, String> parameters = new HashMap<>();
        for (int i = 1; i < parts.length; i++) {
            String[] pair = parts[i].trim().split("=");
            parameters.put(pair[0], pair[1]);
        }
        return new MediaType(type[0], type[1], parameters);
    }
}
