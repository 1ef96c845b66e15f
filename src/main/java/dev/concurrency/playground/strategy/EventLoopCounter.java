package dev.concurrency.playground.strategy;

/**
 * Every increment is a task run on one event loop, the reactive way: a dedicated Netty
 * {@code NioEventLoop}, the loop each of Vert.x's (and so Quarkus's) event loops is.
 *
 * <p><b>Guarantee:</b> an event loop runs one task at a time, in the order they were given, on its one
 * thread. The count is a {@code long} that only the loop's tasks write, so no two increments ever
 * overlap and none is lost: confinement again, with the loop as the owner. As with any
 * asynchronous call, the worker is done when the task is queued, not when it has run; a trial ends only
 * when the loop has run a last task queued after the last worker finished.
 *
 * <p><b>How it works here:</b> the trial gets a loop of its own, started before the workers and shut
 * down after them, never one of the service's: millions of tasks queued on the loop that serves HTTP
 * would hold up every response it writes from another thread (those wait in the same queue, behind the
 * increments), could fill the heap (that queue is unbounded), and would mix the service's own work into
 * the measurement. A worker calls {@code execute} with one task object made for the trial, so nothing is
 * allocated per increment by the strategy; Netty puts it in its multi-producer queue (a compare-and-set
 * on the tail) and, unless the loop is known to be awake, wakes its selector. The loop alternates
 * between its tasks and its sockets, running at least 64 tasks between two looks at them. Before each
 * batch a worker checks the loop's backlog and holds back while 65,536 tasks wait, and one worker per
 * batch stamps a task with the time so the loop records its latency.
 *
 * <p><b>What goes wrong / proof:</b> no update is lost in any trial; the danger is to the loop, not the
 * count. A task that runs long, blocks, or is queued by the million delays everything else the loop
 * owns, which on a shared loop means other users' I/O: the rule "never block the event loop" is this
 * lesson's other half. Code that needs the count must itself run on the loop, or be sent the value.
 *
 * <p><b>With readers</b> ({@code readRatio}): the value is sent, the cheap way: each increment's task publishes
 * the new count with a release store ({@code VarHandle.setRelease}: on x86 a plain store, no fence), and a read
 * is an acquire load of it on the reader's own thread, never a task on the loop. Every value read is a count the
 * loop really had, never more than was queued, and one thread's reads never go backwards. What goes wrong is
 * freshness: the loop is usually behind by its whole backlog (65,536 tasks, over a millisecond here), so a read
 * misses every increment still queued, the reader's own among them (no read-your-writes). A current,
 * linearizable value would be a task that reads the count on the loop and a wait for its answer: a trip through
 * the whole backlog per read, the very blocking this lesson warns against, which is why the read here is the
 * published one. It costs a load of a line the loop keeps writing, as for {@code atomic}'s {@code get()}, and
 * queues nothing.
 *
 * <p><b>Cost under contention:</b> the dearest hand-off here: a queue slot fought over by the workers,
 * a read-modify-write of the loop's wake-up flag on every {@code execute} from another thread, and a
 * task call on the loop instead of an add. The loop is one thread, so it bounds the throughput however
 * many workers there are, and a full backlog is what every increment then waits behind. It buys what an
 * event loop is for: many producers, and I/O, served by one thread with no locks, not a faster
 * counter. For a hot counter an atomic is far cheaper.
 */
public final class EventLoopCounter extends OwnedCounter implements ReadingCounter, WorkingCounter {

    public static final Strategy STRATEGY = Strategy.builder()
            .id("event-loop")
            .name("Event loop")
            .family(Family.CONFINEMENT)
            .safety(Safety.THREAD_SAFE)
            .javaApi("io.netty.channel.EventLoop.execute(Runnable), as Vert.x's Context.runOnContext does")
            .summary("Every increment is a task on one event loop, whose single thread is the only one that touches the count.")
            .descriptionFromJavadocOf(EventLoopCounter.class)
            .counters(EventLoopCounter::new)
            .build();

    // Made once per trial, so queueing an increment allocates nothing of ours.
    private final Runnable increment = this::applyOne;
    private final Runnable probe = () -> {
        applyOne();
        probeApplied();
    };
    private final Runnable end = this::endApplied;

    /** The owner's state of its work, touched by the event loop's thread only. */
    private long ownerState;
    // With work inside: the event loop does it as it applies each increment (see OwnedCounter.workWhenApplying).
    private final Runnable incrementWorking = () -> {
        applyOne();
        ownerState = Work.consume(ownerState, ownerWork());
    };
    private final Runnable probeWorking = () -> {
        applyOne();
        ownerState = Work.consume(ownerState, ownerWork());
        probeApplied();
    };
    private final Runnable endWorking = () -> {
        Work.keep(ownerState, ownerSink);
        endApplied();
    };

    private EventLoop loop;

    public EventLoopCounter() {
    }

    /** With the sinks in which a test names the expected states (see {@link OwnedCounter#OwnedCounter(Work.Sink, Work.Sink, Work.Sink)}). */
    EventLoopCounter(Work.Sink ownerSink, Work.Sink workerSink, Work.Sink readerSink) {
        super(ownerSink, workerSink, readerSink);
    }

    @Override
    public void start(Owners owners) {
        loop = owners.newEventLoop();
    }

    @Override
    public long incrementTimesCountingCasFailures(int n) {
        EventLoop loop = this.loop;
        for (int attempt = 0; loop.pendingTasks() >= BACKLOG; attempt++) {
            if (!loop.isRunning()) {
                return 0;
            }
            backOff(attempt);
        }
        int i = 0;
        if (claimProbe()) {
            loop.execute(probe);
            i = 1;
        }
        for (; i < n; i++) {
            loop.execute(increment);
        }
        return 0;
    }

    /**
     * The hand-off loop with {@code outside} tokens of work after each task queued; the {@code inside} work is
     * the event loop's, as it runs each increment's task.
     */
    @Override
    public long incrementTimesWorking(int n, int inside, int outside) {
        EventLoop loop = this.loop;
        for (int attempt = 0; loop.pendingTasks() >= BACKLOG; attempt++) {
            if (!loop.isRunning()) {
                return 0;
            }
            backOff(attempt);
        }
        long state = n;
        int i = 0;
        if (claimProbe()) {
            loop.execute(probeWorking);
            state = Work.consume(state, outside);
            i = 1;
        }
        for (; i < n; i++) {
            loop.execute(incrementWorking);
            state = Work.consume(state, outside);
        }
        Work.keep(state, workerSink);
        return 0;
    }

    @Override
    public void markEnd() {
        loop.execute(ownerWork() > 0 ? endWorking : end);
    }

    @Override
    public void stop() throws InterruptedException {
        if (loop != null) {
            loop.shutdownAndJoin();
        }
    }
}
