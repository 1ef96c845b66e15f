package dev.concurrency.playground.store;

import static org.junit.jupiter.api.Assertions.fail;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Schemas of their own for store tests, in the machine's PostgreSQL ({@value #HOST}:{@value #PORT}, database
 * {@value #DATABASE}, trust authentication): each {@link #fresh()} is a new schema with a random name, migrated
 * as the service migrates a fleet's store, and {@link #close()} closes their pools and drops them all. A test class opens one in
 * {@code @BeforeAll}; if the server cannot be reached, that fails every test of the class with what is
 * missing and how to start it, rather than skipping them: a contract nobody checked is not kept.
 */
final class PostgresSchemas implements AutoCloseable {

    static final String HOST = "127.0.0.1";
    static final int PORT = 5432;
    static final String DATABASE = "test";
    static final String START = "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start";

    private final String user;
    private final String prefix = "store_test_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    private final List<String> created = new ArrayList<>();
    private final List<io.agroal.api.AgroalDataSource> pools = new ArrayList<>();

    private PostgresSchemas(String user) {
        this.user = user;
    }

    /** Connects as the first user the server lets in without a password: {@code postgres}, then the OS user. */
    static PostgresSchemas open() {
        Map<String, String> refusals = new LinkedHashMap<>();
        for (String user : List.of("postgres", System.getProperty("user.name"))) {
            if (refusals.containsKey(user)) {
                continue;
            }
            try (Connection connection = dataSource(user, null).getConnection()) {
                connection.isValid(2);
                return new PostgresSchemas(user);
            } catch (SQLException e) {
                refusals.put(user, e.getMessage());
            }
        }
        return fail("The PostgreSQL store tests need the machine's PostgreSQL at " + HOST + ":" + PORT + ", database '"
                + DATABASE + "', with trust authentication for TCP connections from " + HOST + ", but connecting failed: "
                + refusals + ". If the server is not running, start it: " + START + " (then check with: psql -h " + HOST
                + " -d " + DATABASE + " -c 'select current_user'). If the database is missing: createdb -h " + HOST
                + " -U postgres " + DATABASE + ".");
    }

    private static PGSimpleDataSource dataSource(String user, String schema) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setServerNames(new String[] {HOST});
        dataSource.setPortNumbers(new int[] {PORT});
        dataSource.setDatabaseName(DATABASE);
        dataSource.setUser(user);
        dataSource.setConnectTimeout(3);
        dataSource.setLoginTimeout(3);
        dataSource.setApplicationName("store-contract-test");
        if (schema != null) {
            dataSource.setCurrentSchema(schema);
        }
        return dataSource;
    }

    /**
     * A new schema, migrated and empty, behind a pool (Agroal, as the service has) whose connections have it as
     * their current schema. A connection of its own per operation made the contract's concurrent tests take 90 s.
     */
    DataSource fresh() {
        io.agroal.api.AgroalDataSource pool = pool(newSchema(), 32);
        pools.add(pool);
        Migrations.migrate(pool, Dialect.POSTGRESQL);
        return pool;
    }

    /** Connections to the database, to no schema in particular (a change feed listens to the whole database). */
    DataSource unpooled() {
        return dataSource(user, null);
    }

    /**
     * A new schema, migrated and empty, behind a pool of at most {@code maxSize} connections, which the caller
     * closes before {@link #close()}.
     */
    io.agroal.api.AgroalDataSource pooled(int maxSize) {
        String schema = newSchema();
        // Not through the pool: Flyway takes two connections at once.
        Migrations.migrate(dataSource(user, schema), Dialect.POSTGRESQL);
        return pool(schema, maxSize);
    }

    private String newSchema() {
        String schema = prefix + "_" + created.size();
        execute("CREATE SCHEMA " + schema);
        created.add(schema);
        return schema;
    }

    private io.agroal.api.AgroalDataSource pool(String schema, int maxSize) {
        try {
            return io.agroal.api.AgroalDataSource.from(new io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier()
                    .connectionPoolConfiguration(pool -> pool.maxSize(maxSize)
                            .acquisitionTimeout(java.time.Duration.ofSeconds(10))
                            .connectionFactoryConfiguration(factory -> factory
                                    .jdbcUrl("jdbc:postgresql://" + HOST + ":" + PORT + "/" + DATABASE + "?currentSchema="
                                            + schema + "&ApplicationName=store-contract-test&connectTimeout=3")
                                    .principal(new io.agroal.api.security.NamePrincipal(user)))));
        } catch (SQLException e) {
            throw new IllegalStateException("A pool for schema " + schema + ": " + e.getMessage(), e);
        }
    }

    private void execute(String sql) {
        try (Connection connection = dataSource(user, null).getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        pools.forEach(io.agroal.api.AgroalDataSource::close);
        pools.clear();
        created.forEach(schema -> execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE"));
        created.clear();
    }

    /** {@code dataSource}, counting the connections taken from it. */
    static DataSource counting(DataSource dataSource, AtomicInteger connections) {
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, arguments) -> {
                    if (method.getName().equals("getConnection")) {
                        connections.incrementAndGet();
                    }
                    try {
                        return method.invoke(dataSource, arguments);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
