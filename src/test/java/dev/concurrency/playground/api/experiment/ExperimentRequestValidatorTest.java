package dev.concurrency.playground.api.experiment;

import dev.concurrency.playground.config.PostgresqlBackendConfig;

import dev.concurrency.playground.experiment.run.RaceDatabases;

import dev.concurrency.playground.experiment.Database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.concurrency.playground.api.limits.FixedLimits;
import dev.concurrency.playground.api.problem.Problem;
import dev.concurrency.playground.api.problem.ProblemException;
import dev.concurrency.playground.api.problem.Violation;
import dev.concurrency.playground.config.ConfigDefaults;
import dev.concurrency.playground.config.LimitsConfig;
import dev.concurrency.playground.config.RunnerConfig;
import dev.concurrency.playground.engine.ThreadType;
import dev.concurrency.playground.experiment.ExperimentSpec;
import dev.concurrency.playground.experiment.RunParams;
import dev.concurrency.playground.experiment.run.StrategyAvailability;
import dev.concurrency.playground.experiment.run.TrialCosts;
import dev.concurrency.playground.strategy.StrategyCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The validator without HTTP: each rule against the configured limits and the catalog, which are read
 * here rather than copied, and the bound on what a hostile request can make it build.
 */
class ExperimentRequestValidatorTest {

    private final StrategyCatalog catalog = new StrategyCatalog();
    private static final RunnerConfig RUNNER = ConfigDefaults.of(RunnerConfig.class);
    private final LimitsConfig limits = ConfigDefaults.of(LimitsConfig.class);
    /** As the test profile configures the service: every backend, Redis included, so every strategy is available. */
    private final ExperimentRequestValidator validator = new ExperimentRequestValidator(catalog, limits, new TrialCosts(),
            RUNNER, new StrategyAvailability(true));
    private final String someId = catalog.ids().getFirst();

    private static ExperimentRequest request(String name, List<String> strategies, List<Integer> threadCounts,
            ThreadType type, Long increments, Long duration, Integer trials, Integer warmups) {
        return new ExperimentRequest(name, strategies, threadCounts, type, increments, duration, trials, warmups, null, null,
                null, null);
    }

    private static ExperimentRequest work(List<String> strategies, List<Integer> inside, List<Integer> outside,
            Boolean explain) {
        return new ExperimentRequest(null, strategies, List.of(1, 2), null, null, 10L, null, null, null, explain,
                inside, outside);
    }

    private static ExperimentRequest explain(List<String> strategies, List<Integer> threadCounts, ThreadType type,
            Boolean explain) {
        return new ExperimentRequest(null, strategies, threadCounts, type, null, null, null, null, null, explain, null, null);
    }

    @Test
    void everyCombinationOfTheWorkListsIsARunOfEveryStrategyAndThreadCount() {
        ExperimentSpec spec = validator.validate(work(List.of("synchronized", "atomic"), List.of(0, 100), List.of(0, 10, 1000), null));
        assertEquals(2 * 2 * 2 * 3, spec.totalRuns());
        assertEquals(List.of(new RunParams(0, 0), new RunParams(0, 10), new RunParams(0, 1000), new RunParams(100, 0),
                new RunParams(100, 10), new RunParams(100, 1000)), spec.runParams());
        assertTrue(spec.hasParams());
        ExperimentSpec onlyOutside = validator.validate(work(List.of("atomic"), null, List.of(5), null));
        assertEquals(List.of(new RunParams(0, 5)), onlyOutside.runParams());
        ExperimentSpec none = validator.validate(work(List.of("atomic"), null, null, null));
        assertEquals(List.of(RunParams.NONE), none.runParams());
        assertFalse(none.hasParams());
    }

    @Test
    void workListsAreBoundedLikeThreadCounts() {
        assertViolations(work(List.of("atomic"), List.of(), null, null), "workInside");
        assertViolations(work(List.of("atomic"), null, java.util.Collections.nCopies(FixedLimits.MAX_PARAM_VALUES + 1, 1), null),
                "workOutside");
        assertViolations(work(List.of("atomic"), List.of(-1), null, null), "workInside[0]");
        assertViolations(work(List.of("atomic"), List.of(0, FixedLimits.MAX_WORK_TOKENS + 1), null, null), "workInside[1]");
        assertViolations(work(List.of("atomic"), List.of(3, 3), null, null), "workInside");
        assertViolations(work(List.of("atomic"), java.util.Arrays.asList(1, null), null, null), "workInside[1]");
        validator.validate(work(List.of("atomic"), List.of(0, FixedLimits.MAX_WORK_TOKENS), null, null));
    }

    @Test
    void workIsRefusedForStrategiesWithoutALoopForItAndWithExplain() {
        // Only the strategies that run in child processes alone have no loop with work; the owned ones have one.
        List<Violation> refused = violations(new ExperimentRequest(null, List.of("atomic", "file-lock"), List.of(2),
                ThreadType.PROCESS, 10L, null, null, null, null, null, List.of(10), null, null, null, null, null));
        assertTrue(refused.stream().anyMatch(v -> v.field().equals("workInside") && v.message().contains("file-lock")
                && !v.message().contains("atomic,")), refused.toString());
        validator.validate(work(List.of("atomic", "single-writer", "event-loop"), List.of(10), List.of(5), null));
        assertViolations(work(List.of("unsynchronized"), List.of(0, 10), null, true), "explain");
        // Zero work is no work: every strategy takes it, and explain still explains.
        validator.validate(work(List.of("single-writer"), List.of(0), List.of(0), null));
        validator.validate(work(List.of("unsynchronized"), List.of(0), null, true));
    }

