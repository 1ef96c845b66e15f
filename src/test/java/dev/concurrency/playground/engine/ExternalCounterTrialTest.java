package dev.concurrency.playground.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.concurrency.playground.strategy.Backend;
import dev.concurrency.playground.strategy.Backends;
import dev.concurrency.playground.strategy.ExternalCounter;
import dev.concurrency.playground.strategy.Family;
import dev.concurrency.playground.strategy.Safety;
import dev.concurrency.playground.strategy.SharedCounter;
import dev.concurrency.playground.strategy.Strategy;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The engine's side of a counter kept outside the JVM, with a stand-in "backend" in memory: it is opened on
 * the plan's backends before any worker starts, every worker sets up its own connection before the gate and
 * increments only after, its count is read by {@code finish} however the trial ends, and a backend that
 * cannot be reached, or a worker that cannot connect, or a count that cannot be read, fails the trial
 * instead of reporting a figure.
 */
@Timeout(60)
class ExternalCounterTrialTest {

    private final TrialEngine engine = new TrialEngine();
    private final Backends backends = new Backends() {
    };

    /** Records the order of its lifecycle and which threads did what. */
    static final class StandIn extends ExternalCounter {
        final AtomicLong row = new AtomicLong(-1);
        final AtomicInteger opened = new AtomicInteger();
        final AtomicInteger finished = new AtomicInteger();
        final Set<Thread> connected = ConcurrentHashMap.newKeySet();
        final AtomicInteger incrementsBeforeConnecting = new AtomicInteger();
        final AtomicInteger incrementsBeforeOpening = new AtomicInteger();
        volatile Backends openedWith;
        volatile boolean failOpen;
        volatile boolean failConnect;
        volatile boolean failFinish;
        private long total = -1;

        @Override
        public void open(Backends backends) throws Exception {
            opened.incrementAndGet();
            openedWith = backends;
            if (failOpen) {
                throw new java.sql.SQLException("connection refused");
            }
            row.set(0);
        }

        @Override
        public void threadStarting() throws Exception {
            if (failConnect) {
                throw new java.sql.SQLException("too many clients");
            }
            connected.add(Thread.currentThread());
        }

        @Override
        public long incrementTimesCountingCasFailures(int n) {
            if (!connected.contains(Thread.currentThread())) {
                incrementsBeforeConnecting.incrementAndGet();
            }
            if (row.get() < 0) {
                incrementsBeforeOpening.incrementAndGet();
            }
            row.addAndGet(n);
            return 0;
        }

        @Override
        public void finish() throws Exception {
            finished.incrementAndGet();
            if (failFinish) {
                throw new java.sql.SQLException("connection lost");
            }
            total = row.get();
        }

        @Override
        public long total() {
            return total;
        }
    }

    private static Strategy strategy(Supplier<SharedCounter> counters) {
        return Strategy.builder().id("stand-in").name("Stand-in").family(Family.ATOMIC).safety(Safety.THREAD_SAFE)
                .javaApi("none").summary("A row in memory.").description("For tests.").backend(Backend.DATABASE)
                .counters(counters).build();
    }

    private TrialPlan plan(StandIn counter, ThreadType type, Workload workload) {
        return new TrialPlan(strategy(() -> counter), type, 4, workload, backends);
    }

    @ParameterizedTest
    @EnumSource(value = ThreadType.class, names = {"PLATFORM", "VIRTUAL"})
    void isOpenedOnThePlansBackendsAndEveryWorkerConnectsBeforeItIncrements(ThreadType type) throws Exception {
        StandIn counter = new StandIn();
        TrialMeasurement measurement = engine.run(plan(counter, type, new Workload.FixedWork(1_000)),
                new CancellationToken());
        assertSame(backends, counter.openedWith);
        assertEquals(1, counter.opened.get());
        assertEquals(1, counter.finished.get());
        assertEquals(4, counter.connected.size(), "each worker connects once, on its own thread");
        assertEquals(0, counter.incrementsBeforeConnecting.get());
        assertEquals(0, counter.incrementsBeforeOpening.get());
        assertEquals(4_000, measurement.expectedCount());
        assertEquals(4_000, measurement.actualCount(), "the count is what finish read");
    }

    @Test
    void aBackendThatCannotBeReachedFailsTheTrialSayingWhyAndIsStillFinished() {
        StandIn counter = new StandIn();
        counter.failOpen = true;
        TrialFailedException failed = assertThrows(TrialFailedException.class,
                () -> engine.run(plan(counter, ThreadType.PLATFORM, new Workload.FixedTime(60_000)), new CancellationToken()));
        assertTrue(failed.getMessage().contains("connection refused"), failed.getMessage());
        assertEquals(1, counter.finished.get());
        assertEquals(0, counter.incrementsBeforeOpening.get(), "no worker increments a counter that was never opened");
    }

    @Test
    void aWorkerThatCannotConnectFailsTheTrialInsteadOfHangingAtTheGate() {
        StandIn counter = new StandIn();
        counter.failConnect = true;
        TrialFailedException failed = assertThrows(TrialFailedException.class,
                () -> engine.run(plan(counter, ThreadType.PLATFORM, new Workload.FixedTime(60_000)), new CancellationToken()));
        assertTrue(failed.getMessage().contains("too many clients"), failed.getMessage());
        assertEquals(1, counter.finished.get());
    }

    @Test
    void aCountThatCannotBeReadFailsTheTrialRatherThanReportingOne() {
        StandIn counter = new StandIn();
        counter.failFinish = true;
        TrialFailedException failed = assertThrows(TrialFailedException.class,
                () -> engine.run(plan(counter, ThreadType.PLATFORM, new Workload.FixedWork(100)), new CancellationToken()));
        assertTrue(failed.getMessage().contains("connection lost"), failed.getMessage());
    }

    @Test
    void aCancelledTrialIsFinishedToo() throws Exception {
        StandIn counter = new StandIn();
        CancellationToken token = new CancellationToken();
        Thread canceller = Thread.ofPlatform().start(() -> {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
            token.cancel();
        });
        assertThrows(TrialCancelledException.class,
                () -> engine.run(plan(counter, ThreadType.PLATFORM, new Workload.FixedTime(60_000)), token));
        canceller.join();
        assertEquals(1, counter.finished.get());
    }
}
