package dev.concurrency.playground.experiment;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The machine, JVM and build an experiment ran on: what a reader needs to reproduce a figure or judge
 * it, as JMH records it. Timings only compare within one environment, and some behaviour depends on
 * it: on JDK 21 a virtual thread blocked in {@code synchronized} pins its carrier thread, on JDK 24
 * and later it does not.
 *
 * @param jvmArguments the JVM's input arguments (heap size, GC and JIT flags change timings)
 * @param garbageCollectors names of the active collectors
 * @param cpuModel as the operating system reports it; absent where it does not
 * @param instanceId the service instance that ran the experiment (see {@link Instance}); absent in
 *     documents written before instances had ids
 * @param hostName the host (in Kubernetes, the pod) that instance ran on
 */
public record Environment(
        String javaVersion,
        String javaVendor,
        String vmName,
        String vmVendor,
        String vmVersion,
        List<String> jvmArguments,
        List<String> garbageCollectors,
        int availableProcessors,
        String cpuModel,
        String osName,
        String osVersion,
        String osArch,
        String playgroundVersion,
        String quarkusVersion,
        String instanceId,
        String hostName) {

    public Environment {
        jvmArguments = List.copyOf(jvmArguments);
        garbageCollectors = List.copyOf(garbageCollectors);
    }

    /** Reads the environment of the running JVM, which is {@code instance}. */
    public static Environment current(Instance instance) {
        Properties build = buildInfo();
        return new Environment(
                System.getProperty("java.version"),
                System.getProperty("java.vendor"),
                System.getProperty("java.vm.name"),
                System.getProperty("java.vm.vendor"),
                System.getProperty("java.vm.version"),
                ManagementFactory.getRuntimeMXBean().getInputArguments(),
                ManagementFactory.getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName).toList(),
                Runtime.getRuntime().availableProcessors(),
                readCpuModel(),
                System.getProperty("os.name"),
                System.getProperty("os.version"),
                System.getProperty("os.arch"),
                build.getProperty("playground.version", "unknown"),
                build.getProperty("quarkus.version", "unknown"),
                instance.id(),
                instance.hostName());
    }

    private static String readCpuModel() {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (!Files.isReadable(cpuinfo)) {
            return null;
        }
        try (Stream<String> lines = Files.lines(cpuinfo)) {
            return lines.filter(line -> line.startsWith("model name"))
                    .map(line -> line.substring(line.indexOf(':') + 1).trim())
                    .findFirst().orElse(null);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Versions written into the jar by the build (see {@code playground-build.properties}). */
    private static Properties buildInfo() {
        Properties properties = new Properties();
        try (InputStream in = Environment.class.getResourceAsStream("/playground-build.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            // Versions are informative; an experiment is still valid without them.
        }
        return properties;
    }
}
