package io.siocluster.redis.internal;

import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/**
 * A bounded log for things a peer or a stranger can cause at any rate (malformed stream entries): the 1st,
 * 2nd, 4th, 8th... occurrence at WARN with the count, the others at DEBUG, so the log stays small and the
 * count stays visible.
 */
final class RareLog {

    private final Logger log;
    private final AtomicLong count = new AtomicLong();

    RareLog(Logger log) {
        this.log = log;
    }

    void log(String format, Object... args) {
        long n = count.incrementAndGet();
        if (Long.bitCount(n) == 1) {
            log.warn(format + " (occurrence " + n + "; until the next power of two further ones go to DEBUG)", args);
        } else {
            log.debug(format, args);
        }
    }

    long count() {
        return count.get();
    }
}
