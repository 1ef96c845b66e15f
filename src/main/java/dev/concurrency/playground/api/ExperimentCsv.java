package dev.concurrency.playground.api;

import dev.concurrency.playground.experiment.Experiment;
import dev.concurrency.playground.experiment.RunResult;
import dev.concurrency.playground.experiment.TrialResult;
import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Collectors;

/**
 * An experiment's measured trials as RFC 4180 CSV, one row per trial, for spreadsheets and data-frame
 * libraries.
 *
 * <p>Values are written as the JSON representation holds them, at full precision: {@code nsPerOp},
 * {@code opsPerSecond} and {@code overlap} are plain decimals (never {@code 7.5E9}, which some readers
 * take for text), and an absent value is an empty field: {@code nsPerOp} of a trial that made no
 * increment, {@code opsPerSecond} of one that took no measurable time, and {@code casFailures} of every
 * strategy but {@code cas-loop}. The document always starts with the header row, so an experiment
 * without finished runs is the header alone.
 */
final class ExperimentCsv {

    static final String MEDIA_TYPE = "text/csv";

    static final List<String> COLUMNS = List.of("strategy", "threads", "threadType", "trial", "expectedCount",
            "actualCount", "lostUpdates", "durationNanos", "nsPerOp", "opsPerSecond", "overlap", "casFailures");

    /** RFC 4180 ends every record, the last one included, with CRLF. */
    private static final String CRLF = "\r\n";

    private ExperimentCsv() {
    }

    static String of(Experiment experiment) {
        StringBuilder csv = new StringBuilder(row(COLUMNS));
        for (RunResult run : experiment.runs()) {
            for (TrialResult trial : run.trials()) {
                csv.append(row(List.of(
                        run.strategy(),
                        Integer.toString(run.threads()),
                        run.threadType().id(),
                        Integer.toString(trial.trial()),
                        Long.toString(trial.expectedCount()),
                        Long.toString(trial.actualCount()),
                        Long.toString(trial.lostUpdates()),
                        Long.toString(trial.durationNanos()),
                        decimal(trial.nsPerOp()),
                        decimal(trial.opsPerSecond()),
                        decimal(trial.overlap()),
                        trial.casFailures() == null ? "" : Long.toString(trial.casFailures()))));
            }
        }
        return csv.toString();
    }

    /** One field, quoted only when RFC 4180 requires it: it holds a comma, a double quote, CR or LF. */
    static String field(String value) {
        if (value == null) {
            return "";
        }
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\r') < 0 && value.indexOf('\n') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }

    private static String row(List<String> fields) {
        return fields.stream().map(ExperimentCsv::field).collect(Collectors.joining(",", "", CRLF));
    }

    /**
     * The shortest decimal that reads back as the same double, like Java's and Jackson's output, but
     * never in scientific notation and independent of the default locale's decimal separator.
     */
    static String decimal(Double value) {
        if (value == null || value.isNaN() || value.isInfinite()) {
            return "";
        }
        BigDecimal exact = BigDecimal.valueOf(value).stripTrailingZeros();
        // Whole values keep one decimal, as in the JSON, so every value of a column reads as a decimal.
        return (exact.scale() < 1 ? exact.setScale(1) : exact).toPlainString();
    }
}
