package io.siocluster.core.cluster.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A budget of log lines per minute for one kind of event (a drop reason, an overloaded queue): whatever the rate
 * of events, at most {@code linesPerMinute} of them get a line, and each line can say how many were left out
 * since the one before. A clock that goes back starts a new minute. Thread-safe.
 */
public final class LineBudget {

    private static final Duration WINDOW = Duration.ofMinutes(1);

    private final Clock clock;
    private final int linesPerMinute;
    private Instant start = Instant.MIN;
    private int lines;
    private long unlogged;

    public LineBudget(Clock clock, int linesPerMinute) {
        this.clock = clock;
        this.linesPerMinute = linesPerMinute;
    }

    /** Takes a line from the budget: how many events were left out since the last line, or -1 when over budget. */
    public synchronized long admit() {
        Instant now = clock.instant();
        if (!now.isBefore(start.plus(WINDOW)) || now.isBefore(start)) {
            start = now;
            lines = 0;
        }
        if (lines >= linesPerMinute) {
            unlogged++;
            return -1;
        }
        lines++;
        long left = unlogged;
        unlogged = 0;
        return left;
    }
}
