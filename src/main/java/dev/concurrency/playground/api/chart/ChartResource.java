package dev.concurrency.playground.api.chart;

import dev.concurrency.playground.api.problem.ProblemException;
import dev.concurrency.playground.api.problem.Violation;
import dev.concurrency.playground.experiment.Experiment;
import dev.concurrency.playground.store.ExperimentStore;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
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
 * An experiment's charts as SVG images, drawn on the server so that any page can show one with a plain
 * {@code <img>}, with no script of its own.
 */
@Path("/api/experiments/{id}/charts")
@Tag(name = "Charts", description = "An experiment's figures, or a comparison's, as SVG images to embed in any page.")
public class ChartResource {

    /** The id the API description shows, as the experiment operations do. */
    static final String EXAMPLE_ID = "3f1c9a52-7d4e-4b8a-9c61-2e5f0a7b8d13";

    private final ExperimentStore store;

    @Inject
    public ChartResource(ExperimentStore store) {
        this.store = store;
    }

    @GET
    @Path("/{kind}.svg")
    @Produces(SvgResponses.MEDIA_TYPE)
    @Operation(operationId = "getExperimentChart", summary = "Draw an experiment's chart as SVG",
            description = """
                    A chart of the experiment's runs, drawn on the server as a standalone SVG image that works in a \
                    plain `<img>` on any origin: no script, no style sheet, nothing fetched. `cost` is ns/op (or \
                    ops/s with `metric=ops-per-second`) against thread count, one line per strategy, each point the \
                    median of the run's measured trials and its band the distribution-free 95% confidence interval \
                    of that median (or, for a run with fewer than 6 trials, too few for one, the range of its \
                    trials; the description says which). `lost-updates` is the share of increments lost, in \
                    percent, per strategy and thread count as grouped bars (the median of the trials, with whiskers \
                    over their range); thread-safe strategies are drawn too, at zero. `thread-share` shows how \
                    evenly the threads shared the work: the busiest thread's share as a percentage of an even share \
                    (median over the trials), with a band from the most starved to the most favoured thread. Every \
                    chart has a `<title>` and a `<desc>` that says in words what it shows, axis labels with units, \
                    a legend, and the experiment's id and date in a corner. While the experiment is queued or \
                    running the chart shows the runs done so far and says how many; it is served with \
                    `Cache-Control: no-cache` then, and once the experiment has finished with \
                    `public, max-age=31536000, immutable`. The `ETag` is a digest of the image: `If-None-Match` \
                    gets `304` while it is unchanged. For pages that inline the SVG, the document's structure is \
                    stable: the root `<svg class="pg-chart" data-kind>`, one `<g class="series" data-series>` per \
                    strategy holding a `path.band`, a `path.line` and a `circle.point` per run (or a `rect.bar` per \
                    bar), each with `data-x` (threads), `data-y` (the value at full precision) and a `<title>`; \
                    `g.axis.x` and `g.axis.y` with a `text.axis-label`, `g.legend` and `text.stamp`.""")
    @APIResponse(responseCode = "200", description = "The chart.",
            headers = {
                    @Header(name = "ETag", description = "A digest of the image.", schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "Cache-Control", description = "`no-cache` while the experiment is queued or "
                            + "running, `public, max-age=31536000, immutable` once it has finished.",
                            schema = @Schema(type = SchemaType.STRING))},
            content = @Content(mediaType = SvgResponses.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING),
                    examples = @ExampleObject(name = "cost", ref = "chart-cost")))
    @APIResponse(responseCode = "304", description = "`If-None-Match` named the current `ETag`: the chart has not changed.")
    @APIResponse(responseCode = "400", ref = "InvalidChart")
    @APIResponse(responseCode = "404", ref = "ChartedExperimentNotFound")
    @APIResponse(responseCode = "406", ref = "ChartNotAcceptable")
    @APIResponse(responseCode = "503", ref = "StoreUnavailable")
    public Response chart(
            @Parameter(description = "Experiment id.", example = EXAMPLE_ID) @PathParam("id") String id,
            @Parameter(description = "Which chart: `cost`, `lost-updates` or `thread-share`.",
                    schema = @Schema(type = SchemaType.STRING, enumeration = {"cost", "lost-updates", "thread-share"}),
                    example = "cost")
            @PathParam("kind") String kind,
            @Parameter(description = "What to draw: for `cost`, `ns-per-op` (the default) or `ops-per-second`; "
                    + "`lost-updates` draws `lost-update-rate` and `thread-share` `max-thread-share`, the only value "
                    + "each takes.", schema = @Schema(type = SchemaType.STRING,
                            enumeration = {"ns-per-op", "ops-per-second", "lost-update-rate", "max-thread-share"}),
                    example = "ns-per-op")
            @QueryParam("metric") String metric,
            @Parameter(description = "The value axis: `linear` (the default) or, for `cost` only, `log`.",
                    schema = @Schema(type = SchemaType.STRING, enumeration = {"linear", "log"}), example = "log")
            @QueryParam("scale") String scale,
            @BeanParam ChartFrameParameters frame,
            @Parameter(description = "The heading (at most " + ChartOptions.MAX_TITLE_LENGTH + " characters); the "
                    + "experiment's name when left out.", schema = @Schema(type = SchemaType.STRING,
                            maxLength = ChartOptions.MAX_TITLE_LENGTH), example = "Locks against atomics")
            @QueryParam("title") String title,
            @Context UriInfo uri,
            @Context HttpHeaders headers,
            @Context Request request) {
        SvgResponses.negotiate(headers);
        ChartKind chartKind = ChartKind.ofExperiment(kind).orElse(null);
        List<Violation> violations = new ArrayList<>();
        if (chartKind == null) {
            violations.add(new Violation("kind", "must be " + ChartKind.ids(ChartKind.OF_EXPERIMENT) + " (as in "
                    + "/api/experiments/{id}/charts/cost.svg); '" + ProblemException.excerpt(kind) + "' is not one"));
        }
        ChartOptions options = ChartOptions.parse(chartKind == null ? ChartKind.COST : chartKind,
                uri.getQueryParameters(), Set.of(), violations);
        Experiment experiment = store.find(id).orElseThrow(() -> ProblemException.notFound("There is no experiment '"
                + ProblemException.excerpt(id) + "' to draw. It may never have existed, or it was removed or evicted "
                + "after the service kept its newest finished experiments; GET /api/experiments lists those it has."));
        return SvgResponses.of(request, experiment, ExperimentCharts.render(experiment, options));
    }
}
