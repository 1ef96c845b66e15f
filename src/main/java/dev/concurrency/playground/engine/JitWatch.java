package dev.concurrency.playground.engine;

import dev.concurrency.playground.strategy.Strategy;
import java.util.function.Supplier;

/**
 * What the JIT compiler has done to the code a trial runs: whether a strategy's hot loop is compiled at
 * the top tier yet, and whether the compiler worked while a trial was timed.
 *
 * <p>Why it matters: until the loop is compiled, a trial times the interpreter or a first-tier compile,
 * which can cost 50 times the compiled loop; a fixed number of warm-up trials is over in milliseconds,
 * long before the compiler (whose queue is long after start-up) gets to the loop. And on a machine with
 * few cores the compiler threads take cores from the workers while they compile anything at all.
 */
public interface JitWatch {

    /**
     * Whether the hot loop ({@code incrementTimesCountingCasFailures}) of {@code strategy}'s counter class
     * has been compiled at the highest tier this JVM compiles to, and not deoptimised since; {@code null}
     * when this watch cannot tell (a JVM that does not list its code cache, or a strategy that does not name
     * its counter class).
     */
    Boolean compiledAtTopTier(Strategy strategy);

    /**
     * The compiler's accumulated time in milliseconds, or a negative number where the JVM does not say:
     * read before and after a timed trial, a difference means the compiler worked during it.
     */
    long compilationMillis();

    /**
     * The watch {@code factory} makes, made when it is first asked something rather than now. HotSpot's watch
     * starts the platform MBean server, which took a tenth of a second of the service's start-up; the first
     * warm-up, which lasts longer than that anyway, pays it instead.
     */
    static JitWatch lazy(Supplier<? extends JitWatch> factory) {
        return new JitWatch() {
            private JitWatch watch;

            private synchronized JitWatch watch() {
                if (watch == null) {
                    watch = factory.get();
                }
                return watch;
            }

            @Override
            public Boolean compiledAtTopTier(Strategy strategy) {
                return watch().compiledAtTopTier(strategy);
            }

            @Override
            public long compilationMillis() {
                return watch().compilationMillis();
            }
        };
    }

    /** A watch that knows nothing: warm-up then relies on time and settled timings alone. */
    JitWatch BLIND = new JitWatch() {
        @Override
        public Boolean compiledAtTopTier(Strategy strategy) {
            return null;
        }

        @Override
        public long compilationMillis() {
            return -1;
        }
    };
}
