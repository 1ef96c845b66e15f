package dev.concurrency.playground.experiment;

/** How many of an experiment's runs have finished. */
public record Progress(int completedRuns, int totalRuns) {
}
