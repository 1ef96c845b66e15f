package dev.concurrency.playground.api.chart.svg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Charts compared with reference files under {@code src/test/resources/charts/}. After a deliberate change
 * to how charts look, rewrite them with
 * {@code ./mvnw test -Dquarkus.build.skip -Dtest='SvgChartTest,ExperimentChartsTest' -Dcharts.refresh=true},
 * look at them (they are images: open them in a browser) and commit them.
 */
public final class ReferenceFiles {

    public static final boolean REFRESH = Boolean.getBoolean("charts.refresh");
    private static final Path DIRECTORY = Path.of("src/test/resources/charts");

    private ReferenceFiles() {
    }

    public static void check(String name, String svg) throws IOException {
        Path file = DIRECTORY.resolve(name);
        if (REFRESH) {
            Files.createDirectories(DIRECTORY);
            Files.writeString(file, svg, StandardCharsets.UTF_8);
            return;
        }
        assertTrue(Files.exists(file), file + " is missing: run the test with -Dcharts.refresh=true to write it");
        assertEquals(Files.readString(file, StandardCharsets.UTF_8), svg, "the chart differs from " + file
                + "; if the change is intended, rewrite the reference files with -Dcharts.refresh=true and review them");
    }
}
