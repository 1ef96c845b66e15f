package dev.concurrency.playground.api.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.concurrency.playground.api.chart.svg.Theme;
import dev.concurrency.playground.api.problem.ProblemException;
import dev.concurrency.playground.api.problem.Violation;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The chart options without HTTP: every bound at its edge, and which kinds take a log scale. The service
 * test checks the same answers over HTTP; this one runs where mutation testing can see it.
 */
class ChartOptionsTest {

    private static ChartOptions parse(ChartKind kind, String name, String value) {
        return ChartOptions.parse(kind, Map.of(name, List.of(value)), Set.of(), List.of());
    }

    private static List<String> refused(ChartKind kind, String name, String value) {
        ProblemException e = assertThrows(ProblemException.class, () -> parse(kind, name, value), name + "=" + value);
        return e.toProblem(null).violations().stream().map(Violation::field).toList();
    }

    @ParameterizedTest(name = "{0}={1}: {2}")
    @CsvSource({
            "width, 239, false", "width, 240, true", "width, 2400, true", "width, 2401, false",
            "height, 159, false", "height, 160, true", "height, 1600, true", "height, 1601, false",
            "width, 0720, true", "width, 1e3, false", "width, -720, false", "width, 720.0, false", "width, 999999, false"})
    void sizesAreWholePixelsWithinTheirBounds(String name, String value, boolean accepted) {
        if (accepted) {
            ChartOptions options = parse(ChartKind.COST, name, value);
            assertEquals(Integer.parseInt(value), name.equals("width") ? options.width() : options.height());
        } else {
            assertEquals(List.of(name), refused(ChartKind.COST, name, value));
        }
    }

    @Test
    void onlyTheCostChartTakesALogScale() {
        assertTrue(parse(ChartKind.COST, "scale", "log").log());
        assertFalse(parse(ChartKind.COST, "scale", "linear").log());
        for (ChartKind kind : List.of(ChartKind.LOST_UPDATES, ChartKind.THREAD_SHARE, ChartKind.COMPARISON)) {
            assertFalse(kind.logAllowed(), kind.id());
            assertEquals(List.of("scale"), refused(kind, "scale", "log"), kind.id() + ": its values include zero");
            assertFalse(parse(kind, "scale", "linear").log());
        }
        assertTrue(ChartKind.COST.logAllowed());
    }

    @Test
    void theDefaultsAndEachOptionGivenOnce() {
        ChartOptions defaults = ChartOptions.parse(ChartKind.COST, Map.of(), Set.of(), List.of());
        assertEquals(new ChartOptions(ChartKind.COST, "ns-per-op", false, 720, 400, Theme.LIGHT, null), defaults);
        assertEquals("ops-per-second", parse(ChartKind.COST, "metric", "ops-per-second").metric());
        assertEquals(List.of("metric"), refused(ChartKind.LOST_UPDATES, "metric", "ns-per-op"));
        assertEquals(Theme.DARK, parse(ChartKind.COST, "theme", "dark").theme());
        assertEquals(List.of("theme"), refused(ChartKind.COST, "theme", "DARK"));
        ProblemException twice = assertThrows(ProblemException.class, () -> ChartOptions.parse(ChartKind.COST,
                Map.of("width", List.of("720", "800")), Set.of(), List.of()));
        assertEquals(List.of("width"), twice.toProblem(null).violations().stream().map(Violation::field).toList());
    }

    @Test
    void aTitleIsStrippedAndAtMost200CodePoints() {
        assertEquals("x", parse(ChartKind.COST, "title", "  x ").title());
        String emoji = "\uD83D\uDE00".repeat(200);
        assertEquals(emoji, parse(ChartKind.COST, "title", emoji).title(), "200 code points, 400 chars");
        assertEquals(List.of("title"), refused(ChartKind.COST, "title", "a".repeat(201)));
        assertEquals(List.of("title"), refused(ChartKind.COST, "title", "   "));
    }

    @Test
    void anUnknownParameterIsRefusedButTheResourcesOwnAreNot() {
        assertEquals(List.of("widht"), ChartOptionsTest.fields(() -> ChartOptions.parse(ChartKind.COST,
                Map.of("widht", List.of("720")), Set.of(), List.of())));
        ChartOptions comparison = ChartOptions.parse(ChartKind.COMPARISON, Map.of("baseline", List.of("a")),
                Set.of("baseline", "candidate"), List.of());
        assertEquals("ns-per-op", comparison.metric());
    }

    @Test
    void onlyTheExperimentsKindsAreFoundByTheirIds() {
        for (ChartKind kind : ChartKind.OF_EXPERIMENT) {
            assertEquals(Optional.of(kind), ChartKind.ofExperiment(kind.id()));
        }
        assertEquals(Optional.empty(), ChartKind.ofExperiment("comparison"), "drawn at /api/comparisons/chart.svg");
        assertEquals(Optional.empty(), ChartKind.ofExperiment("../cost"));
    }

    private static List<String> fields(org.junit.jupiter.api.function.Executable parse) {
        return assertThrows(ProblemException.class, parse).toProblem(null).violations().stream().map(Violation::field).toList();
    }
}
