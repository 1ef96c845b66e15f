package dev.concurrency.playground.experiment.run;

import dev.concurrency.playground.config.PostgresqlBackendConfig;
import dev.concurrency.playground.experiment.Database;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;

/**
 * The databases the database strategies can race in, and how to connect to each: an H2 database in memory,
 * private to this service and apart from the store, and PostgreSQL when it is configured.
 *
 * <p>Connections are opened with the drivers themselves rather than through a pool or the store's
 * datasources: each worker of a trial holds one of its own for the trial, as a client of a real database
 * does, and nothing the store does (or its pool's limits) can be mistaken for the race. A trial pays its
 * connections' set-up before the start gate, so it is not timed.
 */
@Singleton
public class RaceDatabases {

    /**
     * How long a worker waits for a row lock before its statement fails, and with it the trial: the locks are
     * held for a round trip or three, so a wait this long means a client is stuck, not busy.
     */
    static final int LOCK_TIMEOUT_SECONDS = 10;

    /** How long a worker waits for PostgreSQL to answer at all before the trial fails, saying so. */
    static final int SOCKET_TIMEOUT_SECONDS = 60;

    static final int CONNECT_TIMEOUT_SECONDS = 5;

    /**
     * In memory, under a name of this service's own; DB_CLOSE_DELAY=-1 keeps it between trials (without it
     * the last connection closed would drop it). LOCK_TIMEOUT in milliseconds, as H2 wants it.
     *
     * <p>OPTIMIZE_REUSE_RESULTS=FALSE: by default H2 answers a prepared query from its previous result while
     * it judges the table unchanged, and with that {@code db-serializable} lost updates: 8 to 11 in every
     * run of 2 threads x 20,000 increments, each one a transaction retried after H2 had refused it, whose
     * retry read the value its refused attempt had read and committed over a concurrent increment. With
     * results read afresh every time, H2's SERIALIZABLE lost nothing (five runs of 40,000 and 80,000
     * increments at 2 and 4 threads). Every other strategy reads its row once per transaction too, so it
     * measures the database reading the row, as PostgreSQL does, not a cache of the client's.
     */
    private final String embeddedUrl = "jdbc:h2:mem:playground-race-" + UUID.randomUUID()
            + ";DB_CLOSE_DELAY=-1;OPTIMIZE_REUSE_RESULTS=FALSE;LOCK_TIMEOUT=" + LOCK_TIMEOUT_SECONDS * 1000;

    private final Optional<String> postgresqlUrl;
    private final Properties postgresqlProperties = new Properties();
    private volatile boolean embeddedOpened;

    @Inject
    public RaceDatabases(PostgresqlBackendConfig postgresql) {
        this.postgresqlUrl = postgresql.jdbcUrl().filter(url -> !url.isBlank());
        postgresql.username().ifPresent(user -> postgresqlProperties.setProperty("user", user));
        postgresql.password().ifPresent(password -> postgresqlProperties.setProperty("password", password));
        postgresqlProperties.setProperty("connectTimeout", Integer.toString(CONNECT_TIMEOUT_SECONDS));
        postgresqlProperties.setProperty("socketTimeout", Integer.toString(SOCKET_TIMEOUT_SECONDS));
        postgresqlProperties.setProperty("ApplicationName", "concurrency-playground race");
    }

    /** The embedded database only, as a service without PostgreSQL settings has it. */
    public static RaceDatabases embeddedOnly() {
        return new RaceDatabases(dev.concurrency.playground.config.ConfigDefaults.of(PostgresqlBackendConfig.class));
    }

    /**
     * Why {@code database} cannot be used on this instance, saying what enables it; empty when it can.
     */
    public Optional<String> unavailable(Database database) {
        if (database == Database.POSTGRESQL && postgresqlUrl.isEmpty()) {
            return Optional.of("PostgreSQL is not configured on this instance: set " + PostgresqlBackendConfig.JDBC_URL
                    + " (environment variable " + PostgresqlBackendConfig.JDBC_URL_VARIABLE
                    + ", e.g. jdbc:postgresql://127.0.0.1:5432/test) and, if it needs them, "
                    + "playground.backends.postgresql.username and password");
        }
        return Optional.empty();
    }

    /** The connections of one experiment's database trials, to {@code database}. */
    public DatabaseBackends backendsFor(Database database) {
        return new DatabaseBackends(database, this);
    }

    /** A new connection to {@code database}, in auto-commit mode; the caller closes it. */
    Connection connect(Database database) throws SQLException {
        Optional<String> unavailable = unavailable(database);
        if (unavailable.isPresent()) {
            throw new SQLException(unavailable.get());
        }
        if (database == Database.EMBEDDED) {
            embeddedOpened = true;
            return opened(new org.h2.Driver().connect(embeddedUrl, new Properties()), embeddedUrl);
        }
        Connection connection = opened(new org.postgresql.Driver().connect(postgresqlUrl.get(), postgresqlProperties),
                postgresqlUrl.get());
        try (Statement set = connection.createStatement()) {
            set.execute("SET lock_timeout = '" + LOCK_TIMEOUT_SECONDS + "s'");
            // Commits return once PostgreSQL has them, without waiting for its log to reach the disk (as the
            // store's do): otherwise every increment of every strategy waits for one disk flush, milliseconds on
            // a virtual machine, and the figures would compare this machine's disk rather than the strategies.
            // The embedded database keeps nothing on disk at all.
            set.execute("SET synchronous_commit TO OFF");
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return connection;
    }

    /** A driver answers null for a URL it does not take: say which URL, rather than fail later on null. */
    private static Connection opened(Connection connection, String url) throws SQLException {
        if (connection == null) {
            throw new SQLException("the JDBC driver does not accept the URL " + url);
        }
        return connection;
    }

    /** Lets the in-memory database go with the service (it would otherwise live as long as the JVM). */
    @PreDestroy
    void close() {
        if (!embeddedOpened) {
            return;
        }
        try (Connection connection = new org.h2.Driver().connect(embeddedUrl, new Properties());
                Statement shutdown = connection.createStatement()) {
            shutdown.execute("SHUTDOWN");
        } catch (SQLException e) {
            // Nothing to keep: it was in memory.
        }
    }
}