    private static ExperimentRequest blocking(List<String> strategies, ThreadType type, Long increments, Long millis,
            List<Integer> inside, List<Integer> outside, Boolean explain) {
        return new ExperimentRequest(null, strategies, List.of(1, 2), type, increments, millis, null, null, null, explain,
                null, null, inside, outside);
    }

    /**
     * A run that reads runs the reading loop, which never blocks: reads and blocking together are refused rather
     * than run without the blocks; a read share of 0 with blocking, or reads with blocks of 0, are no conflict.
     */
    @Test
    void readsAndBlockingAreExperimentsOfTheirOwn() {
        ExperimentRequest both = new ExperimentRequest(null, List.of("synchronized"), List.of(2), null, 10L, null, null,
                null, null, null, null, null, List.of(0.0, 0.5), List.of(100), null, null);
        assertViolation(both, "readRatio", "asks for reads, and blockInsideMicros for blocking: a run either reads or "
                + "blocks");
        validator.validate(new ExperimentRequest(null, List.of("synchronized"), List.of(2), null, 10L, null, null, null,
                null, null, null, null, List.of(0.0), List.of(100), null, null));
        validator.validate(new ExperimentRequest(null, List.of("synchronized"), List.of(2), null, 10L, null, null, null,
                null, null, null, null, List.of(0.5), List.of(0), null, null));
    }

    @Test
    void everyCombinationOfTheBlockingListsIsARunAndRunsWithoutThemStateNoBlocking() {
        ExperimentSpec spec = validator.validate(blocking(List.of("synchronized"), null, 10L, null, List.of(0, 100),
                List.of(0, 1000), null));
        assertEquals(List.of(new RunParams(0, 0, 0, 0), new RunParams(0, 0, 0, 1000), new RunParams(0, 0, 100, 0),
                new RunParams(0, 0, 100, 1000)), spec.runParams());
        assertEquals(8, spec.totalRuns());
        assertEquals(List.of(new RunParams(0, 0)), validator.validate(work(List.of("atomic"), List.of(0), null, null)).runParams());
    }

    @Test
    void blockingListsAreBoundedLikeWorkLists() {
        assertViolations(blocking(List.of("synchronized"), null, 10L, null, List.of(), null, null), "blockInsideMicros");
        assertViolations(blocking(List.of("synchronized"), null, 10L, null, List.of(-1), null, null), "blockInsideMicros[0]");
        assertViolations(blocking(List.of("synchronized"), null, 10L, null, null,
                List.of(0, FixedLimits.MAX_BLOCK_MICROS + 1), null), "blockOutsideMicros[1]");
        assertViolations(blocking(List.of("synchronized"), null, 10L, null, List.of(5, 5), null, null), "blockInsideMicros");
        validator.validate(blocking(List.of("synchronized"), null, 1L, null, List.of(FixedLimits.MAX_BLOCK_MICROS), null, null));
    }

    @Test
    void blockingIsRefusedForStrategiesWithNothingToBlockInWithExplainAndInProcesses() {
        Violation refused = only(blocking(List.of("atomic", "synchronized"), null, 10L, null, List.of(10), null, null));
        assertEquals("blockInsideMicros", refused.field());
        assertTrue(refused.message().contains("atomic") && refused.message().contains("takesBlocking: false"), refused.message());
        assertViolations(blocking(List.of("unsynchronized"), null, 10L, null, List.of(10), null, true), "explain");
        assertViolations(blocking(List.of("synchronized"), ThreadType.PROCESS, 10L, null, null, List.of(10), null),
                "blockOutsideMicros");
        // Zero blocking is no blocking: every strategy takes it.
        validator.validate(blocking(List.of("atomic"), null, 10L, null, List.of(0), List.of(0), null));
    }

    /**
     * A block inside a lock holds every thread up: a million increments of a millisecond each is a thousand seconds
     * whatever the thread count, refused, saying what to change; a few hundred, or fixed time, is accepted.
     */
    @Test
    void aMillionIncrementsThatEachBlockAMillisecondAreRefusedWithAdvice() {
        Violation refused = only(blocking(List.of("synchronized"), null, 1_000_000L, null, List.of(1000), null, null));
        assertEquals("incrementsPerThread", refused.field());
        assertTrue(refused.message().contains("blockInsideMicros") && refused.message().contains("durationMillis"),
                refused.message());
        validator.validate(blocking(List.of("synchronized"), null, 200L, null, List.of(1000), null, null));
        validator.validate(blocking(List.of("synchronized"), null, null, 200L, List.of(1000), null, null));
    }

    @Test
    void childProcessesDoNoWork() {
        ExperimentRequest inProcesses = new ExperimentRequest(null, List.of("atomic"), List.of(2), ThreadType.PROCESS, null,
                10L, null, null, null, null, List.of(10), null);
        assertViolations(inProcesses, "workInside");
    }

    private static ExperimentRequest reads(List<String> strategies, List<Double> readRatio, ThreadType type, Boolean explain) {
        return new ExperimentRequest(null, strategies, List.of(1, 2), type, null, 10L, null, null, null, explain,
                null, null, readRatio, null);
    }

