package io.siocluster.core.cluster.internal;

import org.slf4j.Logger;

/**
 * Logging for what a peer (or anyone who can write to the bus) can cause at any rate: the 1st, 2nd, 4th,
 * 8th... occurrence at WARN and the others at DEBUG, so that garbage cannot flood the log. The caller
 * counts every occurrence (in {@code ClusterStats}).
 */
public final class RareLog {

    private RareLog() {
    }

    /** Logs {@code format} at WARN when {@code occurrence} is a power of two, else at DEBUG. */
    public static void warn(Logger log, long occurrence, String format, Object... args) {
        if (Long.bitCount(occurrence) == 1) {
            log.warn(format + " (occurrence " + occurrence + "; further ones until the next power of two at DEBUG)", args);
        } else {
            log.debug(format, args);
        }
    }
}
