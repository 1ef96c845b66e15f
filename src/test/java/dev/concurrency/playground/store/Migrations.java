package dev.concurrency.playground.store;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/** The service's schema migrations, run on a test's database as StoreProducer runs them on the chosen one. */
final class Migrations {

    private Migrations() {
    }

    /** {@code db/migration} with {@code dialect}'s placeholders, on {@code dataSource}. */
    static MigrateResult migrate(DataSource dataSource, Dialect dialect) {
        return Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .placeholders(dialect.placeholders())
                .load()
                .migrate();
    }
}
