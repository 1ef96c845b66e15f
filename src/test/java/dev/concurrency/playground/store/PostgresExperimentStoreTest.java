package dev.concurrency.playground.store;

import static org.junit.jupiter.api.Assertions.fail;

import dev.concurrency.playground.config.ConfigDefaults;
import dev.concurrency.playground.config.IdempotencyConfig;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.InstantSource;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The store contract, kept by the JDBC store on PostgreSQL: the machine's server (127.0.0.1:5432,
 * database test, trust auth), in a schema of this test's own, emptied before each test and dropped after.
 */
class PostgresExperimentStoreTest extends ExperimentStoreContract {

    private static final String SCHEMA = "contract_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private static PGSimpleDataSource database;

    @BeforeAll
    static void createSchema() {
        PGSimpleDataSource admin = dataSource(null);
        try (Connection connection = admin.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + SCHEMA);
        } catch (SQLException e) {
            fail("This test needs PostgreSQL on 127.0.0.1:5432 (database test, user postgres, trust auth): "
                    + e.getMessage() + ". Start it with: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start");
        }
        database = dataSource(SCHEMA);
        Flyway.configure().dataSource(database).locations("classpath:db/migration")
                .placeholders(Dialect.POSTGRESQL.placeholders()).load().migrate();
    }

    private static PGSimpleDataSource dataSource(String schema) {
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setServerNames(new String[] {"127.0.0.1"});
        source.setPortNumbers(new int[] {5432});
        source.setDatabaseName("test");
        source.setUser("postgres");
        source.setConnectTimeout(5);
        if (schema != null) {
            source.setCurrentSchema(schema);
        }
        return source;
    }

    @AfterAll
    static void dropSchema() throws SQLException {
        try (Connection connection = dataSource(null).getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
        }
    }

    @Override
    protected ExperimentStore emptyStore() {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("TRUNCATE experiment, idempotency_key, instance, lease");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        IdempotencyConfig keys = ConfigDefaults.of(IdempotencyConfig.class);
        return new JdbcExperimentStore(database, Dialect.POSTGRESQL, keys.retention(), keys.maxKeys(),
                InstantSource.system());
    }
}
