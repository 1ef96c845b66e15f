package dev.concurrency.playground.api.limits;

import dev.concurrency.playground.config.HttpConfig;
import dev.concurrency.playground.config.IdempotencyConfig;
import dev.concurrency.playground.config.LimitsConfig;
import dev.concurrency.playground.config.RetentionConfig;
import dev.concurrency.playground.config.RunnerConfig;
import dev.concurrency.playground.config.StoreConfig;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/limits")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Limits", description = "What this instance allows.")
public class LimitsResource {

    private final LimitsView limits;

    @Inject
    public LimitsResource(LimitsConfig limitsConfig, RunnerConfig runnerConfig, IdempotencyConfig idempotencyConfig,
            StoreConfig storeConfig, RetentionConfig retentionConfig, HttpConfig httpConfig) {
        // The body limit as configured, which is what the http filter enforces.
        this.limits = LimitsView.of(limitsConfig, runnerConfig, idempotencyConfig, storeConfig, retentionConfig,
                httpConfig.maxBodySize().asLongValue());
    }

    @GET
    @Operation(operationId = "getLimits", summary = "Read the limits in force",
            description = "Every bound a submission must respect on this instance, and the queue's capacity, so a "
                    + "script can size its requests instead of discovering the limits through 400 and 429 answers.")
    @APIResponse(responseCode = "200", description = "The limits.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LimitsView.class),
                    examples = @ExampleObject(name = "defaults", ref = "limits")))
    public LimitsView get() {
        return limits;
    }
}
