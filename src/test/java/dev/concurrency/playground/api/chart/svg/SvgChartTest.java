package dev.concurrency.playground.api.chart.svg;

import static dev.concurrency.playground.api.chart.svg.SvgDocuments.children;
import static dev.concurrency.playground.api.chart.svg.SvgDocuments.find;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.w3c.dom.Element;

/** The renderer on its own: escaping, scales and ticks, and charts made by hand against reference files. */
class SvgChartTest {

    private static Frame frame(String kind, String title, Theme theme) {
        return new Frame(kind, title, "A chart made by hand.", null, "made by hand · 2026-11-25", 480, 300, theme,
                "t-1");
    }

    @Test
    void textAndAttributesAreEscapedAndControlCharactersDropped() {
        assertEquals("&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;",
                SvgWriter.escape("</title><script>alert(1)</script>\"'&"));
        assertEquals("ab\tc\n", SvgWriter.escape("a\u0000b\u0008\t\u000bc\n\u001f\ufffe\uffff"));
        assertEquals("x", SvgWriter.escape("\ud800x\udc00"), "lone surrogates go");
        assertEquals("😀é", SvgWriter.escape("😀é"), "a pair stays");
        String svg = new SvgWriter(64).start("text").attr("data-x", "\" onload=\"alert(1)").text("<b>").end().finish();
        assertEquals("<text data-x=\"&quot; onload=&quot;alert(1)\">&lt;b&gt;</text>", svg);
    }

