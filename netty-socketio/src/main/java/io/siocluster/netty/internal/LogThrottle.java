package io.siocluster.netty.internal;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Lets at most a few log lines of one kind through per window (a minute, say), so that what a client or a bad
 * value can repeat at will cannot flood the log; it counts the lines it held back so the next one can say so.
 */
final class LogThrottle {

    /** {@link #admit()}'s answer when the line must not be logged. */
    static final long HOLD = -1;

    private final int linesPerWindow;
    private final long windowNanos;
    private final LongSupplier nanoClock;
    private long windowStart;
    private int lines;
    private long heldBack;

    LogThrottle(int linesPerWindow, Duration window, LongSupplier nanoClock) {
        this.linesPerWindow = linesPerWindow;
        this.windowNanos = window.toNanos();
        this.nanoClock = nanoClock;
        this.windowStart = nanoClock.getAsLong();
    }

    /** {@link #HOLD} when this line must not be logged, else how many lines were held back since the last one. */
    synchronized long admit() {
        long now = nanoClock.getAsLong();
        if (now - windowStart >= windowNanos) {
            windowStart = now;
            lines = 0;
        }
        if (lines >= linesPerWindow) {
            heldBack++;
            return HOLD;
        }
        lines++;
        long held = heldBack;
        heldBack = 0;
        return held;
    }
}
