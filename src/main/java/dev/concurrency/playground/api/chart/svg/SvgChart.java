package dev.concurrency.playground.api.chart.svg;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders the chart models as standalone SVG documents.
 *
 * <p>Everything is drawn with presentation attributes ({@code fill}, {@code stroke}, {@code font-size}):
 * no {@code <style>}, no {@code style} attribute, no script and nothing fetched from elsewhere, so a
 * chart passes a strict Content-Security-Policy whether it is shown through {@code <img>} or inlined
 * into a page. Fonts are named, not embedded: the first the reader's system has is used.
 *
 * <p>The structure is a contract with the pages and tests that read it (the README's "Charts" lists
 * it): the root has {@code class="pg-chart"} and {@code data-kind}; {@code <title>} and {@code <desc>}
 * come first; each series is a {@code <g class="series" data-series>} holding its band, line and
 * points, or its bars, each point and bar with {@code data-x}, {@code data-y} and a {@code <title>};
 * the axes are {@code <g class="axis x">} and {@code <g class="axis y">} with a
 * {@code <text class="axis-label">}; the legend is {@code <g class="legend">}, the corner stamp
 * {@code <text class="stamp">}.
 */
public final class SvgChart {

    public static final String FONTS = "system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', Arial, sans-serif";
    private static final String SVG_NS = "http://www.w3.org/2000/svg";
    /** Rough width of one character at the 11 px the labels use, for fitting text without measuring it. */
    private static final double CHAR_WIDTH = 6.3;
    private static final double LEGEND_ROW = 16;
    private static final double LEFT_AXIS = 62;
    private static final double BOTTOM_AXIS = 50;

    private SvgChart() {
    }

    /** The plot area, in pixels from the top left. */
    private record Area(double left, double top, double right, double bottom) {

        double width() {
            return right - left;
        }

        double middleX() {
            return (left + right) / 2;
        }

        double middleY() {
            return (top + bottom) / 2;
        }
    }

    /** One legend entry: {@code style} is null for an entry that is only text. */
    private record Entry(String id, String label, Palette.SeriesStyle style) {
    }

    public static String render(LineChart chart) {
        Frame frame = chart.frame();
        Theme theme = frame.theme();
        SvgWriter svg = open(frame, 4096 + 1200 * chart.series().size() * 8);
        List<Entry> entries = entries(chart.series().stream().map(s -> new String[] {s.id(), s.label()}).toList(), theme);
        Area area = area(frame, LEFT_AXIS, legendWidth(frame, entries));

        double xMin = Double.POSITIVE_INFINITY;
        double xMax = Double.NEGATIVE_INFINITY;
        double yMin = Double.POSITIVE_INFINITY;
        double yMax = Double.NEGATIVE_INFINITY;
        List<Double> xs = new ArrayList<>();
        for (LineChart.Series series : chart.series()) {
            for (LineChart.Point point : series.points()) {
                xMin = Math.min(xMin, point.x());
                xMax = Math.max(xMax, point.x());
                for (double y : new double[] {point.low(), point.y(), point.high()}) {
                    if (!chart.logY() || y > 0) {
                        yMin = Math.min(yMin, y);
                        yMax = Math.max(yMax, y);
                    }
                }
                if (!xs.contains(point.x())) {
                    xs.add(point.x());
                }
            }
        }
        xs.sort(null);
        boolean empty = xs.isEmpty();
        Scale y = empty ? Scale.linear(0, 1, area.bottom(), area.top())
                : chart.logY() ? Scale.log(yMin, yMax, area.bottom(), area.top())
                : Scale.linear(Math.min(0, yMin), yMax, area.bottom(), area.top());
        Scale x = categoryLike(chart.logX(), empty ? 1 : xMin, empty ? 2 : xMax, xs, area);

        grid(svg, y, area, theme);
        xAxis(svg, xs.stream().map(v -> new Tick(x.map(v), plain(v))).toList(), chart.xLabel(), area, theme);
        yAxis(svg, y, chart.yLabel(), area, theme);
        for (int i = 0; i < chart.series().size(); i++) {
            LineChart.Series series = chart.series().get(i);
            Palette.SeriesStyle style = entries.get(i).style();
            svg.start("g").attr("class", "series").attr("data-series", series.id());
            List<LineChart.Point> points = series.points();
            svg.start("path").attr("class", "band").attr("d", band(points, x, y)).attr("fill", style.color())
                    .attr("fill-opacity", "0.18").attr("stroke", "none").end();
            StringBuilder line = new StringBuilder();
            for (LineChart.Point point : points) {
                line.append(line.isEmpty() ? 'M' : 'L').append(SvgWriter.number(x.map(point.x()))).append(' ')
                        .append(SvgWriter.number(y.map(point.y())));
            }
            svg.start("path").attr("class", "line").attr("d", line.toString()).attr("fill", "none")
                    .attr("stroke", style.color()).attr("stroke-width", "2").attr("stroke-linejoin", "round");
            if (!style.dash().isEmpty()) {
                svg.attr("stroke-dasharray", style.dash());
            }
            svg.end();
            for (LineChart.Point point : points) {
                svg.start("circle").attr("class", "point").attr("cx", x.map(point.x())).attr("cy", y.map(point.y()))
                        .attr("r", "3.5").attr("fill", style.hollow() ? theme.background : style.color())
                        .attr("stroke", style.color()).attr("stroke-width", "1.5")
                        .attr("data-x", plain(point.x())).attr("data-y", plain(point.y()));
                svg.element("title", point.tooltip()).end();
            }
            svg.end();
        }
        if (empty) {
            emptyMessage(svg, chart.empty(), area, theme);
        }
        legend(svg, entries, area, frame);
        return close(svg, frame);
    }

