package dev.concurrency.playground.engine;

import dev.concurrency.playground.strategy.Strategy;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Watches HotSpot's JIT through what it has compiled now and how long it has spent compiling.
 *
 * <p>What is compiled comes from the code cache's listing ({@code jcmd <pid> Compiler.codelist}, through
 * the diagnostic-command MBean): one line per compiled method with its tier and whether it is still in
 * use. Unlike Flight Recorder's compilation events it answers at once, and it also knows what was
 * compiled before anyone asked (the start-up calibration compiles a strategy's loop before any
 * experiment runs). A listing takes a few milliseconds, so one is reused for {@link #LISTING_REUSE_NANOS}.
 *
 * <p>Whether the compiler worked during a trial comes from the compilation MXBean's accumulated time.
 */
public final class CodeCacheJitWatch implements JitWatch {

    /** The strategies' hot loop, which SharedCounter subclasses own; compiled per class. */
    static final String HOT_LOOP = "incrementTimesCountingCasFailures";

    /** A listing is this fresh at worst when a warm-up asks; warm-ups last at least as long anyway. */
    static final long LISTING_REUSE_NANOS = 50_000_000;

    private final int topTier;
    private final Supplier<String> codeList;
    private final CompilationMXBean compiler = ManagementFactory.getCompilationMXBean();
    private long listedAt;
    private Set<String> compiled;

    CodeCacheJitWatch(int topTier, Supplier<String> codeList) {
        this.topTier = topTier;
        this.codeList = codeList;
    }

    /** On this JVM; a watch that cannot tell anything ({@link JitWatch#BLIND}) where it is not HotSpot. */
    public static JitWatch ofThisJvm() {
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            ObjectName commands = new ObjectName("com.sun.management:type=DiagnosticCommand");
            if (!server.isRegistered(commands)) {
                return BLIND;
            }
            return new CodeCacheJitWatch(topTier(), () -> {
                try {
                    return (String) server.invoke(commands, "compilerCodelist", new Object[] {null},
                            new String[] {String[].class.getName()});
                } catch (JMException e) {
                    throw new IllegalStateException("Compiler.codelist failed: " + e.getMessage(), e);
                }
            });
        } catch (JMException | RuntimeException e) {
            return BLIND;
        }
    }

    /** The highest tier this JVM compiles to: 4 (C2 or Graal) unless its flags stop it earlier. */
    static int topTier() {
        try {
            var options = ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
            if (!Boolean.parseBoolean(options.getVMOption("TieredCompilation").getValue())) {
                return 4; // C2 on its own compiles at level 4
            }
            return Math.max(1, Math.min(4, Integer.parseInt(options.getVMOption("TieredStopAtLevel").getValue())));
        } catch (RuntimeException e) {
            return 4;
        }
    }

    @Override
    public synchronized Boolean compiledAtTopTier(Strategy strategy) {
        if (strategy.counterClass().isEmpty()) {
            return null;
        }
        long now = System.nanoTime();
        if (compiled == null || now - listedAt > LISTING_REUSE_NANOS) {
            try {
                compiled = topTierLoops(codeList.get(), topTier);
            } catch (RuntimeException e) {
                return null;
            }
            listedAt = now;
        }
        return compiled.contains(strategy.counterClass().get().getName());
    }

    /**
     * The classes whose hot loop the listing shows compiled at {@code topTier} or above and in use. A line
     * reads {@code <compile id> <tier> <state> <class>.<method>(<signature>) [addresses]}, state 0 being
     * "in use" (1 is "not entrant": deoptimised, about to go).
     */
    static Set<String> topTierLoops(String listing, int topTier) {
        Set<String> classes = new HashSet<>();
        String suffix = "." + HOT_LOOP + "(";
        for (String line : listing.split("\n")) {
            String[] fields = line.trim().split(" ", 4);
            if (fields.length < 4 || !fields[3].contains(suffix)) {
                continue;
            }
            try {
                if (Integer.parseInt(fields[1]) >= topTier && "0".equals(fields[2])) {
                    classes.add(fields[3].substring(0, fields[3].indexOf(suffix)));
                }
            } catch (NumberFormatException e) {
                // Not a method line (a header, say).
            }
        }
        return classes;
    }

    @Override
    public long compilationMillis() {
        return compiler != null && compiler.isCompilationTimeMonitoringSupported() ? compiler.getTotalCompilationTime() : -1;
    }
}
