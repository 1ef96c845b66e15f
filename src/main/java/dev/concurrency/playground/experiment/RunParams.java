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
 */
@Schema(name = "RunParams", description = "The workload parameters of a run: one value of each of the experiment's "
        + "parameter lists. Work is in tokens of the playground's calibrated busy work (see the README, \"Work around "
        + "the lock\").")
public record RunParams(
        @Schema(description = "Tokens of work where the strategy's critical section is: with the lock held, or between a "
                + "racy strategy's read and write.", examples = "100") int workInside,
        @Schema(description = "Tokens of work after each increment, with nothing held.", examples = "0") int workOutside) {

    /** No work: the plain loop. */
    public static final RunParams NONE = new RunParams(0, 0);

    /** The work the engine does around each increment. */
    public WorkAround work() {
        return new WorkAround(workInside, workOutside);
    }

    /** JMH's {@code params}: each parameter's name and value, as text, in declaration order. */
    public Map<String, String> asJmhParams() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("workInside", Integer.toString(workInside));
        params.put("workOutside", Integer.toString(workOutside));
        return params;
    }

    /** A short label for tables and charts: {@code in=100 out=0}. */
    public String label() {
        return "in=" + workInside + " out=" + workOutside;
    }
}
