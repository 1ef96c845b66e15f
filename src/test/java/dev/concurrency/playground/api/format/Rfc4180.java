package dev.concurrency.playground.api.format;

import java.util.ArrayList;
import java.util.List;

/**
 * A strict RFC 4180 reader for tests, independent of the writers: fields separated by commas, records
 * ended by CRLF (the last one too), a field holding a comma, a double quote, CR or LF must be quoted, and
 * a double quote inside a quoted field is doubled. Anything else is refused.
 */
final class Rfc4180 {

    private Rfc4180() {
    }

    static List<List<String>> parse(String text) {
        List<List<String>> records = new ArrayList<>();
        if (text.isEmpty()) {
            return records;
        }
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = 0;
        int n = text.length();
        while (true) {
            if (i < n && text.charAt(i) == '"') {
                i++;
                while (true) {
                    if (i >= n) {
                        throw new IllegalArgumentException("unterminated quoted field");
                    }
                    char c = text.charAt(i++);
                    if (c != '"') {
                        field.append(c);
                    } else if (i < n && text.charAt(i) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        break;
                    }
                }
            } else {
                while (i < n && ",\r\n".indexOf(text.charAt(i)) < 0) {
                    char c = text.charAt(i++);
                    if (c == '"') {
                        throw new IllegalArgumentException("double quote in an unquoted field at " + (i - 1));
                    }
                    field.append(c);
                }
            }
            record.add(field.toString());
            field.setLength(0);
            if (i >= n) {
                throw new IllegalArgumentException("the last record does not end in CRLF");
            }
            if (text.charAt(i) == ',') {
                i++;
            } else if (text.startsWith("\r\n", i)) {
                i += 2;
                records.add(record);
                record = new ArrayList<>();
                if (i == n) {
                    return records;
                }
            } else {
                throw new IllegalArgumentException("unexpected character " + (int) text.charAt(i) + " at " + i);
            }
        }
    }
}
