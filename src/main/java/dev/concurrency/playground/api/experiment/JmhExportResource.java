package dev.concurrency.playground.api.experiment;

import dev.concurrency.playground.api.format.JmhResult;
import dev.concurrency.playground.store.ExperimentStore;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * An experiment's runs in JMH's JSON result format, so the tools people already use on JMH results
 * (visualizers, comparison scripts) work on playground results too.
 *
 * <p>The class shares {@link ExperimentResource}'s path rather than declaring
 * {@code /api/experiments/{id}/jmh} itself: Quarkus REST routes a method this class lacks (POST, PUT,
 * ...) on to the class with the shorter path, which finds no such sub-path and answers 404 instead of
 * 405. With one class path for both, the request is matched against every method of both classes.
 */
@Path("/api/experiments")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Experiments")
public class JmhExportResource {

    private final ExperimentStore store;

    @Inject
    public JmhExportResource(ExperimentStore store) {
        this.store = store;
    }

    @GET
    @Path("/{id}/jmh")
    @Operation(operationId = "exportExperimentAsJmh", summary = "Export an experiment as JMH results",
            description = """
                    The experiment's runs as the JSON array JMH writes with `-rf json`, one element per run, so JMH \
                    tooling can read them. `benchmark` is `dev.concurrency.playground.` followed by the strategy id \
                    as the API spells it, hyphens included (`dev.concurrency.playground.cas-loop`); `mode` is always \
                    `avgt` and `forks` always 1. `primaryMetric` is the time one thread spent per increment in \
                    `ns/op`, one raw value per measured trial; `secondaryMetrics` holds `lostUpdates` (`updates`), \
                    `lostUpdateRate` (`fraction`) and, for `cas-loop`, `casFailures` (`failures`). A trial plays the \
                    part of a JMH iteration: `warmupTime` and `measurementTime` say what one trial does, \
                    `"100 ms"` in fixed-time mode or `"1000000 increments per thread"` in fixed-work mode, and \
                    `params` holds `threadType` and `incrementsPerThread` or `durationMillis`. The JVM fields \
                    describe the service's JVM; as it runs the trials itself, `jvm` is the JVM's name rather than \
                    the path of a `java` binary. `jmhVersion` names the JMH release whose format this reproduces. \
                    Like JMH, an undefined number (the error of a single trial) is the string `"NaN"`. Only \
                    completed runs are exported: a running experiment exports the runs finished so far, a queued \
                    one an empty array.""")
    @APIResponse(responseCode = "200", description = "The completed runs, in the order they ran.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = JmhResult.class),
                    examples = @ExampleObject(name = "cas-loop", ref = "jmh-cas-loop")))
    @APIResponse(responseCode = "404", ref = "ExportNotFound")
    @APIResponse(responseCode = "503", ref = "StoreUnavailable")
    public List<JmhResult> export(
            @Parameter(description = "Experiment id, as returned on submission.",
                    example = ExperimentResource.EXAMPLE_ID) @PathParam("id") String id) {
        return store.find(id).map(JmhResult::of).orElseThrow(() -> ExperimentResource.notFound(id));
    }
}
