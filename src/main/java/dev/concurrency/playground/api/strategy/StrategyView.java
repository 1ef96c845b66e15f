package dev.concurrency.playground.api.strategy;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.concurrency.playground.strategy.Strategy;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A catalog entry as the API shows it. */
@Schema(name = "Strategy", description = "A thread-safety strategy the playground can run, with its lesson.")
public record StrategyView(
        @Schema(description = "Identifier to use in experiment requests.", examples = "atomic") String id,
        @Schema(description = "Human-readable name.", examples = "AtomicLong") String name,
        @Schema(description = "The kind of coordination it relies on.",
                enumeration = {"none", "lock", "atomic", "confinement"}, examples = "atomic") String family,
        @Schema(description = "Whether concurrent increments are guaranteed never to be lost.") boolean threadSafe,
        @Schema(description = "Whether an experiment's `explain` option can reconstruct this strategy's lost updates: "
                + "true for the racy strategies kept in the JVM's heap, which have a recording loop beside the measured one "
                + "(not for one racing in a database, whose reads the database decides).")
        boolean explainable,
        @Schema(description = "The Java API each increment uses.") String javaApi,
        @Schema(description = "One line.") String summary,
        @Schema(description = "The lesson, as the strategy's class documents it: what it is, what it guarantees, how it "
                + "works here (what goes wrong, or why it is correct) and its cost under contention. Paragraphs are "
                + "separated by a blank line.")
        String description,
        @Schema(description = "Where its counter lives when that is outside the JVM: `database` for a row that every "
                + "thread increments over a JDBC connection of its own, in the database the experiment's `database` "
                + "chooses. Absent for the strategies whose counter is in the heap.",
                enumeration = {"database", "redis"}, examples = "database")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        String backend) {

    static StrategyView of(Strategy strategy) {
        return new StrategyView(strategy.id(), strategy.name(), strategy.family().id(), strategy.threadSafe(), strategy.explainable(),
                strategy.javaApi(), strategy.summary(), strategy.description(),
                strategy.backend().map(backend -> backend.id()).orElse(null));
    }
}