    public static String render(BarChart chart) {
        Frame frame = chart.frame();
        Theme theme = frame.theme();
        SvgWriter svg = open(frame, 4096 + 600 * chart.series().size() * Math.max(1, chart.categories().size()));
        List<Entry> entries = entries(chart.series().stream().map(s -> new String[] {s.id(), s.label()}).toList(), theme);
        Area area = area(frame, LEFT_AXIS, legendWidth(frame, entries));
        double yMax = 0;
        for (BarChart.Series series : chart.series()) {
            for (BarChart.Bar bar : series.bars()) {
                if (bar != null) {
                    yMax = Math.max(yMax, Math.max(bar.value(), bar.high() == null ? 0 : bar.high()));
                }
            }
        }
        Scale y = Scale.linear(0, yMax, area.bottom(), area.top());
        int categories = chart.categories().size();
        double band = area.width() / Math.max(1, categories);
        List<Tick> ticks = new ArrayList<>();
        for (int c = 0; c < categories; c++) {
            ticks.add(new Tick(area.left() + band * (c + 0.5), chart.categories().get(c)));
        }
        grid(svg, y, area, theme);
        xAxis(svg, ticks, chart.xLabel(), area, theme);
        yAxis(svg, y, chart.yLabel(), area, theme);
        int count = Math.max(1, chart.series().size());
        double barWidth = band * 0.8 / count;
        for (int s = 0; s < chart.series().size(); s++) {
            BarChart.Series series = chart.series().get(s);
            Palette.SeriesStyle style = entries.get(s).style();
            svg.start("g").attr("class", "series").attr("data-series", series.id());
            for (int c = 0; c < categories && c < series.bars().size(); c++) {
                BarChart.Bar bar = series.bars().get(c);
                if (bar == null) {
                    continue;
                }
                double left = area.left() + band * c + band * 0.1 + barWidth * s;
                double top = y.map(bar.value());
                // A zero is drawn as a hairline on the axis, so that "lost nothing" is seen, not inferred.
                double height = Math.max(1, area.bottom() - top);
                svg.start("rect").attr("class", "bar").attr("x", left).attr("y", area.bottom() - height)
                        .attr("width", Math.max(0.5, barWidth - 0.5)).attr("height", height)
                        .attr("fill", style.hollow() ? theme.background : style.color()).attr("stroke", style.color())
                        .attr("stroke-width", style.hollow() ? "1" : "0")
                        .attr("data-x", chart.categories().get(c)).attr("data-y", plain(bar.value()));
                svg.element("title", bar.tooltip()).end();
                if (bar.low() != null && bar.high() != null) {
                    whisker(svg, left + barWidth / 2, y.map(bar.low()), y.map(bar.high()), Math.min(6, barWidth / 2),
                            true, theme);
                }
            }
            svg.end();
        }
        if (chart.series().isEmpty()) {
            emptyMessage(svg, chart.empty(), area, theme);
        }
        legend(svg, entries, area, frame);
        return close(svg, frame);
    }

