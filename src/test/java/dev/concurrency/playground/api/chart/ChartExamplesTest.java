package dev.concurrency.playground.api.chart;

import dev.concurrency.playground.api.chart.svg.ReferenceFiles;
import dev.concurrency.playground.experiment.Experiment;
import dev.concurrency.playground.experiment.ExperimentStatus;
import dev.concurrency.playground.experiment.comparison.Comparisons;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The SVG examples of the API description ({@code openapi-examples/charts.yaml}) are charts the renderer
 * draws of fixed experiments, small so that the description stays readable. The file is compared here
 * and rewritten with {@code -Dcharts.refresh=true}, like the reference files; then rebuild {@code openapi/}
 * with {@code ./mvnw package -DskipTests}.
 */
class ChartExamplesTest {

    static final Path FILE = Path.of("src/main/resources/openapi-examples/charts.yaml");

    private static final Map<String, List<String>> SMALL = Map.of("width", List.of("360"), "height", List.of("220"));

    static String examples() {
        Experiment before = ChartFixtures.experiment("atomics", List.of("atomic", "long-adder"), List.of(1, 2), 6,
                ExperimentStatus.COMPLETED, Integer.MAX_VALUE, 21);
        Experiment after = withId(ChartFixtures.experiment("atomics again", List.of("atomic", "long-adder"),
                List.of(1, 2), 6, ExperimentStatus.COMPLETED, Integer.MAX_VALUE, 22),
                "9b2e4d71-0c3a-4f5e-8d6b-1a7c3e9f2b40");
        String cost = ExperimentCharts.render(before, ChartOptions.parse(ChartKind.COST, SMALL, Set.of(), List.of()));
        String comparison = ComparisonCharts.render(Comparisons.compare(before, after),
                ChartOptions.parse(ChartKind.COMPARISON, SMALL, Set.of(), List.of()));
        return """
                # Examples of charts for the API description, merged into it like results.yaml. Drawn by
                # ChartExamplesTest from fixed experiments, so do not edit it by hand; regenerate it, then the
                # description, with
                #   ./mvnw test -Dquarkus.build.skip -Dtest=ChartExamplesTest -Dcharts.refresh=true
                #   ./mvnw package -DskipTests
                openapi: 3.1.0
                components:
                  examples:
                    chart-cost:
                      summary: ns/op of two strategies at 1 and 2 threads, 360 by 220 pixels
                      value: |
                        %s
                    chart-comparison:
                      summary: The change of ns/op between two experiments, 360 by 220 pixels
                      value: |
                        %s
                """.formatted(cost, comparison);
    }

    private static Experiment withId(Experiment e, String id) {
        return new Experiment(id, e.name(), e.status(), e.submittedAt(), e.startedAt(), e.finishedAt(), e.spec(),
                e.progress(), e.environment(), e.runs(), e.statusReason());
    }

    @Test
    void theDescribedExamplesAreWhatTheRendererDraws() throws Exception {
        String expected = examples();
        if (ReferenceFiles.REFRESH) {
            Files.writeString(FILE, expected, StandardCharsets.UTF_8);
            return;
        }
        org.junit.jupiter.api.Assertions.assertEquals(expected, Files.readString(FILE, StandardCharsets.UTF_8),
                FILE + " is stale: rewrite it with -Dcharts.refresh=true (see this class) and rebuild openapi/");
    }
}
