package dev.concurrency.playground.experiment;

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
        @Schema(description = "Microseconds each increment blocks (`Thread.sleep`) where the critical section is: with "
                + "the lock held, or between a racy strategy's read and write. Only in experiments that gave "
                + "`blockInsideMicros` or `blockOutsideMicros`.", examples = "100") Integer blockInsideMicros,
        @Schema(description = "Microseconds each increment blocks after it, with nothing held. Only in experiments that "
                + "gave `blockInsideMicros` or `blockOutsideMicros`.", examples = "0") Integer blockOutsideMicros) {

    /** No work: the plain loop. */
    public static final RunParams NONE = new RunParams(0, 0);

    /** Work without blocking. */
    public RunParams(int workInside, int workOutside) {
        this(workInside, workOutside, null, null);
    }

    /** Whether the run blocks at all. */
    public boolean blocks() {
        return blockInsideMicros != null && blockInsideMicros > 0 || blockOutsideMicros != null && blockOutsideMicros > 0;
    }

    /** The same parameters with blocking of 0 µs left out, since that is what a run without blocking did. */
    public RunParams withoutZeroBlocking() {
        return blocks() || blockInsideMicros == null ? this : new RunParams(workInside, workOutside);
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
        if (blockInsideMicros != null) {
            params.put("blockInsideMicros", Integer.toString(blockInsideMicros));
            params.put("blockOutsideMicros", Integer.toString(blockOutsideMicros));
        }
        return params;
    }

    /** A short label for tables and charts: {@code in=100 out=0}, and {@code block in=1000µs out=0µs} when it blocks. */
    public String label() {
        return "in=" + workInside + " out=" + workOutside
                + (blockInsideMicros == null ? "" : " block in=" + blockInsideMicros + "µs out=" + blockOutsideMicros + "µs");
    }
}