    public static String render(ChangeChart chart) {
        Frame frame = chart.frame();
        Theme theme = frame.theme();
        SvgWriter svg = open(frame, 4096 + 800 * chart.rows().size());
        Map<String, Integer> seriesIndex = new LinkedHashMap<>();
        chart.rows().forEach(row -> seriesIndex.putIfAbsent(row.series(), seriesIndex.size()));
        List<String[]> named = seriesIndex.keySet().stream().map(s -> new String[] {s, s}).toList();
        List<Entry> entries = new ArrayList<>(entries(named, theme));
        entries.add(new Entry(null, "~ not significant", null));
        int longest = chart.rows().stream().mapToInt(row -> row.label().length()).max().orElse(4);
        double left = Math.min(frame.width() * 0.35, longest * CHAR_WIDTH + 16);
        Area area = area(frame, left, legendWidth(frame, entries) + 52);
        double low = 0;
        double high = 0;
        for (ChangeChart.Row row : chart.rows()) {
            for (Double value : new Double[] {row.percent(), row.low(), row.high()}) {
                if (value != null) {
                    low = Math.min(low, value);
                    high = Math.max(high, value);
                }
            }
        }
        Scale x = Scale.linear(low, high, area.left(), area.right());
        int rows = Math.max(1, chart.rows().size());
        double rowHeight = (area.bottom() - area.top()) / rows;
        double thickness = Math.min(18, rowHeight * 0.7);

        svg.start("g").attr("class", "grid").attr("stroke", theme.grid).attr("stroke-width", "1");
        for (double tick : x.ticks()) {
            svg.start("path").attr("d", "M" + SvgWriter.number(x.map(tick)) + " " + SvgWriter.number(area.top()) + "V"
                    + SvgWriter.number(area.bottom())).end();
        }
        svg.end();
        xAxis(svg, x.ticks().stream().map(t -> new Tick(x.map(t), Numbers.compact(t) + "%")).toList(),
                chart.xLabel(), area, theme);
        svg.start("g").attr("class", "axis y").attr("fill", theme.text).attr("font-size", "10");
        svg.start("path").attr("class", "domain").attr("d", "M" + SvgWriter.number(x.map(0)) + " "
                + SvgWriter.number(area.top()) + "V" + SvgWriter.number(area.bottom())).attr("stroke", theme.axis)
                .attr("stroke-width", "1").end();
        for (int r = 0; r < chart.rows().size(); r++) {
            svg.start("text").attr("class", "tick").attr("x", area.left() - 6)
                    .attr("y", area.top() + rowHeight * (r + 0.5) + 3.5).attr("text-anchor", "end")
                    .text(fit(chart.rows().get(r).label(), (area.left() - 10) / (CHAR_WIDTH * 10 / 11))).end();
        }
        svg.start("text").attr("class", "axis-label").attr("x", area.left() - 6).attr("y", area.bottom() + 32)
                .attr("text-anchor", "end").attr("font-size", "11").text("pair of runs").end();
        svg.end();

        String open = null;
        for (int r = 0; r < chart.rows().size(); r++) {
            ChangeChart.Row row = chart.rows().get(r);
            if (!row.series().equals(open)) {
                if (open != null) {
                    svg.end();
                }
                open = row.series();
                svg.start("g").attr("class", "series").attr("data-series", row.series());
            }
            Palette.SeriesStyle style = entries.get(seriesIndex.get(row.series())).style();
            double centre = area.top() + rowHeight * (r + 0.5);
            double zero = x.map(0);
            String mark;
            if (row.percent() == null) {
                mark = "n/a";
            } else {
                double end = x.map(row.percent());
                svg.start("rect").attr("class", "bar").attr("x", Math.min(zero, end)).attr("y", centre - thickness / 2)
                        .attr("width", Math.max(1, Math.abs(end - zero))).attr("height", thickness)
                        .attr("fill", style.color()).attr("fill-opacity", row.significant() ? "0.9" : "0.3")
                        .attr("stroke", style.color()).attr("stroke-width", "1")
                        .attr("data-x", row.x()).attr("data-y", plain(row.percent()))
                        .attr("data-significant", Boolean.toString(row.significant()));
                svg.element("title", row.tooltip()).end();
                mark = row.significant() ? signed(row.percent()) : "~";
            }
            if (row.low() != null && row.high() != null) {
                whisker(svg, centre, x.map(row.low()), x.map(row.high()), Math.min(5, thickness / 2), false, theme);
            }
            svg.start("text").attr("class", "delta").attr("x", area.right() + 6).attr("y", centre + 3.5)
                    .attr("fill", row.significant() ? theme.text : theme.muted).attr("font-size", "10").text(mark).end();
        }
        if (open != null) {
            svg.end();
        }
        if (chart.rows().isEmpty()) {
            emptyMessage(svg, chart.empty(), area, theme);
        }
        legend(svg, entries, new Area(area.left(), area.top(), area.right() + 52, area.bottom()), frame);
        return close(svg, frame);
    }

