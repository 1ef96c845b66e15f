package dev.concurrency.playground.api.chart;

import static dev.concurrency.playground.api.chart.svg.SvgDocuments.children;
import static dev.concurrency.playground.api.chart.svg.SvgDocuments.find;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.concurrency.playground.api.chart.svg.ReferenceFiles;
import dev.concurrency.playground.api.chart.svg.SvgDocuments;
import dev.concurrency.playground.experiment.Experiment;
import dev.concurrency.playground.experiment.ExperimentStatus;
import dev.concurrency.playground.experiment.RunResult;
import dev.concurrency.playground.experiment.analysis.TrialResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** An experiment's charts read back as XML and checked against figures computed here from the trials. */
class ExperimentChartsTest {

    private static ChartOptions options(ChartKind kind, Map<String, List<String>> query) {
        return ChartOptions.parse(kind, query, java.util.Set.of(), List.of());
    }

    private static ChartOptions options(ChartKind kind) {
        return options(kind, Map.of());
    }

    /** The median as a textbook defines it, apart from the code under test. */
    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    @Test
    void costChartHasAPointPerRunAtTheMedianOfItsTrials() throws Exception {
        Experiment experiment = ChartFixtures.small();
        Document svg = SvgDocuments.parse(ExperimentCharts.render(experiment, options(ChartKind.COST)));
        Element root = svg.getDocumentElement();
        assertEquals("svg", root.getLocalName());
        assertEquals("http://www.w3.org/2000/svg", root.getNamespaceURI());
        assertEquals("pg-chart", root.getAttribute("class"));
        assertEquals("cost", root.getAttribute("data-kind"));
        assertEquals("img", root.getAttribute("role"));
        List<Element> elements = children(root, "title");
        assertEquals("title", ((Element) firstElement(root, 0)).getLocalName());
        assertEquals("desc", ((Element) firstElement(root, 1)).getLocalName());
        assertEquals("locks vs atomics", elements.getFirst().getTextContent());
        for (String id : root.getAttribute("aria-labelledby").split(" ")) {
            assertEquals(1, find(root, "*").stream().filter(e -> e.getAttribute("id").equals(id)).count(), id);
        }
        assertEquals(1, find(root, "g", "axis", "x").size());
        assertEquals(1, find(root, "g", "axis", "y").size());
        assertEquals(1, find(find(root, "g", "axis", "x").getFirst(), "text", "axis-label").size());
        assertEquals(1, find(find(root, "g", "axis", "y").getFirst(), "text", "axis-label").size());
        assertEquals(1, find(root, "g", "legend").size());
        assertTrue(find(root, "text", "stamp").getFirst().getTextContent().contains(ChartFixtures.ID));
        assertTrue(find(root, "text", "stamp").getFirst().getTextContent().contains("2026-11-25"));

        List<Element> series = find(root, "g", "series");
        assertEquals(experiment.spec().strategies(), series.stream().map(s -> s.getAttribute("data-series")).toList());
        Map<String, Double> expected = new HashMap<>();
        for (RunResult run : experiment.runs()) {
            expected.put(run.strategy() + "/" + run.threads(),
                    median(run.trials().stream().mapToDouble(TrialResult::nsPerOp).toArray()));
        }
        List<String> seen = new ArrayList<>();
        for (Element group : series) {
            assertEquals(1, find(group, "path", "band").size());
            assertEquals(1, find(group, "path", "line").size());
            for (Element point : find(group, "circle", "point")) {
                String key = group.getAttribute("data-series") + "/" + point.getAttribute("data-x");
                assertEquals(expected.get(key), Double.parseDouble(point.getAttribute("data-y")), key);
                assertEquals(1, children(point, "title").size());
                seen.add(key);
            }
        }
        assertEquals(experiment.runs().size(), seen.size(), "one point per run");
        assertEquals(expected.keySet(), new java.util.HashSet<>(seen));
        String desc = children(root, "desc").getFirst().getTextContent();
        assertTrue(desc.contains("3 strategies"), desc);
        // The first run has 3 trials, too few for a 95% interval of the median: the description says so.
        assertTrue(desc.contains("1 run with fewer than 6 trials"), desc);
    }

