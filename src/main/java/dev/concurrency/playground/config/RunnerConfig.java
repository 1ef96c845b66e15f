package dev.concurrency.playground.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * How the runner takes experiments: the queue in front of it ({@code playground.queue.*}) and the
 * runner itself ({@code playground.runner.*}). One mapping for both because they are one concern, what
 * the runner accepts and how fast it works through it, and both feed the {@code Retry-After} estimate;
 * the other {@code playground.*} groups are mappings of their own.
 */
@ConfigMapping(prefix = "playground")
public interface RunnerConfig {

    Queue queue();

    Runner runner();

    interface Queue {
        /** Experiments that may wait for the runner; a submission beyond this gets 429. */
        @WithDefault("32")
        int capacity();
    }

    interface Runner {
        /**
         * Experiments that run at once. One by default: experiments side by side steal each other's
         * cores and distort each other's timings.
         */
        @WithDefault("1")
        int concurrency();

        /** An experiment running longer than this is stopped and ends TIMED_OUT. */
        @WithDefault("10m")
        Duration experimentTimeout();

        /**
         * Warm-up of a run that asks for one lasts at least this long, beyond its requested trials: a trial
         * of a million increments is over in a millisecond, long before the JIT gets to the loop.
         */
        @WithDefault("100ms")
        Duration warmupMinTime();

        /**
         * Warm-up ends after this long even when the loop is not compiled at the top tier yet or its timings
         * have not settled; the run then says so. Right after start-up the JIT's queue is long.
         */
        @WithDefault("3s")
        Duration warmupMaxTime();

        /**
         * An experiment whose trials run interleaved completes its runs only in its last round; until then
         * it stores them part-way, after a round, at most this often, so that a crash loses at most this
         * much of its measuring (plus the round in progress). Each store rewrites the experiment's document.
         */
        @WithDefault("1s")
        Duration checkpointInterval();
    }
}
