package dev.concurrency.playground.store;

import dev.concurrency.playground.experiment.Experiment;

/** Which instance runs an experiment: the one its environment names, as every store reads it. */
final class Ownership {

    private Ownership() {
    }

    /** The instance id in the experiment's environment; null before it has started. */
    static String of(Experiment experiment) {
        return experiment.environment() == null ? null : experiment.environment().instanceId();
    }
}
