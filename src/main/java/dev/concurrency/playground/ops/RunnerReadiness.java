package dev.concurrency.playground.ops;

import dev.concurrency.playground.experiment.run.ExperimentRunner;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready while the service takes experiments and can run them: DOWN once a shutdown has begun (so a
 * load balancer stops sending submissions while the queue drains) or if a runner thread has died.
 */
@Readiness
@ApplicationScoped
public class RunnerReadiness implements HealthCheck {

    private final ExperimentRunner runner;

    @Inject
    public RunnerReadiness(ExperimentRunner runner) {
        this.runner = runner;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("experiment-runner")
                .status(runner.isReady())
                .withData("instance", runner.instance().id())
                .withData("queueDepth", runner.queueDepth())
                .withData("running", String.join(",", runner.runningExperiments()))
                .build();
    }
}
