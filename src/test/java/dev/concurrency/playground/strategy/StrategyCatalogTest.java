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
     * The strategies whose counter is in the heap, which count without anything to connect to; those kept in a
     * database are counted against one in {@code experiment.run.DatabaseTrialsTest}.
     */
    static List<Strategy> inHeap() {
        return CATALOG.all().stream().filter(s -> s.backend().isEmpty()).toList();
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
    @MethodSource("strategies")
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
    private static SharedCounter started(SharedCounter counter, TestOwners owners) {
        if (counter instanceof OwnedCounter owned) {
            owned.start(owners);
        }
        return counter;
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
            }
        } finally {
            stop(counter, owners);
        }
    }

    /**
     * {@code explain} reconstructs lost updates, so exactly the racy strategies in the heap offer it, through a
     * recording loop. A racy strategy kept in a database cannot: what each of its reads returns is decided by
     * the database, after a round trip, and no loop in the JVM can log the interleaving as it happened there.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("strategies")
    void exactlyTheRacyStrategiesInTheHeapAreExplainable(Strategy strategy) {
        assertEquals(strategy.safety() == Safety.RACY && strategy.backend().isEmpty(), strategy.explainable(),
                strategy.id());
        assertEquals(strategy.explainable(), strategy.newCounter() instanceof RecordingCounter, strategy.id());
    }

    /**
     * Alone, the recording loop counts as the measured one does, and logs for every increment the value it
     * read and that value plus one, where it was told to, continuing from where the measured loop left off.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("strategies")
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
     * still notices a stop request soon; the others get long ones, so the stop check costs nothing. A counter
     * outside the JVM pays a round trip per increment, and gets the shortest.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("strategies")
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
