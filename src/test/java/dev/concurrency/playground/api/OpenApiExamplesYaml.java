package dev.concurrency.playground.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Writes the examples of real results as a YAML OpenAPI fragment meant for review: JSON as block YAML,
 * multi-line text as literal blocks, long sentences folded, and text with CR LF line ends (CSV) as a
 * double-quoted string with one line per row, since YAML turns the line breaks of a block into LF.
 * Jackson's YAML writer offers none of the last two, hence this small writer; {@link OpenApiExamplesRefresh}
 * reads its output back and compares it with what it wrote.
 */
final class OpenApiExamplesYaml {

    /** One example: its name, a comment saying where it came from, and its value. */
    record Example(String name, String source, JsonNode value) {
    }

    private static final int WIDTH = 100;
    /** A string YAML reads back as the same string without quotes, in a block or a flow collection. */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z][A-Za-z0-9 _.;()/'+=@%*&!?<>$`-]*");
    private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");
    /** Words YAML 1.1 reads as booleans, null or special numbers. */
    private static final Set<String> RESERVED = Set.of("y", "n", "yes", "no", "on", "off", "true", "false", "null",
            "nan", "inf", "infinity");

    private final StringBuilder out = new StringBuilder();

    private OpenApiExamplesYaml() {
    }

    static String document(String header, List<Example> examples) {
        OpenApiExamplesYaml yaml = new OpenApiExamplesYaml();
        yaml.out.append(header).append("openapi: 3.1.0\ncomponents:\n  examples:\n");
        for (Example example : examples) {
            // A blank line between examples, unless the last one ended with one of its own (kept in a |+ block).
            if (!yaml.out.toString().endsWith("\n\n")) {
                yaml.out.append('\n');
            }
            yaml.comment(example.source(), 4);
            yaml.out.append("    ").append(key(example.name())).append(":\n      value:");
            yaml.value(example.value(), 6);
        }
        return yaml.out.toString();
    }

    private void comment(String text, int indent) {
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (line.length() > 0 && indent + 2 + line.length() + 1 + word.length() > WIDTH) {
                out.append(" ".repeat(indent)).append("# ").append(line).append('\n');
                line.setLength(0);
            }
            line.append(line.length() > 0 ? " " : "").append(word);
        }
        out.append(" ".repeat(indent)).append("# ").append(line).append('\n');
    }

    /** Writes a value after "key:" or "-" at {@code indent}: on the same line if it is a scalar. */
    private void value(JsonNode node, int indent) {
        if (node.isObject() && !node.isEmpty()) {
            out.append('\n');
            mapping(node, indent + 2, false);
        } else if (node.isArray() && !node.isEmpty()) {
            String flow = flow(node);
            if (flow != null && indent + flow.length() < WIDTH) {
                out.append(' ').append(flow).append('\n');
            } else {
                out.append('\n');
                sequence(node, indent + 2, false);
            }
        } else {
            out.append(' ').append(scalar(node, indent + 2)).append('\n');
        }
    }

    private void mapping(JsonNode node, int indent, boolean continuesLine) {
        boolean first = true;
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!(first && continuesLine)) {
                out.append(" ".repeat(indent));
            }
            first = false;
            out.append(key(field.getKey())).append(':');
            value(field.getValue(), indent);
        }
    }

    private void sequence(JsonNode node, int indent, boolean continuesLine) {
        boolean first = true;
        for (JsonNode item : node) {
            if (!(first && continuesLine)) {
                out.append(" ".repeat(indent));
            }
            first = false;
            out.append('-');
            if (item.isObject() && !item.isEmpty()) {
                out.append(' ');
                mapping(item, indent + 2, true);
            } else if (item.isArray() && !item.isEmpty() && flow(item) == null) {
                out.append(' ');
                sequence(item, indent + 2, true);
            } else {
                value(item, indent);
            }
        }
    }

    /** An array of numbers or plain words as {@code [a, b]}, or null if it holds anything else. */
    private static String flow(JsonNode array) {
        StringBuilder flow = new StringBuilder("[");
        for (JsonNode item : array) {
            String text;
            if (item.isNumber() || item.isBoolean()) {
                text = scalar(item, 0);
            } else if (item.isTextual() && plain(item.asText()) && !item.asText().contains(",")) {
                text = item.asText();
            } else {
                return null;
            }
            flow.append(flow.length() > 1 ? ", " : "").append(text);
        }
        return flow.append(']').toString();
    }

    /** A scalar; text that spans lines continues at {@code indent}. */
    private static String scalar(JsonNode node, int indent) {
        if (node.isNull()) {
            return "null";
        }
        if (node.isObject()) {
            return "{}";
        }
        if (node.isArray()) {
            return "[]";
        }
        if (node.isBoolean() || node.isIntegralNumber()) {
            return node.asText();
        }
        if (node.isNumber()) {
            // Plain decimals, as the CSV shows them, rather than Java's 6.887872905950256E9.
            String decimal = BigDecimal.valueOf(node.doubleValue()).toPlainString();
            return decimal.contains(".") ? decimal : decimal + ".0";
        }
        String text = node.asText();
        if (plain(text) && text.length() <= WIDTH) {
            return text;
        }
        if (text.indexOf('\n') >= 0 && literal(text)) {
            return literalBlock(text, indent);
        }
        if (text.indexOf('\n') < 0 && foldable(text)) {
            return folded(text, indent);
        }
        return quoted(text, indent);
    }

    private static String key(String key) {
        return PLAIN_KEY.matcher(key).matches() && !RESERVED.contains(key.toLowerCase(Locale.ROOT))
                ? key : quoted(key, 0);
    }

    private static boolean plain(String text) {
        return PLAIN.matcher(text).matches() && !text.endsWith(" ")
                && !RESERVED.contains(text.toLowerCase(Locale.ROOT));
    }

    private static boolean printable(String text, boolean newlines) {
        return text.chars().allMatch(c -> (c >= 0x20 && c != 0x7f) || (newlines && c == '\n'));
    }

    /** Lines that a literal block keeps as they are: no CR, tab or other control character, no leading blank. */
    private static boolean literal(String text) {
        // A block takes its indentation from its first line that is not empty.
        String firstLine = text.lines().filter(line -> !line.isEmpty()).findFirst().orElse(" ");
        return printable(text, true) && !firstLine.startsWith(" ");
    }

    private static String literalBlock(String text, int indent) {
        int trailing = 0;
        while (trailing < text.length() && text.charAt(text.length() - 1 - trailing) == '\n') {
            trailing++;
        }
        String chomp = trailing == 0 ? "-" : trailing == 1 ? "" : "+";
        StringBuilder block = new StringBuilder("|").append(chomp);
        for (String line : text.substring(0, text.length() - trailing).split("\n", -1)) {
            block.append('\n');
            if (!line.isEmpty()) {
                block.append(" ".repeat(indent)).append(line);
            }
        }
        return block.append("\n".repeat(Math.max(0, trailing - 1))).toString();
    }

    /** One long line of words that folding at single spaces gives back unchanged. */
    private static boolean foldable(String text) {
        return text.length() > WIDTH && printable(text, false) && !text.contains("  ")
                && !text.startsWith(" ") && !text.endsWith(" ");
    }

    private static String folded(String text, int indent) {
        StringBuilder block = new StringBuilder(">-");
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (line.length() > 0 && indent + line.length() + 1 + word.length() > WIDTH) {
                block.append('\n').append(" ".repeat(indent)).append(line);
                line.setLength(0);
            }
            line.append(line.length() > 0 ? " " : "").append(word);
        }
        return block.append('\n').append(" ".repeat(indent)).append(line).toString();
    }

    /** Double-quoted, with escapes; a line break in the text also breaks the line here (an escaped break). */
    private static String quoted(String text, int indent) {
        StringBuilder quoted = new StringBuilder("\"");
        boolean lineStart = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (lineStart) {
                // An escaped line break drops the next line's leading blanks: escape a first blank.
                quoted.append("\\\n").append(" ".repeat(indent));
                if (c == ' ') {
                    quoted.append("\\x20");
                    lineStart = false;
                    continue;
                }
                lineStart = false;
            }
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> {
                    quoted.append("\\n");
                    lineStart = i < text.length() - 1;
                }
                case '\r' -> quoted.append("\\r");
                case '\t' -> quoted.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        quoted.append(String.format("\\u%04x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }
}
