package dev.concurrency.playground.api.strategy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.concurrency.playground.config.BackendsConfig;
import dev.concurrency.playground.config.ConfigDefaults;
import dev.concurrency.playground.config.PostgresqlBackendConfig;
import dev.concurrency.playground.experiment.run.RaceDatabases;
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
        RaceDatabases databases = new RaceDatabases(ConfigDefaults.with(properties).getConfigMapping(PostgresqlBackendConfig.class));
        return new StrategyResource(new StrategyCatalog(), new StrategyAvailability(config, databases));
    }

    private static List<String> availableDatabases(StrategyView view) {
        return view.databases().stream().filter(StrategyView.DatabaseView::available).map(StrategyView.DatabaseView::database)
                .toList();
    }

    /**
     * A database strategy lists the databases a request can choose, so that a client (the dashboard's selector)
     * can offer only what this service would accept: PostgreSQL only where it is configured, saying what
     * configures it; the embedded H2 always, db-serializable included (its SERIALIZABLE keeps its promise since
     * the race database reads afresh: see RaceDatabases).
     */
    @Test
    void aDatabaseStrategySaysWhichDatabasesItCanRaceInHere() {
        StrategyResource embeddedOnly = resource(Map.of());
        assertEquals(List.of("embedded"), availableDatabases(embeddedOnly.get("db-atomic-update")));
        StrategyView.DatabaseView postgresql = embeddedOnly.get("db-atomic-update").databases().get(1);
        assertEquals("postgresql", postgresql.database());
        assertTrue(postgresql.unavailableReason().startsWith("PostgreSQL is not configured on this instance: set "
                + "playground.backends.postgresql.jdbc-url"), postgresql.unavailableReason());
        assertEquals("PLAYGROUND_BACKENDS_POSTGRESQL_JDBC_URL=jdbc:postgresql://host:5432/db", postgresql.enabledBy());
        assertEquals(List.of("embedded"), availableDatabases(embeddedOnly.get("db-serializable")));
        assertTrue(embeddedOnly.get("db-serializable").available());
        assertTrue(embeddedOnly.get("db-atomic-update").available());

        StrategyResource withPostgresql = resource(Map.of("playground.backends.postgresql.jdbc-url",
                "jdbc:postgresql://127.0.0.1:5432/test"));
        assertEquals(List.of("embedded", "postgresql"), availableDatabases(withPostgresql.get("db-read-then-write")));
        assertEquals(List.of("embedded", "postgresql"), availableDatabases(withPostgresql.get("db-serializable")));
        assertTrue(withPostgresql.get("db-serializable").available());
        assertEquals(List.of(), withPostgresql.get("atomic").databases(), "an in-heap strategy has no database");
        assertEquals(List.of(), withPostgresql.get("redis-incr").databases());
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
    void withRedisAndPostgresqlConfiguredEveryStrategyIsAvailable() {
        List<StrategyView> catalog = resource(Map.of("playground.backends.redis.url", "redis://127.0.0.1:6379",
                "playground.backends.postgresql.jdbc-url", "jdbc:postgresql://127.0.0.1:5432/test")).list();
        assertTrue(catalog.stream().allMatch(StrategyView::available), catalog.toString());
    }
}