    @Test
    void opsPerSecondAndTheLogScaleAreTheOptionsSaid() throws Exception {
        Experiment experiment = ChartFixtures.small();
        Document svg = SvgDocuments.parse(ExperimentCharts.render(experiment, options(ChartKind.COST,
                Map.of("metric", List.of("ops-per-second"), "scale", List.of("log")))));
        Element root = svg.getDocumentElement();
        RunResult run = experiment.runs().get(4);
        Element point = find(root, "g", "series").stream()
                .filter(g -> g.getAttribute("data-series").equals(run.strategy()))
                .flatMap(g -> find(g, "circle", "point").stream())
                .filter(p -> p.getAttribute("data-x").equals(Integer.toString(run.threads()))).findFirst().orElseThrow();
        assertEquals(median(run.trials().stream().mapToDouble(TrialResult::opsPerSecond).toArray()),
                Double.parseDouble(point.getAttribute("data-y")));
        assertTrue(find(root, "g", "axis", "y").getFirst().getTextContent().contains("ops/s"));
        assertTrue(children(root, "desc").getFirst().getTextContent().contains("logarithmic"));
    }

    @Test
    void lostUpdatesShowEveryStrategyThreadSafeOnesAtZero() throws Exception {
        Experiment experiment = ChartFixtures.small();
        Element root = SvgDocuments.parse(ExperimentCharts.render(experiment, options(ChartKind.LOST_UPDATES)))
                .getDocumentElement();
        assertEquals("lost-updates", root.getAttribute("data-kind"));
        List<Element> bars = find(root, "rect", "bar");
        assertEquals(experiment.runs().size(), bars.size());
        for (Element group : find(root, "g", "series")) {
            for (Element bar : find(group, "rect", "bar")) {
                RunResult run = experiment.runs().stream()
                        .filter(r -> r.strategy().equals(group.getAttribute("data-series"))
                                && Integer.toString(r.threads()).equals(bar.getAttribute("data-x")))
                        .findFirst().orElseThrow();
                double percent = median(run.trials().stream().mapToDouble(t -> 100.0 * t.lostUpdates()
                        / t.expectedCount()).toArray());
                assertEquals(percent, Double.parseDouble(bar.getAttribute("data-y")), 1e-9);
                if (run.threadSafe()) {
                    assertEquals("0", bar.getAttribute("data-y"));
                    assertTrue(Double.parseDouble(bar.getAttribute("height")) >= 1, "a zero is still drawn");
                }
            }
        }
        assertTrue(children(root, "desc").getFirst().getTextContent().contains("synchronized, atomic lost none"));
    }

