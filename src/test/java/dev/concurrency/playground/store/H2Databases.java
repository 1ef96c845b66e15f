package dev.concurrency.playground.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/**
 * Fresh H2 databases for store tests, each migrated as the service migrates its embedded store, and shut
 * down by {@link #close()}: in-memory ones would otherwise live as long as the JVM.
 */
final class H2Databases implements AutoCloseable {

    private final List<JdbcDataSource> opened = new ArrayList<>();

    /** A new, empty, migrated in-memory database, kept until {@link #close()} even with no connection open. */
    DataSource freshInMemory() {
        DataSource dataSource = unmigratedInMemory();
        Migrations.migrate(dataSource, Dialect.H2);
        return dataSource;
    }

    /** A new in-memory database with no schema, kept until {@link #close()}. */
    DataSource unmigratedInMemory() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:store-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        opened.add(dataSource);
        return dataSource;
    }

    @Override
    public void close() throws SQLException {
        for (JdbcDataSource dataSource : opened) {
            try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
                statement.execute("SHUTDOWN");
            }
        }
        opened.clear();
    }
}
