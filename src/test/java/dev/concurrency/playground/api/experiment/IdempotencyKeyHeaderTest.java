package dev.concurrency.playground.api.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.concurrency.playground.api.problem.Problem;
import dev.concurrency.playground.api.problem.ProblemException;
import dev.concurrency.playground.experiment.IdempotencyKey;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The {@code Idempotency-Key} header: a Structured Field string, or a bare value meaning the same key. */
class IdempotencyKeyHeaderTest {

    private static String parse(String header) {
        return IdempotencyKeyHeader.parse(List.of(header)).orElseThrow().value();
    }

    @Test
    void noHeaderIsNoKey() {
        assertEquals(Optional.empty(), IdempotencyKeyHeader.parse(null));
        assertEquals(Optional.empty(), IdempotencyKeyHeader.parse(List.of()));
    }

    @ParameterizedTest(name = "[{0}] -> [{1}]")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
            "\"8e03978e-40d5-43e8-bc93-6894a57f9324\" | 8e03978e-40d5-43e8-bc93-6894a57f9324",
            "8e03978e-40d5-43e8-bc93-6894a57f9324     | 8e03978e-40d5-43e8-bc93-6894a57f9324",
            "'  \"nightly run 7\"  '                  | nightly run 7",
            "\"a\\\"b\\\\c\"                          | a\"b\\c",
            "\"x\"                                    | x",
            "order-42;v=1                             | order-42;v=1",
    })
    void aQuotedStringOrABareValueIsTheKey(String header, String key) {
        assertEquals(key, parse(header));
    }

    @Test
    void theQuotedAndTheBareFormOfOneKeyAreOneKey() {
        assertEquals(IdempotencyKeyHeader.parse(List.of("\"abc\"")), IdempotencyKeyHeader.parse(List.of("abc")));
    }

    @Test
    void theLongestKeyIsTakenAndOneMoreIsNot() {
        String longest = "k".repeat(IdempotencyKey.MAX_LENGTH);
        assertEquals(longest, parse("\"" + longest + "\""));
        ProblemException tooLong = assertThrows(ProblemException.class, () -> parse(longest + "k"));
        assertTrue(tooLong.getMessage().contains("at most 255 characters, not 256"), tooLong.getMessage());
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {
            "", "\"\"", "\"abc", "\"abc\";p=1", "\"abc\"x", "\"a\\b\"", "\"a\\\"", "a b", "a\"b", "a\\b",
            "a,b", "\"caf\u00e9\"", "caf\u00e9", "\"tab\there\"", "\"a\u0000\"",
    })
    void anythingElseIsRefusedNamingTheHeader(String header) {
        ProblemException refused = assertThrows(ProblemException.class, () -> parse(header));
        Problem problem = refused.toProblem("/api/experiments");
        assertEquals(400, problem.status());
        assertEquals(List.of("Idempotency-Key"), problem.violations().stream().map(v -> v.field()).toList());
        assertTrue(problem.detail().startsWith("The Idempotency-Key header "), problem.detail());
    }

    @Test
    void aKeySentTwiceIsRefusedRatherThanOneOfThemPicked() {
        ProblemException refused = assertThrows(ProblemException.class,
                () -> IdempotencyKeyHeader.parse(List.of("\"a\"", "\"a\"")));
        assertTrue(refused.getMessage().contains("once, not 2 times"), refused.getMessage());
    }
}
