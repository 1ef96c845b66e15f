package dev.concurrency.playground.api.experiment;

import dev.concurrency.playground.api.limits.FixedLimits;
import dev.concurrency.playground.api.problem.ProblemException;
import dev.concurrency.playground.api.problem.Violation;
import dev.concurrency.playground.config.LimitsConfig;
import dev.concurrency.playground.config.RunnerConfig;
import dev.concurrency.playground.engine.ThreadType;
import dev.concurrency.playground.experiment.ExperimentSpec;
import dev.concurrency.playground.experiment.RunParams;
import dev.concurrency.playground.experiment.analysis.LossReconstruction;
import dev.concurrency.playground.experiment.run.StrategyAvailability;
import dev.concurrency.playground.experiment.run.StrategyAvailability.Availability;
import dev.concurrency.playground.experiment.run.TrialCosts;
import dev.concurrency.playground.experiment.run.WorkEstimate;
import dev.concurrency.playground.strategy.Backend;
import dev.concurrency.playground.experiment.run.RaceDatabases;
import dev.concurrency.playground.strategy.Strategy;
import dev.concurrency.playground.strategy.StrategyCatalog;
import dev.concurrency.playground.strategy.WorkerKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks an experiment request against the catalog and the configured limits, and says what is wrong
 * field by field, each violation naming the limit and its setting, so an operator's setting is never a
 * mystery.
 *
 * <p>It runs on the event loop, so it must cost the same few microseconds whatever a hostile body
 * holds: the length of every list is checked before any of its elements, a list that is too long is
 * not looked into, and at most {@link FixedLimits#MAX_LISTED_VIOLATIONS} violations are built. (Bean
 * Validation, used before, made one violation per bad element and compared each with all the others:
 * 21,000 empty strategy ids took 32 seconds of an event-loop thread and answered 5 MB.)
 */
@ApplicationScoped
public class ExperimentRequestValidator {

    private final StrategyCatalog catalog;
    private final LimitsConfig limits;
    private final TrialCosts costs;
    private final Duration warmupMinTime;
    private final StrategyAvailability availability;
    private final RaceDatabases databases;

    /** For a service with no backend configured but the embedded race database. */
    public ExperimentRequestValidator(StrategyCatalog catalog, LimitsConfig limits, TrialCosts costs,
            RunnerConfig runner) {
        this(catalog, limits, costs, runner, new StrategyAvailability(false), RaceDatabases.embeddedOnly());
    }

    /** Where only the embedded database can be chosen. */
    public ExperimentRequestValidator(StrategyCatalog catalog, LimitsConfig limits, TrialCosts costs,
            RunnerConfig runner, StrategyAvailability availability) {
        this(catalog, limits, costs, runner, availability, RaceDatabases.embeddedOnly());
    }

    /** With no backend configured but the given databases. */
    public ExperimentRequestValidator(StrategyCatalog catalog, LimitsConfig limits, TrialCosts costs,
            RunnerConfig runner, RaceDatabases databases) {
        this(catalog, limits, costs, runner, new StrategyAvailability(false, databases), databases);
    }

    @Inject
    public ExperimentRequestValidator(StrategyCatalog catalog, LimitsConfig limits, TrialCosts costs,
            RunnerConfig runner, StrategyAvailability availability, RaceDatabases databases) {
        this.catalog = catalog;
        this.limits = limits;
        this.costs = costs;
        this.warmupMinTime = runner.runner().warmupMinTime();
        this.availability = availability;
        this.databases = databases;
    }

