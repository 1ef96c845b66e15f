package dev.concurrency.playground.strategy;

/**
 * Calibrated busy work that the JIT cannot remove: what a thread does with the counter's lock held
 * ({@code workInside}) and between two operations ({@code workOutside}), measured in tokens as JMH's
 * {@code Blackhole.consumeCPU} measures its own.
 *
 * <p>A token is one step of a mixing function: the state is xor-ed with itself shifted right, then multiplied
 * and offset (Knuth's MMIX constants). Each step needs the previous step's result, so the steps form one
 * chain of dependent instructions: no two overlap, none can be vectorised or hoisted, and the time per
 * token is the latency of a shift, an xor, a multiply and an add, whatever the core does around it. The
 * xor is what keeps the chain whole: a plain linear step ({@code s * a + c}) would let the JIT, once it
 * unrolls the loop, fold several steps into one multiply-add with precomputed constants, and a token would
 * cost a fraction of what it says (measured: a quarter). The caller threads the state through every call and
 * hands the last one to {@link #keep(long)}, so the result is used and the chain must be computed. The
 * cost per token is measured against {@code Blackhole.consumeCPU} by {@code WorkBenchmark} (README,
 * "Work around the lock").
 *
 * <p>Stateless: the state lives in the caller's local variable, so two threads doing work share nothing.
 */
public final class Work {

    private static final long MULTIPLIER = 6364136223846793005L;
    private static final long INCREMENT = 1442695040888963407L;

    /**
     * A value no chain of steps reaches from a realistic seed before the end of the universe; a state equal
     * to it is written to a field, which is what makes every state observable to the JIT.
     */
    private static final long IMPROBABLE = 0x5DEECE66DL * 0x9E3779B97F4A7C15L;

    private Work() {
    }

    /** {@code tokens} steps of work from {@code state}; the returned state feeds the next call. */
    public static long consume(long state, int tokens) {
        long s = state;
        for (int i = 0; i < tokens; i++) {
            s = (s ^ (s >>> 31)) * MULTIPLIER + INCREMENT;
        }
        return s;
    }

    /**
     * Ends a chain: keeps the JIT from discarding the work that produced {@code state}. The branch is never
     * taken in practice, and predicted as such, so it costs one load and one compare per batch.
     */
    public static void keep(long state, Sink sink) {
        if (state == sink.target) {
            sink.kept = state;
        }
    }

    /**
     * Where {@link #keep} would write: one per counter, never actually written. A test may make a sink whose
     * target is the state a chain must end in if exactly the expected tokens were done; the sink is then written
     * if and only if they were, which shows from outside who did the work without counting anything in the loop.
     */
    public static final class Sink {
        /** The state that {@link #keep} writes: {@link #IMPROBABLE} unless a test named another. */
        final long target;
        long kept;

        public Sink() {
            this(IMPROBABLE);
        }

        Sink(long target) {
            this.target = target;
        }
    }
}
