package dev.concurrency.playground.engine;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingStream;

/**
 * The times the JVM pinned a virtual thread to its carrier, as Flight Recorder reports them: every
 * {@code jdk.VirtualThreadPinned} event, however short (threshold 0), streamed in this JVM with
 * {@link RecordingStream} from {@link #start()} to {@link #stop()}, and tallied per thread, so that the pinning of
 * one trial's workers can be told from any other thread's ({@link #of(Collection)}).
 *
 * <p>Events arrive asynchronously, on the stream's own thread, a flush after they happened. {@link #stop()} waits
 * until the stream has handed over every event recorded before it was called, so that a tally taken after it
 * holds all of them, whatever the timing.
 */
public final class PinningRecording implements AutoCloseable {

    static final String EVENT = "jdk.VirtualThreadPinned";

    /** A hidden class's name ends in its address, different for each; the reason is the same. */
    private static final Pattern HIDDEN_CLASS_SUFFIX = Pattern.compile("/0x[0-9a-fA-F]+");

    private final RecordingStream stream;
    /** Why nothing is recorded; null while recording works. */
    private final String unavailable;
    /** Written by the stream's thread, read after {@link #stop()}. */
    private final Map<Long, ThreadTally> byThread = new ConcurrentHashMap<>();

    private PinningRecording(RecordingStream stream, String unavailable) {
        this.stream = stream;
        this.unavailable = unavailable;
    }

    /**
     * Starts recording; when Flight Recorder cannot record here (a JVM without it, or one that refuses), a
     * recording that says why ({@link #unavailable()}) rather than one that would report no pinning.
     */
    public static PinningRecording start() {
        RecordingStream stream = null;
        try {
            stream = new RecordingStream();
            stream.enable(EVENT).withThreshold(Duration.ZERO).withoutStackTrace();
            PinningRecording recording = new PinningRecording(stream, null);
            stream.onEvent(EVENT, recording::tally);
            stream.startAsync();
            return recording;
        } catch (RuntimeException | Error e) {
            if (stream != null) {
                stream.close();
            }
            return new PinningRecording(null, "Flight Recorder could not record jdk.VirtualThreadPinned here: " + e);
        }
    }

    /** Why nothing was recorded, or null when the recording works. */
    public String unavailable() {
        return unavailable;
    }

    private void tally(RecordedEvent event) {
        RecordedThread thread = event.getThread();
        if (thread == null) {
            return;
        }
        String reason = event.hasField("pinnedReason") ? event.getString("pinnedReason") : null;
        String operation = event.hasField("blockingOperation") ? event.getString("blockingOperation") : null;
        RecordedThread carrier = event.hasField("carrierThread") ? event.getThread("carrierThread") : null;
        String said = reason == null ? "not given by this JDK" : HIDDEN_CLASS_SUFFIX.matcher(reason).replaceAll("");
        if (operation != null) {
            said += "; blocking in " + operation;
        }
        byThread.computeIfAbsent(thread.getJavaThreadId(), id -> new ThreadTally())
                .add(event.getDuration().toNanos(), said, carrier == null ? -1 : carrier.getJavaThreadId());
    }

    /**
     * Stops recording and waits until every event recorded so far has been tallied; then closes the stream.
     * Idempotent.
     */
    public void stop() {
        if (stream == null) {
            return;
        }
        try {
            stream.stop();
        } finally {
            stream.close();
        }
    }

    @Override
    public void close() {
        if (stream != null) {
            stream.close();
        }
    }

    /** The pinning of the threads with these {@link Thread#threadId()}s; meaningful after {@link #stop()}. */
    public PinnedTally of(Collection<Long> threadIds) {
        long events = 0;
        long total = 0;
        long longest = 0;
        Map<String, Long> reasons = new TreeMap<>();
        Set<Long> carriers = new java.util.HashSet<>();
        for (Long id : Set.copyOf(threadIds)) {
            ThreadTally tally = byThread.get(id);
            if (tally == null) {
                continue;
            }
            synchronized (tally) {
                events += tally.events;
                total += tally.totalNanos;
                longest = Math.max(longest, tally.longestNanos);
                tally.reasons.forEach((reason, count) -> reasons.merge(reason, count, Long::sum));
                carriers.addAll(tally.carriers);
            }
        }
        carriers.remove(-1L);
        return new PinnedTally(events, total, longest, reasons, carriers.size());
    }

    /**
     * What pinned a set of threads.
     *
     * @param events how many times one of them was pinned while it blocked
     * @param totalNanos how long they were pinned, together
     * @param longestNanos the longest single time
     * @param reasons how many times each reason the JVM gave, with the blocking operation
     * @param carriers how many distinct carrier threads were held by a pinned thread
     */
    public record PinnedTally(long events, long totalNanos, long longestNanos, Map<String, Long> reasons, int carriers) {
        public PinnedTally {
            reasons = Map.copyOf(reasons);
        }
    }

    /** One thread's pinning; written by the stream's thread only. */
    private static final class ThreadTally {
        long events;
        long totalNanos;
        long longestNanos;
        final Map<String, Long> reasons = new TreeMap<>();
        final Set<Long> carriers = new java.util.HashSet<>();

        synchronized void add(long nanos, String reason, long carrier) {
            events++;
            totalNanos += nanos;
            longestNanos = Math.max(longestNanos, nanos);
            reasons.merge(reason, 1L, Long::sum);
            carriers.add(carrier);
        }
    }
}
