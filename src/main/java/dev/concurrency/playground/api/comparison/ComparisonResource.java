package dev.concurrency.playground.api.comparison;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.concurrency.playground.api.chart.ChartFrameParameters;
import dev.concurrency.playground.api.chart.ChartKind;
import dev.concurrency.playground.api.chart.ChartOptions;
import dev.concurrency.playground.api.chart.ComparisonCharts;
import dev.concurrency.playground.api.chart.SvgResponses;
import dev.concurrency.playground.api.format.ComparisonCsv;
import dev.concurrency.playground.api.format.ComparisonTable;
import dev.concurrency.playground.api.format.Negotiation;
import dev.concurrency.playground.api.problem.ProblemException;
import dev.concurrency.playground.api.problem.ProblemTypes;
import dev.concurrency.playground.api.problem.Violation;
import dev.concurrency.playground.experiment.Experiment;
import dev.concurrency.playground.experiment.comparison.Comparison;
import dev.concurrency.playground.experiment.comparison.Comparisons;
import dev.concurrency.playground.store.ExperimentStore;
import dev.concurrency.playground.strategy.StrategyCatalog;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Two experiments compared run by run, as Go's benchstat compares two benchmark results (see
 * {@link Comparisons}). A resource of its own rather than a sub-resource of one experiment: neither
 * experiment owns the comparison, and a query with both ids reads the same whichever is looked at.
 *
 * <p>Only finished experiments are compared; a queued or running one is a {@code 409}. Its runs are
 * still coming in, so a comparison of it would change from one request to the next, and a "no change"
 * read before its last runs finished would be a claim about runs that were not there yet. An
 * experiment that ended early (cancelled, failed, timed out) is compared with the runs it has, with a
 * warning: those figures will never change.
 */
@Path("/api/comparisons")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Comparisons", description = "Compare two experiments run by run, as Go's benchstat does.")
public class ComparisonResource {

    /** Example ids for the API description: the baseline is the id the experiment operations show. */
    static final String EXAMPLE_BASELINE = "3f1c9a52-7d4e-4b8a-9c61-2e5f0a7b8d13";
    static final String EXAMPLE_CANDIDATE = "9b2e4d71-0c3a-4f5e-8d6b-1a7c3e9f2b40";

    private static final MediaType CSV = new MediaType("text", "csv");
    /** JSON first, so that it is the default; text/* gets the table, the one meant for people. */
    private static final List<MediaType> REPRESENTATIONS =
            List.of(MediaType.APPLICATION_JSON_TYPE, MediaType.TEXT_PLAIN_TYPE, CSV);
    private static final String UTF_8 = "UTF-8";

    private final ExperimentStore store;
    private final ObjectMapper json;
    private final StrategyCatalog catalog;

