package dev.concurrency.playground.engine;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The engine's real worker threads, made through {@link TrialEngine#workerThreads}, with every one
 * kept so that a test can check that none outlives its trial, and, on request, a refusal from a
 * given worker on: the two ways the JVM fails to provide a thread.
 */
final class RecordingThreads implements Function<ThreadType, ThreadFactory> {

    /** How a refused worker is refused. */
    enum Refusal {
        /** The factory itself throws, as a factory with a limit of its own might. */
        FACTORY_THROWS,
        /** The factory hands out a thread whose {@code start()} throws, as the JVM's does when the OS says no. */
        START_THROWS
    }

    private final int refuseFrom;
    private final Refusal refusal;
    private final UnaryOperator<Runnable> wrapper;
    private final List<Thread> made = new CopyOnWriteArrayList<>();

    /** The error a refused worker gets, one instance, so a test can check it is the failure's cause. */
    final OutOfMemoryError refused =
            new OutOfMemoryError("unable to create native thread: possibly out of memory or process/resource limits reached");

    private RecordingThreads(int refuseFrom, Refusal refusal, UnaryOperator<Runnable> wrapper) {
        this.refuseFrom = refuseFrom;
        this.refusal = refusal;
        this.wrapper = wrapper;
    }

    /** Every worker is made. */
    static RecordingThreads all() {
        return new RecordingThreads(Integer.MAX_VALUE, null, UnaryOperator.identity());
    }

    /** Workers 0 to {@code count - 1} are made, and every later one is refused. */
    static RecordingThreads refusingAfter(int count, Refusal refusal) {
        return new RecordingThreads(count, refusal, UnaryOperator.identity());
    }

    /** Every worker is made, and runs {@code wrapper.apply(task)} instead of the engine's task. */
    static RecordingThreads wrapping(UnaryOperator<Runnable> wrapper) {
        return new RecordingThreads(Integer.MAX_VALUE, null, wrapper);
    }

    @Override
    public ThreadFactory apply(ThreadType type) {
        ThreadFactory real = TrialEngine.workerThreads(type);
        return task -> {
            if (made.size() >= refuseFrom) {
                if (refusal == Refusal.FACTORY_THROWS) {
                    throw refused;
                }
                Thread unstartable = new Thread(task, "unstartable-worker") {
                    @Override
                    public void start() {
                        throw refused;
                    }
                };
                made.add(unstartable);
                return unstartable;
            }
            Thread worker = real.newThread(wrapper.apply(task));
            made.add(worker);
            return worker;
        };
    }

    /** Every thread handed to the engine so far, started or not. */
    List<Thread> made() {
        return List.copyOf(made);
    }

    /** The names of those still alive. */
    List<String> alive() {
        return made.stream().filter(Thread::isAlive).map(Thread::getName).toList();
    }
}
