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
 */
@Schema(name = "RunParams", description = "The workload parameters of a run: one value of each of the experiment's "
        + "parameter lists. Work is in tokens of the playground's calibrated busy work (see the README, \"Work around "
        + "the lock\").")
public record RunParams(
        @Schema(description = "Tokens of work where the strategy's critical section is: with the lock held, or between a "
                + "racy strategy's read and write.", examples = "100") int workInside,
        @Schema(description = "Tokens of work after each increment, with nothing held.", examples = "0") int workOutside,
        @Schema(description = "The share of operations that read the counter instead of incrementing it; absent when "
                + "the experiment gave no `readRatio` list.", examples = "0.9") Double readRatio) {

    /** No work: the plain loop. */
    public static final RunParams NONE = new RunParams(0, 0);

    /** Work around each increment, without a read share. */
    public RunParams(int workInside, int workOutside) {
        this(workInside, workOutside, null);
    }

    /** The share of operations the engine makes reads, in whole percent (validated to two decimals). */
    public ReadShare reads() {
        return readRatio == null ? ReadShare.NONE : new ReadShare((int) Math.round(readRatio * 100));
    }

    /** These parameters with a read share of 0 stated as none, which is what it means: for pairing runs. */
    public RunParams withZeroReadsAsNone() {
        return readRatio != null && readRatio == 0 ? new RunParams(workInside, workOutside) : this;
    }

    /** The work the engine does around each increment. */
    public WorkAround work() {
        return new WorkAround(workInside, workOutside);
    }

    /** JMH's {@code params}: each parameter's name and value, as text, in declaration order. */
    public Map<String, String> asJmhParams() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("workInside", Integer.toString(workInside));
        params.put("workOutside", Integer.toString(workOutside));
        if (readRatio != null) {
            params.put("readRatio", readRatio.toString());
        }
        return params;
    }

    /** A short label for tables and charts: {@code in=100 out=0}, and {@code reads=0.9} with a read share. */
    public String label() {
        return "in=" + workInside + " out=" + workOutside + (readRatio == null ? "" : " reads=" + readRatio);
    }
}
