package dev.concurrency.playground.config;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/**
 * The PostgreSQL database that experiments may choose ({@code "database": "postgresql"}) to run their database
 * strategies' race in. Not the store's database, though it may be the same server or even the same database:
 * the race keeps to a schema of its own ({@code playground_race}). Unset by default, and then a request for it
 * is refused, naming {@link #jdbcUrl()}.
 */
@ConfigMapping(prefix = "playground.backends.postgresql")
public interface PostgresqlBackendConfig {

    /** The setting that makes PostgreSQL available, as an operator sets it. */
    String JDBC_URL = "playground.backends.postgresql.jdbc-url";

    /** {@link #JDBC_URL} as an environment variable. */
    String JDBC_URL_VARIABLE = "PLAYGROUND_BACKENDS_POSTGRESQL_JDBC_URL";

    /** E.g. {@code jdbc:postgresql://127.0.0.1:5432/test}; unset, PostgreSQL is not offered. */
    Optional<String> jdbcUrl();

    /** The user the race connects as; it needs to create a schema and a table the first time. */
    Optional<String> username();

    Optional<String> password();
}
