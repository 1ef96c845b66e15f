package dev.concurrency.playground.api.format;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * An RFC 4180 document under construction, shared by the CSV writers: a header row, then one row per
 * {@link #row(Object...)}, every record (the last one included) ending in CRLF.
 *
 * <p>A cell is written according to its type, so that the rules live here and nowhere else:
 * <ul>
 *   <li>{@code null}: an empty field, the CSV form of an absent value;</li>
 *   <li>{@link Integer} and {@link Long}: the decimal digits, a minus sign included;</li>
 *   <li>{@link Double}: a plain decimal (see {@link #decimal(Double)}); NaN and the infinities are empty;</li>
 *   <li>{@link Boolean}: {@code true} or {@code false};</li>
 *   <li>{@link String} and {@link Instant} (ISO-8601, as the JSON has it): text, first
 *       {@linkplain #neutralise(String) neutralised} against CSV injection, then {@linkplain #field(String) quoted}
 *       if RFC 4180 requires it.</li>
 * </ul>
 * Numbers are formatted here, never neutralised: a negative number stays a number. Any other type is
 * refused rather than written with a {@code toString()} nobody chose (an enum's JSON form, for one, is
 * not always its name).
 */
final class Csv {

    static final String MEDIA_TYPE = "text/csv";

    /** RFC 4180 ends every record, the last one included, with CRLF. */
    static final String CRLF = "\r\n";

    private final int width;
    private final StringBuilder text = new StringBuilder();

    private Csv(List<String> columns) {
        this.width = columns.size();
        row(columns.toArray());
    }

    /** A document that so far is the header row. */
    static Csv withHeader(List<String> columns) {
        return new Csv(columns);
    }

    /** Appends one record; it must have exactly as many cells as the header has columns. */
    Csv row(Object... cells) {
        if (cells.length != width) {
            throw new IllegalArgumentException(cells.length + " cells for " + width + " columns");
        }
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                text.append(',');
            }
            text.append(cell(cells[i]));
        }
        text.append(CRLF);
        return this;
    }

    @Override
    public String toString() {
        return text.toString();
    }

    /** One cell as it appears in the document, by the rules of the class comment. */
    static String cell(Object value) {
        return switch (value) {
            case null -> "";
            case Integer i -> Integer.toString(i);
            case Long l -> Long.toString(l);
            case Double d -> decimal(d);
            case Boolean b -> Boolean.toString(b);
            case String s -> field(neutralise(s));
            case Instant t -> field(neutralise(t.toString()));
            default -> throw new IllegalArgumentException("no CSV form for " + value.getClass().getName());
        };
    }

    /**
     * Text that a spreadsheet would take for a formula, because it starts with {@code =}, {@code +},
     * {@code -}, {@code @}, TAB or CR, gets a leading single quote, as OWASP recommends against CSV
     * injection (https://owasp.org/www-community/attacks/CSV_Injection); any other text is returned as it
     * is. Nothing is stripped or replaced: the original text is the cell without its first character.
     */
    static String neutralise(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        return switch (text.charAt(0)) {
            case '=', '+', '-', '@', '\t', '\r' -> "'" + text;
            default -> text;
        };
    }

    /** One field, quoted only when RFC 4180 requires it: it holds a comma, a double quote, CR or LF. */
    static String field(String value) {
        if (value == null) {
            return "";
        }
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\r') < 0 && value.indexOf('\n') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }

    /**
     * The shortest decimal that reads back as the same double, like Java's and Jackson's output, but
     * never in scientific notation and independent of the default locale's decimal separator.
     */
    static String decimal(Double value) {
        if (value == null || value.isNaN() || value.isInfinite()) {
            return "";
        }
        BigDecimal exact = BigDecimal.valueOf(value).stripTrailingZeros();
        // Whole values keep one decimal, as in the JSON, so every value of a column reads as a decimal.
        return (exact.scale() < 1 ? exact.setScale(1) : exact).toPlainString();
    }
}