    /**
     * The specification to run, with every default filled in.
     *
     * @throws ProblemException a 400 listing what is wrong
     */
    ExperimentSpec validate(ExperimentRequest request) {
        Violations violations = new Violations();
        if (request == null) {
            violations.add("body", "is required: send a JSON experiment request such as "
                    + "{\"strategies\": [\"atomic\"], \"threadCounts\": [2]}");
            throw violations.problem();
        }
        checkName(request.name(), violations);
        checkStrategies(request.strategies(), violations);
        checkWorkerKind(request, violations);
        checkThreadCounts(request, limits, violations);
        checkRange(violations, "incrementsPerThread", request.incrementsPerThread(), 1, limits.maxIncrementsPerThread(),
                "playground.limits.max-increments-per-thread");
        checkRange(violations, "durationMillis", request.durationMillis(), 1, limits.maxDurationMillis(),
                "playground.limits.max-duration-millis");
        checkRange(violations, "trials", request.trials(), 1, limits.maxTrials(), "playground.limits.max-trials");
        checkRange(violations, "warmupTrials", request.warmupTrials(), 0, limits.maxWarmupTrials(),
                "playground.limits.max-warmup-trials");
        checkWholeNumbers("workInside", request.workInside(), FixedLimits.MAX_WORK_TOKENS, "tokens", violations);
        checkWholeNumbers("workOutside", request.workOutside(), FixedLimits.MAX_WORK_TOKENS, "tokens", violations);
        checkReadRatio(request.readRatio(), violations);
        checkWholeNumbers("blockInsideMicros", request.blockInsideMicros(), FixedLimits.MAX_BLOCK_MICROS, "microseconds",
                violations);
        checkWholeNumbers("blockOutsideMicros", request.blockOutsideMicros(), FixedLimits.MAX_BLOCK_MICROS, "microseconds",
                violations);
        if (request.incrementsPerThread() != null && request.durationMillis() != null) {
            violations.add("durationMillis", "cannot be combined with incrementsPerThread: give incrementsPerThread "
                    + "for fixed-work mode or durationMillis for fixed-time mode, not both");
        }
        if (!violations.none()) {
            throw violations.problem();
        }
        // Totals only make sense once every field is sound.
        List<String> inDatabase = request.strategies().stream().filter(this::runsInDatabase).toList();
        ExperimentSpec spec = request.toSpec(!inDatabase.isEmpty());
        checkDatabase(request, spec, inDatabase, violations);
        checkConnections(spec, violations);
        checkTotals(spec, limits, violations);
        checkExplain(spec, violations);
        checkTakesWork(spec, violations);
        checkTakesReaders(spec, violations);
        checkTakesBlocking(spec, violations);
        if (!violations.none()) {
            throw violations.problem();
        }
        return spec;
    }

    /**
     * A name is echoed in JSON, CSV, tables and web pages: it must be text that every consumer can
     * carry. A lone surrogate makes strict JSON parsers such as jq reject the whole experiment list;
     * control characters and bidirectional overrides make a listing lie about what it shows.
     */
    static void checkName(String name, Violations violations) {
        if (name == null) {
            return;
        }
        int length = 0;
        for (int i = 0; i < name.length(); ) {
            int codePoint = name.codePointAt(i);
            String problem = refusedCharacter(codePoint);
            if (problem != null) {
                violations.add("name", "contains " + problem + " at character " + (length + 1)
                        + "; use printable text only");
                return;
            }
            length++;
            i += Character.charCount(codePoint);
        }
        if (length > FixedLimits.MAX_NAME_LENGTH) {
            violations.add("name", "must be at most " + FixedLimits.MAX_NAME_LENGTH + " characters long; it has " + length);
        }
    }

    /** Why a character may not stand in a name, or null if it may. */
    private static String refusedCharacter(int codePoint) {
        if (codePoint <= Character.MAX_VALUE && Character.isSurrogate((char) codePoint)) {
            return String.format("an unpaired surrogate (U+%04X), which is not well-formed Unicode", codePoint);
        }
        if (Character.getType(codePoint) == Character.CONTROL) {
            return String.format("a control character (U+%04X)", codePoint);
        }
        if (isBidiControl(codePoint)) {
            return String.format("a bidirectional formatting character (U+%04X)", codePoint);
        }
        if ((codePoint & 0xFFFE) == 0xFFFE || codePoint >= 0xFDD0 && codePoint <= 0xFDEF) {
            return String.format("a noncharacter (U+%04X)", codePoint);
        }
        return null;
    }

    private static boolean isBidiControl(int codePoint) {
        return codePoint == 0x061C || codePoint == 0x200E || codePoint == 0x200F
                || codePoint >= 0x202A && codePoint <= 0x202E
                || codePoint >= 0x2066 && codePoint <= 0x2069;
    }

