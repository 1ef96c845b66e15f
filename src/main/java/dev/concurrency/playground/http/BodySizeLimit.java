package dev.concurrency.playground.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.concurrency.playground.api.problem.Problem;
import dev.concurrency.playground.api.problem.ProblemTypes;
import dev.concurrency.playground.config.HttpConfig;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Refuses request bodies over the playground's limit with a problem, before anything reads them.
 *
 * <p>Quarkus's own limit ({@code quarkus.http.limits.max-body-size}) answers with an empty 413; it is
 * kept higher, as a backstop for bodies that do not announce their length, and this filter enforces
 * the real, much smaller limit on every request that does (which is every request curl and browsers
 * send with a body).
 */
@ApplicationScoped
public class BodySizeLimit {

    private final long maxBytes;
    private final ObjectMapper json;

    @Inject
    public BodySizeLimit(HttpConfig config, ObjectMapper json) {
        this.maxBytes = config.maxBodySize().asLongValue();
        this.json = json;
    }

    void register(@Observes Filters filters) {
        filters.register(this::check, 1000);
    }

    private void check(RoutingContext context) {
        String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null && tooLarge(length)) {
            byte[] problem;
            try {
                problem = json.writeValueAsBytes(new Problem(ProblemTypes.BODY_TOO_LARGE, "Request body too large", 413,
                        "The request body has " + length.trim() + " bytes, more than the " + maxBytes
                                + " this service accepts; an experiment request is a small JSON object (see GET /api/limits).",
                        context.request().path(), null));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            context.response()
                    .setStatusCode(413)
                    .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    // The unread body would otherwise be taken for the next request on this connection.
                    .putHeader(HttpHeaders.CONNECTION, "close")
                    .end(io.vertx.core.buffer.Buffer.buffer(problem));
            return;
        }
        context.next();
    }

    private boolean tooLarge(String length) {
        try {
            return Long.parseLong(length.trim()) > maxBytes;
        } catch (NumberFormatException e) {
            return false; // Vert.x rejects a malformed Content-Length itself
        }
    }
}
