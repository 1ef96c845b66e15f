package dev.concurrency.playground.strategy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The owned counters, driven by hand: who does which work, and what a read sees. Each check is in {@link Work}'s
 * terms: a chain of work is a deterministic function of its seed and its number of tokens, so a sink whose target
 * is the state that exactly the expected tokens reach is written if and only if they were done (see
 * {@link Work.Sink}), and a read folded into a chain shows the value it loaded. Nothing is timed.
 */
class OwnedCounterTest {

    /** The owned counters, made with the sinks a test names. */
    enum Kind {
        SINGLE_WRITER(SingleWriterCounter.class) {
            @Override
            OwnedCounter make(Work.Sink owner, Work.Sink workers, Work.Sink readers) {
                return new SingleWriterCounter(owner, workers, readers);
            }
        },
        EVENT_LOOP(EventLoopCounter.class) {
            @Override
            OwnedCounter make(Work.Sink owner, Work.Sink workers, Work.Sink readers) {
                return new EventLoopCounter(owner, workers, readers);
            }
        };

        final Class<? extends OwnedCounter> counterClass;

        Kind(Class<? extends OwnedCounter> counterClass) {
            this.counterClass = counterClass;
        }

        abstract OwnedCounter make(Work.Sink owner, Work.Sink workers, Work.Sink readers);
    }

    @Test
    void everyOwnedStrategyOfTheCatalogIsCoveredHere() {
        Set<Class<?>> owned = new StrategyCatalog().all().stream().filter(s -> s.runsIn(WorkerKind.PLATFORM))
                .map(Strategy::newCounter).filter(c -> c instanceof OwnedCounter).map(Object::getClass)
                .collect(Collectors.toSet());
        assertEquals(Set.of(SingleWriterCounter.class, EventLoopCounter.class), owned);
        assertEquals(owned, Set.copyOf(List.of(Kind.values()).stream().map(k -> k.counterClass).toList()));
    }

    /**
     * The owner does the work inside, as it applies each increment, and the workers only the work outside, after
     * each hand-off: the owner's chain (from 0) must end after exactly {@code inside} tokens per applied increment,
     * and each batch's chain on the worker (from its size) after exactly {@code outside} tokens per increment. An
     * owner that ignored {@link OwnedCounter#workWhenApplying}, a worker that skipped its outside work or that did
     * the inside work itself would end elsewhere, and its sink would stay unwritten.
     */
    @ParameterizedTest
    @EnumSource(Kind.class)
    void theOwnerDoesTheWorkInsideAndTheWorkersTheWorkOutside(Kind kind) throws Exception {
        int batch = 500;
        int batches = 3;
        int inside = 7;
        int outside = 5;
        long ownerEnds = Work.consume(0, batches * batch * inside);
        long batchEnds = Work.consume(batch, batch * outside);
        Work.Sink owner = new Work.Sink(ownerEnds);
        Work.Sink workers = new Work.Sink(batchEnds);
        OwnedCounter counter = kind.make(owner, workers, new Work.Sink());
        counter.workWhenApplying(inside);
        TestOwners owners = new TestOwners();
        counter.start(owners);
        try {
            for (int i = 0; i < batches; i++) {
                ((WorkingCounter) counter).incrementTimesWorking(batch, inside, outside);
                assertEquals(batchEnds, workers.kept, "batch " + i + ": the worker did the work outside, and only that");
            }
            assertTrue(TestOwners.drain(counter), "the owner drained within a minute");
        } finally {
            owners.stopAndJoin(counter);
        }
        assertEquals(batches * batch, counter.total());
        assertEquals(ownerEnds, owner.kept, "the owner did " + inside + " tokens as it applied each increment");
    }

    /** The same hand-offs without {@code workWhenApplying}: the owner's chain does not reach that state. */
    @ParameterizedTest
    @EnumSource(Kind.class)
    void anOwnerThatWasGivenNoWorkDoesNone(Kind kind) throws Exception {
        int batch = 500;
        Work.Sink owner = new Work.Sink(Work.consume(0, batch * 7));
        OwnedCounter counter = kind.make(owner, new Work.Sink(), new Work.Sink());
        TestOwners owners = new TestOwners();
        counter.start(owners);
        try {
            ((WorkingCounter) counter).incrementTimesWorking(batch, 7, 0);
            assertTrue(TestOwners.drain(counter));
        } finally {
            owners.stopAndJoin(counter);
        }
        assertEquals(batch, counter.total());
        assertEquals(0, owner.kept, "the workers' inside argument is the owner's to do, and this owner was given none");
    }

    /**
     * A read loads the count the owner has published: none of the increments still queued, all of them once the
     * owner has applied them. The owner is held back until the first read is done, so that read sees the queue full
     * and the count at zero whatever the timing. {@code readTimes(1, 0, 0)} folds the value read into its chain as
     * {@code 1 + value}, so the readers' sink, aimed at 1 + 100, is written only by a read that saw all 100.
     */
    @ParameterizedTest
    @EnumSource(Kind.class)
    void aReadSeesWhatTheOwnerHasAppliedAndNothingStillQueued(Kind kind) throws Exception {
        int increments = 100;
        Work.Sink readers = new Work.Sink(1 + increments);
        OwnedCounter counter = kind.make(new Work.Sink(), new Work.Sink(), readers);
        HeldBackOwners owners = new HeldBackOwners();
        counter.start(owners);
        try {
            counter.incrementTimesCountingCasFailures(increments);
            ((ReadingCounter) counter).readTimes(1, 0, 0);
            assertEquals(0, readers.kept, "a read saw increments that were only queued");
            assertEquals(0, counter.total());
            owners.release.countDown();
            assertTrue(TestOwners.drain(counter), "the owner drained within a minute");
            ((ReadingCounter) counter).readTimes(1, 0, 0);
            assertEquals(1 + increments, readers.kept, "once applied, a read sees every increment");
            assertEquals(increments, counter.total());
        } finally {
            owners.release.countDown();
            owners.owners.stopAndJoin(counter);
        }
    }

    /** Owners that start, but apply nothing until released: a thread that waits first, or a loop whose first task waits. */
    private static final class HeldBackOwners implements Owners {
        final CountDownLatch release = new CountDownLatch(1);
        final TestOwners owners = new TestOwners();

        @Override
        public Thread newThread(Runnable body) {
            return owners.newThread(() -> {
                awaitRelease();
                body.run();
            });
        }

        @Override
        public EventLoop newEventLoop() {
            EventLoop loop = owners.newEventLoop();
            loop.execute(this::awaitRelease);
            return loop;
        }

        private void awaitRelease() {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