    @Test
    void everyReadRatioIsARunCombinedWithTheWorkLists() {
        ExperimentSpec spec = validator.validate(new ExperimentRequest(null, List.of("synchronized", "atomic"), List.of(1, 2),
                null, null, 10L, null, null, null, null, List.of(0, 100), null, List.of(0.0, 0.5, 0.99), null));
        assertEquals(2 * 2 * 2 * 3, spec.totalRuns());
        assertEquals(List.of(new RunParams(0, 0, 0.0), new RunParams(0, 0, 0.5), new RunParams(0, 0, 0.99),
                new RunParams(100, 0, 0.0), new RunParams(100, 0, 0.5), new RunParams(100, 0, 0.99)), spec.runParams());
        assertEquals(List.of(0, 50, 99), spec.runParams().subList(0, 3).stream().map(p -> p.reads().percent()).toList());
        ExperimentSpec onlyReads = validator.validate(reads(List.of("atomic"), List.of(0.9), null, null));
        assertTrue(onlyReads.hasParams());
        assertEquals(List.of(new RunParams(0, 0, 0.9)), onlyReads.runParams());
        // Without a readRatio list, runs state no read share, exactly as before there was one.
        assertEquals(List.of(new RunParams(5, 0)), validator.validate(work(List.of("atomic"), List.of(5), null, null)).runParams());
        assertNull(validator.validate(work(List.of("atomic"), List.of(5), null, null)).runParams().get(0).readRatio());
    }

    @Test
    void readRatiosAreSharesInHundredthsBelowOne() {
        assertViolations(reads(List.of("atomic"), List.of(), null, null), "readRatio");
        assertViolations(reads(List.of("atomic"), java.util.Collections.nCopies(FixedLimits.MAX_PARAM_VALUES + 1, 0.5), null,
                null), "readRatio");
        assertViolations(reads(List.of("atomic"), List.of(-0.1), null, null), "readRatio[0]");
        assertViolations(reads(List.of("atomic"), List.of(0.5, 1.0), null, null), "readRatio[1]");
        assertViolations(reads(List.of("atomic"), List.of(0.995), null, null), "readRatio[0]");
        assertViolations(reads(List.of("atomic"), List.of(0.125), null, null), "readRatio[0]");
        assertViolations(reads(List.of("atomic"), List.of(Double.NaN), null, null), "readRatio[0]");
        assertViolations(reads(List.of("atomic"), List.of(0.5, 0.5), null, null), "readRatio");
        assertViolations(reads(List.of("atomic"), java.util.Arrays.asList(0.5, null), null, null), "readRatio[1]");
        Violation decimals = only(reads(List.of("atomic"), List.of(0.333), null, null));
        assertTrue(decimals.message().contains("two decimals"), decimals.message());
        validator.validate(reads(List.of("atomic"), List.of(0.0, 0.01, 0.07, 0.29, 0.57, 0.9, 0.99), null, null));
    }

    @Test
    void readsAreRefusedForStrategiesWithoutANaturalReadWithExplainAndInProcesses() {
        Violation refused = only(reads(List.of("atomic", "thread-local", "padded-atomics"), List.of(0.5), null, null));
        assertEquals("readRatio", refused.field());
        assertTrue(refused.message().contains("thread-local, padded-atomics") && !refused.message().contains("atomic,"),
                refused.message());
        // The owned strategies read the count their owner publishes.
        validator.validate(reads(List.of("single-writer", "event-loop"), List.of(0.5), null, null));
        assertTrue(refused.message().contains("takesReaders: false"), refused.message());
        assertViolations(reads(List.of("padded-atomics"), List.of(0.9), null, null), "readRatio");
        assertViolations(reads(List.of("unsynchronized"), List.of(0.0, 0.5), null, true), "explain");
        assertViolations(reads(List.of("atomic"), List.of(0.5), ThreadType.PROCESS, null), "readRatio");
        // A share of 0 is no reads: every strategy takes it, and explain still explains.
        validator.validate(reads(List.of("single-writer", "thread-local"), List.of(0.0), null, null));
        validator.validate(reads(List.of("unsynchronized"), List.of(0.0), null, true));
        validator.validate(reads(List.of("atomic"), List.of(0.0), ThreadType.PROCESS, null));
    }

    @Test
    void explainIsOffUnlessAskedForAndOnOnlyWhenAsked() {
        assertFalse(validator.validate(minimal()).explain());
        assertFalse(validator.validate(explain(List.of("unsynchronized"), List.of(2), null, false)).explain());
        assertTrue(validator.validate(explain(List.of("unsynchronized"), List.of(2), null, true)).explain());
        // A safe strategy beside a racy one: the racy one is explained, the safe one runs as ever.
        assertTrue(validator.validate(explain(List.of("atomic", "volatile"), List.of(2), null, true)).explain());
    }

    @Test
    void aStrategyWhoseBackendIsNotConfiguredIsRefusedNamingTheSettingThatEnablesIt() {
        ExperimentRequestValidator withoutRedis = new ExperimentRequestValidator(catalog, limits, new TrialCosts(), RUNNER,
                new StrategyAvailability(false));
        withoutRedis.validate(request(null, List.of("atomic"), List.of(2), null, null, null, null, null));
        List<Violation> all = violations(withoutRedis, request(null, List.of("atomic", "redis-incr", "redis-lua"), List.of(2),
                null, null, null, null, null));
        assertEquals(List.of("strategies[1]", "strategies[2]"), all.stream().map(Violation::field).toList(), all.toString());
        assertEquals("'redis-incr' is not available on this service: it increments a key in Redis, and no Redis server "
                + "is configured for this service (playground.backends.redis.url); an operator enables it with "
                + "PLAYGROUND_BACKENDS_REDIS_URL=redis://host:6379", all.get(0).message());
        // Configured, the same request is sound.
        validator.validate(request(null, List.of("atomic", "redis-incr", "redis-lua"), List.of(2), null, null, null, null, null));
    }

