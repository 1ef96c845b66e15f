package dev.concurrency.playground.strategy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class StrategyCatalogTest {

    private static final StrategyCatalog CATALOG = new StrategyCatalog();

    static List<Strategy> strategies() {
        return CATALOG.all();
    }

    /**
     * The strategies whose counter is in the heap, which count without anything else running; those with a
     * backend are tested against their real server (RedisTrialsTest), since they count nothing unopened.
     */
    static List<Strategy> inHeap() {
        return onThreads().stream().filter(s -> s.backend().isEmpty()).toList();
    }

    /** The strategies that run on threads: all but the two that run only in child processes. */
    static List<Strategy> onThreads() {
        return CATALOG.all().stream().filter(s -> s.runsIn(WorkerKind.PLATFORM)).toList();
    }

    /** The strategies that have a meaning only between processes. */
    static List<Strategy> onlyInProcesses() {
        return CATALOG.all().stream().filter(s -> !s.runsIn(WorkerKind.PLATFORM)).toList();
    }

    /** One row of the README's strategy table. */
    record DocumentedStrategy(String id, String family, boolean threadSafe) {
    }

    /**
     * The README's table of strategies is what users read; the catalog must offer exactly those, in
     * that order, with the documented family and thread safety.
     */
    @Test
    void offersExactlyTheStrategiesTheReadmeDocuments() throws IOException {
        List<DocumentedStrategy> documented = readmeStrategyTable();
        assertFalse(documented.isEmpty(), "found no strategy table in README.md");
        List<DocumentedStrategy> offered = CATALOG.all().stream()
                .map(s -> new DocumentedStrategy(s.id(), s.family().id(), s.threadSafe()))
                .toList();
        assertEquals(documented, offered);
        assertEquals(documented.stream().map(DocumentedStrategy::id).toList(), CATALOG.ids());
    }

    /** Thread safety comes from coordinating: exactly the strategies that coordinate nothing are unsafe. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("strategies")
    void aStrategyIsThreadSafeExactlyWhenItsFamilyCoordinates(Strategy strategy) {
        assertEquals(strategy.family() != Family.NONE, strategy.threadSafe(), strategy.id());
        assertEquals(strategy.family() == Family.NONE ? Safety.RACY : Safety.THREAD_SAFE, strategy.safety(), strategy.id());
    }

    /** The warm-up watches the JIT compile this class's loop, so it must be the class the trials run. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("onThreads")
    void everyEntryKnowsItsCountersClassWithoutMakingOne(Strategy strategy) {
        assertEquals(strategy.newCounter().getClass(), strategy.counterClass().orElseThrow(), strategy.id());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("strategies")
    void everyEntryTeachesSomething(Strategy strategy) {
        assertFalse(strategy.name().isBlank());
        assertFalse(strategy.javaApi().isBlank());
        assertFalse(strategy.summary().isBlank());
        assertFalse(strategy.summary().contains("\n"), "a summary is one line");
        assertTrue(strategy.description().length() > 200, "a description is a short lesson");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inHeap")
    void everyTrialGetsAFreshCounter(Strategy strategy) throws InterruptedException {
        TestOwners firstOwners = new TestOwners();
        TestOwners secondOwners = new TestOwners();
        SharedCounter first = started(strategy.newCounter(), firstOwners);
        SharedCounter second = started(strategy.newCounter(), secondOwners);
        try {
            first.incrementTimesCountingCasFailures(10);
            first.threadFinished();
            assertNotSame(first, second);
            assertEquals(10, settledTotal(first));
            assertEquals(0, settledTotal(second));
        } finally {
            stop(first, firstOwners);
            stop(second, secondOwners);
        }
    }

    /** {@code counter}, with its owner running if it has one. */
    /**
     * Ready for increments on the calling thread, as the engine readies it: prepared for two workers (this
     * thread may take two turns), started if it has an owner, and this thread set up as a worker.
     */
    private static SharedCounter started(SharedCounter counter, TestOwners owners) {
        counter.prepare(2);
        if (counter instanceof OwnedCounter owned) {
            owned.start(owners);
        }
        startThread(counter);
        return counter;
    }

    private static void startThread(SharedCounter counter) {
        try {
            counter.threadStarting();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** The total once an owner, if there is one, has applied everything handed to it. */
    private static long settledTotal(SharedCounter counter) throws InterruptedException {
        if (counter instanceof OwnedCounter owned) {
            assertTrue(TestOwners.drain(owned), "the owner drained within a minute");
        }
        return counter.total();
    }

    private static void stop(SharedCounter counter, TestOwners owners) throws InterruptedException {
        if (counter instanceof OwnedCounter owned) {
            owners.stopAndJoin(owned);
        }
    }

    /**
     * On one thread every counter counts exactly, batch after batch, and reports no failed
     * compare-and-set: with nobody else writing, there is nothing to fail against. The thread then
     * counts again after it said it had finished, as a pooled thread given a second turn would, and
     * nothing from its first turn may be counted twice.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("inHeap")
    void aloneEveryCounterCountsExactlyAndReportsNoFailures(Strategy strategy) throws InterruptedException {
        TestOwners owners = new TestOwners();
        SharedCounter counter = started(strategy.newCounter(), owners);
        try {
            long done = 0;
            for (int turn = 0; turn < 2; turn++) {
                for (int n : new int[] {1, 2, 1_000, counter.batchSize()}) {
                    assertEquals(0, counter.incrementTimesCountingCasFailures(n), strategy.id() + " alone");
                    done += n;
                }
                counter.threadFinished();
                assertEquals(done, settledTotal(counter), strategy.id() + " after turn " + (turn + 1));
                if (turn == 0) {
                    startThread(counter); // the second turn, as another worker would
                }
            }
        } finally {
            stop(counter, owners);
        }
    }

    /**
     * {@code explain} reconstructs lost updates, so exactly the racy strategies in the heap offer it, through a
     * recording loop. A strategy with a backend is exempt, and never explainable: its reads and writes happen
     * in the server, where the service cannot log them.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("strategies")
    void exactlyTheRacyStrategiesInTheHeapAreExplainable(Strategy strategy) {
        boolean onThreads = strategy.runsIn(WorkerKind.PLATFORM);
        assertEquals(onThreads && strategy.safety() == Safety.RACY && strategy.backend().isEmpty(), strategy.explainable(),
                strategy.id());
        if (onThreads) {
            assertEquals(strategy.explainable(), strategy.newCounter() instanceof RecordingCounter, strategy.id());
        }
    }

    /**
     * A strategy that runs only in processes (a file lock, which a JVM holds for all its threads; a copy that is
     * never shared) says so everywhere: it runs with processes alone, has no counter for threads, nothing to
     * explain and no work loop, and its lesson is its process loop's.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("onlyInProcesses")
    void aStrategyThatRunsOnlyInProcessesHasNothingForThreads(Strategy strategy) {
        assertEquals(List.of(WorkerKind.PROCESS), strategy.workerKinds(), strategy.id());
        assertTrue(strategy.safetyIn(WorkerKind.VIRTUAL).isEmpty(), strategy.id());
        assertEquals(strategy.safety(), strategy.safetyIn(WorkerKind.PROCESS).orElseThrow(), strategy.id());
        assertThrows(IllegalStateException.class, strategy::newCounter, strategy.id());
        assertTrue(strategy.counterClass().isEmpty(), strategy.id());
        assertFalse(strategy.explainable() || strategy.takesWork(), strategy.id());
        assertEquals(StrategyLessons.of(strategy.processCounterClass().orElseThrow()), strategy.description(), strategy.id());
    }

    @Test
    void theProcessOnlyStrategiesAreTheFileLockAndTheUnsharedCopy() {
        assertEquals(List.of(UnsharedCopyCounter.STRATEGY, FileLockCounter.STRATEGY), onlyInProcesses());
        assertTrue(FileLockCounter.STRATEGY.safeIn(WorkerKind.PROCESS));
        assertFalse(UnsharedCopyCounter.STRATEGY.safeIn(WorkerKind.PROCESS));
    }

    @Test
    void aStrategyThatRunsOnlyInProcessesTakesNoThreadSafetyNorCounters() {
        Strategy.Builder builder = Strategy.builder().id("both").name("Both").family(Family.NONE)
                .javaApi("none").summary("none").description("none")
                .onlyInProcesses(Safety.RACY, UnsharedCopyCounter.class).safety(Safety.RACY);
        assertThrows(IllegalArgumentException.class, builder::build);
    }

    /**
     * Alone, the recording loop counts as the measured one does, and logs for every increment the value it
     * read and that value plus one, where it was told to, continuing from where the measured loop left off.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("onThreads")
    void aloneTheRecordingLoopLogsEveryIncrementInOrder(Strategy strategy) {
        if (!strategy.explainable()) {
            return;
        }
        SharedCounter counter = strategy.newCounter();
        counter.incrementTimesCountingCasFailures(5);
        long[] reads = new long[10];
        long[] writes = new long[10];
        ((RecordingCounter) counter).incrementTimesRecording(3, reads, writes, 2);
        ((RecordingCounter) counter).incrementTimesRecording(4, reads, writes, 5);
        assertEquals(12, counter.total(), strategy.id());
        assertArrayEquals(new long[] {0, 0, 5, 6, 7, 8, 9, 10, 11, 0}, reads, strategy.id());
        assertArrayEquals(new long[] {0, 0, 6, 7, 8, 9, 10, 11, 12, 0}, writes, strategy.id());
    }

    @Test
    void aStrategyThatClaimsToExplainMustRecord() {
        Strategy.Builder builder = Strategy.builder().id("liar").name("Liar").family(Family.NONE).safety(Safety.RACY)
                .javaApi("none").summary("none").description("none").explainable().counters(SynchronizedCounter::new);
        assertThrows(IllegalArgumentException.class, builder::build);
    }

    /**
     * Strategies that may park under contention (the locks) get short batches, so that a parked worker
     * still notices a stop request soon, and those with a backend shorter ones still, each increment being a
     * round trip; the others get long ones, so the stop check costs nothing.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("onThreads")
    void onlyStrategiesThatMayParkGetShortBatches(Strategy strategy) {
        int expected = strategy.backend().isPresent() ? ExternalCounter.ROUND_TRIP_BATCH
                : strategy.family() == Family.LOCK ? SharedCounter.BLOCKING_BATCH : SharedCounter.CHEAP_BATCH;
        assertEquals(expected, strategy.newCounter().batchSize(), strategy.id());
        assertTrue(SharedCounter.BLOCKING_BATCH < SharedCounter.CHEAP_BATCH);
    }

    @Test
    void findsEveryStrategyByItsIdAndNothingElse() {
        for (Strategy strategy : CATALOG.all()) {
            assertSame(strategy, CATALOG.find(strategy.id()).orElseThrow());
        }
        assertTrue(CATALOG.find("nope").isEmpty());
        assertTrue(CATALOG.find(null).isEmpty());
    }

    /** Rows such as {@code | `cas-loop` | atomic | yes | ... |} under the README's "## Strategies". */
    private static List<DocumentedStrategy> readmeStrategyTable() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("README.md"));
        int heading = lines.indexOf("## Strategies");
        assertTrue(heading >= 0, "README.md has no \"## Strategies\" section");
        Pattern row = Pattern.compile("^\\| `([a-z-]+)` \\| ([a-z]+) \\| (yes|no) \\|.*");
        List<DocumentedStrategy> table = new ArrayList<>();
        for (String line : lines.subList(heading + 1, lines.size())) {
            if (line.startsWith("## ")) {
                break;
            }
            Matcher matcher = row.matcher(line);
            if (matcher.matches()) {
                table.add(new DocumentedStrategy(matcher.group(1), matcher.group(2), matcher.group(3).equals("yes")));
            }
        }
        return table;
    }
}
