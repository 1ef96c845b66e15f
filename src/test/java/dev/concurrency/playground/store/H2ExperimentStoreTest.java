package dev.concurrency.playground.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.concurrency.playground.experiment.Experiment;
import dev.concurrency.playground.experiment.IdempotencyKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The store contract, kept by the JDBC store on the embedded default, H2 (in memory here; see H2FileStoreTest). */
class H2ExperimentStoreTest extends ExperimentStoreContract {

    private final H2Databases databases = new H2Databases();

    @Override
    protected ExperimentStore emptyStore(InstantSource clock) {
        return new JdbcExperimentStore(databases.freshInMemory(), Dialect.H2, KEY_RETENTION, MAX_KEYS, clock);
    }

    @AfterEach
    void shutDown() throws SQLException {
        databases.close();
    }

    /** A database of the first release, with experiments queued, counts them once migrated. */
    @Test
    void theMigrationCountsTheExperimentsAlreadyQueued() throws SQLException {
        DataSource old = databases.unmigratedInMemory();
        Migrations.migrateTo(old, Dialect.H2, "1");
        ExperimentDocuments documents = new ExperimentDocuments();
        List<Experiment> rows = List.of(queued("q1", 1, null), queued("q2", 2, null), completed(queued("c", 3, null)));
        try (Connection connection = old.getConnection(); PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO experiment (id, seq, status, submitted_at, strategies, planned_seconds, format, document)
                VALUES (?, ?, ?, 0, ',atomic,', 1, ?, ?)""")) {
            for (int i = 0; i < rows.size(); i++) {
                insert.setString(1, rows.get(i).id());
                insert.setLong(2, i + 1);
                insert.setString(3, rows.get(i).status().name());
                insert.setInt(4, ExperimentDocuments.FORMAT);
                insert.setString(5, documents.write(rows.get(i)));
                insert.executeUpdate();
            }
        }
        Migrations.migrate(old, Dialect.H2);
        ExperimentStore migrated = new JdbcExperimentStore(old, Dialect.H2, KEY_RETENTION, MAX_KEYS, clock);
        assertEquals(2, migrated.countQueued());
        assertEquals(2, assertInstanceOf(ExperimentStore.Admission.QueueFull.class,
                migrated.admit(queued("q3", 4, null), 1, 2, null, null)).queued());
        assertInstanceOf(ExperimentStore.Admission.Admitted.class, migrated.admit(queued("q3", 4, null), 1, 3, null, null));
        assertEquals(3, migrated.countQueued());
    }

    @Test
    void saysWhatItIs() {
        assertEquals(true, store.isDurable(), "durable");
        assertEquals(false, store.isShared(), "shared");
        assertTrue(store.isAvailable());
    }

    /** A database of an earlier release, with keys bound, counts them once migrated, and forgets the oldest first. */
    @Test
    void theMigrationCountsTheKeysAlreadyBound() throws SQLException {
        DataSource old = databases.unmigratedInMemory();
        Migrations.migrateTo(old, Dialect.H2, "2");
        Instant expiry = T0.plusSeconds(3600); // alive, and before any key bound from now on expires
        try (Connection connection = old.getConnection(); PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO idempotency_key (idempotency_key, fingerprint, experiment_id, expires_at) VALUES (?, 'fp', ?, ?)")) {
            for (int i = 1; i <= 3; i++) {
                insert.setString(1, "k" + i);
                insert.setString(2, "e" + i);
                insert.setLong(3, JdbcExperimentStore.nanos(expiry.plusSeconds(i)));
                insert.executeUpdate();
            }
        }
        Migrations.migrate(old, Dialect.H2);
        ExperimentStore migrated = new JdbcExperimentStore(old, Dialect.H2, KEY_RETENTION, 3, clock);
        migrated.insert(queued("e4", 4, null), new IdempotencyKey("k4"), "fp");
        assertEquals(Optional.empty(), migrated.findByIdempotencyKey(new IdempotencyKey("k1")), "three at most");
        for (int i = 2; i <= 4; i++) {
            assertEquals("e" + i, migrated.findByIdempotencyKey(new IdempotencyKey("k" + i)).orElseThrow().experimentId());
        }
    }

    /**
     * A page deep in a long history starts where its cursor points: the database reads that page's rows, not every
     * experiment newer than it (as it did for "submitted_at < ? OR submitted_at = ? AND id < ?").
     */
    @Test
    void aPageDeepInALongHistoryReadsOnlyItsOwnRows() throws SQLException {
        DataSource dataSource = databases.freshInMemory();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            // e00001 .. e05000, submitted 1 microsecond apart, in that order.
            statement.executeUpdate("""
                    INSERT INTO experiment (id, seq, status, submitted_at, strategies, planned_seconds, format, document)
                    SELECT 'e' || LPAD(X, 5, '0'), X, 'COMPLETED', X * 1000, ',atomic,', 1, 1, '{}'
                    FROM SYSTEM_RANGE(1, 5000)""");
            JdbcExperimentStore.Select select = JdbcExperimentStore.select(ListQuery.all(20),
                    Optional.of(new Cursors.Position(Instant.ofEpochSecond(0, 2_500_000), "e02500"))).orElseThrow();

            List<String> page = new ArrayList<>();
            try (PreparedStatement query = bound(connection, select.sql(), select.parameters());
                    ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    page.add(rows.getString(1));
                }
            }
            List<String> expected = new ArrayList<>();
            for (int n = 2499; n >= 2479; n--) {
                expected.add(String.format("e%05d", n));
            }
            assertEquals(expected, page, "the 21 experiments submitted just before the cursor, newest first");

            try (PreparedStatement explain = bound(connection, "EXPLAIN ANALYZE " + select.sql(), select.parameters());
                    ResultSet plan = explain.executeQuery()) {
                assertTrue(plan.next());
                String text = plan.getString(1);
                Matcher scanned = Pattern.compile("scanCount: (\\d+)").matcher(text);
                assertTrue(scanned.find(), text);
                assertTrue(Integer.parseInt(scanned.group(1)) <= 22, "rows read for a page of 21:\n" + text);
            }
        }
    }

    private static PreparedStatement bound(Connection connection, String sql, List<Object> parameters)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < parameters.size(); i++) {
            statement.setObject(i + 1, parameters.get(i));
        }
        return statement;
    }
}
