package dev.concurrency.playground.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.concurrency.playground.engine.ThreadType;
import dev.concurrency.playground.experiment.Environment;
import dev.concurrency.playground.experiment.Experiment;
import dev.concurrency.playground.experiment.ExperimentSpec;
import dev.concurrency.playground.experiment.ExperimentStatus;
import dev.concurrency.playground.experiment.IdempotencyKey;
import dev.concurrency.playground.experiment.Instance;
import dev.concurrency.playground.experiment.Progress;
import dev.concurrency.playground.experiment.RunResult;
import dev.concurrency.playground.experiment.analysis.MinMeanMax;
import dev.concurrency.playground.experiment.analysis.RunSummary;
import dev.concurrency.playground.experiment.analysis.SampleStatistics;
import dev.concurrency.playground.experiment.analysis.TrialResult;
import dev.concurrency.playground.experiment.analysis.Verdict;
import dev.concurrency.playground.store.ExperimentStore.Admission;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What every {@link ExperimentStore} does, whatever keeps the experiments: a store's test extends
 * this class and says how to make an empty store. Listing is the part a durable store writes in its
 * own terms (SQL), so much of it is here: the order, each filter alone and together, and cursors that
 * hold while experiments come and go. The rest pins down what the interface's Javadoc promises: documents
 * that read back equal, the queue (admission, capacity, claims, exactly once under concurrency), stop
 * requests, heartbeats and orphans, leases and retention. The key rules are {@link IdempotencyKeysContract}.
 */
public abstract class ExperimentStoreContract {

    /**
     * A store with nothing in it, keeping everything the tests insert (they insert fewer than 1000
     * experiments and keys), whose keys expire {@link #KEY_RETENTION} after {@code clock}'s time of binding.
     */
    protected abstract ExperimentStore emptyStore(InstantSource clock);

    /** An empty store on this test's {@link #clock}. */
    protected ExperimentStore emptyStore() {
        return emptyStore(clock);
    }

    static final Duration KEY_RETENTION = Duration.ofHours(24);
    static final int MAX_KEYS = 1000;
    static final Instant T0 = Instant.parse("2025-06-01T12:00:00Z");

    /** The store's time (key expiry, what a running experiment has left); starts at {@link #T0}. */
    protected final MovableClock clock = new MovableClock(T0);

    protected ExperimentStore store;

    @BeforeEach
    void startEmpty() {
        store = emptyStore();
    }

    static ExperimentSpec spec(String name, String... strategies) {
        return new ExperimentSpec(name, List.of(strategies), List.of(2), ThreadType.PLATFORM, null, 10L, 1, 0);
    }

    /** Submitted {@code second} seconds after {@link #T0}. */
    static Experiment queued(String id, long second, String name, String... strategies) {
        return Experiment.queued(id, spec(name, strategies.length == 0 ? new String[] {"atomic"} : strategies),
                T0.plusSeconds(second));
    }

    static Experiment completed(Experiment experiment) {
        return experiment.finished(ExperimentStatus.COMPLETED, experiment.submittedAt().plusSeconds(1), null);
    }

    /** An environment naming the instance {@code instanceId} runs in. */
    static Environment environment(String instanceId) {
        return new Environment("21.0.5", "Eclipse Adoptium", "OpenJDK 64-Bit Server VM", "Eclipse Adoptium",
                "21.0.5+11-LTS", List.of("-Xmx512m", "-XX:+UseG1GC"), List.of("G1 Young Generation", "G1 Old Generation"),
                8, "Test CPU", "Linux", "6.1.0", "amd64", "0.1.0-SNAPSHOT", "3.33.2", instanceId,
                instanceId == null ? null : "host-" + instanceId);
    }

    /** Starts a claimed experiment on {@code instanceId} at the clock's time, as a runner does. */
    UnaryOperator<Experiment> startOn(String instanceId) {
        return e -> e.started(clock.instant(), environment(instanceId));
    }

    /** Inserted and started on {@code instanceId} at the clock's time. */
    Experiment running(String id, long second, String instanceId) {
        store.insert(queued(id, second, null));
        return store.update(id, startOn(instanceId)).orElseThrow();
    }

    static List<String> ids(Page page) {
        return page.items().stream().map(Experiment::id).toList();
    }

    static List<String> ids(List<Experiment> experiments) {
        return experiments.stream().map(Experiment::id).toList();
    }

    /** Every id of the listing, page by page, with {@code between} run after each page. */
    List<List<String>> walk(ListQuery first, Runnable between) {
        List<List<String>> pages = new ArrayList<>();
        ListQuery query = first;
        while (true) {
            Page page = store.list(query);
            pages.add(ids(page));
            between.run();
            if (page.next().isEmpty()) {
                return pages;
            }
            query = query.withCursor(page.next().orElseThrow());
            assertTrue(pages.size() < 100, "the walk ends");
        }
    }

    @Test
    void findsUpdatesAndDeletesOnlyWhatIsStored() {
        store.insert(queued("a", 0, null));
        Experiment started = store.update("a", e -> e.started(T0, null)).orElseThrow();
        assertEquals(ExperimentStatus.RUNNING, started.status());
        assertEquals(started, store.find("a").orElseThrow());
        assertTrue(store.update("nope", e -> e.started(T0, null)).isEmpty());
        assertTrue(store.find("nope").isEmpty());
        assertTrue(store.delete("a"));
        assertFalse(store.delete("a"), "already gone");
        assertTrue(store.find("a").isEmpty());
        assertEquals(List.of(), ids(store.list(ListQuery.all(10))));
    }

    @Test
    void listsNewestFirstBySubmissionTimeThenId() {
        // Inserted out of order: the order is the submission time's, not the insertion's.
        store.insert(queued("b", 2, null));
        store.insert(queued("a", 3, null));
        store.insert(queued("z", 1, null));
        // Same instant: the larger id first.
        store.insert(queued("c", 2, null));
        assertEquals(List.of("a", "c", "b", "z"), ids(store.list(ListQuery.all(10))));
        store.update("z", ExperimentStoreContract::completed);
        assertEquals(List.of("a", "c", "b", "z"), ids(store.list(ListQuery.all(10))), "an update keeps the place");
    }

    @Test
    void idsOfOneInstantAreOrderedByCodeUnitNotByLocale() {
        // A locale's collation would put "a" before "B" and ignore "_"; Java's String order does not.
        for (String id : List.of("a", "B", "b", "_", "0", "Z", "a-1", "a_1")) {
            store.insert(queued(id, 1, null));
        }
        List<String> expected = List.of("b", "a_1", "a-1", "a", "_", "Z", "B", "0");
        assertEquals(expected, ids(store.list(ListQuery.all(10))));
        assertEquals(List.of(expected.subList(0, 3), expected.subList(3, 6), expected.subList(6, 8)),
                walk(ListQuery.all(3), () -> { }), "and cursors resume in that order");
    }

    @Test
    void filtersByStatusesAnyOfThem() {
        store.insert(completed(queued("a", 1, null)));
        store.insert(queued("b", 2, null));
        store.insert(completed(queued("c", 3, null)));
        store.insert(queued("d", 4, null));
        store.update("d", e -> e.started(T0, null));
        assertEquals(List.of("c", "a"), ids(store.list(ListQuery.all(10).withStatuses(Set.of(ExperimentStatus.COMPLETED)))));
        assertEquals(List.of("d", "b"), ids(store.list(ListQuery.all(10)
                .withStatuses(Set.of(ExperimentStatus.QUEUED, ExperimentStatus.RUNNING)))));
        assertEquals(List.of(), ids(store.list(ListQuery.all(10).withStatuses(Set.of(ExperimentStatus.FAILED)))));
        assertEquals(List.of("d", "c", "b", "a"), ids(store.list(ListQuery.all(10).withStatuses(Set.of()))),
                "no statuses: all");
    }

