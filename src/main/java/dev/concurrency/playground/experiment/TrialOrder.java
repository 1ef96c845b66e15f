package dev.concurrency.playground.experiment;

import java.util.Locale;

/** In which order an experiment runs the measured trials of its runs. */
public enum TrialOrder {

    /** Every trial of one run, then every trial of the next: each run's trials are close together in time. */
    SEQUENTIAL,

    /**
     * Trial 1 of every run, then trial 2 of every run, and so on (each run warmed up first): slow drift of a
     * shared machine (another tenant, thermal limits, a background job) falls on every run alike instead of
     * on whichever runs happened to run during it, so runs compared with each other stay comparable.
     */
    INTERLEAVED;

    /** As requests and documents spell it. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
