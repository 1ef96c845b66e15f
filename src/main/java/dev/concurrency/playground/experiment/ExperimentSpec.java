package dev.concurrency.playground.experiment;

import dev.concurrency.playground.engine.ThreadType;
import dev.concurrency.playground.engine.Workload;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * A validated experiment request with every default filled in. Exactly one of
 * {@code incrementsPerThread} (fixed-work mode) and {@code durationMillis} (fixed-time mode) is set.
 * {@code explain}: after each run of an explainable (racy) strategy, one extra recorded trial that
 * explains its lost updates; false in documents stored before it existed. {@code workInside} and
 * {@code workOutside}: lists of work, in tokens, every combination of which is run with every strategy and
 * thread count (see {@link #runParams()}); null when the request gave none, and in documents stored before
 * they existed. {@code readRatio}: a list of read shares, each a matrix axis like the work lists; null when
 * the request gave none (its runs then only increment).
 * they existed. {@code blockInsideMicros} and {@code blockOutsideMicros}: lists of blocking, in microseconds,
 * further axes of the same matrix; null when the request gave none.
 * {@code database}: where its database strategies increment their row; null when it lists none (and in
 * documents stored before it existed, which could list none).
 */
public record ExperimentSpec(
        String name,
        List<String> strategies,
        List<Integer> threadCounts,
        ThreadType threadType,
        Long incrementsPerThread,
        Long durationMillis,
        int trials,
        int warmupTrials,
        TrialOrder trialOrder,
        boolean explain,
        List<Integer> workInside,
        List<Integer> workOutside,
        List<Double> readRatio,
        List<Integer> blockInsideMicros,
        List<Integer> blockOutsideMicros,
        Database database) {

    public static final long DEFAULT_INCREMENTS_PER_THREAD = 1_000_000;
    public static final int DEFAULT_TRIALS = 5;
    public static final int DEFAULT_WARMUP_TRIALS = 1;
    /** Chosen from measurements: see the README's "Trial order". */
    public static final TrialOrder DEFAULT_TRIAL_ORDER = TrialOrder.INTERLEAVED;

    public ExperimentSpec {
        // Experiments stored before the order could be chosen ran their runs one after the other.
        trialOrder = trialOrder == null ? TrialOrder.SEQUENTIAL : trialOrder;
        strategies = List.copyOf(strategies);
        threadCounts = List.copyOf(threadCounts);
        workInside = workInside == null ? null : List.copyOf(workInside);
        workOutside = workOutside == null ? null : List.copyOf(workOutside);
        readRatio = readRatio == null ? null : List.copyOf(readRatio);
        blockInsideMicros = blockInsideMicros == null ? null : List.copyOf(blockInsideMicros);
        blockOutsideMicros = blockOutsideMicros == null ? null : List.copyOf(blockOutsideMicros);
        Objects.requireNonNull(threadType, "threadType");
        if ((incrementsPerThread == null) == (durationMillis == null)) {
            throw new IllegalArgumentException("exactly one of incrementsPerThread and durationMillis must be set");
        }
    }

    /** Without blocking: work, a read share and a database. */
    public ExperimentSpec(String name, List<String> strategies, List<Integer> threadCounts, ThreadType threadType,
            Long incrementsPerThread, Long durationMillis, int trials, int warmupTrials, TrialOrder trialOrder,
            boolean explain, List<Integer> workInside, List<Integer> workOutside, List<Double> readRatio,
            Database database) {
        this(name, strategies, threadCounts, threadType, incrementsPerThread, durationMillis, trials, warmupTrials,
                trialOrder, explain, workInside, workOutside, readRatio, null, null, database);
    }

    /** Without a read share: work, blocking and a database. */
    public ExperimentSpec(String name, List<String> strategies, List<Integer> threadCounts, ThreadType threadType,
            Long incrementsPerThread, Long durationMillis, int trials, int warmupTrials, TrialOrder trialOrder,
            boolean explain, List<Integer> workInside, List<Integer> workOutside, List<Integer> blockInsideMicros,
            List<Integer> blockOutsideMicros, Database database) {
        this(name, strategies, threadCounts, threadType, incrementsPerThread, durationMillis, trials, warmupTrials,
                trialOrder, explain, workInside, workOutside, null, blockInsideMicros, blockOutsideMicros, database);
    }

    /** With work and a database, without a read share or blocking. */
    public ExperimentSpec(String name, List<String> strategies, List<Integer> threadCounts, ThreadType threadType,
            Long incrementsPerThread, Long durationMillis, int trials, int warmupTrials, TrialOrder trialOrder,
            boolean explain, List<Integer> workInside, List<Integer> workOutside, Database database) {
        this(name, strategies, threadCounts, threadType, incrementsPerThread, durationMillis, trials, warmupTrials,
                trialOrder, explain, workInside, workOutside, null, null, null, database);
    }

    /** Without workload parameters or a database strategy. */
    public ExperimentSpec(String name, List<String> strategies, List<Integer> threadCounts, ThreadType threadType,
            Long incrementsPerThread, Long durationMillis, int trials, int warmupTrials, TrialOrder trialOrder,
            boolean explain) {
        this(name, strategies, threadCounts, threadType, incrementsPerThread, durationMillis, trials, warmupTrials,
                trialOrder, explain, null, null, null, null, null, null);
    }

    /** With work, without a database strategy. */
    public ExperimentSpec(String name, List<String> strategies, List<Integer> threadCounts, ThreadType threadType,
            Long incrementsPerThread, Long durationMillis, int trials, int warmupTrials, TrialOrder trialOrder,
            boolean explain, List<Integer> workInside, List<Integer> workOutside) {
        this(name, strategies, threadCounts, threadType, incrementsPerThread, durationMillis, trials, warmupTrials,
                trialOrder, explain, workInside, workOutside, null, null, null, null);
    }

    /** With work and blocking, without a database strategy. */
    public ExperimentSpec(String name, List<String> strategies, List<Integer> threadCounts, ThreadType threadType,
            Long incrementsPerThread, Long durationMillis, int trials, int warmupTrials, TrialOrder trialOrder,
            boolean explain, List<Integer> workInside, List<Integer> workOutside, List<Integer> blockInsideMicros,
            List<Integer> blockOutsideMicros) {
        this(name, strategies, threadCounts, threadType, incrementsPerThread, durationMillis, trials, warmupTrials,
                trialOrder, explain, workInside, workOutside, null, blockInsideMicros, blockOutsideMicros, null);
    }

    /** With a database, without workload parameters. */
    public ExperimentSpec(String name, List<String> strategies, List<Integer> threadCounts, ThreadType threadType,
            Long incrementsPerThread, Long durationMillis, int trials, int warmupTrials, TrialOrder trialOrder,
            boolean explain, Database database) {
        this(name, strategies, threadCounts, threadType, incrementsPerThread, durationMillis, trials, warmupTrials,
                trialOrder, explain, null, null, null, null, null, database);
    }

    /** Where its database strategies run: {@code database}, or the default when it names none. */
    public Database databaseOrDefault() {
        return database == null ? Database.DEFAULT : database;
    }

    /** Runs one after the other, without {@code explain}. */
    public ExperimentSpec(String name, List<String> strategies, List<Integer> threadCounts, ThreadType threadType,
            Long incrementsPerThread, Long durationMillis, int trials, int warmupTrials) {
        this(name, strategies, threadCounts, threadType, incrementsPerThread, durationMillis, trials, warmupTrials,
                TrialOrder.SEQUENTIAL, false);
    }

    /** Without {@code explain}. */
    public ExperimentSpec(String name, List<String> strategies, List<Integer> threadCounts, ThreadType threadType,
            Long incrementsPerThread, Long durationMillis, int trials, int warmupTrials, TrialOrder trialOrder) {
        this(name, strategies, threadCounts, threadType, incrementsPerThread, durationMillis, trials, warmupTrials,
                trialOrder, false);
    }

    /** Runs one after the other. */
    public ExperimentSpec(String name, List<String> strategies, List<Integer> threadCounts, ThreadType threadType,
            Long incrementsPerThread, Long durationMillis, int trials, int warmupTrials, boolean explain) {
        this(name, strategies, threadCounts, threadType, incrementsPerThread, durationMillis, trials, warmupTrials,
                TrialOrder.SEQUENTIAL, explain);
    }

    /** What every worker of every trial does. */
    public Workload workload() {
        return durationMillis != null
                ? new Workload.FixedTime(durationMillis)
                : new Workload.FixedWork(incrementsPerThread);
    }

    /** One run per (strategy, thread count, combination of parameters). */
    public int totalRuns() {
        return strategies.size() * threadCounts.size() * runParams().size();
    }

    /** Whether the request gave any parameter list: only then do its runs state parameters. */
    public boolean hasParams() {
        return workInside != null || workOutside != null || readRatio != null || blocks();
    }

    /** Whether the request gave a blocking list: only then do its runs state blocking, and virtual ones pinning. */
    public boolean blocks() {
        return blockInsideMicros != null || blockOutsideMicros != null;
    }

    /**
     * Every combination of the parameter lists, in the order runs take them (the first list varies slowest);
     * a list not given counts as the single value 0. Just {@link RunParams#NONE} without parameters.
     */
    public List<RunParams> runParams() {
        List<Integer> inside = workInside == null ? List.of(0) : workInside;
        List<Integer> outside = workOutside == null ? List.of(0) : workOutside;
        // A single null when no list was given: those runs state no read share (or blocking), as before there was one.
        List<Double> reads = readRatio == null ? java.util.Collections.singletonList(null) : readRatio;
        if (!blocks()) {
            return inside.stream().flatMap(in -> outside.stream().flatMap(out -> reads.stream()
                    .map(ratio -> new RunParams(in, out, ratio)))).toList();
        }
        List<Integer> blockIn = blockInsideMicros == null ? List.of(0) : blockInsideMicros;
        List<Integer> blockOut = blockOutsideMicros == null ? List.of(0) : blockOutsideMicros;
        return inside.stream().flatMap(in -> outside.stream().flatMap(out -> reads.stream().flatMap(ratio -> blockIn
                .stream().flatMap(bin -> blockOut.stream().map(bout -> new RunParams(in, out, ratio, bin, bout)))))).toList();
    }

    /**
     * A digest of what this spec asks for, the same for every request that means the same experiment.
     * An {@code Idempotency-Key} retry is matched on it rather than on the request's bytes: a client that
     * re-serialises its request (other field order or spacing, {@code "PLATFORM"} for {@code "platform"},
     * a default written out) asks for the same experiment and should get it back, not a 422. What does
     * change the experiment (another name, strategy order, a trial more) changes the digest.
     *
     * <p>SHA-256 of an unambiguous text form (each field's length before its value and each list's size
     * before its elements, so no value can imitate a boundary): short and fixed in size, for a store to keep beside the key.
     */
    public String fingerprint() {
        StringBuilder canonical = new StringBuilder("experiment-spec/1");
        field(canonical, name);
        list(canonical, strategies);
        list(canonical, threadCounts.stream().map(String::valueOf).toList());
        field(canonical, threadType.name());
        field(canonical, incrementsPerThread == null ? null : incrementsPerThread.toString());
        field(canonical, durationMillis == null ? null : durationMillis.toString());
        field(canonical, Integer.toString(trials));
        field(canonical, Integer.toString(warmupTrials));
        // Each only when not what every spec had before it could be chosen, so earlier digests still match;
        // their values ("INTERLEAVED", "explain") cannot be taken for each other.
        if (trialOrder != TrialOrder.SEQUENTIAL) {
            field(canonical, trialOrder.name());
        }
        if (explain) {
            field(canonical, "explain");
        }
        // Labelled, because either may be given without the other.
        if (workInside != null) {
            field(canonical, "workInside");
            list(canonical, workInside.stream().map(String::valueOf).toList());
        }
        if (workOutside != null) {
            field(canonical, "workOutside");
            list(canonical, workOutside.stream().map(String::valueOf).toList());
        }
        if (readRatio != null) {
            field(canonical, "readRatio");
            list(canonical, readRatio.stream().map(String::valueOf).toList());
        }
        if (blockInsideMicros != null) {
            field(canonical, "blockInsideMicros");
            list(canonical, blockInsideMicros.stream().map(String::valueOf).toList());
        }
        if (blockOutsideMicros != null) {
            field(canonical, "blockOutsideMicros");
            list(canonical, blockOutsideMicros.stream().map(String::valueOf).toList());
        }
        // Only a database other than the default: the same experiment whether "embedded" was written out or
        // not, and every digest from before it could be chosen stays as it was.
        if (database != null && database != Database.DEFAULT) {
            field(canonical, "database=" + database.name());
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** A list is its size, then each element as a field of its own. */
    private static void list(StringBuilder canonical, List<String> values) {
        canonical.append("|#").append(values.size());
        values.forEach(value -> field(canonical, value));
    }

    /** Absent is "-", present is its length, a colon and itself: the two never read alike. */
    private static void field(StringBuilder canonical, String value) {
        canonical.append('|');
        if (value == null) {
            canonical.append('-');
        } else {
            canonical.append(value.length()).append(':').append(value);
        }
    }
}
