package dev.concurrency.playground.api.experiment;

import java.util.OptionalInt;

/**
 * Reads the {@code wait} preference of an RFC 7240 {@code Prefer} header, e.g.
 * {@code Prefer: respond-async, wait=30}.
 */
final class PreferWait {

    private PreferWait() {
    }

    /**
     * The requested wait in seconds, capped at {@code max}; empty when the header asks for no wait or
     * the wait is not a positive whole number. RFC 7240 lets a server ignore a preference it cannot
     * honour, which is kinder to clients than refusing the whole request.
     */
    static OptionalInt parse(String header, int max) {
        if (header == null) {
            return OptionalInt.empty();
        }
        for (String preference : header.split("[,;]")) {
            String[] pair = preference.trim().split("=", 2);
            if (pair.length == 2 && pair[0].trim().equalsIgnoreCase("wait")) {
                String value = pair[1].trim().replace("\"", "");
                try {
                    long seconds = Long.parseLong(value);
                    if (seconds >= 1) {
                        return OptionalInt.of((int) Math.min(seconds, max));
                    }
                } catch (NumberFormatException e) {
                    return OptionalInt.empty();
                }
                return OptionalInt.empty();
            }
        }
        return OptionalInt.empty();
    }
}
