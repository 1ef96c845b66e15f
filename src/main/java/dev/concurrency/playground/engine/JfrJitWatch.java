package dev.concurrency.playground.engine;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordingStream;
import org.jboss.logging.Logger;

/**
 * Watches the JIT through JDK Flight Recorder's {@code jdk.Compilation} and {@code jdk.Deoptimization}
 * events, streamed inside the process, and the compilation MXBean.
 *
 * <p>The event stream delivers events about a second after they happen, which is fine for warm-up (it
 * goes on until the compile is seen) but too late to judge a trial that has just ended; that is what the
 * MXBean's accumulated compile time is for. Only events of the strategy package are kept, one class name
 * each, so the memory used is bounded by the catalog.
 */
public final class JfrJitWatch implements JitWatch, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(JfrJitWatch.class);

    /** The strategies' hot loop, which SharedCounter subclasses own; compiled per class. */
    static final String HOT_LOOP = "incrementTimesCountingCasFailures";

    private static final String STRATEGY_PACKAGE = "dev.concurrency.playground.strategy.";

    private final int topTier;
    private final CompilationMXBean compiler = ManagementFactory.getCompilationMXBean();
    /** Classes whose hot loop is compiled at the top tier (and was not deoptimised since). */
    private final Set<String> compiled = ConcurrentHashMap.newKeySet();
    private volatile RecordingStream stream;
    private volatile boolean failed;
    private volatile boolean closed;

    private JfrJitWatch(int topTier) {
        this.topTier = topTier;
    }

    /**
     * Starts watching, on a thread of its own: starting Flight Recorder costs a few hundred milliseconds
     * of CPU that must not delay the service's start-up. Until it runs, the watch has seen nothing
     * compiled, which only makes warm-ups wait longer.
     */
    public static JfrJitWatch start() {
        JfrJitWatch watch = new JfrJitWatch(topTier());
        Thread.ofPlatform().name("jit-watch").daemon(true).start(watch::open);
        return watch;
    }

    /** The highest tier this JVM compiles to: 4 (C2 or Graal) unless the flags stop it earlier. */
    static int topTier() {
        try {
            var options = ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
            if (!Boolean.parseBoolean(options.getVMOption("TieredCompilation").getValue())) {
                return 4; // C2 alone reports level 4
            }
            return Math.max(1, Math.min(4, Integer.parseInt(options.getVMOption("TieredStopAtLevel").getValue())));
        } catch (RuntimeException e) {
            return 4;
        }
    }

    private void open() {
        try {
            RecordingStream events = new RecordingStream();
            // The default threshold (1 s in the "default" settings) would drop nearly every compilation.
            events.enable("jdk.Compilation").withThreshold(Duration.ZERO);
            events.enable("jdk.Deoptimization");
            events.setReuse(false);
            events.onEvent("jdk.Compilation", this::compilation);
            events.onEvent("jdk.Deoptimization", this::deoptimization);
            synchronized (this) {
                if (closed) {
                    events.close();
                    return;
                }
                stream = events;
            }
            events.startAsync();
        } catch (RuntimeException | Error e) {
            // Flight Recorder disabled or unavailable: warm-ups rely on time and settled timings.
            failed = true;
            LOG.warnf("Cannot watch the JIT through Flight Recorder (%s); warm-ups end on time and timings alone", e);
        }
    }

    private void compilation(RecordedEvent event) {
        String type = strategyClass(event);
        if (type == null || !HOT_LOOP.equals(((RecordedMethod) event.getValue("method")).getName())) {
            return;
        }
        if (event.getBoolean("succeded") && !event.getBoolean("isOsr") && event.getInt("compileLevel") >= topTier) {
            compiled.add(type);
        }
    }

    private void deoptimization(RecordedEvent event) {
        String type = strategyClass(event);
        if (type != null && HOT_LOOP.equals(((RecordedMethod) event.getValue("method")).getName())) {
            compiled.remove(type);
        }
    }

    /** The event's method's class when it is a strategy's, else null. */
    private static String strategyClass(RecordedEvent event) {
        RecordedMethod method = event.getValue("method");
        if (method == null || method.getType() == null) {
            return null;
        }
        String type = method.getType().getName();
        return type.startsWith(STRATEGY_PACKAGE) ? type : null;
    }

    @Override
    public Boolean compiledAtTopTier(Class<?> counterClass) {
        if (failed) {
            return null;
        }
        return compiled.contains(counterClass.getName());
    }

    @Override
    public long compilationMillis() {
        return compiler != null && compiler.isCompilationTimeMonitoringSupported() ? compiler.getTotalCompilationTime() : -1;
    }

    @Override
    public void close() {
        RecordingStream open;
        synchronized (this) {
            closed = true;
            open = stream;
        }
        if (open != null) {
            open.close();
        }
    }
}
