package dev.concurrency.playground.experiment.run;

import dev.concurrency.playground.config.LimitsConfig;
import dev.concurrency.playground.engine.CodeCacheJitWatch;
import dev.concurrency.playground.engine.JitWatch;
import dev.concurrency.playground.engine.ProcessTrials;
import dev.concurrency.playground.engine.TrialEngine;
import dev.concurrency.playground.experiment.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The process's {@link Instance} identity, and the one {@link TrialEngine} of the service, shared by the runners and the start-up calibration of
 * {@link TrialCosts}. The engine knows nothing of CDI (it is plain Java, tested without Quarkus), so
 * it is made here rather than annotated, and given here the event loops its {@code event-loop} trials
 * run on ({@link DedicatedEventLoops}: never the service's own), and the start-up timeout of its process
 * trials. Before it is made, the files that process trials of an instance killed outright left behind are removed.
 */
final class EngineProducer {

    EngineProducer() { // not private: ArC treats the declaring class of a producer as a bean
    }

    @Produces
    @Singleton
    static TrialEngine trialEngine(LimitsConfig limits) {
        // Before this instance's first process trial: the files of trials whose service was killed outright.
        for (java.nio.file.Path leftover : ProcessTrials.removeLeftovers()) {
            org.jboss.logging.Logger.getLogger(EngineProducer.class).infof(
                    "Removed %s, left by a process trial whose service ended without removing it", leftover);
        }
        return new TrialEngine(new DedicatedEventLoops(), new ProcessTrials(limits.processStartTimeout()));
    }

    /** Watches the JIT for the runs' warm-ups. */
    @Produces
    @Singleton
    static JitWatch jitWatch() {
        return JitWatch.lazy(CodeCacheJitWatch::ofThisJvm);
    }

    /** This process's identity in the fleet, recorded in the environment of what it runs. */
    @Produces
    @Singleton
    static Instance instance() {
        return Instance.start();
    }
}
