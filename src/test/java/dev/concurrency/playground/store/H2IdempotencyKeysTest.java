package dev.concurrency.playground.store;

import java.sql.SQLException;
import java.time.Duration;
import java.time.InstantSource;
import org.junit.jupiter.api.AfterEach;

/** The key rules, kept by the JDBC store on H2. */
class H2IdempotencyKeysTest extends IdempotencyKeysContract {

    private final H2Databases databases = new H2Databases();

    @Override
    protected ExperimentStore emptyStore(Duration keyRetention, int maxKeys, InstantSource clock) {
        return new JdbcExperimentStore(databases.freshInMemory(), Dialect.H2, keyRetention, maxKeys, clock);
    }

    @AfterEach
    void shutDown() throws SQLException {
        databases.close();
    }
}