    @ParameterizedTest
    @CsvSource({"0,0", "1,1", "1.005,1", "-0.004,0", "12.345,12.35", "-3.1,-3.1", "100,100", "0.5,0.5", "2.10,2.1"})
    void coordinatesHaveAtMostTwoDecimals(double value, String written) {
        assertEquals(written, SvgWriter.number(value));
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "0; 1; 0|0.2|0.4|0.6|0.8|1",
        "0; 95; 0|20|40|60|80|100",
        "13; 95; 0|20|40|60|80|100",
        "0; 0.37; 0|0.1|0.2|0.3|0.4",
        "0; 38694; 0|10000|20000|30000|40000",
        "-52.5; 59.4; -60|-40|-20|0|20|40|60",
        "0; 0; 0|0.2|0.4|0.6|0.8|1",
        "7; 7; 2|4|6|8|10|12"})
    void linearTicksAreRoundNumbersThatCoverTheData(double low, double high, String ticks) {
        Scale scale = Scale.linear(low, high, 0, 100);
        assertEquals(ticks, String.join("|", scale.ticks().stream().map(SvgChartTest::plain).toList()));
        assertTrue(scale.min() <= Math.min(low, high) && scale.max() >= Math.max(low, high));
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "0.18; 705; 0.1|1|10|100|1000",
        "13; 95; 10|20|50|100",
        "5; 5; 1|2|5|10",
        "2; 350; 1|10|100|1000",
        "2; 35; 1|2|5|10|20|50|100",
        "1e-3; 1e9; 0.001|0.1|10|1000|100000|10000000|1000000000"})
    void logTicksAreWholeDecades(double low, double high, String ticks) {
        Scale scale = Scale.log(low, high, 0, 100);
        assertEquals(ticks, String.join("|", scale.ticks().stream().map(SvgChartTest::plain).toList()));
        assertEquals(0, scale.map(scale.min()), 1e-9);
        assertEquals(100, scale.map(scale.max()), 1e-9);
        assertEquals(50, Scale.log(1, 100, 0, 100).map(10), 1e-9, "a decade is a decade");
    }

    @Test
    void aLogScaleRefusesWhatItCannotShow() {
        assertThrows(IllegalArgumentException.class, () -> Scale.log(0, 10, 0, 100));
        assertThrows(IllegalArgumentException.class, () -> Scale.linear(Double.NaN, 10, 0, 100));
    }

    @ParameterizedTest
    @CsvSource({"0,0", "0.1834,0.183", "12.94,12.9", "705.9,706", "7050,7050", "38694,38.7k", "118063754,118M",
        "7499237429,7.5G", "-52.54,-52.5"})
    void numbersForPeopleHaveThreeDigits(double value, String shown) {
        assertEquals(shown, Numbers.compact(value));
    }

    @Test
    void twelveSeriesHaveTwelveStylesInBothThemes() {
        for (Theme theme : Theme.values()) {
            assertEquals(12, java.util.stream.IntStream.range(0, 12).mapToObj(i -> Palette.style(i, theme)).distinct()
                    .count());
            assertFalse(java.util.stream.IntStream.range(0, 12).mapToObj(i -> Palette.style(i, theme).color())
                    .anyMatch(color -> color.equalsIgnoreCase(theme.background)), "no series in the background colour");
        }
    }

    private static LineChart line(Theme theme) {
        return new LineChart(frame("line", "Two lines & a band", theme), "threads", "ns per increment (ns/op)", false,
                false, List.of(
                        new LineChart.Series("a", "a", List.of(new LineChart.Point(1, 10, 8, 12, "a at 1"),
                                new LineChart.Point(2, 20, 15, 26, "a at 2"), new LineChart.Point(4, 45, 40, 52, "a at 4"))),
                        new LineChart.Series("b", "b <b>", List.of(new LineChart.Point(1, 5, 5, 5, "b at 1")))),
                "nothing");
    }

    @Test
    void aLineChartHasTheDocumentedStructure() throws Exception {
        Element root = SvgDocuments.parse(SvgChart.render(line(Theme.LIGHT))).getDocumentElement();
        assertEquals("t-1-title t-1-desc", root.getAttribute("aria-labelledby"));
        assertEquals("0 0 480 300", root.getAttribute("viewBox"));
        assertEquals(SvgChart.FONTS, root.getAttribute("font-family"));
        assertEquals(List.of("a", "b"), find(root, "g", "series").stream().map(g -> g.getAttribute("data-series")).toList());
        assertEquals(List.of("10", "20", "45", "5"), find(root, "circle", "point").stream()
                .map(p -> p.getAttribute("data-y")).toList());
        assertEquals(List.of("a", "b <b>"), find(find(root, "g", "legend").getFirst(), "text").stream()
                .map(Element::getTextContent).toList());
        // The point with the larger value is drawn higher: y runs downwards.
        List<Element> points = find(root, "circle", "point");
        assertTrue(Double.parseDouble(points.get(1).getAttribute("cy")) < Double.parseDouble(points.get(0).getAttribute("cy")));
        assertEquals(1, children(points.getFirst(), "title").size());
    }

    @Test
    void referenceCharts() throws Exception {
        ReferenceFiles.check("renderer-line.svg", SvgChart.render(line(Theme.LIGHT)));
        ReferenceFiles.check("renderer-bars-dark.svg", SvgChart.render(new BarChart(frame("bars", "Bars", Theme.DARK),
                "threads", "increments lost (%)", List.of("1", "2"), List.of(
                        new BarChart.Series("a", "a", java.util.Arrays.asList(new BarChart.Bar(0, null, null, "none"),
                                new BarChart.Bar(48, 33.0, 57.0, "most"))),
                        new BarChart.Series("b", "b", java.util.Arrays.asList(null, new BarChart.Bar(0, null, null,
                                "none")))), "nothing")));
        ReferenceFiles.check("renderer-change.svg", SvgChart.render(new ChangeChart(frame("change", "Changes",
                Theme.LIGHT), "change of ns/op (%)", List.of(
                        new ChangeChart.Row("atomic", "atomic/1/platform/100ms", "1", 33.1, 12.0, 60.0, true, "+33%"),
                        new ChangeChart.Row("atomic", "atomic/2/platform/100ms", "2", -4.0, -30.0, 20.0, false, "~"),
                        new ChangeChart.Row("long-adder", "long-adder/1/platform/100ms", "1", null, null, null, false,
                                "n/a")), "nothing")));
        ReferenceFiles.check("renderer-empty.svg", SvgChart.render(new LineChart(frame("line", "Empty", Theme.LIGHT),
                "threads", "ns/op", false, true, List.of(), "no runs yet")));
    }

    private static String plain(double value) {
        return java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
