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
        return migrateTo(dataSource, dialect, "latest");
    }

    /** Only up to {@code version}, as an older release left its database. */
    static MigrateResult migrateTo(DataSource dataSource, Dialect dialect, String version) {
        return Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .placeholders(dialect.placeholders())
                .target(version)
                .load()
                .migrate();
    }
}