    private record Tick(double at, String label) {
    }

    private static SvgWriter open(Frame frame, int capacity) {
        Theme theme = frame.theme();
        String id = frame.idPrefix();
        SvgWriter svg = new SvgWriter(capacity);
        svg.start("svg").attr("xmlns", SVG_NS).attr("class", "pg-chart").attr("data-kind", frame.kind())
                .attr("role", "img").attr("aria-labelledby", id + "-title " + id + "-desc")
                .attr("width", frame.width()).attr("height", frame.height())
                .attr("viewBox", "0 0 " + frame.width() + " " + frame.height())
                .attr("font-family", FONTS).attr("font-size", "11");
        svg.start("title").attr("id", id + "-title").text(frame.title()).end();
        svg.start("desc").attr("id", id + "-desc").text(frame.description()).end();
        svg.start("rect").attr("class", "background").attr("width", frame.width()).attr("height", frame.height())
                .attr("fill", theme.background).end();
        // The heading is cut to the width; the whole title is in <title>, which readers and tooltips use.
        svg.start("text").attr("class", "heading").attr("x", 12).attr("y", 20).attr("font-size", "14")
                .attr("font-weight", "600").attr("fill", theme.text)
                .text(fit(frame.title(), (frame.width() - 24) / (CHAR_WIDTH * 14 / 11))).end();
        if (frame.note() != null) {
            svg.start("text").attr("class", "note").attr("x", 12).attr("y", 36).attr("fill", theme.muted)
                    .text(fit(frame.note(), (frame.width() - 24) / CHAR_WIDTH)).end();
        }
        return svg;
    }

    private static String close(SvgWriter svg, Frame frame) {
        svg.start("text").attr("class", "stamp").attr("x", frame.width() - 8).attr("y", frame.height() - 6)
                .attr("text-anchor", "end").attr("font-size", "9").attr("fill", frame.theme().muted)
                .text(fit(frame.stamp(), (frame.width() - 16) / (CHAR_WIDTH * 9 / 11))).end();
        return svg.end().finish();
    }

    private static Area area(Frame frame, double left, double legendWidth) {
        double top = frame.note() == null ? 34 : 48;
        return new Area(left, top, frame.width() - legendWidth - 12, frame.height() - BOTTOM_AXIS);
    }

