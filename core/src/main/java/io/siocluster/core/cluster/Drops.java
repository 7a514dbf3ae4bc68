package io.siocluster.core.cluster;

import io.siocluster.core.cluster.ClusterStats.DropReason;
import io.siocluster.core.cluster.internal.LineBudget;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts every drop in {@link ClusterStats} and logs at most {@value #LINES_PER_MINUTE} WARN lines per minute
 * per reason (the rest at DEBUG): anyone who can write to the bus can cause drops at any rate, and must not
 * be able to flood the log. Each WARN line says how many were left out since the previous one.
 */
final class Drops {

    static final int LINES_PER_MINUTE = 3;

    private static final Logger LOG = LoggerFactory.getLogger(Drops.class);

    private final ClusterStats stats;
    private final LineBudget[] budgets = new LineBudget[DropReason.values().length];

    Drops(ClusterStats stats, Clock clock) {
        this.stats = stats;
        for (int i = 0; i < budgets.length; i++) {
            budgets[i] = new LineBudget(clock, LINES_PER_MINUTE);
        }
    }

    /**
     * Counts one drop for {@code reason} and logs {@code format} (SLF4J style), at DEBUG when over the rate.
     *
     * @return whether it was logged at WARN
     */
    boolean record(DropReason reason, String format, Object... args) {
        stats.dropped(reason);
        return log(reason, format, args);
    }

    /** Counts {@code count} drops for {@code reason} at once and logs one line, as {@link #record} does. */
    boolean recordCount(DropReason reason, long count, String format, Object... args) {
        stats.dropped(reason, count);
        return log(reason, format, args);
    }

    /** Logs a drop already counted, at DEBUG when over the rate; returns whether it was logged at WARN. */
    boolean log(DropReason reason, String format, Object... args) {
        long total = stats.drops(reason);
        long unlogged = budgets[reason.ordinal()].admit();
        if (unlogged < 0) {
            LOG.debug(format, args);
            return false;
        }
        LOG.warn(format + " (" + reason + ": " + total + " in all, " + unlogged
                + " more since the last line; at most " + LINES_PER_MINUTE + " lines a minute)", args);
        return true;
    }
}
