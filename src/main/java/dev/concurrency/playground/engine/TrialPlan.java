package dev.concurrency.playground.engine;

import dev.concurrency.playground.strategy.Backends;
import dev.concurrency.playground.strategy.Strategy;
import java.util.Objects;

/**
 * Everything needed to run one trial: which strategy, on how many threads of which kind, doing what, and,
 * for a strategy whose counter lives outside the JVM, where ({@code backends}), and the work each worker does
 * around each increment ({@code work}), and the share of its operations that read instead ({@code reads}).
 */
public record TrialPlan(Strategy strategy, ThreadType threadType, int threads, Workload workload, Backends backends,
        WorkAround work, ReadShare reads) {

    public TrialPlan {
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(threadType, "threadType");
        Objects.requireNonNull(workload, "workload");
        Objects.requireNonNull(backends, "backends");
        Objects.requireNonNull(work, "work");
        Objects.requireNonNull(reads, "reads");
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be positive");
        }
    }

    /** A trial without reads. */
    public TrialPlan(Strategy strategy, ThreadType threadType, int threads, Workload workload, Backends backends,
            WorkAround work) {
        this(strategy, threadType, threads, workload, backends, work, ReadShare.NONE);
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
