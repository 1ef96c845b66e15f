package dev.concurrency.playground.store;

import static dev.concurrency.playground.store.ExperimentStoreContract.T0;
import static dev.concurrency.playground.store.ExperimentStoreContract.environment;
import static dev.concurrency.playground.store.ExperimentStoreContract.fullyPopulated;
import static dev.concurrency.playground.store.ExperimentStoreContract.queued;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.concurrency.playground.experiment.Experiment;
import dev.concurrency.playground.experiment.IdempotencyKey;
import dev.concurrency.playground.store.ExperimentStore.Admission;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded store as the service keeps it, in an H2 file ({@code application.properties} has the same
 * URL): what it keeps survives closing the database and opening it anew, document for document; and while
 * one process has the file open, another cannot open it, which is why the embedded store serves one process.
 */
class H2FileStoreTest {

    @TempDir
    Path directory;

    private final MovableClock clock = new MovableClock(T0);

    private H2File h2() {
        return new H2File(directory);
    }

    /** The document column as stored. */
    private static String document(Connection connection, String id) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT document FROM experiment WHERE id = ?")) {
            select.setString(1, id);
            try (ResultSet row = select.executeQuery()) {
                assertTrue(row.next(), id + " is stored");
                return row.getString(1);
            }
        }
    }

    @Test
    void whatWasWrittenSurvivesClosingAndOpeningTheDatabaseAgain() throws Exception {
        Experiment full = fullyPopulated("full");
        IdempotencyKey key = new IdempotencyKey("retry-me");
        String written;
        JdbcDataSource first = h2().dataSource();
        // Held open so that the store's own connections share one open database, as a pool would.
        try (Connection holder = first.getConnection()) {
            Migrations.migrate(first, Dialect.H2);
            JdbcExperimentStore store = H2File.store(first, clock);
            store.insert(full);
            store.admit(queued("second", 5, null), 1, 10, null, null);
            store.admit(queued("first", 9, null), 1, 10, key, "fp");
            store.update("first", e -> e.requeued("put back"));
            written = document(holder, "full");
            assertEquals(new ExperimentDocuments().write(full), written, "the document is the record as the mapper writes it");
            H2File.shutDown(holder);
        }
        assertTrue(Files.isRegularFile(directory.resolve("experiments.mv.db")), "kept in a file");

        // A new data source and store on the same file, as a restarted process makes them.
        JdbcDataSource second = h2().dataSource();
        try (Connection holder = second.getConnection()) {
            assertEquals(0, Migrations.migrate(second, Dialect.H2).migrationsExecuted, "the schema is there already");
            JdbcExperimentStore store = H2File.store(second, clock);
            String read = document(holder, "full");
            assertArrayEquals(written.getBytes(StandardCharsets.UTF_8), read.getBytes(StandardCharsets.UTF_8),
                    "byte for byte the document written");
            assertEquals(full, store.find("full").orElseThrow());
            assertEquals("first", store.findByIdempotencyKey(key).orElseThrow().experimentId(), "the key binding too");
            assertEquals("put back", store.find("first").orElseThrow().statusReason());
            assertEquals(List.of("second", "first"), List.of(
                    store.claimNext(e -> e.started(clock.instant(), environment("i1"))).orElseThrow().id(),
                    store.claimNext(e -> e.started(clock.instant(), environment("i1"))).orElseThrow().id()),
                    "and the admission order");
            assertInstanceOf(Admission.KeyTaken.class, store.admit(queued("again", 10, null), 1, 10, key, "fp"));
            H2File.shutDown(holder);
        }
    }

    /** Runs {@link H2FileOpener} in a JVM of its own on this test's database. */
    private String openInAnotherProcess(int expectedExit) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                H2FileOpener.class.getName(), h2().url()).redirectErrorStream(true).start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the other process ends");
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(expectedExit, process.exitValue(), output);
        return output;
    }

    @Test
    void anotherProcessCannotOpenTheDatabaseWhileOneHasItOpen() throws Exception {
        JdbcDataSource dataSource = h2().dataSource();
        try (Connection holder = dataSource.getConnection()) {
            Migrations.migrate(dataSource, Dialect.H2);
            H2File.store(dataSource, clock).insert(queued("a", 1, null));
            String refused = openInAnotherProcess(2);
            // 90020: DATABASE_ALREADY_OPEN_1, "Database may be already in use".
            assertTrue(refused.contains("error 90020"), refused);
            H2File.shutDown(holder);
        }
        assertTrue(openInAnotherProcess(0).contains("experiments: 1"), "closed: the other process opens it and finds what was written");
    }
}
