package dev.concurrency.playground.experiment;

/**
 * The machine and JVM an experiment ran on. Timings only compare within one environment, and some
 * behaviour depends on it: on JDK 21 a virtual thread blocked in {@code synchronized} pins its carrier
 * thread, on JDK 24 and later it does not.
 */
public record Environment(
        String javaVersion,
        String javaVendor,
        String vmName,
        String vmVersion,
        int availableProcessors,
        String osName,
        String osVersion,
        String osArch) {

    /** Reads the environment of the running JVM. */
    public static Environment current() {
        return new Environment(
                System.getProperty("java.version"),
                System.getProperty("java.vendor"),
                System.getProperty("java.vm.name"),
                System.getProperty("java.vm.version"),
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name"),
                System.getProperty("os.version"),
                System.getProperty("os.arch"));
    }
}
