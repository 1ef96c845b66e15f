package dev.concurrency.playground.store;

import static dev.concurrency.playground.store.ExperimentStoreContract.T0;
import static dev.concurrency.playground.store.ExperimentStoreContract.environment;
import static dev.concurrency.playground.store.ExperimentStoreContract.queued;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.concurrency.playground.experiment.Experiment;
import dev.concurrency.playground.experiment.ExperimentStatus;
import dev.concurrency.playground.store.EmbeddedFile.Usage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The embedded file given back the space its commits left behind: a file of mostly dead pages is compacted and
 * keeps every experiment as it was; a file mostly alive, a small one, or an in-memory database is left open.
 */
class EmbeddedFileTest {

    private static final long MB = 1L << 20;

    @TempDir
    Path directory;

    private final MovableClock clock = new MovableClock(T0);

    private H2File h2() {
        return new H2File(directory);
    }

    @Test
    void aFileItsCommitsLeftMostlyDeadIsCompactedAndKeepsEveryExperiment() throws Exception {
        Map<String, Experiment> kept = new LinkedHashMap<>();
        long before;
        JdbcDataSource first = h2().dataSource();
        try (Connection holder = first.getConnection()) {
            Migrations.migrate(first, Dialect.H2);
            JdbcExperimentStore store = H2File.store(first, clock);
            // Experiments as the service runs them, three commits each, until the file is twice the smallest
            // worth compacting: each commit writes its pages anew, so most of the file is soon dead.
            for (int i = 0; Files.size(h2().file()) < 2 * EmbeddedFile.SMALLEST_WORTH_COMPACTING; i++) {
                assertTrue(i < 20_000, "the file grows with its commits; " + Files.size(h2().file()) + " bytes after " + i);
                store.admit(queued("e" + i, i, "experiment " + i), 1, 100, null, null);
                String id = store.claimNext(e -> e.started(clock.instant(), environment("i1"))).orElseThrow().id();
                Experiment done = store.update(id, e -> e.finished(ExperimentStatus.COMPLETED, clock.instant(), null))
                        .orElseThrow();
                kept.put(id, done);
            }
            before = Files.size(h2().file());
            Usage usage = EmbeddedFile.usage(holder);
            assertEquals(before, usage.fileBytes(), "H2's own figure for the file's size");
            assertTrue(usage.chunksFillPercent() < EmbeddedFile.SPARSE_BELOW_PERCENT, "mostly dead: " + usage);

            Optional<Usage> compacted = EmbeddedFile.compactIfSparse(holder);
            assertTrue(compacted.isPresent(), "compacted: " + usage);
        }
        assertEquals(Optional.of(h2().file()), EmbeddedFile.fileOf(h2().url(), "/home/nobody"), "the file the URL names, as H2 made it");
        long after = Files.size(h2().file());
        assertTrue(after * 4 < before, "the file shrank from " + before + " to " + after + " bytes");

        // Opened anew, as the next start does: every experiment as it was, and the store works on.
        JdbcDataSource second = h2().dataSource();
        try (Connection holder = second.getConnection()) {
            JdbcExperimentStore store = H2File.store(second, clock);
            kept.forEach((id, experiment) -> assertEquals(Optional.of(experiment), store.find(id), id));
            assertEquals(kept.size(), count(holder), "and nothing else");
            store.admit(queued("after", 0, null), 1, 100, null, null);
            assertEquals("after", store.claimNext(e -> e.started(clock.instant(), environment("i1"))).orElseThrow().id());
            H2File.shutDown(holder);
        }
    }

