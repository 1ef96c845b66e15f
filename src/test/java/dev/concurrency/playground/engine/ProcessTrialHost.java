package dev.concurrency.playground.engine;

import java.time.Duration;

/**
 * A stand-in for the service in {@link ProcessTrialLeftoversTest}: a JVM that runs one process trial whose
 * children never finish, so that the test can kill it outright in the middle.
 */
public final class ProcessTrialHost {

    private ProcessTrialHost() {
    }

    /** @param args the class path to give the children */
    public static void main(String[] args) throws Exception {
        TrialEngine engine = new TrialEngine(EventLoops.NONE, new ProcessTrials(Duration.ofSeconds(60), args[0]));
        engine.run(new TrialPlan(MisbehavingChildren.strategy("stuck", MisbehavingChildren.Stuck.class),
                ThreadType.PROCESS, 2, new Workload.FixedTime(600_000)), new CancellationToken());
    }
}
