package dev.concurrency.playground.api.chart;

import java.util.List;
import java.util.Optional;

/**
 * The charts there are, each with the metrics it can show (the first is its default) and whether its
 * value axis may be logarithmic.
 */
public enum ChartKind {
    /** ns/op (or ops/s) against thread count, one line per strategy, with a band per point. */
    COST("cost", List.of("ns-per-op", "ops-per-second"), true),
    /** The share of increments lost, per strategy and thread count, as grouped bars. */
    LOST_UPDATES("lost-updates", List.of("lost-update-rate"), false),
    /** How unevenly the threads shared the work, per strategy and thread count. */
    THREAD_SHARE("thread-share", List.of("max-thread-share"), false),
    /** Two experiments compared: the change per pair of runs. Not an experiment's chart kind. */
    COMPARISON("comparison", List.of("ns-per-op", "ops-per-second", "lost-update-rate"), false);

    /** The kinds an experiment has, as its chart URLs name them. */
    public static final List<ChartKind> OF_EXPERIMENT = List.of(COST, LOST_UPDATES, THREAD_SHARE);

    private final String id;
    private final List<String> metrics;
    private final boolean logAllowed;

    ChartKind(String id, List<String> metrics, boolean logAllowed) {
        this.id = id;
        this.metrics = metrics;
        this.logAllowed = logAllowed;
    }

    public String id() {
        return id;
    }

    public List<String> metrics() {
        return metrics;
    }

    public boolean logAllowed() {
        return logAllowed;
    }

    /** An experiment's chart kind by its id, exactly as written. */
    public static Optional<ChartKind> ofExperiment(String id) {
        return OF_EXPERIMENT.stream().filter(kind -> kind.id.equals(id)).findFirst();
    }

    static String ids(List<ChartKind> kinds) {
        return String.join(", ", kinds.stream().map(ChartKind::id).toList());
    }

    @Override
    public String toString() {
        return id;
    }
}