    @Test
    void filtersByStrategiesTheSpecLists() {
        store.insert(queued("a", 1, null, "atomic"));
        store.insert(queued("b", 2, null, "synchronized", "long-adder"));
        store.insert(queued("c", 3, null, "long-adder", "atomic"));
        store.insert(queued("d", 4, null, "volatile"));
        assertEquals(List.of("c", "a"), ids(store.list(ListQuery.all(10).withStrategies(Set.of("atomic")))));
        assertEquals(List.of("c", "b"), ids(store.list(ListQuery.all(10).withStrategies(Set.of("long-adder")))));
        assertEquals(List.of("d", "c", "a"),
                ids(store.list(ListQuery.all(10).withStrategies(Set.of("atomic", "volatile")))), "any of them");
        assertEquals(List.of(), ids(store.list(ListQuery.all(10).withStrategies(Set.of("cas-loop")))));
        assertEquals(List.of(), ids(store.list(ListQuery.all(10).withStrategies(Set.of("atom")))),
                "whole ids, not prefixes");
    }

    @Test
    void filtersByNameContainingTheTextInAnyCase() {
        store.insert(queued("a", 1, "Locks vs atomics"));
        store.insert(queued("b", 2, "LOCKS ONLY"));
        store.insert(queued("c", 3, null));
        store.insert(queued("d", 4, "100% of 5_cores"));
        store.insert(queued("e", 5, "Ärger mit Zählern"));
        assertEquals(List.of("b", "a"), ids(store.list(ListQuery.all(10).withNameContaining("locks"))));
        assertEquals(List.of("a"), ids(store.list(ListQuery.all(10).withNameContaining("S VS A"))));
        assertEquals(List.of("e"), ids(store.list(ListQuery.all(10).withNameContaining("ZÄHL"))), "beyond ASCII");
        // SQL's LIKE wildcards are text like any other here.
        assertEquals(List.of("d"), ids(store.list(ListQuery.all(10).withNameContaining("0%"))));
        assertEquals(List.of("d"), ids(store.list(ListQuery.all(10).withNameContaining("5_c"))));
        assertEquals(List.of(), ids(store.list(ListQuery.all(10).withNameContaining("_x"))));
        assertEquals(List.of("d"), ids(store.list(ListQuery.all(10).withNameContaining("%"))), "a % matches only a %");
        assertEquals(List.of("e", "d", "c", "b", "a"), ids(store.list(ListQuery.all(10).withNameContaining(""))),
                "empty: no filter, unnamed ones included");
    }

    @Test
    void filtersBySubmissionTimeWithExclusiveBounds() {
        for (int second = 1; second <= 5; second++) {
            store.insert(queued("s" + second, second, null));
        }
        assertEquals(List.of("s5", "s4"),
                ids(store.list(ListQuery.all(10).withSubmittedBetween(T0.plusSeconds(3), null))));
        assertEquals(List.of("s2", "s1"),
                ids(store.list(ListQuery.all(10).withSubmittedBetween(null, T0.plusSeconds(3)))));
        assertEquals(List.of("s3"),
                ids(store.list(ListQuery.all(10).withSubmittedBetween(T0.plusSeconds(2), T0.plusSeconds(4)))));
        assertEquals(List.of("s3"), ids(store.list(ListQuery.all(10)
                .withSubmittedBetween(T0.plusSeconds(3).minusNanos(1), T0.plusSeconds(3).plusNanos(1)))),
                "to the nanosecond");
        assertEquals(List.of(), ids(store.list(ListQuery.all(10).withSubmittedBetween(T0.plusSeconds(5), null))));
    }

    @Test
    void boundsBeyondWhatAnyStoreCanHoldStillCompare() {
        // The API takes any ISO-8601 instant, and a retention or a lease may reach far: a store keeping
        // times in a narrower range (epoch nanoseconds: 1677 to 2262) must still compare with such bounds.
        store.insert(queued("a", 1, null));
        store.insert(completed(queued("b", 2, null)));
        Instant year1000 = Instant.parse("1000-01-01T00:00:00Z");
        Instant year2999 = Instant.parse("2999-01-01T00:00:00Z");
        assertEquals(List.of("b", "a"), ids(store.list(ListQuery.all(10).withSubmittedBetween(year1000, year2999))));
        assertEquals(List.of("b", "a"), ids(store.list(ListQuery.all(10).withSubmittedBetween(Instant.MIN, Instant.MAX))));
        assertEquals(List.of(), ids(store.list(ListQuery.all(10).withSubmittedBetween(year2999, null))));
        assertEquals(List.of(), ids(store.list(ListQuery.all(10).withSubmittedBetween(null, year1000))));
        assertEquals(List.of(List.of("b"), List.of("a")),
                walk(ListQuery.all(1).withSubmittedBetween(year1000, year2999), () -> { }), "with cursors too");

        store.heartbeat(new Instance("i1", "h1"), T0);
        assertEquals(1, store.liveInstances(year1000));
        assertEquals(0, store.liveInstances(year2999));
        Experiment running = running("r", 3, "i1");
        assertEquals(List.of(), store.endOrphans(year1000, e -> fail("i1 is alive")));
        assertEquals(List.of("r"), ids(store.endOrphans(year2999, e -> e.finished(ExperimentStatus.FAILED, T0, "gone"))));
        assertEquals(running.finished(ExperimentStatus.FAILED, T0, "gone"), store.find("r").orElseThrow());

        assertTrue(store.tryLease("long", "a", T0, Duration.ofDays(365L * 1000)));
        assertFalse(store.tryLease("long", "b", T0.plus(Duration.ofDays(365L * 100)), Duration.ofSeconds(1)),
                "held for a thousand years");

        assertEquals(0, store.deleteFinished(year1000, OptionalInt.empty()));
        assertEquals(2, store.deleteFinished(year2999, OptionalInt.empty()));
        assertEquals(List.of("a"), ids(store.list(ListQuery.all(10))));
    }

    @Test
    void filtersCombine() {
        store.insert(completed(queued("a", 1, "locks", "atomic")));
        store.insert(completed(queued("b", 2, "locks", "volatile")));
        store.insert(queued("c", 3, "locks", "atomic"));
        store.insert(completed(queued("d", 4, "atomics", "atomic")));
        store.insert(completed(queued("e", 5, "locks again", "atomic")));
        ListQuery query = ListQuery.all(10).withStatuses(Set.of(ExperimentStatus.COMPLETED))
                .withStrategies(Set.of("atomic")).withNameContaining("LOCK")
                .withSubmittedBetween(T0, T0.plusSeconds(5));
        assertEquals(List.of("a"), ids(store.list(query)));
        assertEquals(List.of("e", "a"), ids(store.list(query.withSubmittedBetween(null, null))));
    }

    @Test
    void theLimitCutsPagesAndTheLastHasNoNext() {
        for (int second = 1; second <= 5; second++) {
            store.insert(queued("s" + second, second, null));
        }
        assertEquals(List.of(List.of("s5", "s4"), List.of("s3", "s2"), List.of("s1")),
                walk(ListQuery.all(2), () -> { }));
        assertEquals(List.of(List.of("s5", "s4", "s3", "s2", "s1")), walk(ListQuery.all(5), () -> { }),
                "exactly the limit left: no next page to fetch empty");
        assertEquals(List.of(List.of("s5", "s4", "s3", "s2", "s1")), walk(ListQuery.all(100), () -> { }));
        assertEquals(List.of(List.of("s5"), List.of("s4"), List.of("s3"), List.of("s2"), List.of("s1")),
                walk(ListQuery.all(1), () -> { }));
        Page none = store.list(ListQuery.all(0));
        assertEquals(List.of(), ids(none));
        assertEquals(Optional.empty(), none.next());
        assertEquals(Optional.empty(), emptyStore().list(ListQuery.all(10)).next(), "an empty store: one empty page");
    }

    @Test
    void pagesAfterACursorFilterLikeTheFirst() {
        for (int second = 1; second <= 8; second++) {
            store.insert(second % 2 == 0 ? completed(queued("s" + second, second, null)) : queued("s" + second, second, null));
        }
        assertEquals(List.of(List.of("s8", "s6"), List.of("s4", "s2")),
                walk(ListQuery.all(2).withStatuses(Set.of(ExperimentStatus.COMPLETED)), () -> { }));
    }

    @Test
    void experimentsSubmittedDuringAWalkNeitherShiftNorRepeatIt() {
        for (int second = 1; second <= 6; second++) {
            store.insert(queued("s" + second, second, null));
        }
        int[] newer = {100};
        // After each page, an experiment newer than all: an offset would shift every later page by one.
        List<List<String>> pages = walk(ListQuery.all(2), () -> store.insert(queued("n" + newer[0], newer[0]++, null)));
        assertEquals(List.of(List.of("s6", "s5"), List.of("s4", "s3"), List.of("s2", "s1")), pages);
        assertEquals(List.of("n102", "n101", "n100", "s6"), ids(store.list(ListQuery.all(4))),
                "the newcomers are there for the next walk");
    }

