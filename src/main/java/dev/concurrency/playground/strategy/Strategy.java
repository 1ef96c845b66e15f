package dev.concurrency.playground.strategy;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * A thread-safety strategy as the catalog presents it: what it is, whether it is safe, and how to
 * make a fresh {@link SharedCounter} that uses it.
 *
 * @param id stable identifier used in requests and results
 * @param name human-readable name
 * @param family the kind of coordination it relies on
 * @param threadSafe whether concurrent increments are guaranteed never to be lost
 * @param javaApi the Java API the increment uses
 * @param summary one line
 * @param description a short lesson: guarantee, failure mode or proof, cost under contention
 * @param reportsCasFailures whether trials of this strategy report failed compare-and-set attempts
 * @param counters makes a fresh counter for each trial
 */
public record Strategy(
        String id,
        String name,
        Family family,
        boolean threadSafe,
        String javaApi,
        String summary,
        String description,
        boolean reportsCasFailures,
        Supplier<SharedCounter> counters) {

    public Strategy {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(javaApi, "javaApi");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(counters, "counters");
    }

    /** A new counter, sharing nothing with any other trial. */
    public SharedCounter newCounter() {
        return counters.get();
    }
}