    private void checkStrategies(List<String> strategies, Violations violations) {
        if (strategies == null) {
            violations.add("strategies", "is required: list strategy ids, e.g. [\"unsynchronized\", \"atomic\"]");
            return;
        }
        // Each id at most once, so a list longer than the catalog is wrong without looking into it.
        int known = catalog.ids().size();
        if (strategies.isEmpty() || strategies.size() > known) {
            violations.add("strategies", "must list between 1 and " + known + " strategy ids (each at most once); it lists "
                    + strategies.size());
            return;
        }
        boolean listedValidIds = false;
        for (int i = 0; i < strategies.size(); i++) {
            String id = strategies.get(i);
            if (id == null) {
                violations.add("strategies[" + i + "]", "must be a strategy id, not null");
            } else if (catalog.find(id).isEmpty()) {
                violations.add("strategies[" + i + "]", "is not a known strategy: " + quote(id)
                        + (listedValidIds ? "" : "; valid ids are " + String.join(", ", catalog.ids())));
                listedValidIds = true;
            } else {
                Availability available = availability.of(catalog.find(id).get());
                // A database strategy's refusal names the database chosen, below, more precisely than this would.
                if (!available.available() && !runsInDatabase(id)) {
                    violations.add("strategies[" + i + "]", quote(id) + " " + available.refusal());
                }
            }
        }
        Set<String> repeated = repeated(strategies);
        if (!repeated.isEmpty()) {
            violations.add("strategies", "lists " + repeated.stream().map(ExperimentRequestValidator::quote)
                    .collect(Collectors.joining(", ")) + " more than once; list each strategy once");
        }
    }

    /**
     * Child processes run only the strategies the catalog declares for them; the others (an adder whose cells
     * live in one heap, an owner thread) have no meaning across processes. Threads run every strategy but the
     * two that have a meaning only between processes (a file lock, which a JVM holds for all its threads; a
     * copy that is never shared). Checked for known ids only: an unknown one is already named.
     */
    private void checkWorkerKind(ExperimentRequest request, Violations violations) {
        ThreadType type = request.threadType() == null ? ThreadType.PLATFORM : request.threadType();
        WorkerKind kind = type.workerKind();
        List<String> strategies = request.strategies();
        if (strategies != null && strategies.size() <= catalog.ids().size()) {
            String supported = catalog.all().stream().filter(s -> s.runsIn(WorkerKind.PROCESS)).map(Strategy::id)
                    .collect(Collectors.joining(", "));
            for (int i = 0; i < strategies.size(); i++) {
                Strategy strategy = catalog.find(strategies.get(i)).orElse(null);
                if (strategy == null || strategy.runsIn(kind)) {
                    continue;
                }
                if (kind == WorkerKind.PROCESS) {
                    violations.add("strategies[" + i + "]", "is " + quote(strategy.id()) + ", which does not run in child "
                            + "processes (\"threadType\": \"process\"); those that do are " + supported
                            + "; or use \"threadType\": \"platform\" or \"virtual\"");
                } else {
                    violations.add("strategies[" + i + "]", "is " + quote(strategy.id()) + ", which runs only in child "
                            + "processes, not on " + kind.id() + " threads (a file lock is held by a whole JVM, an unshared "
                            + "copy needs heaps of their own): use \"threadType\": \"process\", or leave it out");
                }
            }
        }
        if (kind == WorkerKind.PROCESS && Boolean.TRUE.equals(request.explain())) {
            violations.add("explain", "records what each thread read and wrote in the service's own memory, which "
                    + "child processes do not share; leave explain out, or use \"threadType\": \"platform\"");
        }
    }

    private static void checkThreadCounts(ExperimentRequest request, LimitsConfig limits,
            Violations violations) {
        List<Integer> threadCounts = request.threadCounts();
        if (threadCounts == null) {
            violations.add("threadCounts", "is required: list 1 to " + FixedLimits.MAX_THREAD_COUNTS
                    + " thread counts, e.g. [1, 2, 4]");
            return;
        }
        if (threadCounts.isEmpty() || threadCounts.size() > FixedLimits.MAX_THREAD_COUNTS) {
            violations.add("threadCounts", "must list between 1 and " + FixedLimits.MAX_THREAD_COUNTS
                    + " thread counts; it lists " + threadCounts.size());
            return;
        }
        boolean virtual = request.threadType() == ThreadType.VIRTUAL;
        boolean processes = request.threadType() == ThreadType.PROCESS;
        int max = processes ? limits.maxProcesses() : virtual ? limits.maxVirtualThreads() : limits.maxPlatformThreads();
        for (int i = 0; i < threadCounts.size(); i++) {
            Integer threads = threadCounts.get(i);
            String field = "threadCounts[" + i + "]";
            if (threads == null) {
                violations.add(field, "must be a whole number, not null");
            } else if (threads < 1) {
                violations.add(field, "must be at least 1");
            } else if (threads > max) {
                violations.add(field, processes
                        ? "must be at most " + max + " child processes (playground.limits.max-processes)"
                        : virtual
                        ? "must be at most " + max + " virtual threads (playground.limits.max-virtual-threads)"
                        : "must be at most " + max + " for platform threads (playground.limits.max-platform-threads); "
                                + "use \"threadType\": \"virtual\" for up to " + limits.maxVirtualThreads());
            }
        }
        Set<Integer> repeated = repeated(threadCounts);
        if (!repeated.isEmpty()) {
            violations.add("threadCounts", "lists " + repeated + " more than once; list each thread count once");
        }
    }

