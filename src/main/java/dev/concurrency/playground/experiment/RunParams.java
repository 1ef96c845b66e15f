package dev.concurrency.playground.experiment;

import dev.concurrency.playground.engine.ReadShare;
import dev.concurrency.playground.engine.WorkAround;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The workload parameters of one run, one value of each of the experiment's parameter lists, as JMH's
 * {@code @Param} fields are one value each per benchmark run. Only experiments that give parameter lists
 * have runs with parameters; the others' runs have none.
 *
 * @param workInside tokens of work where the strategy's critical section is
 * @param workOutside tokens of work after each increment, with nothing held
 * @param readRatio the share of operations that read the counter instead of incrementing it; null when the
 *     experiment gave no {@code readRatio} list (its runs only increment, and state no read share)
 * @param blockInsideMicros microseconds each increment blocks (sleeps) where the critical section is; null when
 *     the experiment gave no blocking, so that runs without it state what they always stated
 * @param blockOutsideMicros microseconds each increment blocks after it, with nothing held; null likewise
 */
@Schema(name = "RunParams", description = "The workload parameters of a run: one value of each of the experiment's "
        + "parameter lists. Work is in tokens of the playground's calibrated busy work (see the README, \"Work around "
        + "the lock\").")
public record RunParams(
        @Schema(description = "Tokens of work where the strategy's critical section is: with the lock held, or between a "
                + "racy strategy's read and write.", examples = "100") int workInside,
        @Schema(description = "Tokens of work after each increment, with nothing held.", examples = "0") int workOutside,
        @Schema(description = "The share of operations that read the counter instead of incrementing it; absent when "
                + "the experiment gave no `readRatio` list.", examples = "0.9") Double readRatio,
        @Schema(description = "Microseconds each increment blocks (`Thread.sleep`) where the critical section is: with "
                + "the lock held, or between a racy strategy's read and write. Only in experiments that gave "
                + "`blockInsideMicros` or `blockOutsideMicros`.", examples = "100") Integer blockInsideMicros,
        @Schema(description = "Microseconds each increment blocks after it, with nothing held. Only in experiments that "
                + "gave `blockInsideMicros` or `blockOutsideMicros`.", examples = "0") Integer blockOutsideMicros) {

    /** No work: the plain loop. */
    public static final RunParams NONE = new RunParams(0, 0);

    /** Work around each increment, without a read share or blocking. */
    public RunParams(int workInside, int workOutside) {
        this(workInside, workOutside, null, null, null);
    }

    /** Work and a read share, without blocking. */
    public RunParams(int workInside, int workOutside, Double readRatio) {
        this(workInside, workOutside, readRatio, null, null);
    }

    /** Work and blocking, without a read share. */
    public RunParams(int workInside, int workOutside, Integer blockInsideMicros, Integer blockOutsideMicros) {
        this(workInside, workOutside, null, blockInsideMicros, blockOutsideMicros);
    }

    /** The share of operations the engine makes reads, in whole percent (validated to two decimals). */
    public ReadShare reads() {
        return readRatio == null ? ReadShare.NONE : new ReadShare((int) Math.round(readRatio * 100));
    }

    /** These parameters with a read share of 0 stated as none, which is what it means: for pairing runs. */
    public RunParams withZeroReadsAsNone() {
        return readRatio != null && readRatio == 0
                ? new RunParams(workInside, workOutside, null, blockInsideMicros, blockOutsideMicros) : this;
    }

    /** Whether the run blocks at all. */
    public boolean blocks() {
        return blockInsideMicros != null && blockInsideMicros > 0 || blockOutsideMicros != null && blockOutsideMicros > 0;
    }

    /** The same parameters with blocking of 0 µs left out, since that is what a run without blocking did. */
    public RunParams withoutZeroBlocking() {
        return blocks() || blockInsideMicros == null ? this : new RunParams(workInside, workOutside, readRatio, null, null);
    }

    /** The work the engine does around each increment. */
    public WorkAround work() {
        return new WorkAround(workInside, workOutside, nanos(blockInsideMicros), nanos(blockOutsideMicros));
    }

    private static long nanos(Integer micros) {
        return micros == null ? 0 : micros * 1_000L;
    }

    /** JMH's {@code params}: each parameter's name and value, as text, in declaration order. */
    public Map<String, String> asJmhParams() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("workInside", Integer.toString(workInside));
        params.put("workOutside", Integer.toString(workOutside));
        if (readRatio != null) {
            params.put("readRatio", readRatio.toString());
        }
        if (blockInsideMicros != null) {
            params.put("blockInsideMicros", Integer.toString(blockInsideMicros));
            params.put("blockOutsideMicros", Integer.toString(blockOutsideMicros));
        }
        return params;
    }

    /**
     * A short label for tables and charts: {@code in=100 out=0}, with {@code reads=0.9} for a read share and
     * {@code block in=1000µs out=0µs} when it blocks.
     */
    public String label() {
        return "in=" + workInside + " out=" + workOutside + (readRatio == null ? "" : " reads=" + readRatio)
                + (blockInsideMicros == null ? "" : " block in=" + blockInsideMicros + "µs out=" + blockOutsideMicros + "µs");
    }
}
