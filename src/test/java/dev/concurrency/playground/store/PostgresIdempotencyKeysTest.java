package dev.concurrency.playground.store;

import java.time.Duration;
import java.time.InstantSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/** The key rules, kept by the JDBC store on PostgreSQL. Fails, rather than skips, without a server. */
class PostgresIdempotencyKeysTest extends IdempotencyKeysContract {

    private static PostgresSchemas schemas;

    @BeforeAll
    static void connect() {
        schemas = PostgresSchemas.open();
    }

    @Override
    protected ExperimentStore emptyStore(Duration keyRetention, int maxKeys, InstantSource clock) {
        return new JdbcExperimentStore(schemas.fresh(), Dialect.POSTGRESQL, keyRetention, maxKeys, clock);
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
}
