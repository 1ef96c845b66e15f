package dev.concurrency.playground.api.strategy;

import dev.concurrency.playground.api.problem.ProblemException;
import dev.concurrency.playground.experiment.run.StrategyAvailability;
import dev.concurrency.playground.strategy.Strategy;
import dev.concurrency.playground.strategy.StrategyCatalog;
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

@Path("/api/strategies")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Strategies", description = "The thread-safety strategies an experiment can compare.")
public class StrategyResource {

    private final StrategyCatalog catalog;
    private final StrategyAvailability availability;

    @Inject
    public StrategyResource(StrategyCatalog catalog, StrategyAvailability availability) {
        this.catalog = catalog;
        this.availability = availability;
    }

    private StrategyView view(Strategy strategy) {
        return StrategyView.of(strategy, availability.of(strategy), availability.databases(strategy));
    }

    @GET
    @Operation(operationId = "listStrategies", summary = "List every strategy",
            description = "The catalog of strategies, from the racy ones to locks, atomics and confinement, then the same race "
                    + "in Redis, each with a short lesson. Every strategy is listed; one that needs a backend this service "
                    + "has not configured says so (`available`: false), why, and which setting enables it.")
    @APIResponse(responseCode = "200", description = "The whole catalog.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = StrategyView.class),
                    examples = @ExampleObject(name = "catalog", ref = "strategy-list")))
    public List<StrategyView> list() {
        return catalog.all().stream().map(this::view).toList();
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getStrategy", summary = "Describe one strategy",
            description = "One catalog entry: what the strategy guarantees, how it works and what it costs.")
    @APIResponse(responseCode = "200", description = "The strategy.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = StrategyView.class),
                    examples = @ExampleObject(name = "atomic", ref = "strategy-atomic")))
    @APIResponse(responseCode = "404", ref = "StrategyNotFound")
    public StrategyView get(
            @Parameter(description = "Strategy id.", example = "atomic") @PathParam("id") String id) {
        return catalog.find(id).map(this::view).orElseThrow(() -> ProblemException.notFound(
                "There is no strategy '" + ProblemException.excerpt(id) + "'. Valid ids are " + String.join(", ", catalog.ids()) + "."));
    }
}