    @Test
    void aRedisExperimentThatWouldRunForHoursIsRefusedSayingEachIncrementIsARoundTrip() {
        ExperimentRequest hours = request(null, List.of("redis-incr"), List.of(1), null, 1_000_000_000L, null, 1, 0);
        assertViolation(hours, "incrementsPerThread", "redis-incr makes a round trip to a server per increment");
        // The same work in the heap is a few seconds, and accepted.
        validator.validate(request(null, List.of("atomic"), List.of(1), null, 1_000_000_000L, null, 1, 0));
    }

    @Test
    void aRedisRunHasAtMostOneConnectionPerAllowedThread() {
        int max = limits.maxRedisConnections();
        validator.validate(request(null, List.of("redis-incr", "atomic"), List.of(1, max), null, 10L, null, 1, 0));
        assertViolation(request(null, List.of("redis-incr", "atomic"), List.of(1, max + 1), null, 10L, null, 1, 0),
                "threadCounts[1]", "must be at most " + max + " with redis-incr: each thread is a connection of its own "
                        + "to the Redis server (playground.limits.max-redis-connections)");
        // Without a Redis strategy the thread limit is the JVM's.
        validator.validate(request(null, List.of("atomic"), List.of(max + 1), null, 10L, null, 1, 0));
    }

    @Test
    void explainingOnlyARacyStrategyWithABackendIsRefusedSayingWhy() {
        assertViolation(explain(List.of("redis-get-set"), List.of(2), null, true), "explain",
                "only a counter in the service's heap can keep, and redis-get-set increments in a server");
    }

    @Test
    void explainWithoutARacyStrategyIsRefusedWithTheStrategiesThatCanBeExplained() {
        assertViolation(explain(List.of("atomic", "synchronized"), List.of(2), null, true), "explain",
                "none of the strategies listed can lose one; add a racy strategy (unsynchronized, volatile) or leave "
                        + "explain out");
    }

    private static ExperimentRequest inDatabase(List<String> strategies, List<Integer> threadCounts, Long increments,
            Long duration, Database database) {
        return new ExperimentRequest(null, strategies, threadCounts, null, increments, duration, null, null, null, null,
                database);
    }

    @Test
    void aDatabaseIsChosenExactlyWhenADatabaseStrategyIsListed() {
        assertNull(validator.validate(minimal()).database(), "an experiment in the heap has no database");
        assertEquals(Database.EMBEDDED, validator.validate(inDatabase(List.of("atomic", "db-atomic-update"), List.of(2),
                null, 10L, null)).database(), "the default, written into the spec");
        assertEquals(Database.EMBEDDED, validator.validate(inDatabase(List.of("db-optimistic"), List.of(2), null, 10L,
                Database.EMBEDDED)).database());
        assertEquals(Database.EMBEDDED, validator.validate(inDatabase(List.of("db-optimistic", "db-serializable"),
                List.of(2), null, 10L, null)).database(), "every database strategy runs in the embedded database");
        assertViolation(inDatabase(List.of("atomic"), List.of(2), null, null, Database.EMBEDDED), "database",
                "none of the strategies listed is one; add one (db-read-then-write, db-atomic-update, "
                        + "db-select-for-update, db-optimistic, db-serializable) or leave database out");
    }

    @Test
    void postgresqlWhereItIsNotConfiguredIsRefusedNamingTheSettingThatEnablesIt() {
        assertViolation(inDatabase(List.of("db-atomic-update"), List.of(2), null, 10L, Database.POSTGRESQL), "database",
                "is postgresql, which cannot be used: PostgreSQL is not configured on this instance: set "
                        + "playground.backends.postgresql.jdbc-url (environment variable PLAYGROUND_BACKENDS_POSTGRESQL_JDBC_URL");
        ExperimentRequestValidator configured = new ExperimentRequestValidator(catalog, limits, new TrialCosts(), RUNNER,
                new RaceDatabases(ConfigDefaults.with(Map.of("playground.backends.postgresql.jdbc-url",
                        "jdbc:postgresql://127.0.0.1:5432/test")).getConfigMapping(PostgresqlBackendConfig.class)));
        assertEquals(Database.POSTGRESQL, configured.validate(inDatabase(List.of("db-atomic-update"), List.of(2), null, 10L,
                Database.POSTGRESQL)).database());
    }

    @Test
    void databaseStrategiesGetAtMostOneThreadPerConnection() {
        int max = limits.maxDatabaseConnections();
        validator.validate(inDatabase(List.of("db-atomic-update"), List.of(1, max), null, 10L, null));
        assertViolation(inDatabase(List.of("atomic", "db-atomic-update"), List.of(1, max + 1), null, 10L, null),
                "threadCounts[1]", "must be at most " + max + " for the database strategies listed (db-atomic-update): "
                        + "each thread holds a connection of its own (playground.limits.max-database-connections)");
        // Only the database strategies are bounded so: in the heap, the thread limits are the others.
        validator.validate(inDatabase(List.of("atomic"), List.of(max + 1), null, 10L, null));
    }

    /**
     * A database increment costs round trips: fixed work that would take seconds in the heap is hours in a
     * database, and the estimate refuses it, saying to use fixed time; the same in the heap is accepted.
     */
    @Test
    void theEstimateCountsADatabaseIncrementAsRoundTripsNotNanoseconds() {
        validator.validate(inDatabase(List.of("atomic"), List.of(4), 100_000_000L, null, null));
        assertViolation(inDatabase(List.of("db-atomic-update"), List.of(4), 100_000_000L, null, null),
                "incrementsPerThread", "a database increment takes tens of microseconds, not nanoseconds, so give the "
                        + "database strategies durationMillis (fixed time)");
        assertViolation(inDatabase(List.of("db-atomic-update"), List.of(1, 2, 4), null, null, null),
                "incrementsPerThread", "playground.limits.max-experiment-wall-time");
        validator.validate(inDatabase(List.of("db-atomic-update"), List.of(1, 2, 4), 1_000L, null, null));
    }

