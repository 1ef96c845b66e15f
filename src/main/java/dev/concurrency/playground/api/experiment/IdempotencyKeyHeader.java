package dev.concurrency.playground.api.experiment;

import dev.concurrency.playground.api.problem.ProblemException;
import dev.concurrency.playground.api.problem.Violation;
import dev.concurrency.playground.experiment.IdempotencyKey;
import java.util.List;
import java.util.Optional;

/**
 * Reads the {@code Idempotency-Key} request header (draft-ietf-httpapi-idempotency-key-header): a
 * Structured Field string (RFC 8941), {@code "..."} with {@code \"} and {@code \\} as its only escapes.
 * A bare value without quotes is taken too, as the same key: many clients (and the habit Stripe set)
 * send one, and refusing it would only make retries fail. Whatever its form, the key is 1 to
 * {@value IdempotencyKey#MAX_LENGTH} printable ASCII characters. A key that breaks these rules is
 * refused with 400 rather than ignored: a client that sends one means to retry safely, and running
 * its request without the protection it asked for would betray that.
 */
final class IdempotencyKeyHeader {

    static final String NAME = "Idempotency-Key";

    private IdempotencyKeyHeader() {
    }

    /** The key, or empty when the header is absent. */
    static Optional<IdempotencyKey> parse(List<String> values) {
        if (values == null || values.isEmpty()) {
            return Optional.empty();
        }
        if (values.size() > 1) {
            throw invalid("must be sent once, not " + values.size() + " times");
        }
        String field = values.getFirst().strip();
        String key = field.startsWith("\"") ? unquote(field) : bare(field);
        String problem = IdempotencyKey.problem(key);
        if (problem != null) {
            throw invalid(problem);
        }
        return Optional.of(new IdempotencyKey(key));
    }

    /** The content of an sf-string that must be the whole field: no parameters, nothing after it. */
    private static String unquote(String field) {
        StringBuilder key = new StringBuilder();
        for (int i = 1; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\') {
                if (i + 1 == field.length() || (field.charAt(i + 1) != '"' && field.charAt(i + 1) != '\\')) {
                    throw invalid("may escape only \" and \\ with a backslash inside its quotes");
                }
                key.append(field.charAt(++i));
            } else if (c == '"') {
                if (i + 1 != field.length()) {
                    throw invalid("must be one quoted string with nothing after its closing quote");
                }
                return key.toString();
            } else {
                // A character outside printable ASCII is reported by the key's own rule, which names it.
                key.append(c);
            }
        }
        throw invalid("must end with a closing quote");
    }

    private static String bare(String field) {
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '"' || c == '\\' || c == ',' || c == ' ') {
                throw invalid("must be a quoted string (\"...\") when it holds spaces, quotes, backslashes or "
                        + "commas; without quotes it is one run of visible ASCII characters");
            }
        }
        return field;
    }

    private static ProblemException invalid(String message) {
        return ProblemException.invalid("The " + NAME + " header " + message + ".",
                List.of(new Violation(NAME, message)));
    }
}
