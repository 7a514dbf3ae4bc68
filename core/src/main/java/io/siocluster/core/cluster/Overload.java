package io.siocluster.core.cluster;

import io.siocluster.core.cluster.ClusterStats.Queue;
import io.siocluster.core.cluster.internal.LineBudget;
import io.siocluster.spi.messaging.OverloadPolicy;
import java.time.Clock;
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

    private final ClusterStats stats;
    private final ClusterOptions options;
    private final LineBudget[] budgets = new LineBudget[Queue.values().length];
    private final LineBudget overflows;

    Overload(ClusterStats stats, ClusterOptions options) {
        this.stats = stats;
        Clock clock = options.clock();
        this.options = options;
        for (int i = 0; i < budgets.length; i++) {
            budgets[i] = new LineBudget(clock, LINES_PER_MINUTE);
        }
        this.overflows = new LineBudget(clock, LINES_PER_MINUTE);
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
        long unlogged = overflows.admit();
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
        long unlogged = budgets[queue.ordinal()].admit();
        if (unlogged < 0) {
            return false;
        }
        LOG.warn("overloaded: a message waited {} ms to be {} (threshold {} ms; {} delayed in all, {} more since the"
                + " last line; at most {} lines a minute): {}", nanos / 1_000_000,
                queue == Queue.PUBLISH ? "published" : "handled", options.overloadThreshold().toMillis(),
                stats.delayedMessages(queue), unlogged, LINES_PER_MINUTE, advice(queue));
        return true;
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
