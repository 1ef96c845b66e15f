package dev.concurrency.playground.strategy;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * A thread-safety strategy as the catalog presents it: what it is, whether it is safe, and how to
 * make a fresh {@link SharedCounter} that uses it.
 *
 * <p>Built with named fields, so that each strategy's declaration reads by itself:
 * <pre>{@code
 * Strategy.builder()
 *         .id("cas-loop")
 *         .name("Compare-and-set loop")
 *         .family(Family.ATOMIC)
 *         .safety(Safety.THREAD_SAFE)
 *         .javaApi("java.util.concurrent.atomic.AtomicLong.compareAndSet(long, long)")
 *         .summary("Read, then swap in the value plus one only if nobody changed it; retry otherwise.")
 *         .descriptionFromJavadocOf(CasLoopCounter.class)
 *         .reportsCasFailures()
 *         .counters(CasLoopCounter::new)
 *         .build();
 * }</pre>
 */
public final class Strategy {

    private final String id;
    private final String name;
    private final Family family;
    /** Its safety among threads; for a strategy that runs only in processes, among them. */
    private final Safety safety;
    private final String javaApi;
    private final String summary;
    private final String description;
    private final boolean reportsCasFailures;
    private final boolean explainable;
    private final Supplier<SharedCounter> counters;
    private final Class<? extends SharedCounter> counterClass;
    private final Backend backend;
    private final boolean takesWork;
    private final boolean takesReaders;
    private final boolean takesBlocking;
    /** Its safety among child processes that share mapped memory; null when it does not run in processes. */
    private final Safety processSafety;
    private final Class<? extends ProcessCounter> processCounterClass;
    /** Whether it runs on threads at all; false for a strategy that has a meaning only between processes. */
    private final boolean onThreads;

