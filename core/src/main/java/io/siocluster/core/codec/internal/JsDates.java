package io.siocluster.core.codec.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A msgpack timestamp the way a Node peer ends up showing it. {@code @msgpack/msgpack} decodes the
 * timestamp extension to a {@code Date}, and Socket.IO sends a {@code Date} to clients as
 * {@code toISOString()} text; Java has no {@code Date} value in the protocol, so it gets that text.
 */
final class JsDates {

    /** ECMAScript's time value range: 8.64e15 ms either side of the epoch. */
    private static final double MAX_TIME_VALUE = 8.64e15;

    private JsDates() {
    }

    /** {@code new Date(ms).toISOString()}, or null for an invalid date (which {@code JSON.stringify} writes as null). */
    static @Nullable String isoString(Instant instant) {
        // the decoder computes sec * 1e3 + nsec / 1e6 in doubles, and Date truncates toward zero
        double ms = instant.getEpochSecond() * 1e3 + instant.getNano() / 1e6;
        if (!(Math.abs(ms) <= MAX_TIME_VALUE)) {
            return null;
        }
        ZonedDateTime t = Instant.ofEpochMilli((long) ms).atZone(ZoneOffset.UTC);
        int year = t.getYear();
        String y = year >= 0 && year <= 9999 ? String.format(Locale.ROOT, "%04d", year)
                : (year < 0 ? "-" : "+") + String.format(Locale.ROOT, "%06d", Math.abs(year));
        return String.format(Locale.ROOT, "%s-%02d-%02dT%02d:%02d:%02d.%03dZ", y, t.getMonthValue(), t.getDayOfMonth(),
                t.getHour(), t.getMinute(), t.getSecond(), t.getNano() / 1_000_000);
    }
}
