package dev.concurrency.playground.api.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.concurrency.playground.experiment.run.ExperimentMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The mappers that no ordinary request reaches: a failure inside the service itself, and the
 * unreadable-body mappers for the exception types Quarkus does not wrap in a WebApplicationException
 * first. Each is called with a real Jackson exception, made by parsing a body that provokes it.
 */
class ProblemMappersTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ProblemMappers mappers = new ProblemMappers(new ExperimentMetrics(registry));
    private final ObjectMapper json = new ObjectMapper();

    record Picky(int value) {
    }

    /** Fields of JSON's other scalar types, named in JSON's words rather than Java's. */
    record Shares(List<Double> ratios, Boolean explain) {
    }

    @Test
    void anUnexpectedFailureIsA500ProblemWithAnErrorIdAndNoInternals() {
        Response response = mappers.unexpected(new IllegalStateException("secret internal state at Foo.java:42"), null);
        assertEquals(500, response.getStatus());
        assertEquals(Problem.MEDIA_TYPE, response.getMediaType().toString());
        Problem problem = (Problem) response.getEntity();
        assertEquals(ProblemTypes.INTERNAL_ERROR, problem.type());
        assertTrue(problem.detail().matches(".*error id [0-9a-f-]{36}.*"), problem.detail());
        assertFalse(problem.detail().contains("IllegalStateException"), problem.detail());
        assertFalse(problem.detail().contains("secret"), problem.detail());
        assertEquals(0.0, rejectedInvalid(), "a failure of the service is not a rejected request");
    }

    @Test
    void syntaxErrorsSayWhereTheJsonBroke() {
        JsonParseException e = failure("{\n  \"value\": 1,,\n}", Picky.class, JsonParseException.class);
        Problem problem = entity(mappers.malformed(e, null));
        assertEquals(ProblemTypes.MALFORMED_BODY, problem.type());
        assertTrue(problem.detail().startsWith("The request body is not valid JSON at line 2, column "), problem.detail());
        assertFalse(problem.detail().contains("Source:"), "Jackson's description of its input stays out: " + problem.detail());
        assertNull(problem.violations());
        assertEquals(1.0, rejectedInvalid());
    }

    @Test
    void aBodyOfTheWrongShapeIsShownWhatToSend() {
        MismatchedInputException e = failure("[1, 2]", Picky.class, MismatchedInputException.class);
        Problem problem = entity(mappers.mismatched(e, null));
        assertEquals(ProblemTypes.MALFORMED_BODY, problem.type());
        assertTrue(problem.detail().contains("must be a JSON object describing the experiment"), problem.detail());
        assertEquals(1.0, rejectedInvalid());
    }

    @Test
    void aFieldOfTheWrongTypeIsNamed() {
        MismatchedInputException e = failure("{\"value\": [3]}", Picky.class, MismatchedInputException.class);
        Problem problem = entity(mappers.mismatched(e, null));
        assertEquals(ProblemTypes.INVALID_REQUEST, problem.type());
        assertEquals(List.of(new Violation("value", "must be a whole number")), problem.violations());
    }

    @Test
    void numbersAndBooleansOfTheWrongTypeAreNamedInJsonsWords() {
        Problem ratio = entity(mappers.mismatched(failure("{\"ratios\": [\"x\"]}", Shares.class, MismatchedInputException.class), null));
        assertEquals(List.of(new Violation("ratios[0]", "must be a number")), ratio.violations());
        Problem flag = entity(mappers.mismatched(failure("{\"explain\": [1]}", Shares.class, MismatchedInputException.class), null));
        assertEquals(List.of(new Violation("explain", "must be true or false")), flag.violations());
    }

    @Test
    void anyOtherUnreadableBodyIsStillA400ProblemThatIsCounted() {
        // Nesting beyond Jackson's limit is neither a syntax error nor a mismatch: the most general mapper takes it.
        String deep = "{\"value\": " + "[".repeat(1200) + "]".repeat(1200) + "}";
        JsonProcessingException e = failure(deep, Object.class, JsonProcessingException.class);
        assertFalse(e instanceof JsonParseException || e instanceof MismatchedInputException, e.getClass().getName());
        Response response = mappers.unreadable(e, null);
        assertEquals(400, response.getStatus());
        assertEquals(Problem.MEDIA_TYPE, response.getMediaType().toString());
        Problem problem = entity(response);
        assertEquals(ProblemTypes.MALFORMED_BODY, problem.type());
        assertTrue(problem.detail().contains("nesting depth"), problem.detail());
        assertEquals(1.0, rejectedInvalid());
        mappers.unreadable(e, null);
        assertEquals(2.0, rejectedInvalid(), "every unreadable body is counted once");
    }

    @Test
    void aNumberTooLargeForItsFieldIsNamedAsOutOfRange() {
        JsonProcessingException e = failure("{\"value\": 99999999999}", Picky.class, JsonProcessingException.class);
        Problem problem = entity(mappers.unreadable(e, null));
        assertEquals(ProblemTypes.INVALID_REQUEST, problem.type());
        assertTrue(problem.detail().startsWith("A number in the request is too large"), problem.detail());
        assertEquals("value", problem.violations().get(0).field());
    }

    private <E extends JsonProcessingException> E failure(String body, Class<?> type, Class<E> expected) {
        JsonProcessingException thrown = assertThrows(JsonProcessingException.class, () -> json.readValue(body, type));
        return assertInstanceOf(expected, thrown, "Jackson threw " + thrown.getClass().getName());
    }

    private static Problem entity(Response response) {
        assertEquals(400, response.getStatus());
        return (Problem) response.getEntity();
    }

    private double rejectedInvalid() {
        var counter = registry.find("playground.experiments.rejected").tag("reason", "invalid").counter();
        return counter == null ? 0.0 : counter.count();
    }
}
