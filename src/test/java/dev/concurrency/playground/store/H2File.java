package dev.concurrency.playground.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.InstantSource;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/**
 * An H2 database in a file of a test's directory, opened as {@code application.properties} opens the embedded
 * store's: every commit written at once ({@code WRITE_DELAY=0}).
 */
record H2File(Path directory) {

    String url() {
        return "jdbc:h2:file:" + directory.resolve("experiments") + ";WRITE_DELAY=0";
    }

    /** The file H2 keeps the database in. */
    Path file() {
        return directory.resolve("experiments.mv.db");
    }

    /** A new data source on it, as a process opening the file makes one (no pool). */
    JdbcDataSource dataSource() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL(url());
        return dataSource;
    }

    /** The embedded store on {@code dataSource}, keeping keys for a day. */
    static JdbcExperimentStore store(DataSource dataSource, InstantSource clock) {
        return new JdbcExperimentStore(dataSource, Dialect.H2, Duration.ofHours(24), 1000, clock);
    }

    /** Closes the database, as a process that stops does. */
    static void shutDown(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SHUTDOWN");
        }
    }
}