    @Test
    void anExperimentSharingTheLastInstantIsNotSkipped() {
        store.insert(queued("a", 1, null));
        store.insert(queued("b", 1, null));
        store.insert(queued("c", 1, null));
        assertEquals(List.of(List.of("c", "b"), List.of("a")), walk(ListQuery.all(2), () -> { }));
    }

    @Test
    void anExperimentDeletedDuringAWalkJustDisappears() {
        for (int second = 1; second <= 6; second++) {
            store.insert(queued("s" + second, second, null));
        }
        Page first = store.list(ListQuery.all(2));
        assertEquals(List.of("s6", "s5"), ids(first));
        store.delete("s5"); // the last one seen: the cursor still knows where it was
        store.delete("s3");
        Page second = store.list(ListQuery.all(2).withCursor(first.next().orElseThrow()));
        assertEquals(List.of("s4", "s2"), ids(second));
        assertEquals(List.of("s1"), ids(store.list(ListQuery.all(2).withCursor(second.next().orElseThrow()))));
    }

    @Test
    void aCursorHoldsWithAnotherLimitButNotWithOtherFilters() {
        for (int second = 1; second <= 5; second++) {
            store.insert(completed(queued("s" + second, second, "run " + second)));
        }
        ListQuery query = ListQuery.all(2).withStatuses(Set.of(ExperimentStatus.COMPLETED)).withNameContaining("Run");
        String cursor = store.list(query).next().orElseThrow();
        assertEquals(List.of("s3", "s2", "s1"), ids(store.list(query.withLimit(10).withCursor(cursor))));
        // The same filters written differently are the same listing.
        assertEquals(List.of("s3", "s2"), ids(store.list(query.withNameContaining("RUN").withCursor(cursor))));
        for (ListQuery other : List.of(ListQuery.all(2), query.withStatuses(Set.of()), query.withNameContaining("run 1"),
                query.withStrategies(Set.of("atomic")), query.withSubmittedBetween(T0, null),
                query.withSubmittedBetween(null, T0.plusSeconds(9)))) {
            assertThrows(InvalidCursorException.class, () -> store.list(other.withCursor(cursor)), other.toString());
        }
    }

    @Test
    void aMalformedCursorIsRefused() {
        store.insert(queued("a", 1, null));
        for (String cursor : List.of("x", "not base64 !", "%%%", base64("1|1|0|0000000000000000|a"),
                base64("2|1|0|" + digestOfAll() + "|a"), base64("1|one|0|" + digestOfAll() + "|a"),
                base64("1|1|0|" + digestOfAll() + "|"), base64("1|1|0"), "A".repeat(Cursors.MAX_LENGTH + 1))) {
            assertThrows(InvalidCursorException.class, () -> store.list(ListQuery.all(2).withCursor(cursor)), cursor);
        }
    }

    /** The filter digest of an unfiltered listing, read from a cursor the store issued. */
    private String digestOfAll() {
        store.insert(queued("zz", 0, null));
        String issued = store.list(ListQuery.all(1)).next().orElseThrow();
        store.delete("zz");
        return new String(Base64.getUrlDecoder().decode(issued), StandardCharsets.UTF_8).split("\\|")[3];
    }

    private static String base64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    // ---------------------------------------------------------------------------------------------
    // Documents: what is written reads back equal, however odd its values.

    /** Unicode beyond the BMP, quotes of both kinds, a backslash and LIKE's wildcards: within 100 characters. */
    static final String ODD_NAME = "Zähler \"quoted\" 'single' \\ back 😀 Ω 日本語 — 100%_!";

    /** Doubles that a text format gets wrong unless it writes the shortest exact representation. */
    static final double[] ODD_DOUBLES = {0.1 + 0.2, 1e-300, Double.MIN_VALUE, Double.MAX_VALUE, -0.0, 1.0 / 3,
        Math.PI * 1e15, Double.MIN_NORMAL, 123456789.98765433, -2.5e-8};

    static TrialResult trial(int number, double odd, Double parallelism, Long casFailures) {
        return new TrialResult(number, Long.MAX_VALUE - number, Long.MAX_VALUE - 3 * number, 2L * number,
                1_234_567_891L + number, odd, number % 2 == 0 ? null : 1 / odd, Math.nextUp(odd), -1L, Long.MAX_VALUE,
                parallelism, casFailures, number % 2 == 0 ? null : Math.nextDown(odd), number % 2 == 0 ? null : odd,
                number % 2 == 0 ? null : 1.0 / 3);
    }

    static RunResult run(String strategy, int threads, ThreadType type, double a, double b) {
        List<TrialResult> trials = List.of(trial(1, a, type == ThreadType.VIRTUAL ? null : b, 17L),
                trial(2, b, type == ThreadType.VIRTUAL ? null : a, null));
        RunSummary summary = new RunSummary(2, 1, new MinMeanMax(a, (a + b) / 2, b), new MinMeanMax(-0.0, 1e-300, 0.1 + 0.2),
                new SampleStatistics(2, a, b, Math.min(a, b), (a + b) / 2, Math.nextDown(b), Math.max(a, b), 1e-300,
                        List.of(a - 1e-300, b + Double.MIN_VALUE)),
                new SampleStatistics(1, b, null, b, b, b, b, null, null), new MinMeanMax(0.1 + 0.2, 0.1 + 0.2, 0.1 + 0.2),
                type == ThreadType.VIRTUAL ? null : new MinMeanMax(1.0 / 3, 2.0 / 3, 1.0),
                new MinMeanMax(Double.MIN_VALUE, 1e-300, 0.1 + 0.2), new MinMeanMax(0.1 + 0.2, 1.0 / 3, 1.0), null);
        return new RunResult(strategy, threads, type, !"unsynchronized".equals(strategy), threads > 8,
                Verdict.values()[threads % Verdict.values().length], "\"because\" — it's 100% ✓\nsecond line\ttab",
                trials, summary);
    }

    /**
     * Every field set, and the nullable figures null here and there: runs with trials and summaries, an
     * environment with instance and host, a status reason, odd doubles, instants to the nanosecond, a name
     * in several scripts with quotes and an emoji.
     */
    static Experiment fullyPopulated(String id) {
        ExperimentSpec spec = new ExperimentSpec(ODD_NAME, List.of("atomic", "unsynchronized", "long-adder"),
                List.of(1, 64), ThreadType.VIRTUAL, null, 250L, 2, 1);
        Instant submitted = Instant.parse("2025-06-01T12:00:00.123456789Z");
        Environment environment = new Environment("21.0.5", "Eclipse Adoptium", "OpenJDK 64-Bit Server VM",
                "Eclipse Adoptium", "21.0.5+11-LTS", List.of("-Xmx512m", "-Dquote=\"x\"", "-Dpath=C:\\tmp\\x", "-Dé=😀"),
                List.of("G1 Young Generation", "G1 Old Generation"), 64, "Intel(R) Xeon(R) CPU @ 2.20GHz", "Linux",
                "6.1.0-28-amd64", "amd64", "0.1.0-SNAPSHOT", "3.33.2", "0000aaaa", "pod-7f9c\"x\"");
        Experiment experiment = new Experiment(id, ODD_NAME, ExperimentStatus.RUNNING, submitted,
                submitted.plusNanos(1_000_000_001), null, spec, new Progress(2, 6), environment,
                List.of(run("atomic", 1, ThreadType.VIRTUAL, ODD_DOUBLES[0], ODD_DOUBLES[1]),
                        run("unsynchronized", 64, ThreadType.PLATFORM, ODD_DOUBLES[2], ODD_DOUBLES[3])),
                "requeued: \"instance 0000bbbb\" stopped");
        for (int i = 4; i < ODD_DOUBLES.length; i += 2) {
            experiment = experiment.withRun(run("long-adder", 64 + i, ThreadType.PLATFORM, ODD_DOUBLES[i], ODD_DOUBLES[i + 1]));
        }
        return experiment;
    }

