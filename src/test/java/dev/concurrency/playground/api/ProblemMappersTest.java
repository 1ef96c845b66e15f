package dev.concurrency.playground.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.concurrency.playground.experiment.ExperimentMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

/** The one path no request can reach on purpose: a failure inside the service itself. */
class ProblemMappersTest {

    private final ProblemMappers mappers = new ProblemMappers(new ExperimentMetrics(new SimpleMeterRegistry()));

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
    }
}