    /** Each thread of a Redis run is a connection of its own to a server other users share. */
    private void checkConnections(ExperimentSpec spec, Violations violations) {
        List<String> redis = spec.strategies().stream()
                .filter(id -> catalog.find(id).flatMap(Strategy::backend).orElse(null) == Backend.REDIS).toList();
        if (redis.isEmpty()) {
            return;
        }
        int max = limits.maxRedisConnections();
        for (int i = 0; i < spec.threadCounts().size(); i++) {
            int threads = spec.threadCounts().get(i);
            if (threads > max) {
                violations.add("threadCounts[" + i + "]", "must be at most " + max + " with " + String.join(", ", redis)
                        + ": each thread is a connection of its own to the Redis server "
                        + "(playground.limits.max-redis-connections); use fewer threads, or run the Redis strategies "
                        + "in an experiment of their own");
            }
        }
    }

    private void checkTotals(ExperimentSpec spec, LimitsConfig limits, Violations violations) {
        if (spec.totalRuns() > limits.maxRuns()) {
            violations.add("threadCounts", "with " + spec.strategies().size() + " strategies"
                    + (spec.hasParams() ? " and " + spec.runParams().size() + " combinations of workload parameters" : "")
                    + " makes " + spec.totalRuns() + " runs, more than the " + limits.maxRuns()
                    + " an experiment may have (playground.limits.max-runs); split it into several experiments");
        }
        long total = WorkEstimate.totalIncrements(spec);
        if (total > limits.maxTotalIncrements()) {
            violations.add("incrementsPerThread", "makes the experiment perform " + total
                    + " increments over all its runs and trials (warm-ups included), more than the "
                    + limits.maxTotalIncrements() + " allowed (playground.limits.max-total-increments); "
                    + "use fewer increments, threads, trials or strategies");
        }
        List<String> withBackend = spec.strategies().stream()
                .filter(id -> catalog.find(id).flatMap(Strategy::backend).isPresent()).toList();
        WorkEstimate estimate = WorkEstimate.of(spec, withBackend::contains, Runtime.getRuntime().availableProcessors(),
                costs, warmupMinTime);
        Duration max = limits.maxExperimentWallTime();
        // Only for work the other limits allow: too many increments already says what to change.
        if (total <= limits.maxTotalIncrements() && estimate.seconds() > max.toSeconds()) {
            // Blame the field that sets the timed span, and say how much is thread start-up: for short
            // trials on many threads that is most of it, and what to change is then the thread count.
            violations.add(spec.durationMillis() != null ? "durationMillis" : "incrementsPerThread",
                    String.format(java.util.Locale.ROOT, "makes the experiment run for about %.0f s (%.0f s of trials, "
                            + "warm-ups included, and %.0f s to start and join their threads, as measured on this "
                            + "machine), longer than the %d s allowed (playground.limits.max-experiment-wall-time); "
                            + "use shorter or fewer trials, fewer threads or fewer strategies%s%s%s",
                            estimate.seconds(), estimate.timedSeconds(), estimate.overheadSeconds(), max.toSeconds(),
                            spec.blocks() ? ", or less blocking (blockInsideMicros, blockOutsideMicros: a block inside a "
                                    + "lock holds up every thread, so each increment takes at least the block, one after "
                                    + "the other; give a blocking experiment durationMillis, or a few hundred increments)"
                                    : spec.hasParams() ? ", or less work (workInside, workOutside)" : "",
                            withBackend.isEmpty() || spec.durationMillis() != null ? ""
                                    : String.format(java.util.Locale.ROOT, "; %s %s a round trip to a server per "
                                            + "increment, counted at %.0f µs each: use far fewer increments for %s",
                                            String.join(", ", withBackend), withBackend.size() == 1 ? "makes" : "make",
                                            WorkEstimate.ASSUMED_NANOS_PER_ROUND_TRIP / 1000, withBackend.size() == 1 ? "it" : "them"),
                            spec.durationMillis() != null || spec.strategies().stream().noneMatch(this::runsInDatabase) ? ""
                                    : "; a database increment takes tens of microseconds, not nanoseconds, so give the "
                                            + "database strategies durationMillis (fixed time) rather than millions "
                                            + "of increments"));
        }
    }
    private boolean runsInDatabase(String id) {
        return catalog.find(id).flatMap(Strategy::backend).filter(backend -> backend == Backend.DATABASE).isPresent();
    }