    @Test
    void threadShareSpansTheMostStarvedToTheMostFavouredThread() throws Exception {
        Experiment experiment = ChartFixtures.small();
        Element root = SvgDocuments.parse(ExperimentCharts.render(experiment, options(ChartKind.THREAD_SHARE)))
                .getDocumentElement();
        List<Element> points = find(root, "circle", "point");
        assertEquals(experiment.runs().size(), points.size());
        for (Element group : find(root, "g", "series")) {
            for (Element point : find(group, "circle", "point")) {
                RunResult run = experiment.runs().stream()
                        .filter(r -> r.strategy().equals(group.getAttribute("data-series"))
                                && Integer.toString(r.threads()).equals(point.getAttribute("data-x")))
                        .findFirst().orElseThrow();
                double busiest = median(run.trials().stream()
                        .mapToDouble(t -> t.maxThreadShare() * run.threads() * 100).toArray());
                assertEquals(busiest, Double.parseDouble(point.getAttribute("data-y")), 1e-9);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"cost", "lost-updates", "thread-share"})
    void aQueuedExperimentIsAValidChartSayingNoRunsYet(String kind) throws Exception {
        Experiment queued = ChartFixtures.experiment("waiting", List.of("atomic", "volatile"), List.of(1, 2), 5,
                ExperimentStatus.QUEUED, 0, 1);
        Element root = SvgDocuments.parse(ExperimentCharts.render(queued,
                options(ChartKind.ofExperiment(kind).orElseThrow()))).getDocumentElement();
        assertEquals(0, find(root, "g", "series").size());
        assertEquals("no runs yet", find(root, "text", "empty").getFirst().getTextContent());
        assertEquals("queued (0 of 4 runs)", find(root, "text", "note").getFirst().getTextContent());
        assertTrue(find(root, "text", "stamp").getFirst().getTextContent().contains("submitted 2026-11-25 00:20 UTC"));
    }

    @Test
    void aRunningExperimentShowsTheRunsDoneSoFar() throws Exception {
        Experiment running = ChartFixtures.experiment("half way", List.of("atomic", "volatile", "synchronized"),
                List.of(1, 2, 4, 8), 6, ExperimentStatus.RUNNING, 3, 5);
        Element root = SvgDocuments.parse(ExperimentCharts.render(running, options(ChartKind.COST)))
                .getDocumentElement();
        assertEquals(3, find(root, "circle", "point").size());
        for (ChartKind kind : ChartKind.OF_EXPERIMENT) {
            Element chart = SvgDocuments.parse(ExperimentCharts.render(running, options(kind))).getDocumentElement();
            assertEquals("in progress (3 of 12 runs)", find(chart, "text", "note").getFirst().getTextContent(), kind.id());
            assertTrue(children(chart, "desc").getFirst().getTextContent().contains("In progress (3 of 12 runs)."),
                    kind.id() + ": the words say so too");
        }
    }

    @Test
    void aHostileNameIsOnlyEverText() throws Exception {
        String hostile = "</title><script>alert(1)</script>\"'&\u0001\u001b end";
        Experiment experiment = ChartFixtures.experiment(hostile, List.of("atomic"), List.of(1, 2), 6,
                ExperimentStatus.COMPLETED, Integer.MAX_VALUE, 3);
        for (ChartKind kind : ChartKind.OF_EXPERIMENT) {
            String svg = ExperimentCharts.render(experiment, options(kind));
            assertFalse(svg.contains("<script"), svg);
            assertTrue(svg.contains("&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp; end"));
            Element root = SvgDocuments.parse(svg).getDocumentElement();
            // Only the renderer's own elements, whatever the name tried to open.
            assertEquals(java.util.Set.of(), find(root, "*").stream().map(Element::getLocalName)
                    .filter(name -> !List.of("svg", "title", "desc", "rect", "text", "g", "path", "circle").contains(name))
                    .collect(java.util.stream.Collectors.toSet()));
            // The control characters are dropped; everything else reads back as it was given.
            assertEquals("</title><script>alert(1)</script>\"'& end", children(root, "title").getFirst().getTextContent());
        }
        String titled = ExperimentCharts.render(experiment, options(ChartKind.COST,
                Map.of("title", List.of("<a href='x'>\"q\"</a>"))));
        assertEquals("<a href='x'>\"q\"</a>", children(SvgDocuments.parse(titled).getDocumentElement(), "title")
                .getFirst().getTextContent());
    }

    @Test
    void noStylesScriptsOrReferencesAnywhere() {
        for (ChartKind kind : ChartKind.OF_EXPERIMENT) {
            String svg = ExperimentCharts.render(ChartFixtures.large(), options(kind, Map.of("theme", List.of("dark"))));
            for (String forbidden : List.of("<style", "style=", "<script", "href", "url(", "<image", "<foreignObject",
                    "@import", "javascript:")) {
                assertFalse(svg.contains(forbidden), kind + " contains " + forbidden);
            }
        }
    }

    @Test
    void twelveStrategiesKeepTwelveDistinctStyles() throws Exception {
        Element root = SvgDocuments.parse(ExperimentCharts.render(ChartFixtures.large(), options(ChartKind.COST)))
                .getDocumentElement();
        List<Element> lines = find(root, "path", "line");
        assertEquals(12, lines.size());
        assertEquals(12, lines.stream().map(l -> l.getAttribute("stroke") + "|" + l.getAttribute("stroke-dasharray"))
                .distinct().count());
        assertEquals(12 * 16, find(root, "circle", "point").size());
    }

    @Test
    void referenceCharts() throws Exception {
        Experiment small = ChartFixtures.small();
        ReferenceFiles.check("cost.svg", ExperimentCharts.render(small, options(ChartKind.COST)));
        ReferenceFiles.check("cost-log-dark.svg", ExperimentCharts.render(small, options(ChartKind.COST,
                Map.of("scale", List.of("log"), "theme", List.of("dark"), "width", List.of("480"),
                        "height", List.of("300")))));
        ReferenceFiles.check("lost-updates.svg", ExperimentCharts.render(small, options(ChartKind.LOST_UPDATES)));
        ReferenceFiles.check("thread-share.svg", ExperimentCharts.render(small, options(ChartKind.THREAD_SHARE)));
        ReferenceFiles.check("cost-12-strategies.svg", ExperimentCharts.render(ChartFixtures.large(),
                options(ChartKind.COST, Map.of("width", List.of("960"), "height", List.of("540")))));
    }

    private static org.w3c.dom.Node firstElement(Element root, int index) {
        int seen = 0;
        for (org.w3c.dom.Node node = root.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element) {
                if (seen++ == index) {
                    return node;
                }
            }
        }
        throw new AssertionError("no element " + index);
    }
}
