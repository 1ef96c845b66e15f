package dev.concurrency.playground.engine;

import dev.concurrency.playground.strategy.Backends;
import dev.concurrency.playground.strategy.Strategy;
import java.util.Objects;

/**
 * Everything needed to run one trial: which strategy, on how many threads of which kind, doing what, and,
 * for a strategy whose counter lives outside the JVM, where ({@code backends}), and the work each worker does
 * around each increment ({@code work}).
 */
public record TrialPlan(Strategy strategy, ThreadType threadType, int threads, Workload workload, Backends backends,
        WorkAround work) {

    public TrialPlan {
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(threadType, "threadType");
        Objects.requireNonNull(workload, "workload");
        Objects.requireNonNull(backends, "backends");
        Objects.requireNonNull(work, "work");
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be positive");
        }
    }

    /** A trial without work around the increments. */
    public TrialPlan(Strategy strategy, ThreadType threadType, int threads, Workload workload, Backends backends) {
        this(strategy, threadType, threads, workload, backends, WorkAround.NONE);
    }

    /** A trial of a strategy that needs nothing outside the JVM, without work around the increments. */
    public TrialPlan(Strategy strategy, ThreadType threadType, int threads, Workload workload) {
        this(strategy, threadType, threads, workload, Backends.NONE);
    }
}