    /**
     * A database is chosen for the database strategies: naming one without any is a mistake worth saying (as
     * {@code explain} is); one this instance cannot reach is refused now, saying what enables it, rather than
     * failing every trial later; and each thread of theirs holds a connection, so their thread counts are
     * bounded by the connections a database is asked for.
     */
    private void checkDatabase(ExperimentRequest request, ExperimentSpec spec, List<String> inDatabase,
            Violations violations) {
        if (inDatabase.isEmpty()) {
            if (request.database() != null) {
                List<String> offered = catalog.all().stream().filter(s -> runsInDatabase(s.id())).map(Strategy::id).toList();
                violations.add("database", "chooses where database strategies increment their row, and none of the "
                        + "strategies listed is one; add one (" + String.join(", ", offered) + ") or leave database out");
            }
            return;
        }
        databases.unavailable(spec.database()).ifPresent(reason -> violations.add("database", "is "
                + spec.database().id() + ", which cannot be used: " + reason + "; or choose \"embedded\""));
        int max = limits.maxDatabaseConnections();
        for (int i = 0; i < spec.threadCounts().size(); i++) {
            int threads = spec.threadCounts().get(i);
            if (threads > max) {
                violations.add("threadCounts[" + i + "]", "must be at most " + max + " for the database strategies listed ("
                        + String.join(", ", inDatabase) + "): each thread holds a connection of its own "
                        + "(playground.limits.max-database-connections); run them in an experiment of their own, or "
                        + "with fewer threads");
            }
        }
    }

    /**
     * Asking for an explanation of an experiment that cannot lose an update is a mistake worth saying, not
     * an option to ignore silently; so is a memory limit too small for one increment per thread.
     */
    private void checkExplain(ExperimentSpec spec, Violations violations) {
        if (!spec.explain()) {
            return;
        }
        List<String> explainable = catalog.all().stream().filter(Strategy::explainable).map(Strategy::id).toList();
        if (spec.strategies().stream().noneMatch(explainable::contains)) {
            // A racy strategy with a backend loses updates too, but in its server, where nothing can be recorded.
            List<String> racyElsewhere = spec.strategies().stream().map(catalog::find).flatMap(java.util.Optional::stream)
                    .filter(s -> !s.threadSafe() && s.backend().isPresent()).map(Strategy::id).toList();
            violations.add("explain", racyElsewhere.isEmpty()
                    ? "explains lost updates, and none of the strategies listed can lose one; add a racy strategy ("
                            + String.join(", ", explainable) + ") or leave explain out"
                    : "explains lost updates from a record of every increment's read and write, which only a counter in "
                            + "the service's heap can keep, and " + String.join(", ", racyElsewhere) + " increments in "
                            + "a server; add a racy strategy (" + String.join(", ", explainable) + ") or leave explain out");
            return;
        }
        int most = spec.threadCounts().stream().mapToInt(Integer::intValue).max().orElse(1);
        if (LossReconstruction.incrementsPerThread(limits.maxExplainBytes(), most, null) < 1) {
            violations.add("explain", "records at least one increment per thread, " + LossReconstruction.BYTES_PER_INCREMENT
                    + " bytes each, and " + most + " threads need more than the " + limits.maxExplainBytes()
                    + " bytes allowed (playground.limits.max-explain-bytes); use fewer threads or leave explain out");
        }
    }