    @Inject
    public ComparisonResource(ExperimentStore store, ObjectMapper json, StrategyCatalog catalog) {
        this.store = store;
        this.json = json;
        this.catalog = catalog;
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, "text/csv", MediaType.TEXT_PLAIN})
    @Operation(operationId = "compareExperiments", summary = "Compare two experiments",
            description = """
                    Pairs the runs of two finished experiments that measured the same thing (strategy, thread count, \
                    thread type and workload) and, for `nsPerOp`, `opsPerSecond` and `lostUpdateRate`, gives each \
                    side's median over its trials with a distribution-free 95% confidence interval (from order \
                    statistics; absent with fewer than 6 trials, where none exists), the change of the median in \
                    percent, and the p-value of a two-sided Mann-Whitney U test (exact for up to 50 trials a side, \
                    ties included; normal approximation beyond). As Go's benchstat: a change is significant at \
                    `alpha` 0.05, and `delta` is `~` when it is not. Beyond benchstat: the p-values of each metric's \
                    pairs are adjusted for their number with Holm-Bonferroni (`adjustedPValue`, which decides \
                    `significant`), so that comparing many runs does not find changes by chance; the experiments' \
                    `differences` (JDK, VM flags, CPU, processors, instance, warm-up) are listed, and `warnings` \
                    say when they, too few trials, or an experiment that did not complete make the comparison \
                    doubtful; runs that only one experiment has are listed under `unpaired`, not dropped. With \
                    `baselineStrategy` and `candidateStrategy`, one strategy is compared with another (in two \
                    experiments, or in one given as both): their runs pair by thread count, thread type and \
                    workload, the pairs have no `strategy`, and `strategies` says which. Each \
                    table ends with the geometric mean of the medians. `text/plain` is benchstat's layout; \
                    `text/csv` (RFC 4180) has one row per pair and metric with the columns `baselineId`, \
                    `candidateId`, `baselineStrategy`, `candidateStrategy`, `kind` (`pair`, `geomean`, \
                    `baseline-only`, `candidate-only`), `metric`, `unit`, \
                    `strategy`, `threads`, `threadType`, `incrementsPerThread`, `durationMillis`, `workInside`, `workOutside`, `readRatio`, `baselineN`, \
                    `baselineMedian`, `baselineLow`, `baselineHigh`, `candidateN`, `candidateMedian`, \
                    `candidateLow`, `candidateHigh`, `changePercent`, `pValue`, `adjustedPValue`, `test`, \
                    `significant`, `delta` and `note`. An experiment still queued or running cannot be compared \
                    yet (`409`); one that was cancelled, failed or timed out is compared with the runs it has.""")
    @APIResponse(responseCode = "200", description = "The comparison, in the representation asked for.",
            headers = @Header(name = "Content-Disposition",
                    description = "`text/csv` only: `inline; filename=\"comparison-<baseline>-<candidate>.csv\"`.",
                    schema = @Schema(type = SchemaType.STRING)),
            content = {
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Comparison.class),
                            examples = @ExampleObject(name = "strategies", ref = "comparison")),
                    @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING),
                            examples = @ExampleObject(name = "strategies", ref = "comparison-csv")),
                    @Content(mediaType = MediaType.TEXT_PLAIN, schema = @Schema(type = SchemaType.STRING),
                            examples = @ExampleObject(name = "strategies", ref = "comparison-text"))})
    @APIResponse(responseCode = "400", ref = "InvalidComparison")
    @APIResponse(responseCode = "404", ref = "ComparedExperimentNotFound")
    @APIResponse(responseCode = "406", ref = "ComparisonNotAcceptable")
    @APIResponse(responseCode = "409", ref = "ComparedExperimentNotFinished")
    @APIResponse(responseCode = "503", ref = "StoreUnavailable")
    // It reads the store, which may be a database: on a worker thread, never the event loop.
    @Blocking
    public Response compare(
            @Parameter(description = "Id of the experiment to compare against: the \"before\".",
                    required = true, schema = @Schema(type = SchemaType.STRING), example = EXAMPLE_BASELINE)
            @QueryParam("baseline") List<String> baseline,
            @Parameter(description = "Id of the experiment compared with the baseline: the \"after\". It may be the "
                    + "baseline itself, which shows what no change looks like.",
                    required = true, schema = @Schema(type = SchemaType.STRING), example = EXAMPLE_CANDIDATE)
            @QueryParam("candidate") List<String> candidate,
            @Parameter(description = "Compare this strategy of the baseline (an id from `GET /api/strategies`) with "
                    + "`candidateStrategy` of the candidate, instead of pairing runs by strategy: only their runs are "
                    + "taken, paired by thread count, thread type and workload. With the same experiment on both sides "
                    + "this compares two of its strategies. Give both or neither.",
                    schema = @Schema(type = SchemaType.STRING), example = "atomic")
            @QueryParam("baselineStrategy") List<String> baselineStrategy,
            @Parameter(description = "The candidate's strategy to compare with `baselineStrategy`.",
                    schema = @Schema(type = SchemaType.STRING), example = "long-adder")
            @QueryParam("candidateStrategy") List<String> candidateStrategy,
            @Context HttpHeaders headers) throws JsonProcessingException {
        MediaType type = Negotiation.choose(headers.getAcceptableMediaTypes(), REPRESENTATIONS)
                .orElseThrow(NotAcceptableException::new);
        Comparison comparison = comparison(baseline, candidate, baselineStrategy, candidateStrategy);
        Response.ResponseBuilder response;
        if (type.equals(CSV)) {
            response = Response.ok(ComparisonCsv.of(comparison).getBytes(StandardCharsets.UTF_8), CSV.withCharset(UTF_8))
                    .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"comparison-" + comparison.baseline().id()
                            + "-" + comparison.candidate().id() + ".csv\"");
        } else if (type.equals(MediaType.TEXT_PLAIN_TYPE)) {
            response = Response.ok(ComparisonTable.of(comparison).getBytes(StandardCharsets.UTF_8),
                    MediaType.TEXT_PLAIN_TYPE.withCharset(UTF_8));
        } else {
            response = Response.ok(json.writeValueAsBytes(comparison), MediaType.APPLICATION_JSON_TYPE);
        }
        // The body depends on Accept: a cache must not hand the CSV to a client that asked for JSON.
        return response.header(HttpHeaders.VARY, HttpHeaders.ACCEPT).build();
    }

    @GET
    @Path("/chart.svg")
    @Produces(SvgResponses.MEDIA_TYPE)
    @Operation(operationId = "getComparisonChart", summary = "Draw a comparison of two experiments as SVG",
            description = """
                    The comparison that `GET /api/comparisons` gives, as a standalone SVG image for a plain `<img>` on \
                    any origin: one horizontal bar per pair of runs with the change of the median in percent (for \
                    `metric` `ns-per-op`, the default, `ops-per-second` or `lost-update-rate`), grouped by strategy. \
                    Changes that are not significant after Holm's correction are drawn faint and marked `~`, the \
                    others labelled with their change. Whiskers run between the changes of the ends of both sides' \
                    95% intervals of the median, where both sides have enough trials (6) for one; a pair whose \
                    baseline median is zero has no change and shows `n/a`. The `<desc>` says in words how many \
                    changes are significant and the geometric mean. Both experiments have finished (else `409`), so \
                    the chart never changes: it is served with `public, max-age=31536000, immutable` and an `ETag`. \
                    The structure is that of the experiment charts: `g.series[data-series]` per strategy, a \
                    `rect.bar` per pair with `data-x` (threads), `data-y` (the change in percent) and \
                    `data-significant`.""")
    @APIResponse(responseCode = "200", description = "The chart.",
            headers = @Header(name = "ETag", description = "A digest of the image.",
                    schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = SvgResponses.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING),
                    examples = @ExampleObject(name = "comparison", ref = "chart-comparison")))
    @APIResponse(responseCode = "304", description = "`If-None-Match` named the current `ETag`: the chart has not changed.")
    @APIResponse(responseCode = "400", ref = "InvalidComparisonChart")
    @APIResponse(responseCode = "404", ref = "ComparedExperimentNotFound")
    @APIResponse(responseCode = "406", ref = "ChartNotAcceptable")
    @APIResponse(responseCode = "409", ref = "ComparedExperimentNotFinished")
    @APIResponse(responseCode = "503", ref = "StoreUnavailable")
    @Blocking // it reads the store (see compare)
    public Response chart(
            @Parameter(description = "Id of the experiment to compare against: the \"before\".",
                    required = true, schema = @Schema(type = SchemaType.STRING), example = EXAMPLE_BASELINE)
            @QueryParam("baseline") List<String> baseline,
            @Parameter(description = "Id of the experiment compared with the baseline: the \"after\".",
                    required = true, schema = @Schema(type = SchemaType.STRING), example = EXAMPLE_CANDIDATE)
            @QueryParam("candidate") List<String> candidate,
            @Parameter(description = "As in `GET /api/comparisons`: this strategy of the baseline against "
                    + "`candidateStrategy` of the candidate.", schema = @Schema(type = SchemaType.STRING),
                    example = "atomic")
            @QueryParam("baselineStrategy") List<String> baselineStrategy,
            @Parameter(description = "The candidate's strategy to compare with `baselineStrategy`.",
                    schema = @Schema(type = SchemaType.STRING), example = "long-adder")
            @QueryParam("candidateStrategy") List<String> candidateStrategy,
            @Parameter(description = "The metric whose change is drawn.", schema = @Schema(type = SchemaType.STRING,
                    enumeration = {"ns-per-op", "ops-per-second", "lost-update-rate"}, defaultValue = "ns-per-op"),
                    example = "ns-per-op")
            @QueryParam("metric") String metric,
            @Parameter(description = "The value axis: only `linear`, as changes can be negative.",
                    schema = @Schema(type = SchemaType.STRING, enumeration = {"linear"}), example = "linear")
            @QueryParam("scale") String scale,
            @BeanParam ChartFrameParameters frame,
            @Parameter(description = "The heading (at most " + ChartOptions.MAX_TITLE_LENGTH + " characters); the two "
                    + "experiments' names when left out.", schema = @Schema(type = SchemaType.STRING,
                            maxLength = ChartOptions.MAX_TITLE_LENGTH), example = "Before and after")
            @QueryParam("title") String title,
            @Context UriInfo uri,
            @Context HttpHeaders headers,
            @Context Request request) {
        SvgResponses.negotiate(headers);
        ChartOptions options = ChartOptions.parse(ChartKind.COMPARISON, uri.getQueryParameters(),
                Set.of("baseline", "candidate", "baselineStrategy", "candidateStrategy"), List.of());
        Comparison comparison = comparison(baseline, candidate, baselineStrategy, candidateStrategy);
        Instant finished = Stream.of(comparison.baseline().finishedAt(), comparison.candidate().finishedAt())
                .filter(Objects::nonNull).max(Comparator.naturalOrder()).orElse(null);
        return SvgResponses.of(request, finished, ComparisonCharts.render(comparison, options));
    }

    /** The comparison the parameters ask for, or the 400, 404 or 409 that says why there is none. */
    private Comparison comparison(List<String> baseline, List<String> candidate, List<String> baselineStrategy,
            List<String> candidateStrategy) {
        Map<String, String> ids = ids(baseline, candidate, baselineStrategy, candidateStrategy);
        Map<String, Experiment> experiments = finished(ids);
        Comparison.Strategies strategies = ids.containsKey("baselineStrategy")
                ? new Comparison.Strategies(ids.get("baselineStrategy"), ids.get("candidateStrategy")) : null;
        return Comparisons.compare(experiments.get("baseline"), experiments.get("candidate"), strategies);
    }

    /**
     * Both ids, each given once and not blank, and both strategies or neither, each a strategy id; or a 400
     * naming every parameter that is wrong.
     */
    private Map<String, String> ids(List<String> baseline, List<String> candidate, List<String> baselineStrategy,
            List<String> candidateStrategy) {
        Map<String, String> ids = new LinkedHashMap<>();
        List<Violation> violations = new ArrayList<>();
        check("baseline", baseline, "the id of the experiment to compare against", ids, violations);
        check("candidate", candidate, "the id of the experiment to compare with the baseline", ids, violations);
        boolean byStrategy = present(baselineStrategy) || present(candidateStrategy);
        if (byStrategy) {
            check("baselineStrategy", baselineStrategy, "with candidateStrategy, the baseline's strategy to compare",
                    ids, violations);
            check("candidateStrategy", candidateStrategy, "with baselineStrategy, the candidate's strategy to compare",
                    ids, violations);
            for (String name : List.of("baselineStrategy", "candidateStrategy")) {
                String id = ids.get(name);
                if (id != null && catalog.find(id).isEmpty()) {
                    ids.remove(name);
                    violations.add(new Violation(name, "is not a known strategy: '" + ProblemException.excerpt(id)
                            + "'; valid ids are " + String.join(", ", catalog.ids())));
                }
            }
        }
        if (!violations.isEmpty()) {
            throw ProblemException.invalid("A comparison needs the ids of two experiments, each given once: "
                    + "GET /api/comparisons?baseline=<id>&candidate=<id>, and to compare two strategies both "
                    + "baselineStrategy and candidateStrategy. GET /api/experiments?status=COMPLETED lists finished "
                    + "experiments; see violations.", violations);
        }
        return ids;
    }

    private static boolean present(List<String> values) {
        return values != null && !values.isEmpty();
    }

    private static void check(String name, List<String> values, String what, Map<String, String> ids,
            List<Violation> violations) {
        if (values == null || values.isEmpty() || values.getFirst().isBlank()) {
            violations.add(new Violation(name, "is required: " + what));
        } else if (values.size() > 1) {
            violations.add(new Violation(name, "must be given once; it was given " + values.size() + " times"));
        } else {
            ids.put(name, values.getFirst().strip());
        }
    }

    /**
     * Both experiments by side, if they exist and have finished: a 404 names every unknown id, else a 409
     * every experiment that is not finished, so that a client learns of both sides at once. Each is read
     * once (an experiment compared with itself, once in all), so both sides are the same snapshot.
     */
    private Map<String, Experiment> finished(Map<String, String> ids) {
        String baselineId = ids.get("baseline");
        String candidateId = ids.get("candidate");
        Optional<Experiment> baseline = store.find(baselineId);
        Optional<Experiment> candidate = candidateId.equals(baselineId) ? baseline : store.find(candidateId);
        List<String> unknown = new ArrayList<>();
        if (baseline.isEmpty()) {
            unknown.add("'" + ProblemException.excerpt(baselineId) + "' (baseline)");
        }
        if (candidate.isEmpty()) {
            unknown.add("'" + ProblemException.excerpt(candidateId) + "' (candidate)");
        }
        if (!unknown.isEmpty()) {
            throw ProblemException.notFound("There is no experiment " + String.join(" and no experiment ", unknown)
                    + ". It may never have existed, or it was removed or evicted after the service kept its newest "
                    + "finished experiments; GET /api/experiments lists those it has.");
        }
        Map<String, Experiment> experiments = new LinkedHashMap<>();
        experiments.put("baseline", baseline.get());
        experiments.put("candidate", candidate.get());
        List<String> unfinished = experiments.entrySet().stream()
                .filter(side -> !side.getValue().status().isTerminal())
                // An experiment compared with itself is named once.
                .filter(side -> side.getKey().equals("baseline") || !candidateId.equals(baselineId))
                .map(side -> "the " + side.getKey() + " " + side.getValue().id() + " is " + side.getValue().status())
                .toList();
        if (!unfinished.isEmpty()) {
            throw new ProblemException(409, ProblemTypes.EXPERIMENT_NOT_FINISHED, "Experiment not finished",
                    "Only finished experiments are compared, as their figures no longer change: "
                            + String.join(" and ", unfinished) + ". Ask again once it has finished: poll "
                            + "GET /api/experiments/{id}, or follow GET /api/experiments/{id}/events.",
                    null);
        }
        return experiments;
    }
}