    @Test
    void explainNeedsMemoryForOneIncrementPerThread() {
        LimitsConfig small = withMaxExplainBytes(limits, 24 * 100);
        ExperimentRequestValidator tight = new ExperimentRequestValidator(catalog, small, new TrialCosts(), RUNNER);
        tight.validate(explain(List.of("unsynchronized"), List.of(1, 100), ThreadType.VIRTUAL, true));
        ProblemException refused = assertThrows(ProblemException.class,
                () -> tight.validate(explain(List.of("unsynchronized"), List.of(1, 101), ThreadType.VIRTUAL, true)));
        Violation violation = refused.toProblem(null).violations().getFirst();
        assertEquals("explain", violation.field());
        assertTrue(violation.message().contains("101 threads need more than the 2400 bytes allowed "
                + "(playground.limits.max-explain-bytes)"), violation.message());
    }

    /** The defaults, but for the explain limit. */
    private static LimitsConfig withMaxExplainBytes(LimitsConfig defaults, long bytes) {
        return (LimitsConfig) java.lang.reflect.Proxy.newProxyInstance(LimitsConfig.class.getClassLoader(),
                new Class<?>[] {LimitsConfig.class}, (proxy, method, args) -> method.getName().equals("maxExplainBytes")
                        ? bytes : method.invoke(defaults, args));
    }

    private ExperimentRequest minimal() {
        return request(null, List.of(someId), List.of(1), null, null, null, null, null);
    }

    /** Refused, with a violation of each field named, and of no other. */
    private void assertViolations(ExperimentRequest request, String... fields) {
        assertEquals(List.of(fields), violations(request).stream().map(Violation::field).toList());
    }

    private List<Violation> violations(ExperimentRequest request) {
        return violations(validator, request);
    }

    private static List<Violation> violations(ExperimentRequestValidator validator, ExperimentRequest request) {
        ProblemException e = assertThrows(ProblemException.class, () -> validator.validate(request));
        Problem problem = e.toProblem(null);
        assertEquals(400, problem.status());
        return problem.violations();
    }

    private Violation only(ExperimentRequest request) {
        List<Violation> all = violations(request);
        assertEquals(1, all.size(), all.toString());
        return all.getFirst();
    }

    @Test
    void aMinimalRequestGetsEveryDefault() {
        ExperimentSpec spec = validator.validate(minimal());
        assertEquals(List.of(someId), spec.strategies());
        assertEquals(List.of(1), spec.threadCounts());
        assertEquals(ThreadType.PLATFORM, spec.threadType());
        assertEquals(ExperimentSpec.DEFAULT_INCREMENTS_PER_THREAD, spec.incrementsPerThread());
        assertNull(spec.durationMillis());
    }

    @Test
    void aBodyIsRequired() {
        assertEquals("body", only(null).field());
    }

    @Test
    void everyLimitIsEnforcedAtItsBoundaryAndNamesItsSetting() {
        // At each maximum: accepted (one strategy, one thread, so no total is exceeded).
        validator.validate(request(null, List.of(someId), List.of(1), null, null, null, limits.maxTrials(), limits.maxWarmupTrials()));
        validator.validate(request(null, List.of(someId), List.of(1), null, null, 1L, null, null));
        // One past: refused, naming the field and the property that sets the limit.
        assertViolation(request(null, List.of(someId), List.of(1), null, null, null, limits.maxTrials() + 1, null),
                "trials", "at most " + limits.maxTrials() + " (playground.limits.max-trials)");
        assertViolation(request(null, List.of(someId), List.of(1), null, null, null, null, limits.maxWarmupTrials() + 1),
                "warmupTrials", "at most " + limits.maxWarmupTrials() + " (playground.limits.max-warmup-trials)");
        assertViolation(request(null, List.of(someId), List.of(1), null, limits.maxIncrementsPerThread() + 1, null, null, null),
                "incrementsPerThread", "at most " + limits.maxIncrementsPerThread() + " (playground.limits.max-increments-per-thread)");
        assertViolation(request(null, List.of(someId), List.of(1), null, null, limits.maxDurationMillis() + 1, null, null),
                "durationMillis", "at most " + limits.maxDurationMillis() + " (playground.limits.max-duration-millis)");
        // And the minimums.
        assertViolation(request(null, List.of(someId), List.of(1), null, null, null, 0, null), "trials", "at least 1");
        assertViolation(request(null, List.of(someId), List.of(1), null, null, null, null, -1), "warmupTrials", "at least 0");
        assertViolation(request(null, List.of(someId), List.of(1), null, 0L, null, null, null), "incrementsPerThread", "at least 1");
        assertViolation(request(null, List.of(someId), List.of(1), null, null, 0L, null, null), "durationMillis", "at least 1");
    }

    @Test
    void theViolationExampleInTheOpenApiDocumentIsWhatTheValidatorSays() throws Exception {
        // The schema's example is filled in from the default limits at build time; it must stay the
        // message a client really gets for one platform thread too many.
        Violation tooMany = only(request(null, List.of(someId), List.of(limits.maxPlatformThreads() + 1), null, 1L, null, 1, 0));
        String example = new ObjectMapper().readTree(Files.readString(Path.of("openapi/openapi.json")))
                .at("/components/schemas/Violation/properties/message/examples/0").asText();
        assertEquals(tooMany.message(), example);
    }