    private static List<Entry> entries(List<String[]> series, Theme theme) {
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < series.size(); i++) {
            entries.add(new Entry(series.get(i)[0], series.get(i)[1], Palette.style(i, theme)));
        }
        return entries;
    }

    /** Wide enough for the longest label, but never more than 30% of the chart. */
    private static double legendWidth(Frame frame, List<Entry> entries) {
        int longest = entries.stream().mapToInt(e -> e.label().length()).max().orElse(0);
        return entries.isEmpty() ? 0 : Math.min(frame.width() * 0.3, longest * CHAR_WIDTH + 34);
    }

    /**
     * A linear or logarithmic x scale over the data's own range, with a margin at each end so that the
     * first and last points are not drawn on the axes.
     */
    private static Scale categoryLike(boolean log, double min, double max, List<Double> ticks, Area area) {
        if (min == max) {
            min = log ? min / 2 : min - 1;
            max = log ? max * 2 : max + 1;
        }
        double margin = Math.min(24, area.width() * 0.05);
        return new Scale(log, min, max, ticks, area.left() + margin, area.right() - margin);
    }

    private static void grid(SvgWriter svg, Scale y, Area area, Theme theme) {
        svg.start("g").attr("class", "grid").attr("stroke", theme.grid).attr("stroke-width", "1");
        for (double tick : y.ticks()) {
            svg.start("path").attr("d", "M" + SvgWriter.number(area.left()) + " " + SvgWriter.number(y.map(tick)) + "H"
                    + SvgWriter.number(area.right())).end();
        }
        svg.end();
    }

    /** The x axis with ticks at given pixels; labels that would overlap the previous one are left out. */
    private static void xAxis(SvgWriter svg, List<Tick> ticks, String label, Area area, Theme theme) {
        svg.start("g").attr("class", "axis x").attr("fill", theme.text).attr("font-size", "10");
        svg.start("path").attr("class", "domain").attr("d", "M" + SvgWriter.number(area.left()) + " "
                + SvgWriter.number(area.bottom()) + "H" + SvgWriter.number(area.right())).attr("stroke", theme.axis)
                .attr("stroke-width", "1").end();
        double lastEnd = Double.NEGATIVE_INFINITY;
        for (Tick tick : ticks) {
            double half = tick.label().length() * CHAR_WIDTH * 10 / 11 / 2;
            svg.start("path").attr("class", "tick").attr("d", "M" + SvgWriter.number(tick.at()) + " "
                    + SvgWriter.number(area.bottom()) + "v4").attr("stroke", theme.axis).end();
            if (tick.at() - half > lastEnd + 6) {
                svg.start("text").attr("class", "tick").attr("x", tick.at()).attr("y", area.bottom() + 15)
                        .attr("text-anchor", "middle").text(tick.label()).end();
                lastEnd = tick.at() + half;
            }
        }
        svg.start("text").attr("class", "axis-label").attr("x", area.middleX()).attr("y", area.bottom() + 32)
                .attr("text-anchor", "middle").attr("font-size", "11").text(label).end();
        svg.end();
    }

    private static void yAxis(SvgWriter svg, Scale y, String label, Area area, Theme theme) {
        svg.start("g").attr("class", "axis y").attr("fill", theme.text).attr("font-size", "10");
        svg.start("path").attr("class", "domain").attr("d", "M" + SvgWriter.number(area.left()) + " "
                + SvgWriter.number(area.top()) + "V" + SvgWriter.number(area.bottom())).attr("stroke", theme.axis)
                .attr("stroke-width", "1").end();
        for (double tick : y.ticks()) {
            svg.start("text").attr("class", "tick").attr("x", area.left() - 6).attr("y", y.map(tick) + 3.5)
                    .attr("text-anchor", "end").text(Numbers.compact(tick)).end();
        }
        double x = 14;
        double middle = area.middleY();
        svg.start("text").attr("class", "axis-label").attr("x", x).attr("y", middle).attr("text-anchor", "middle")
                .attr("font-size", "11")
                .attr("transform", "rotate(-90 " + SvgWriter.number(x) + " " + SvgWriter.number(middle) + ")")
                .text(fit(label, (area.bottom() - area.top()) / CHAR_WIDTH)).end();
        svg.end();
    }

    /** The band as one closed outline: along the upper edge, then back along the lower. */
    private static String band(List<LineChart.Point> points, Scale x, Scale y) {
        StringBuilder d = new StringBuilder();
        if (points.isEmpty()) {
            return "M0 0";
        }
        // A band of one point would have no width: give it the width of its marker.
        double widen = points.size() == 1 ? 4 : 0;
        for (int i = 0; i < points.size(); i++) {
            LineChart.Point p = points.get(i);
            d.append(i == 0 ? 'M' : 'L').append(SvgWriter.number(x.map(p.x()) - widen)).append(' ')
                    .append(SvgWriter.number(y.map(p.high())));
            if (widen > 0) {
                d.append('L').append(SvgWriter.number(x.map(p.x()) + widen)).append(' ')
                        .append(SvgWriter.number(y.map(p.high())));
            }
        }
        for (int i = points.size() - 1; i >= 0; i--) {
            LineChart.Point p = points.get(i);
            d.append('L').append(SvgWriter.number(x.map(p.x()) + widen)).append(' ')
                    .append(SvgWriter.number(y.map(p.low())));
            if (widen > 0) {
                d.append('L').append(SvgWriter.number(x.map(p.x()) - widen)).append(' ')
                        .append(SvgWriter.number(y.map(p.low())));
            }
        }
        return d.append('Z').toString();
    }

    /** An error bar from {@code from} to {@code to} across {@code at}, with caps; vertical or horizontal. */
    private static void whisker(SvgWriter svg, double at, double from, double to, double cap, boolean vertical,
            Theme theme) {
        String a = SvgWriter.number(at - cap);
        String b = SvgWriter.number(at + cap);
        String c = SvgWriter.number(at);
        String f = SvgWriter.number(from);
        String t = SvgWriter.number(to);
        String d = vertical
                ? "M" + c + " " + f + "V" + t + "M" + a + " " + f + "H" + b + "M" + a + " " + t + "H" + b
                : "M" + f + " " + c + "H" + t + "M" + f + " " + a + "V" + b + "M" + t + " " + a + "V" + b;
        svg.start("path").attr("class", "whisker").attr("d", d).attr("stroke", theme.text).attr("stroke-width", "1")
                .attr("fill", "none").end();
    }

    private static void emptyMessage(SvgWriter svg, String message, Area area, Theme theme) {
        svg.start("text").attr("class", "empty").attr("x", area.middleX()).attr("y", area.middleY())
                .attr("text-anchor", "middle").attr("font-size", "13").attr("fill", theme.muted).text(message).end();
    }

    /** The legend to the right of the plot; what does not fit its height is counted, not drawn. */
    private static void legend(SvgWriter svg, List<Entry> entries, Area area, Frame frame) {
        Theme theme = frame.theme();
        double x = area.right() + 12;
        double width = frame.width() - x - 4;
        int fits = Math.max(1, (int) ((area.bottom() - area.top()) / LEGEND_ROW));
        int shown = entries.size() <= fits ? entries.size() : fits - 1;
        svg.start("g").attr("class", "legend").attr("font-size", "11").attr("fill", theme.text);
        for (int i = 0; i < shown; i++) {
            Entry entry = entries.get(i);
            double y = area.top() + 8 + i * LEGEND_ROW;
            svg.start("g").attr("class", "legend-item");
            if (entry.id() != null) {
                svg.attr("data-series", entry.id());
            }
            svg.element("title", entry.label());
            if (entry.style() != null) {
                Palette.SeriesStyle style = entry.style();
                svg.start("path").attr("d", "M" + SvgWriter.number(x) + " " + SvgWriter.number(y) + "h18")
                        .attr("stroke", style.color()).attr("stroke-width", "2");
                if (!style.dash().isEmpty()) {
                    svg.attr("stroke-dasharray", style.dash());
                }
                svg.end();
                svg.start("circle").attr("cx", x + 9).attr("cy", y).attr("r", "3")
                        .attr("fill", style.hollow() ? theme.background : style.color()).attr("stroke", style.color())
                        .attr("stroke-width", "1.5").end();
            }
            svg.start("text").attr("x", x + (entry.style() == null ? 0 : 24)).attr("y", y + 4)
                    .text(fit(entry.label(), (width - 24) / CHAR_WIDTH)).end();
            svg.end();
        }
        if (shown < entries.size()) {
            svg.start("text").attr("class", "more").attr("x", x).attr("y", area.top() + 12 + shown * LEGEND_ROW)
                    .attr("fill", theme.muted).text("+" + (entries.size() - shown) + " more").end();
        }
        svg.end();
    }

    /** {@code text} cut to about {@code characters}, by code point, with an ellipsis when cut. */
    static String fit(String text, double characters) {
        int room = Math.max(1, (int) characters);
        if (text.codePointCount(0, text.length()) <= room) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, Math.max(0, room - 1))) + "…";
    }

    /** A value as data attributes carry it: exact, without an exponent ({@code 2}, {@code 12.94}, {@code 0.00001}). */
    static String plain(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("not a finite value: " + value);
        }
        String text = BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
        return text.equals("-0") ? "0" : text;
    }

    private static String signed(double percent) {
        return (percent > 0 ? "+" : "") + Numbers.compact(percent) + "%";
    }
}
