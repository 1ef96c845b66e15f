package dev.concurrency.playground.experiment.run;

import dev.concurrency.playground.strategy.Family;
import dev.concurrency.playground.strategy.Safety;
import dev.concurrency.playground.strategy.SharedCounter;
import dev.concurrency.playground.strategy.Strategy;
import dev.concurrency.playground.strategy.StrategyCatalog;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Strategies that do on demand what no real one does: fail, finish instantly, or never finish by
 * themselves. The runner sees them through a catalog that knows them besides the real ones.
 */
final class TestStrategies {

    private TestStrategies() {
    }

    static Strategy strategy(String id, Safety safety, Supplier<SharedCounter> counters) {
        return Strategy.builder()
                .id(id)
                .name(id)
                .family(Family.NONE)
                .safety(safety)
                .javaApi("test double")
                .summary("A test double.")
                .description("A test double.")
                .counters(counters)
                .build();
    }

    /** The real catalog, plus {@code extra}. Production code builds the real one; only tests add to it. */
    static StrategyCatalog catalogWith(Strategy... extra) {
        Map<String, Strategy> byId = Arrays.stream(extra).collect(Collectors.toMap(Strategy::id, Function.identity()));
        return new StrategyCatalog() {
            @Override
            public Optional<Strategy> find(String id) {
                return id != null && byId.containsKey(id) ? Optional.of(byId.get(id)) : super.find(id);
            }
        };
    }

    /** A counter whose every increment throws, as a broken strategy would. */
    static final class Throwing extends SharedCounter {
        static final String MESSAGE = "the counter broke";

        @Override
        public long incrementTimesCountingCasFailures(int n) {
            throw new IllegalStateException(MESSAGE);
        }

        @Override
        public long total() {
            return 0;
        }
    }

    /**
     * A thread-safe counter that does any number of increments in one step, so a fixed-work trial of
     * billions of increments takes microseconds: one batch per worker.
     */
    static class Immediate extends SharedCounter {
        private final AtomicLong count = new AtomicLong();

        @Override
        public long incrementTimesCountingCasFailures(int n) {
            count.addAndGet(n);
            return 0;
        }

        @Override
        public long total() {
            return count.get();
        }

        @Override
        public int batchSize() {
            return Integer.MAX_VALUE;
        }
    }

    /**
     * A counter that takes a millisecond per increment, and checks for a stop after each: with
     * billions of increments per thread a fixed-work trial ends only when it is stopped. A worker that
     * has stopped waits for {@code release} before it ends, so a test can act while the trial is
     * known to be still ending.
     */
    static final class Endless extends SharedCounter {
        private final AtomicLong count = new AtomicLong();
        private final CountDownLatch release;

        Endless(CountDownLatch release) {
            this.release = release;
        }

        Endless() {
            this(new CountDownLatch(0));
        }

        @Override
        public long incrementTimesCountingCasFailures(int n) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            count.addAndGet(n);
            return 0;
        }

        @Override
        public void threadFinished() {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public long total() {
            return count.get();
        }

        @Override
        public int batchSize() {
            return 1;
        }
    }

    /** Increments per thread that no test could wait for: only a stop ends such a trial. */
    static final long FOREVER = 1_000_000_000_000L;
}