    @Test
    void threadCountsAreBoundedByTheirThreadType() {
        validator.validate(request(null, List.of(someId), List.of(limits.maxPlatformThreads()), null, 1L, null, 1, 0));
        assertViolation(request(null, List.of(someId), List.of(limits.maxPlatformThreads() + 1), null, 1L, null, 1, 0),
                "threadCounts[0]", "at most " + limits.maxPlatformThreads() + " for platform threads");
        validator.validate(request(null, List.of(someId), List.of(limits.maxVirtualThreads()), ThreadType.VIRTUAL, 1L, null, 1, 0));
        assertViolation(request(null, List.of(someId), List.of(limits.maxVirtualThreads() + 1), ThreadType.VIRTUAL, 1L, null, 1, 0),
                "threadCounts[0]", "at most " + limits.maxVirtualThreads() + " virtual threads");
        assertViolation(request(null, List.of(someId), List.of(0), null, null, null, null, null), "threadCounts[0]", "at least 1");
        assertViolation(request(null, List.of(someId), Collections.singletonList(null), null, null, null, null, null),
                "threadCounts[0]", "not null");
        assertViolation(request(null, List.of(someId), List.of(2, 1, 2), null, null, null, null, null),
                "threadCounts", "lists [2] more than once");
    }

    @Test
    void processCountsAreBoundedByTheirOwnLimit() {
        validator.validate(request(null, List.of("atomic"), List.of(limits.maxProcesses()), ThreadType.PROCESS, 1L, null, 1, 0));
        assertViolation(request(null, List.of("atomic"), List.of(limits.maxProcesses() + 1), ThreadType.PROCESS, 1L, null,
                1, 0), "threadCounts[0]", "at most " + limits.maxProcesses() + " child processes (playground.limits.max-processes)");
    }

    @Test
    void aStrategyThatDoesNotRunInProcessesIsNamedWithThoseThatDo() {
        List<String> inProcesses = catalog.all().stream()
                .filter(s -> s.runsIn(dev.concurrency.playground.strategy.WorkerKind.PROCESS)).map(s -> s.id()).toList();
        assertViolation(request(null, List.of("atomic", "long-adder"), List.of(2), ThreadType.PROCESS, 1L, null, 1, 0),
                "strategies[1]", "'long-adder', which does not run in child processes (\"threadType\": \"process\"); "
                        + "those that do are " + String.join(", ", inProcesses));
        // The in-JVM locks run in processes, where they are racy: asking for them is no mistake.
        validator.validate(request(null, List.of("synchronized", "reentrant-lock"), List.of(2), ThreadType.PROCESS, 1L,
                null, 1, 0));
        // On threads every strategy runs.
        validator.validate(request(null, List.of("long-adder"), List.of(2), ThreadType.PLATFORM, 1L, null, 1, 0));
    }

    /** A file lock is held by a whole JVM, and an unshared copy needs separate heaps: on threads each is refused, naming processes. */
    @Test
    void aStrategyThatRunsOnlyInProcessesIsRefusedOnThreadsNamingProcesses() {
        for (ThreadType type : new ThreadType[] {ThreadType.PLATFORM, ThreadType.VIRTUAL, null}) {
            String kind = type == null ? "platform" : type.id();
            assertViolation(request(null, List.of("atomic", "file-lock"), List.of(2), type, 1L, null, 1, 0),
                    "strategies[1]", "'file-lock', which runs only in child processes, not on " + kind + " threads (a file lock is "
                            + "held by a whole JVM, an unshared copy needs heaps of their own): use \"threadType\": \"process\"");
            assertViolation(request(null, List.of("unshared-copy"), List.of(2), type, 1L, null, 1, 0),
                    "strategies[0]", "'unshared-copy', which runs only in child processes, not on " + kind + " threads");
        }
        validator.validate(request(null, List.of("file-lock", "unshared-copy", "atomic"), List.of(2), ThreadType.PROCESS,
                1L, null, 1, 0));
    }

    @Test
    void explainIsRefusedInProcesses() {
        assertViolation(explain(List.of("unsynchronized"), List.of(2), ThreadType.PROCESS, true), "explain",
                "child processes do not share; leave explain out, or use \"threadType\": \"platform\"");
    }