    /**
     * A parameter list of whole numbers (tokens of work, microseconds of blocking): like the thread counts, its
     * length before its elements, each element from 0 to {@code max} and once.
     */
    private static void checkWholeNumbers(String field, List<Integer> values, int max, String unit, Violations violations) {
        if (values == null) {
            return;
        }
        if (values.isEmpty() || values.size() > FixedLimits.MAX_PARAM_VALUES) {
            violations.add(field, "must list between 1 and " + FixedLimits.MAX_PARAM_VALUES + " values; it lists "
                    + values.size());
            return;
        }
        for (int i = 0; i < values.size(); i++) {
            Integer value = values.get(i);
            if (value == null) {
                violations.add(field + "[" + i + "]", "must be a whole number of " + unit + ", not null");
            } else if (value < 0 || value > max) {
                violations.add(field + "[" + i + "]", "must be between 0 and " + max + " " + unit + "; it is " + value);
            }
        }
        Set<Integer> repeated = repeated(values);
        if (!repeated.isEmpty()) {
            violations.add(field, "lists " + repeated + " more than once; list each value once");
        }
    }

    /** A read-share list: like a work list, each value a share from 0 to 0.99 in hundredths. */
    private static void checkReadRatio(List<Double> values, Violations violations) {
        if (values == null) {
            return;
        }
        if (values.isEmpty() || values.size() > FixedLimits.MAX_PARAM_VALUES) {
            violations.add("readRatio", "must list between 1 and " + FixedLimits.MAX_PARAM_VALUES + " values; it lists "
                    + values.size());
            return;
        }
        for (int i = 0; i < values.size(); i++) {
            Double ratio = values.get(i);
            if (ratio == null) {
                violations.add("readRatio[" + i + "]", "must be a share of reads such as 0.9, not null");
            } else if (!(ratio >= 0 && ratio <= FixedLimits.MAX_READ_RATIO)) {
                violations.add("readRatio[" + i + "]", "must be between 0 and " + FixedLimits.MAX_READ_RATIO
                        + " (a share of the operations; some must still increment); it is " + ratio);
            } else if (Math.abs(ratio * 100 - Math.rint(ratio * 100)) > 1e-9) {
                violations.add("readRatio[" + i + "]", "must have at most two decimals (whole percent, such as 0.9 or "
                        + "0.25); it is " + ratio);
            }
        }
        Set<Double> repeated = repeated(values);
        if (!repeated.isEmpty()) {
            violations.add("readRatio", "lists " + repeated + " more than once; list each value once");
        }
    }

    /**
     * Reads go into a strategy's own reading loop; one without such a loop has no natural read of the count
     * while others increment it. The explain trial records increments only, and child processes only increment.
     */
    private void checkTakesReaders(ExperimentSpec spec, Violations violations) {
        if (spec.runParams().stream().noneMatch(params -> params.reads().any())) {
            return;
        }
        List<String> without = spec.strategies().stream()
                .filter(id -> catalog.find(id).map(s -> !s.takesReaders()).orElse(false)).toList();
        if (!without.isEmpty()) {
            violations.add("readRatio", "asks for reads, which " + String.join(", ", without)
                    + (without.size() == 1 ? " does" : " do") + " not take (its catalog entry says takesReaders: false: "
                    + "a tally per thread, a counter outside the heap or a counter per thread has no "
                    + "natural read of the shared count while others increment it); run it in an experiment with "
                    + "readRatio 0 or none, or leave it out");
        }
        if (spec.explain()) {
            violations.add("explain", "records the plain loop, without reads, so it cannot explain runs with readRatio; "
                    + "leave explain out or run the explanation in an experiment without reads");
        }
        if (spec.threadType() == ThreadType.PROCESS) {
            violations.add("readRatio", "asks for reads, which child processes do not do (their loops only increment); "
                    + "use threads for reads, or give readRatio 0 or none");
        }
    }

    /**
     * Work goes into a strategy's own loop; one without such a loop would run without it and report figures
     * for work it never did. The explain trial records the plain loop, so it cannot explain a run with work.
     */
    private void checkTakesWork(ExperimentSpec spec, Violations violations) {
        if (spec.runParams().stream().noneMatch(params -> params.workInside() > 0 || params.workOutside() > 0)) {
            return;
        }
        String field = spec.workInside() != null && spec.workInside().stream().anyMatch(t -> t > 0) ? "workInside" : "workOutside";
        List<String> without = spec.strategies().stream()
                .filter(id -> catalog.find(id).map(s -> !s.takesWork()).orElse(false)).toList();
        if (!without.isEmpty()) {
            violations.add(field, "asks for work around each increment, which " + String.join(", ", without)
                    + (without.size() == 1 ? " does" : " do") + " not take (its catalog entry says takesWork: false); "
                    + "run it in an experiment without work, or leave it out");
        }
        if (spec.explain()) {
            violations.add("explain", "records the plain loop, without work, so it cannot explain runs with "
                    + field + "; leave explain out or run the explanation in an experiment without work");
        }
        if (spec.threadType() == ThreadType.PROCESS) {
            violations.add(field, "asks for work around each increment, which child processes do not do (their loops "
                    + "run the plain increment); use threads for work, or give no work");
        }
    }

