package dev.concurrency.playground.api.strategy;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.concurrency.playground.experiment.run.StrategyAvailability.Availability;
import dev.concurrency.playground.experiment.run.StrategyAvailability.DatabaseChoice;
import dev.concurrency.playground.strategy.Backend;
import dev.concurrency.playground.strategy.Strategy;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A catalog entry as the API shows it. */
@Schema(name = "Strategy", description = "A thread-safety strategy the playground can run, with its lesson.")
public record StrategyView(
        @Schema(description = "Identifier to use in experiment requests.", examples = "atomic") String id,
        @Schema(description = "Human-readable name.", examples = "AtomicLong") String name,
        @Schema(description = "The kind of coordination it relies on.",
                enumeration = {"none", "lock", "atomic", "confinement"}, examples = "atomic") String family,
        @Schema(description = "Whether concurrent increments of the threads of one JVM (platform or virtual) are "
                + "guaranteed never to be lost; for a strategy that runs only in child processes (`file-lock`, "
                + "`unshared-copy`), of the processes. Among child processes a strategy may differ: see `workerKinds`.")
        boolean threadSafe,
        @Schema(description = "Whether an experiment's `explain` option can reconstruct this strategy's lost updates: "
                + "true for the racy strategies kept in the JVM's heap, which have a recording loop beside the measured one "
                + "(not for one racing in a database, whose reads the database decides).")
        boolean explainable,
        @Schema(description = "Whether an experiment's `workInside` and `workOutside` apply to it: true for the strategies "
                + "with a loop that does work around each increment, which every strategy on threads has (an owned one's owner "
                + "does the work inside as it applies each increment); false for those that run only in child processes.")
        boolean takesWork,
        @Schema(description = "Whether an experiment's `readRatio` applies to it: true for the strategies in the heap with "
                + "a natural read of the shared count (under the lock or a read lock, an optimistic stamp, a volatile or "
                + "atomic get, LongAdder.sum()); false for the owned ones, thread-local tallies, the per-thread counters "
                + "of the false-sharing strategies and the counters outside the heap.")
        boolean takesReaders,
        @Schema(description = "Whether an experiment's `blockInsideMicros` and `blockOutsideMicros` apply to it: true for "
                + "the locks, whose lock a block holds, and the racy strategies, whose race it widens.")
        boolean takesBlocking,
        @Schema(description = "The Java API each increment uses.") String javaApi,
        @Schema(description = "One line.") String summary,
        @Schema(description = "The lesson, as the strategy's class documents it: what it is, what it guarantees, how it "
                + "works here (what goes wrong, or why it is correct) and its cost under contention. Paragraphs are "
                + "separated by a blank line.")
        String description,
        @Schema(description = "The kinds of worker the strategy runs with (the request's `threadType`), each with "
                + "whether it is safe among them. A lock is safe among threads and not among processes, each of "
                + "which has a lock of its own.")
        List<WorkerKindView> workerKinds,
        @Schema(description = "Where the counter lives when not in the JVM's heap: `database` for a row that every thread "
                + "increments over a JDBC connection of its own, in the database the experiment's `database` chooses; "
                + "`redis` for a key in a Redis server. Absent for the strategies whose counter is in the heap.", enumeration = {"database", "redis"},
                examples = "redis")
        @JsonInclude(JsonInclude.Include.NON_NULL) String backend,
        @Schema(description = "Whether this service can run the strategy: false when it needs a backend that is not "
                + "configured here, and then an experiment that lists it is refused.")
        boolean available,
        @Schema(description = "Why the strategy cannot run here; absent when it can.",
                examples = "It increments a key in Redis, and no Redis server is configured for this service "
                        + "(playground.backends.redis.url).")
        @JsonInclude(JsonInclude.Include.NON_NULL) String unavailableReason,
        @Schema(description = "The setting, as the environment variable an operator sets, with an example value, that "
                + "makes the strategy available; absent when it is.",
                examples = "PLAYGROUND_BACKENDS_REDIS_URL=redis://host:6379")
        @JsonInclude(JsonInclude.Include.NON_NULL) String enabledBy,
        @Schema(description = "For a strategy whose counter is a database row, each database an experiment's `database` "
                + "can choose, and whether this service can run the strategy there. Absent for the other strategies.")
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<DatabaseView> databases) {

    static StrategyView of(Strategy strategy, Availability availability, List<DatabaseChoice> databases) {
        return new StrategyView(strategy.id(), strategy.name(), strategy.family().id(), strategy.threadSafe(), strategy.explainable(),
                strategy.takesWork(), strategy.takesReaders(), strategy.takesBlocking(), strategy.javaApi(), strategy.summary(), strategy.description(),
                strategy.workerKinds().stream().map(kind -> new WorkerKindView(kind.id(), strategy.safeIn(kind))).toList(),
                strategy.backend().map(Backend::id).orElse(null), availability.available(), availability.unavailableReason(),
                availability.enabledBy(), databases.stream().map(DatabaseView::of).toList());
    }

    /** One database a database strategy can race in. */
    @Schema(name = "StrategyDatabase", description = "A database an experiment's `database` can choose for a database "
            + "strategy, and whether this service can run the strategy there.")
    public record DatabaseView(
            @Schema(description = "The request's `database` that chooses it.", enumeration = {"embedded", "postgresql"},
                    examples = "postgresql") String database,
            @Schema(description = "Whether an experiment may run the strategy in this database here.") boolean available,
            @Schema(description = "Why not; absent when it may.", examples = "PostgreSQL is not configured on this instance: "
                    + "set playground.backends.postgresql.jdbc-url (environment variable PLAYGROUND_BACKENDS_POSTGRESQL_JDBC_URL, "
                    + "e.g. jdbc:postgresql://127.0.0.1:5432/test) and, if it needs them, playground.backends.postgresql.username "
                    + "and password.")
            @JsonInclude(JsonInclude.Include.NON_NULL) String unavailableReason,
            @Schema(description = "The setting, as an environment variable with an example value, that makes it possible; "
                    + "absent when it is possible, or when no setting can (a database unfit for the strategy).",
                    examples = "PLAYGROUND_BACKENDS_POSTGRESQL_JDBC_URL=jdbc:postgresql://host:5432/db")
            @JsonInclude(JsonInclude.Include.NON_NULL) String enabledBy) {

        static DatabaseView of(DatabaseChoice choice) {
            Availability availability = choice.availability();
            return new DatabaseView(choice.database().id(), availability.available(), availability.unavailableReason(),
                    availability.enabledBy());
        }
    }

    /** One kind of worker a strategy runs with. */
    @Schema(name = "WorkerKind", description = "A kind of worker a strategy runs with, and whether it is safe there.")
    public record WorkerKindView(
            @Schema(description = "The request's `threadType` that asks for it.",
                    enumeration = {"platform", "virtual", "process"}, examples = "process") String kind,
            @Schema(description = "Whether concurrent increments of such workers are guaranteed never to be lost.")
            boolean threadSafe) {
    }
}
