package dev.concurrency.playground.api.format;

import dev.concurrency.playground.experiment.Experiment;
import java.util.List;

/**
 * A list of experiments as RFC 4180 CSV, one row per experiment, in the order given: the listing's
 * {@code text/csv} form.
 *
 * <p>The columns: {@code id}; {@code name}; {@code status} ({@code QUEUED}, {@code RUNNING},
 * {@code COMPLETED}, {@code FAILED}, {@code CANCELLED} or {@code TIMED_OUT}); {@code submittedAt},
 * {@code startedAt} and {@code finishedAt}, ISO-8601 instants in UTC exactly as the JSON has them
 * ({@code 2026-11-25T00:20:39.212Z}); {@code completedRuns} and {@code totalRuns} from its
 * {@code progress}; and {@code statusReason}, why it did not complete. An absent value is an empty field:
 * a name never given, {@code startedAt} of a queued experiment, {@code finishedAt} of one not finished,
 * {@code statusReason} of one that did not fail and was not stopped. Text cells are protected against
 * CSV injection as {@link Csv} describes. The header row is always there, so an empty list is the header
 * alone.
 */
public final class ExperimentListCsv {

    public static final List<String> COLUMNS = List.of("id", "name", "status", "submittedAt", "startedAt", "finishedAt",
            "completedRuns", "totalRuns", "statusReason");

    private ExperimentListCsv() {
    }

    public static String of(List<Experiment> experiments) {
        Csv csv = Csv.withHeader(COLUMNS);
        for (Experiment experiment : experiments) {
            csv.row(
                    experiment.id(),
                    experiment.name(),
                    experiment.status() == null ? null : experiment.status().name(),
                    experiment.submittedAt(),
                    experiment.startedAt(),
                    experiment.finishedAt(),
                    experiment.progress() == null ? null : experiment.progress().completedRuns(),
                    experiment.progress() == null ? null : experiment.progress().totalRuns(),
                    experiment.statusReason());
        }
        return csv.toString();
    }
}