    private Strategy(Builder builder) {
        this.id = Objects.requireNonNull(builder.id, "id");
        String which = "strategy " + id + ": ";
        this.name = Objects.requireNonNull(builder.name, which + "name");
        this.family = Objects.requireNonNull(builder.family, which + "family");
        this.onThreads = !builder.onlyInProcesses;
        if (!onThreads && (builder.safety != null || builder.counters != null)) {
            throw new IllegalArgumentException(which + "a strategy that runs only in processes has no safety among "
                    + "threads and no counters for them");
        }
        this.safety = onThreads ? Objects.requireNonNull(builder.safety, which + "safety") : builder.processSafety;
        this.javaApi = Objects.requireNonNull(builder.javaApi, which + "javaApi");
        this.summary = Objects.requireNonNull(builder.summary, which + "summary");
        this.description = Objects.requireNonNull(builder.description, which + "description");
        this.reportsCasFailures = builder.reportsCasFailures;
        this.explainable = builder.explainable;
        this.counters = onThreads ? Objects.requireNonNull(builder.counters, which + "counters") : null;
        this.counterClass = builder.lessonClass;
        this.backend = builder.backend;
        this.takesWork = counterClass != null && WorkingCounter.class.isAssignableFrom(counterClass);
        this.takesReaders = counterClass != null && ReadingCounter.class.isAssignableFrom(counterClass);
        this.takesBlocking = counterClass != null && BlockingCounter.class.isAssignableFrom(counterClass);
        this.processSafety = builder.processSafety;
        this.processCounterClass = builder.processCounterClass;
        if (explainable && !(onThreads && counters.get() instanceof RecordingCounter)) {
            throw new IllegalArgumentException(which + "explainable, but its counter records nothing");
        }
        // Known from the class when it is declared, so that building a strategy makes no counter: a test double
        // whose supplier notes every counter it makes would otherwise see one that no trial asked for.
        if (counterClass != null || backend != null) {
            boolean external = counterClass != null ? ExternalCounter.class.isAssignableFrom(counterClass)
                    : counters.get() instanceof ExternalCounter;
            if ((backend != null) != external) {
                throw new IllegalArgumentException(which + "a strategy has a backend exactly when its counters are external");
            }
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Stable identifier used in requests and results. */
    public String id() {
        return id;
    }

    /** Human-readable name. */
    public String name() {
        return name;
    }

    /** The kind of coordination it relies on. */
    public Family family() {
        return family;
    }

    /**
     * Whether the strategy guarantees that concurrent increments of the threads of one JVM are never lost, or is
     * racy by design; for a strategy that runs only in processes ({@link Builder#onlyInProcesses}), of the
     * processes. The one figure a listing shows; {@link #safetyIn(WorkerKind)} has it for each kind of worker.
     */
    public Safety safety() {
        return safety;
    }

    /**
     * {@code safety() == THREAD_SAFE}: safe among the threads of one JVM, platform or virtual (among processes
     * for a strategy that runs only there). The flag the API serves as {@code threadSafe}; for each kind of
     * worker see {@link #safetyIn(WorkerKind)}.
     */
    public boolean threadSafe() {
        return safety == Safety.THREAD_SAFE;
    }

    /**
     * Whether the strategy runs with workers of this kind, and if so whether it is safe among them: a lock
     * that keeps the threads of one JVM apart keeps nothing apart between processes, each of which has a
     * lock of its own. Every strategy runs on threads but those declared with {@link Builder#onlyInProcesses};
     * in processes only those declared with {@link Builder#inProcesses} or that.
     */
    public java.util.Optional<Safety> safetyIn(WorkerKind kind) {
        return kind == WorkerKind.PROCESS ? java.util.Optional.ofNullable(processSafety)
                : onThreads ? java.util.Optional.of(safety) : java.util.Optional.empty();
    }

    /** Whether it runs with workers of this kind. */
    public boolean runsIn(WorkerKind kind) {
        return safetyIn(kind).isPresent();
    }

    /** Whether it runs with workers of this kind and loses no update among them. */
    public boolean safeIn(WorkerKind kind) {
        return safetyIn(kind).orElse(null) == Safety.THREAD_SAFE;
    }

    /** The kinds of worker it runs with, in the enum's order. */
    public java.util.List<WorkerKind> workerKinds() {
        return java.util.Arrays.stream(WorkerKind.values()).filter(this::runsIn).toList();
    }

    /**
     * The class whose loop a child process runs for this strategy ({@link ProcessCounter}); empty when it
     * does not run in processes.
     */
    public java.util.Optional<Class<? extends ProcessCounter>> processCounterClass() {
        return java.util.Optional.ofNullable(processCounterClass);
    }

    /** The Java API the increment uses. */
    public String javaApi() {
        return javaApi;
    }

    /** One line. */
    public String summary() {
        return summary;
    }

    /**
     * A short lesson: what the counter is, its guarantee, how it works, its cost under contention; in
     * paragraphs separated by a blank line.
     */
    public String description() {
        return description;
    }

    /** Whether trials of this strategy report failed compare-and-set attempts. */
    public boolean reportsCasFailures() {
        return reportsCasFailures;
    }

    /**
     * Whether the {@code explain} option can reconstruct its lost updates: its counters are
     * {@link RecordingCounter}s. The catalog's racy strategies are, and only they.
     */
    public boolean explainable() {
        return explainable;
    }

    /**
     * A new counter, sharing nothing with any other trial.
     *
     * @throws IllegalStateException if the strategy runs only in processes, where each child makes its own
     *     {@link ProcessCounter}
     */
    public SharedCounter newCounter() {
        if (!onThreads) {
            throw new IllegalStateException("strategy " + id + " runs only in child processes: it has no counter for threads");
        }
        return counters.get();
    }

    /**
     * The class of this strategy's counters, whose hot loop the JIT compiles (and whose Javadoc is the
     * lesson); empty for test doubles described in place, and for a strategy that runs only in processes. Known
     * without making a counter.
     */
    public java.util.Optional<Class<? extends SharedCounter>> counterClass() {
        return java.util.Optional.ofNullable(counterClass);
    }

    /**
     * Where its counter lives when that is outside the JVM (its counters are then {@link ExternalCounter}s);
     * empty for the strategies whose counter is in the heap.
     */
    public java.util.Optional<Backend> backend() {
        return java.util.Optional.ofNullable(backend);
    }

    /**
     * Whether experiments may give it work around each increment ({@code workInside}, {@code workOutside}): its
     * counters are {@link WorkingCounter}s.
     */
    public boolean takesWork() {
        return takesWork;
    }

    /**
     * Whether experiments may make a share of its operations reads ({@code readRatio}): its counters are
     * {@link ReadingCounter}s, with a natural way to read the count while others increment it.
     */
    public boolean takesReaders() {
        return takesReaders;
    }

    /**
     * Whether experiments may make it block around each increment ({@code blockInsideMicros},
     * {@code blockOutsideMicros}): its counters are {@link BlockingCounter}s, which have a critical section to
     * block in.
     */
    public boolean takesBlocking() {
        return takesBlocking;
    }

    /** The id, which is also how parameterised tests name a strategy. */
    @Override
    public String toString() {
        return id;
    }

    /**
     * Collects a strategy's fields by name; every one is required except {@link #reportsCasFailures()} and
     * {@link #explainable()}.
     */
    public static final class Builder {
        private String id;
        private String name;
        private Family family;
        private Safety safety;
        private String javaApi;
        private String summary;
        private String description;
        private boolean reportsCasFailures;
        private boolean explainable;
        private Supplier<SharedCounter> counters;
        private Class<? extends SharedCounter> lessonClass;
        private Backend backend;
        private Safety processSafety;
        private Class<? extends ProcessCounter> processCounterClass;
        private boolean onlyInProcesses;

        private Builder() {
        }

        public Builder id(String id) {
            this.id = id;
            return this;
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder family(Family family) {
            this.family = family;
            return this;
        }

        public Builder safety(Safety safety) {
            this.safety = safety;
            return this;
        }

        public Builder javaApi(String javaApi) {
            this.javaApi = javaApi;
            return this;
        }

        public Builder summary(String summary) {
            this.summary = summary;
            return this;
        }

        /**
         * The lesson written as {@code counter}'s class Javadoc, rendered to plain text: the one
         * source of every catalog entry's description (see {@code StrategyLessons}).
         */
        public Builder descriptionFromJavadocOf(Class<? extends SharedCounter> counter) {
            this.description = StrategyLessons.of(counter);
            this.lessonClass = counter;
            return this;
        }

        /**
         * The lesson of a strategy that runs only in processes, written as the class Javadoc of its
         * {@link ProcessCounter}, which is a top-level class of its own (it has no counter for threads).
         */
        public Builder descriptionFromJavadocOfProcessCounter(Class<? extends ProcessCounter> loop) {
            this.description = StrategyLessons.of(loop);
            return this;
        }

        /**
         * A description written here, for test doubles. A catalog entry takes its Javadoc instead, and
         * a test fails if its description is anything else.
         */
        public Builder description(String description) {
            this.description = description;
            return this;
        }

        /** Trials of this strategy report how many compare-and-set attempts failed; off unless called. */
        public Builder reportsCasFailures() {
            this.reportsCasFailures = true;
            return this;
        }

        /** Its counters record what each increment read and wrote ({@link RecordingCounter}); off unless called. */
        public Builder explainable() {
            this.explainable = true;
            return this;
        }

        /** Its counter lives in {@code backend}, and its counters are {@link ExternalCounter}s; in the heap unless called. */
        public Builder backend(Backend backend) {
            this.backend = backend;
            return this;
        }

        /**
         * It also runs in child processes that share a memory-mapped counter, each running {@code loop},
         * with this safety among them; not supported in processes unless called.
         */
        public Builder inProcesses(Safety safety, Class<? extends ProcessCounter> loop) {
            this.processSafety = Objects.requireNonNull(safety, "safety");
            this.processCounterClass = Objects.requireNonNull(loop, "loop");
            return this;
        }

        /**
         * It runs only in child processes, each running {@code loop}, with this safety among them: it has no
         * meaning among the threads of one JVM (a file lock, which the JVM holds for all its threads at once),
         * or none worth teaching there. Instead of {@link #safety} and {@link #counters}; a request for it on
         * threads is refused.
         */
        public Builder onlyInProcesses(Safety safety, Class<? extends ProcessCounter> loop) {
            this.onlyInProcesses = true;
            return inProcesses(safety, loop);
        }

        public Builder counters(Supplier<SharedCounter> counters) {
            this.counters = counters;
            return this;
        }

        public Strategy build() {
            return new Strategy(this);
        }
    }
}
