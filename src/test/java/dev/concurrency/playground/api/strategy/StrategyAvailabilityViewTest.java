package dev.concurrency.playground.api.strategy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.concurrency.playground.config.BackendsConfig;
import dev.concurrency.playground.config.ConfigDefaults;
import dev.concurrency.playground.experiment.run.StrategyAvailability;
import dev.concurrency.playground.strategy.StrategyCatalog;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The catalog as a service without Redis serves it: every strategy is still listed, the Redis ones as
 * unavailable, with why and the setting that enables them; configured, they are available like the rest. The
 * configuration is read through the real mapping, as the service reads it.
 */
class StrategyAvailabilityViewTest {

    private static StrategyResource resource(Map<String, String> properties) {
        BackendsConfig config = ConfigDefaults.with(properties).getConfigMapping(BackendsConfig.class);
        return new StrategyResource(new StrategyCatalog(), new StrategyAvailability(config));
    }

    @Test
    void withoutRedisTheRedisStrategiesAreListedAsUnavailableSayingWhatEnablesThem() {
        StrategyResource resource = resource(Map.of());
        List<StrategyView> catalog = resource.list();
        assertEquals(new StrategyCatalog().ids(), catalog.stream().map(StrategyView::id).toList(), "every strategy is listed");
        List<String> unavailable = catalog.stream().filter(view -> !view.available()).map(StrategyView::id).toList();
        assertEquals(List.of("redis-get-set", "redis-incr", "redis-watch-multi", "redis-lua"), unavailable);
        StrategyView incr = resource.get("redis-incr");
        assertEquals("redis", incr.backend());
        assertEquals("It increments a key in Redis, and no Redis server is configured for this service "
                + "(playground.backends.redis.url).", incr.unavailableReason());
        assertEquals("PLAYGROUND_BACKENDS_REDIS_URL=redis://host:6379", incr.enabledBy());
        StrategyView atomic = resource.get("atomic");
        assertTrue(atomic.available());
        assertNull(atomic.unavailableReason());
        assertNull(atomic.enabledBy());
        assertNull(atomic.backend());
    }

    @Test
    void aBlankUrlIsNoRedis() {
        assertEquals(false, resource(Map.of("playground.backends.redis.url", " ")).get("redis-lua").available());
    }

    @Test
    void withRedisConfiguredEveryStrategyIsAvailable() {
        List<StrategyView> catalog = resource(Map.of("playground.backends.redis.url", "redis://127.0.0.1:6379")).list();
        assertTrue(catalog.stream().allMatch(StrategyView::available), catalog.toString());
    }
}