    @Test
    void aLargeFileMostlyAliveIsLeftOpen() throws Exception {
        long rows = 3 * EmbeddedFile.SMALLEST_WORTH_COMPACTING / 10_000;
        JdbcDataSource dataSource = h2().dataSource();
        try (Connection holder = dataSource.getConnection()) {
            try (Statement statement = holder.createStatement()) {
                statement.execute("CREATE TABLE filler (id INT PRIMARY KEY, text VARCHAR(100000))");
            }
            try (PreparedStatement insert = holder.prepareStatement("INSERT INTO filler VALUES (?, ?)")) {
                // Random letters, which H2's compression cannot shrink below the smallest size compacted.
                Random random = new Random(42);
                for (int i = 0; i < rows; i++) {
                    StringBuilder text = new StringBuilder();
                    random.ints(10_000, 'a', 'z' + 1).forEach(c -> text.append((char) c));
                    insert.setInt(1, i);
                    insert.setString(2, text.toString());
                    insert.executeUpdate();
                }
            }
            // Compacted by hand, so every page in the file is alive.
            try (Statement statement = holder.createStatement()) {
                statement.execute("SHUTDOWN COMPACT");
            }
        }
        try (Connection holder = dataSource.getConnection()) {
            Usage usage = EmbeddedFile.usage(holder);
            assertTrue(usage.fileBytes() >= EmbeddedFile.SMALLEST_WORTH_COMPACTING, "large enough to be a candidate: " + usage);
            assertTrue(usage.chunksFillPercent() >= EmbeddedFile.SPARSE_BELOW_PERCENT, "mostly alive: " + usage);

            assertEquals(Optional.empty(), EmbeddedFile.compactIfSparse(holder));
            assertEquals(rows, count(holder, "filler"), "the database is still open on this connection");
            H2File.shutDown(holder);
        }
    }

    @Test
    void anInMemoryDatabaseHasNoFileToCompact() throws Exception {
        try (H2Databases databases = new H2Databases()) {
            DataSource dataSource = databases.freshInMemory();
            try (Connection connection = dataSource.getConnection()) {
                assertEquals(Usage.NO_FILE, EmbeddedFile.usage(connection));
                assertEquals(Optional.empty(), EmbeddedFile.compactIfSparse(connection));
                assertEquals(0, count(connection), "still open");
            }
        }
    }

    @ParameterizedTest(name = "{0} MB, {1} % alive: compacted {2}")
    @CsvSource({
        // Too small to bother, however dead.
        "15.99, 1, false",
        "16, 49, true",
        // Half alive or more: copying it would only slow the stop down.
        "16, 50, false",
        "1000, 49, true",
        // 2,000 MB at 26 % is 520 MB alive: more than a stop copies; at 25 %, 500 MB.
        "2000, 26, false",
        "2000, 25, true",
        "100000, 1, false",
        // 51,200 MB at 1 % is 512 MB alive, exactly the most a stop copies; a byte more is too much.
        "51200, 1, true",
        "51200.0001, 1, false",
    })
    void onlyALargeMostlyDeadFileWhoseLiveDataCopiesQuicklyIsCompacted(double megabytes, int alive, boolean compacted) {
        assertEquals(compacted, new Usage((long) (megabytes * MB), alive).worthCompacting());
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "jdbc:h2:file:/data/store/experiments;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE | /data/store/experiments.mv.db",
        "jdbc:h2:file:/data/store/experiments | /data/store/experiments.mv.db",
        "jdbc:h2:file:~/.concurrency-playground/experiments;WRITE_DELAY=0 | /home/u/.concurrency-playground/experiments.mv.db",
        "jdbc:h2:file:relative/experiments | relative/experiments.mv.db",
        // Only a leading ~ is the home directory.
        "jdbc:h2:file:/a/~b/experiments | /a/~b/experiments.mv.db",
        // No file: in memory, or no path at all.
        "jdbc:h2:mem:playground-test | ''",
        "jdbc:h2:file:;WRITE_DELAY=0 | ''",
        "jdbc:postgresql://127.0.0.1:5432/test | ''",
    })
    void theFileIsTheOneTheUrlNames(String url, String file) {
        assertEquals(file.isEmpty() ? Optional.empty() : Optional.of(Path.of(file)), EmbeddedFile.fileOf(url, "/home/u"));
    }

    @Test
    void theLiveDataIsTheFileTimesTheShareAlive() {
        assertEquals(250 * MB, new Usage(1000 * MB, 25).liveBytes());
        assertEquals(0, Usage.NO_FILE.liveBytes());
    }

    private static long count(Connection connection) throws SQLException {
        return count(connection, "experiment");
    }

    private static long count(Connection connection, String table) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
