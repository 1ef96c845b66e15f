package dev.concurrency.playground.api.chart.svg;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Writes an SVG document element by element, escaping every text and attribute value.
 *
 * <p>Text that reaches a chart (an experiment's name, a title given in the query) is user input, and
 * the SVG may be inlined into an HTML page: {@code & < > " '} are written as entities in text and in
 * attributes alike, so that no value can close an element or an attribute, whichever quote the
 * embedding page would use. Characters that XML 1.0 does not allow at all (most C0 controls, lone
 * surrogates, U+FFFE and U+FFFF) are dropped, since no escape can make them legal and a single one
 * would make the whole document unparseable.
 */
final class SvgWriter {

    private final StringBuilder out;
    private final Deque<String> open = new ArrayDeque<>();
    /** The start tag is written up to its attributes and not yet closed with {@code >}. */
    private boolean inStartTag;

    SvgWriter(int capacity) {
        out = new StringBuilder(capacity);
    }

    /** Starts an element; attributes follow with {@link #attr}. */
    SvgWriter start(String name) {
        finishStartTag();
        out.append('<').append(name);
        open.push(name);
        inStartTag = true;
        return this;
    }

    SvgWriter attr(String name, String value) {
        if (!inStartTag) {
            throw new IllegalStateException("attribute " + name + " outside a start tag");
        }
        out.append(' ').append(name).append("=\"");
        escape(value, out);
        out.append('"');
        return this;
    }

    /** A coordinate or length, rounded to two decimals: finer is invisible and only makes the file larger. */
    SvgWriter attr(String name, double value) {
        return attr(name, number(value));
    }

    SvgWriter text(String text) {
        finishStartTag();
        escape(text, out);
        return this;
    }

    /** Ends the innermost open element, as {@code <x/>} when it has no content. */
    SvgWriter end() {
        String name = open.pop();
        if (inStartTag) {
            out.append("/>");
            inStartTag = false;
        } else {
            out.append("</").append(name).append('>');
        }
        return this;
    }

    /** {@code <name>text</name>}, the text escaped. */
    SvgWriter element(String name, String text) {
        return start(name).text(text).end();
    }

    /** The document; every element must have been ended. */
    String finish() {
        if (!open.isEmpty()) {
            throw new IllegalStateException("unclosed elements: " + open);
        }
        return out.toString();
    }

    private void finishStartTag() {
        if (inStartTag) {
            out.append('>');
            inStartTag = false;
        }
    }

    /** {@code value} escaped for XML text and attributes, without characters XML cannot carry. */
    static String escape(String value) {
        StringBuilder escaped = new StringBuilder(value.length() + 16);
        escape(value, escaped);
        return escaped.toString();
    }

    private static void escape(String value, StringBuilder out) {
        for (int i = 0; i < value.length(); ) {
            int c = value.codePointAt(i);
            i += Character.charCount(c);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    if (allowedInXml(c)) {
                        out.appendCodePoint(c);
                    }
                }
            }
        }
    }

    /** XML 1.0's {@code Char} production; a lone surrogate arrives here as itself and is not allowed. */
    static boolean allowedInXml(int c) {
        return c == 0x9 || c == 0xA || c == 0xD
                || c >= 0x20 && c <= 0xD7FF
                || c >= 0xE000 && c <= 0xFFFD
                || c >= 0x10000 && c <= 0x10FFFF;
    }

    /**
     * At most two decimals, no trailing zeros, no exponent, and never {@code -0}. Written by hand rather
     * than with {@code String.format}: a large chart has thousands of coordinates.
     */
    static String number(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("not a finite coordinate: " + value);
        }
        long hundredths = Math.round(value * 100);
        if (hundredths == 0) {
            return "0";
        }
        StringBuilder text = new StringBuilder(12);
        if (hundredths < 0) {
            text.append('-');
            hundredths = -hundredths;
        }
        text.append(hundredths / 100);
        int fraction = (int) (hundredths % 100);
        if (fraction != 0) {
            text.append('.').append(fraction / 10);
            if (fraction % 10 != 0) {
                text.append(fraction % 10);
            }
        }
        return text.toString();
    }
}