    /**
     * Blocking goes into a strategy's own critical section; one without a lock or a read-then-write has nowhere to
     * block in, and would report figures for blocking it never did. The explain trial and child processes run the
     * plain loop.
     */
    private void checkTakesBlocking(ExperimentSpec spec, Violations violations) {
        if (spec.runParams().stream().noneMatch(RunParams::blocks)) {
            return;
        }
        String field = spec.blockInsideMicros() != null && spec.blockInsideMicros().stream().anyMatch(t -> t > 0)
                ? "blockInsideMicros" : "blockOutsideMicros";
        List<String> without = spec.strategies().stream()
                .filter(id -> catalog.find(id).map(s -> !s.takesBlocking()).orElse(false)).toList();
        if (!without.isEmpty()) {
            List<String> taking = catalog.all().stream().filter(Strategy::takesBlocking).map(Strategy::id).toList();
            violations.add(field, "asks each increment to block, which " + String.join(", ", without)
                    + (without.size() == 1 ? " does" : " do") + " not take (its catalog entry says takesBlocking: false: "
                    + "it has no lock to hold or race to widen); block with " + String.join(", ", taking)
                    + ", or leave it out");
        }
        if (spec.explain()) {
            violations.add("explain", "records the plain loop, without blocking, so it cannot explain runs with "
                    + field + "; leave explain out or run the explanation in an experiment without blocking");
        }
        if (spec.threadType() == ThreadType.PROCESS) {
            violations.add(field, "asks each increment to block, which child processes do not do (their loops run the "
                    + "plain increment); use threads for blocking");
        }
        // A run that reads runs the reading loop, whose increments do work but never block: refused rather than
        // run without the blocks asked for.
        if (spec.readRatio() != null && spec.readRatio().stream().anyMatch(share -> share > 0)) {
            violations.add("readRatio", "asks for reads, and " + field + " for blocking: a run either reads or blocks; "
                    + "give readRatio and blocking in experiments of their own");
        }
    }

    private static void checkRange(Violations violations, String field, Number value, long min, long max,
            String property) {
        if (value == null) {
            return;
        }
        if (value.longValue() < min) {
            violations.add(field, "must be at least " + min);
        } else if (value.longValue() > max) {
            violations.add(field, "must be at most " + max + " (" + property + ")");
        }
    }

    private static <T> Set<T> repeated(List<T> values) {
        Set<T> seen = new HashSet<>();
        Set<T> repeated = new LinkedHashSet<>();
        for (T value : values) {
            if (value != null && !seen.add(value)) {
                repeated.add(value);
            }
        }
        return repeated;
    }

    private static String quote(String value) {
        return "'" + ProblemException.excerpt(value) + "'";
    }

    /**
     * The violations of one request: the first {@link FixedLimits#MAX_LISTED_VIOLATIONS} are kept, the rest
     * only counted, so neither the work nor the answer grows with a hostile body.
     */
    static final class Violations {
        private final List<Violation> listed = new ArrayList<>();
        private int total;

        void add(String field, String message) {
            total++;
            if (listed.size() < FixedLimits.MAX_LISTED_VIOLATIONS) {
                listed.add(new Violation(field, message));
            }
        }

        boolean none() {
            return total == 0;
        }

        ProblemException problem() {
            String detail;
            if (total == 1) {
                Violation only = listed.getFirst();
                detail = "The request is invalid: " + only.field() + " " + only.message() + ".";
            } else {
                String fields = listed.stream().map(Violation::field).filter(Objects::nonNull).distinct()
                        .collect(Collectors.joining(", "));
                detail = total > listed.size()
                        ? "The request has " + total + " problems; the first " + listed.size() + " (" + fields
                                + ") are listed under violations, " + (total - listed.size()) + " more are not."
                        : "The request has " + total + " problems (" + fields + "); see violations.";
            }
            return ProblemException.invalid(detail, List.copyOf(listed));
        }
    }
}
