package io.siocluster.core.cluster;

import io.siocluster.core.cluster.ClusterStats.Queue;
import io.siocluster.spi.messaging.OverloadPolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The overload signal: records how long each message waited to be published or handled in {@link ClusterStats},
 * and says so at WARN, at most {@value #LINES_PER_MINUTE} lines a minute per queue, when one waited longer than
 * {@link ClusterOptions#overloadThreshold()}. Each line carries the running count, the wait, and what the node
 * does at its bound, so one line is enough to act on.
 */
final class Overload {

    static final int LINES_PER_MINUTE = 3;

    private static final Logger LOG = LoggerFactory.getLogger(Overload.class);
    private static final Duration WINDOW = Duration.ofMinutes(1);

    private static final class Window {
        Instant start = Instant.MIN;
        int lines;
        long unlogged;
    }

    private final ClusterStats stats;
    private final Clock clock;
    private final ClusterOptions options;
    private final Window[] windows = new Window[Queue.values().length];
    private final Window overflows = new Window();

    Overload(ClusterStats stats, ClusterOptions options) {
        this.stats = stats;
        this.clock = options.clock();
        this.options = options;
        for (int i = 0; i < windows.length; i++) {
            windows[i] = new Window();
        }
    }

    /**
     * A message waited {@code nanos} from the publish call until the transport confirmed it.
     *
     * @return whether a WARN line was written
     */
    boolean published(long nanos) {
        return record(Queue.PUBLISH, nanos);
    }

    /** A message waited {@code nanos} from its arrival until the node handled it (or dropped it); as {@link #published}. */
    boolean delivered(long nanos) {
        return record(Queue.DELIVERY, nanos);
    }

    /**
     * The outbound policy refused or dropped a message because {@link ClusterOptions#maxPendingOutbound()} waited
     * behind a blob; counted, and logged at most {@value #LINES_PER_MINUTE} lines a minute.
     *
     * @return whether a WARN line was written
     */
    boolean overflowed() {
        long total = stats.outboundOverflow();
        long unlogged = admit(overflows);
        if (unlogged < 0) {
            return false;
        }
        LOG.warn("overloaded: {} messages wait to be published behind a blob being stored (maxPendingOutbound), so the"
                + " outbound policy {} {} ({} in all, {} more since the last line; at most {} lines a minute); each is"
                + " also counted as PUBLISH_FAILED", options.maxPendingOutbound(), options.outboundPolicy(),
                options.outboundPolicy() == OverloadPolicy.REJECT
                        ? "refused a new one" : "dropped the oldest", total, unlogged, LINES_PER_MINUTE);
        return true;
    }

    private boolean record(Queue queue, long nanos) {
        if (!stats.waited(queue, nanos)) {
            return false;
        }
        long unlogged = admit(windows[queue.ordinal()]);
        if (unlogged < 0) {
            return false;
        }
        LOG.warn("overloaded: a message waited {} ms to be {} (threshold {} ms; {} delayed in all, {} more since the"
                + " last line; at most {} lines a minute): {}", nanos / 1_000_000,
                queue == Queue.PUBLISH ? "published" : "handled", options.overloadThreshold().toMillis(),
                stats.delayedMessages(queue), unlogged, LINES_PER_MINUTE, advice(queue));
        return true;
    }

    /** Takes a line from {@code window}'s budget: how many were left out since the last line, or -1 over budget. */
    private long admit(Window window) {
        synchronized (window) {
            Instant now = clock.instant();
            if (!now.isBefore(window.start.plus(WINDOW)) || now.isBefore(window.start)) {
                window.start = now;
                window.lines = 0;
            }
            if (window.lines >= LINES_PER_MINUTE) {
                window.unlogged++;
                return -1;
            }
            window.lines++;
            long unlogged = window.unlogged;
            window.unlogged = 0;
            return unlogged;
        }
    }

    private String advice(Queue queue) {
        if (queue == Queue.PUBLISH) {
            return "the transport (or the network to it) is slow or not keeping up with this node's publishes; beyond "
                    + options.maxPendingOutbound() + " waiting behind a blob the outbound policy " + options.outboundPolicy()
                    + " applies, and the transport's own queue has its bound and policy";
        }
        return "this node is not keeping up with what it receives; at " + options.maxPendingInbound()
                + " waiting (maxPendingInbound) the transport's delivery thread waits and the bus holds the rest";
    }
}
