package dev.concurrency.playground.store;

import dev.concurrency.playground.config.IdempotencyConfig;
import dev.concurrency.playground.config.StoreConfig;
import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;
import io.quarkus.arc.Arc;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Default;
import jakarta.enterprise.inject.Produces;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Properties;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.jboss.logging.Logger;

/**
 * Makes the store {@code playground.store.kind} asks for, and brings its schema up to date first.
 *
 * <p>Both databases are Quarkus datasources fixed at build time (a datasource's kind cannot change at
 * run time): the default one is the embedded H2 file, the one named {@code postgresql} is inactive until
 * its URL is configured. Only the chosen one is ever connected to, so choosing PostgreSQL creates no H2
 * file. Flyway runs here rather than at start-up so that it runs only for the chosen one; for PostgreSQL it
 * runs on first use, so an instance that starts before its database comes up waits for it (answering 503)
 * instead of failing.
 */
@ApplicationScoped
public class StoreProducer {

    private static final Logger LOG = Logger.getLogger(StoreProducer.class);
    static final String POSTGRESQL = "postgresql";

    /**
     * After every other observer of the stop with a priority of its own (the runner settles its experiments and
     * leaves the fleet at priority 1): the compaction closes the database.
     */
    private static final int AFTER_THE_RUNNER = 5000;

    /** Whether the embedded store was opened: the stop compacts only a file that was. */
    private volatile boolean embeddedOpened;

    /**
     * The shared store's notifications of other instances' changes, if it is the store. A ping every 50 ms on its
     * connection (20 a second, each a few tens of microseconds) keeps a lease of 200 ms: a deletion of a
     * finished experiment waits that long before it answers, and a cached list page is served at most that long,
     * so another instance's submission or change of status shows in a list at most that much later.
     */
    private volatile ChangeFeed feed;
    static final Duration FEED_PERIOD = Duration.ofMillis(50);
    static final Duration FEED_LEASE = Duration.ofMillis(200);
    static final Duration FEED_RETRY = Duration.ofSeconds(1);

    @Produces
    @ApplicationScoped
    ExperimentStore store(StoreConfig config, IdempotencyConfig idempotency) {
        return switch (config.kind()) {
            case MEMORY -> new InMemoryExperimentStore(idempotency);
            case EMBEDDED -> {
                ExperimentStore embedded = jdbc(dataSource(Default.Literal.INSTANCE), Dialect.H2, idempotency,
                        embedded(config));
                embeddedOpened = true;
                yield embedded;
            }
            case POSTGRESQL -> {
                if (ConfigProvider.getConfig().getOptionalValue("quarkus.datasource.postgresql.jdbc.url", String.class)
                        .isEmpty()) {
                    throw new IllegalStateException("playground.store.kind is postgresql, but no database is configured: "
                            + "set QUARKUS_DATASOURCE_POSTGRESQL_JDBC_URL (jdbc:postgresql://host:5432/database), "
                            + "QUARKUS_DATASOURCE_POSTGRESQL_USERNAME and QUARKUS_DATASOURCE_POSTGRESQL_PASSWORD");
                }
                JdbcExperimentStore shared = jdbc(dataSource(new DataSource.DataSourceLiteral(POSTGRESQL)),
                        Dialect.POSTGRESQL, idempotency, "the PostgreSQL store");
                feed = shared.listen(unpooled(), FEED_PERIOD, FEED_LEASE, FEED_RETRY);
                yield shared;
            }
        };
    }

    /**
     * Where the embedded store is, as its database URL says: the directory setting only counts while the URL
     * is the default one that names it (the tests, for one, use an in-memory database instead).
     */
    static String embedded(StoreConfig config) {
        String url = ConfigProvider.getConfig().getOptionalValue("quarkus.datasource.jdbc.url", String.class).orElse("");
        if (url.startsWith("jdbc:h2:file:" + config.directory() + "/")) {
            return "the embedded store in " + config.directory();
        }
        return url.startsWith("jdbc:h2:mem:") ? "an in-memory H2 database (" + url + "), which forgets them when stopped"
                : "the embedded store at " + url;
    }

