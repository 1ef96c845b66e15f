package dev.concurrency.playground.api.experiment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.concurrency.playground.api.format.Conditional;
import dev.concurrency.playground.api.format.ExperimentCsv;
import dev.concurrency.playground.api.format.ExperimentListCsv;
import dev.concurrency.playground.api.format.ExperimentRunsCsv;
import dev.concurrency.playground.api.format.ExperimentTable;
import dev.concurrency.playground.api.format.Negotiation;
import dev.concurrency.playground.api.limits.FixedLimits;
import dev.concurrency.playground.api.problem.ProblemException;
import dev.concurrency.playground.api.problem.ProblemTypes;
import dev.concurrency.playground.experiment.Experiment;
import dev.concurrency.playground.experiment.ExperimentSpec;
import dev.concurrency.playground.experiment.IdempotencyKey;
import dev.concurrency.playground.experiment.event.ExperimentEvent;
import dev.concurrency.playground.experiment.run.ExperimentMetrics;
import dev.concurrency.playground.experiment.run.ExperimentRunner;
import dev.concurrency.playground.experiment.run.IdempotencyKeyConflictException;
import dev.concurrency.playground.store.ExperimentStore;
import dev.concurrency.playground.store.IdempotencyRecord;
import dev.concurrency.playground.store.InvalidCursorException;
import dev.concurrency.playground.store.ListQuery;
import dev.concurrency.playground.store.Page;
import dev.concurrency.playground.strategy.StrategyCatalog;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
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
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
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

    /**
     * The id the API description shows for an experiment: the problem examples in
     * META-INF/openapi.yaml use it too, so an example request and its example answer match.
     */
    static final String EXAMPLE_ID = "3f1c9a52-7d4e-4b8a-9c61-2e5f0a7b8d13";

    /** A cursor as the service issues them: after the experiment {@link #EXAMPLE_ID}, in the unfiltered listing. */
    private static final String EXAMPLE_CURSOR = "MXwxNzQ4Nzc5MjAwfDB8MDIxYjNiOGEwOWI1NjJmM3wzZjFjOWE1Mi03ZDRlLTRiOGEtOWM2MS0yZTVmMGE3YjhkMTM";

    private static final MediaType CSV = new MediaType("text", "csv");
    /**
     * What GET /{id} can produce, in the order it prefers them: JSON is the default when the client does
     * not choose, and {@code text/*} gets the table, the one meant for people.
     */
    private static final List<MediaType> REPRESENTATIONS =
            List.of(MediaType.APPLICATION_JSON_TYPE, MediaType.TEXT_PLAIN_TYPE, CSV);
    /** What the list and the runs can produce: JSON first, so it stays the default. */
    private static final List<MediaType> TABLES = List.of(MediaType.APPLICATION_JSON_TYPE, CSV);
    private static final String UTF_8 = "UTF-8";

    /** How long a submission accepted as a shutdown begins waits for the shutdown to cancel it. */
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(5);

    private final ExperimentRunner runner;
    private final ExperimentStore store;
    private final ExperimentRequestValidator validator;
    private final ExperimentMetrics metrics;
    private final ObjectMapper json;
    private final StrategyCatalog catalog;

    @Inject
    public ExperimentResource(ExperimentRunner runner, ExperimentStore store, ExperimentRequestValidator validator,
            ExperimentMetrics metrics, ObjectMapper json, StrategyCatalog catalog) {
        this.runner = runner;
        this.store = store;
        this.validator = validator;
        this.metrics = metrics;
        this.json = json;
        this.catalog = catalog;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "submitExperiment", summary = "Start an experiment",
            description = """
                    Queues an experiment: every listed strategy at every listed thread count is one run, and each run \
                    does `warmupTrials` discarded trials and then `trials` measured ones. Experiments run one at a time, \
                    in submission order. The response is `202 Accepted` with a `Location` to poll. With \
                    `Prefer: wait=N` (N seconds, at most\s""" + FixedLimits.MAX_WAIT_SECONDS + """
                    ) the answer waits until the experiment has finished or N seconds have passed: `200` with the \
                    finished experiment, or the usual `202`.""")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ExperimentRequest.class),
            examples = {
                    @ExampleObject(name = "race", ref = "request-race"),
                    @ExampleObject(name = "sweep", ref = "request-sweep"),
                    @ExampleObject(name = "explain", ref = "request-explain"),
                    @ExampleObject(name = "work", ref = "request-work"),
                    @ExampleObject(name = "readers", ref = "request-readers"),
                    @ExampleObject(name = "false-sharing", ref = "request-false-sharing"),
                    @ExampleObject(name = "pinning", ref = "request-pinning"),
                    @ExampleObject(name = "database", ref = "request-database"),
                    @ExampleObject(name = "virtual", ref = "request-virtual"),
                    @ExampleObject(name = "processes", ref = "request-processes")}))
    @APIResponse(responseCode = "202", description = "Queued (or still running after the requested wait, or, for a retry "
            + "with an `Idempotency-Key`, not finished yet).",
            headers = @Header(name = "Location", description = "Where to read the experiment.",
                    schema = @Schema(type = SchemaType.STRING, format = "uri-reference")),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Experiment.class),
                    examples = @ExampleObject(name = "queued", ref = "experiment-queued")))
    @APIResponse(responseCode = "200", description = "Finished within the time asked for with `Prefer: wait`, or, for a "
            + "retry with an `Idempotency-Key`, already finished.",
            headers = {
                    @Header(name = "Location", description = "Where to read the experiment.",
                            schema = @Schema(type = SchemaType.STRING, format = "uri-reference")),
                    @Header(name = "Preference-Applied", description = "The wait preference that was honoured.",
                            schema = @Schema(type = SchemaType.STRING, examples = "wait=30"))},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Experiment.class),
                    examples = @ExampleObject(name = "completed", ref = "experiment-completed")))
    // Problem responses are defined once, in META-INF/openapi.yaml.
    @APIResponse(responseCode = "400", ref = "InvalidSubmission")
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "413", ref = "BodyTooLarge")
    @APIResponse(responseCode = "404", ref = "IdempotentExperimentGone")
    @APIResponse(responseCode = "415", ref = "UnsupportedMediaType")
    @APIResponse(responseCode = "422", ref = "IdempotencyKeyReused")
    @APIResponse(responseCode = "429", ref = "QueueFull")
    @APIResponse(responseCode = "503", ref = "ShuttingDown")
    // Blocking: it reads and writes the store, which may be a database; a method that returns a Uni or Multi
    // would otherwise run on the event loop, and stall every other request while the database answers.
    @Blocking
    public Uni<Response> submit(
            ExperimentRequest request,
            @Parameter(in = ParameterIn.HEADER, name = "Prefer",
                    description = "`wait=N`: answer once the experiment has finished, or after N seconds (1.."
                            + FixedLimits.MAX_WAIT_SECONDS + ").",
                    schema = @Schema(type = SchemaType.STRING), example = "wait=30")
            @HeaderParam("Prefer") String prefer,
            @Parameter(in = ParameterIn.HEADER, name = IdempotencyKeyHeader.NAME,
                    description = """
                            Makes the submission safe to retry (draft-ietf-httpapi-idempotency-key-header): a Structured \
                            Field string of 1..""" + IdempotencyKey.MAX_LENGTH + """
                             printable ASCII characters, such as a UUID (a bare value without quotes is taken as the \
                            same key). The first submission with a key is answered as usual and binds the key to its \
                            request and experiment for the time `GET /api/limits` gives as `idempotencyKeyRetentionSeconds`. A retry with the key \
                            and the same request gets that experiment back as it stands (`202`, or `200` once it has \
                            finished; `Prefer: wait` is honoured) and never starts a second one. Requests are the same \
                            when they ask for the same experiment once defaults are filled in, whatever their field order, \
                            spacing or the case of enum values. The key with a different request is `422`; with an \
                            experiment that was deleted since, `404` until the key expires. A refused submission (`400`, \
                            `429`, `503`) binds nothing.""",
                    schema = @Schema(type = SchemaType.STRING), example = "\"8e03978e-40d5-43e8-bc93-6894a57f9324\"")
            @HeaderParam(IdempotencyKeyHeader.NAME) List<String> idempotencyKey,
            @Context UriInfo uriInfo) {
        ExperimentSpec spec;
        Optional<IdempotencyKey> key;
        try {
            key = IdempotencyKeyHeader.parse(idempotencyKey);
            spec = validator.validate(request);
        } catch (ProblemException invalid) {
            metrics.rejected("invalid");
            throw invalid;
        }
        ExperimentRunner.Submission submission;
        try {
            submission = key.isPresent()
                    ? runner.submit(spec, key.get())
                    : new ExperimentRunner.Submission(runner.submit(spec), false);
        } catch (IdempotencyKeyConflictException conflict) {
            throw keyConflict(conflict);
        }
        Experiment queued = submission.experiment();
        URI location = uriInfo.getBaseUriBuilder().path("api/experiments").path(queued.id()).build();
        OptionalInt wait = PreferWait.parse(prefer, FixedLimits.MAX_WAIT_SECONDS);
        if (!runner.isAccepting() && !store.isDurable()) {
            // Accepted just as a shutdown began, by a store that forgets: the shutdown cancels it at once.
            // Answer with how it ended, never "queued", so no client holds an experiment that will silently
            // vanish. (A durable store keeps it queued, for another instance or the restart.)
            return awaitEnd(queued, SHUTDOWN_WAIT).map(latest -> withStatus(latest).location(location).build());
        }
        if (wait.isEmpty()) {
            // A retry gets the experiment as it stands now: 200 once it has finished, as a GET would.
            return Uni.createFrom().item(withStatus(queued).location(location).build());
        }
        int seconds = wait.getAsInt();
        return awaitEnd(queued, Duration.ofSeconds(seconds)).map(latest -> withStatus(latest).location(location)
                .header("Preference-Applied", "wait=" + seconds).build());
    }

    /** 422 for a key used for another request, 404 for a key whose experiment is gone: when it frees up. */
    private static ProblemException keyConflict(IdempotencyKeyConflictException conflict) {
        IdempotencyRecord binding = conflict.binding();
        String key = ProblemException.excerpt(binding.key().value());
        if (conflict.reason() == IdempotencyKeyConflictException.Reason.REUSED) {
            return new ProblemException(422, ProblemTypes.IDEMPOTENCY_KEY_REUSED, "Idempotency key reused",
                    "The Idempotency-Key \"" + key + "\" was used for another request, which made experiment "
                            + binding.experimentId() + "; a key stands for one request. Send that request again to "
                            + "get its experiment, or use a new key; this one can be reused after "
                            + binding.expiresAt() + ".", null);
        }
        return ProblemException.notFound("The experiment " + binding.experimentId() + " made by the request with "
                + "Idempotency-Key \"" + key + "\" has been removed. The key stays bound to it until "
                + binding.expiresAt() + ", so that the request is not run a second time; use a new key to run it again.");
    }

    /**
     * The experiment once it has ended, or as it stands after {@code max}. The wait is a timer plus a
     * callback: no thread is held. Giving up cancels only this waiter's own stage (see
     * {@link ExperimentRunner#completion}), never the experiment or another waiter.
     */
    private Uni<Experiment> awaitEnd(Experiment submitted, Duration max) {
        String id = submitted.id();
        CompletionStage<Experiment> end = runner.completion(id)
                .orElseGet(() -> CompletableFuture.completedFuture(submitted));
        return Uni.createFrom().completionStage(end)
                .ifNoItem().after(max).recoverWithItem(() -> null)
                .onFailure().recoverWithItem(() -> null)
                .map(ended -> ended != null ? ended : store.find(id).orElse(submitted));
    }

    private static Response.ResponseBuilder withStatus(Experiment experiment) {
        return experiment.status().isTerminal() ? Response.ok(experiment) : Response.accepted(experiment);
    }

    @GET
    @Path("/{id}")
    @Produces({MediaType.APPLICATION_JSON, ExperimentCsv.MEDIA_TYPE, MediaType.TEXT_PLAIN})
    @Operation(operationId = "getExperiment", summary = "Read an experiment",
            description = """
                    The experiment's status, progress and, run by run, every measured trial with a summary. The \
                    `Accept` header picks the representation. `application/json` is the default, also for `*/*` or \
                    no `Accept` at all. `text/csv` has one row per measured trial (RFC 4180: a header row, CRLF \
                    line ends, full-precision plain decimals) with the columns `experimentId`, `experimentName`, \
                    `strategy`, `threads`, `threadType`, `workInside`, `workOutside`, `readRatio` (empty without parameters), `trial`, `expectedCount`, `actualCount`, `lostUpdates`, \
                    `durationNanos`, `nsPerOp`, `opsPerSecond`, `overlap`, `minThreadNanos`, `maxThreadNanos`, \
                    `parallelism`, `casFailures`, `minThreadShare`, `maxThreadShare` and `fairness` (how evenly the \
                    threads shared the counter: the smallest and largest share of one thread's increments per second, \
                    and Jain's fairness index), the owned strategies' hand-off figures, and for runs with reads \
                    `reads`, `writes`, `nsPerRead`, `nsPerWrite`, `readsPerSecond`, `writesPerSecond` and \
                    `readRetries`, so files of several experiments can be concatenated; an absent \
                    value is an empty field, such as `casFailures` for every strategy but `cas-loop`, and an \
                    experiment with no finished run is the header row alone. Text that a spreadsheet would take for \
                    a formula (starting with `=`, `+`, `-`, `@`, tab or CR) is prefixed with `'`. For one row per \
                    run, see `/api/experiments/{id}/runs`. `text/plain` is a table to read in a terminal, in the manner of JMH's \
                    summary: what ran where, then one line per run with its mean share of increments lost, \
                    `ns/op` with JMH's 99.9% error, `ops/s`, the threads' smallest and largest shares, Jain's \
                    fairness index and verdict; after the table, each run asked to `explain` its losses shows how \
                    often two increments read the same value, how often and how far stale writes took the counter \
                    back, the check that these add up to the loss, what recording cost, and example interleavings \
                    with a column per thread. Errors are `application/problem+json` \
                    whatever was asked for. Every answer carries an `ETag` (and `Last-Modified` while queued and once \
                    finished): a poll with `If-None-Match` gets `304 Not Modified` and no body while nothing has \
                    changed, and a finished experiment, which never changes again, may be cached for good.""")
    @APIResponse(responseCode = "200", description = "The experiment as it stands, in the representation asked for.",
            headers = @Header(name = "Content-Disposition",
                    description = "`text/csv` only: `inline; filename=\"experiment-<id>.csv\"`, a name to save it under.",
                    schema = @Schema(type = SchemaType.STRING)),
            content = {
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Experiment.class),
                            examples = {@ExampleObject(name = "completed", ref = "experiment-completed"),
                                @ExampleObject(name = "explained", ref = "experiment-explained")}),
                    @Content(mediaType = ExperimentCsv.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING),
                            examples = @ExampleObject(name = "completed", ref = "experiment-completed-csv")),
                    @Content(mediaType = MediaType.TEXT_PLAIN, schema = @Schema(type = SchemaType.STRING),
                            examples = {@ExampleObject(name = "completed", ref = "experiment-completed-text"),
                                @ExampleObject(name = "explained", ref = "experiment-explained-text")})})
    @APIResponse(responseCode = "304", description = "`If-None-Match` named the current `ETag`: nothing has changed.")
    @APIResponse(responseCode = "404", ref = "ExperimentNotFound")
    @APIResponse(responseCode = "503", ref = "StoreUnavailable")
    @APIResponse(responseCode = "406", ref = "ExperimentNotAcceptable")
    public Response get(
            @Parameter(description = "Experiment id, as returned on submission.",
                    example = EXAMPLE_ID) @PathParam("id") String id,
            @Context HttpHeaders headers,
            @Context Request request) throws JsonProcessingException {
        MediaType type = Negotiation.choose(headers.getAcceptableMediaTypes(), REPRESENTATIONS)
                .orElseThrow(NotAcceptableException::new);
        Experiment experiment = store.find(id).orElseThrow(() -> notFound(id));
        byte[] body;
        MediaType contentType;
        if (type.equals(CSV)) {
            body = ExperimentCsv.of(experiment).getBytes(StandardCharsets.UTF_8);
            contentType = CSV.withCharset(UTF_8);
        } else if (type.equals(MediaType.TEXT_PLAIN_TYPE)) {
            body = ExperimentTable.of(experiment).getBytes(StandardCharsets.UTF_8);
            contentType = MediaType.TEXT_PLAIN_TYPE.withCharset(UTF_8);
        } else {
            body = json.writeValueAsBytes(experiment);
            contentType = MediaType.APPLICATION_JSON_TYPE;
        }
        return conditional(request, experiment, body, contentType, type.equals(CSV)
                ? "inline; filename=\"experiment-" + experiment.id() + ".csv\"" : null);
    }

    /** A representation of the experiment with its validators and caching (see {@link Conditional}). */
    static Response conditional(Request request, Experiment experiment, byte[] body, MediaType contentType,
            String contentDisposition) {
        return Conditional.of(request, experiment, body, contentType, contentDisposition == null ? Map.of()
                : Map.of(HttpHeaders.CONTENT_DISPOSITION, contentDisposition)).build();
    }

    static ProblemException notFound(String id) {
        return ProblemException.notFound("There is no experiment '" + ProblemException.excerpt(id)
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
                    experiment that had already finished is removed: `204`. On a fleet's PostgreSQL store the `204` \
                    comes 0.2 s after the removal, once every instance has heard of it, so that none serves it \
                    afterwards.""")
    @APIResponse(responseCode = "200", description = "Cancelled; the experiment as it ended.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Experiment.class),
                    examples = @ExampleObject(name = "cancelled", ref = "experiment-cancelled")))
    @APIResponse(responseCode = "202", description = "Cancellation requested but not yet complete; poll the experiment.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Experiment.class),
                    examples = @ExampleObject(name = "stopping", ref = "experiment-queued")))
    @APIResponse(responseCode = "204", description = "The experiment had finished and has been removed.")
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "404", ref = "ExperimentNotFound")
    @APIResponse(responseCode = "503", ref = "StoreUnavailable")
    @Blocking // the store may be a database: never on the event loop (see submit)
    public Uni<Response> cancel(
            @Parameter(description = "Experiment id.", example = EXAMPLE_ID) @PathParam("id") String id) {
        return switch (runner.cancel(id)) {
            case ExperimentRunner.Cancellation.Unknown unknown -> throw notFound(id);
            case ExperimentRunner.Cancellation.Removed removed -> Uni.createFrom().item(Response.noContent().build());
            case ExperimentRunner.Cancellation.Stopping stopping -> Uni.createFrom().completionStage(stopping.stopped())
                    .ifNoItem().after(CANCEL_WAIT).recoverWithItem(() -> null)
                    .onFailure().recoverWithItem(() -> null)
                    .map(stopped -> stopped != null
                            ? Response.ok(stopped).build()
                            // Still stopping (or, if a concurrent DELETE removed it meanwhile, gone).
                            : Response.accepted(store.find(id).orElseThrow(() -> notFound(id))).build());
        };
    }

    @GET
    @Path("/{id}/runs")
    @Produces({MediaType.APPLICATION_JSON, ExperimentCsv.MEDIA_TYPE})
    @Operation(operationId = "getExperimentRuns", summary = "Read an experiment's runs, one line each",
            description = """
                    The runs so far, in the order they ran, each with its summary and verdict but without its \
                    trials: a smaller read than the whole experiment for scripts and charts. While an experiment with \
                    interleaved trials runs, its runs appear part-way, after a round, with the trials measured so far. `text/csv` has one row \
                    per run (RFC 4180) with the columns `experimentId`, `experimentName`, `strategy`, `threads`, \
                    `threadType`, `workInside`, `workOutside`, `readRatio`, `threadSafe`, `oversubscribed`, `verdict`, `measuredTrials`, `plannedTrials` (fewer \
                    measured than planned: the run was stopped, or is stored, part-way), `corruptedTrials`, `lostUpdatesMean`, \
                    `lostUpdateRateMean`, `nsPerOpMean`, `nsPerOpError`, `nsPerOpMin`, `nsPerOpP50`, `nsPerOpP90`, \
                    `nsPerOpMax`, `opsPerSecondMean`, `opsPerSecondError`, `overlapMean`, `parallelismMean`, \
                    `minThreadShareMin`, `maxThreadShareMax`, `fairnessMean` (the smallest and largest share one \
                    thread had in any trial, and the mean Jain's fairness index), the owned strategies' hand-off \
                    figures, `nsPerReadMean`, `nsPerReadError`, `nsPerWriteMean`, `nsPerWriteError`, \
                    `readsPerSecondMean`, `writesPerSecondMean`, `readRetriesMean`, `readRetryRateMean` (only for \
                    runs with reads), `explainedLostUpdates`, \
                    `explainedDuplicateWrites`, `explainedFinalRollBack`, `explainedStaleWrites`, \
                    `explainedLargestErasure`, `explainedReconciled` (only for runs asked to `explain`: what the \
                    extra recorded trial lost and how), `databaseProduct`, `databaseVersion`, \
                    `databaseIsolationLevel` (only for runs of a database strategy: where its row was and at which \
                    isolation level its transactions ran) and `verdictReason`; \
                    `application/json` is an array of the same runs.""")
    @APIResponse(responseCode = "200", description = "The runs so far, in the representation asked for.",
            content = {
                    @Content(mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(type = SchemaType.ARRAY, implementation = ExperimentEvent.RunEvent.class),
                            examples = @ExampleObject(name = "completed", ref = "runs-completed")),
                    @Content(mediaType = ExperimentCsv.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING),
                            examples = @ExampleObject(name = "completed", ref = "runs-completed-csv"))})
    @APIResponse(responseCode = "304", description = "`If-None-Match` named the current `ETag`: nothing has changed.")
    @APIResponse(responseCode = "404", ref = "ExperimentNotFound")
    @APIResponse(responseCode = "503", ref = "StoreUnavailable")
    @APIResponse(responseCode = "406", ref = "RunsNotAcceptable")
    public Response runs(
            @Parameter(description = "Experiment id.", example = EXAMPLE_ID) @PathParam("id") String id,
            @Context HttpHeaders headers,
            @Context Request request) throws JsonProcessingException {
        MediaType type = Negotiation.choose(headers.getAcceptableMediaTypes(), TABLES)
                .orElseThrow(NotAcceptableException::new);
        Experiment experiment = store.find(id).orElseThrow(() -> notFound(id));
        if (type.equals(CSV)) {
            return conditional(request, experiment, ExperimentRunsCsv.of(experiment).getBytes(StandardCharsets.UTF_8),
                    CSV.withCharset(UTF_8), "inline; filename=\"experiment-" + experiment.id() + "-runs.csv\"");
        }
        List<ExperimentEvent.RunEvent> runs = experiment.runs().stream().map(ExperimentEvent.RunEvent::of).toList();
        return conditional(request, experiment, json.writeValueAsBytes(runs), MediaType.APPLICATION_JSON_TYPE, null);
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, ExperimentCsv.MEDIA_TYPE})
    @Operation(operationId = "listExperiments", summary = "List experiments",
            description = """
                    Experiments newest first (by submission time, then id), without their trial data, optionally \
                    filtered; the filters combine, and a parameter with several values matches any of them. A page \
                    that is not the last links to the next with `Link: <...>; rel="next"` and, in JSON, a `next` \
                    field holding the same URL. Pages are cut by a cursor, the position of the last experiment \
                    shown, not by an offset: experiments submitted while a client walks the pages never shift them, \
                    nothing is repeated or skipped, and an experiment deleted meanwhile is simply not there. \
                    `application/json` is an object with the `items` of the page and `next`; `text/csv` has one row \
                    per experiment (RFC 4180) with the columns `id`, `name`, `status`, `submittedAt`, `startedAt`, \
                    `finishedAt`, `completedRuns`, `totalRuns` and `statusReason`, and the next page in `Link` only.""")
    @APIResponse(responseCode = "200", description = "A page of experiments, newest first.",
            headers = @Header(name = "Link", description = "`<URL>; rel=\"next\"`: the next page, with every filter "
                    + "and the limit of this one; absent on the last page.",
                    schema = @Schema(type = SchemaType.STRING, examples = "<http://localhost:8080/api/experiments?limit=20"
                            + "&cursor=" + EXAMPLE_CURSOR + ">; rel=\"next\"")),
            content = {
                    @Content(mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ExperimentPage.class),
                            examples = @ExampleObject(name = "list", ref = "experiment-list")),
                    @Content(mediaType = ExperimentCsv.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING),
                            examples = @ExampleObject(name = "list", ref = "experiment-list-csv"))})
    @APIResponse(responseCode = "400", ref = "InvalidListQuery")
    @APIResponse(responseCode = "406", ref = "TableNotAcceptable")
    @APIResponse(responseCode = "503", ref = "StoreUnavailable")
    public Response list(
            @Parameter(description = "How many to return (1.." + FixedLimits.MAX_PAGE_SIZE + ").",
                    schema = @Schema(type = SchemaType.INTEGER, defaultValue = "" + FixedLimits.DEFAULT_PAGE_SIZE,
                            minimum = "1", maximum = "" + FixedLimits.MAX_PAGE_SIZE), example = "20")
            @QueryParam("limit") String limit,
            // Strings, not enums or arrays: values are matched in any case and may be comma-separated, and
            // request validators read an array-typed query parameter as JSON.
            @Parameter(description = "Only experiments with one of these statuses (QUEUED, RUNNING, COMPLETED, FAILED, "
                    + "CANCELLED, TIMED_OUT), in any case: repeat the parameter (`status=completed&status=failed`) or "
                    + "separate them with commas (`status=COMPLETED,FAILED`).",
                    schema = @Schema(type = SchemaType.STRING), example = "COMPLETED,FAILED")
            @QueryParam("status") List<String> status,
            @Parameter(description = "Only experiments that ran at least one of these strategies (ids from "
                    + "`GET /api/strategies`, in any case), repeated or comma-separated like `status`.",
                    schema = @Schema(type = SchemaType.STRING), example = "atomic,long-adder")
            @QueryParam("strategy") List<String> strategy,
            @Parameter(description = "Only experiments whose name contains this text, ignoring case (at most "
                    + FixedLimits.MAX_NAME_LENGTH + " characters). Experiments without a name never match.",
                    schema = @Schema(type = SchemaType.STRING, maxLength = FixedLimits.MAX_NAME_LENGTH),
                    example = "locks")
            @QueryParam("name") String name,
            @Parameter(description = "Only experiments submitted strictly after this instant (ISO-8601 with a time "
                    + "zone: `2025-06-01T12:00:00Z`, `2025-06-01T14:00:00+02:00`). The newest `submittedAt` a script "
                    + "has seen fetches only what came since.",
                    schema = @Schema(type = SchemaType.STRING, format = "date-time"), example = "2025-06-01T12:00:00Z")
            @QueryParam("submittedAfter") String submittedAfter,
            @Parameter(description = "Only experiments submitted strictly before this instant (ISO-8601 with a time "
                    + "zone); later than `submittedAfter` when both are given.",
                    schema = @Schema(type = SchemaType.STRING, format = "date-time"), example = "2025-07-01T00:00:00Z")
            @QueryParam("submittedBefore") String submittedBefore,
            @Parameter(description = "Where the page starts: an opaque value, taken from the `next` link of the "
                    + "previous page, that holds only with that listing's filters (the limit may change). Omit it for "
                    + "the first page.",
                    schema = @Schema(type = SchemaType.STRING), example = EXAMPLE_CURSOR)
            @QueryParam("cursor") String cursor,
            @Context HttpHeaders headers,
            @Context UriInfo uriInfo) {
        MediaType type = Negotiation.choose(headers.getAcceptableMediaTypes(), TABLES)
                .orElseThrow(NotAcceptableException::new);
        ListQuery query = ListParameters.parse(limit, status, strategy, name, submittedAfter, submittedBefore, cursor,
                catalog);
        Page page;
        try {
            page = store.list(query);
        } catch (InvalidCursorException invalid) {
            throw ListParameters.invalidCursor(invalid.getMessage());
        }
        URI next = page.next()
                .map(after -> ListParameters.next(uriInfo.getBaseUriBuilder().path("api/experiments").build(), query,
                        after))
                .orElse(null);
        Response.ResponseBuilder response = type.equals(CSV)
                ? Response.ok(ExperimentListCsv.of(page.items()), CSV.withCharset(UTF_8))
                        .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"experiments.csv\"")
                : Response.ok(new ExperimentPage(page.items().stream().map(ExperimentListItem::of).toList(), next),
                        MediaType.APPLICATION_JSON_TYPE);
        if (next != null) {
            response.header(HttpHeaders.LINK, "<" + next.toASCIIString() + ">; rel=\"next\"");
        }
        return response.header(HttpHeaders.VARY, HttpHeaders.ACCEPT).build();
    }
}
