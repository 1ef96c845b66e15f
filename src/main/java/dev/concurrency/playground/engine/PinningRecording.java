package dev.concurrency.playground.engine;

import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.regex.Pattern;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingStream;

/**
 * The times the JVM pinned a trial worker, a virtual thread, to its carrier, as Flight Recorder reports them:
 * every {@code jdk.VirtualThreadPinned} event, however short (threshold 0), streamed in this JVM with
 * {@link RecordingStream} from {@link #start()} to {@link #stop()}, and tallied per millisecond of wall-clock time,
 * so that the pinning of one trial can be told from that of the trials before and after it
 * ({@link #of(Collection)}, given when each ran).
 *
 * <p>By time and not by thread: on Temurin 25 a stream sometimes resolves an event's thread to the wrong one
 * (measured in the service: a third of the events of a run's workers came out as other threads', some not virtual
 * at all, so that filtering by thread lost them), while its time is right. Every pinning of a virtual thread while
 * the run's trials ran is the run's: the service's own threads do not block in class initializers or native frames,
 * and one experiment runs at a time on an instance by default ({@code playground.runner.concurrency} 1; with more,
 * pinning in experiments that overlap in time is counted in each).
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
    /** Per epoch millisecond an event started in; written by the stream's thread, read after {@link #stop()}. */
    private final Map<Long, Tally> byMillisecond = new ConcurrentSkipListMap<>();

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
        String reason = event.hasField("pinnedReason") ? event.getString("pinnedReason") : null;
        String operation = event.hasField("blockingOperation") ? event.getString("blockingOperation") : null;
        RecordedThread carrier = event.hasField("carrierThread") ? event.getThread("carrierThread") : null;
        String said = reason == null ? "not given by this JDK" : HIDDEN_CLASS_SUFFIX.matcher(reason).replaceAll("");
        if (operation != null) {
            said += "; blocking in " + operation;
        }
        byMillisecond.computeIfAbsent(event.getStartTime().toEpochMilli(), ms -> new Tally())
                .add(event.getDuration().toNanos(), said, carrier == null ? -1 : carrier.getJavaThreadId());
    }

    /**
     * Stops recording and waits until every event recorded so far has been tallied; then closes the stream.
     * A thread interrupted meanwhile stays interrupted (the stream would swallow it).
     */
    public void stop() {
        if (stream == null) {
            return;
        }
        boolean interrupted = Thread.interrupted();
        try {
            stream.stop();
        } finally {
            stream.close();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        if (stream != null) {
            stream.close();
        }
    }

    /**
     * When a trial ran, in epoch milliseconds ({@link System#currentTimeMillis()}), from before its workers
     * started to after they had all ended, both included.
     */
    public record Window(long fromMillis, long toMillis) {
    }

    /**
     * The pinning of trial workers while these trials ran; meaningful after {@link #stop()}. A millisecond in two
     * windows counts once.
     */
    public PinnedTally of(Collection<Window> windows) {
        long events = 0;
        long total = 0;
        long longest = 0;
        Map<String, Long> reasons = new TreeMap<>();
        Set<Long> carriers = new HashSet<>();
        Set<Long> counted = new HashSet<>();
        for (Window window : windows) {
            for (Map.Entry<Long, Tally> entry : ((ConcurrentSkipListMap<Long, Tally>) byMillisecond)
                    .subMap(window.fromMillis(), true, window.toMillis(), true).entrySet()) {
                if (!counted.add(entry.getKey())) {
                    continue;
                }
                Tally tally = entry.getValue();
                synchronized (tally) {
                    events += tally.events;
                    total += tally.totalNanos;
                    longest = Math.max(longest, tally.longestNanos);
                    tally.reasons.forEach((reason, count) -> reasons.merge(reason, count, Long::sum));
                    carriers.addAll(tally.carriers);
                }
            }
        }
        carriers.remove(-1L);
        return new PinnedTally(events, total, longest, reasons, carriers.size());
    }

    /**
     * What pinned the workers of some trials.
     *
     * @param events how many times one of them parked while pinned
     * @param totalNanos how long they were pinned, together
     * @param longestNanos the longest single time
     * @param reasons how many times each reason the JVM gave, with the blocking operation
     * @param carriers how many distinct carrier threads were held by a pinned worker
     */
    public record PinnedTally(long events, long totalNanos, long longestNanos, Map<String, Long> reasons, int carriers) {
        public PinnedTally {
            reasons = Map.copyOf(reasons);
        }
    }

    /** The pinning that started in one millisecond; written by the stream's thread only. */
    private static final class Tally {
        long events;
        long totalNanos;
        long longestNanos;
        final Map<String, Long> reasons = new TreeMap<>();
        final Set<Long> carriers = new HashSet<>();

        synchronized void add(long nanos, String reason, long carrier) {
            events++;
            totalNanos += nanos;
            longestNanos = Math.max(longestNanos, nanos);
            reasons.merge(reason, 1L, Long::sum);
            carriers.add(carrier);
        }
    }
}
