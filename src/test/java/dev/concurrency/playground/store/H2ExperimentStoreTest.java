package dev.concurrency.playground.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.time.InstantSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The store contract, kept by the JDBC store on the embedded default, H2 (in memory here; see H2FileStoreTest). */
class H2ExperimentStoreTest extends ExperimentStoreContract {

    private final H2Databases databases = new H2Databases();

    @Override
    protected ExperimentStore emptyStore(InstantSource clock) {
        return new JdbcExperimentStore(databases.freshInMemory(), Dialect.H2, KEY_RETENTION, MAX_KEYS, clock);
    }

    @AfterEach
    void shutDown() throws SQLException {
        databases.close();
    }

    @Test
    void saysWhatItIs() {
        assertEquals(true, store.isDurable(), "durable");
        assertEquals(false, store.isShared(), "shared");
        assertTrue(store.isAvailable());
    }
}
