package dev.concurrency.playground.engine;

import dev.concurrency.playground.strategy.ProcessCounter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.CodeSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * Runs trials whose workers are child processes ({@link ThreadType#PROCESS}): one child JVM per worker, all
 * incrementing one counter in a memory-mapped file, each with its strategy's {@link ProcessCounter} loop
 * ({@link ProcessChild}).
 *
 * <p>The children run the JDK that runs the service ({@code java.home}) with the one class path entry that
 * holds this class, the application's jar or classes directory; nothing of the command comes from a
 * request. Their start-up is not timed: each maps the file, warms its loop up on a counter of its own,
 * announces itself at the start gate in the shared memory and waits; once all have arrived the parent
 * opens the gate, and the timed span starts. Each child writes its own start and end
 * ({@link System#nanoTime()}, which on Linux reads {@code CLOCK_MONOTONIC}, one clock for every process of
 * the machine, so the children's times and the gate's are comparable), increments, failed
 * compare-and-set attempts and CPU time into its slot, so the measurement means what it means for threads.
 *
 * <p>No child outlives its trial. However the trial ends (done, cancelled, interrupted by a shutdown,
 * failed), the parent closes every child's standard input, kills every child still alive and waits for
 * it, and deletes the trial's files. A child whose parent dies sees its standard input end and halts
 * itself. A child that exits before it is done, or does not reach the gate within the start timeout, makes
 * the trial fail with its exit status and the last lines it printed.
 *
 * <p>A trial's files are in a directory of its own in the temporary directory, which names its owner (see
 * {@link Owner}): a service that is killed outright ({@code SIGKILL}, the machine's OOM killer) cannot delete
 * it, so the next to start removes every such directory whose owner is provably gone
 * ({@link #removeLeftovers(Path)}).
 */
public final class ProcessTrials {

    /** How the directory of every trial's files is named in the temporary directory. */
    static final String DIRECTORY_PREFIX = "playground-trial-";

    /** The file in a trial's directory that names the process that owns it, written before anything else. */
    static final String OWNER_FILE = "owner";

    /** How often the parent looks at the gate, the children and the cancellation token while it waits. */
    private static final long POLL_NANOS = TimeUnit.MICROSECONDS.toNanos(200);

    /** How long a finished child may take to exit, and a killed one to be reaped. */
    private static final long EXIT_MILLIS = 10_000;

    /** How much of a failed child's output its trial's failure quotes. */
    static final int TAIL_LINES = 20;
    private static final int TAIL_BYTES = 4096;

    /**
     * Small heaps and no shared perf-data file, since a child holds one counter and one loop; and compilation
     * in the foreground ({@code -Xbatch}), so that the loop the warm-up made hot is compiled before the gate
     * rather than by a compiler thread that takes a core from the children during the trial.
     */
    static final List<String> JVM_OPTIONS = List.of("-XX:+UseSerialGC", "-Xms8m", "-Xmx64m", "-XX:-UsePerfData",
            "-Xbatch");

    private final Duration startTimeout;
    private final String java;
    private final String classPath;

    /**
     * @param startTimeout the longest every child of a trial may take to start and reach the start gate
     */
    public ProcessTrials(Duration startTimeout) {
        this(startTimeout, classPathEntryOf(ProcessChild.class));
    }

    /** Lets tests give the children their own classes too. */
    ProcessTrials(Duration startTimeout, String classPath) {
        this.startTimeout = startTimeout;
        this.java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        this.classPath = classPath;
    }

    /** The class path entry (a jar or a directory) that {@code type} was loaded from. */
    static String classPathEntryOf(Class<?> type) {
        try {
            CodeSource source = type.getProtectionDomain().getCodeSource();
            if (source != null && source.getLocation() != null && "file".equals(source.getLocation().getProtocol())) {
                return Path.of(source.getLocation().toURI()).toString();
            }
            String file = type.getName().replace('.', '/') + ".class";
            URL resource = type.getClassLoader().getResource(file);
            if (resource != null) {
                String url = resource.toString();
                if (url.startsWith("jar:file:") && url.contains("!/")) {
                    return Path.of(new java.net.URI(url.substring("jar:".length(), url.indexOf("!/")))).toString();
                }
                if (url.startsWith("file:") && url.endsWith(file)) {
                    return Path.of(new java.net.URI(url.substring(0, url.length() - file.length()))).toString();
                }
            }
            throw new IllegalStateException("cannot tell where " + type.getName() + " was loaded from (" + resource
                    + "), so child processes cannot be started");
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The longest every child of a trial may take to start and reach the start gate. */
    public Duration startTimeout() {
        return startTimeout;
    }

    /**
     * Runs one trial in child processes and returns once every child has ended.
     *
     * @throws IllegalArgumentException if the strategy does not run in processes
     * @throws TrialCancelledException if {@code cancellation} was raised before the trial finished
     * @throws TrialFailedException if a child could not start, did not reach the gate in time, or died
     */
    TrialMeasurement run(TrialPlan plan, CancellationToken cancellation)
            throws TrialCancelledException, InterruptedException {
        Class<? extends ProcessCounter> loop = plan.strategy().processCounterClass().orElseThrow(
                () -> new IllegalArgumentException("strategy " + plan.strategy().id() + " does not run in processes"));
        Path directory;
        try {
            directory = Files.createTempDirectory(DIRECTORY_PREFIX);
        } catch (IOException e) {
            throw new TrialFailedException("Could not create the shared file of a process trial: " + e, e);
        }
        try {
            Files.writeString(directory.resolve(OWNER_FILE), Owner.current().text(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(directory);
            } catch (IOException ignored) {
                // a directory without an owner is left alone by every sweep, and is empty
            }
            throw new TrialFailedException("Could not write the owner file of a process trial: " + e, e);
        }
        Trial trial = new Trial(plan, directory);
        try {
            return trial.run(loop, cancellation);
        } finally {
            trial.end();
        }
    }

    /**
     * Removes the trial directories in {@code temporary} left by services that died without deleting them, and
     * only those: a directory whose owner file names a process of this machine's process namespace that is no
     * longer running (or whose process id now belongs to a process started at another time). A directory
     * without an owner file (one being created), or whose owner is alive or cannot be judged from here (another
     * container's process namespace), is left alone.
     *
     * @return the directories removed
     */
    public static List<Path> removeLeftovers(Path temporary) {
        List<Path> removed = new ArrayList<>();
        Owner self = Owner.current();
        try (Stream<Path> entries = Files.list(temporary)) {
            for (Path directory : entries.filter(p -> p.getFileName().toString().startsWith(DIRECTORY_PREFIX)).toList()) {
                Optional<Owner> owner = Owner.of(directory.resolve(OWNER_FILE));
                if (owner.isPresent() && owner.get().provablyGone(self) && deleteTree(directory)) {
                    removed.add(directory);
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // the temporary directory cannot be listed: there is nothing this sweep can do about it
        }
        return removed;
    }

    /** The sweep of {@link #removeLeftovers(Path)} in {@code java.io.tmpdir}, where trials make their directories. */
    public static List<Path> removeLeftovers() {
        return removeLeftovers(Path.of(System.getProperty("java.io.tmpdir")));
    }

    private static boolean deleteTree(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
            return true;
        } catch (IOException | UncheckedIOException e) {
            return false; // another instance removed it meanwhile, or it is not ours to remove
        }
    }

    /**
     * The process that owns a trial's directory: its id, when it started (so that a process id the system has
     * given to another process since does not pass for the owner), and its process namespace (a process id means
     * something only in its own: a container sharing the temporary directory cannot judge another's).
     *
     * @param startMillis when the process started, or -1 where the system does not say
     * @param namespace the process namespace ({@code /proc/self/ns/pid} on Linux), or empty where there is none
     */
    record Owner(long pid, long startMillis, String namespace) {

        /** How far apart two readings of one process's start may be (the system computes it from clock ticks). */
        private static final long START_TOLERANCE_MILLIS = 1_000;

        static Owner current() {
            ProcessHandle self = ProcessHandle.current();
            return new Owner(self.pid(), startMillis(self), currentNamespace());
        }

        private static long startMillis(ProcessHandle process) {
            return process.info().startInstant().map(Instant::toEpochMilli).orElse(-1L);
        }

        private static String currentNamespace() {
            try {
                return Files.readSymbolicLink(Path.of("/proc/self/ns/pid")).toString();
            } catch (IOException | UnsupportedOperationException | SecurityException e) {
                return "";
            }
        }

        String text() {
            return "pid=" + pid + "\nstart=" + startMillis + "\nnamespace=" + namespace + "\n";
        }

        /** The owner a directory's owner file names; empty if there is none or it cannot be read. */
        static Optional<Owner> of(Path file) {
            try {
                Map<String, String> fields = new HashMap<>();
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    int equals = line.indexOf('=');
                    if (equals > 0) {
                        fields.put(line.substring(0, equals), line.substring(equals + 1));
                    }
                }
                return Optional.of(new Owner(Long.parseLong(fields.get("pid")), Long.parseLong(fields.get("start")),
                        Objects.requireNonNull(fields.get("namespace"))));
            } catch (IOException | RuntimeException e) {
                return Optional.empty();
            }
        }

        /**
         * Whether this owner has certainly ended, as {@code self} (the process asking) can tell: in the same process
         * namespace, and no process with its id is alive, or the one alive started at another time.
         */
        boolean provablyGone(Owner self) {
            if (!namespace.equals(self.namespace) || pid == self.pid) {
                return false;
            }
            Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
            if (process.isEmpty()) {
                return true;
            }
            long started = startMillis(process.get());
            return startMillis >= 0 && started >= 0 && Math.abs(started - startMillis) > START_TOLERANCE_MILLIS;
        }
    }

    /** The state of one trial in processes; discarded when it ends. */
    private final class Trial {
        final TrialPlan plan;
        final Path directory;
        final int n;
        final List<Process> children = new ArrayList<>();
        FileChannel channel;
        MappedByteBuffer memory;
        long openedAtNanos;

        Trial(TrialPlan plan, Path directory) {
            this.plan = plan;
            this.directory = directory;
            this.n = plan.threads();
        }

        TrialMeasurement run(Class<? extends ProcessCounter> loop, CancellationToken cancellation)
                throws TrialCancelledException, InterruptedException {
            Path file = directory.resolve("memory");
            try {
                channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                        StandardOpenOption.WRITE);
                memory = channel.map(FileChannel.MapMode.READ_WRITE, 0, ProcessMemory.bytes(n));
            } catch (IOException e) {
                throw new TrialFailedException("Could not map the shared file of a process trial: " + e, e);
            }
            long limit = plan.workload() instanceof Workload.FixedWork work ? work.incrementsPerThread() : Long.MAX_VALUE;
            long startedAt = System.nanoTime();
            for (int i = 0; i < n; i++) {
                ProcessBuilder builder = new ProcessBuilder(command(file, i, loop, limit))
                        .redirectErrorStream(true)
                        .redirectOutput(log(i).toFile());
                try {
                    children.add(builder.start());
                } catch (IOException e) {
                    throw new TrialFailedException("Could not start child process " + (i + 1) + " of " + n + " of the "
                            + plan.strategy().id() + " trial: " + e, e);
                }
            }
            awaitArrivals(startedAt, cancellation);
            openedAtNanos = System.nanoTime();
            Workload.FixedTime fixedTime = plan.workload() instanceof Workload.FixedTime time ? time : null;
            if (fixedTime != null) {
                // The children stop at the deadline by their own reading of the clock: the parent's stop flag, raised
                // when the parent next gets a core, was measured ending trials up to 75 ms late on a busy machine.
                ProcessMemory.write(memory, ProcessMemory.DEADLINE,
                        openedAtNanos + TimeUnit.MILLISECONDS.toNanos(fixedTime.durationMillis()));
            }
            ProcessMemory.write(memory, ProcessMemory.GATE, 1);
            if (fixedTime != null) {
                long deadline = openedAtNanos + TimeUnit.MILLISECONDS.toNanos(fixedTime.durationMillis());
                while (deadline - System.nanoTime() > 0 && !allDone()) {
                    pause(cancellation);
                }
                ProcessMemory.write(memory, ProcessMemory.STOP, 1);
            }
            while (!allDone()) {
                pause(cancellation);
            }
            return measurement();
        }

        List<String> command(Path file, int index, Class<? extends ProcessCounter> loop, long limit) {
            List<String> command = new ArrayList<>();
            command.add(java);
            command.addAll(JVM_OPTIONS);
            command.addAll(List.of("-cp", classPath, ProcessChild.class.getName(), file.toString(),
                    Integer.toString(index), loop.getName(), Long.toString(limit)));
            return command;
        }

        Path log(int index) {
            return directory.resolve("child-" + index + ".log");
        }

        void awaitArrivals(long startedAt, CancellationToken cancellation)
                throws TrialCancelledException, InterruptedException {
            long timeout = startTimeout.toNanos();
            while (ProcessMemory.read(memory, ProcessMemory.ARRIVED) < n) {
                if (System.nanoTime() - startedAt > timeout) {
                    long arrived = ProcessMemory.read(memory, ProcessMemory.ARRIVED);
                    throw new TrialFailedException("Only " + arrived + " of the " + n + " child processes of the "
                            + plan.strategy().id() + " trial reached the start gate within " + startTimeout.toMillis()
                            + " ms (playground.limits.process-start-timeout); the machine may be too busy to start "
                            + n + " JVMs in that time: use fewer processes or raise the setting." + tailOfSlowest(), null);
                }
                pause(cancellation);
            }
        }

        /** Sleeps a poll interval; fails the trial if a child died before it was done, or stops it on cancellation. */
        void pause(CancellationToken cancellation) throws TrialCancelledException, InterruptedException {
            if (cancellation.isCancelled()) {
                throw new TrialCancelledException();
            }
            for (int i = 0; i < children.size(); i++) {
                Process child = children.get(i);
                if (!child.isAlive() && ProcessMemory.read(memory, ProcessMemory.slot(i) + ProcessMemory.DONE) == 0) {
                    throw new TrialFailedException("Child process " + (i + 1) + " of " + n + " (pid " + child.pid()
                            + ") of the " + plan.strategy().id() + " trial exited with status " + child.exitValue()
                            + " before it was done; " + lastLines(i), null);
                }
            }
            LockSupport.parkNanos(POLL_NANOS);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }

        boolean allDone() {
            for (int i = 0; i < n; i++) {
                if (ProcessMemory.read(memory, ProcessMemory.slot(i) + ProcessMemory.DONE) == 0) {
                    return false;
                }
            }
            return true;
        }

        /** The output of the first child that has not arrived yet, if any printed something. */
        String tailOfSlowest() {
            for (int i = 0; i < children.size(); i++) {
                String tail = tail(i);
                if (!tail.isBlank()) {
                    return " The output of child " + (i + 1) + ":\n" + tail;
                }
            }
            return "";
        }

        String lastLines(int index) {
            String tail = tail(index);
            return tail.isBlank() ? "it printed nothing." : "its last lines:\n" + tail;
        }

        /** The last {@value #TAIL_LINES} lines of what child {@code index} printed, at most 4 KiB of it. */
        String tail(int index) {
            try (FileChannel log = FileChannel.open(log(index), StandardOpenOption.READ)) {
                long size = log.size();
                ByteBuffer bytes = ByteBuffer.allocate((int) Math.min(size, TAIL_BYTES));
                log.read(bytes, size - bytes.capacity());
                List<String> lines = new String(bytes.array(), 0, bytes.position(), StandardCharsets.UTF_8).lines().toList();
                return String.join("\n", lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
            } catch (IOException e) {
                return "(its output could not be read: " + e.getMessage() + ")";
            }
        }

        TrialMeasurement measurement() {
            long earliestStart = Long.MAX_VALUE;
            long latestStart = Long.MIN_VALUE;
            long earliestEnd = Long.MAX_VALUE;
            long latestEnd = Long.MIN_VALUE;
            long minChild = Long.MAX_VALUE;
            long maxChild = 0;
            long expected = 0;
            long failures = 0;
            long cpu = 0;
            boolean cpuKnown = true;
            long[] increments = new long[n];
            long[] own = new long[n];
            for (int i = 0; i < n; i++) {
                int slot = ProcessMemory.slot(i);
                long start = ProcessMemory.read(memory, slot + ProcessMemory.START);
                long end = ProcessMemory.read(memory, slot + ProcessMemory.END);
                increments[i] = ProcessMemory.read(memory, slot + ProcessMemory.INCREMENTS);
                long cpuNanos = ProcessMemory.read(memory, slot + ProcessMemory.CPU_NANOS);
                earliestStart = Math.min(earliestStart, start);
                latestStart = Math.max(latestStart, start);
                earliestEnd = Math.min(earliestEnd, end);
                latestEnd = Math.max(latestEnd, end);
                own[i] = end - start;
                minChild = Math.min(minChild, own[i]);
                maxChild = Math.max(maxChild, own[i]);
                expected += increments[i];
                failures += ProcessMemory.read(memory, slot + ProcessMemory.CAS_FAILURES);
                cpuKnown &= cpuNanos >= 0;
                cpu += cpuNanos;
            }
            long duration = latestEnd - openedAtNanos;
            return new TrialMeasurement(
                    expected,
                    ProcessMemory.read(memory, ProcessMemory.COUNTER),
                    duration,
                    minChild,
                    maxChild,
                    TrialMeasurement.overlap(earliestStart, latestStart, earliestEnd, latestEnd),
                    cpuKnown && duration > 0 ? (double) cpu / duration : null,
                    plan.strategy().reportsCasFailures() ? failures : null,
                    ThreadShares.of(increments, own));
        }

        /**
         * Ends every child and removes the trial's files, however the trial ended: the stop flag for the
         * children still incrementing, their standard input closed, then a kill for any still alive, and a
         * wait for each. Interrupts while waiting are kept for the caller, after the children are gone.
         */
        void end() {
            boolean interrupted = false;
            if (memory != null) {
                ProcessMemory.write(memory, ProcessMemory.STOP, 1);
                ProcessMemory.write(memory, ProcessMemory.GATE, 1);
            }
            for (Process child : children) {
                try {
                    child.getOutputStream().close();
                } catch (IOException e) {
                    // it is gone already, or going
                }
            }
            for (Process child : children) {
                while (true) {
                    try {
                        if (!child.waitFor(child.isAlive() && allDoneOrNull() ? EXIT_MILLIS : 0, TimeUnit.MILLISECONDS)) {
                            child.destroyForcibly();
                            child.waitFor(EXIT_MILLIS, TimeUnit.MILLISECONDS);
                        }
                        break;
                    } catch (InterruptedException e) {
                        interrupted = true;
                        child.destroyForcibly();
                    }
                }
            }
            try {
                if (channel != null) {
                    channel.close();
                }
                try (Stream<Path> files = Files.walk(directory)) {
                    for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(path);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Could not delete the files of a process trial in " + directory, e);
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        /** Whether every child reported itself done, so that each is only exiting; false before the map exists. */
        private boolean allDoneOrNull() {
            return memory != null && allDone();
        }
    }
}
