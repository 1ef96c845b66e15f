package dev.concurrency.playground.api;

import dev.concurrency.playground.experiment.Experiment;
import dev.concurrency.playground.experiment.ExperimentRunner;
import dev.concurrency.playground.experiment.ExperimentStatus;
import dev.concurrency.playground.experiment.ExperimentStore;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/experiments")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Experiments", description = "Run strategies against each other and read what they lost and what they cost.")
public class ExperimentResource {

    /** A running trial notices a cancellation within milliseconds; this only bounds a pathological case. */
    private static final Duration CANCEL_WAIT = Duration.ofSeconds(10);

    private static final MediaType CSV = new MediaType("text", "csv");
    /**
     * What GET /{id} can produce, in the order it prefers them: JSON is the default when the client does
     * not choose, and {@code text/*} gets the table, the one meant for people.
     */
    private static final List<MediaType> REPRESENTATIONS =
            List.of(MediaType.APPLICATION_JSON_TYPE, MediaType.TEXT_PLAIN_TYPE, CSV);
    private static final String UTF_8 = "UTF-8";

    private final ExperimentRunner runner;
    private final ExperimentStore store;

    @Inject
    public ExperimentResource(ExperimentRunner runner, ExperimentStore store) {
        this.runner = runner;
        this.store = store;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "submitExperiment", summary = "Start an experiment",
            description = """
                    Queues an experiment: every listed strategy at every listed thread count is one run, and each run \
                    does `warmupTrials` discarded trials and then `trials` measured ones. Experiments run one at a time, \
                    in submission order. The response is `202 Accepted` with a `Location` to poll. With \
                    `Prefer: wait=N` (N seconds, at most 300) the answer waits until the experiment has finished or N \
                    seconds have passed: `200` with the finished experiment, or the usual `202`.""")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ExperimentRequest.class),
            examples = {
                    @ExampleObject(name = "race", summary = "Catch the race: fixed-time mode",
                            value = OpenApiExamples.REQUEST_FIXED_TIME),
                    @ExampleObject(name = "sweep", summary = "Compare locks and atomics at 1, 2 and 4 threads",
                            value = OpenApiExamples.REQUEST_SWEEP),
                    @ExampleObject(name = "virtual", summary = "Ten thousand virtual threads",
                            value = OpenApiExamples.REQUEST_VIRTUAL)}))
    @APIResponse(responseCode = "202", description = "Queued (or still running after the requested wait).",
            headers = @Header(name = "Location", description = "Where to read the experiment.",
                    schema = @Schema(type = SchemaType.STRING, format = "uri-reference")),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Experiment.class),
                    examples = @ExampleObject(name = "queued", value = OpenApiExamples.EXPERIMENT_QUEUED)))
    @APIResponse(responseCode = "200", description = "Finished within the time asked for with `Prefer: wait`.",
            headers = {
                    @Header(name = "Location", description = "Where to read the experiment.",
                            schema = @Schema(type = SchemaType.STRING, format = "uri-reference")),
                    @Header(name = "Preference-Applied", description = "The wait preference that was honoured.",
                            schema = @Schema(type = SchemaType.STRING, examples = "wait=30"))},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Experiment.class),
                    examples = @ExampleObject(name = "completed", value = OpenApiExamples.EXPERIMENT_COMPLETED)))
    @APIResponse(responseCode = "400", description = "The request is invalid; `violations` names each offending field.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = {
                            @ExampleObject(name = "invalid", value = OpenApiExamples.INVALID_REQUEST),
                            @ExampleObject(name = "malformed", value = OpenApiExamples.MALFORMED_BODY)}))
    @APIResponse(responseCode = "401", description = "An API key is configured and the request did not present it.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "no-key", value = OpenApiExamples.UNAUTHORIZED)))
    @APIResponse(responseCode = "413", description = "The body is larger than the limit (see GET /api/limits).",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "too-large", value = OpenApiExamples.BODY_TOO_LARGE)))
    @APIResponse(responseCode = "415", description = "The body was not sent as `application/json`.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "unsupported", value = OpenApiExamples.UNSUPPORTED_MEDIA_TYPE)))
    @APIResponse(responseCode = "429", description = "The queue is full; nothing was queued. Retry after the given time.",
            headers = @Header(name = "Retry-After", description = "Seconds until the work ahead is estimated to be done.",
                    schema = @Schema(type = SchemaType.INTEGER)),
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "queue-full", value = OpenApiExamples.QUEUE_FULL)))
    @APIResponse(responseCode = "503", description = "The service is shutting down and accepts no new experiments.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "shutting-down", value = OpenApiExamples.SHUTTING_DOWN)))
    public Uni<Response> submit(
            @Valid @NotNull(message = "is required: send a JSON experiment request") ExperimentRequest request,
            @Parameter(in = ParameterIn.HEADER, name = "Prefer",
                    description = "`wait=N`: answer once the experiment has finished, or after N seconds (1..300).",
                    schema = @Schema(type = SchemaType.STRING), example = "wait=30")
            @HeaderParam("Prefer") String prefer,
            @Context UriInfo uriInfo) {
        Experiment queued = runner.submit(request.toSpec());
        URI location = uriInfo.getBaseUriBuilder().path("api/experiments").path(queued.id()).build();
        OptionalInt wait = PreferWait.parse(prefer, Limits.MAX_WAIT_SECONDS);
        if (wait.isEmpty()) {
            return Uni.createFrom().item(Response.accepted(queued).location(location).build());
        }
        int seconds = wait.getAsInt();
        // The wait is a timer plus a callback: no thread is held while the client waits.
        // Empty only if the experiment already finished and was evicted: answer with what we have.
        return Uni.createFrom().completionStage(runner.completion(queued.id())
                        .orElseGet(() -> java.util.concurrent.CompletableFuture.completedFuture(queued)))
                .ifNoItem().after(Duration.ofSeconds(seconds)).recoverWithItem(() -> null)
                .map(finished -> {
                    Experiment latest = finished != null ? finished : store.find(queued.id()).orElse(queued);
                    Response.ResponseBuilder response = latest.status().isTerminal()
                            ? Response.ok(latest)
                            : Response.accepted(latest);
                    return response.location(location).header("Preference-Applied", "wait=" + seconds).build();
                });
    }

    @GET
    @Path("/{id}")
    @Produces({MediaType.APPLICATION_JSON, ExperimentCsv.MEDIA_TYPE, MediaType.TEXT_PLAIN})
    @Operation(operationId = "getExperiment", summary = "Read an experiment",
            description = """
                    The experiment's status, progress and, run by run, every measured trial with a summary. The \
                    `Accept` header picks the representation. `application/json` is the default, also for `*/*` or \
                    no `Accept` at all. `text/csv` has one row per measured trial (RFC 4180: a header row, CRLF \
                    line ends, full-precision plain decimals) with the columns `strategy`, `threads`, `threadType`, \
                    `trial`, `expectedCount`, `actualCount`, `lostUpdates`, `durationNanos`, `nsPerOp`, \
                    `opsPerSecond`, `overlap` and `casFailures`; an absent value is an empty field, such as \
                    `casFailures` for every strategy but `cas-loop`, and an experiment with no finished run is the \
                    header row alone. `text/plain` is a table to read in a terminal, in the manner of JMH's \
                    summary: what ran where, then one line per run with its mean share of increments lost, \
                    `ns/op` with JMH's 99.9% error, `ops/s` and verdict. Errors are `application/problem+json` \
                    whatever was asked for.""")
    @APIResponse(responseCode = "200", description = "The experiment as it stands, in the representation asked for.",
            headers = @Header(name = "Content-Disposition",
                    description = "`text/csv` only: `inline; filename=\"experiment-<id>.csv\"`, a name to save it under.",
                    schema = @Schema(type = SchemaType.STRING)),
            content = {
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Experiment.class),
                            examples = @ExampleObject(name = "completed", value = OpenApiExamples.EXPERIMENT_COMPLETED)),
                    @Content(mediaType = ExperimentCsv.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING),
                            examples = @ExampleObject(name = "completed", value = OpenApiExamples.EXPERIMENT_CSV)),
                    @Content(mediaType = MediaType.TEXT_PLAIN, schema = @Schema(type = SchemaType.STRING),
                            examples = @ExampleObject(name = "completed", value = OpenApiExamples.EXPERIMENT_TEXT))})
    @APIResponse(responseCode = "404", description = "No experiment has that id (or it was evicted).",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "unknown", value = OpenApiExamples.UNKNOWN_EXPERIMENT)))
    @APIResponse(responseCode = "406", description = "`Accept` allows none of `application/json`, `text/csv` and `text/plain`.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "not-acceptable", value = OpenApiExamples.EXPERIMENT_NOT_ACCEPTABLE)))
    public Response get(
            @Parameter(description = "Experiment id, as returned on submission.",
                    example = OpenApiExamples.EXPERIMENT_ID) @PathParam("id") String id,
            @Context HttpHeaders headers) {
        MediaType type = Negotiation.choose(headers.getAcceptableMediaTypes(), REPRESENTATIONS)
                .orElseThrow(NotAcceptableException::new);
        Experiment experiment = store.find(id).orElseThrow(() -> notFound(id));
        Response.ResponseBuilder response;
        if (type.equals(CSV)) {
            response = Response.ok(ExperimentCsv.of(experiment), CSV.withCharset(UTF_8))
                    .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"experiment-" + experiment.id() + ".csv\"");
        } else if (type.equals(MediaType.TEXT_PLAIN_TYPE)) {
            response = Response.ok(ExperimentTable.of(experiment), MediaType.TEXT_PLAIN_TYPE.withCharset(UTF_8));
        } else {
            response = Response.ok(experiment, MediaType.APPLICATION_JSON_TYPE);
        }
        // The body depends on Accept: a cache must not hand the CSV to a client that asked for JSON.
        return response.header(HttpHeaders.VARY, HttpHeaders.ACCEPT).build();
    }

    static ProblemException notFound(String id) {
        return ProblemException.notFound("There is no experiment '" + id
                + "'. It may never have existed, or it was removed or evicted after the service kept its newest "
                + "finished experiments; GET /api/experiments lists those it has.");
    }

    @DELETE
    @Path("/{id}")
    @Operation(operationId = "cancelExperiment", summary = "Cancel or remove an experiment",
            description = """
                    A queued experiment leaves the queue; a running one stops within about a second, even in the \
                    middle of a long trial, and every thread of that trial has ended before the next experiment \
                    starts. Either way it ends `CANCELLED`, keeps the trials it completed, and is returned. An \
                    experiment that had already finished is removed: `204`.""")
    @APIResponse(responseCode = "200", description = "Cancelled; the experiment as it ended.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Experiment.class),
                    examples = @ExampleObject(name = "cancelled", value = OpenApiExamples.EXPERIMENT_CANCELLED)))
    @APIResponse(responseCode = "202", description = "Cancellation requested but not yet complete; poll the experiment.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Experiment.class),
                    examples = @ExampleObject(name = "stopping", value = OpenApiExamples.EXPERIMENT_QUEUED)))
    @APIResponse(responseCode = "204", description = "The experiment had finished and has been removed.")
    @APIResponse(responseCode = "401", description = "An API key is configured and the request did not present it.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "no-key", value = OpenApiExamples.UNAUTHORIZED)))
    @APIResponse(responseCode = "404", description = "No experiment has that id.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "unknown", value = OpenApiExamples.UNKNOWN_EXPERIMENT)))
    public Uni<Response> cancel(
            @Parameter(description = "Experiment id.", example = OpenApiExamples.EXPERIMENT_ID) @PathParam("id") String id) {
        return switch (runner.cancel(id)) {
            case ExperimentRunner.Cancellation.Unknown unknown -> throw notFound(id);
            case ExperimentRunner.Cancellation.Removed removed -> Uni.createFrom().item(Response.noContent().build());
            case ExperimentRunner.Cancellation.Stopping stopping -> Uni.createFrom().completionStage(stopping.stopped())
                    .ifNoItem().after(CANCEL_WAIT).recoverWithItem(() -> null)
                    .map(stopped -> stopped != null
                            ? Response.ok(stopped).build()
                            : Response.accepted(store.find(id).orElse(null)).build());
        };
    }

    @GET
    @Operation(operationId = "listExperiments", summary = "List experiments",
            description = "Experiments newest first, without their trial data, optionally only those with one status.")
    @APIResponse(responseCode = "200", description = "A page of experiments, newest first.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = ExperimentListItem.class),
                    examples = @ExampleObject(name = "list", value = OpenApiExamples.EXPERIMENT_LIST)))
    @APIResponse(responseCode = "400", description = "`limit` or `status` is out of range.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "bad-limit", value = OpenApiExamples.INVALID_LIMIT)))
    public List<ExperimentListItem> list(
            @Parameter(description = "How many to return (1..100).", schema = @Schema(type = SchemaType.INTEGER,
                    defaultValue = "20", minimum = "1", maximum = "100"))
            @QueryParam("limit") String limit,
            @Parameter(description = "Only experiments with this status.", schema = @Schema(type = SchemaType.STRING,
                    enumeration = {"QUEUED", "RUNNING", "COMPLETED", "FAILED", "CANCELLED", "TIMED_OUT"}))
            @QueryParam("status") String status) {
        int size = parseLimit(limit);
        Optional<ExperimentStatus> only = parseStatus(status);
        return store.list(size, only).stream().map(ExperimentListItem::of).toList();
    }

    // Query parameters are parsed by hand: JAX-RS answers a failed conversion with 404, which would
    // tell a script the collection does not exist rather than that its parameter is wrong.
    private static int parseLimit(String limit) {
        if (limit == null || limit.isBlank()) {
            return Limits.DEFAULT_PAGE_SIZE;
        }
        try {
            int value = Integer.parseInt(limit.trim());
            if (value >= 1 && value <= Limits.MAX_PAGE_SIZE) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw ProblemException.invalid("The limit parameter must be a whole number from 1 to " + Limits.MAX_PAGE_SIZE + ".",
                List.of(new Violation("limit", "must be a whole number from 1 to " + Limits.MAX_PAGE_SIZE)));
    }

    private static Optional<ExperimentStatus> parseStatus(String status) {
        if (status == null || status.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(ExperimentStatus.valueOf(status.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            String valid = Arrays.toString(ExperimentStatus.values());
            throw ProblemException.invalid("The status parameter must be one of " + valid + ".",
                    List.of(new Violation("status", "must be one of " + valid)));
        }
    }
}
