package dev.concurrency.playground.ops;

import dev.concurrency.playground.config.StoreConfig;
import dev.concurrency.playground.store.ExperimentStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready while the store answers: without it the service can neither take nor show experiments, so a
 * load balancer should send requests to an instance that can. Comes back UP by itself with the database.
 */
@Readiness
@ApplicationScoped
public class StoreReadiness implements HealthCheck {

    private final ExperimentStore store;
    private final StoreConfig config;

    @Inject
    public StoreReadiness(ExperimentStore store, StoreConfig config) {
        this.store = store;
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("experiment-store")
                .status(store.isAvailable())
                .withData("kind", config.kind().name().toLowerCase(java.util.Locale.ROOT))
                .withData("shared", store.isShared())
                .build();
    }
}
