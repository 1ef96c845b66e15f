package dev.concurrency.playground.store;

import dev.concurrency.playground.experiment.Experiment;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * The cursor every store issues, so a cursor means the same to each of them: the {@code (submittedAt,
 * id)} of the last experiment of a page, and a digest of the query's filters. Base64url, so it goes in
 * a URL as it is; clients are told it is opaque, which leaves its layout free to change (its first
 * field is a version).
 *
 * <p>The digest makes a cursor used with other filters an error instead of a page of one query
 * continued with another's position, which would silently skip or repeat experiments. It is not a
 * signature: a forged cursor can only choose where a listing the client may read anyway starts.
 */
public final class Cursors {

    private static final String VERSION = "1";
    /** Longer than any cursor issued (the ids are 36 characters); more is not worth decoding. */
    public static final int MAX_LENGTH = 200;

    private Cursors() {
    }

    /** Where a page ends, in the listing's order. */
    public record Position(Instant submittedAt, String id) {

        /** Newest first: later instants, and within one instant larger ids, come first. */
        static final Comparator<Position> NEWEST_FIRST = Comparator.comparing(Position::submittedAt)
                .thenComparing(Position::id).reversed();

        public Position {
            Objects.requireNonNull(submittedAt, "submittedAt");
            Objects.requireNonNull(id, "id");
        }

        public static Position of(Experiment experiment) {
            return new Position(experiment.submittedAt(), experiment.id());
        }
    }

    public static String encode(Position last, ListQuery query) {
        String text = String.join("|", VERSION, Long.toString(last.submittedAt().getEpochSecond()),
                Integer.toString(last.submittedAt().getNano()), digest(query), last.id());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The position {@code query}'s cursor records, or empty for the first page.
     *
     * @throws InvalidCursorException if the cursor was not issued for a query with these filters
     */
    public static Optional<Position> decode(ListQuery query) {
        String cursor = query.cursor();
        if (cursor == null) {
            return Optional.empty();
        }
        if (cursor.length() > MAX_LENGTH) {
            throw new InvalidCursorException("is longer than any cursor this service issues");
        }
        String[] fields;
        try {
            fields = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|", 5);
        } catch (IllegalArgumentException notBase64) {
            throw new InvalidCursorException("is not a cursor this service issued");
        }
        if (fields.length != 5 || !fields[0].equals(VERSION) || fields[4].isEmpty()) {
            throw new InvalidCursorException("is not a cursor this service issued");
        }
        if (!fields[3].equals(digest(query))) {
            throw new InvalidCursorException("belongs to a listing with other filters");
        }
        try {
            return Optional.of(new Position(
                    Instant.ofEpochSecond(Long.parseLong(fields[1]), Integer.parseInt(fields[2])), fields[4]));
        } catch (NumberFormatException | DateTimeException garbled) {
            throw new InvalidCursorException("is not a cursor this service issued");
        }
    }

    private static String digest(ListQuery query) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(query.filters().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