    @Test
    void aFullyPopulatedExperimentReadsBackEqualAfterInsertAndUpdate() {
        Experiment written = fullyPopulated("full");
        store.insert(written);
        assertEquals(written, store.find("full").orElseThrow());
        assertEquals(List.of(written), store.list(ListQuery.all(10)).items(), "listed as written");

        Experiment finished = written.withRun(run("long-adder", 1, ThreadType.VIRTUAL, 5e-324, 0.7))
                .finished(ExperimentStatus.FAILED, Instant.parse("2025-06-01T12:00:07.000000001Z"),
                        "worker threw \"java.lang.IllegalStateException: ✗\"\n\tat x.y(Z.java:1)");
        Experiment updated = store.update("full", current -> {
            assertEquals(written, current, "the change gets the stored snapshot");
            return finished;
        }).orElseThrow();
        assertEquals(finished, updated);
        assertEquals(finished, store.find("full").orElseThrow());
        assertEquals(List.of(finished), store.list(ListQuery.all(10).withNameContaining("😀 ω")).items());
    }

    @Test
    void theOddDoublesKeepEveryBit() {
        Experiment written = fullyPopulated("full");
        store.insert(written);
        // Records compare doubles as Double.compare does (-0.0 is not 0.0); this says which one was lost.
        Experiment read = store.find("full").orElseThrow();
        for (int r = 0; r < written.runs().size(); r++) {
            for (int t = 0; t < written.runs().get(r).trials().size(); t++) {
                TrialResult expected = written.runs().get(r).trials().get(t);
                TrialResult actual = read.runs().get(r).trials().get(t);
                assertEquals(Double.doubleToRawLongBits(expected.nsPerOp()), Double.doubleToRawLongBits(actual.nsPerOp()),
                        "run " + r + " trial " + t + ": " + expected.nsPerOp() + " read as " + actual.nsPerOp());
                assertEquals(Double.doubleToRawLongBits(expected.overlap()), Double.doubleToRawLongBits(actual.overlap()));
            }
        }
        assertEquals(written, read);
    }

    @Test
    void nonFiniteDoublesReadBackToo() {
        Experiment written = fullyPopulated("full").withRun(run("atomic", 3, ThreadType.PLATFORM, Double.NaN,
                Double.POSITIVE_INFINITY)).withRun(run("atomic", 4, ThreadType.PLATFORM, Double.NEGATIVE_INFINITY, 1));
        store.insert(written);
        assertEquals(written, store.find("full").orElseThrow());
    }

    @Test
    void aQueuedAndARequeuedExperimentReadBackEqual() {
        Experiment queued = Experiment.queued("q", spec(ODD_NAME, "atomic"), T0.plusNanos(999_999_999));
        store.insert(queued);
        assertEquals(queued, store.find("q").orElseThrow());
        Experiment started = store.claimNext(startOn("i1")).orElseThrow();
        Experiment requeued = store.update("q", e -> e.requeued("instance i1 is shutting down")).orElseThrow();
        assertEquals(started.requeued("instance i1 is shutting down"), requeued);
        assertEquals(requeued, store.find("q").orElseThrow());
    }

    @Test
    void anUpdateIsListedByTheNewSnapshot() {
        store.insert(queued("a", 1, "before", "atomic"));
        store.insert(queued("b", 2, null, "synchronized"));
        // Snapshots keep their name, strategies and submission time in practice; the listing must not
        // depend on that: it filters and sorts what is stored now.
        store.update("a", e -> new Experiment(e.id(), "after", e.status(), T0.plusSeconds(3), e.startedAt(),
                e.finishedAt(), spec("after", "volatile"), e.progress(), e.environment(), e.runs(), e.statusReason()));
        assertEquals(List.of("a"), ids(store.list(ListQuery.all(10).withNameContaining("after"))));
        assertEquals(List.of(), ids(store.list(ListQuery.all(10).withNameContaining("before"))));
        assertEquals(List.of("a"), ids(store.list(ListQuery.all(10).withStrategies(Set.of("volatile")))));
        assertEquals(List.of(), ids(store.list(ListQuery.all(10).withStrategies(Set.of("atomic")))));
        assertEquals(List.of("a", "b"), ids(store.list(ListQuery.all(10))), "newest first by the new submission time");
        assertEquals(List.of("a"), ids(store.list(ListQuery.all(10).withSubmittedBetween(T0.plusSeconds(2), null))));
    }

    // ---------------------------------------------------------------------------------------------
    // update

    @Test
    void anUpdateOfAMissingExperimentIsEmptyAndCreatesNothing() {
        store.insert(queued("a", 1, null));
        AtomicInteger calls = new AtomicInteger();
        assertEquals(Optional.empty(), store.update("missing", e -> {
            calls.incrementAndGet();
            return e.started(T0, environment("i1"));
        }));
        assertEquals(0, calls.get(), "nothing to change");
        assertEquals(Optional.empty(), store.find("missing"));
        assertTrue(store.delete("a"));
        assertEquals(Optional.empty(), store.update("a", e -> e.started(T0, environment("i1"))), "deleted: gone for updates too");
        assertEquals(List.of(), ids(store.list(ListQuery.all(10))));
    }

    @Test
    void aChangeThatReturnsItsArgumentLeavesTheExperimentAsItWas() {
        // "Writes nothing" cannot be seen from outside; what can: the snapshot handed back is the one the
        // change was given, and the stored experiment is unchanged.
        Experiment full = fullyPopulated("full");
        store.insert(full);
        Experiment[] given = new Experiment[1];
        Experiment returned = store.update("full", e -> given[0] = e).orElseThrow();
        assertSame(given[0], returned, "the change's own result");
        assertEquals(full, returned);
        assertEquals(full, store.find("full").orElseThrow());
    }

    @Test
    void updatesOfOneExperimentFromManyThreadsApplyOneAfterTheOther() throws Exception {
        running("r", 0, "i1");
        int threads = 8;
        int perThread = 10;
        runConcurrently(threads, thread -> {
            for (int i = 0; i < perThread; i++) {
                // A run of its own each time (thread counts differ): a run stored again would replace itself.
                RunResult tiny = run("atomic", 1 + thread * perThread + i, ThreadType.PLATFORM, 1.0, 2.0);
                store.update("r", e -> e.withRun(tiny));
            }
        });
        assertEquals(threads * perThread, store.find("r").orElseThrow().runs().size(),
                "every read-modify-write saw the one before it: none lost");
    }

    // ---------------------------------------------------------------------------------------------
    // admit: capacity, keys, Retry-After

    @Test
    void theCapacityCountsQueuedExperimentsOnly() {
        store.insert(completed(queued("done", 0, null)));
        running("r1", 0, "i1");
        running("r2", 0, "i2");
        assertInstanceOf(Admission.Admitted.class, store.admit(queued("q1", 1, null), 1, 2, null, null));
        assertInstanceOf(Admission.Admitted.class, store.admit(queued("q2", 2, null), 1, 2, null, null),
                "two running and one finished take no place in the queue");
        Admission refused = store.admit(queued("q3", 3, null), 1, 2, null, null);
        assertEquals(2, assertInstanceOf(Admission.QueueFull.class, refused).queued());
        assertEquals(Optional.empty(), store.find("q3"), "nothing stored when refused");
        assertEquals(2, store.countQueued());

        store.claimNext(startOn("i1"));
        assertInstanceOf(Admission.Admitted.class, store.admit(queued("q3", 3, null), 1, 2, null, null),
                "a claim makes room");
        assertEquals(Optional.of(ExperimentStatus.QUEUED), store.find("q3").map(Experiment::status));
        assertEquals(2, queuedOf(store.admit(queued("q4", 4, null), 1, 2, null, null)));
        assertEquals(2, queuedOf(store.admit(queued("q4", 4, null), 1, 1, null, null)), "a lower capacity: full too");
        assertInstanceOf(Admission.Admitted.class, store.admit(queued("q4", 4, null), 1, 3, null, null));
        assertEquals(3, store.countQueued());
    }

