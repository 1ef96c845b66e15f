package dev.concurrency.playground.api.experiment;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.concurrency.playground.experiment.Experiment;
import dev.concurrency.playground.experiment.ExperimentStatus;
import dev.concurrency.playground.experiment.Progress;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An experiment in a listing: where it stands, without its trial data. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "ExperimentListItem", description = "An experiment without its results.")
public record ExperimentListItem(
        String id,
        String name,
        ExperimentStatus status,
        Instant submittedAt,
        Instant startedAt,
        Instant finishedAt,
        Progress progress) {

    static ExperimentListItem of(Experiment e) {
        return new ExperimentListItem(e.id(), e.name(), e.status(), e.submittedAt(), e.startedAt(), e.finishedAt(),
                e.progress());
    }
}
