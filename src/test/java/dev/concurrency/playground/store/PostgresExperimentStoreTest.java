package dev.concurrency.playground.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.InstantSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The store contract, kept by the JDBC store on PostgreSQL, the store a fleet shares: a schema of its own
 * per test (see {@link PostgresSchemas}), all dropped afterwards. Fails, rather than skips, without a server.
 */
class PostgresExperimentStoreTest extends ExperimentStoreContract {

    private static PostgresSchemas schemas;

    @BeforeAll
    static void connect() {
        schemas = PostgresSchemas.open();
    }

    @Override
    protected ExperimentStore emptyStore(InstantSource clock) {
        return new JdbcExperimentStore(schemas.fresh(), Dialect.POSTGRESQL, KEY_RETENTION, MAX_KEYS, clock);
    }

    @AfterEach
    void dropSchemas() {
        schemas.close();
    }

    @AfterAll
    static void disconnect() {
        if (schemas != null) {
            schemas.close();
        }
    }

    @Test
    void saysWhatItIs() {
        assertEquals(true, store.isDurable(), "durable");
        assertEquals(true, store.isShared(), "shared");
        assertTrue(store.isAvailable());
    }
}