    @Test
    void listsAreBoundedByTheCatalogAndTheThreadCountLimit() {
        List<String> everyId = catalog.ids();
        // The whole catalog in one experiment, in PostgreSQL, with Redis configured (else its strategies are unavailable); on threads, so without the two that run only in
        // processes, which the list's bound still counts.
        RaceDatabases postgresql = new RaceDatabases(ConfigDefaults.with(Map.of("playground.backends.postgresql.jdbc-url",
                "jdbc:postgresql://127.0.0.1:5432/test")).getConfigMapping(PostgresqlBackendConfig.class));
        ExperimentRequestValidator withPostgresql = new ExperimentRequestValidator(catalog, limits, new TrialCosts(),
                RUNNER, new StrategyAvailability(true, postgresql), postgresql);
        List<String> onThreads = catalog.all().stream()
                .filter(s -> s.runsIn(dev.concurrency.playground.strategy.WorkerKind.PLATFORM)).map(s -> s.id()).toList();
        assertEquals(everyId.size() - 2, onThreads.size());
        withPostgresql.validate(new ExperimentRequest(null, onThreads, List.of(1), null, 1L, null, 1, 0, null, null,
                Database.POSTGRESQL));
        List<String> oneTooMany = new ArrayList<>(everyId);
        oneTooMany.add(everyId.getFirst());
        assertViolation(request(null, oneTooMany, List.of(1), null, null, null, null, null),
                "strategies", "between 1 and " + everyId.size() + " strategy ids");
        assertViolation(request(null, List.of(), List.of(1), null, null, null, null, null), "strategies", "it lists 0");
        List<Integer> counts = IntStream.rangeClosed(1, FixedLimits.MAX_THREAD_COUNTS).boxed().toList();
        validator.validate(request(null, List.of(someId), counts, null, 1L, null, 1, 0));
        List<Integer> tooManyCounts = IntStream.rangeClosed(1, FixedLimits.MAX_THREAD_COUNTS + 1).boxed().toList();
        assertViolation(request(null, List.of(someId), tooManyCounts, null, null, null, null, null),
                "threadCounts", "between 1 and " + FixedLimits.MAX_THREAD_COUNTS + " thread counts; it lists " + tooManyCounts.size());
        assertViolation(request(null, List.of(someId), List.of(), null, null, null, null, null), "threadCounts", "it lists 0");
        assertViolation(request(null, null, List.of(1), null, null, null, null, null), "strategies", "is required");
        assertViolation(request(null, List.of(someId), null, null, null, null, null, null), "threadCounts", "is required");
    }

    @Test
    void unknownAndRepeatedStrategiesAreNamedAndTheValidIdsListedOnce() {
        List<Violation> all = violations(request(null, List.of("nope", someId, "nada", someId), List.of(1), null, null, null, null, null));
        assertEquals(3, all.size(), all.toString());
        assertEquals("strategies[0]", all.get(0).field());
        assertTrue(all.get(0).message().contains("'nope'") && all.get(0).message().contains(String.join(", ", catalog.ids())),
                all.get(0).message());
        assertEquals("strategies[2]", all.get(1).field());
        assertEquals("is not a known strategy: 'nada'", all.get(1).message(), "the valid ids are listed only once");
        assertEquals("strategies", all.get(2).field());
        assertTrue(all.get(2).message().startsWith("lists '" + someId + "' more than once"), all.get(2).message());
        assertViolation(request(null, Collections.singletonList(null), List.of(1), null, null, null, null, null),
                "strategies[0]", "not null");
    }

    @Test
    void fixedWorkAndFixedTimeExcludeEachOther() {
        assertViolation(request(null, List.of(someId), List.of(1), null, 10L, 10L, null, null),
                "durationMillis", "cannot be combined with incrementsPerThread");
        ExperimentSpec timed = validator.validate(request(null, List.of(someId), List.of(1), null, null, 10L, null, null));
        assertEquals(10L, timed.durationMillis());
        assertNull(timed.incrementsPerThread());
    }

    /** The limits as the real mapping reads them with these properties set. */
    private static LimitsConfig limitsWith(Map<String, String> properties) {
        return ConfigDefaults.with(properties).getConfigMapping(LimitsConfig.class);
    }

    @Test
    void theRunLimitComesFromTheConfiguration() {
        int maxRuns = 3;
        ExperimentRequestValidator strict = new ExperimentRequestValidator(catalog,
                limitsWith(Map.of("playground.limits.max-runs", Integer.toString(maxRuns))), new TrialCosts(), RUNNER);
        List<String> two = catalog.ids().subList(0, 2);
        strict.validate(request(null, List.of(someId), List.of(1, 2, 3), null, 1L, null, 1, 0));
        ProblemException e = assertThrows(ProblemException.class,
                () -> strict.validate(request(null, two, List.of(1, 2), null, 1L, null, 1, 0)));
        Violation v = e.toProblem(null).violations().getFirst();
        assertEquals("threadCounts", v.field());
        assertTrue(v.message().startsWith("with 2 strategies makes 4 runs, more than the 3"), v.message());
    }

    @Test
    void totalIncrementsAreCountedOverEveryRunAndTrialWarmUpsIncluded() {
        List<String> two = catalog.ids().subList(0, 2);
        // 2 strategies x (1 + 3 threads) x (2 trials + 1 warm-up) x n increments, computed here independently,
        // against a limit that this request meets exactly.
        long n = 1000;
        ExperimentRequest atTheLimit = request(null, two, List.of(1, 3), null, n, null, 2, 1);
        ExperimentRequestValidator roomy = new ExperimentRequestValidator(catalog, limitsWith(Map.of(
                "playground.limits.max-total-increments", Long.toString(2L * 4 * 3 * n))), new TrialCosts(), RUNNER);
        roomy.validate(atTheLimit);
        ProblemException e = assertThrows(ProblemException.class,
                () -> roomy.validate(request(null, two, List.of(1, 3), null, n + 1, null, 2, 1)));
        Violation v = e.toProblem(null).violations().getFirst();
        assertEquals("incrementsPerThread", v.field());
        assertTrue(v.message().startsWith("makes the experiment perform " + (2L * 4 * 3 * (n + 1)) + " increments"), v.message());
    }

