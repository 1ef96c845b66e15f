package dev.concurrency.playground.store;

import dev.concurrency.playground.config.ConfigDefaults;
import dev.concurrency.playground.config.IdempotencyConfig;
import java.time.InstantSource;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;

/** The store contract, kept by the JDBC store on the embedded database, migrated as the service migrates it. */
class H2ExperimentStoreTest extends ExperimentStoreContract {

    @Override
    protected ExperimentStore emptyStore() {
        JdbcDataSource database = new JdbcDataSource();
        // A database of its own per test, kept while the test's store uses it.
        database.setURL("jdbc:h2:mem:contract-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(database).locations("classpath:db/migration")
                .placeholders(Dialect.H2.placeholders()).load().migrate();
        IdempotencyConfig keys = ConfigDefaults.of(IdempotencyConfig.class);
        return new JdbcExperimentStore(database, Dialect.H2, keys.retention(), keys.maxKeys(), InstantSource.system());
    }
}