    /**
     * The queue's length is kept as a count beside the queue (admissions read it instead of counting), so
     * every change that enters or leaves QUEUED must keep it: after each step of a random history it equals
     * the QUEUED experiments that the listing finds.
     */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void theQueuedCountFollowsEveryChangeOfStatus(long seed) {
        java.util.Random random = new java.util.Random(seed);
        List<String> ids = new ArrayList<>();
        for (int step = 0; step < 120; step++) {
            String id = "e" + step;
            String any = ids.isEmpty() ? id : ids.get(random.nextInt(ids.size()));
            switch (random.nextInt(9)) {
                case 0, 1 -> {
                    store.admit(queued(id, step, null), 1, 1000, null, null);
                    ids.add(id);
                }
                case 2 -> {
                    store.insert(random.nextBoolean() ? queued(id, step, null) : completed(queued(id, step, null)));
                    ids.add(id);
                }
                case 3 -> store.claimNext(startOn(random.nextBoolean() ? "i1" : "i2"));
                case 4 -> store.update(any, e -> e.status() == ExperimentStatus.QUEUED || e.status() == ExperimentStatus.RUNNING
                        ? e.finished(ExperimentStatus.CANCELLED, clock.instant(), "cancelled") : e);
                case 5 -> store.update(any, e -> e.status() == ExperimentStatus.RUNNING ? e.requeued("shutting down") : e);
                case 6 -> store.delete(any);
                case 7 -> store.endOrphans(clock.instant().plusSeconds(1),
                        e -> e.finished(ExperimentStatus.FAILED, clock.instant(), "the instance running it stopped"));
                default -> store.update(any, e -> e); // no change at all
            }
            int listed = store.list(ListQuery.all(1000).withStatuses(Set.of(ExperimentStatus.QUEUED))).items().size();
            assertEquals(listed, store.countQueued(), "after step " + step);
            Admission full = store.admit(queued("probe", 10_000, null), 1, listed, null, null);
            assertEquals(listed, queuedOf(full), "an admission at exactly that capacity is refused, after step " + step);
        }
    }

    /** How many a refusal says are queued; fails if it is no refusal for a full queue. */
    private static int queuedOf(Admission admission) {
        return assertInstanceOf(Admission.QueueFull.class, admission).queued();
    }

    @Test
    void experimentsInsertedDirectlyCountAsQueuedToo() {
        store.insert(queued("direct", 0, null));
        assertEquals(1, queuedOf(store.admit(queued("q", 1, null), 5, 1, null, null)), "every queued one counts");
        assertEquals(1, store.countQueued());
    }

    @Test
    void aFullQueueSaysHowLongTheQueuedAndTheRestOfTheRunningExperimentsTake() {
        // Planned 30 s, started at T0: at T0 + 12 s it has 18 s to go.
        store.admit(queued("long", 0, null), 30, 10, null, null);
        store.claimNext(startOn("i1"));
        // Planned 5 s, started at T0 + 4 s: over its plan at T0 + 12 s, so nothing (not less than nothing) to go.
        clock.advance(Duration.ofSeconds(4));
        store.admit(queued("overdue", 1, null), 5, 10, null, null);
        store.claimNext(startOn("i2"));
        // Planned 7.25 s, started at T0 + 11.5 s, on another instance: 0.75 s gone at T0 + 12 s.
        clock.advance(Duration.ofMillis(7500));
        store.admit(queued("fresh", 2, null), 7.25, 10, null, null);
        store.claimNext(startOn("i3"));
        clock.advance(Duration.ofMillis(500));
        // Queued ones count whole; finished ones not at all.
        store.admit(queued("q1", 3, null), 10, 10, null, null);
        store.admit(queued("q2", 4, null), 20.5, 10, null, null);
        store.admit(queued("gone", 5, null), 1000, 10, null, null);
        store.update("gone", e -> e.finished(ExperimentStatus.CANCELLED, clock.instant(), "cancelled by request"));

        double expected = (30 - 12) + 0 + (7.25 - 0.5) + 10 + 20.5;
        Admission refused = store.admit(queued("late", 6, null), 99, 2, null, null);
        Admission.QueueFull full = assertInstanceOf(Admission.QueueFull.class, refused);
        assertEquals(2, full.queued());
        assertEquals(expected, full.plannedSeconds(), 1e-6);
        assertEquals(Optional.empty(), store.find("late"));
    }

    @Test
    void aBoundKeyIsTakenAndNothingIsStored() {
        IdempotencyKey key = new IdempotencyKey("retry-me");
        Admission first = store.admit(queued("a", 1, null), 1, 10, key, "fp-a");
        IdempotencyRecord binding = assertInstanceOf(Admission.Admitted.class, first).binding();
        assertEquals(new IdempotencyRecord(key, "fp-a", "a", T0.plus(KEY_RETENTION)), binding);
        assertEquals(Optional.of(binding), store.findByIdempotencyKey(key));

        clock.advance(Duration.ofHours(1));
        Admission second = store.admit(queued("b", 2, null), 1, 10, key, "fp-b");
        assertEquals(new Admission.KeyTaken(binding), second, "the first binding, unchanged");
        assertEquals(Optional.empty(), store.find("b"), "nothing stored");
        assertEquals(1, store.countQueued());
        assertEquals(Optional.of(binding), store.findByIdempotencyKey(key));
    }

    @Test
    void aRetryLearnsItsKeyIsTakenEvenWhenTheQueueIsFull() {
        IdempotencyKey key = new IdempotencyKey("k");
        IdempotencyRecord binding = ((Admission.Admitted) store.admit(queued("a", 1, null), 1, 1, key, "fp")).binding();
        assertEquals(new Admission.KeyTaken(binding), store.admit(queued("b", 2, null), 1, 1, key, "fp"),
                "a retry of an admitted request gets its experiment back, not a full queue");
    }

    @Test
    void aRefusalForAFullQueueBindsNoKey() {
        store.admit(queued("a", 1, null), 1, 1, null, null);
        IdempotencyKey key = new IdempotencyKey("k");
        assertInstanceOf(Admission.QueueFull.class, store.admit(queued("b", 2, null), 1, 1, key, "fp"));
        assertEquals(Optional.empty(), store.findByIdempotencyKey(key), "the key stays free for the retry");
        assertEquals(Optional.empty(), store.find("b"));
        store.claimNext(startOn("i1"));
        Admission retried = store.admit(queued("b", 3, null), 1, 1, key, "fp");
        assertEquals("b", assertInstanceOf(Admission.Admitted.class, retried).binding().experimentId());
    }

    @Test
    void withoutAKeyTheAdmissionHasNoBindingAndAnExpiredKeyIsFreeAgain() {
        assertNull(assertInstanceOf(Admission.Admitted.class, store.admit(queued("a", 1, null), 1, 10, null, null)).binding());
        IdempotencyKey key = new IdempotencyKey("k");
        store.admit(queued("b", 2, null), 1, 10, key, "fp");
        clock.advance(KEY_RETENTION);
        Admission again = store.admit(queued("c", 3, null), 1, 10, key, "fp2");
        assertEquals(new IdempotencyRecord(key, "fp2", "c", T0.plus(KEY_RETENTION).plus(KEY_RETENTION)),
                assertInstanceOf(Admission.Admitted.class, again).binding());
    }

    // ---------------------------------------------------------------------------------------------
    // claimNext: admission order, exactly once

    @Test
    void claimsTakeExperimentsInAdmissionOrder() {
        // Submission times out of order and tied, ids in no order: only admission counts.
        store.admit(queued("m", 5, null), 1, 100, null, null);
        store.admit(queued("z", 1, null), 1, 100, null, null);
        store.insert(queued("a", 5, null));
        store.admit(queued("k", -100, null), 1, 100, null, null);
        store.admit(queued("b", 5, null), 1, 100, null, null);
        store.insert(completed(queued("done", -200, null)));
        List<String> claimed = new ArrayList<>();
        Optional<Experiment> next;
        while ((next = store.claimNext(startOn("i1"))).isPresent()) {
            claimed.add(next.get().id());
        }
        assertEquals(List.of("m", "z", "a", "k", "b"), claimed);
    }

    @Test
    void aClaimStartsTheExperimentWithTheStartFunction() {
        assertEquals(Optional.empty(), store.claimNext(e -> fail("nothing is queued")));
        store.insert(completed(queued("done", 0, null)));
        running("r", 0, "i1");
        assertEquals(Optional.empty(), store.claimNext(e -> fail("nothing is queued: " + e.id())));

        store.admit(queued("q", 1, null), 1, 10, null, null);
        clock.advance(Duration.ofSeconds(3));
        Experiment started = store.claimNext(startOn("i2")).orElseThrow();
        assertEquals(queued("q", 1, null).started(T0.plusSeconds(3), environment("i2")), started);
        assertEquals(started, store.find("q").orElseThrow());
        assertEquals(0, store.countQueued());
        assertEquals(Optional.empty(), store.claimNext(e -> fail("claimed already")));
    }

