package dev.concurrency.playground.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.concurrency.playground.experiment.Experiment;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.InstantSource;
import java.util.List;
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
}
