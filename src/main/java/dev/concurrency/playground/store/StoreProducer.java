package dev.concurrency.playground.store;

import dev.concurrency.playground.config.IdempotencyConfig;
import dev.concurrency.playground.config.StoreConfig;
import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;
import io.quarkus.arc.Arc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Default;
import jakarta.enterprise.inject.Produces;
import java.lang.annotation.Annotation;
import java.time.InstantSource;
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

    @Produces
    @ApplicationScoped
    ExperimentStore store(StoreConfig config, IdempotencyConfig idempotency) {
        return switch (config.kind()) {
            case MEMORY -> new InMemoryExperimentStore(idempotency);
            case EMBEDDED -> jdbc(Default.Literal.INSTANCE, Dialect.H2, idempotency, embedded(config));
            case POSTGRESQL -> {
                if (ConfigProvider.getConfig().getOptionalValue("quarkus.datasource.postgresql.jdbc.url", String.class)
                        .isEmpty()) {
                    throw new IllegalStateException("playground.store.kind is postgresql, but no database is configured: "
                            + "set QUARKUS_DATASOURCE_POSTGRESQL_JDBC_URL (jdbc:postgresql://host:5432/database), "
                            + "QUARKUS_DATASOURCE_POSTGRESQL_USERNAME and QUARKUS_DATASOURCE_POSTGRESQL_PASSWORD");
                }
                yield jdbc(new DataSource.DataSourceLiteral(POSTGRESQL),
                        Dialect.POSTGRESQL, idempotency, "the PostgreSQL store");
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

    private static ExperimentStore jdbc(Annotation dataSource, Dialect dialect,
            IdempotencyConfig idempotency, String description) {
        AgroalDataSource database = Arc.container().instance(AgroalDataSource.class, dataSource).get();
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

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}