    @Test
    void aRequeuedExperimentKeepsItsPlaceInTheQueue() {
        store.admit(queued("first", 1, null), 1, 10, null, null);
        store.admit(queued("second", 0, null), 1, 10, null, null);
        assertEquals("first", store.claimNext(startOn("i1")).orElseThrow().id());
        store.admit(queued("third", 2, null), 1, 10, null, null);
        store.update("first", e -> e.requeued("instance i1 is shutting down"));
        assertEquals(List.of("first", "second", "third"),
                List.of(store.claimNext(startOn("i2")).orElseThrow().id(), store.claimNext(startOn("i2")).orElseThrow().id(),
                        store.claimNext(startOn("i2")).orElseThrow().id()));
    }

    @Test
    void theOrderSurvivesDeletionsFromTheQueue() {
        store.admit(queued("a", 1, null), 1, 10, null, null);
        store.admit(queued("b", 2, null), 1, 10, null, null);
        store.admit(queued("c", 3, null), 1, 10, null, null);
        assertTrue(store.delete("c"));
        assertTrue(store.delete("a"));
        store.admit(queued("d", 0, null), 1, 10, null, null);
        store.admit(queued("e", 0, null), 1, 10, null, null);
        assertEquals(List.of("b", "d", "e"), List.of(store.claimNext(startOn("i1")).orElseThrow().id(),
                store.claimNext(startOn("i1")).orElseThrow().id(), store.claimNext(startOn("i1")).orElseThrow().id()));
    }

    static final int CONCURRENT_QUEUED = 200;
    static final int CLAIMERS = 8;

