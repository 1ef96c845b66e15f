package dev.concurrency.playground.experiment.run;

import dev.concurrency.playground.config.BackendsConfig;
import dev.concurrency.playground.strategy.Backend;
import dev.concurrency.playground.strategy.Strategy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * Whether this service can run a strategy: every strategy whose counter is in the heap can; one whose counter
 * lives in a backend can only when that backend is configured. A fact of the configuration, not of a server's
 * health: a configured server that is down makes the trials fail, with the client's message, instead.
 */
@ApplicationScoped
public class StrategyAvailability {

    /** The setting that names the Redis server, and so enables the Redis strategies. */
    public static final String REDIS_SETTING = "playground.backends.redis.url";
    /** {@link #REDIS_SETTING} as an environment variable. */
    public static final String REDIS_VARIABLE = "PLAYGROUND_BACKENDS_REDIS_URL";

    /**
     * @param available whether a request may list the strategy
     * @param unavailableReason why not, as a sentence; null when available
     * @param enabledBy the setting that makes it available, as an environment variable with an example
     *     value; null when available
     */
    public record Availability(boolean available, String unavailableReason, String enabledBy) {
        static final Availability AVAILABLE = new Availability(true, null, null);

        /** What a problem says after the strategy's name when a request lists it: why not, and what enables it. */
        public String refusal() {
            String reason = unavailableReason.endsWith(".")
                    ? unavailableReason.substring(0, unavailableReason.length() - 1) : unavailableReason;
            return "is not available on this service: " + Character.toLowerCase(reason.charAt(0)) + reason.substring(1)
                    + "; an operator enables it with " + enabledBy;
        }
    }

    private final boolean redisConfigured;

    @Inject
    public StrategyAvailability(BackendsConfig config) {
        this(config.redis().url().filter(url -> !url.isBlank()).isPresent());
    }

    public StrategyAvailability(boolean redisConfigured) {
        this.redisConfigured = redisConfigured;
    }

    public Availability of(Strategy strategy) {
        Optional<Backend> backend = strategy.backend();
        if (backend.isPresent() && backend.get() == Backend.REDIS && !redisConfigured) {
            return new Availability(false, "It increments a key in Redis, and no Redis server is configured for this "
                    + "service (" + REDIS_SETTING + ").", REDIS_VARIABLE + "=redis://host:6379");
        }
        return Availability.AVAILABLE;
    }

}
