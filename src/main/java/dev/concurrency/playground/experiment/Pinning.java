package dev.concurrency.playground.experiment;

import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * How often the JVM pinned a virtual-thread run's workers to their carriers while they blocked, as Flight
 * Recorder's {@code jdk.VirtualThreadPinned} events said, over the run's measured trials; and which behaviour of
 * the running JDK applies. Only runs of virtual threads in experiments that block have one.
 *
 * @param events how many times a worker parked while pinned (a sleep the JVM woke early parks again for the rest,
 *     and counts twice); null when nothing could be recorded
 * @param totalPinnedNanos how long workers were pinned, added up over workers and trials; null likewise
 * @param longestPinnedNanos the longest single time; null likewise
 * @param reasons how many times each reason the JVM gave (with the blocking operation); null likewise
 * @param pinnedCarriers how many distinct carrier threads a pinned worker held; null likewise
 * @param carriers how many carrier threads the virtual-thread scheduler has: the most that can be pinned at once
 * @param jdk the running JDK's feature version
 * @param jdkBehaviour what pins a virtual thread that blocks on this JDK
 * @param notRecorded why nothing was recorded, when Flight Recorder could not record here; else null
 */
@Schema(name = "Pinning", description = "Virtual threads pinned to their carriers while they blocked, from Flight "
        + "Recorder's jdk.VirtualThreadPinned events (threshold 0) over the run's measured trials; only in runs of "
        + "virtual threads of experiments that block (`blockInsideMicros`, `blockOutsideMicros`).")
public record Pinning(
        @Schema(description = "How many times a worker parked while pinned (a sleep woken early parks again for the rest, "
                + "and counts twice); absent when nothing could be recorded.",
                examples = "2000") Long events,
        @Schema(description = "How long workers were pinned, in nanoseconds, added up over workers and trials.",
                examples = "2100000000") Long totalPinnedNanos,
        @Schema(description = "The longest single time a worker was pinned, in nanoseconds.", examples = "1300000")
        Long longestPinnedNanos,
        @Schema(description = "How many times the JVM gave each reason (JDK 24 and later give one), with the blocking "
                + "operation.") Map<String, Long> reasons,
        @Schema(description = "How many distinct carrier threads a pinned worker held.", examples = "2")
        Integer pinnedCarriers,
        @Schema(description = "How many carrier threads the virtual-thread scheduler has: the most that can be pinned "
                + "at once.", examples = "2") int carriers,
        @Schema(description = "The running JDK's feature version.", examples = "25") int jdk,
        @Schema(description = "What pins a virtual thread that blocks on this JDK.") String jdkBehaviour,
        @Schema(description = "Why nothing was recorded, when Flight Recorder could not record here.") String notRecorded) {

    public Pinning {
        reasons = reasons == null ? null : Map.copyOf(reasons);
    }

    /** The first JDK on which a virtual thread that blocks in or on {@code synchronized} unmounts (JEP 491). */
    public static final int UNPINNED_MONITORS_SINCE = 24;

    /** What pins a virtual thread that blocks, on JDK {@code feature}. */
    public static String behaviourOf(int feature) {
        return feature >= UNPINNED_MONITORS_SINCE
                ? "JDK " + feature + ": since JDK 24 (JEP 491) a virtual thread that blocks inside or on synchronized "
                        + "unmounts and frees its carrier; one that blocks in a class initializer or under a native "
                        + "frame still pins it."
                : "JDK " + feature + ": a virtual thread that blocks inside synchronized (or waits to enter it), in a "
                        + "class initializer or under a native frame pins its carrier; java.util.concurrent locks and "
                        + "sleeping with nothing held do not.";
    }

    /** The carriers of the default virtual-thread scheduler: its parallelism, the available processors unless set. */
    public static int schedulerCarriers() {
        return Integer.getInteger("jdk.virtualThreadScheduler.parallelism", Runtime.getRuntime().availableProcessors());
    }

    /** What was recorded, on the running JDK. */
    public static Pinning recorded(long events, long totalNanos, long longestNanos, Map<String, Long> reasons,
            int pinnedCarriers) {
        int feature = Runtime.version().feature();
        return new Pinning(events, totalNanos, longestNanos, reasons, pinnedCarriers, schedulerCarriers(), feature,
                behaviourOf(feature), null);
    }

    /** Nothing could be recorded, and why: not the same as no pinning. */
    public static Pinning notRecorded(String why) {
        int feature = Runtime.version().feature();
        return new Pinning(null, null, null, null, null, schedulerCarriers(), feature, behaviourOf(feature), why);
    }
}