    @Test
    void concurrentClaimersTakeEveryExperimentExactlyOnce() throws Exception {
        for (int i = 0; i < CONCURRENT_QUEUED; i++) {
            store.admit(queued(String.format("q%03d", i), i % 7, null), 1, CONCURRENT_QUEUED, null, null);
        }
        Map<String, AtomicInteger> starts = new ConcurrentHashMap<>();
        Map<String, List<String>> claimedBy = new ConcurrentHashMap<>();
        runConcurrently(CLAIMERS, thread -> {
            String instance = "claimer" + thread;
            List<String> mine = Collections.synchronizedList(new ArrayList<>());
            claimedBy.put(instance, mine);
            Optional<Experiment> claimed;
            while ((claimed = store.claimNext(e -> {
                assertEquals(ExperimentStatus.QUEUED, e.status(), "handed a queued experiment");
                starts.computeIfAbsent(e.id(), id -> new AtomicInteger()).incrementAndGet();
                return e.started(clock.instant(), environment(instance));
            })).isPresent()) {
                mine.add(claimed.get().id());
            }
        });
        List<String> all = claimedBy.values().stream().flatMap(List::stream).sorted().toList();
        List<String> expected = IntStream.range(0, CONCURRENT_QUEUED).mapToObj(i -> String.format("q%03d", i)).toList();
        assertEquals(expected, all, "each claimed once, none twice, none left");
        Map<String, Integer> startedMoreThanOnce = starts.entrySet().stream().filter(e -> e.getValue().get() != 1)
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().get()));
        assertEquals(Map.of(), startedMoreThanOnce, "the start function ran once per experiment");
        assertEquals(CONCURRENT_QUEUED, starts.size());
        assertEquals(0, store.countQueued());
        claimedBy.forEach((instance, ids) -> ids.forEach(id -> assertEquals(instance,
                store.find(id).orElseThrow().environment().instanceId(), id + " is stored as its claimer started it")));
    }

    @Test
    void claimsRacingAdmissionsLoseNothing() throws Exception {
        Set<String> claimed = ConcurrentHashMap.newKeySet();
        AtomicInteger duplicates = new AtomicInteger();
        CountDownLatch admitted = new CountDownLatch(1);
        runConcurrently(5, thread -> {
            if (thread == 0) {
                for (int i = 0; i < 100; i++) {
                    assertInstanceOf(Admission.Admitted.class,
                            store.admit(queued(String.format("q%03d", i), 0, null), 1, 1000, null, null));
                }
                admitted.countDown();
                return;
            }
            while (true) {
                boolean done = admitted.getCount() == 0;
                Optional<Experiment> next = store.claimNext(startOn("claimer" + thread));
                if (next.isPresent()) {
                    if (!claimed.add(next.get().id())) {
                        duplicates.incrementAndGet();
                    }
                } else if (done) {
                    return;
                }
            }
        });
        assertEquals(0, duplicates.get());
        assertEquals(100, claimed.size());
        assertEquals(0, store.countQueued());
    }

    @Test
    void aClaimInProgressHidesNoOtherQueuedExperiment() throws Exception {
        // More claims at once than any fixed window of candidates: while some hold their experiment (their
        // start function runs), the others must take the next ones, or wait, but never answer "nothing queued".
        int claims = 12;
        for (int i = 0; i < claims; i++) {
            store.admit(queued(String.format("q%02d", i), 0, null), 1, claims, null, null);
        }
        CountDownLatch entered = new CountDownLatch(claims);
        CountDownLatch release = new CountDownLatch(1);
        List<Optional<Experiment>> results = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(claims);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < claims; t++) {
                String instance = "claimer" + t;
                futures.add(pool.submit(() -> results.add(store.claimNext(e -> {
                    entered.countDown();
                    try {
                        release.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                    }
                    return e.started(clock.instant(), environment(instance));
                }))));
            }
            // A store that serialises claims lets one in at a time: released after a while, short of H2's lock timeout.
            entered.await(500, TimeUnit.MILLISECONDS);
            release.countDown();
            for (Future<?> future : futures) {
                future.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        List<String> claimed = results.stream().map(result -> result.map(Experiment::id).orElse("(nothing)")).sorted().toList();
        assertEquals(IntStream.range(0, claims).mapToObj(i -> String.format("q%02d", i)).toList(), claimed);
        assertEquals(0, store.countQueued());
    }

    @Test
    void concurrentAdmissionsNeverOverfillTheQueue() throws Exception {
        int capacity = 25;
        AtomicInteger admitted = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        runConcurrently(8, thread -> {
            for (int i = 0; i < 10; i++) {
                Admission admission = store.admit(queued("t" + thread + "-" + i, i, null), 1, capacity, null, null);
                if (admission instanceof Admission.Admitted) {
                    admitted.incrementAndGet();
                } else {
                    assertTrue(assertInstanceOf(Admission.QueueFull.class, admission).queued() >= capacity);
                    refused.incrementAndGet();
                }
            }
        });
        assertEquals(capacity, admitted.get());
        assertEquals(80 - capacity, refused.get());
        assertEquals(capacity, store.countQueued());
        assertEquals(capacity, store.list(ListQuery.all(100)).items().size(), "the refused ones are not stored");
    }

    @Test
    void concurrentAdmissionsWithRoomAreAllKeptInOneOrder() throws Exception {
        // Each admission's place in the queue (seq) is taken under the queue's lock: one that read the
        // queue's end before another's admission committed would take the same place and fail.
        runConcurrently(8, thread -> {
            for (int i = 0; i < 25; i++) {
                assertInstanceOf(Admission.Admitted.class,
                        store.admit(queued("t" + thread + "-" + i, i, null), 1, 1000, null, null));
            }
        });
        assertEquals(200, store.countQueued());
        List<String> claimed = new ArrayList<>();
        for (Optional<Experiment> next = store.claimNext(startOn("claimer")); next.isPresent();
                next = store.claimNext(startOn("claimer"))) {
            claimed.add(next.get().id());
        }
        assertEquals(200, new HashSet<>(claimed).size(), "each admitted experiment is claimed once");
        for (int thread = 0; thread < 8; thread++) {
            String prefix = "t" + thread + "-";
            List<String> own = claimed.stream().filter(id -> id.startsWith(prefix)).toList();
            assertEquals(IntStream.range(0, 25).mapToObj(i -> prefix + i).toList(), own,
                    "one client's admissions run in the order it made them");
        }
    }

    @Test
    void concurrentAdmissionsWithOneKeyQueueOneExperiment() throws Exception {
        IdempotencyKey key = new IdempotencyKey("same request, sent 8 times");
        Map<String, Admission> admissions = new ConcurrentHashMap<>();
        runConcurrently(8, thread -> admissions.put("t" + thread,
                store.admit(queued("t" + thread, 0, null), 1, 100, key, "fp")));
        List<IdempotencyRecord> bindings = admissions.values().stream().filter(Admission.Admitted.class::isInstance)
                .map(admission -> ((Admission.Admitted) admission).binding()).toList();
        assertEquals(1, bindings.size(), "one admitted: " + admissions);
        admissions.values().stream().filter(admission -> !(admission instanceof Admission.Admitted))
                .forEach(admission -> assertEquals(new Admission.KeyTaken(bindings.get(0)), admission));
        assertEquals(1, store.countQueued());
        assertEquals(List.of(bindings.get(0).experimentId()), ids(store.list(ListQuery.all(10))));
    }

    /** Runs {@code body(thread)} on {@code threads} threads started together; fails with the first error. */
    static void runConcurrently(int threads, ThrowingIntConsumer body) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch ready = new CountDownLatch(threads);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    body.accept(thread);
                    return null;
                }));
            }
            assertTrue(ready.await(10, TimeUnit.SECONDS));
            go.countDown();
            for (Future<?> future : futures) {
                future.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        }
    }

    @FunctionalInterface
    interface ThrowingIntConsumer {
        void accept(int value) throws Exception;
    }

    // ---------------------------------------------------------------------------------------------
    // requestStop, stopRequests

    @Test
    void stopRequestsReachTheInstanceRunningTheExperimentOnly() {
        running("r1", 1, "i1");
        running("r2", 2, "i2");
        running("r3", 3, "i1");
        store.insert(queued("q", 4, null));
        store.insert(completed(queued("f", 5, null)));
        store.requestStop("r1", "cancelled by request");
        store.requestStop("r2", "deleted on another instance");
        store.requestStop("q", "not running");
        store.requestStop("f", "not running");
        store.requestStop("missing", "not there");

        assertEquals(Map.of("r1", "cancelled by request"), store.stopRequests("i1"));
        assertEquals(Map.of("r2", "deleted on another instance"), store.stopRequests("i2"));
        assertEquals(Map.of(), store.stopRequests("i3"));
        assertEquals(Map.of("r1", "cancelled by request"), store.stopRequests("i1"), "reading does not consume");

        store.claimNext(startOn("i1"));
        assertEquals(Map.of("r1", "cancelled by request"), store.stopRequests("i1"),
                "asked while queued: no effect, so none once it runs");
        assertEquals(Optional.of(ExperimentStatus.COMPLETED), store.find("f").map(Experiment::status), "untouched");
        assertEquals(Optional.empty(), store.find("missing"));
    }

    @Test
    void aStopRequestIsClearedOnceTheExperimentNoLongerRuns() {
        running("r1", 1, "i1");
        running("r2", 2, "i1");
        store.requestStop("r1", "cancelled by request");
        store.requestStop("r2", "cancelled by request");
        store.update("r1", e -> e.finished(ExperimentStatus.CANCELLED, clock.instant(), "cancelled by request"));
        assertEquals(Map.of("r2", "cancelled by request"), store.stopRequests("i1"));

        // Requeued and run again, even by the same instance: the old request is not a request to stop the new run.
        store.update("r2", e -> e.requeued("instance i1 is shutting down"));
        assertEquals(Map.of(), store.stopRequests("i1"));
        assertEquals("r2", store.claimNext(startOn("i1")).orElseThrow().id());
        assertEquals(Map.of(), store.stopRequests("i1"));
        store.requestStop("r2", "deleted");
        assertEquals(Map.of("r2", "deleted"), store.stopRequests("i1"), "a new request after the new start counts");
    }

    @Test
    void anUpdateWhileRunningKeepsTheStopRequest() {
        running("r", 1, "i1");
        store.requestStop("r", "cancelled by request");
        store.update("r", e -> e.withRun(run("atomic", 2, ThreadType.PLATFORM, 1, 2)));
        assertEquals(Map.of("r", "cancelled by request"), store.stopRequests("i1"),
                "a run recorded meanwhile does not swallow the request");
    }

    // ---------------------------------------------------------------------------------------------
    // heartbeat, liveInstances, leave, endOrphans

    @Test
    void liveInstancesAreThoseHeardFromAfterTheBound() {
        Instance one = new Instance("i1", "h1");
        Instance two = new Instance("i2", "h2");
        Instance three = new Instance("i3", "h3");
        assertEquals(0, store.liveInstances(T0.minusSeconds(1)));
        store.heartbeat(one, T0);
        store.heartbeat(two, T0.plusSeconds(10));
        store.heartbeat(three, T0.plusSeconds(20));
        assertEquals(3, store.liveInstances(T0.minusNanos(1)));
        assertEquals(2, store.liveInstances(T0), "after, not at");
        assertEquals(1, store.liveInstances(T0.plusSeconds(10)));
        assertEquals(0, store.liveInstances(T0.plusSeconds(20)));

        store.heartbeat(one, T0.plusSeconds(30));
        assertEquals(1, store.liveInstances(T0.plusSeconds(25)), "the latest heartbeat counts");
        assertEquals(3, store.liveInstances(T0.minusNanos(1)), "an instance counts once");

        store.leave(one);
        assertEquals(0, store.liveInstances(T0.plusSeconds(25)));
        assertEquals(2, store.liveInstances(T0.minusNanos(1)));
        store.leave(one);
        store.leave(new Instance("never", "seen"));
        assertEquals(2, store.liveInstances(T0.minusNanos(1)), "leaving twice, or unknown: nothing happens");
        store.heartbeat(one, T0.plusSeconds(40));
        assertEquals(3, store.liveInstances(T0.minusNanos(1)), "back after leaving");
    }

    @Test
    void experimentsOfDeadInstancesAreEndedAndTheLiveOnesKeepRunning() {
        Instance dead = new Instance("dead", "h1");
        Instance live = new Instance("live", "h2");
        Instance left = new Instance("left", "h3");
        Instance edge = new Instance("edge", "h4");
        store.heartbeat(dead, T0.minusSeconds(30));
        store.heartbeat(live, T0.minusSeconds(1));
        store.heartbeat(left, T0);
        store.heartbeat(edge, T0.minusSeconds(15));
        store.leave(left);
        Experiment onDead = running("on-dead", 1, "dead");
        Experiment onLive = running("on-live", 2, "live");
        Experiment onLeft = running("on-left", 3, "left");
        Experiment onGhost = running("on-ghost", 4, "ghost"); // never heartbeat
        Experiment onEdge = running("on-edge", 5, "edge");
        store.insert(queued("on-nobody", 8, null));
        Experiment onNobody = store.update("on-nobody", e -> e.started(clock.instant(), null)).orElseThrow();
        store.insert(queued("queued", 6, null));
        store.insert(completed(queued("done", 7, null)));
        store.requestStop("on-dead", "cancelled by request");

        Instant now = T0.plusSeconds(1);
        String why = "its instance stopped";
        UnaryOperator<Experiment> end = e -> e.finished(ExperimentStatus.FAILED, now,
                why + " (" + (e.environment() == null ? "no instance" : e.environment().instanceId()) + ")");
        List<Experiment> ended = store.endOrphans(T0.minusSeconds(15), end);

        Set<String> expected = Set.of("on-dead", "on-left", "on-ghost", "on-nobody");
        assertEquals(expected, new HashSet<>(ids(ended)));
        assertEquals(4, ended.size(), "each once: " + ids(ended));
        for (Experiment running : List.of(onDead, onLeft, onGhost, onNobody)) {
            Experiment failed = end.apply(running);
            assertEquals(failed, store.find(running.id()).orElseThrow());
            assertTrue(ended.contains(failed), "returned as ended: " + running.id());
        }
        assertEquals(onLive, store.find("on-live").orElseThrow(), "alive: not touched");
        assertEquals(onEdge, store.find("on-edge").orElseThrow(), "heard from exactly at the bound: not before it, alive");
        assertEquals(Optional.of(ExperimentStatus.QUEUED), store.find("queued").map(Experiment::status));
        assertEquals(completed(queued("done", 7, null)), store.find("done").orElseThrow());
        assertEquals(Map.of(), store.stopRequests("dead"), "ended: no stop request left");

        assertEquals(2, store.liveInstances(T0.minusSeconds(3600)), "the dead instance is forgotten");
        assertEquals(List.of(), store.endOrphans(T0.minusSeconds(15), e -> fail("ended already: " + e.id())));
    }

    @Test
    void orphansEndedFromManyInstancesAtOnceAreEndedOnce() throws Exception {
        for (int i = 0; i < 20; i++) {
            running(String.format("r%02d", i), i, "dead");
        }
        Map<String, AtomicInteger> ends = new ConcurrentHashMap<>();
        List<String> returned = Collections.synchronizedList(new ArrayList<>());
        runConcurrently(4, thread -> returned.addAll(ids(store.endOrphans(T0, e -> {
            ends.computeIfAbsent(e.id(), id -> new AtomicInteger()).incrementAndGet();
            return e.finished(ExperimentStatus.FAILED, T0, "its instance stopped");
        }))));
        List<String> expected = IntStream.range(0, 20).mapToObj(i -> String.format("r%02d", i)).toList();
        assertEquals(expected, returned.stream().sorted().toList(), "each returned by one of them");
        assertEquals(expected, ends.keySet().stream().sorted().toList());
        assertEquals(List.of(), ends.values().stream().filter(count -> count.get() != 1).toList(), "each ended once");
    }

    @Test
    void anInstanceThatComesBackIsNoLongerDead() {
        Instance flaky = new Instance("flaky", "h");
        store.heartbeat(flaky, T0.minusSeconds(60));
        Experiment experiment = running("r", 1, "flaky");
        store.heartbeat(flaky, T0);
        assertEquals(List.of(), store.endOrphans(T0.minusSeconds(15), e -> fail("alive again: " + e.id())));
        assertEquals(experiment, store.find("r").orElseThrow());
        assertEquals(1, store.liveInstances(T0.minusSeconds(1)));
    }

    // ---------------------------------------------------------------------------------------------
    // tryLease

    @Test
    void aLeaseIsExclusiveUntilItExpiresAndReentrantForItsHolder() {
        Duration length = Duration.ofSeconds(10);
        assertTrue(store.tryLease("retention", "a", T0, length));
        assertFalse(store.tryLease("retention", "b", T0, length));
        assertFalse(store.tryLease("retention", "b", T0.plusSeconds(10).minusNanos(1), length), "held to its end");
        assertTrue(store.tryLease("other", "b", T0, length), "another lease is another lock");
        assertFalse(store.tryLease("other", "a", T0.plusSeconds(1), length));

        assertTrue(store.tryLease("retention", "a", T0.plusSeconds(5), length), "its holder takes it again");
        assertFalse(store.tryLease("retention", "b", T0.plusSeconds(14), length), "and holds it longer: to T0 + 15 s");
        assertTrue(store.tryLease("retention", "b", T0.plusSeconds(15), length), "over at its end: takeable");
        assertFalse(store.tryLease("retention", "a", T0.plusSeconds(16), length), "b holds it now, to T0 + 25 s");
        assertTrue(store.tryLease("retention", "b", T0.plusSeconds(16), Duration.ZERO), "b shortens it");
        assertTrue(store.tryLease("retention", "a", T0.plusSeconds(16), length), "and it is free at once");
    }

    @Test
    void onlyOneOfManyRacingTakersGetsALease() throws Exception {
        AtomicInteger winners = new AtomicInteger();
        runConcurrently(8, thread -> {
            if (store.tryLease("race", "taker" + thread, T0, Duration.ofMinutes(1))) {
                winners.incrementAndGet();
            }
        });
        assertEquals(1, winners.get());
    }

    // ---------------------------------------------------------------------------------------------
    // deleteFinished

    /** Submitted at T0 + {@code submitted} s, finished at T0 + {@code finished} s with {@code status}. */
    void finished(String id, long submitted, long finished, ExperimentStatus status) {
        Experiment experiment = queued(id, submitted, null);
        store.insert(experiment.started(experiment.submittedAt(), environment("i1"))
                .finished(status, T0.plusSeconds(finished), status == ExperimentStatus.COMPLETED ? null : "why"));
    }

    @Test
    void finishedExperimentsAreDeletedWhenTheyFinishedBeforeTheBound() {
        finished("f1", 1, 10, ExperimentStatus.COMPLETED);
        finished("f2", 2, 20, ExperimentStatus.FAILED);
        finished("f3", 3, 30, ExperimentStatus.CANCELLED);
        finished("f4", 4, 5, ExperimentStatus.TIMED_OUT);
        store.insert(queued("q", -1000, null));
        running("r", -999, "i1");

        assertEquals(0, store.deleteFinished(T0.plusSeconds(5), OptionalInt.empty()), "before, not at");
        assertEquals(2, store.deleteFinished(T0.plusSeconds(20), OptionalInt.empty()));
        assertEquals(List.of("f3", "f2", "r", "q"), ids(store.list(ListQuery.all(10))),
                "by when they finished, not when submitted; queued and running never");
        assertEquals(2, store.deleteFinished(T0.plusSeconds(10_000), OptionalInt.empty()));
        assertEquals(List.of("r", "q"), ids(store.list(ListQuery.all(10))));
        assertEquals(0, store.deleteFinished(T0.plusSeconds(10_000), OptionalInt.empty()));
    }

    @Test
    void beyondTheKeepCountTheOldestSubmittedFinishedOnesAreDeleted() {
        // Finish times in another order than submission times: the count keeps the newest by submission.
        finished("s1", 1, 60, ExperimentStatus.COMPLETED);
        finished("s2", 2, 50, ExperimentStatus.FAILED);
        finished("s3", 3, 40, ExperimentStatus.COMPLETED);
        finished("s4", 4, 30, ExperimentStatus.CANCELLED);
        finished("s5", 5, 20, ExperimentStatus.COMPLETED);
        store.insert(queued("q", -10, null));
        running("r", -20, "i1");
        // Same submission time: the larger id is the newer, as in the listing.
        finished("s0a", 0, 70, ExperimentStatus.COMPLETED);
        finished("s0b", 0, 70, ExperimentStatus.COMPLETED);

        Instant longAgo = T0.minusSeconds(1);
        assertEquals(0, store.deleteFinished(longAgo, OptionalInt.of(7)));
        assertEquals(1, store.deleteFinished(longAgo, OptionalInt.of(6)));
        assertEquals(List.of("s5", "s4", "s3", "s2", "s1", "s0b", "q", "r"), ids(store.list(ListQuery.all(10))));
        assertEquals(2, store.deleteFinished(longAgo, OptionalInt.of(4)));
        assertEquals(List.of("s5", "s4", "s3", "s2", "q", "r"), ids(store.list(ListQuery.all(10))));
        assertEquals(1, store.deleteFinished(longAgo, OptionalInt.of(3)));
        assertEquals(List.of("s5", "s4", "s3", "q", "r"), ids(store.list(ListQuery.all(10))));
        assertEquals(3, store.deleteFinished(longAgo, OptionalInt.of(0)), "none kept: all finished ones go");
        assertEquals(List.of("q", "r"), ids(store.list(ListQuery.all(10))), "queued and running never");
    }

    @Test
    void bothRulesApplyToTheSameExperiments() {
        // The newest by submission finished first: it was quick, the others ran long.
        finished("old-but-newest", 5, 6, ExperimentStatus.COMPLETED);
        finished("b", 4, 100, ExperimentStatus.COMPLETED);
        finished("c", 3, 100, ExperimentStatus.COMPLETED);
        finished("d", 2, 100, ExperimentStatus.COMPLETED);
        // Finished at the bound, not before it: the age rule keeps it, and the count rule must not leave it to that.
        finished("at-the-bound", 1, 50, ExperimentStatus.COMPLETED);
        // Deleted: finished before T0 + 50 s (one), or not among the newest two finished ones (c, d, at-the-bound).
        assertEquals(4, store.deleteFinished(T0.plusSeconds(50), OptionalInt.of(2)));
        assertEquals(List.of("b"), ids(store.list(ListQuery.all(10))),
                "each rule on its own would delete these; together they delete what either would");
    }
}