    /**
     * Connections to the fleet's database outside the pool, for the change feed ({@link ChangeFeed}), with the
     * pool's URL and credentials. A read that hangs (the network gone) fails after 10 s, so the feed reconnects
     * rather than wait for the kernel to give up on the socket.
     */
    private static javax.sql.DataSource unpooled() {
        Config config = ConfigProvider.getConfig();
        org.postgresql.ds.PGSimpleDataSource connections = new org.postgresql.ds.PGSimpleDataSource();
        connections.setURL(config.getValue("quarkus.datasource.postgresql.jdbc.url", String.class));
        config.getOptionalValue("quarkus.datasource.postgresql.username", String.class).ifPresent(connections::setUser);
        config.getOptionalValue("quarkus.datasource.postgresql.password", String.class).ifPresent(connections::setPassword);
        connections.setConnectTimeout(2);
        connections.setLoginTimeout(2);
        connections.setSocketTimeout(10);
        connections.setApplicationName("concurrency-playground change feed");
        // Its pings are transactions; nothing depends on their reaching the disk.
        connections.setOptions("-c synchronous_commit=off");
        return connections;
    }

    private static AgroalDataSource dataSource(Annotation qualifier) {
        return Arc.container().instance(AgroalDataSource.class, qualifier).get();
    }

    private static JdbcExperimentStore jdbc(AgroalDataSource database, Dialect dialect,
            IdempotencyConfig idempotency, String description) {
        // Flyway itself, not Quarkus's extension: the extension prepares Flyway (and a transaction manager)
        // for every datasource at start-up, half a second here, for a migration that only the chosen store
        // runs, once, off the start-up path. The migrations are found on the class path as usual.
        Runnable migrate = () -> Flyway.configure().dataSource(database)
                .placeholders(dialect.placeholders())
                .load()
                .migrate();
        if (dialect == Dialect.H2) {
            // The embedded file is on this machine: if it cannot be opened now (another process holds it), it
            // will not be later, and the service must not start as if it had a store.
            try {
                migrate.run();
            } catch (FlywayException e) {
                throw new IllegalStateException("Could not open " + description + ": " + rootMessage(e)
                        + ". Is another instance using it? The embedded store serves one process; stop the other one, "
                        + "set PLAYGROUND_STORE_DIRECTORY to use another directory, or share PostgreSQL "
                        + "(playground.store.kind=postgresql).", e);
            }
            migrate = () -> { };
        }
        LOG.infof("Experiments are kept in %s", description);
        return new JdbcExperimentStore(database, dialect, idempotency.retention(), idempotency.maxKeys(),
                InstantSource.system(), migrate);
    }

    /**
     * Stops the shared store's feed once the runner has settled: its thread ends and its session closes, rather
     * than being cut off by the process's exit.
     */
    void stopListening(@Observes @Priority(AFTER_THE_RUNNER) ShutdownEvent event) {
        ChangeFeed listening = feed;
        if (listening != null) {
            listening.close();
        }
    }

    /**
     * Gives the embedded file back the space its commits left behind, if most of it is dead ({@link EmbeddedFile}).
     * This closes the database, so it runs last, and on a connection of its own rather than the pool's: a pooled
     * connection returned to a closed database makes the pool warn. A failure leaves the file as it was, and so
     * does H2 when it cannot write the new file, without an error: the file's size afterwards says which it was.
     */
    void compactOnStop(@Observes @Priority(AFTER_THE_RUNNER) ShutdownEvent event) {
        if (!embeddedOpened) {
            return;
        }
        Config config = ConfigProvider.getConfig();
        String url = config.getValue("quarkus.datasource.jdbc.url", String.class);
        Properties credentials = new Properties();
        config.getOptionalValue("quarkus.datasource.username", String.class).ifPresent(user -> credentials.put("user", user));
        config.getOptionalValue("quarkus.datasource.password", String.class).ifPresent(word -> credentials.put("password", word));
        long start = System.nanoTime();
        try (Connection connection = new org.h2.Driver().connect(url, credentials)) {
            EmbeddedFile.compactIfSparse(connection).ifPresent(before -> {
                long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
                long after = EmbeddedFile.fileOf(url, System.getProperty("user.home")).map(StoreProducer::size).orElse(-1L);
                if (after < 0) {
                    LOG.infof("Compacted the embedded store's database in %d ms: it was %d MB, %d %% of it alive", millis,
                            before.fileBytes() >> 20, before.chunksFillPercent());
                } else if (after < before.fileBytes()) {
                    LOG.infof("Compacted the embedded store's file in %d ms, from %d MB (%d %% of it alive) to %d MB",
                            millis, before.fileBytes() >> 20, before.chunksFillPercent(), after >> 20);
                } else {
                    LOG.warnf("The embedded store's file was to be compacted (%d MB, %d %% of it alive), but H2 left it at %d MB. "
                            + "Is its disk full? Its data are as they were; the next stop tries again.",
                            before.fileBytes() >> 20, before.chunksFillPercent(), after >> 20);
                }
            });
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("The embedded store's file was left as it is, not compacted: %s", e.getMessage());
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}
