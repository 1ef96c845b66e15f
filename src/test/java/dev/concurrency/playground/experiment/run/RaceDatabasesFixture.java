package dev.concurrency.playground.experiment.run;

import static org.junit.jupiter.api.Assertions.fail;

import dev.concurrency.playground.config.ConfigDefaults;
import dev.concurrency.playground.config.PostgresqlBackendConfig;
import dev.concurrency.playground.experiment.Database;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

/**
 * The race databases as the tests use them: the embedded one, and the machine's PostgreSQL (127.0.0.1:5432,
 * database {@code test}, user {@code postgres}, trust authentication), as CI has it. A test that needs
 * PostgreSQL fails, saying what is missing and how to start it, when it cannot be reached: a race nobody ran
 * proves nothing.
 */
final class RaceDatabasesFixture {

    static final String POSTGRESQL_URL = "jdbc:postgresql://127.0.0.1:5432/test";

    private RaceDatabasesFixture() {
    }

    /** Both databases configured, PostgreSQL as CI has it. */
    static RaceDatabases both() {
        return new RaceDatabases(ConfigDefaults.with(Map.of(
                "playground.backends.postgresql.jdbc-url", POSTGRESQL_URL,
                "playground.backends.postgresql.username", "postgres")).getConfigMapping(PostgresqlBackendConfig.class));
    }

    /** {@code databases}, after checking that {@code database} answers; fails the test saying why when it does not. */
    static RaceDatabases reachable(RaceDatabases databases, Database database) {
        try (Connection connection = databases.connect(database)) {
            connection.isValid(2);
        } catch (SQLException e) {
            fail("These tests race in " + database.id() + (database == Database.POSTGRESQL
                    ? ", the machine's PostgreSQL at " + POSTGRESQL_URL + " (user postgres, trust authentication)" : "")
                    + ", but connecting failed: " + e.getMessage() + (database == Database.POSTGRESQL
                    ? ". If the server is not running, start it: pg_ctlcluster --skip-systemctl-redirect "
                            + "$(ls /etc/postgresql) main start; if the database is missing: createdb -h 127.0.0.1 -U postgres test"
                    : ""));
        }
        return databases;
    }
}