    @Test
    void theWallTimeEstimateRefusesWhatCouldNotFinish() {
        // Fixed time: 2 strategies x 2 thread counts x (trials + warm-ups) x duration, beyond the configured wall time.
        long wallSeconds = limits.maxExperimentWallTime().toSeconds();
        long durationMillis = limits.maxDurationMillis();
        int trials = (int) Math.min(limits.maxTrials(), wallSeconds * 1000 / (4 * durationMillis) + 1);
        List<Violation> all = violations(request(null, catalog.ids().subList(0, 2), List.of(1, 2), null, null,
                durationMillis, trials, 0));
        assertEquals("durationMillis", all.getFirst().field());
        assertTrue(all.getFirst().message().contains("longer than the " + wallSeconds + " s allowed"), all.getFirst().message());
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\ud800b", "tab\there", "nul\u0000", "bidi\u202Eevil", "non\uFFFEchar", "non\uFDD0char",
            "lrm\u200E", "isolate\u2066x"})
    void namesThatBreakConsumersAreRefusedWithTheirPosition(String name) {
        Violation v = only(request(name, List.of(someId), List.of(1), null, null, null, null, null));
        assertEquals("name", v.field());
        int position = name.codePoints().takeWhile(c -> Character.isLetter(c) || c == ' ').toArray().length + 1;
        assertTrue(v.message().contains("at character " + position), v.message());
    }

    @Test
    void aRefusedNameSaysWhatTheCharacterIs() {
        assertNameRefusal("a\ud800", "contains an unpaired surrogate (U+D800), which is not well-formed Unicode at character 2");
        assertNameRefusal("\u007f", "contains a control character (U+007F) at character 1");
        assertNameRefusal("x\u202A", "contains a bidirectional formatting character (U+202A) at character 2");
        assertNameRefusal("\uFDEF", "contains a noncharacter (U+FDEF) at character 1");
        assertNameRefusal("\uD83F\uDFFF", "contains a noncharacter (U+1FFFF) at character 1");
    }

    @ParameterizedTest
    @ValueSource(ints = {0x061C, 0x200E, 0x200F, 0x202A, 0x202E, 0x2066, 0x2069, 0xFDD0, 0xFDEF, 0xFFFE, 0xFFFF})
    void everyCharacterAtTheEdgeOfARefusedRangeIsRefused(int codePoint) {
        assertEquals("name", only(request("x" + Character.toString(codePoint), List.of(someId), List.of(1), null, null,
                null, null, null)).field());
    }

    @ParameterizedTest
    @ValueSource(ints = {0x061B, 0x200D, 0x2029, 0x202F, 0x2065, 0x206A, 0xFDCF, 0xFDF0, 0xFFFD, 0x1F600, 0xA0, 0xE9})
    void theirNeighboursArePrintableTextAndAccepted(int codePoint) {
        validator.validate(request("x" + Character.toString(codePoint), List.of(someId), List.of(1), null, null, null,
                null, null));
    }

    private void assertNameRefusal(String name, String message) {
        Violation v = only(request(name, List.of(someId), List.of(1), null, null, null, null, null));
        assertEquals("name", v.field());
        assertEquals(message + "; use printable text only", v.message());
    }

    @Test
    void aNameIsMeasuredInCharactersNotUtf16Units() {
        String emoji = "\uD83D\uDE00";
        validator.validate(request(emoji.repeat(FixedLimits.MAX_NAME_LENGTH), List.of(someId), List.of(1), null, null, null, null, null));
        Violation v = only(request(emoji.repeat(FixedLimits.MAX_NAME_LENGTH + 1), List.of(someId), List.of(1), null, null, null, null, null));
        assertEquals("must be at most " + FixedLimits.MAX_NAME_LENGTH + " characters long; it has " + (FixedLimits.MAX_NAME_LENGTH + 1),
                v.message());
    }

    @Test
    void aHostileListYieldsABoundedProblemThatCountsTheRest() {
        int bad = catalog.ids().size();
        List<Integer> counts = IntStream.range(0, FixedLimits.MAX_THREAD_COUNTS).mapToObj(i -> -i).toList();
        List<String> unknown = IntStream.range(0, bad).mapToObj(i -> "x" + i).toList();
        ExperimentRequest request = request("\u0001", unknown, counts, null, 0L, 0L, 0, -1);
        ProblemException e = assertThrows(ProblemException.class, () -> validator.validate(request));
        Problem problem = e.toProblem(null);
        // name + each unknown id + each thread count + four ranges + the mode conflict, counted independently.
        int total = 1 + bad + FixedLimits.MAX_THREAD_COUNTS + 4 + 1;
        assertEquals(FixedLimits.MAX_LISTED_VIOLATIONS, problem.violations().size());
        assertTrue(problem.detail().startsWith("The request has " + total + " problems; the first "
                + FixedLimits.MAX_LISTED_VIOLATIONS + " ("), problem.detail());
        assertTrue(problem.detail().endsWith(", " + (total - FixedLimits.MAX_LISTED_VIOLATIONS) + " more are not."), problem.detail());
    }

    @Test
    void severalProblemsWithinTheListedLimitAreAllListed() {
        List<Violation> all = violations(request(null, List.of(someId), List.of(1), null, null, null, 0, -1));
        assertEquals(List.of("trials", "warmupTrials"), all.stream().map(Violation::field).toList());
        ProblemException e = assertThrows(ProblemException.class,
                () -> validator.validate(request(null, List.of(someId), List.of(1), null, null, null, 0, -1)));
        assertEquals("The request has 2 problems (trials, warmupTrials); see violations.", e.toProblem(null).detail());
        assertEquals("The request is invalid: trials must be at least 1.",
                assertThrows(ProblemException.class, () -> validator.validate(
                        request(null, List.of(someId), List.of(1), null, null, null, 0, null))).toProblem(null).detail());
    }

    private void assertViolation(ExperimentRequest request, String field, String fragment) {
        Violation v = only(request);
        assertEquals(field, v.field());
        assertTrue(v.message().contains(fragment), v.message() + " should contain: " + fragment);
    }

}
