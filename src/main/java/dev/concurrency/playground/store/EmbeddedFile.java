package dev.concurrency.playground.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * The embedded store's H2 file, and giving back the space that its commits leave behind in it.
 * <p>
 * H2 never writes a page where it was: every commit (one per state change, {@code WRITE_DELAY=0}) writes the
 * changed pages anew at the end of the file, about 30 KB for an admission, and keeps the space of the pages they
 * replace for {@code RETENTION_TIME} (45 s), so that a crash of the machine finds the older pages intact while the
 * newer ones may not have reached the disk. After that the space is reused, but the file never gets shorter: H2's
 * background housekeeping, which would compact it, runs on the thread that writes commits in the background, and
 * with every commit written at once H2 stops that thread. Flooded with submissions, a file that held 15 MB of
 * data, 18,462 tiny experiments, had grown to 1.19 GB, and stayed that size across restarts.
 * <p>
 * So at a graceful stop, when most of what the file's chunks hold is dead and what lives is small enough to copy in
 * a few seconds, the store closes the database with {@code SHUTDOWN COMPACT}, which writes the live data into a new
 * file (H2 writes it beside the old one and swaps them, so a crash meanwhile leaves the old file). A file that is
 * mostly alive is left alone: copying it would only make every stop slower. A crash leaves no chance to compact;
 * the next graceful stop does.
 */
final class EmbeddedFile {

    /** Smaller files are left alone: a few megabytes on a disk are not worth a slower stop. */
    static final long SMALLEST_WORTH_COMPACTING = 16L << 20;

    /** Compacted only when less than this share (%) of what the file's chunks hold is alive. */
    static final int SPARSE_BELOW_PERCENT = 50;

    /**
     * At most this much live data (an estimate: the file's size times its chunks' fill rate) is copied at a stop.
     * H2 copied 100,000 rows of 2.4 KB documents, a file of 380 MB, in 1.6 s on the 2-core development machine, and
     * the 1.19 GB file above, in the service at its stop, in 1.1 s.
     */
    static final long LARGEST_LIVE_TO_COPY = 512L << 20;

    private EmbeddedFile() {
    }

    /**
     * How a database's file is used, as H2 reports it: its size in bytes, and the share (%) of what its chunks hold
     * that is still alive. An in-memory database has no file: size 0.
     */
    record Usage(long fileBytes, int chunksFillPercent) {

        static final Usage NO_FILE = new Usage(0, 100);

        /** The live data, estimated: what would be copied into the compacted file. */
        long liveBytes() {
            return fileBytes / 100 * chunksFillPercent;
        }

        boolean worthCompacting() {
            return fileBytes >= SMALLEST_WORTH_COMPACTING && chunksFillPercent < SPARSE_BELOW_PERCENT
                    && liveBytes() <= LARGEST_LIVE_TO_COPY;
        }
    }

    /**
     * The file an H2 database URL names ({@code jdbc:h2:file:PATH;SETTINGS}, H2 adding {@code .mv.db}, a leading
     * {@code ~} being the user's home, as H2 reads it), to see what a compaction made of it: H2 does not say when
     * it could not compact (with the disk full, it left the file as it was and reported no error).
     *
     * @return empty for any other URL, such as an in-memory database's
     */
    static Optional<Path> fileOf(String url, String userHome) {
        String prefix = "jdbc:h2:file:";
        if (!url.startsWith(prefix)) {
            return Optional.empty();
        }
        String base = url.substring(prefix.length()).split(";", 2)[0];
        if (base.equals("~") || base.startsWith("~/")) {
            base = userHome + base.substring(1);
        }
        return base.isEmpty() ? Optional.empty() : Optional.of(Path.of(base + ".mv.db"));
    }

    /** The file's usage, from H2's {@code info.*} settings; an in-memory database reports neither. */
    static Usage usage(Connection connection) throws SQLException {
        long size = Usage.NO_FILE.fileBytes();
        int fill = Usage.NO_FILE.chunksFillPercent();
        try (Statement statement = connection.createStatement();
                ResultSet settings = statement.executeQuery("SELECT SETTING_NAME, SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS"
                        + " WHERE SETTING_NAME IN ('info.FILE_SIZE', 'info.CHUNKS_FILL_RATE')")) {
            while (settings.next()) {
                if (settings.getString(1).equals("info.FILE_SIZE")) {
                    size = Long.parseLong(settings.getString(2));
                } else {
                    fill = Integer.parseInt(settings.getString(2));
                }
            }
        }
        return new Usage(size, fill);
    }

    /**
     * Closes the database with {@code SHUTDOWN COMPACT} if its file is {@linkplain Usage#worthCompacting() worth
     * compacting}, which ends every connection to it; otherwise leaves it open.
     *
     * @return the usage before compacting, if it compacted
     */
    static Optional<Usage> compactIfSparse(Connection connection) throws SQLException {
        Usage usage = usage(connection);
        if (!usage.worthCompacting()) {
            return Optional.empty();
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("SHUTDOWN COMPACT");
        }
        return Optional.of(usage);
    }
}
