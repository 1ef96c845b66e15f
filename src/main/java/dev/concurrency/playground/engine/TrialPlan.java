package dev.concurrency.playground.engine;

import dev.concurrency.playground.strategy.Strategy;
import java.util.Objects;

/** Everything needed to run one trial: which strategy, on how many threads of which kind, doing what. */
public record TrialPlan(Strategy strategy, ThreadType threadType, int threads, Workload workload) {

    public TrialPlan {
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(threadType, "threadType");
        Objects.requireNonNull(workload, "workload");
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be positive");
        }
    }
}
