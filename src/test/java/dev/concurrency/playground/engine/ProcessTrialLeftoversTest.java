package dev.concurrency.playground.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A service killed outright in the middle of a process trial cannot delete the trial's files; the next one to
 * start removes them, and nothing that may still be in use.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ProcessTrialLeftoversTest {

    private static final String CLASS_PATH = ProcessTrials.classPathEntryOf(ProcessChild.class) + File.pathSeparator
            + ProcessTrials.classPathEntryOf(ProcessTrialLeftoversTest.class);

    /** The real thing: a JVM running a process trial, SIGKILLed; its children halt, its directory stays, the sweep removes it. */
    @Test
    void theFilesOfATrialWhoseServiceWasKilledAreRemovedByTheNextSweep(@TempDir Path temporary) throws Exception {
        Process host = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + temporary, "-cp", CLASS_PATH, ProcessTrialHost.class.getName(), CLASS_PATH)
                .redirectErrorStream(true).redirectOutput(temporary.resolve("host.log").toFile()).start();
        List<ProcessHandle> children;
        Path directory;
        try {
            directory = await(() -> trialDirectories(temporary).stream()
                    .filter(d -> Files.exists(d.resolve("child-1.log"))).findFirst().orElse(null), host);
            children = await(() -> {
                List<ProcessHandle> started = host.descendants().filter(p -> p.info().commandLine().orElse("")
                        .contains(ProcessChild.class.getName())).toList();
                return started.size() == 2 ? started : null;
            }, host);
            assertEquals(List.of(), ProcessTrials.removeLeftovers(temporary), "a live service's trial was removed");
        } finally {
            host.destroyForcibly(); // SIGKILL: no finally block, no shutdown hook of the host runs
            assertTrue(host.waitFor(60, TimeUnit.SECONDS));
        }
        for (ProcessHandle child : children) {
            // Its standard input ended with its parent, so it halts itself.
            assertTrue(child.onExit().get(60, TimeUnit.SECONDS) != null);
        }
        assertTrue(Files.isDirectory(directory), "the killed host deleted its files after all: nothing to test");
        assertEquals(List.of(directory), ProcessTrials.removeLeftovers(temporary));
        assertFalse(Files.exists(directory));
    }

    /** Only a directory whose owner is provably gone is removed; anything that may be in use stays. */
    @Test
    void onlyDirectoriesOfProvablyEndedOwnersAreRemoved(@TempDir Path temporary) throws Exception {
        ProcessTrials.Owner self = ProcessTrials.Owner.current();
        Process ended = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-version")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(ended.waitFor(60, TimeUnit.SECONDS));
        Process alive = new ProcessBuilder("sleep", "120").start();
        try {
            long aliveStart = alive.info().startInstant().orElseThrow().toEpochMilli();
            Path dead = trial(temporary, "dead", new ProcessTrials.Owner(ended.pid(), self.startMillis(), self.namespace()));
            Path reused = trial(temporary, "reused",
                    new ProcessTrials.Owner(alive.pid(), aliveStart - 3_600_000, self.namespace()));
            Path mine = trial(temporary, "mine", self);
            Path living = trial(temporary, "living", new ProcessTrials.Owner(alive.pid(), aliveStart, self.namespace()));
            Path elsewhere = trial(temporary, "elsewhere",
                    new ProcessTrials.Owner(ended.pid(), self.startMillis(), self.namespace() + "-other"));
            Path ownerless = Files.createDirectory(temporary.resolve(ProcessTrials.DIRECTORY_PREFIX + "ownerless"));
            Path garbled = Files.createDirectory(temporary.resolve(ProcessTrials.DIRECTORY_PREFIX + "garbled"));
            Files.writeString(garbled.resolve(ProcessTrials.OWNER_FILE), "pid=x\n");
            Path notATrial = Files.createDirectory(temporary.resolve("someone-else"));
            Files.writeString(notATrial.resolve(ProcessTrials.OWNER_FILE),
                    new ProcessTrials.Owner(ended.pid(), self.startMillis(), self.namespace()).text());

            assertEquals(List.of(dead, reused).stream().sorted().toList(),
                    ProcessTrials.removeLeftovers(temporary).stream().sorted().toList());
            for (Path kept : List.of(mine, living, elsewhere, ownerless, garbled, notATrial)) {
                assertTrue(Files.isDirectory(kept), kept + " was removed");
            }
        } finally {
            alive.destroyForcibly();
            alive.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** Every trial names its owner before anything else, and the name reads back. */
    @Test
    void anOwnerReadsBackAsWritten(@TempDir Path temporary) throws Exception {
        Path file = temporary.resolve("owner");
        ProcessTrials.Owner self = ProcessTrials.Owner.current();
        Files.writeString(file, self.text(), StandardCharsets.UTF_8);
        assertEquals(self, ProcessTrials.Owner.of(file).orElseThrow());
        assertFalse(self.provablyGone(self));
    }

    private static Path trial(Path temporary, String name, ProcessTrials.Owner owner) throws Exception {
        Path directory = Files.createDirectory(temporary.resolve(ProcessTrials.DIRECTORY_PREFIX + name));
        Files.writeString(directory.resolve(ProcessTrials.OWNER_FILE), owner.text(), StandardCharsets.UTF_8);
        Files.write(directory.resolve("memory"), new byte[64]);
        return directory;
    }

    private static List<Path> trialDirectories(Path temporary) throws Exception {
        try (Stream<Path> entries = Files.list(temporary)) {
            return entries.filter(p -> p.getFileName().toString().startsWith(ProcessTrials.DIRECTORY_PREFIX)).toList();
        }
    }

    @FunctionalInterface
    private interface Probe<T> {
        T get() throws Exception;
    }

    /** What {@code probe} finds, once it finds something, failing if the host died first or a minute passes. */
    private static <T> T await(Probe<T> probe, Process host) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            T found = probe.get();
            if (found != null) {
                return found;
            }
            assertTrue(host.isAlive(), "the host ended early");
            assertTrue(System.nanoTime() < deadline, "the host's trial never started");
            Thread.sleep(50);
        }
    }
}
