package dev.concurrency.playground.engine;

import dev.concurrency.playground.strategy.Family;
import dev.concurrency.playground.strategy.ProcessCounter;
import dev.concurrency.playground.strategy.Safety;
import dev.concurrency.playground.strategy.SharedCounter;
import dev.concurrency.playground.strategy.Strategy;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/** Child-process loops that go wrong on purpose, for the tests of how a process trial ends. */
final class MisbehavingChildren {

    private MisbehavingChildren() {
    }

    /** A stand-in strategy whose children run {@code loop}. */
    static Strategy strategy(String id, Class<? extends ProcessCounter> loop) {
        return Strategy.builder().id(id).name(id).family(Family.NONE).safety(Safety.THREAD_SAFE).javaApi("test")
                .summary("test").description("A child process that misbehaves.")
                .inProcesses(Safety.THREAD_SAFE, loop)
                .counters(() -> new SharedCounter() {
                    @Override
                    public long incrementTimesCountingCasFailures(int n) {
                        return 0;
                    }

                    @Override
                    public long total() {
                        return 0;
                    }
                })
                .build();
    }

    /** Prints a line, then dies with status 7 at its first increment after the gate (its warm-up survives). */
    public static final class Crashing extends ProcessCounter {
        private final boolean shared;

        public Crashing(ByteBuffer memory, int offset) {
            super(memory, offset);
            this.shared = offset == 0;
        }

        @Override
        public long incrementTimesCountingCasFailures(int n) {
            if (shared) {
                System.out.println("about to crash on purpose");
                System.out.flush();
                Runtime.getRuntime().halt(7);
            }
            return 0;
        }
    }

    /** Never ends a batch: only a kill ends it. */
    public static final class Stuck extends ProcessCounter {
        private final boolean shared;

        public Stuck(ByteBuffer memory, int offset) {
            super(memory, offset);
            this.shared = offset == 0;
        }

        @Override
        public long incrementTimesCountingCasFailures(int n) {
            while (shared) {
                LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(1));
            }
            return 0;
        }
    }

    /** Never reaches the gate: its warm-up batch never ends. */
    public static final class NeverReady extends ProcessCounter {

        public NeverReady(ByteBuffer memory, int offset) {
            super(memory, offset);
        }

        @Override
        public long incrementTimesCountingCasFailures(int n) {
            while (true) {
                LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(1));
            }
        }
    }
}
