package dev.concurrency.playground.api.experiment;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A page of the listing, and where the next one is. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "ExperimentPage", description = "A page of experiments, newest first.")
public record ExperimentPage(
        @Schema(required = true, description = "The experiments of this page, newest first, without their results.")
        List<ExperimentListItem> items,
        @Schema(description = "The URL of the next page, the same as the `Link` header's `rel=\"next\"`; absent on "
                + "the last page.", format = "uri")
        URI next) {
}
