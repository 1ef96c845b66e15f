package dev.concurrency.playground.api.problem;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.concurrency.playground.experiment.run.ExperimentMetrics;
import dev.concurrency.playground.experiment.run.SubmissionRefusedException;
import dev.concurrency.playground.store.StoreUnavailableException;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every failure into an {@code application/problem+json} response with a detail a person can
 * act on. Without these, Quarkus answers several client errors (malformed JSON, 405, 406, 415) with
 * an empty body, which scripts cannot explain to their users.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    /** A database outage is rarely shorter; polling faster only adds load to one that is recovering. */
    static final int STORE_RETRY_AFTER_SECONDS = 5;
    private static final String EXAMPLE_BODY = "{\"strategies\": [\"atomic\"], \"threadCounts\": [2]}";

    private final ExperimentMetrics metrics;

    @Inject
    public ProblemMappers(ExperimentMetrics metrics) {
        this.metrics = metrics;
    }

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return respond(e.toProblem(path(uri)));
    }

    @ServerExceptionMapper
    public Response refused(SubmissionRefusedException e, UriInfo uri) {
        boolean full = e.reason() == SubmissionRefusedException.Reason.QUEUE_FULL;
        Problem problem = full
                ? new Problem(ProblemTypes.QUEUE_FULL, "Queue full", 429, e.getMessage(), path(uri), null)
                : new Problem(ProblemTypes.SHUTTING_DOWN, "Shutting down", 503, e.getMessage(), path(uri), null);
        Response.ResponseBuilder response = Response.status(problem.status()).entity(problem).type(Problem.MEDIA_TYPE);
        if (full) {
            response.header("Retry-After", e.retryAfterSeconds());
        }
        return response.build();
    }

    /**
     * The database behind the store cannot be reached: nothing was read or changed, and the service
     * recovers by itself once it is back, so the client is told when to try again.
     */
    @ServerExceptionMapper
    public Response storeUnavailable(StoreUnavailableException e, UriInfo uri) {
        LOG.debugf(e, "Store unavailable");
        Problem problem = new Problem(ProblemTypes.STORE_UNAVAILABLE, "Store unavailable", 503,
                "The database that keeps the experiments cannot be reached just now, so nothing was read or changed; "
                        + "retry in " + STORE_RETRY_AFTER_SECONDS + " s. /q/health/ready reports when it is back.",
                path(uri), null);
        return Response.status(503).entity(problem).type(Problem.MEDIA_TYPE)
                .header("Retry-After", STORE_RETRY_AFTER_SECONDS).build();
    }

    @ServerExceptionMapper
    public Response unreadable(JsonProcessingException e, UriInfo uri) {
        metrics.rejected("invalid");
        return respond(unreadableBody(e, path(uri)));
    }

    // Quarkus registers its own mappers for these subtypes, which answer with an empty body; a mapper for
    // the exact type takes precedence over them.
    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e, UriInfo uri) {
        metrics.rejected("invalid");
        return respond(unreadableBody(e, path(uri)));
    }

    @ServerExceptionMapper
    public Response malformed(JsonParseException e, UriInfo uri) {
        metrics.rejected("invalid");
        return respond(unreadableBody(e, path(uri)));
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException e, UriInfo uri, HttpHeaders headers, Request request) {
        Response original = e.getResponse();
        int status = original.getStatus();
        if (e.getCause() instanceof JsonProcessingException json) {
            return respond(unreadableBody(json, path(uri)));
        }
        if (status == 404 && !allows(path(uri), request.getMethod())) {
            // Quarkus REST answers 404, not 405, for some paths that exist with other methods (a sub-path of a
            // resource whose class path is a template); the path exists, so the method is what is wrong.
            status = 405;
        }
        String detail = switch (status) {
            case 404 -> "Nothing is served at " + path(uri) + ". The API is under /api (try /api/strategies); "
                    + "its description is at /q/openapi and /q/swagger-ui.";
            case 405 -> "The " + path(uri) + " resource does not support this method; it allows "
                    + AllowedMethods.of(path(uri)).orElse("only its documented methods") + ".";
            case 406 -> "This resource cannot produce any of the media types the Accept header asks for ("
                    + headers.getHeaderString(HttpHeaders.ACCEPT) + "); ask for " + representations(path(uri)) + ".";
            case 415 -> "The request body must be JSON: send it with Content-Type: application/json"
                    + (headers.getMediaType() == null ? "." : " instead of " + headers.getMediaType() + ".");
            case 400 -> "The request could not be understood: " + safeMessage(e) + ".";
            default -> safeMessage(e);
        };
        Response.ResponseBuilder builder = Response.status(status)
                .entity(new Problem(ProblemTypes.HTTP, reason(status), status, detail, path(uri), null))
                .type(Problem.MEDIA_TYPE);
        if (status == 405 && original.getHeaderString(HttpHeaders.ALLOW) == null) {
            AllowedMethods.of(path(uri)).ifPresent(allow -> builder.header(HttpHeaders.ALLOW, allow));
        }
        // Keep headers the status depends on, such as Allow on a 405.
        original.getHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase(HttpHeaders.CONTENT_TYPE) && !name.equalsIgnoreCase(HttpHeaders.CONTENT_LENGTH)) {
                values.forEach(value -> builder.header(name, value));
            }
        });
        return builder.build();
    }

    /** Whether {@code method} is one a known API path allows; true for paths this service does not know. */
    private static boolean allows(String path, String method) {
        return AllowedMethods.of(path)
                .map(allow -> java.util.Arrays.stream(allow.split(",\\s*")).anyMatch(method::equalsIgnoreCase))
                .orElse(true);
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        String errorId = UUID.randomUUID().toString();
        LOG.errorf(e, "Unexpected failure serving %s (error id %s)", path(uri), errorId);
        return respond(new Problem(ProblemTypes.INTERNAL_ERROR, "Internal server error", 500,
                "The service failed unexpectedly; nothing about your request caused it. Quote error id "
                        + errorId + " when you report it.",
                path(uri), null));
    }

    private static Problem unreadableBody(JsonProcessingException e, String instance) {
        if (e instanceof InputCoercionException || e.getCause() instanceof InputCoercionException) {
            InputCoercionException range = e instanceof InputCoercionException ice ? ice : (InputCoercionException) e.getCause();
            String field = e instanceof JsonMappingException mapping ? jsonPath(mapping) : "body";
            return new Problem(ProblemTypes.INVALID_REQUEST, "Invalid request", 400,
                    "A number in the request is too large: " + range.getOriginalMessage() + ".",
                    instance, List.of(new Violation(field, "is out of range; see the documented bounds")));
        }
        if (e.getCause() instanceof StreamReadException syntax) {
            return malformedBody(syntax, instance);
        }
        if (e instanceof UnrecognizedPropertyException unknown) {
            List<String> known = unknown.getKnownPropertyIds() == null ? List.of()
                    : unknown.getKnownPropertyIds().stream().map(Object::toString).sorted().toList();
            String field = jsonPath(unknown);
            return new Problem(ProblemTypes.INVALID_REQUEST, "Invalid request", 400,
                    "The request has an unknown field '" + unknown.getPropertyName() + "'; check its spelling.",
                    instance, List.of(new Violation(field, "is not a known field; known fields are " + known)));
        }
        if (e instanceof InvalidFormatException badValue && badValue.getTargetType() != null) {
            String field = jsonPath(badValue);
            String expected = badValue.getTargetType().isEnum()
                    ? "one of " + Arrays.stream(badValue.getTargetType().getEnumConstants())
                            .map(c -> "\"" + c.toString().toLowerCase(Locale.ROOT) + "\"").toList()
                    : describe(badValue.getTargetType());
            return new Problem(ProblemTypes.INVALID_REQUEST, "Invalid request", 400,
                    "The value of " + field + " has the wrong type or is not allowed; it must be " + expected + ".",
                    instance, List.of(new Violation(field, "must be " + expected)));
        }
        if (e instanceof MismatchedInputException && ((MismatchedInputException) e).getPath().isEmpty()) {
            return new Problem(ProblemTypes.MALFORMED_BODY, "Malformed request body", 400,
                    "The request body must be a JSON object describing the experiment, such as "
                            + EXAMPLE_BODY + ".", instance, null);
        }
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = jsonPath(mapping);
            Class<?> target = mapping instanceof MismatchedInputException mismatch
                    ? mismatch.getTargetType() : null;
            String expected = target == null ? "a value of the documented type" : describe(target);
            return new Problem(ProblemTypes.INVALID_REQUEST, "Invalid request", 400,
                    "The value of " + field + " has the wrong type; it must be " + expected + ".",
                    instance, List.of(new Violation(field, "must be " + expected)));
        }
        return malformedBody(e, instance);
    }

    private static Problem malformedBody(JsonProcessingException e, String instance) {
        String where = e.getLocation() == null ? ""
                : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
        // Jackson's message may describe its input source; keep only what it says about the JSON.
        String reason = e.getOriginalMessage().replaceAll("\\s*\\(?(start marker at )?\\[Source:.*", "");
        return new Problem(ProblemTypes.MALFORMED_BODY, "Malformed request body", 400,
                "The request body is not valid JSON" + where + ": " + reason + ". Send a JSON object such as "
                        + EXAMPLE_BODY + ".",
                instance, null);
    }

    private static String describe(Class<?> type) {
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (type == Double.class || type == double.class || type == java.math.BigDecimal.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (java.util.Collection.class.isAssignableFrom(type)) {
            return "a JSON array";
        }
        if (type.isRecord()) {
            return "a JSON object";
        }
        return "a " + type.getSimpleName();
    }

    private static String jsonPath(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }

    /** What each resource can produce, for the detail of a 406. */
    static String representations(String path) {
        if (path.matches("/api/experiments/[^/]+/charts/[^/]+/?") || path.matches("/api/comparisons/chart\\.svg/?")) {
            return "image/svg+xml";
        }
        if (path.matches("/api/experiments/[^/]+/?") || path.matches("/api/comparisons/?")) {
            return "application/json, text/csv or text/plain";
        }
        if (path.matches("/api/experiments/?") || path.matches("/api/experiments/[^/]+/runs/?")) {
            return "application/json or text/csv";
        }
        if (path.matches("/api/experiments/[^/]+/events/?")) {
            return "text/event-stream";
        }
        return "application/json";
    }

    private static String safeMessage(WebApplicationException e) {
        // Framework messages name the status, never internals; still, keep class names out of responses.
        String message = e.getMessage();
        return message == null || message.isBlank() ? reason(e.getResponse().getStatus()) : message;
    }

    private static String reason(int status) {
        Response.Status known = Response.Status.fromStatusCode(status);
        return known != null ? known.getReasonPhrase() : "HTTP " + status;
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : "/" + uri.getPath().replaceFirst("^/", "");
    }

    private static Response respond(Problem problem) {
        return Response.status(problem.status()).entity(problem).type(Problem.MEDIA_TYPE).build();
    }
}
