package dev.concurrency.playground.experiment;

import java.util.Objects;

/**
 * A client's name for one submission (the {@code Idempotency-Key} of the IETF httpapi draft), as the
 * service keeps it: 1 to {@value #MAX_LENGTH} printable ASCII characters, space included, which is the
 * content a Structured Field string can carry. Bounded so that a key costs a known amount of memory
 * and can be a fixed-size column in a database.
 */
public record IdempotencyKey(String value) {

    public static final int MAX_LENGTH = 255;

    public IdempotencyKey {
        Objects.requireNonNull(value, "value");
        String problem = problem(value);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    /** What is wrong with {@code value} as a key, in words a client can act on; null if nothing. */
    public static String problem(String value) {
        if (value.isEmpty()) {
            return "must not be empty";
        }
        if (value.length() > MAX_LENGTH) {
            return "must be at most " + MAX_LENGTH + " characters, not " + value.length();
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return "must be printable ASCII (space to ~); character " + (i + 1) + " is U+"
                        + String.format("%04X", (int) c);
            }
        }
        return null;
    }
}
