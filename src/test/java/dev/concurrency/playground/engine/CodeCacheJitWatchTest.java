package dev.concurrency.playground.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.concurrency.playground.strategy.Family;
import dev.concurrency.playground.strategy.Safety;
import dev.concurrency.playground.strategy.SharedCounter;
import dev.concurrency.playground.strategy.Strategy;
import dev.concurrency.playground.strategy.StrategyCatalog;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The JIT watch: how it reads HotSpot's code-cache listing (on a listing written out here, with the
 * tiers and states that matter), and that on this JVM's real compiler a loop run hot is seen compiled.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CodeCacheJitWatchTest {

    private static final String S = "dev.concurrency.playground.strategy.";

    /** The shape of `jcmd <pid> Compiler.codelist` on JDK 21 and 25. */
    private static final String LISTING = String.join("\n",
            "1650 3 0 " + S + "AtomicCounter.incrementTimesCountingCasFailures(I)J [0x1, 0x2 - 0x3]",
            "1651 4 0 " + S + "VolatileCounter.incrementTimesCountingCasFailures(I)J [0x1, 0x2 - 0x3]",
            "1652 4 1 " + S + "SynchronizedCounter.incrementTimesCountingCasFailures(I)J [0x1, 0x2 - 0x3]",
            "1653 4 0 " + S + "LongAdderCounter.total()J [0x1, 0x2 - 0x3]",
            "1654 2 0 " + S + "SemaphoreCounter.incrementTimesCountingCasFailures(I)J [0x1, 0x2 - 0x3]",
            "1655 4 0 java.lang.String.hashCode()I [0x1, 0x2 - 0x3]",
            "not a method line",
            "");

    @Test
    void onlyLoopsInUseAtTheTopTierCount() {
        assertEquals(Set.of(S + "VolatileCounter"), CodeCacheJitWatch.topTierLoops(LISTING, 4),
                "tier 3 is not the top; state 1 is deoptimised; total() is not the loop");
        assertEquals(Set.of(S + "AtomicCounter", S + "VolatileCounter"), CodeCacheJitWatch.topTierLoops(LISTING, 3),
                "a JVM stopped at tier 3 (TieredStopAtLevel=3) has its top there");
        assertEquals(Set.of(S + "AtomicCounter", S + "VolatileCounter", S + "SemaphoreCounter"),
                CodeCacheJitWatch.topTierLoops(LISTING, 1));
    }

    @Test
    void aListingIsReusedForAWhileAndAFailingOneMeansUnknown() {
        StrategyCatalog catalog = new StrategyCatalog();
        AtomicInteger listings = new AtomicInteger();
        CodeCacheJitWatch watch = new CodeCacheJitWatch(4, () -> {
            listings.incrementAndGet();
            return LISTING;
        });
        assertEquals(Boolean.TRUE, watch.compiledAtTopTier(catalog.find("volatile").orElseThrow()));
        assertEquals(Boolean.FALSE, watch.compiledAtTopTier(catalog.find("atomic").orElseThrow()));
        assertEquals(1, listings.get(), "the second question is answered from the first listing");

        CodeCacheJitWatch broken = new CodeCacheJitWatch(4, () -> {
            throw new IllegalStateException("no diagnostic commands");
        });
        assertNull(broken.compiledAtTopTier(catalog.find("volatile").orElseThrow()));
    }

    @Test
    void seesALoopRunHotCompiledOnThisJvm() {
        Strategy hot = new StrategyCatalog().find("unsynchronized").orElseThrow();
        JitWatch watch = CodeCacheJitWatch.ofThisJvm();
        long sink = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!Boolean.TRUE.equals(watch.compiledAtTopTier(hot)) && System.nanoTime() < deadline) {
            SharedCounter counter = hot.newCounter();
            for (int batch = 0; batch < 1000; batch++) {
                sink += counter.incrementTimesCountingCasFailures(1024);
            }
            sink += counter.total();
        }
        assertEquals(Boolean.TRUE, watch.compiledAtTopTier(hot), "seen compiled (sink " + sink + ")");
        assertTrue(watch.compilationMillis() > 0, "HotSpot reports the time it spent compiling");
    }

    @Test
    void aStrategyThatNamesNoCounterClassCannotBeJudged() {
        Strategy described = Strategy.builder().id("double").name("Double").family(Family.NONE).safety(Safety.RACY)
                .javaApi("none").summary("A test double.").description("Described in place.")
                .counters(() -> new StrategyCatalog().find("atomic").orElseThrow().newCounter()).build();
        assertNull(CodeCacheJitWatch.ofThisJvm().compiledAtTopTier(described));
    }

    @Test
    void theTopTierIsTheHighestLevelThisJvmCompilesTo() {
        // Surefire runs the tests with HotSpot's defaults: tiered compilation up to C2, level 4.
        assertEquals(4, CodeCacheJitWatch.topTier());
    }
}
